import { applyEvent } from '../../domain/application.lifecycle';
import type { Cohort } from '../../domain/cohort';
import { domainError } from '../../domain/errors';
import { err, ok } from '../../domain/result';
import { mutate } from '../application-change';
import { isCoordinator } from '../resolve-roles';
import { currentCohort } from '../current-cohort';
import { type JuryDeps, type JuryResult, cohortNotice, setRound } from './deps';

/**
 * Opens the jury round: every manager-approved application of the cohort goes to review (audited), and
 * each juror gets a card listing what waits for them.
 */
export async function openJuryRound(deps: JuryDeps, coordinatorId: string): Promise<JuryResult<{ cohort: Cohort; applications: number }>> {
  if (!(await isCoordinator(deps, coordinatorId))) return err(domainError('NOT_ALLOWED', 'coordinators only'));
  const current = await currentCohort(deps);
  if (!current) return err(domainError('NOT_FOUND', 'no cohort'));
  if (current.value.juryRound === 'locked') return err({ code: 'ROUND_LOCKED' });
  const cohort = current.value.juryRound === 'open' ? current : await setRound(deps, current, 'open');
  const approved = (await deps.applications.listByCohort(cohort.value.id)).filter((a) => a.state === 'approved');
  for (const a of approved) {
    await mutate(deps, { cohortId: a.cohortId, applicationId: a.id }, (fresh, now) => {
      const t = applyEvent(fresh, 'openReview', { id: coordinatorId, kind: 'coordinator' }, now, deps.ids.uuid());
      return t.ok ? ok({ ...t.value, notifications: [] }) : t;
    });
  }
  const now = deps.clock.now();
  await deps.outbox.enqueue(cohort.value.jurorIds.map((j) => cohortNotice(cohort.value, 'reviewAssignment', j, `${cohort.value.id}/review/${j}/${now.toISOString()}`)), now);
  return ok({ cohort: cohort.value, applications: approved.length });
}
