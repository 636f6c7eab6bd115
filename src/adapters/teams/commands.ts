import type { Role } from '../../domain/person';
import type { Locale } from '../../i18n';

/**
 * The bot's text commands. Each is recognised in both languages whatever the client's locale;
 * `words[locale][0]` is what help shows. `roles` are the roles that may use it (and see it in help); a command
 * with `answersOthers` runs for anyone and refuses others itself with the precise reason from stored state.
 */
export const COMMANDS = [
  { id: 'help', words: { sv: ['hjälp', 'meny'], en: ['help', 'menu'] }, roles: ['employee'] },
  { id: 'about', words: { sv: ['om programmet', 'om'], en: ['about'] }, roles: ['employee'] },
  { id: 'whoami', words: { sv: ['vem är jag'], en: ['who am i', 'whoami'] }, roles: ['employee'] },
  { id: 'apply', words: { sv: ['ansök', 'ny ansökan'], en: ['apply'] }, roles: ['employee'] },
  { id: 'status', words: { sv: ['status', 'mina ansökningar', 'min ansökan'], en: ['my application', 'my applications'] }, roles: ['employee'] },
  { id: 'edit', words: { sv: ['ändra', 'ändra ansökan'], en: ['edit', 'change'] }, roles: ['employee'] },
  { id: 'withdraw', words: { sv: ['dra tillbaka', 'återkalla'], en: ['withdraw'] }, roles: ['employee'] },
  { id: 'approvals', words: { sv: ['att godkänna', 'godkänna'], en: ['approvals', 'to approve'] }, roles: ['manager', 'hrContact'] },
  { id: 'reviews', words: { sv: ['att bedöma', 'bedöma'], en: ['reviews', 'to review'] }, roles: ['juror'] },
  { id: 'jury', words: { sv: ['jury', 'juryn'], en: ['jury'] }, roles: ['coordinator'] },
  { id: 'openRound', words: { sv: ['öppna juryrunda', 'öppna jury'], en: ['open jury round'] }, roles: ['coordinator'] },
  { id: 'lockRound', words: { sv: ['lås juryrunda'], en: ['lock jury round'] }, roles: ['coordinator'] },
  { id: 'ranking', words: { sv: ['rangordning', 'ranking'], en: ['ranking'] }, roles: ['coordinator'] },
  { id: 'remindJury', words: { sv: ['påminn jury', 'påminn juryn'], en: ['remind jury'] }, roles: ['coordinator'] },
  { id: 'lockSelection', words: { sv: ['lås urval', 'lås urvalet'], en: ['lock selection'] }, roles: ['coordinator'] },
  { id: 'newCohort', words: { sv: ['ny kohort'], en: ['new cohort'] }, roles: ['coordinator'] },
  { id: 'editCohort', words: { sv: ['ändra kohort'], en: ['edit cohort'] }, roles: ['coordinator'] },
  { id: 'openIntake', words: { sv: ['öppna intag', 'öppna intaget'], en: ['open intake'] }, roles: ['coordinator'] },
  { id: 'closeIntake', words: { sv: ['stäng intag', 'stäng intaget'], en: ['close intake'] }, roles: ['coordinator'] },
  { id: 'startPhase', words: { sv: ['starta fas'], en: ['start phase'] }, roles: ['coordinator'] },
  { id: 'gate', words: { sv: ['gallring'], en: ['gate'] }, roles: ['coordinator'] },
  { id: 'outcome', words: { sv: ['utfall'], en: ['outcome'] }, roles: ['coordinator'] },
  { id: 'show', words: { sv: ['visa'], en: ['show'] }, roles: ['coordinator'] },
  { id: 'log', words: { sv: ['logg'], en: ['log'] }, roles: ['coordinator'] },
  { id: 'statistics', words: { sv: ['statistik'], en: ['statistics', 'stats'] }, roles: ['coordinator'] },
  { id: 'report', words: { sv: ['rapport'], en: ['report'] }, roles: ['coordinator', 'steeringGroup'] },
  // Shown to participants; others are answered by the command itself, which knows why (no budget yet, programme over).
  { id: 'expense', words: { sv: ['utlägg'], en: ['expense'] }, roles: ['participant'], answersOthers: true },
  { id: 'roles', words: { sv: ['samordnare'], en: ['coordinator'] }, roles: ['coordinator'] },
  { id: 'steeringGroup', words: { sv: ['styrgrupp', 'styrgruppen'], en: ['steering group'] }, roles: ['coordinator'] },
  { id: 'hr', words: { sv: ['hr'], en: ['hr'] }, roles: ['coordinator'] },
  { id: 'mentor', words: { sv: ['mentor'], en: ['mentor'] }, roles: ['coordinator'] },
  { id: 'sponsor', words: { sv: ['sponsor', 'affärsängel'], en: ['sponsor'] }, roles: ['coordinator'] },
  { id: 'applications', words: { sv: ['ansökningar'], en: ['applications'] }, roles: ['coordinator'] },
  { id: 'cohorts', words: { sv: ['kohorter'], en: ['cohorts'] }, roles: ['coordinator'] },
  // Managers (reports in the directory); whom they may recommend is decided from the directory again, per person.
  { id: 'recommend', words: { sv: ['rekommendera'], en: ['recommend'] }, roles: ['manager'] },
  { id: 'candidateMeeting', words: { sv: ['kandidatmöte'], en: ['candidate meeting'] }, roles: ['coordinator'] },
  { id: 'candidateMeetings', words: { sv: ['kandidatmöten'], en: ['candidate meetings'] }, roles: ['coordinator'] },
  { id: 'meetingNote', words: { sv: ['anteckning'], en: ['note'] }, roles: ['coordinator'] },
  { id: 'participants', words: { sv: ['deltagare'], en: ['participants'] }, roles: ['hrContact', 'coordinator'] },
  { id: 'announce', words: { sv: ['kungörelse', 'kungör'], en: ['announce', 'announcement'] }, roles: ['coordinator'] },
  { id: 'reportSchedule', words: { sv: ['rapportschema'], en: ['report schedule'] }, roles: ['coordinator'] },
  { id: 'followUpQuestions', words: { sv: ['uppföljningsfrågor'], en: ['follow-up questions', 'follow up questions'] }, roles: ['coordinator'] },
  // Disposal (gallring, ADR 0018); `gallring` alone is the gate after phase 1.
  { id: 'disposal', words: { sv: ['gallringsplan', 'bevarande'], en: ['disposal', 'retention'] }, roles: ['coordinator'] },
  { id: 'holdDisposal', words: { sv: ['spärra gallring'], en: ['hold disposal'] }, roles: ['coordinator'] },
  { id: 'releaseHold', words: { sv: ['häv spärr'], en: ['release hold'] }, roles: ['coordinator'] },
  // Personal data (ADR 0019): everyone's own extract and the privacy notice; a named person's extract and restriction for coordinators.
  { id: 'myData', words: { sv: ['mina uppgifter'], en: ['my data'] }, roles: ['employee'] },
  { id: 'dataExtract', words: { sv: ['registerutdrag'], en: ['data extract'] }, roles: ['coordinator'] },
  { id: 'restrict', words: { sv: ['begränsa'], en: ['restrict'] }, roles: ['coordinator'] },
  { id: 'unrestrict', words: { sv: ['häv begränsning'], en: ['unrestrict'] }, roles: ['coordinator'] },
  { id: 'privacy', words: { sv: ['integritet', 'personuppgifter'], en: ['privacy'] }, roles: ['employee'] },
] as const satisfies readonly { id: string; words: Record<Locale, readonly string[]>; roles: readonly Role[]; answersOthers?: boolean }[];

export type CommandId = (typeof COMMANDS)[number]['id'];
export type Command = (typeof COMMANDS)[number];

export type ParsedCommand =
  | { readonly kind: 'command'; readonly command: Command; readonly args: string }
  | { readonly kind: 'unknown'; readonly input: string; readonly suggestion?: Command }
  | { readonly kind: 'empty' };

/**
 * The longest text read as a command (the longest command with its arguments is well under 200 characters).
 * Longer messages get a short answer without being parsed; every operation on the rest is linear.
 */
export const MAX_COMMAND_LENGTH = 1000;

/** Teams' HTML formatting (`<p>`, `<at>`…) removed, in one pass: `<[^<>]*>` cannot backtrack over a `<a<a<a…` run. */
export function stripTags(input: string): string {
  return input.replace(/<[^<>]*>/g, ' ');
}

const TRAILING_PUNCTUATION = new Set(['.', '!', '?', ',', ';', ':', ' ']);

/** Lower case, no diacritics, single spaces, no trailing punctuation: how a person's typing is compared. */
export function normalise(input: string): string {
  const text = input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
  // A loop, not /[.!?]+$/: that regex is quadratic on a long run of dots that does not end the text.
  let end = text.length;
  while (end > 0 && TRAILING_PUNCTUATION.has(text[end - 1] as string)) end--;
  return text.slice(0, end);
}

/**
 * Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment).
 * O(|a|·|b|): callers compare only strings of a command's length.
 */
export function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.MAX_SAFE_INTEGER;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(at(i, j), at(i - 2, j - 2) + 1);
    }
  }
  return at(a.length, b.length);
}

/**
 * The raw text after its first `count` words, however they were spaced ("starta  fas 1" → "1"): the command's words
 * are counted, not its normalised length. Linear: each token is one run of non-space then one run of space.
 */
function afterWords(input: string, count: number): string {
  const head = new RegExp(`^\\s*(?:\\S+\\s+){${count}}`).exec(input);
  return head ? input.slice(head[0].length).trim() : '';
}

/** Recognises a command (exact words, then the longest word that starts the text); else suggests the nearest. */
export function parseCommand(input: string): ParsedCommand {
  const text = normalise(input);
  if (!text) return { kind: 'empty' };
  const candidates = COMMANDS.flatMap((command) =>
    [...command.words.sv, ...command.words.en].map((word) => ({ command, word: normalise(word) })),
  ).sort((a, b) => b.word.length - a.word.length);

  for (const { command, word } of candidates) {
    if (text === word) return { kind: 'command', command, args: '' };
    if (text.startsWith(word + ' ')) return { kind: 'command', command, args: afterWords(input, word.split(' ').length) };
  }

  let best: { command: Command; d: number } | undefined;
  const words = text.split(' ', 8);
  for (const { command, word } of candidates) {
    const head = words.slice(0, word.split(' ').length).join(' ');
    // More than two letters longer or shorter is more than two edits away: not worth the comparison.
    if (Math.abs(head.length - word.length) > 2) continue;
    const d = distance(head, word);
    const allowed = word.length <= 4 ? 1 : 2;
    if (d <= allowed && (!best || d < best.d)) best = { command, d };
  }
  return best ? { kind: 'unknown', input: input.trim(), suggestion: best.command } : { kind: 'unknown', input: input.trim() };
}

export function mayUse(command: Command, roles: ReadonlySet<Role>): boolean {
  return command.roles.some((r) => roles.has(r));
}
