import { applyEvent } from '../../domain/application.lifecycle';
import type { Cohort } from '../../domain/cohort';
import type { UseCaseResult } from '../../domain/errors';
import { err, ok } from '../../domain/result';
import { changeCohort, mutate } from '../change';
import { cohortNotes, coordinatorOnly, type ProgrammeDeps } from '../programme/deps';

/**
 * Opens the jury round: every manager-approved application of the cohort goes to review (audited), and
 * each juror gets a card listing what waits for them.
 */
export async function openJuryRound(deps: ProgrammeDeps, coordinatorId: string): Promise<UseCaseResult<{ cohort: Cohort; applications: number }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const opened = await changeCohort(deps, 'current', (c) => (c.juryRound === 'locked' ? err({ code: 'ROUND_LOCKED' }) : ok(c.juryRound === 'open' ? c : { ...c, juryRound: 'open' })));
  if (!opened.ok) return opened;
  const cohort = opened.value.after.value;
  const approved = (await deps.applications.listByCohort(cohort.id)).filter((a) => a.state === 'approved');
  for (const a of approved) {
    await mutate(deps, { cohortId: a.cohortId, applicationId: a.id }, (fresh, now) => {
      const t = applyEvent(fresh, 'openReview', { id: coordinatorId, kind: 'coordinator' }, now, deps.ids.uuid());
      return t.ok ? ok({ ...t.value, notifications: [] }) : t;
    });
  }
  const now = deps.clock.now();
  await deps.outbox.enqueue(cohortNotes(cohort, 'reviewAssignment', cohort.jurorIds, `${cohort.id}/review/${now.toISOString()}`), now);
  return ok({ cohort, applications: approved.length });
}
