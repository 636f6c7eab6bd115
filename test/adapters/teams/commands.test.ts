import { COMMANDS, mayUse, parseCommand } from '../../../src/adapters/teams/commands';
import type { Role } from '../../../src/domain/person';

describe('parseCommand', () => {
  it.each([
    ['hjälp', 'help', ''],
    ['Hjälp', 'help', ''],
    ['  HJÄLP  ', 'help', ''],
    ['hjalp', 'help', ''],
    ['help', 'help', ''],
    ['help!', 'help', ''],
    ['meny', 'help', ''],
    ['om programmet', 'about', ''],
    ['om   programmet', 'about', ''],
    ['om', 'about', ''],
    ['about', 'about', ''],
    ['vem är jag?', 'whoami', ''],
    ['Vem är jag', 'whoami', ''],
    ['who am i', 'whoami', ''],
    ['whoami', 'whoami', ''],
    ['kohorter', 'cohorts', ''],
    ['Kohorter pilot 1', 'cohorts', 'pilot 1'],
    ['cohorts', 'cohorts', ''],
    // Defect "starta  fas 1": the raw text was cut by the normalised word's length and gave "s 1".
    ['starta  fas 1', 'startPhase', '1'],
    ['  Starta \t fas   2 ', 'startPhase', '2'],
    ['utlägg  1 200  prototyp', 'expense', '1 200  prototyp'],
    // The English word is two words; what follows it is the arguments, however spaced.
    ['steering  group add a@b.se', 'steeringGroup', 'add a@b.se'],
    ['styrgrupp ta bort a@b.se', 'steeringGroup', 'ta bort a@b.se'],
    ['Styrgruppen lägg till a@b.se', 'steeringGroup', 'lägg till a@b.se'],
    ['rekommendera  a@b.se  Hon har  en idé.', 'recommend', 'a@b.se  Hon har  en idé.'],
    ['anteckning  A-7K3QX2  Bra  möte.', 'meetingNote', 'A-7K3QX2  Bra  möte.'],
    ['kandidatmoten', 'candidateMeetings', ''],
  ])('recognises %j as %s', (input, id, args) => {
    const parsed = parseCommand(input);
    expect(parsed).toMatchObject({ kind: 'command', command: { id }, args });
  });

  it.each([
    ['hjälpp', 'help'],
    ['hälp', 'help'],
    ['hepl', 'help'],
    ['kohoter', 'cohorts'],
    ['kohorterr', 'cohorts'],
    ['cohorst', 'cohorts'],
    ['vem ar jg', 'whoami'],
    ['abuot', 'about'],
    ['rangordnig', 'ranking'],
    ['galring', 'gate'],
    ['statstik', 'statistics'],
    ['öpna intag', 'openIntake'],
    ['lås urvall', 'lockSelection'],
    ['utläg', 'expense'],
    ['styrgupp', 'steeringGroup'],
    ['steering gruop', 'steeringGroup'],
  ])('suggests the nearest command for the typo %j', (input, id) => {
    expect(parseCommand(input)).toMatchObject({ kind: 'unknown', suggestion: { id } });
  });

  it.each(['kvarglupp', 'jag vill ha kaffe', 'x'])('has no suggestion for %j', (input) => {
    const parsed = parseCommand(input);
    expect(parsed.kind).toBe('unknown');
    expect(parsed.kind === 'unknown' && parsed.suggestion).toBeUndefined();
  });

  it.each(['', '   ', '!!!'])('treats %j as empty', (input) => {
    expect(parseCommand(input)).toEqual({ kind: 'empty' });
  });
});

describe('who may use what', () => {
  const only = (...roles: Role[]) => new Set<Role>(roles);
  it.each([
    ['help', only('employee'), true],
    ['cohorts', only('employee'), false],
    ['cohorts', only('employee', 'manager', 'juror', 'hrContact'), false],
    ['cohorts', only('employee', 'coordinator'), true],
  ] as const)('%s for %p: %s', (id, roles, allowed) => {
    const command = COMMANDS.find((c) => c.id === id);
    if (!command) throw new Error(`no command ${id}`);
    expect(mayUse(command, roles)).toBe(allowed);
  });
});

describe('every command, typed the way people type it', () => {
  /** Written out by hand: each command, a Swedish and an English way to type it, and who may use it. */
  const TABLE: [string, string, string, readonly Role[]][] = [
    ['help', '  Hjälp ', 'HELP', ['employee']],
    ['about', 'om  programmet', 'About', ['employee']],
    ['whoami', 'vem är jag?', 'who am i', ['employee']],
    ['apply', 'Ansök!', 'apply', ['employee']],
    ['status', 'mina ansökningar', 'my application', ['employee']],
    ['edit', 'ändra', 'change', ['employee']],
    ['withdraw', 'dra  tillbaka', 'withdraw', ['employee']],
    ['approvals', 'att godkänna', 'approvals', ['manager', 'hrContact']],
    ['reviews', 'att bedöma', 'reviews', ['juror']],
    ['jury', 'jury lägg till a@b.se', 'jury add a@b.se', ['coordinator']],
    ['openRound', 'öppna juryrunda', 'open jury round', ['coordinator']],
    ['lockRound', 'lås juryrunda', 'lock jury round', ['coordinator']],
    ['ranking', 'rangordning', 'ranking', ['coordinator']],
    ['remindJury', 'påminn jury', 'remind jury', ['coordinator']],
    ['lockSelection', 'lås urval', 'lock selection', ['coordinator']],
    ['newCohort', 'ny kohort', 'new cohort', ['coordinator']],
    ['editCohort', 'ändra kohort', 'edit cohort', ['coordinator']],
    ['openIntake', 'öppna intag', 'open intake', ['coordinator']],
    ['closeIntake', 'stäng intag', 'close intake', ['coordinator']],
    ['startPhase', 'starta fas 1', 'start phase 2', ['coordinator']],
    ['gate', 'gallring', 'gate', ['coordinator']],
    ['outcome', 'utfall A-7K3QX2', 'outcome A-7K3QX2', ['coordinator']],
    ['show', 'visa A-7K3QX2', 'show A-7K3QX2', ['coordinator']],
    ['log', 'logg A-7K3QX2', 'log A-7K3QX2', ['coordinator']],
    ['statistics', 'statistik', 'statistics', ['coordinator']],
    ['report', 'rapport', 'report', ['coordinator', 'steeringGroup']],
    ['expense', 'utlägg 1 200 prototyp', 'expense 1200 prototype', ['participant']],
    ['cohorts', 'kohorter', 'cohorts', ['coordinator']],
    ['participants', 'deltagare Höganäs', 'participants', ['hrContact', 'coordinator']],
    ['announce', 'kungörelse', 'Announce', ['coordinator']],
    ['roles', 'samordnare lägg till a@b.se', 'coordinator add a@b.se', ['coordinator']],
    ['steeringGroup', 'styrgrupp  lägg till a@b.se', 'Steering Group remove a@b.se', ['coordinator']],
    ['recommend', 'Rekommendera a@b.se Hon har en idé.', 'recommend a@b.se Her idea.', ['manager']],
    ['candidateMeeting', 'kandidatmöte', 'Candidate meeting', ['coordinator']],
    ['candidateMeetings', 'Kandidatmöten', 'candidate  meetings', ['coordinator']],
    ['meetingNote', 'anteckning A-7K3QX2 Bra möte.', 'note A-7K3QX2 Good meeting.', ['coordinator']],
    ['hr', 'hr Bjuv a@b.se', 'hr Bjuv a@b.se', ['coordinator']],
    ['mentor', 'mentor A-1 a@b.se', 'mentor A-1 a@b.se', ['coordinator']],
    ['sponsor', 'affärsängel A-1 a@b.se', 'sponsor A-1 a@b.se', ['coordinator']],
    ['applications', 'ansökningar antagen Höganäs', 'applications selected', ['coordinator']],
    ['reportSchedule', 'rapportschema av', 'report schedule monthly', ['coordinator']],
    ['followUpQuestions', 'uppföljningsfrågor Ett? | Två? | Tre?', 'follow-up questions default', ['coordinator']],
    ['disposal', 'Gallringsplan beslut KS 2026/1', 'disposal approve KS 2026/1', ['coordinator']],
    ['holdDisposal', 'spärra  gallring A-7K3QX2 Överklagande', 'hold disposal A-7K3QX2 Appeal', ['coordinator']],
    ['releaseHold', 'Häv spärr A-7K3QX2', 'release hold A-7K3QX2', ['coordinator']],
    ['myData', 'Mina uppgifter', 'my data', ['employee']],
    ['dataExtract', 'registerutdrag anna@kommun.se', 'data extract anna@kommun.se', ['coordinator']],
    ['restrict', 'begränsa anna@kommun.se Invändning prövas', 'restrict anna@kommun.se Objection', ['coordinator']],
    ['unrestrict', 'häv  begränsning anna@kommun.se', 'unrestrict anna@kommun.se', ['coordinator']],
    ['privacy', 'Integritet', 'privacy', ['employee']],
  ];

  it('covers every command the bot has', () => {
    expect(TABLE.map(([id]) => id).sort()).toEqual(COMMANDS.map((c) => c.id).sort());
  });

  it.each(TABLE)('%s is recognised in Swedish (%j) and English (%j)', (id, sv, en) => {
    expect(parseCommand(sv)).toMatchObject({ kind: 'command', command: { id } });
    expect(parseCommand(en)).toMatchObject({ kind: 'command', command: { id } });
  });

  const EVERY_ROLE: readonly Role[] = ['employee', 'participant', 'manager', 'hrContact', 'coordinator', 'juror', 'mentor', 'sponsor', 'steeringGroup'];
  it.each(TABLE)('%s: refused to every role but its own', (id, _sv, _en, allowed) => {
    const command = COMMANDS.find((c) => c.id === id);
    if (!command) throw new Error(id);
    for (const role of EVERY_ROLE) {
      // Everyone is an employee; a role is tested on its own on top of that.
      const roles = new Set<Role>(['employee', role]);
      expect({ role, allowed: mayUse(command, roles) }).toEqual({ role, allowed: allowed.includes('employee') || allowed.includes(role) });
    }
  });
});
