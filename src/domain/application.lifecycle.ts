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

/**
 * The answer of a rule to a decision already taken the same way (a double click, a retried request, a second
 * coordinator): nothing to write. `mutate` writes nothing for it and answers the stored application, so a repeat
 * gets the saved result wherever it comes from (docs/decisions/0011).
 */
export const unchanged = (current: Application): Change => ({ application: current, audit: null, notifications: [] });

/** Whether a rule answered `unchanged`. */
export const isUnchanged = (change: Change, current: Application): boolean => change.application === current && !change.audit && change.notifications.length === 0;

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
