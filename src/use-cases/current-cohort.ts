import type { Cohort } from '../domain/cohort';
import type { Clock, CohortRepository, Versioned } from '../domain/ports';

/** The cohort the jury works on now: the newest one whose intake has opened. */
export async function currentCohort(deps: { readonly cohorts: CohortRepository; readonly clock: Clock }): Promise<Versioned<Cohort> | null> {
  const now = deps.clock.now().getTime();
  const started = (await deps.cohorts.list()).filter((c) => Date.parse(c.intakeOpensAt) <= now).sort((a, b) => b.intakeOpensAt.localeCompare(a.intakeOpensAt));
  return started[0] ? deps.cohorts.get(started[0].id) : null;
}
