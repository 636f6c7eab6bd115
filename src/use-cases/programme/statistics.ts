import type { ApplicationState } from '../../domain/application.state-machine';
import type { Cohort } from '../../domain/cohort';
import { domainError, type UseCaseResult } from '../../domain/errors';
import { MUNICIPALITIES } from '../../domain/municipalities';
import { missingScores } from '../../domain/scoring';
import { err, ok } from '../../domain/result';
import { currentCohort } from '../current-cohort';
import { coordinatorOnly, type ProgrammeDeps } from './deps';

/** The cohort's funnel per municipality and what is stuck, for `statistik`. */
export async function statistics(deps: ProgrammeDeps, coordinatorId: string): Promise<UseCaseResult<{ cohort: Cohort; rows: { municipality: string; counts: Partial<Record<ApplicationState, number>> }[]; waitingManagers: number; jurorsBehind: number }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const current = await currentCohort(deps);
  if (!current) return err(domainError('NOT_FOUND', 'no cohort'));
  const apps = await deps.applications.listByCohort(current.value.id);
  const rows = MUNICIPALITIES.map((municipality) => {
    const counts: Partial<Record<ApplicationState, number>> = {};
    for (const a of apps.filter((x) => x.about?.municipality === municipality)) counts[a.state] = (counts[a.state] ?? 0) + 1;
    return { municipality, counts };
  }).filter((r) => Object.keys(r.counts).length > 0);
  const inReview = apps.filter((a) => a.state === 'inReview').map((a) => a.id);
  const [scores, recusals] = await Promise.all([deps.jury.scores(current.value.id), deps.jury.recusals(current.value.id)]);
  const behind = Object.values(missingScores(inReview, current.value.jurorIds, scores, recusals)).filter((left) => left.length > 0).length;
  return ok({ cohort: current.value, rows, waitingManagers: apps.filter((a) => a.state === 'awaitingManager').length, jurorsBehind: behind });
}
