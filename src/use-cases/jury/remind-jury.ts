import { ok } from '../../domain/result';
import { type JuryDeps, type JuryResult, cohortNotice } from './deps';
import { rankingOf } from './ranking';

/** `påminn jury`: each juror with applications left to score gets a reminder listing them. */
export async function remindJury(deps: JuryDeps, coordinatorId: string): Promise<JuryResult<{ reminded: number }>> {
  const view = await rankingOf(deps, coordinatorId);
  if (!view.ok) return view;
  const now = deps.clock.now();
  const due = Object.entries(view.value.missing).filter(([, apps]) => apps.length > 0);
  await deps.outbox.enqueue(due.map(([jurorId]) => cohortNotice(view.value.cohort, 'juryReminder', jurorId, `${view.value.cohort.id}/remind/${jurorId}/${now.toISOString()}`)), now);
  return ok({ reminded: due.length });
}
