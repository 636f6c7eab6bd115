import type { UseCaseResult } from '../../domain/errors';
import { err, ok } from '../../domain/result';
import { reviewsLeft } from '../../domain/tally';
import { cohortNotes, coordinatorsCohort, type CohortChoice, type ProgrammeDeps } from '../programme/deps';

/**
 * `påminn jury`: each juror with applications left to score gets a reminder listing them; from the tab, one juror
 * alone (`only`), when they have some left.
 */
export async function remindJury(deps: ProgrammeDeps, coordinatorId: string, which: CohortChoice = 'current', only?: string): Promise<UseCaseResult<{ reminded: number }>> {
  const current = await coordinatorsCohort(deps, coordinatorId, which);
  if (!current.ok) return current;
  const cohort = current.value;
  if (only !== undefined && !cohort.jurorIds.includes(only)) return err({ code: 'NOT_JUROR' });
  const counts = await deps.applications.counts(cohort.id);
  const due = cohort.jurorIds.filter((jurorId) => (only === undefined || jurorId === only) && reviewsLeft(counts, jurorId) > 0);
  const now = deps.clock.now();
  await deps.outbox.enqueue(cohortNotes(cohort, 'juryReminder', due, `${cohort.id}/remind/${now.toISOString()}`), now);
  return ok({ reminded: due.length });
}
