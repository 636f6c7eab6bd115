import type { Application, GateDecision } from '../../domain/application';
import { applyEvent } from '../../domain/application.lifecycle';
import type { ApplicationEvent } from '../../domain/application.state-machine';
import { type Notification } from '../../domain/notification';
import { err, ok } from '../../domain/result';
import { asDomainError, mutate, type ApplicationRef } from '../application-change';
import { type ProgrammeDeps, type ProgrammeResult, coordinatorOnly, teamOf } from './deps';

/** The gate after phase 1 for one application: continue, back to the ordinary job, or join another team. */
export async function recordGate(deps: ProgrammeDeps, coordinatorId: string, ref: ApplicationRef, outcome: GateDecision['outcome'], joinedApplicationId?: string): Promise<ProgrammeResult<Application>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  if (outcome === 'joinOtherTeam') {
    const team = joinedApplicationId ? await deps.applications.get(ref.cohortId, joinedApplicationId) : null;
    if (!team || team.value.id === ref.applicationId || !['phase1', 'continuing'].includes(team.value.state)) return err({ code: 'FIELD', field: 'joinedApplicationId', reason: 'team' });
  }
  const event: ApplicationEvent = outcome === 'continue' ? 'gateContinue' : outcome === 'returnToJob' ? 'gateReturnToJob' : 'gateJoinOtherTeam';
  const done = await mutate(deps, ref, (current, now) => {
    const t = applyEvent(current, event, { id: coordinatorId, kind: 'coordinator' }, now, deps.ids.uuid(), joinedApplicationId);
    if (!t.ok) return t;
    const gate: GateDecision = { outcome, ...(joinedApplicationId && outcome === 'joinOtherTeam' ? { joinedApplicationId } : {}), decidedBy: coordinatorId, decidedAt: now.toISOString() };
    const notifications: Notification[] = teamOf(current).map((recipientId) => ({ idempotencyKey: `${t.value.audit.id}/gate/${recipientId}`, kind: 'gateOutcome', recipientId, cohortId: current.cohortId, applicationId: current.id, payload: { outcome, joined: joinedApplicationId ?? '' } }));
    return ok({ application: { ...t.value.application, gate }, audit: t.value.audit, notifications });
  });
  return done.ok ? ok(done.value.application.value) : err(asDomainError(done.error));
}
