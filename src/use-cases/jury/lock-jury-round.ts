import type { Cohort } from '../../domain/cohort';
import type { UseCaseResult } from '../../domain/errors';
import { ok } from '../../domain/result';
import { changeCohort } from '../change';
import { coordinatorOnly, type ProgrammeDeps } from '../programme/deps';

/** Locks the round: scores are final and no more are taken. */
export async function lockJuryRound(deps: ProgrammeDeps, coordinatorId: string): Promise<UseCaseResult<{ cohort: Cohort }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const locked = await changeCohort(deps, 'current', (c) => ok(c.juryRound === 'locked' ? c : { ...c, juryRound: 'locked' }));
  return locked.ok ? ok({ cohort: locked.value.after.value }) : locked;
}
