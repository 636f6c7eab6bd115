import { LEAVE_EXTENT } from '../../domain/eligibility';
import { LIMITS, type Application, type LeaveSection, type ManagerApproval } from '../../domain/application';
import type { Messages } from '../../i18n';
import { card, dateInput, executeAction, facts, field, heading, numberInput, plain, text, textInput, title, toggleInput, userText, type AdaptiveCard, type CardElement, openUrlAction } from './card-kit';
import { VERBS } from './verbs';

/** How the viewer sees the card: able to decide, reading someone else's, after the decision, or no longer open. */
export type ApprovalMode = 'decide' | 'readOnly' | 'decided' | 'closed';

export interface ApprovalCardData {
  readonly application: Application;
  readonly approval: ManagerApproval;
  readonly mode: ApprovalMode;
  /** Names, resolved from the directory. */
  readonly deciderNames: readonly string[];
  readonly managerName: string;
  readonly decidedByName?: string;
  /** The applicant named this manager on the form (not the directory's manager); who the directory names, if anyone. */
  readonly namedByApplicant?: { readonly directoryManagerName: string };
  /** The viewer is the HR contact the task was escalated to (may hand it over). */
  readonly viewerIsHr?: boolean;
  readonly reminder?: boolean;
  /** The cohort's programme start (ISO date): the approved leave starts on or after it (docs/decisions/0010). */
  readonly programmeStartsOn?: string;
  readonly values?: Readonly<Record<string, string>>;
  readonly errors?: Readonly<Record<string, readonly string[]>>;
  readonly notice?: string;
  /** The decision in the tab, where the whole application can be read. */
  readonly tabUrl?: string;
}

/** A leave as one line: "50 %, 1 februari 2027–30 juni 2027". */
export function leaveText(leave: LeaveSection, m: Messages): string {
  return m.intake.review.leaveValue(leave.extentPercent, m.date(leave.start), m.date(leave.end));
}

/** The longest description the manager's card shows in full (LIMITS.description.max is 4000). */
const DESCRIPTION_SHOWN = 3200;

const sameLeave = (a: LeaveSection, b: LeaveSection) => a.extentPercent === b.extentPercent && a.start === b.start && a.end === b.end;

/**
 * The leave asked for and, once a manager has approved, the leave approved beside it, marked when the manager
 * changed it: the rows of every card that shows a member's leave (the manager's card, the applicant's status).
 */
export function leaveRows(requested: LeaveSection | undefined, approved: LeaveSection | undefined, labels: { requested: string; approved: string }, m: Messages): [string, string][] {
  const rows: [string, string][] = requested ? [[labels.requested, leaveText(requested, m)]] : [];
  if (approved) {
    const text = leaveText(approved, m);
    rows.push([labels.approved, !requested ? text : sameLeave(requested, approved) ? m.approval.sameLeave(text) : m.approval.changedLeave(text)]);
  }
  return rows;
}

/** The sentence the applicant is told about the approved leave: what was approved, or what was asked and what was approved. */
export function approvedLeaveSentence(requested: LeaveSection | undefined, approved: LeaveSection | undefined, m: Messages): string {
  if (!approved) return '';
  return requested && !sameLeave(requested, approved) ? m.approval.told.leaveChanged(leaveText(requested, m), leaveText(approved, m)) : m.approval.told.leave(leaveText(approved, m));
}

const refOf = (d: ApprovalCardData) => ({ applicationId: d.application.id, cohortId: d.application.cohortId, memberId: d.approval.memberId });

/**
 * The manager's card for one member of an application. It refreshes itself (Universal Actions `refresh`)
 * so whoever opens it sees the current state: the decision, who made it and when.
 */
export function approvalCard(data: ApprovalCardData, m: Messages): AdaptiveCard {
  const a = data.application;
  const p = data.approval;
  const t = m.approval;
  const member = plain(p.memberName);
  // What the applicant asked for stays on the application; what the manager approved is on the approval.
  const requested = a.leave;
  const approved = p.status === 'approved' ? p.leave : undefined;
  const values = data.values ?? {};
  const v = (id: string, fallback: string) => values[id] ?? fallback;
  const e = (id: string) => data.errors?.[id] ?? [];
  const about = p.memberId === a.applicantId ? a.about : undefined;
  const coApplicant = a.coApplicants.find((c) => c.personId === p.memberId);
  const employedSince = about?.employmentStart ?? coApplicant?.employmentStart;

  const summary: CardElement[] = [
    title(t.title(member)),
    ...(data.reminder && data.mode === 'decide' ? [text(t.reminder, { color: 'Attention', weight: 'Bolder' })] : []),
    ...(p.escalatedTo && data.viewerIsHr && data.mode === 'decide' ? [text(t.escalated(plain(data.managerName)), { color: 'Attention' })] : []),
    ...(data.notice ? [text(data.notice, { weight: 'Bolder' })] : []),
    ...(data.namedByApplicant
      ? [text(t.namedByApplicant(plain(a.applicantName), plain(data.managerName), plain(data.namedByApplicant.directoryManagerName)), { color: 'Attention' })]
      : []),
    ...(data.mode === 'decide' ? [text(t.intro, { isSubtle: true })] : []),
    // A manager's recommendation preceded the application (issue 17): said to every decider, the recommender included.
    ...(a.recommendedBy ? [text(m.recommend.recommendedBy(plain(a.recommendedBy.name)), { weight: 'Bolder' })] : []),
    // The whole idea, as the manager needs it to decide (the texts are capped by LIMITS at the edge; only the
    // longest description is cut, so that the largest application with the decision's inputs stays a Teams message).
    ...(a.idea
      ? [
          heading(m.intake.fields.title),
          userText(a.idea.title, { weight: 'Bolder' }),
          heading(m.intake.fields.problem),
          userText(a.idea.problem),
          heading(m.intake.fields.description),
          userText(a.idea.description.length > DESCRIPTION_SHOWN ? `${a.idea.description.slice(0, DESCRIPTION_SHOWN)}…` : a.idea.description),
        ]
      : []),
    ...(a.benefit
      ? [
          heading(m.intake.fields.targetGroups),
          text(a.benefit.targetGroups.map((g) => m.intake.targetGroups[g]).join(', ')),
          heading(m.intake.fields.benefit),
          userText(a.benefit.benefit),
          heading(m.intake.fields.applicability),
          userText(a.benefit.applicability),
        ]
      : []),
    facts([
      [t.applicant, plain(a.applicantName)],
      ...(a.about ? ([[t.workplace, `${plain(a.about.workplace)}, ${plain(a.about.administration)}, ${a.about.municipality}`]] as [string, string][]) : []),
      ...leaveRows(requested, approved, { requested: t.requestedLeave, approved: t.approvedLeave }, m),
      ...(employedSince ? ([[t.employedSince, m.date(employedSince)]] as [string, string][]) : []),
      [m.intake.status.id, a.id],
    ]),
  ];

  const refresh = { action: { type: 'Action.Execute', verb: VERBS.approvalRefresh, data: { ...refOf(data), verb: VERBS.approvalRefresh } } };
  if (data.mode !== 'decide') {
    const status: CardElement[] =
      data.mode === 'decided'
        ? [
            text(decisionLine(data, m), { weight: 'Bolder', color: p.status === 'approved' ? 'Good' : 'Attention' }),
            ...(p.reason ? [heading(t.reasonLabel), userText(p.reason)] : []),
          ]
        : data.mode === 'readOnly'
          ? [text(t.notYours(m.list(data.deciderNames.map(plain))), { color: 'Attention' })]
          : [text(t.closed(m.states[a.state]), { color: 'Attention' })];
    return { ...card([...summary, ...status]), refresh };
  }

  const inputs: CardElement[] = [
    ...field(toggleInput('attestPermanent', t.attestPermanent(member), v('attestPermanent', 'false') === 'true'), e('attestPermanent')),
    ...field(toggleInput('attestOneYear', t.attestOneYear(member), v('attestOneYear', 'false') === 'true'), e('attestOneYear')),
    heading(t.leaveTitle),
    ...(data.programmeStartsOn ? [text(t.leaveHint(m.date(data.programmeStartsOn)), { isSubtle: true })] : []),
    ...field(numberInput('extentPercent', t.extent, v('extentPercent', requested ? String(requested.extentPercent) : ''), LEAVE_EXTENT.min, LEAVE_EXTENT.max), e('extentPercent')),
    ...field(dateInput('leaveStart', m.intake.fields.leaveStart, v('leaveStart', requested?.start ?? '')), e('leaveStart')),
    ...field(dateInput('leaveEnd', m.intake.fields.leaveEnd, v('leaveEnd', requested?.end ?? '')), e('leaveEnd')),
    ...field(textInput('reason', t.reason, v('reason', ''), { maxLength: LIMITS.reason.max, multiline: true }), e('reason')),
    ...(data.viewerIsHr ? field(textInput('managerEmail', t.handOver, v('managerEmail', ''), { maxLength: LIMITS.email.max }), e('managerEmail')) : []),
  ];
  return {
    ...card(
      [...summary, ...inputs],
      [
        executeAction(t.approve, VERBS.approvalDecide, { ...refOf(data), decision: 'approve' }, 'positive'),
        executeAction(t.decline, VERBS.approvalDecide, { ...refOf(data), decision: 'decline' }, 'destructive'),
        executeAction(t.requestChanges, VERBS.approvalDecide, { ...refOf(data), decision: 'requestChanges' }),
        ...(data.viewerIsHr ? [executeAction(t.handOverButton, VERBS.approvalReassign, refOf(data))] : []),
        ...(data.tabUrl ? [openUrlAction(t.openInTab, data.tabUrl)] : []),
      ],
    ),
    refresh,
  };
}

function decisionLine(data: ApprovalCardData, m: Messages): string {
  const p = data.approval;
  const by = plain(data.decidedByName ?? '');
  const when = p.decidedAt ? m.date(p.decidedAt) : '';
  switch (p.status) {
    case 'approved':
      return m.approval.decided.approved(by, when);
    case 'declined':
      return m.approval.decided.declined(by, when);
    case 'changesRequested':
      return m.approval.decided.changesRequested(by, when);
    default:
      return m.approval.decided.superseded;
  }
}

/** `att godkänna`: what waits for this person, each with a button that opens the decision card. */
export function approvalListCard(data: { items: readonly { application: Application; approval: ManagerApproval }[]; more: boolean }, m: Messages): AdaptiveCard {
  const { items } = data;
  if (items.length === 0) return card([title(m.approval.list.title), text(m.approval.list.none)]);
  // A person deciding for a co-applicant and the lead of one application sees two rows; the list stays a page.
  const shown = items.slice(0, 25);
  return card([
    title(m.approval.list.title),
    ...(data.more ? [text(m.approval.list.more(shown.length), { isSubtle: true })] : []),
    ...shown.flatMap(({ application, approval }) => [
      {
        type: 'Container',
        separator: true,
        items: [
          ...(application.idea ? [userText(application.idea.title, { weight: 'Bolder' })] : []),
          text(m.approval.list.since(plain(approval.memberName), m.date(approval.requestedAt)), { isSubtle: true, spacing: 'None' }),
          {
            type: 'ActionSet',
            actions: [executeAction(m.approval.list.open, VERBS.approvalOpen, { applicationId: application.id, cohortId: application.cohortId, memberId: approval.memberId })],
          },
        ],
      },
    ]),
  ]);
}
