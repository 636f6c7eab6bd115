import type { OutboxMessage } from '../../domain/notification';
import type { Campaign } from '../../domain/announcement';
import type { DisposalStore, ApplicationRepository, CohortRepository, Directory, FollowUpRepository, RecommendationRepository, SettingsRepository, Versioned } from '../../domain/ports';
import { FOLLOW_UP_ROUNDS } from '../../domain/follow-up';
import { cohortReport } from '../../use-cases/programme/coordinator-views';
import { awaitsAnswer } from '../../use-cases/programme/follow-up';
import { followUpCard, questionsIn } from '../cards/follow-up.cards';
import { reportCard } from '../cards/programme.cards';
import { tabViews, type TabLink } from '../tab/deep-link';
import { recommendationCard } from '../cards/recommendation.card';
import { meetingInvitationCard } from '../cards/candidate-meeting.cards';
import { messages, type Locale } from '../../i18n';
import { invitationCard } from '../cards/application.cards';
import { decidersOf, GATE_OUTCOMES, isEditable, OUTCOME_KINDS, teamNamesOf, teamOf } from '../../domain/application';
import { SUPPORT_ROLES } from '../../domain/programme';
import { renderApproval } from './approval.handlers';
import { approvedLeaveSentence, leaveText } from '../cards/approval.card';
import { plain } from '../cards/card-kit';
import { budgetLine, expenseCard } from '../cards/programme.cards';
import { formatSek, ledger } from '../../domain/budget';
import type { RenderedMessage } from './proactive-sender';
import { announcementCard } from '../cards/announcement.cards';
import { progressCardOf, type ProgressDeps } from './announcement.progress';
import { disposalListCard } from '../cards/disposal.cards';
import { isCoordinatorIn } from '../../domain/person';

/**
 * A payload value as one of the domain's words, or undefined. The payload was written by our use cases from the
 * same lists, so undefined means a message from an older or broken writer: it is not sent (null below), and the
 * renderer never falls back to an empty sentence.
 */
const oneOf = <T extends string>(list: readonly T[], value: string | undefined): T | undefined => list.find((x) => x === value);

/**
 * Turns an outbox message into what the recipient sees, in their language, from the application as it is
 * now. Null means there is nothing to send any more (the application is gone, the invitation withdrawn).
 */
export function createNotificationRenderer(deps: {
  applications: ApplicationRepository;
  directory: Directory;
  cohorts: CohortRepository;
  settings: SettingsRepository;
  followUps: FollowUpRepository;
  tabLink?: TabLink;
  progress: ProgressDeps;
  recommendations?: RecommendationRepository;
  disposals?: DisposalStore;
}) {
  // A campaign's thousands of messages read it once a second, not once each; a stop is seen within that second.
  const campaigns = new Map<string, { at: number; found: Promise<Versioned<Campaign> | null> }>();
  const campaignOf = (id: string) => {
    const cached = campaigns.get(id);
    if (cached && Date.now() - cached.at < 1_000) return cached.found;
    if (campaigns.size > 100) campaigns.clear();
    const found = deps.progress.campaigns.get(id);
    campaigns.set(id, { at: Date.now(), found });
    return found;
  };
  return async (message: OutboxMessage, locale: Locale): Promise<RenderedMessage | null> => {
    const m = messages(locale);
    const cohortName = plain(message.payload.cohortName ?? message.cohortId);
    switch (message.kind) {
      case 'announcement': {
        // Nothing once the campaign is stopped: what is left is cancelled, one message at a time, without a send.
        const campaign = await campaignOf(message.payload.campaignId ?? '');
        return campaign && campaign.value.state !== 'cancelled' ? announcementCard(campaign.value, m) : null;
      }
      case 'announcementProgress': {
        const campaign = await deps.progress.campaigns.get(message.payload.campaignId ?? '');
        return campaign ? progressCardOf(deps.progress, campaign.value, locale) : null;
      }
      case 'announcementStart':
      case 'announcementTick':
        return null; // jobs for the bot itself (scheduled-jobs.ts)
      case 'jurorAdded':
        return { text: m.jury.told.jurorAdded(cohortName) };
      case 'reviewAssignment':
        return { text: m.jury.told.reviewAssignment(cohortName) };
      case 'juryReminder':
        return { text: m.jury.told.juryReminder(cohortName) };
      case 'decisionsReminder':
        return { text: m.approval.told.decisionsReminder(Number(message.payload.count ?? '0') || 0, cohortName) };
      case 'intakeClosed':
        return { text: m.programme.told.intakeClosed(cohortName, Number(message.payload.count ?? '0') || 0) };
      case 'steeringReport': {
        // Only to someone still in the steering group, from the store as it is now: the same card as `rapport`.
        const settings = (await deps.settings.get())?.value;
        const cohort = (await deps.cohorts.get(message.cohortId))?.value;
        if (!cohort || !settings?.steeringGroupIds.includes(message.recipientId)) return null;
        const report = await cohortReport(deps, cohort);
        return reportCard({ ...report, cohortName: cohort.name }, m, deps.tabLink?.(tabViews.report()));
      }
      case 'followUpAsk':
      case 'followUpReminder': {
        // Only while the person is asked and has not answered: an answer given meanwhile cancels the reminder.
        const round = oneOf(FOLLOW_UP_ROUNDS, message.payload.round);
        const record = round ? await awaitsAnswer(deps, message.cohortId, round, message.recipientId) : null;
        if (!round || !record) return null;
        const questions = questionsIn(record.questions, m);
        return followUpCard({ cohortId: message.cohortId, cohortName: message.payload.cohortName ?? message.cohortId, round, questions, reminder: message.kind === 'followUpReminder' }, m);
      }
      case 'steeringReportRun':
      case 'disposalNotice':
      case 'disposalRun':
        return null; // a job for the bot itself (scheduled-jobs.ts)
      case 'disposalList': {
        // Only to someone still a coordinator, from the run's record as it is stored.
        const settings = (await deps.settings.get())?.value;
        const record = deps.disposals ? await deps.disposals.get(message.cohortId, message.payload.recordId ?? '') : null;
        if (!record || !isCoordinatorIn(settings, message.recipientId)) return null;
        return disposalListCard(record.value, message.payload.cohortName ?? message.cohortId, m);
      }
      case 'recommendation': {
        // Only while it still stands: not declined, and the person has not applied to the cohort meanwhile.
        const found = await deps.recommendations?.get(message.cohortId, message.recipientId);
        const cohort = (await deps.cohorts.get(message.cohortId))?.value;
        if (!found || found.value.status !== 'open' || !cohort) return null;
        if (await deps.applications.findByApplicant(message.cohortId, message.recipientId)) return null;
        return recommendationCard({ recommendation: found.value, cohort, opensLater: Date.parse(cohort.intakeOpensAt) > Date.parse(message.createdAt) }, m);
      }
      case 'recommendationDeclined':
        return { text: m.recommend.toldDeclined(plain(message.payload.personName ?? ''), cohortName) };
      default:
        break;
    }
    const found = await deps.applications.get(message.cohortId, message.applicationId);
    if (!found) return null;
    const a = found.value;
    const title = plain(a.idea?.title ?? a.id);
    switch (message.kind) {
      case 'coApplicantInvitation': {
        // Sent while the person has not answered, also if taken off the team meanwhile: each person gets one
        // invitation per application (use-cases/intake.ts teamChange), and it must work if they are added again.
        const invited = [...a.coApplicants, ...(a.formerCoApplicants ?? [])].find((c) => c.personId === message.recipientId && c.status === 'invited');
        if (!invited || !isEditable(a)) return null;
        const person = await deps.directory.getPerson(message.recipientId);
        return invitationCard({ application: a, permanent: person?.employeeType === 'permanent', employmentStart: person?.hireDate ?? '' }, m);
      }
      case 'coApplicantResponse': {
        const name = plain(message.payload.coApplicantName ?? '');
        return { text: message.payload.answer === 'confirmed' ? m.intake.response.confirmed(name) : m.intake.response.declined(name) };
      }
      case 'managerApprovalRequest':
      case 'approvalReminder': {
        // The card only while the recipient still has the decision to make; otherwise nothing to send.
        const approval = a.approvals.find((x) => x.memberId === message.payload.memberId);
        if (!approval || a.state !== 'awaitingManager' || !decidersOf(approval).includes(message.recipientId)) return null;
        return renderApproval(deps, m, a, approval, message.recipientId, message.kind === 'approvalReminder' ? { reminder: true } : {});
      }
      case 'applicationWithdrawn':
        return { text: m.intake.withdrawnNotice(plain(a.applicantName), title) };
      case 'applicationApproved': {
        // Each member is told the leave their own manager approved, beside what they asked for when it was changed.
        const own = a.approvals.find((x) => x.memberId === message.recipientId && x.status === 'approved');
        return { text: m.approval.told.approved(title, approvedLeaveSentence(a.leave, own?.leave, m)) };
      }
      case 'applicationDeclined':
        return { text: m.approval.told.declined(title, plain(message.payload.reason ?? '')) };
      case 'changesRequested':
        return { text: m.approval.told.changesRequested(title, plain(message.payload.reason ?? '')) };
      case 'memberDeclined':
        return { text: m.approval.told.memberDeclined(plain(message.payload.memberName ?? ''), plain(message.payload.reason ?? '')) };
      case 'deliveryProblem': {
        const person = await deps.directory.getPerson(message.payload.recipientId ?? '');
        return { text: m.deliveryProblem(plain(person?.name ?? message.payload.recipientId ?? ''), a.id, title) };
      }
      case 'selectionOutcome': {
        const feedback = plain(a.selection?.feedback ?? '');
        const decision = message.payload.decision;
        return { text: decision === 'selected' ? m.jury.told.selected(title, feedback) : decision === 'waitlisted' ? m.jury.told.waitlisted(title, feedback) : m.jury.told.notSelected(title, feedback) };
      }
      case 'leaveStarts': {
        // The APPROVED period (docs/decisions/0010): to a manager, of the members they decided for; to the HR contact, of everyone.
        // An approval stored without its leave (before the leave was kept on it) stands for the lead applicant's request.
        const approved = a.approvals.flatMap((x) => {
          const leave = x.status === 'approved' ? (x.leave ?? (x.memberId === a.applicantId ? a.leave : undefined)) : undefined;
          return leave ? [{ ...x, leave }] : [];
        });
        const theirs = approved.filter((x) => x.managerId === message.recipientId || x.decidedBy === message.recipientId);
        const starts = m.date(message.payload.programmeStartsOn ?? '');
        const lines = (theirs.length > 0 ? theirs : approved).map((x) => m.jury.told.leaveStarts(plain(x.memberName), starts, leaveText(x.leave, m)));
        return lines.length > 0 ? { text: lines.join('\n\n') } : null;
      }
      case 'phaseStarted': {
        // The team learns what the phase is, what comes after it and its budget; the line learns who is in it.
        const phase = oneOf(['1', '2', '3'] as const, message.payload.phase);
        if (!phase) return null;
        if (!teamOf(a).includes(message.recipientId)) return { text: m.programme.told.phaseToLine(title, phase, m.list(teamNamesOf(a).map(plain))) };
        return { text: m.programme.told.phaseToTeam[phase](title, formatSek(a.budget ? ledger(a.budget).remaining : 0)) };
      }
      case 'gateOutcome': {
        const outcome = oneOf(GATE_OUTCOMES, message.payload.outcome);
        return outcome ? { text: m.programme.told.gate[outcome](title) } : null;
      }
      case 'finalOutcome': {
        const kind = oneOf(OUTCOME_KINDS, message.payload.kind);
        if (!kind || !a.outcome) return null;
        const told = m.programme.told;
        const lines = [told.outcome[kind](title, plain(a.outcome.receivingAdministration ?? '')), told.ipOwner[a.outcome.ipOwner], ...(teamOf(a).includes(message.recipientId) ? [told.thanks] : [])];
        return { text: lines.join(' ') };
      }
      case 'supportAssigned': {
        const supportRole = oneOf(SUPPORT_ROLES, message.payload.role);
        if (!supportRole) return null;
        const role = m.programme.support.roleName[supportRole];
        const supporter = await deps.directory.getPerson(message.payload.personId ?? '');
        if (message.recipientId === message.payload.personId) {
          const team = teamNamesOf(a).map(plain);
          return { text: m.programme.support.toldSupporter(role, title, m.list(team)) };
        }
        return { text: m.programme.support.toldTeam(role, plain(supporter?.name ?? ''), title) };
      }
      case 'expenseToApprove': {
        const expense = a.budget?.expenses.find((e) => e.id === message.payload.expenseId);
        if (!expense || expense.status !== 'pending' || !a.budget) return null;
        return expenseCard({ application: a, expense, ledgerLine: budgetLine(a.budget, m) }, m);
      }
      case 'expenseDecided': {
        const expense = a.budget?.expenses.find((e) => e.id === message.payload.expenseId);
        return expense ? { text: m.programme.told.expenseDecided(formatSek(expense.ore), expense.status === 'approved') } : null;
      }
      case 'candidateMeeting': {
        // Only while this meeting is still the application's and the recipient is on its team.
        const meeting = a.meeting;
        if (!meeting || meeting.id !== message.payload.meetingId || !teamOf(a).includes(message.recipientId)) return null;
        return meetingInvitationCard(a, meeting, m);
      }
      case 'candidateMeetingOtherTime':
        return { text: m.meeting.toldOtherTime(plain(message.payload.name ?? ''), title, plain(message.payload.comment ?? '')) };
      case 'intakeClose':
        return null; // a job for the bot itself (scheduled-jobs.ts)
      case 'approvalEscalation':
        return null; // a job for the bot itself (scheduled-jobs.ts), never a message
    }
  };
}
