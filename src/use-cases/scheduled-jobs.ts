import { JOB_KINDS, type NotificationKind, type OutboxMessage } from '../domain/notification';
import type { MessageSender, SendAttempt, SendOutcome } from '../domain/ports';
import { escalateApproval, type ApprovalDeps } from './approval';
import { closeIntakeAtDeadline } from './programme/close-intake-at-deadline';
import { runSteeringReport } from './programme/steering-report';
import { runDisposal, runDisposalNotice, type DisposalDeps } from './programme/disposal';
import { startCampaign, tickCampaign, type AnnouncementDeps, type ShowProgress } from './announcements';

/**
 * Scheduled work rides on the outbox: a job is an outbox message addressed to the bot itself, with a due
 * time, claimed and leased like any message, so it survives restarts and runs once with several instances.
 * Jobs are idempotent: a second run finds the work done and changes nothing.
 */
export class JobsThenTeams implements MessageSender {
  private readonly jobs: Partial<Record<NotificationKind, (message: OutboxMessage) => Promise<SendOutcome>>>;

  constructor(
    deps: ApprovalDeps & DisposalDeps & AnnouncementDeps,
    private readonly teams: MessageSender,
    showProgress: ShowProgress,
  ) {
    const done = (did: boolean, reason: string): SendOutcome => (did ? { kind: 'sent', activityId: '', conversationId: '' } : { kind: 'cancelled', reason });
    this.jobs = {
      announcementStart: async (message) => done(await startCampaign(deps, message), 'campaign not sending (cancelled, or gone)'),
      announcementTick: async (message) => done(await tickCampaign(deps, message, showProgress), 'campaign gone'),
      approvalEscalation: async (message) => {
        const memberId = message.payload.memberId ?? '';
        const done = await escalateApproval(deps, { cohortId: message.cohortId, applicationId: message.applicationId }, memberId);
        return done.ok && done.value.escalated ? { kind: 'sent', activityId: '', conversationId: '' } : { kind: 'cancelled', reason: 'nothing to escalate' };
      },
      intakeClose: async (message) => {
        const done = await closeIntakeAtDeadline(deps, message.cohortId, message.dueAt);
        return done.closed ? { kind: 'sent', activityId: '', conversationId: '' } : { kind: 'cancelled', reason: 'intake already closed or deadline moved' };
      },
      disposalNotice: async (message) => done((await runDisposalNotice(deps, message.cohortId, message.payload.due ?? message.dueAt)).ran, 'no disposal decision, or the notice moved'),
      disposalRun: async (message) => done((await runDisposal(deps, message.cohortId, message.payload.recordId ?? '')).ran, 'disposal already done'),
      steeringReportRun: async (message) => {
        const done = await runSteeringReport(deps, message.cohortId, message.payload.due ?? message.dueAt);
        return done.ran ? { kind: 'sent', activityId: '', conversationId: '' } : { kind: 'cancelled', reason: 'report schedule off or changed' };
      },
    };
  }

  async send(message: OutboxMessage, attempt: SendAttempt): Promise<SendOutcome> {
    if (!JOB_KINDS.includes(message.kind)) return this.teams.send(message, attempt);
    const job = this.jobs[message.kind];
    if (!job) return { kind: 'failed', error: `no job for ${message.kind}` };
    await attempt.begin();
    return job(message);
  }
}
