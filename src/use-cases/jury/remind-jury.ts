import type { UseCaseResult } from '../../domain/errors';
import { ok } from '../../domain/result';
import { reviewsLeft } from '../../domain/tally';
import { cohortNotes, coordinatorsCohort, type ProgrammeDeps } from '../programme/deps';

/** `påminn jury`: each juror with applications left to score gets a reminder listing them. */
export async function remindJury(deps: ProgrammeDeps, coordinatorId: string): Promise<UseCaseResult<{ reminded: number }>> {
  const current = await coordinatorsCohort(deps, coordinatorId);
  if (!current.ok) return current;
  const cohort = current.value;
  const counts = await deps.applications.counts(cohort.id);
  const due = cohort.jurorIds.filter((jurorId) => reviewsLeft(counts, jurorId) > 0);
  const now = deps.clock.now();
  await deps.outbox.enqueue(cohortNotes(cohort, 'juryReminder', due, `${cohort.id}/remind/${now.toISOString()}`), now);
  return ok({ reminded: due.length });
}
