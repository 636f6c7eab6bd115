import type { Application } from '../../domain/application';
import type { AuditEvent } from '../../domain/audit-event';
import { isEditable, LIMITS } from '../../domain/application';
import { isWithdrawable } from '../../domain/intake';
import type { Messages } from '../../i18n';
import { card, errorLines, executeAction, facts, field, heading, plain, text, textInput, title, toggleInput, dateInput, userText, type AdaptiveCard, openUrlAction } from './card-kit';
import { VERBS } from './verbs';
import { leaveRows } from './approval.card';

const refOf = (a: Application) => ({ applicationId: a.id, cohortId: a.cohortId });

export interface StatusCardData {
  readonly application: Application;
  readonly cohortName: string;
  readonly trail: readonly AuditEvent[];
  /** The application in full in the tab. */
  readonly tabUrl?: string;
  /** People the bot could not reach about this application (from the outbox). */
  readonly unreachable: readonly string[];
  /** The lead applicant's manager, and whether the applicant named them rather than the directory. */
  readonly manager?: { readonly name: string; readonly namedByApplicant: boolean };
}

/** `status`: where the application stands, what has happened, what happens next, and what the applicant can do. */
export function statusCard(data: StatusCardData, m: Messages): AdaptiveCard {
  const a = data.application;
  const s = m.intake.status;
  const b = m.intake.buttons;
  const ownApproval = a.approvals.find((p) => p.memberId === a.applicantId);
  const actions = [
    ...(isEditable(a) ? [executeAction(b.apply, VERBS.intakeStart)] : []),
    ...(a.state === 'awaitingManager' ? [executeAction(b.edit, VERBS.applicationEdit, refOf(a))] : []),
    ...(isWithdrawable(a) ? [executeAction(b.withdraw, VERBS.withdrawAsk, refOf(a), 'destructive')] : []),
    ...(data.tabUrl ? [openUrlAction(s.openInTab, data.tabUrl)] : []),
  ];
  return card(
    [
      title(s.title),
      ...(a.idea ? [userText(a.idea.title, { weight: 'Bolder' })] : []),
      facts([
        [s.id, a.id],
        [s.cohort, plain(data.cohortName)],
        [s.state, m.states[a.state]],
        ...(data.manager ? ([[s.manager, data.manager.namedByApplicant ? s.managerNamed(plain(data.manager.name), true) : plain(data.manager.name)]] as [string, string][]) : []),
        // The leave asked for, and the leave the manager approved beside it (marked when changed).
        ...leaveRows(a.leave, ownApproval?.status === 'approved' ? ownApproval.leave : undefined, { requested: m.approval.requestedLeave, approved: m.approval.approvedLeave }, m),
      ]),
      heading(s.next),
      text(m.intake.nextByState[a.state]),
      ...data.unreachable.map((name) => text(s.unreachable(plain(name)), { color: 'Attention' })),
      heading(s.timeline),
      facts(data.trail.map((e) => [m.date(e.at), m.intake.events[e.action]] as const)),
    ],
    actions,
  );
}

/** The confirmation before withdrawing. */
export function withdrawCard(application: Application, m: Messages): AdaptiveCard {
  const w = m.intake.withdraw;
  return card(
    [
      title(w.title),
      ...(application.idea ? [userText(application.idea.title, { weight: 'Bolder' })] : []),
      text(w.body),
      textInput('reason', m.intake.fields.reason, '', { maxLength: LIMITS.reason.max, multiline: true }),
    ],
    [executeAction(m.intake.buttons.confirmWithdraw, VERBS.withdrawConfirm, refOf(application), 'destructive'), executeAction(m.intake.buttons.keep, VERBS.withdrawKeep, refOf(application))],
  );
}

/** A short message card, for outcomes that replace a card in place (withdrawn, kept, answered). */
export function noticeCard(heading_: string, body?: string): AdaptiveCard {
  return card([title(heading_), ...(body ? [text(body)] : [])]);
}

export interface InvitationCardData {
  readonly application: Application;
  /** Defaults from the directory for the co-applicant's own declarations. */
  readonly permanent: boolean;
  readonly employmentStart: string;
  readonly errors?: readonly string[];
}

/** To a co-applicant: the idea, the declarations they make, and yes or no. */
export function invitationCard(data: InvitationCardData, m: Messages): AdaptiveCard {
  const a = data.application;
  const i = m.intake.invitation;
  const f = m.intake.fields;
  return card(
    [
      title(i.title(plain(a.applicantName))),
      text(i.body),
      ...(a.idea ? [heading(f.title), userText(a.idea.title, { weight: 'Bolder' }), heading(f.problem), userText(a.idea.problem.slice(0, 600))] : []),
      heading(i.declare),
      ...errorLines(data.errors),
      ...field(toggleInput('permanentEmployment', f.permanentEmployment, data.permanent)),
      ...field(dateInput('employmentStart', f.employmentStart, data.employmentStart)),
    ],
    [
      executeAction(m.intake.buttons.accept, VERBS.coApplicantRespond, { ...refOf(a), answer: 'accept' }, 'positive'),
      executeAction(m.intake.buttons.decline, VERBS.coApplicantRespond, { ...refOf(a), answer: 'decline' }),
    ],
  );
}

