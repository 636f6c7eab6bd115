import type { Application } from './application';
import type { Notification } from './notification';
import { auditFor, type AuditEvent } from './audit-event';
import { nextState, type ActorKind, type ApplicationEvent } from './application.state-machine';
import type { DomainError } from './errors';
import { ok, type Result } from './result';

export interface Actor {
  readonly id: string;
  readonly kind: ActorKind;
}

export interface TransitionOutcome {
  readonly application: Application;
  readonly audit: AuditEvent;
}

/** What a decision on an application produces: the application after it, its audit event (null for a draft's content), and who is told. */
export interface Change {
  readonly application: Application;
  readonly audit: AuditEvent | null;
  readonly notifications: readonly Notification[];
}

/** Applies one lifecycle event: the new application and the audit event that records it, or a refusal. */
export function applyEvent(
  application: Application,
  event: ApplicationEvent,
  actor: Actor,
  at: Date,
  auditId: string,
  reason?: string,
): Result<TransitionOutcome, DomainError> {
  const next = nextState(application.state, event, actor.kind);
  if (!next.ok) return next;
  const iso = at.toISOString();
  const updated: Application = { ...application, state: next.value, updatedAt: iso };
  return ok({ application: updated, audit: auditFor(application, updated, event, actor, iso, auditId, reason) });
}
