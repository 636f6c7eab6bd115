import type { ApplicationState } from '../../domain/application.state-machine';
import type { Cohort } from '../../domain/cohort';
import type { UseCaseResult } from '../../domain/errors';
import { MUNICIPALITIES } from '../../domain/municipalities';
import { ok } from '../../domain/result';
import { countIn, countsByMunicipality, reviewsLeft } from '../../domain/tally';
import { coordinatorsCohort, type ProgrammeDeps } from './deps';

/** The cohort's funnel per municipality and what is stuck, for `statistik`: read from the cohort's counters alone. */
export async function statistics(deps: ProgrammeDeps, coordinatorId: string): Promise<UseCaseResult<{ cohort: Cohort; rows: { municipality: string; counts: Partial<Record<ApplicationState, number>> }[]; waitingManagers: number; jurorsBehind: number }>> {
  const current = await coordinatorsCohort(deps, coordinatorId);
  if (!current.ok) return current;
  const counts = await deps.applications.counts(current.value.id);
  const byMunicipality = countsByMunicipality(counts);
  const rows = MUNICIPALITIES.flatMap((municipality) => {
    const row = byMunicipality.get(municipality);
    return row ? [{ municipality, counts: row }] : [];
  });
  const behind = current.value.jurorIds.filter((jurorId) => reviewsLeft(counts, jurorId) > 0).length;
  return ok({ cohort: current.value, rows, waitingManagers: countIn(counts, ['awaitingManager']), jurorsBehind: behind });
}
