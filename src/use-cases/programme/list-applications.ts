import type { Application } from '../../domain/application';
import type { ApplicationState } from '../../domain/application.state-machine';
import type { Cohort } from '../../domain/cohort';
import type { UseCaseResult } from '../../domain/errors';
import { type Municipality } from '../../domain/municipalities';
import type { IdCursor } from '../../domain/ports';
import { ok } from '../../domain/result';
import { countMatching } from '../../domain/tally';
import { coordinatorsCohort, type ProgrammeDeps } from './deps';

/** How many applications one page of `ansökningar` shows. */
export const APPLICATIONS_PAGE = 20;

export interface ApplicationListFilter {
  readonly state?: ApplicationState;
  readonly municipality?: Municipality;
}

/** `ansökningar [status] [kommun]`: a page of the current cohort's applications by id, filtered, and how many match in all. */
export async function listApplications(
  deps: ProgrammeDeps,
  coordinatorId: string,
  filter: ApplicationListFilter,
  after?: IdCursor,
): Promise<UseCaseResult<{ cohort: Cohort; applications: readonly Application[]; total: number; next?: IdCursor }>> {
  const current = await coordinatorsCohort(deps, coordinatorId);
  if (!current.ok) return current;
  const cohortId = current.value.id;
  const query = { ...(filter.state ? { states: [filter.state] } : {}), ...(filter.municipality ? { municipality: filter.municipality } : {}) };
  // How many match comes from the cohort's counters, not from counting them.
  const [page, counts] = await Promise.all([deps.applications.page(cohortId, query, APPLICATIONS_PAGE, after), deps.applications.counts(cohortId)]);
  const total = countMatching(counts, query);
  return ok({ cohort: current.value, applications: page.items.map((v) => v.value), total, ...(page.next !== undefined ? { next: page.next } : {}) });
}
