import type { UseCaseResult } from '../../domain/errors';
import { SELECTION_STATES } from '../../domain/jury';
import { hrContactOf } from '../../domain/person';
import { toldAtSelectionLock } from '../../domain/programme';
import { ok } from '../../domain/result';
import { changeCohort } from '../change';
import { forEachPage } from '../pages';
import { coordinatorOnly, type ProgrammeDeps } from '../programme/deps';

/**
 * Locks the selection: every applicant with a decision is told in their language (selected with next steps,
 * waitlisted, or not selected with the feedback), and the managers and the HR contact of each selected
 * participant learn that the leave starts with the programme. Runs once (idempotent keys); the messages are
 * enqueued a page of applications at a time, in bulk (outbox.enqueue bounds its requests in flight).
 */
export async function lockSelection(deps: ProgrammeDeps, coordinatorId: string): Promise<UseCaseResult<{ told: number }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const locked = await changeCohort(deps, 'current', (c, now) => ok(c.selectionLockedAt ? c : { ...c, selectionLockedAt: now.toISOString(), juryRound: 'locked' }));
  if (!locked.ok) return locked;
  const cohort = locked.value.after.value;
  const settings = (await deps.settings.get())?.value;
  let told = 0;
  await forEachPage(deps.applications, cohort.id, { states: SELECTION_STATES }, async (page) => {
    const notifications = page.flatMap(({ value: a }) => (a.selection ? toldAtSelectionLock(cohort, a, hrContactOf(settings, a.about?.municipality)) : []));
    await deps.outbox.enqueue(notifications, deps.clock.now());
    told += notifications.length;
  });
  return ok({ told });
}
