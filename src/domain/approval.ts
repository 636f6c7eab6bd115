import { decidersOf, teamOf, withDeciders, type Application, type ApprovalStatus, type LeaveSection, type ManagerApproval } from './application';
import { applyEvent, unchanged, type Actor, type Change } from './application.lifecycle';
import type { ApplicationEvent } from './application.state-machine';
import { auditFor, type AuditEvent } from './audit-event';
import { swedishDate } from './dates';
import { leaveFieldErrors } from './eligibility';
import { domainError, type FieldError, type Refusal } from './errors';
import { aboutApplication, notify, SYSTEM_RECIPIENT, type Notification } from './notification';
import { err, ok, type Result } from './result';
import { workingDaysAfter } from './working-days';

/**
 * The managers' approval (PROGRAMME.md step 3): every member of the team needs their own manager's yes to
 * participation and leave. A silent manager is reminded, then the decision goes to the municipality's HR
 * contact. Pure: each rule takes the stored application and answers the change to write, or a refusal.
 */

/** When a silent manager is reminded, and when the task goes to the municipality's HR contact. */
export interface ApprovalSchedule {
  readonly reminderWorkingDays: number;
  readonly escalationWorkingDays: number;
}

export const DEFAULT_SCHEDULE: ApprovalSchedule = { reminderWorkingDays: 3, escalationWorkingDays: 5 };

/** A member of the application and who decides on their participation. */
export interface MemberDecider {
  readonly memberId: string;
  readonly memberName: string;
  readonly managerId: string;
}

/**
 * The approvals a submission opens, and their messages: the request to each manager now, a reminder and
 * an escalation job later (stored with their due time, so they survive restarts and run once).
 */
export function openApprovals(
  application: Application,
  deciders: readonly MemberDecider[],
  audit: AuditEvent,
  now: Date,
  schedule: ApprovalSchedule = DEFAULT_SCHEDULE,
): { approvals: ManagerApproval[]; notifications: Notification[] } {
  const at = now.toISOString();
  const confirmed = new Set(teamOf(application));
  const approvals = deciders
    .filter((d) => confirmed.has(d.memberId))
    .map((d): ManagerApproval => ({ memberId: d.memberId, memberName: d.memberName, managerId: d.managerId, status: 'pending', requestedAt: at }));
  const about = aboutApplication(application);
  const remindAt = workingDaysAfter(now, schedule.reminderWorkingDays).toISOString();
  const escalateAt = workingDaysAfter(now, schedule.escalationWorkingDays).toISOString();
  const notifications = approvals.flatMap((a): Notification[] => [
    ...notify(about, 'managerApprovalRequest', [a.managerId], `${audit.id}/manager/${a.memberId}`, { memberId: a.memberId }),
    ...notify(about, 'approvalReminder', [a.managerId], `${audit.id}/reminder/${a.memberId}`, { memberId: a.memberId, requestedAt: at }, remindAt),
    ...notify(about, 'approvalEscalation', [SYSTEM_RECIPIENT], `${audit.id}/escalate/${a.memberId}`, { memberId: a.memberId, requestedAt: at }, escalateAt),
  ]);
  return { approvals, notifications };
}

/** What a manager (or the HR contact the task went to) decides for one member. */
export type ManagerDecision =
  | { readonly kind: 'approve'; readonly leave: LeaveSection; readonly attestPermanent: boolean; readonly attestOneYear: boolean }
  | { readonly kind: 'decline'; readonly reason: string }
  | { readonly kind: 'requestChanges'; readonly reason: string };

const STATUS_OF = { approve: 'approved', decline: 'declined', requestChanges: 'changesRequested' } as const satisfies Record<ManagerDecision['kind'], ApprovalStatus>;

/**
 * The same decision again (a double click, a retried request): this person already decided this approval this
 * way. It is answered with the saved result, not as a refusal.
 */
export function isRepeatOf(approval: ManagerApproval, personId: string, decision: ManagerDecision): boolean {
  return approval.decidedBy === personId && approval.status === STATUS_OF[decision.kind];
}

/** The pending approval of one member and the actor deciding it, or why this person cannot decide it now. */
function pendingFor(current: Application, memberId: string, personId: string): Result<{ approval: ManagerApproval; actor: Actor }, Refusal> {
  const approval = current.approvals.find((a) => a.memberId === memberId);
  if (!approval) return err(domainError('NOT_FOUND', `no approval for ${memberId}`));
  if (current.state !== 'awaitingManager' || approval.status !== 'pending') {
    return err(domainError('ILLEGAL_TRANSITION', `approval is ${approval.status}, application ${current.state}`, { from: current.state, event: 'approveAsManager' }));
  }
  if (!decidersOf(approval).includes(personId)) return err(domainError('NOT_ALLOWED', 'not the decider on record', { applicationId: current.id }));
  return ok({ approval, actor: { id: personId, kind: personId === approval.managerId ? 'manager' : 'hrContact' } });
}

/**
 * An approval needs both attestations (permanent employment, a year employed) and a leave within the rules: the
 * same rules as the applicant's form, so the approved leave also starts with the programme (docs/decisions/0010).
 */
function approvalProblems(decision: Extract<ManagerDecision, { kind: 'approve' }>, now: Date, programmeStartsOn?: string): FieldError[] {
  return [
    ...(decision.attestPermanent ? [] : [{ field: 'attestPermanent', code: 'required' as const }]),
    ...(decision.attestOneYear ? [] : [{ field: 'attestOneYear', code: 'required' as const }]),
    ...leaveFieldErrors(decision.leave, swedishDate(now), programmeStartsOn),
  ];
}

/**
 * One decision for one member, by the manager on record or the HR contact it was escalated to (decided from the
 * stored approval, never from the card). The whole application moves when changes are asked for, when the lead
 * applicant is declined, or when every member still in the team is approved; a declined co-applicant leaves the
 * team and the others go on. A second click or a stale card finds the approval no longer pending.
 */
export function decideMemberApproval(
  current: Application,
  personId: string,
  memberId: string,
  decision: ManagerDecision,
  now: Date,
  auditId: string,
  programmeStartsOn?: string,
): Result<Change, Refusal> {
  const asked = current.approvals.find((a) => a.memberId === memberId);
  if (asked && isRepeatOf(asked, personId, decision)) return ok(unchanged(current));
  const pending = pendingFor(current, memberId, personId);
  if (!pending.ok) return pending;
  const { approval, actor } = pending.value;
  if (decision.kind === 'approve') {
    const fields = approvalProblems(decision, now, programmeStartsOn);
    if (fields.length > 0) return err({ code: 'FIELDS', fields });
  }
  const at = now.toISOString();
  const reason = decision.kind === 'approve' ? undefined : decision.reason;
  const decided: ManagerApproval = {
    ...approval,
    status: decision.kind === 'approve' ? 'approved' : decision.kind === 'decline' ? 'declined' : 'changesRequested',
    decidedBy: personId,
    decidedAt: at,
    ...(reason ? { reason } : {}),
    ...(decision.kind === 'approve' ? { leave: decision.leave } : {}),
  };
  let approvals = current.approvals.map((a) => (a.memberId === memberId ? decided : a));
  let next: Application = { ...current, approvals, updatedAt: at };

  let event: ApplicationEvent | undefined;
  if (decision.kind === 'requestChanges') event = 'requestChanges';
  else if (decision.kind === 'decline' && memberId === current.applicantId) event = 'declineAsManager';
  else if (decision.kind === 'decline') next = { ...next, coApplicants: next.coApplicants.map((c) => (c.personId === memberId ? { ...c, status: 'declined' } : c)) };
  if (!event && approvals.filter((a) => a.status !== 'declined').every((a) => a.status === 'approved')) event = 'approveAsManager';
  if (event === 'requestChanges' || event === 'declineAsManager') {
    approvals = approvals.map((a) => (a.status === 'pending' ? { ...a, status: 'superseded' } : a));
    next = { ...next, approvals };
  }

  let audit: AuditEvent;
  if (event) {
    const t = applyEvent(next, event, actor, now, auditId, reason);
    if (!t.ok) return t;
    next = t.value.application;
    audit = t.value.audit;
  } else {
    audit = auditFor(current, next, decision.kind === 'approve' ? 'memberApproved' : 'memberDeclined', actor, at, auditId, reason ?? decided.memberName);
  }

  const about = aboutApplication(next);
  const tell = (kind: Notification['kind'], recipients: readonly string[], payload: Record<string, string> = {}) => notify(about, kind, recipients, `${audit.id}/${kind}`, payload);
  const notifications =
    event === 'approveAsManager'
      ? tell('applicationApproved', teamOf(next))
      : event === 'declineAsManager'
        ? tell('applicationDeclined', teamOf(current), { reason: reason ?? '' })
        : event === 'requestChanges'
          ? tell('changesRequested', [current.applicantId], { reason: reason ?? '', memberName: approval.memberName })
          : decision.kind === 'decline'
            ? tell('memberDeclined', teamOf(current), { memberName: approval.memberName, reason: reason ?? '' })
            : [];
  return ok({ application: withDeciders(next), audit, notifications });
}

/**
 * The escalation job: a manager who has not answered by the due time hands the decision to the municipality's
 * HR contact, who gets the card. Nothing to do when it is decided or escalated already, or there is no other HR contact.
 */
export function escalationOf(current: Application, memberId: string, hrContactId: string | undefined, now: Date, auditId: string): Result<Change, Refusal> {
  const approval = current.approvals.find((a) => a.memberId === memberId);
  if (!approval || approval.status !== 'pending' || approval.escalatedTo || current.state !== 'awaitingManager' || !hrContactId || hrContactId === approval.managerId) {
    return err(domainError('ILLEGAL_TRANSITION', 'nothing to escalate'));
  }
  const next = withDeciders({ ...current, approvals: current.approvals.map((a) => (a.memberId === memberId ? { ...a, escalatedTo: hrContactId } : a)), updatedAt: now.toISOString() });
  const audit = auditFor(current, next, 'escalated', { id: SYSTEM_RECIPIENT, kind: 'system' }, now.toISOString(), auditId, approval.memberName);
  return ok({ application: next, audit, notifications: notify(aboutApplication(next), 'managerApprovalRequest', [hrContactId], `${audit.id}/managerApprovalRequest`, { memberId, escalated: 'true' }) });
}

/** The decider on record hands one member's decision to another manager (found in the directory), who gets the card. */
export function reassignmentOf(current: Application, personId: string, memberId: string, manager: { readonly id: string; readonly name: string }, now: Date, auditId: string): Result<Change, Refusal> {
  const pending = pendingFor(current, memberId, personId);
  if (!pending.ok) return pending.error.code === 'NOT_FOUND' ? err(domainError('ILLEGAL_TRANSITION', 'not pending')) : pending;
  const next = withDeciders({ ...current, approvals: current.approvals.map((a) => (a.memberId === memberId ? { ...a, managerId: manager.id } : a)), updatedAt: now.toISOString() });
  const audit = auditFor(current, next, 'reassigned', pending.value.actor, now.toISOString(), auditId, manager.name);
  return ok({ application: next, audit, notifications: notify(aboutApplication(next), 'managerApprovalRequest', [manager.id], `${audit.id}/managerApprovalRequest`, { memberId }) });
}
