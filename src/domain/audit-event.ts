import type { Application } from './application';
import type { ActorKind, ApplicationEvent, ApplicationState } from './application.state-machine';

/**
 * One entry in the append-only audit trail: who did what, when, why, and the state before and after.
 * Written in the same atomic batch as the change it describes; never updated or deleted.
 */
/**
 * What an audit event records: a lifecycle transition, the creation, or a decision that does not move the
 * whole application (one member approved or declined, a task escalated or handed to another manager, a score,
 * an expense reported or decided (the reason names the expense), a mentor or sponsor assigned (the reason names them)).
 */
export const DECISION_ACTIONS = [
  'memberApproved',
  'memberDeclined',
  'escalated',
  'reassigned',
  'scored',
  'recused',
  'expenseReported',
  'expenseApproved',
  'expenseRejected',
  'mentorAssigned',
  'sponsorAssigned',
  /** Meeting the candidates (issue 17): invited, a member's answer (the reason is the answer), a coordinator's note. */
  'meetingInvited',
  'meetingAnswered',
  'meetingNoted',
] as const;
export type AuditAction = ApplicationEvent | 'create' | (typeof DECISION_ACTIONS)[number];

export interface AuditEvent {
  readonly id: string;
  readonly applicationId: string;
  readonly cohortId: string;
  readonly at: string;
  readonly actorId: string;
  readonly actorKind: ActorKind;
  readonly action: AuditAction;
  readonly fromState: ApplicationState | null;
  readonly toState: ApplicationState;
  readonly reason?: string;
}

export function auditFor(
  before: Application | null,
  after: Application,
  action: AuditAction,
  actor: { id: string; kind: ActorKind },
  at: string,
  id: string,
  reason?: string,
): AuditEvent {
  return {
    id,
    applicationId: after.id,
    cohortId: after.cohortId,
    at,
    actorId: actor.id,
    actorKind: actor.kind,
    action,
    fromState: before ? before.state : null,
    toState: after.state,
    ...(reason ? { reason } : {}),
  };
}
