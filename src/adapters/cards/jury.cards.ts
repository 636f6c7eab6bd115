import { SCORE_MAX, SCORE_MIN } from '../../domain/scoring';
import type { Application, SelectionDecision } from '../../domain/application';
import type { Criterion, RankingRow } from '../../domain/scoring';
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

const REVIEWS_SHOWN = 25;

/** `att bedöma`: what waits for the juror, with their own state for each. */
export function reviewsCard(data: { cohortName: string; items: readonly { application: Application; state: 'todo' | 'scored' | 'recused' }[] }, m: Messages): AdaptiveCard {
  const r = m.jury.reviews;
  if (data.items.length === 0) return card([title(r.title(plain(data.cohortName))), text(r.none)]);
  // What is left to do comes first; the card shows 25 at most and says how many more there are.
  const order = { todo: 0, scored: 1, recused: 2 } as const;
  const sorted = [...data.items].sort((x, y) => order[x.state] - order[y.state]);
  const shown = sorted.slice(0, REVIEWS_SHOWN);
  return card([
    title(r.title(plain(data.cohortName))),
    ...(sorted.length > shown.length ? [text(r.more(sorted.length - shown.length), { isSubtle: true })] : []),
    ...shown.map(({ application, state }) => ({
      type: 'Container',
      separator: true,
      items: [
        userText(application.idea?.title ?? application.id, { weight: 'Bolder' }),
        text(`${r.state[state] ?? state} · ${application.id}`, { isSubtle: true, spacing: 'None', color: state === 'todo' ? 'Attention' : 'Default' }),
        { type: 'ActionSet', actions: [executeAction(r.open, VERBS.juryOpen, refOf(application))] },
      ],
    })),
  ]);
}

export interface RankingCardData {
  readonly cohortName: string;
  readonly rows: readonly (RankingRow & { readonly application: Application })[];
  readonly quorum: number;
  readonly normalised: boolean;
  readonly capacity: number;
  readonly selectedCount: number;
  readonly missing: readonly { readonly juror: string; readonly count: number }[];
  readonly page: number;
}

export const RANKING_PAGE_SIZE = 20;

/** The ranking, a page of twenty at a time, with ties shown as ties and what is missing by juror. */
export function rankingCard(data: RankingCardData, m: Messages): AdaptiveCard {
  const r = m.jury.ranking;
  const pages = Math.max(1, Math.ceil(data.rows.length / RANKING_PAGE_SIZE));
  const page = Math.min(Math.max(1, data.page), pages);
  const slice = data.rows.slice((page - 1) * RANKING_PAGE_SIZE, page * RANKING_PAGE_SIZE);
  const idOf = new Map(data.rows.map((x) => [x.applicationId, x.application.id]));
  const rows: CardElement[] = slice.map((row) => ({
    type: 'Container',
    separator: true,
    items: [
      userText(row.application.idea?.title ?? row.application.id, { weight: 'Bolder' }),
      text(
        row.ranked && row.score !== null
          ? r.row(`#${row.rank ?? ''}`, fmt(row.score), row.spread === null ? '–' : fmt(row.spread), row.scoreCount, row.recusalCount)
          : r.unranked(row.scoreCount, data.quorum),
        { spacing: 'None', size: 'Small' },
      ),
      ...(row.tiedWith.length > 0 ? [text(r.tie(row.tiedWith.map((id) => idOf.get(id) ?? id).join(', ')), { color: 'Warning', size: 'Small', spacing: 'None' })] : []),
      text(`${row.application.id} · ${row.application.selection ? (r.decision[row.application.selection.decision] ?? '') : m.states[row.application.state]}`, { isSubtle: true, size: 'Small', spacing: 'None' }),
      { type: 'ActionSet', actions: [executeAction(r.decide, VERBS.selectionOpen, refOf(row.application))] },
    ],
  }));
  const over = data.selectedCount > data.capacity;
  return card(
    [
      title(r.title(plain(data.cohortName), page, pages)),
      text(r.legend, { isSubtle: true, size: 'Small' }),
      ...(data.normalised ? [text(r.normalised, { isSubtle: true, size: 'Small' })] : []),
      text(over ? r.overCapacity(data.selectedCount, data.capacity) : r.capacity(data.selectedCount, data.capacity), { color: over ? 'Attention' : 'Default', weight: over ? 'Bolder' : 'Default' }),
      ...rows,
      ...(data.missing.some((x) => x.count > 0) ? [heading(r.missingTitle), text(data.missing.filter((x) => x.count > 0).map((x) => r.missing(plain(x.juror), x.count)).join('\n\n'), { size: 'Small' })] : []),
    ],
    [
      ...(page > 1 ? [executeAction(r.previous, VERBS.rankingPage, { page: page - 1 })] : []),
      ...(page < pages ? [executeAction(r.next, VERBS.rankingPage, { page: page + 1 })] : []),
    ],
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
