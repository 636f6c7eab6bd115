import type { Application } from './application';
import { APPLICATION_STATES, type ApplicationState } from './application.state-machine';
import type { Cohort } from './cohort';
import type { Refusal } from './errors';
import { DEFAULT_CRITERIA, DEFAULT_QUORUM, type Criterion } from './scoring';
import { JUDGED_STATES, juryOf } from './tally';

export { JUDGED_STATES } from './tally';

/**
 * Who judges what in the jury round (PROGRAMME.md, urval). Pure: no frameworks, no I/O. The scoring itself
 * (means, quorum, ranking) is in scoring.ts.
 */

/** The states of an application the jury has had in front of it: a juror reads only these. */
export const SEEN_BY_JURY: readonly ApplicationState[] = APPLICATION_STATES.slice(APPLICATION_STATES.indexOf('inReview')).filter((s) => s !== 'withdrawn');

/**
 * The applications the ranking shows: every one the jury has had in front of it, also after the programme has moved
 * them on (phase 1, the gate, phase 2 …), so that the selection stays visible once phase 1 starts.
 */
export const RANKED_STATES: readonly ApplicationState[] = SEEN_BY_JURY;

/** The states that carry a selection decision the applicant is told of when the selection is locked. */
export const SELECTION_STATES: readonly ApplicationState[] = ['selected', 'waitlisted', 'notSelected'];

/** Admitted to the programme: selected, and every state a selected application moves on to (not withdrawn). */
export const ADMITTED_STATES: readonly ApplicationState[] = SEEN_BY_JURY.filter((s) => !JUDGED_STATES.includes(s) || s === 'selected');

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

/** The people on an application a juror could be partial to: the applicant, the co-applicants (not those who declined). */
export const applicantsOf = (application: Application): { readonly name: string; readonly coApplicants: readonly string[] } => ({
  name: application.applicantName,
  coApplicants: application.coApplicants.filter((c) => c.status !== 'declined').map((c) => c.name),
});

/** Where one application stands for one juror, from its jury summary: a recusal (by hand or by a conflict) before a score. */
export function reviewStateOf(application: Application, jurorId: string): ReviewState {
  const s = juryOf(application);
  if (s.recused.includes(jurorId) || conflictOf(application, jurorId)) return 'recused';
  return jurorId in s.verdicts ? 'scored' : 'todo';
}

/**
 * What a juror sees of the scores of one application: nothing before their own; then their own verdict, the jury's
 * mean so far over every juror who has scored (their own included), and whose scores (and comments) they may read.
 */
export interface ScoresSeen {
  readonly own?: number;
  readonly jury?: { readonly mean: number; readonly count: number };
  /** The other jurors who have scored: their comments are shown once this juror has scored too. */
  readonly others?: readonly string[];
}

/** A juror sees the others' scores and comments only after scoring the application themselves, so no one is swayed. */
export function scoresSeenBy(application: Pick<Application, 'jury'>, jurorId: string): ScoresSeen {
  const { verdicts, mean, count } = juryOf(application);
  const own = verdicts[jurorId];
  if (own === undefined) return {};
  return { own, jury: { mean, count }, others: Object.keys(verdicts).filter((id) => id !== jurorId) };
}

/** Whether a selection decision is the one already recorded (a second click on the same decision): nothing to change. */
export function repeatsSelection(application: Pick<Application, 'selection'>, decision: string, feedback: string): boolean {
  return application.selection?.decision === decision && application.selection.feedback === feedback;
}

/** Why a juror may not score or recuse from an application now, decided from the stored cohort and application; null when they may. */
export function jurorRefusal(cohort: Cohort, application: Application, jurorId: string): Refusal | null {
  if (!cohort.jurorIds.includes(jurorId)) return { code: 'NOT_JUROR' };
  if (cohort.juryRound === 'locked' || cohort.selectionLockedAt) return { code: 'ROUND_LOCKED' };
  // A decision by the coordinator before the round is locked does not end the jury's work on the application.
  if (cohort.juryRound !== 'open' || !JUDGED_STATES.includes(application.state)) return { code: 'ROUND_NOT_OPEN' };
  return null;
}

/** The cohort with its jury changed: a person added once, or removed. */
export function withJuror(cohort: Cohort, personId: string, add: boolean): Cohort {
  return { ...cohort, jurorIds: add ? [...new Set([...cohort.jurorIds, personId])] : cohort.jurorIds.filter((id) => id !== personId) };
}

/** How many counting scores an application needs before it is ranked (DEFAULT_QUORUM unless the cohort sets one). */
export const quorumOf = (cohort: Cohort): number => cohort.quorum ?? DEFAULT_QUORUM;
