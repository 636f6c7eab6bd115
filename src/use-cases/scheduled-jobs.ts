import { JOB_KINDS, type NotificationKind, type OutboxMessage } from '../domain/notification';
import type { MessageSender, SendAttempt, SendOutcome } from '../domain/ports';
import { escalateApproval, type ApprovalDeps } from './approval';
import { closeIntakeAtDeadline } from './programme/close-intake-at-deadline';
import { runSteeringReport } from './programme/steering-report';
import type { ProgrammeDeps } from './programme/deps';

/**
 * Scheduled work rides on the outbox: a job is an outbox message addressed to the bot itself, with a due
 * time, claimed and leased like any message, so it survives restarts and runs once with several instances.
 * Jobs are idempotent: a second run finds the work done and changes nothing.
 */
export class JobsThenTeams implements MessageSender {
  private readonly jobs: Partial<Record<NotificationKind, (message: OutboxMessage) => Promise<SendOutcome>>>;

  constructor(
    deps: ApprovalDeps & ProgrammeDeps,
    private readonly teams: MessageSender,
  ) {
    this.jobs = {
      approvalEscalation: async (message) => {
        const memberId = message.payload.memberId ?? '';
        const done = await escalateApproval(deps, { cohortId: message.cohortId, applicationId: message.applicationId }, memberId);
        return done.ok && done.value.escalated ? { kind: 'sent', activityId: '', conversationId: '' } : { kind: 'cancelled', reason: 'nothing to escalate' };
      },
      intakeClose: async (message) => {
        const done = await closeIntakeAtDeadline(deps, message.cohortId, message.dueAt);
        return done.closed ? { kind: 'sent', activityId: '', conversationId: '' } : { kind: 'cancelled', reason: 'intake already closed or deadline moved' };
      },
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
