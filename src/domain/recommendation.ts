import type { Cohort } from './cohort';
import type { Person } from './person';
import { err, ok, type Result } from './result';

/**
 * A manager's recommendation (issue 17): someone who reports to them is told that their manager thinks their idea
 * belongs in the programme, and is invited to apply. One recommendation per person and cohort, by anyone: the
 * store keeps it under an id made of the person alone, in the cohort's partition, so a second one cannot be created.
 * Pure: no frameworks, no I/O.
 */

/** The "why" a manager writes: a few words, not a letter. */
export const REASON_MAX = 300;
export const REASON_MIN = 3;

export const RECOMMENDATION_STATUSES = ['open', 'declined'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

export interface Recommendation {
  readonly cohortId: string;
  /** The person recommended (Entra object id) and their name as the directory had it. */
  readonly personId: string;
  readonly personName: string;
  readonly recommenderId: string;
  readonly recommenderName: string;
  readonly reason: string;
  readonly at: string;
  /** `declined` when the person said no thanks; they may still apply later (the recommendation stands). */
  readonly status: RecommendationStatus;
  readonly declinedAt?: string;
}

/** Why a recommendation is refused, each answered in the manager's language. */
export const RECOMMEND_REFUSALS = ['self', 'notYourReport', 'noCohort', 'alreadyRecommended', 'alreadyApplied', 'reasonMissing', 'reasonTooLong'] as const;
export type RecommendRefusal = (typeof RECOMMEND_REFUSALS)[number];

/**
 * The cohort a recommendation is for: the one open for intake now (the one closing first, if several) or, when none
 * is open, the next one to open. A manager can recommend before the intake opens; the person applies once it has.
 * A cohort whose intake has closed takes no recommendations.
 */
export function recommendationCohort(cohorts: readonly Cohort[], now: Date): Cohort | undefined {
  const t = now.getTime();
  const open = cohorts
    .filter((c) => !c.intakeClosedAt && Date.parse(c.intakeOpensAt) <= t && t < Date.parse(c.intakeClosesAt))
    .sort((a, b) => a.intakeClosesAt.localeCompare(b.intakeClosesAt))[0];
  if (open) return open;
  return cohorts.filter((c) => Date.parse(c.intakeOpensAt) > t).sort((a, b) => a.intakeOpensAt.localeCompare(b.intakeOpensAt))[0];
}

/** The reason as it is stored: trimmed, its runs of white space made one space (one linear pass), within its limits. */
export function reasonOf(raw: string): Result<string, RecommendRefusal> {
  if (raw.length > REASON_MAX * 4) return err('reasonTooLong');
  const reason = raw.replace(/\s+/g, ' ').trim();
  if (reason.length < REASON_MIN) return err('reasonMissing');
  if (reason.length > REASON_MAX) return err('reasonTooLong');
  return ok(reason);
}

/**
 * Whether `recommender` may recommend `person`, decided from the directory: the person must report to them (their
 * manager in the directory), never from what was typed. Whether the person was recommended already is the store's
 * to say (a create that fails on the id), after this.
 */
export function mayRecommend(recommenderId: string, person: Pick<Person, 'id' | 'managerId'> | null): Result<true, RecommendRefusal> {
  if (person === null) return err('notYourReport');
  if (person.id === recommenderId) return err('self');
  if (person.managerId !== recommenderId) return err('notYourReport');
  return ok(true);
}

/** A new recommendation, open. */
export function newRecommendation(data: Omit<Recommendation, 'status' | 'declinedAt'>): Recommendation {
  return { ...data, status: 'open' };
}

/** The person says no thanks: declined once; a second no changes nothing (`changed` false). */
export function declined(r: Recommendation, at: string): { readonly recommendation: Recommendation; readonly changed: boolean } {
  return r.status === 'declined' ? { recommendation: r, changed: false } : { recommendation: { ...r, status: 'declined', declinedAt: at }, changed: true };
}

/** What an application keeps of the recommendation that preceded it (shown to the manager, counted in statistik). */
export interface RecommendedBy {
  readonly id: string;
  readonly name: string;
}
