import { SCORE_MAX, SCORE_MIN } from '../../domain/scoring';
import type { Application, SelectionDecision } from '../../domain/application';
import type { Criterion } from '../../domain/scoring';
import type { RankingRowView } from '../../use-cases/jury/ranking';
import type { Messages } from '../../i18n';
import { card, errorLines, choiceInput, executeAction, field, heading, plain, text, textInput, title, userText, type AdaptiveCard, type CardElement } from './card-kit';
import { LIMITS, SELECTION_DECISIONS } from '../../domain/application';
import { VERBS } from './verbs';

const refOf = (a: Application) => ({ applicationId: a.id, cohortId: a.cohortId });
const fmt = (x: number) => x.toFixed(2).replace('.', ',');

export interface ScoreCardData {
  readonly application: Application;
  readonly criteria: readonly Criterion[];
  /** score: inputs; recused: stands aside (with why); closed: the round is locked or not open. */
  readonly mode: 'score' | 'recused' | 'closed';
  readonly values?: Readonly<Record<string, string>>;
  readonly errors?: Readonly<Record<string, readonly string[]>>;
  readonly notice?: string;
  /** Only after this juror has scored: their own weighted mean and the jury's so far. */
  readonly own?: number;
  readonly others?: { readonly mean: number; readonly count: number };
}

/**
 * A juror's card for one application. Other jurors' scores are never on it until this juror has scored
 * (`others` is only filled then).
 */
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
  ];
  if (data.own !== undefined) body.push(text(j.yourScore(fmt(data.own)), { weight: 'Bolder' }));
  if (data.others) body.push(text(j.othersSoFar(fmt(data.others.mean), data.others.count), { isSubtle: true }));
  if (data.mode !== 'score') return card(body);
  const scale = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i).map((n) => [String(n), j.scale[n] ?? String(n)] as const);
  const inputs = data.criteria.flatMap((c) => field(choiceInput(`c_${c.id}`, j.criteria[c.id] ?? c.id, data.values?.[`c_${c.id}`] ?? '', scale), e(`c_${c.id}`)));
  return card(
    [
      ...body,
      text(j.scoreIntro, { isSubtle: true }),
      ...e('score').map((x) => text(x, { color: 'Attention' })),
      ...inputs,
      ...field(textInput('comment', j.comment, data.values?.comment ?? '', { maxLength: LIMITS.reason.max, multiline: true })),
      ...field(textInput('recuseReason', j.recuseReason, data.values?.recuseReason ?? '', { maxLength: LIMITS.reason.max }), e('recuseReason')),
    ],
    [executeAction(j.save, VERBS.juryScore, refOf(a), 'positive'), executeAction(j.recuse, VERBS.juryRecuse, refOf(a))],
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
  /** Where the next page starts, as the card carries it (flat, parsed again by the handler). */
  readonly next?: Readonly<Record<string, string | number>>;
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
          ? r.row(`#${row.rank}`, fmt(row.score), row.spread === null ? '–' : fmt(row.spread), row.scoreCount, row.recusalCount)
          : r.unranked(row.scoreCount, data.quorum),
        { spacing: 'None', size: 'Small' },
      ),
      ...(row.tiedWith > 0 ? [text(r.tie(row.tiedWith), { color: 'Warning', size: 'Small', spacing: 'None' })] : []),
      text(`${row.application.id} · ${row.application.selection ? (r.decision[row.application.selection.decision] ?? '') : m.states[row.application.state]}`, { isSubtle: true, size: 'Small', spacing: 'None' }),
      { type: 'ActionSet', actions: [executeAction(r.decide, VERBS.selectionOpen, refOf(row.application))] },
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

/** The coordinator's decision for one application, with the feedback the applicant gets at the lock. */
export function selectionCard(data: { application: Application; current?: SelectionDecision; errors?: readonly string[]; notice?: string; locked: boolean }, m: Messages): AdaptiveCard {
  const s = m.jury.selection;
  const a = data.application;
  const choices = SELECTION_DECISIONS.map((d) => [d, m.jury.ranking.decision[d]] as const);
  const head = [title(s.title(plain(a.idea?.title ?? a.id))), ...(data.notice ? [text(data.notice, { weight: 'Bolder', color: 'Good' })] : []), text(`${a.id} · ${plain(a.applicantName)} · ${m.states[a.state]}`, { isSubtle: true })];
  if (data.locked) return card([...head, text(s.locked)]);
  return card(
    [
      ...head,
      ...errorLines(data.errors),
      choiceInput('decision', s.choose, data.current?.decision ?? '', choices),
      textInput('feedback', s.feedback, data.current?.feedback ?? '', { maxLength: LIMITS.reason.max, multiline: true }),
    ],
    [executeAction(s.save, VERBS.selectionSave, refOf(a), 'positive')],
  );
}
