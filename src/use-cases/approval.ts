import { decidersOf, withDeciders, type Application, type LeaveSection, type ManagerApproval } from '../domain/application';
import { applyEvent } from '../domain/application.lifecycle';
import { isManager } from './resolve-roles';
import type { ApplicationEvent } from '../domain/application.state-machine';
import { auditFor, type AuditAction, type AuditEvent } from '../domain/audit-event';
import { swedishDate } from '../domain/dates';
import { leaveFailures } from '../domain/eligibility';
import { domainError } from '../domain/errors';
import type { Municipality } from '../domain/municipalities';
import { SYSTEM_RECIPIENT, type Notification } from '../domain/notification';
import type { ApplicationRepository, Clock, Directory, IdGenerator, SettingsRepository, Versioned } from '../domain/ports';
import { err, ok } from '../domain/result';
import { workingDaysAfter } from '../domain/working-days';
import { mutate, type ApplicationRef, type IntakeResult } from './application-change';

/** When a silent manager is reminded, and when the task goes to the municipality's HR contact. */
export interface ApprovalSchedule {
  readonly reminderWorkingDays: number;
  readonly escalationWorkingDays: number;
}

export const DEFAULT_SCHEDULE: ApprovalSchedule = { reminderWorkingDays: 3, escalationWorkingDays: 5 };

export interface ApprovalDeps {
  readonly applications: ApplicationRepository;
  readonly directory: Directory;
  readonly settings: SettingsRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly schedule?: ApprovalSchedule;
}

/** A member of the application and who decides on their participation. */
export interface MemberDecider {
  readonly memberId: string;
  readonly memberName: string;
  readonly managerId: string;
}

/**
 * The deciders for the lead applicant (the manager on the form) and each co-applicant (their manager in
 * the directory, else their municipality's HR contact). Null names a member nobody can decide for.
 */
export async function resolveDeciders(
  deps: Pick<ApprovalDeps, 'directory' | 'settings'>,
  application: Application,
): Promise<{ deciders: MemberDecider[]; missing: string[] }> {
  const settings = (await deps.settings.get())?.value;
  const deciders: MemberDecider[] = [];
  const missing: string[] = [];
  if (application.about) deciders.push({ memberId: application.applicantId, memberName: application.applicantName, managerId: application.about.managerId });
  for (const c of application.coApplicants.filter((x) => x.status !== 'declined')) {
    const person = await deps.directory.getPerson(c.personId);
    const hr = person?.municipality ? settings?.hrContactIds[person.municipality] : undefined;
    const managerId = person?.managerId ?? hr;
    if (managerId) deciders.push({ memberId: c.personId, memberName: c.name, managerId });
    else missing.push(c.name);
  }
  return { deciders, missing };
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
  const confirmed = new Set([application.applicantId, ...application.coApplicants.filter((c) => c.status === 'confirmed').map((c) => c.personId)]);
  const approvals = deciders
    .filter((d) => confirmed.has(d.memberId))
    .map((d): ManagerApproval => ({ memberId: d.memberId, memberName: d.memberName, managerId: d.managerId, status: 'pending', requestedAt: at }));
  const base = { cohortId: application.cohortId, applicationId: application.id };
  const remindAt = workingDaysAfter(now, schedule.reminderWorkingDays).toISOString();
  const escalateAt = workingDaysAfter(now, schedule.escalationWorkingDays).toISOString();
  const notifications = approvals.flatMap((a): Notification[] => [
    { ...base, idempotencyKey: `${audit.id}/manager/${a.memberId}`, kind: 'managerApprovalRequest', recipientId: a.managerId, payload: { memberId: a.memberId } },
    { ...base, idempotencyKey: `${audit.id}/reminder/${a.memberId}`, kind: 'approvalReminder', recipientId: a.managerId, payload: { memberId: a.memberId, requestedAt: at }, dueAt: remindAt },
    { ...base, idempotencyKey: `${audit.id}/escalate/${a.memberId}`, kind: 'approvalEscalation', recipientId: SYSTEM_RECIPIENT, payload: { memberId: a.memberId, requestedAt: at }, dueAt: escalateAt },
  ]);
  return { approvals, notifications };
}

/** What a manager (or the HR contact the task went to) decides for one member. */
export type ManagerDecision =
  | { readonly kind: 'approve'; readonly leave: LeaveSection; readonly attestPermanent: boolean; readonly attestOneYear: boolean }
  | { readonly kind: 'decline'; readonly reason: string }
  | { readonly kind: 'requestChanges'; readonly reason: string };

const tell = (a: Application, kind: Notification['kind'], recipients: readonly string[], key: string, payload: Record<string, string> = {}): Notification[] =>
  [...new Set(recipients)].map((recipientId) => ({ idempotencyKey: `${key}/${kind}/${recipientId}`, kind, recipientId, cohortId: a.cohortId, applicationId: a.id, payload }));

const teamOf = (a: Application) => [a.applicantId, ...a.coApplicants.filter((c) => c.status === 'confirmed').map((c) => c.personId)];

/**
 * Records one decision. Who may decide is read from the stored approval (the manager on record, or the
 * HR contact after escalation), never from the card. A second click, a stale card or two deciders at once
 * end in one decision: the loser finds the approval no longer pending.
 */
export async function decideApproval(
  deps: ApprovalDeps,
  personId: string,
  ref: ApplicationRef,
  memberId: string,
  decision: ManagerDecision,
): Promise<IntakeResult<{ application: Versioned<Application> }>> {
  return mutate(deps, ref, (current, now) => {
    const approval = current.approvals.find((a) => a.memberId === memberId);
    if (!approval) return err(domainError('NOT_FOUND', `no approval for ${memberId}`));
    if (current.state !== 'awaitingManager' || approval.status !== 'pending') {
      return err(domainError('ILLEGAL_TRANSITION', `approval is ${approval.status}, application ${current.state}`, { from: current.state, event: 'approveAsManager' }));
    }
    if (!decidersOf(approval).includes(personId)) return err(domainError('NOT_ALLOWED', 'not the decider on record', { applicationId: current.id }));
    const actor = { id: personId, kind: personId === approval.managerId ? ('manager' as const) : ('hrContact' as const) };
    const at = now.toISOString();
    const reason = decision.kind === 'approve' ? undefined : decision.reason;

    if (decision.kind === 'approve') {
      const fields = [
        ...(decision.attestPermanent ? [] : [{ field: 'attestPermanent', code: 'required' as const }]),
        ...(decision.attestOneYear ? [] : [{ field: 'attestOneYear', code: 'required' as const }]),
        ...leaveFailures(decision.leave, swedishDate(now)).map((f) => ({ field: f.rule === 'leaveExtent' ? 'extentPercent' : f.rule === 'leaveStartsInFuture' ? 'leaveStart' : 'leaveEnd', code: 'rule' as const, rule: f.rule, facts: f.facts })),
      ];
      if (fields.length > 0) return err({ code: 'FIELDS', fields });
    }

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
    const isLead = memberId === current.applicantId;

    // The whole application moves when the lead is declined, changes are asked for, or everyone is approved.
    let event: ApplicationEvent | undefined;
    if (decision.kind === 'requestChanges') event = 'requestChanges';
    else if (decision.kind === 'decline' && isLead) event = 'declineAsManager';
    else if (decision.kind === 'decline') next = { ...next, coApplicants: next.coApplicants.map((c) => (c.personId === memberId ? { ...c, status: 'declined' } : c)) };
    if (!event && approvals.filter((a) => a.status !== 'declined').every((a) => a.status === 'approved')) event = 'approveAsManager';

    if (event === 'requestChanges' || event === 'declineAsManager') {
      approvals = approvals.map((a) => (a.status === 'pending' ? { ...a, status: 'superseded' } : a));
      next = { ...next, approvals };
    }

    let audit: AuditEvent;
    if (event) {
      const t = applyEvent(next, event, actor, now, deps.ids.uuid(), reason);
      if (!t.ok) return t;
      next = t.value.application;
      audit = t.value.audit;
    } else {
      const action: AuditAction = decision.kind === 'approve' ? 'memberApproved' : 'memberDeclined';
      audit = auditFor(current, next, action, actor, at, deps.ids.uuid(), reason ?? decided.memberName);
    }

    const notifications: Notification[] =
      event === 'approveAsManager'
        ? tell(next, 'applicationApproved', teamOf(next), audit.id)
        : event === 'declineAsManager'
          ? tell(next, 'applicationDeclined', teamOf(current), audit.id, { reason: reason ?? '' })
          : event === 'requestChanges'
            ? tell(next, 'changesRequested', [current.applicantId], audit.id, { reason: reason ?? '', memberName: approval.memberName })
            : decision.kind === 'decline'
              ? tell(next, 'memberDeclined', teamOf(current), audit.id, { memberName: approval.memberName, reason: reason ?? '' })
              : [];
    return ok({ application: withDeciders(next), audit, notifications });
  });
}

/**
 * The escalation job: a manager who has not answered by the due time hands the decision to the
 * municipality's HR contact, who gets the card. Runs once: a later run finds it decided or escalated.
 */
export async function escalateApproval(deps: ApprovalDeps, ref: ApplicationRef, memberId: string): Promise<IntakeResult<{ escalated: boolean }>> {
  const found = await deps.applications.get(ref.cohortId, ref.applicationId);
  if (!found) return ok({ escalated: false });
  const municipality = await municipalityOf(deps, found.value, memberId);
  const hr = municipality ? (await deps.settings.get())?.value.hrContactIds[municipality] : undefined;
  const done = await mutate(deps, ref, (current, now) => {
    const approval = current.approvals.find((a) => a.memberId === memberId);
    if (!approval || approval.status !== 'pending' || approval.escalatedTo || current.state !== 'awaitingManager' || !hr || hr === approval.managerId) {
      return err(domainError('ILLEGAL_TRANSITION', 'nothing to escalate'));
    }
    const next = withDeciders({ ...current, approvals: current.approvals.map((a) => (a.memberId === memberId ? { ...a, escalatedTo: hr } : a)), updatedAt: now.toISOString() });
    const audit = auditFor(current, next, 'escalated', { id: SYSTEM_RECIPIENT, kind: 'system' }, now.toISOString(), deps.ids.uuid(), approval.memberName);
    return ok({ application: next, audit, notifications: tell(next, 'managerApprovalRequest', [hr], audit.id, { memberId, escalated: 'true' }) });
  });
  return ok({ escalated: done.ok });
}

async function municipalityOf(deps: Pick<ApprovalDeps, 'directory'>, a: Application, memberId: string): Promise<Municipality | undefined> {
  if (memberId === a.applicantId && a.about) return a.about.municipality;
  return (await deps.directory.getPerson(memberId))?.municipality;
}

/** The HR contact (or the manager on record) hands the decision to another manager, who gets the card. */
export async function reassignApproval(deps: ApprovalDeps, personId: string, ref: ApplicationRef, memberId: string, managerEmail: string): Promise<IntakeResult<{ application: Versioned<Application> }>> {
  const manager = await deps.directory.findByEmail(managerEmail.trim());
  if (!manager) return err({ code: 'FIELDS', fields: [{ field: 'managerEmail', code: 'unknownPerson', facts: { email: managerEmail.trim() } }] });
  if (manager.id === memberId) return err({ code: 'FIELDS', fields: [{ field: 'managerEmail', code: 'self' }] });
  // The same rule as for the manager an applicant names: only a manager in the directory decides.
  if (!(await isManager(deps.directory, manager.id))) return err({ code: 'FIELDS', fields: [{ field: 'managerEmail', code: 'handOverNotManager', facts: { name: manager.name } }] });
  return mutate(deps, ref, (current, now) => {
    const approval = current.approvals.find((a) => a.memberId === memberId);
    if (!approval || approval.status !== 'pending' || current.state !== 'awaitingManager') return err(domainError('ILLEGAL_TRANSITION', 'not pending'));
    if (!decidersOf(approval).includes(personId)) return err(domainError('NOT_ALLOWED', 'not the decider on record'));
    const next = withDeciders({ ...current, approvals: current.approvals.map((a) => (a.memberId === memberId ? { ...a, managerId: manager.id } : a)), updatedAt: now.toISOString() });
    const actor = { id: personId, kind: personId === approval.managerId ? ('manager' as const) : ('hrContact' as const) };
    const audit = auditFor(current, next, 'reassigned', actor, now.toISOString(), deps.ids.uuid(), manager.name);
    return ok({ application: next, audit, notifications: tell(next, 'managerApprovalRequest', [manager.id], audit.id, { memberId }) });
  });
}

/** `att godkänna`: the applications waiting for this person's decision. */
export async function pendingDecisionsOf(deps: Pick<ApprovalDeps, 'applications'>, personId: string): Promise<{ application: Application; approval: ManagerApproval }[]> {
  const found = await deps.applications.findByDecider(personId);
  return found.flatMap((v) => v.value.approvals.filter((a) => decidersOf(a).includes(personId)).map((approval) => ({ application: v.value, approval })));
}
