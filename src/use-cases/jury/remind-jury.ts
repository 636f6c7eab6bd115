import type { UseCaseResult } from '../../domain/errors';
import { ok } from '../../domain/result';
import { cohortNotes, type ProgrammeDeps } from '../programme/deps';
import { rankingOf } from './ranking';

/** `påminn jury`: each juror with applications left to score gets a reminder listing them. */
export async function remindJury(deps: ProgrammeDeps, coordinatorId: string): Promise<UseCaseResult<{ reminded: number }>> {
  const view = await rankingOf(deps, coordinatorId);
  if (!view.ok) return view;
  const now = deps.clock.now();
  const due = Object.entries(view.value.missing).filter(([, apps]) => apps.length > 0).map(([jurorId]) => jurorId);
  await deps.outbox.enqueue(cohortNotes(view.value.cohort, 'juryReminder', due, `${view.value.cohort.id}/remind/${now.toISOString()}`), now);
  return ok({ reminded: due.length });
}
