import type { Cohort } from '../../domain/cohort';
import { domainError } from '../../domain/errors';
import { err, ok } from '../../domain/result';
import { isCoordinator } from '../resolve-roles';
import { currentCohort } from '../current-cohort';
import { type JuryDeps, type JuryResult, setRound } from './deps';

/** Locks the round: scores are final and no more are taken. */
export async function lockJuryRound(deps: JuryDeps, coordinatorId: string): Promise<JuryResult<{ cohort: Cohort }>> {
  if (!(await isCoordinator(deps, coordinatorId))) return err(domainError('NOT_ALLOWED', 'coordinators only'));
  const current = await currentCohort(deps);
  if (!current) return err(domainError('NOT_FOUND', 'no cohort'));
  return ok({ cohort: (await setRound(deps, current, 'locked')).value });
}
