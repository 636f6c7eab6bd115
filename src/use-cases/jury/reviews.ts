import type { Application } from '../../domain/application';
import type { Cohort } from '../../domain/cohort';
import { reviewStateOf, type ReviewState } from '../../domain/jury';
import type { IdCursor } from '../../domain/ports';
import { JUDGED_STATES, judgedCount, reviewsLeft } from '../../domain/tally';
import { currentCohort } from '../current-cohort';
import type { ProgrammeDeps } from '../programme/deps';

/** How many applications one page of `att bedöma` shows. */
export const REVIEWS_PAGE = 20;

export interface ReviewsView {
  readonly cohort: Cohort;
  readonly items: readonly { application: Application; state: ReviewState }[];
  /** How many of the round's applications this juror has neither scored nor stood aside from (from the counters). */
  readonly left: number;
  /** The round's applications in all: the juror has done `total - left`. */
  readonly total: number;
  readonly next?: IdCursor;
}

/** `att bedöma`: a page of the jury round's applications (in review or decided), with this juror's own state for each. */
export async function reviewsOf(deps: ProgrammeDeps, jurorId: string, after?: IdCursor): Promise<ReviewsView | null> {
  const current = await currentCohort(deps);
  if (!current || !current.value.jurorIds.includes(jurorId)) return null;
  const cohort = current.value;
  const [page, counts] = await Promise.all([deps.applications.page(cohort.id, { states: JUDGED_STATES }, REVIEWS_PAGE, after), deps.applications.counts(cohort.id)]);
  const items = page.items.map(({ value: application }) => ({ application, state: reviewStateOf(application, jurorId) }));
  const total = judgedCount(counts);
  return { cohort, items, left: reviewsLeft(counts, jurorId), total, ...(page.next !== undefined ? { next: page.next } : {}) };
}

/** A juror's progress in the round, from the counters (one point read): how many are done of how many. */
export async function progressOf(deps: ProgrammeDeps, cohortId: string, jurorId: string): Promise<{ done: number; total: number }> {
  const counts = await deps.applications.counts(cohortId);
  const total = judgedCount(counts);
  return { done: total - reviewsLeft(counts, jurorId), total };
}
