import { type Application, type SelectionDecision } from '../../domain/application';
import { applyEvent } from '../../domain/application.lifecycle';
import type { ApplicationEvent } from '../../domain/application.state-machine';
import { domainError } from '../../domain/errors';
import { err, ok } from '../../domain/result';
import { asDomainError, mutate, type ApplicationRef } from '../application-change';
import { isCoordinator } from '../resolve-roles';
import { type JuryDeps, type JuryResult } from './deps';

/** The coordinator records the selection for one application, with feedback the applicant gets at the lock. */
export async function decideSelection(
  deps: JuryDeps,
  coordinatorId: string,
  ref: ApplicationRef,
  decision: SelectionDecision['decision'],
  feedback: string,
): Promise<JuryResult<{ application: Application; selectedCount: number; overCapacity: boolean }>> {
  if (!(await isCoordinator(deps, coordinatorId))) return err(domainError('NOT_ALLOWED', 'coordinators only'));
  const cohort = (await deps.cohorts.get(ref.cohortId))?.value;
  if (!cohort) return err(domainError('NOT_FOUND', 'no cohort'));
  if (cohort.selectionLockedAt) return err({ code: 'ROUND_LOCKED' });
  const event: ApplicationEvent = decision === 'selected' ? 'select' : decision === 'waitlisted' ? 'waitlist' : 'notSelect';
  const done = await mutate(deps, ref, (current, now) => {
    const t = applyEvent(current, event, { id: coordinatorId, kind: 'coordinator' }, now, deps.ids.uuid(), feedback || undefined);
    if (!t.ok) return t;
    const selection: SelectionDecision = { decision, feedback, decidedBy: coordinatorId, decidedAt: now.toISOString() };
    return ok({ application: { ...t.value.application, selection }, audit: t.value.audit, notifications: [] });
  });
  if (!done.ok) return err(asDomainError(done.error));
  const selected = (await deps.applications.listByCohort(ref.cohortId)).filter((a) => a.state === 'selected').length;
  return ok({ application: done.value.application.value, selectedCount: selected, overCapacity: selected > cohort.capacity });
}
