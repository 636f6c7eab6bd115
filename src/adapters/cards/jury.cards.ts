import { SCORE_MAX, SCORE_MIN } from '../../domain/scoring';
import type { Application, SelectionDecision } from '../../domain/application';
import type { Criterion } from '../../domain/scoring';
import type { RankingRowView } from '../../use-cases/jury/ranking';
import type { Messages } from '../../i18n';
import { card, errorLines, choiceInput, executeAction, facts, field, heading, plain, text, textInput, title, userText, type AdaptiveCard, type CardElement, openUrlAction } from './card-kit';
import { LIMITS, SELECTION_DECISIONS } from '../../domain/application';
import { VERBS } from './verbs';

const refOf = (a: Application) => ({ applicationId: a.id, cohortId: a.cohortId });

/**
 * Each comment cut to its share of `budget` characters (at least 40), so that a card with a whole jury's comments stays
 * under Teams' size limit however many there are and however long each is; a cut comment ends with an ellipsis.
 */
function shortened(comment: string, count: number, budget: number): string {
  const room = Math.max(40, Math.floor(budget / Math.max(1, count)));
  return comment.length <= room ? comment : `${comment.slice(0, room - 1)}…`;
}

export interface ScoreCardData {
  readonly application: Application;
  readonly criteria: readonly Criterion[];
  /** score: inputs; recused: stands aside (with why); closed: the round is locked or not open. */
  readonly mode: 'score' | 'recused' | 'closed';
  readonly values?: Readonly<Record<string, string>>;
  readonly errors?: Readonly<Record<string, readonly string[]>>;
  readonly notice?: string;
  /** Only after this juror has scored: their own weighted mean, the jury's mean so far (theirs included) and the others' comments. */
  readonly own?: number;
  readonly jury?: { readonly mean: number; readonly count: number };
  readonly comments?: readonly { readonly juror: string; readonly comment: string }[];
  /** The application in the tab, beside the same form. */
  readonly tabUrl?: string;
}

/** How many of the other jurors' comments a juror's card shows (each cut to its share of the room). */
export const COMMENTS_SHOWN = 6;

/** A person's words with their name before them, both as plain text (never markdown). */
function said(name: string, words: string): CardElement {
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: `${name}: `, weight: 'Bolder', size: 'Small' }, { type: 'TextRun', text: words, size: 'Small' }] };
}

/** Who applies, so that a juror can see a conflict of interest: the applicant with workplace and municipality, and the co-applicants. */
function applicantLines(a: Application, m: Messages): CardElement[] {
  const j = m.jury;
  const co = a.coApplicants.filter((c) => c.status !== 'declined').map((c) => plain(c.name));
  return [
    heading(j.applicantHeading),
    text(j.applicant(plain(a.applicantName), plain(a.about?.workplace ?? ''), plain(a.about?.municipality ?? ''))),
    ...(co.length > 0 ? [text(j.coApplicants(m.list(co)), { spacing: 'None' })] : []),
  ];
}

/**
 * A juror's card for one application. Other jurors' scores are never on it until this juror has scored
 * (`others` is only filled then).
 */
/** A criterion's name: the cohort's own as the coordinator typed it, else the programme's in the reader's language. */
export const criterionName = (c: Criterion, m: Messages): string => c.name ?? m.jury.criteria[c.id] ?? c.id;

export function scoreCard(data: ScoreCardData, m: Messages): AdaptiveCard {
  const a = data.application;
  const j = m.jury;
  const e = (id: string) => data.errors?.[id] ?? [];
  const body: CardElement[] = [
    title(j.scoreTitle(plain(a.idea?.title ?? a.id))),
    ...(data.notice ? [text(data.notice, { weight: 'Bolder' })] : []),
    ...(a.idea ? [heading(m.intake.fields.problem), userText(a.idea.problem.slice(0, 1500)), heading(m.intake.fields.description), userText(a.idea.description.slice(0, 2500))] : []),
    ...(a.benefit
      ? [heading(m.intake.fields.targetGroups), text(a.benefit.targetGroups.map((g) => m.intake.targetGroups[g]).join(', ')), heading(m.intake.fields.benefit), userText(a.benefit.benefit.slice(0, 1500)), heading(m.intake.fields.applicability), userText(a.benefit.applicability.slice(0, 1500))]
      : []),
    text(`${m.intake.status.id}: ${a.id}`, { isSubtle: true }),
    ...applicantLines(a, m),
  ];
  if (data.own !== undefined) body.push(text(j.yourScore(m.jury.decimal(data.own)), { weight: 'Bolder' }));
  if (data.jury) body.push(text(j.jurySoFar(m.jury.decimal(data.jury.mean), data.jury.count), { isSubtle: true }));
  if (data.comments && data.comments.length > 0) {
    // A jury is a handful of people; a card has room for the comments of COMMENTS_SHOWN of them beside the application.
    const shown = data.comments.slice(0, COMMENTS_SHOWN);
    const more = data.comments.length - shown.length;
    body.push(heading(j.othersComments), ...shown.map((c) => said(c.juror, shortened(c.comment, shown.length, 720))), ...(more > 0 ? [text(j.moreComments(more), { isSubtle: true, size: 'Small' })] : []));
  }
  if (data.mode !== 'score') return card(body);
  const scale = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i).map((n) => [String(n), j.scale[n] ?? String(n)] as const);
  const inputs = data.criteria.flatMap((c) => {
    const guide = c.guide ?? j.guide[c.id];
    return field(choiceInput(`c_${c.id}`, j.weighted(criterionName(c, m), c.weight), data.values?.[`c_${c.id}`] ?? '', scale), e(`c_${c.id}`), guide ? j.guideLine(guide) : undefined);
  });
  return card(
    [
      ...body,
      text(j.conflictHint, { isSubtle: true }),
      text(j.scoreIntro, { isSubtle: true }),
      ...e('score').map((x) => text(x, { color: 'Attention' })),
      ...inputs,
      ...field(textInput('comment', j.comment, data.values?.comment ?? '', { maxLength: LIMITS.reason.max, multiline: true })),
      ...field(textInput('recuseReason', j.recuseReason, data.values?.recuseReason ?? '', { maxLength: LIMITS.reason.max }), e('recuseReason')),
    ],
    [executeAction(j.save, VERBS.juryScore, refOf(a), 'positive'), executeAction(j.recuse, VERBS.juryRecuse, refOf(a)), ...(data.tabUrl ? [openUrlAction(j.openInTab, data.tabUrl)] : [])],
  );
}

/** `att bedöma`: one page of what is in review, with the juror's own state for each, and how many are left in all. */
export function reviewsCard(
  data: { cohortName: string; items: readonly { application: Application; state: 'todo' | 'scored' | 'recused' }[]; left: number; total: number; page: number; next?: string },
  m: Messages,
): AdaptiveCard {
  const r = m.jury.reviews;
  if (data.total === 0) return card([title(r.title(plain(data.cohortName))), text(r.none)]);
  return card(
    [
      title(r.title(plain(data.cohortName))),
      text(r.left(data.left, data.total), { weight: 'Bolder' }),
      ...(data.page > 1 || data.next ? [text(r.page(data.page), { isSubtle: true, size: 'Small' })] : []),
      ...data.items.map(({ application, state }) => ({
        type: 'Container',
        separator: true,
        items: [
          userText(application.idea?.title ?? application.id, { weight: 'Bolder' }),
          text(m.jury.applicant(plain(application.applicantName), plain(application.about?.workplace ?? ''), plain(application.about?.municipality ?? '')), { spacing: 'None', size: 'Small' }),
          text(`${r.state[state] ?? state} · ${application.id}`, { isSubtle: true, spacing: 'None', color: state === 'todo' ? 'Attention' : 'Default' }),
          { type: 'ActionSet', actions: [executeAction(r.open, VERBS.juryOpen, refOf(application))] },
        ],
      })),
    ],
    [
      ...(data.page > 1 ? [executeAction(m.jury.ranking.first, VERBS.reviewsPage, { page: 1 })] : []),
      ...(data.next ? [executeAction(m.jury.ranking.next, VERBS.reviewsPage, { page: data.page + 1, after: data.next })] : []),
    ],
  );
}

export interface RankingCardData {
  readonly cohortName: string;
  readonly rows: readonly RankingRowView[];
  readonly quorum: number;
  readonly normalised: boolean;
  readonly capacity: number;
  readonly selectedCount: number;
  readonly total: number;
  readonly missing: readonly { readonly juror: string; readonly count: number }[];
  readonly page: number;
  /** Where this page started, as the card carries it: each row's decision card leads back here. */
  readonly here: Readonly<Record<string, string | number>>;
  /** Where the next page starts, as the card carries it (flat, parsed again by the handler). */
  readonly next?: Readonly<Record<string, string | number>>;
}

/** Where an application stands after the jury: the selection decision, and the programme state when it has moved on. */
function stateLine(a: Application, m: Messages): string {
  const decision = a.selection ? m.jury.ranking.decision[a.selection.decision] : undefined;
  if (!decision) return m.states[a.state];
  return a.state === a.selection?.decision ? decision : `${decision} · ${m.states[a.state]}`;
}

/** The ranking, one page at a time, with ties shown as ties and what is missing by juror. */
export function rankingCard(data: RankingCardData, m: Messages): AdaptiveCard {
  const r = m.jury.ranking;
  const rows: CardElement[] = data.rows.map((row) => ({
    type: 'Container',
    separator: true,
    items: [
      userText(row.application.idea?.title ?? row.application.id, { weight: 'Bolder' }),
      text(
        row.rank !== null && row.score !== null
          ? r.row(`#${row.rank}`, m.jury.decimal(row.score), row.spread === null ? '–' : m.jury.decimal(row.spread), row.scoreCount, row.recusalCount)
          : r.unranked(row.scoreCount, data.quorum, row.meanSoFar === null ? null : m.jury.decimal(row.meanSoFar)),
        { spacing: 'None', size: 'Small' },
      ),
      ...(row.tiedWith > 0 ? [text(r.tie(row.tiedWith), { color: 'Warning', size: 'Small', spacing: 'None' })] : []),
      text(`${row.application.id} · ${stateLine(row.application, m)}`, { isSubtle: true, size: 'Small', spacing: 'None' }),
      { type: 'ActionSet', actions: [executeAction(r.decide, VERBS.selectionOpen, { ...data.here, ...refOf(row.application) })] },
    ],
  }));
  const over = data.selectedCount > data.capacity;
  // Tens of jurors at most; the line stays short however many applications they have left.
  const behind = data.missing.filter((x) => x.count > 0).slice(0, 30);
  return card(
    [
      title(r.title(plain(data.cohortName), data.page, data.total)),
      text(r.legend, { isSubtle: true, size: 'Small' }),
      ...(data.normalised ? [text(r.normalised, { isSubtle: true, size: 'Small' })] : []),
      text(over ? r.overCapacity(data.selectedCount, data.capacity) : r.capacity(data.selectedCount, data.capacity), { color: over ? 'Attention' : 'Default', weight: over ? 'Bolder' : 'Default' }),
      ...rows,
      ...(behind.length > 0 ? [heading(r.missingTitle), text(behind.map((x) => r.missing(plain(x.juror), x.count)).join('\n\n'), { size: 'Small' })] : []),
    ],
    [...(data.page > 1 ? [executeAction(r.first, VERBS.rankingPage, { page: 1 })] : []), ...(data.next ? [executeAction(r.next, VERBS.rankingPage, { ...data.next })] : [])],
  );
}

/** One juror's score as the coordinator sees it on the decision card. */
export interface JurorScoreView {
  readonly juror: string;
  readonly values: Readonly<Record<string, number>>;
  readonly verdict: number;
  readonly comment?: string;
}

export interface SelectionCardData {
  readonly application: Application;
  readonly current?: SelectionDecision;
  readonly errors?: readonly string[];
  readonly notice?: string;
  readonly locked: boolean;
  /** The ranking page the coordinator came from (flat cursor), to go back to and to carry through a save. */
  readonly back?: Readonly<Record<string, string | number>>;
  /** The jury's scores per criterion with their comments, and who stands aside (coordinators see them all). */
  readonly jury?: {
    readonly criteria: readonly Criterion[];
    readonly quorum: number;
    readonly scores: readonly JurorScoreView[];
    readonly recused: readonly string[];
  };
}

/** How many jurors' scores the decision card shows in full (a jury is a handful of people; the card has a size limit). */
export const SCORES_SHOWN = 20;

/** The jury's scores on the decision card: the quorum state and mean, then each juror's values per criterion and comment. */
function juryLines(a: Application, jury: NonNullable<SelectionCardData['jury']>, m: Messages): CardElement[] {
  const s = m.jury.selection;
  const count = a.jury?.count ?? jury.scores.length;
  return [
    heading(s.scoresTitle),
    text(s.quorum(count, jury.quorum, count > 0 && a.jury ? m.jury.decimal(a.jury.mean) : null), { size: 'Small' }),
    ...(jury.scores.length === 0 ? [text(s.noScores, { isSubtle: true, size: 'Small' })] : []),
    ...jury.scores.slice(0, SCORES_SHOWN).flatMap((x) => [
      text(s.verdict(plain(x.juror), m.jury.decimal(x.verdict)), { weight: 'Bolder', size: 'Small' }),
      facts(jury.criteria.map((c) => [criterionName(c, m), String(x.values[c.id] ?? '–')] as const)),
      ...(x.comment ? [userText(shortened(x.comment, Math.min(jury.scores.length, SCORES_SHOWN), 3000), { size: 'Small' })] : []),
    ]),
    ...(jury.scores.length > SCORES_SHOWN ? [text(s.moreScores(jury.scores.length - SCORES_SHOWN), { isSubtle: true, size: 'Small' })] : []),
    ...(jury.recused.length > 0 ? [text(jury.recused.map((n) => s.recusedBy(plain(n))).join('\n\n'), { isSubtle: true, size: 'Small' })] : []),
  ];
}

/**
 * The coordinator's decision for one application, with the feedback the applicant gets at the lock, the jury's scores
 * and comments, and the way back to the ranking page it was opened from.
 */
export function selectionCard(data: SelectionCardData, m: Messages): AdaptiveCard {
  const s = m.jury.selection;
  const a = data.application;
  const choices = SELECTION_DECISIONS.map((d) => [d, m.jury.ranking.decision[d]] as const);
  const back = data.back ? [executeAction(s.back, VERBS.rankingPage, { ...data.back })] : [];
  const head = [
    title(s.title(plain(a.idea?.title ?? a.id))),
    ...(data.notice ? [text(data.notice, { weight: 'Bolder', color: 'Good' })] : []),
    text(`${a.id} · ${plain(a.applicantName)} · ${stateLine(a, m)}`, { isSubtle: true }),
    ...(data.jury ? juryLines(a, data.jury, m) : []),
  ];
  if (data.locked) return card([...head, text(s.locked)], back);
  return card(
    [
      ...head,
      ...errorLines(data.errors),
      choiceInput('decision', s.choose, data.current?.decision ?? '', choices),
      textInput('feedback', s.feedback, data.current?.feedback ?? '', { maxLength: LIMITS.reason.max, multiline: true }),
    ],
    [executeAction(s.save, VERBS.selectionSave, { ...data.back, ...refOf(a) }, 'positive'), ...back],
  );
}

/**
 * A question before an irreversible step that tells people (`lås urval`, `lås juryrunda`, `öppna juryrunda`): what it
 * does, who is told, what is still missing; a confirm and a cancel button. Typing the command again shows it again.
 */
export function confirmationCard(data: { title: string; lines: readonly string[]; warnings?: readonly string[]; confirm?: { label: string; verb: string; data: Record<string, unknown> } }, m: Messages): AdaptiveCard {
  return card(
    [title(data.title), ...(data.warnings ?? []).map((w) => text(w, { color: 'Attention', weight: 'Bolder' })), ...data.lines.map((l) => text(l))],
    data.confirm ? [executeAction(data.confirm.label, data.confirm.verb, data.confirm.data, 'positive'), executeAction(m.jury.confirm.cancel, VERBS.juryCancel)] : [],
  );
}
