import type { Cohort } from '../../domain/cohort';
import type { UseCaseResult } from '../../domain/errors';
import { ok } from '../../domain/result';
import { judgedCount, reviewsLeft } from '../../domain/tally';
import { changeCohort } from '../change';
import { coordinatorOnly, coordinatorsCohort, type ProgrammeDeps } from '../programme/deps';

/** What locking the jury round would leave undone, for the coordinator's confirmation card. */
export interface JuryLockPreview {
  readonly cohort: Cohort;
  /** The jury round's applications (in review or decided). */
  readonly applications: number;
  /** Each juror who has not scored (or stood aside from) every one of them, with how many are left. */
  readonly behind: readonly { readonly jurorId: string; readonly left: number }[];
  readonly alreadyLocked: boolean;
}

/** `lås juryrunda` before anything changes: who has not finished. Read from the counters alone. */
export async function juryLockPreview(deps: ProgrammeDeps, coordinatorId: string): Promise<UseCaseResult<JuryLockPreview>> {
  const current = await coordinatorsCohort(deps, coordinatorId);
  if (!current.ok) return current;
  const cohort = current.value;
  const counts = await deps.applications.counts(cohort.id);
  const behind = cohort.jurorIds.map((jurorId) => ({ jurorId, left: reviewsLeft(counts, jurorId) })).filter((j) => j.left > 0);
  return ok({ cohort, applications: judgedCount(counts), behind, alreadyLocked: cohort.juryRound === 'locked' });
}

/** Locks the round: scores are final and no more are taken. Locked again (a second click), it answers the same. */
export async function lockJuryRound(deps: ProgrammeDeps, coordinatorId: string, cohortId: string | 'current' = 'current'): Promise<UseCaseResult<{ cohort: Cohort; alreadyLocked: boolean }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const locked = await changeCohort(deps, cohortId, (c) => ok(c.juryRound === 'locked' ? c : { ...c, juryRound: 'locked' }));
  return locked.ok ? ok({ cohort: locked.value.after.value, alreadyLocked: locked.value.before.juryRound === 'locked' }) : locked;
}
