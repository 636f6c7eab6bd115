import type { UseCaseResult } from '../../domain/errors';
import { domainError } from '../../domain/errors';
import { err, ok } from '../../domain/result';
import { reviewsLeft } from '../../domain/tally';
import { currentCohort } from '../current-cohort';
import { cohortNotes, coordinatorOnly, type ProgrammeDeps } from '../programme/deps';

/** `påminn jury`: each juror with applications left to score gets a reminder listing them. */
export async function remindJury(deps: ProgrammeDeps, coordinatorId: string): Promise<UseCaseResult<{ reminded: number }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const current = await currentCohort(deps);
  if (!current) return err(domainError('NOT_FOUND', 'no cohort'));
  const cohort = current.value;
  const counts = await deps.applications.counts(cohort.id);
  const due = cohort.jurorIds.filter((jurorId) => reviewsLeft(counts, jurorId) > 0);
  const now = deps.clock.now();
  await deps.outbox.enqueue(cohortNotes(cohort, 'juryReminder', due, `${cohort.id}/remind/${now.toISOString()}`), now);
  return ok({ reminded: due.length });
}
