import type { Application } from './application';
import { APPLICATION_STATES, type ApplicationState } from './application.state-machine';
import type { Cohort } from './cohort';
import type { Refusal } from './errors';
import { DEFAULT_CRITERIA, DEFAULT_QUORUM, weightedMean, type Criterion, type Recusal, type Score } from './scoring';

/**
 * Who judges what in the jury round (PROGRAMME.md, urval). Pure: no frameworks, no I/O. The scoring itself
 * (means, quorum, ranking) is in scoring.ts.
 */

/** The states of an application the jury has had in front of it: a juror reads only these. */
export const SEEN_BY_JURY: readonly ApplicationState[] = APPLICATION_STATES.slice(APPLICATION_STATES.indexOf('inReview')).filter((s) => s !== 'withdrawn');

/** The applications the ranking shows: in review, or decided in the selection. */
export const RANKED_STATES: readonly ApplicationState[] = ['inReview', 'selected', 'waitlisted', 'notSelected'];

/** The states that carry a selection decision the applicant is told of when the selection is locked. */
export const SELECTION_STATES: readonly ApplicationState[] = ['selected', 'waitlisted', 'notSelected'];

export const criteriaOf = (cohort: Cohort): readonly Criterion[] => cohort.criteria ?? DEFAULT_CRITERIA;

export const CONFLICTS = ['applicant', 'coApplicant', 'manager'] as const;
export type Conflict = (typeof CONFLICTS)[number];

export const isConflict = (reason: string): reason is Conflict => (CONFLICTS as readonly string[]).includes(reason);

export const REVIEW_STATES = ['todo', 'scored', 'recused'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** Why a juror may not judge an application, decided from the stored application: they are part of it. */
export function conflictOf(application: Application, jurorId: string): Conflict | null {
  if (application.applicantId === jurorId) return 'applicant';
  if (application.coApplicants.some((c) => c.personId === jurorId && c.status !== 'declined')) return 'coApplicant';
  if (application.about?.managerId === jurorId || application.approvals.some((a) => a.managerId === jurorId)) return 'manager';
  return null;
}

/** The applications one juror has a score or a recusal for. */
const idsOf = (jurorId: string, marks: readonly (Score | Recusal)[]): ReadonlySet<string> => {
  const ids = new Set<string>();
  for (const m of marks) if (m.jurorId === jurorId) ids.add(m.applicationId);
  return ids;
};

/** The rule of `reviewStateOf`: a recusal (by hand or by a conflict) before a score. */
const stateAmong = (application: Application, jurorId: string, scored: ReadonlySet<string>, recused: ReadonlySet<string>): ReviewState =>
  recused.has(application.id) || conflictOf(application, jurorId) ? 'recused' : scored.has(application.id) ? 'scored' : 'todo';

/** Where one application stands for one juror: still to score, scored, or recused (by hand or by a conflict). */
export function reviewStateOf(application: Application, jurorId: string, scores: readonly Score[], recusals: readonly Recusal[]): ReviewState {
  return stateAmong(application, jurorId, idsOf(jurorId, scores), idsOf(jurorId, recusals));
}

/**
 * `reviewStateOf` for a juror's whole list, in the order of `applications`: the round's scores and recusals are
 * read once (linear in all three, not applications × scores).
 */
export function reviewStates(
  applications: readonly Application[],
  jurorId: string,
  scores: readonly Score[],
  recusals: readonly Recusal[],
): { application: Application; state: ReviewState }[] {
  const scored = idsOf(jurorId, scores);
  const recused = idsOf(jurorId, recusals);
  return applications.map((application) => ({ application, state: stateAmong(application, jurorId, scored, recused) }));
}

/** What a juror sees of the scores of one application: nothing before their own; then their own and the others' mean. */
export interface ScoresSeen {
  readonly own?: number;
  readonly others?: { readonly mean: number; readonly count: number };
}

/** A juror sees the others' scores only after scoring the application themselves, so no one is swayed. */
export function scoresSeenBy(jurorId: string, applicationId: string, scores: readonly Score[], criteria: readonly Criterion[]): ScoresSeen {
  const mine = scores.find((s) => s.applicationId === applicationId && s.jurorId === jurorId);
  if (!mine) return {};
  const others = scores.filter((s) => s.applicationId === applicationId && s.jurorId !== jurorId);
  return {
    own: weightedMean(mine.values, criteria),
    ...(others.length > 0 ? { others: { mean: others.reduce((sum, s) => sum + weightedMean(s.values, criteria), 0) / others.length, count: others.length } } : {}),
  };
}

/** Why a juror may not score or recuse from an application now, decided from the stored cohort and application; null when they may. */
export function jurorRefusal(cohort: Cohort, application: Application, jurorId: string): Refusal | null {
  if (!cohort.jurorIds.includes(jurorId)) return { code: 'NOT_JUROR' };
  if (cohort.juryRound === 'locked') return { code: 'ROUND_LOCKED' };
  if (cohort.juryRound !== 'open' || application.state !== 'inReview') return { code: 'ROUND_NOT_OPEN' };
  return null;
}

/** A score sent again unchanged (values and comment): it counts once and writes nothing. */
export function sameScore(stored: Pick<Score, 'values' | 'comment'>, values: Readonly<Record<string, number>>, comment: string): boolean {
  const keys = Object.keys(values);
  return Object.keys(stored.values).length === keys.length && keys.every((k) => stored.values[k] === values[k]) && (stored.comment ?? '') === comment;
}

/** The cohort with its jury changed: a person added once, or removed. */
export function withJuror(cohort: Cohort, personId: string, add: boolean): Cohort {
  return { ...cohort, jurorIds: add ? [...new Set([...cohort.jurorIds, personId])] : cohort.jurorIds.filter((id) => id !== personId) };
}

/** How many counting scores an application needs before it is ranked (DEFAULT_QUORUM unless the cohort sets one). */
export const quorumOf = (cohort: Cohort): number => cohort.quorum ?? DEFAULT_QUORUM;
