/**
 * Something a person must be told, written to the outbox in the same batch as the change that caused it
 * (the transactional outbox), then delivered by the outbox worker. Never sent directly from a turn.
 */
export const NOTIFICATION_KINDS = [
  'coApplicantInvitation',
  'coApplicantResponse',
  'managerApprovalRequest',
  'applicationWithdrawn',
  'approvalReminder',
  'approvalEscalation',
  'applicationApproved',
  'applicationDeclined',
  'changesRequested',
  'memberDeclined',
  'deliveryProblem',
  'jurorAdded',
  'reviewAssignment',
  'juryReminder',
  /** A coordinator's reminder by hand to someone with decisions waiting: one message however many wait. */
  'decisionsReminder',
  'selectionOutcome',
  'leaveStarts',
  'intakeClose',
  'intakeClosed',
  'phaseStarted',
  'gateOutcome',
  'finalOutcome',
  'supportAssigned',
  'expenseToApprove',
  'expenseDecided',
  /** A coordinator's announcement (kungörelse) to one recipient: one per person per campaign (domain/announcement.ts). */
  'announcement',
  /** The coordinator's progress card of a campaign, updated in place by the campaign's ticks. */
  'announcementProgress',
  /** Jobs: resolve a campaign's audience and enqueue it; update its progress card until it is done. */
  'announcementStart',
  'announcementTick',
  /** The scheduled run of a cohort's steering-group report (a job): sends `steeringReport` to each member, schedules the next. */
  'steeringReportRun',
  /** The report card to one member of the steering group, from one run. */
  'steeringReport',
  /** The follow-up's questions to one participant, manager or mentor (uppföljning), and the one reminder. */
  'followUpAsk',
  'followUpReminder',
  /** A manager's recommendation to someone who reports to them (issue 17): an invitation to apply. */
  'recommendation',
  /** To the manager: the person they recommended said no thanks. */
  'recommendationDeclined',
  /** To each member of a shortlisted team: the meeting with the candidates, "Jag kommer" or "Jag behöver en annan tid". */
  'candidateMeeting',
  /** To the coordinator who invited: a member asks for another time. */
  'candidateMeetingOtherTime',
  /** Disposal (gallring, ADR 0018): the monthly notice (a job) that lists what the run will dispose of; the run itself (a job). */
  'disposalNotice',
  'disposalRun',
  /** The dry-run list to one coordinator: what will be disposed of under which rule and on which date. */
  'disposalList',
] as const;

/** Kinds that are work for the bot itself (a scheduled job), not a message to a person. */
export const JOB_KINDS: readonly NotificationKind[] = ['approvalEscalation', 'intakeClose', 'steeringReportRun', 'announcementStart', 'announcementTick', 'disposalNotice', 'disposalRun'];

/**
 * Kinds sent at most once: a request in flight when its sender stopped (a crash, a timeout, the shutdown's deadline)
 * may have reached Teams, so it is not sent again but recorded as uncertain (ADR 0017). Everything else is sent again
 * (at least once, ADR 0005): a decision that must reach its person is worth a rare duplicate; an announcement is not.
 */
export const AT_MOST_ONCE_KINDS: readonly NotificationKind[] = ['announcement'];
export const SYSTEM_RECIPIENT = 'system';
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface Notification {
  /** Same key, same notification: a recipient never gets one event twice. Derive it from the audit event id. */
  readonly idempotencyKey: string;
  readonly kind: NotificationKind;
  readonly recipientId: string;
  readonly cohortId: string;
  readonly applicationId: string;
  /** What the renderer needs besides the application itself; small, strings only. */
  readonly payload: Readonly<Record<string, string>>;
  /** Not before this instant (ISO); default: at once. Reminders and escalations are scheduled this way. */
  readonly dueAt?: string;
}

/** `cancelled`: nothing to send any more (the renderer found the reason gone, e.g. the application was withdrawn). */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'unreachable', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** A notification in the outbox, with its delivery state. */
export interface OutboxMessage extends Notification {
  readonly id: string;
  readonly status: OutboxStatus;
  readonly attempts: number;
  /** Not before this instant (ISO): set on enqueue and by back-off. */
  readonly dueAt: string;
  readonly createdAt: string;
  /** While `sending`: the worker holding the claim and until when; an expired lease may be taken over. */
  readonly leaseOwner?: string;
  readonly leaseUntil?: string;
  readonly sentAt?: string;
  /** Kept so the card can be updated later (a manager's decision shown on the card they got). */
  readonly sentActivityId?: string;
  readonly sentConversationId?: string;
  readonly lastError?: string;
  /** A fresh id on every write of the worker: after a write whose answer was lost, reading it back tells whether it landed. */
  readonly writeId?: string;
}

/** What a notification is about: an application, or a whole cohort (applicationId ''). */
export interface NotificationSubject {
  readonly cohortId: string;
  readonly applicationId: string;
}

/**
 * The one way to address a message: one notification per distinct recipient, keyed `${key}/${recipient}` so that
 * an event told twice reaches nobody twice (the outbox keeps one message per key).
 */
export function notify(
  subject: NotificationSubject,
  kind: NotificationKind,
  recipients: readonly string[],
  key: string,
  payload: Readonly<Record<string, string>> = {},
  dueAt?: string,
): Notification[] {
  return [...new Set(recipients)].map((recipientId) => ({
    idempotencyKey: `${key}/${recipientId}`,
    kind,
    recipientId,
    cohortId: subject.cohortId,
    applicationId: subject.applicationId,
    payload,
    ...(dueAt ? { dueAt } : {}),
  }));
}

/** The subject of an application's notifications. */
export const aboutApplication = (a: { readonly id: string; readonly cohortId: string }): NotificationSubject => ({ cohortId: a.cohortId, applicationId: a.id });

/** The subject of a cohort's notifications (every payload carries the cohort's name). */
export const aboutCohort = (c: { readonly id: string }): NotificationSubject => ({ cohortId: c.id, applicationId: '' });
