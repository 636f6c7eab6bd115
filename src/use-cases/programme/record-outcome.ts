import type { Application, OutcomeDecision } from '../../domain/application';
import { applyEvent } from '../../domain/application.lifecycle';
import type { ApplicationEvent } from '../../domain/application.state-machine';
import { type Notification } from '../../domain/notification';
import { err, ok } from '../../domain/result';
import { asDomainError, mutate, type ApplicationRef } from '../application-change';
import { type ProgrammeDeps, type ProgrammeResult, coordinatorOnly, teamOf } from './deps';

/** The final outcome of an idea in phase 3, with who owns it (IP). Final and audited. */
export async function recordOutcome(
  deps: ProgrammeDeps,
  coordinatorId: string,
  ref: ApplicationRef,
  kind: OutcomeDecision['kind'],
  ipOwner: OutcomeDecision['ipOwner'],
  receivingAdministration?: string,
): Promise<ProgrammeResult<Application>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  if (kind === 'handedToLine' && !receivingAdministration?.trim()) return err({ code: 'FIELD', field: 'receivingAdministration', reason: 'required' });
  const event: ApplicationEvent = kind === 'keptAsProject' ? 'keepAsProject' : kind === 'handedToLine' ? 'handToLine' : kind === 'spunOut' ? 'spinOut' : 'end';
  const done = await mutate(deps, ref, (current, now) => {
    const t = applyEvent(current, event, { id: coordinatorId, kind: 'coordinator' }, now, deps.ids.uuid(), `IP: ${ipOwner}${receivingAdministration ? `; ${receivingAdministration}` : ''}`);
    if (!t.ok) return t;
    const outcome: OutcomeDecision = { kind, ipOwner, ...(kind === 'handedToLine' && receivingAdministration ? { receivingAdministration: receivingAdministration.trim() } : {}), decidedBy: coordinatorId, decidedAt: now.toISOString() };
    const notifications: Notification[] = teamOf(current).map((recipientId) => ({ idempotencyKey: `${t.value.audit.id}/outcome/${recipientId}`, kind: 'finalOutcome', recipientId, cohortId: current.cohortId, applicationId: current.id, payload: { kind } }));
    return ok({ application: { ...t.value.application, outcome }, audit: t.value.audit, notifications });
  });
  return done.ok ? ok(done.value.application.value) : err(asDomainError(done.error));
}
