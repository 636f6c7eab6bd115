import { z } from 'zod';
import type { Role } from '../../domain/person';
import { VERBS, type Verb } from '../cards/verbs';
import type { ApprovalHandlers } from './approval.handlers';
import { ApprovalRef } from './approval.handlers';
import { ApplicationRef, CohortRef, ExpenseRef, PageData, refused } from './card-refs';
import type { CommandId } from './commands';
import type { IntakeHandlers } from './intake.handlers';
import { IntakeActionData, rawValues } from './intake.input';
import { RankingPageData, SelectionRef, type JuryHandlers } from './jury.handlers';
import { CampaignRef, type AnnouncementHandlers } from './announcement.handlers';
import { FollowUpRef, PhaseStartData, type ProgrammeHandlers } from './programme.handlers';
import type { ActionOutcome, Caller, Reply } from './turn';
import type { RecommendHandlers } from './recommend.handlers';
import { MeetingAnswerData, type MeetingHandlers } from './meeting.handlers';
import type { DisposalHandlers } from './disposal.handlers';
import type { PrivacyHandlers } from './privacy.handlers';

/**
 * The one place where a card action or a command finds its handler. Each table is typed against the full list
 * of verbs (cards/verbs.ts) or commands (commands.ts): a verb or command without an entry, or an entry for
 * nothing, does not compile (test/types/routes.type-test.ts shows both).
 */

/** Card data as the route hands it on: parsed by the entry's schema, plus every value as a string for the form fields. */
export interface CardRoute {
  /** Answers the click; card data is untrusted and parsed here before the handler sees it. */
  run(caller: Caller, data: Readonly<Record<string, unknown>>): Promise<ActionOutcome>;
  /** Checked before anything is parsed or read: coordinators-only verbs answer others "not allowed" and nothing else. */
  readonly coordinatorsOnly: boolean;
}

export type CardRoutes = { readonly [V in Verb]: CardRoute };

/** An entry: the payload schema (zod) and the handler that gets what it parsed. A payload that does not parse is refused. */
export function route<S extends z.ZodType>(
  schema: S,
  handle: (caller: Caller, data: z.output<S>, raw: Readonly<Record<string, string>>) => Promise<ActionOutcome>,
  options: { coordinatorsOnly?: boolean } = {},
): CardRoute {
  return {
    coordinatorsOnly: options.coordinatorsOnly ?? false,
    async run(caller, data) {
      const parsed = schema.safeParse(data);
      return parsed.success ? handle(caller, parsed.data, rawValues(data)) : refused(parsed.error, caller.m);
    },
  };
}

/** No payload beyond the verb. */
const Anything = z.looseObject({});
const coordinatorsOnly = { coordinatorsOnly: true };

export interface RouteHandlers {
  readonly intake: IntakeHandlers;
  readonly approvals: ApprovalHandlers;
  readonly jury: JuryHandlers;
  readonly programme: ProgrammeHandlers;
  readonly announce: AnnouncementHandlers;
  readonly recommend: RecommendHandlers;
  readonly meeting: MeetingHandlers;
  readonly disposal: DisposalHandlers;
  readonly privacy: PrivacyHandlers;
  /** The general cards, answered by the bot itself. */
  readonly general: { help(caller: Caller): Promise<ActionOutcome>; about(caller: Caller): Promise<ActionOutcome> };
}

/** Every card verb and its entry. */
export function cardRoutes(h: RouteHandlers) {
  const { intake, approvals, jury, programme, announce, recommend, meeting, general } = h;
  return {
    [VERBS.showHelp]: route(Anything, (c) => general.help(c)),
    [VERBS.showAbout]: route(Anything, (c) => general.about(c)),
    [VERBS.intakeStart]: route(Anything, (c) => intake.startAction(c)),
    [VERBS.applicationStatus]: route(Anything, (c) => intake.statusAction(c)),
    [VERBS.intakeSave]: route(IntakeActionData, (c, ref, raw) => intake.save(c, ref, raw)),
    [VERBS.intakeSubmit]: route(IntakeActionData, (c, ref, raw) => intake.submit(c, ref, raw)),
    [VERBS.applicationEdit]: route(ApplicationRef, (c, ref) => intake.editAction(c, ref)),
    [VERBS.withdrawAsk]: route(ApplicationRef, (c, ref) => intake.withdrawAsk(c, ref)),
    [VERBS.withdrawConfirm]: route(ApplicationRef, (c, ref, raw) => intake.withdrawConfirm(c, ref, raw)),
    [VERBS.withdrawKeep]: route(ApplicationRef, (c) => intake.withdrawKeep(c)),
    [VERBS.coApplicantRespond]: route(ApplicationRef, (c, ref, raw) => intake.respond(c, ref, raw)),
    [VERBS.approvalOpen]: route(ApprovalRef, (c, ref) => approvals.show(c, ref)),
    [VERBS.approvalRefresh]: route(ApprovalRef, (c, ref) => approvals.show(c, ref)),
    [VERBS.approvalDecide]: route(ApprovalRef, (c, ref, raw) => approvals.decide(c, ref, raw)),
    [VERBS.approvalReassign]: route(ApprovalRef, (c, ref, raw) => approvals.reassign(c, ref, raw)),
    [VERBS.juryOpen]: route(ApplicationRef, (c, ref) => jury.open(c, ref)),
    [VERBS.juryScore]: route(ApplicationRef, (c, ref, raw) => jury.score(c, ref, raw)),
    [VERBS.juryRecuse]: route(ApplicationRef, (c, ref, raw) => jury.recuse(c, ref, raw)),
    [VERBS.rankingPage]: route(RankingPageData, (c, data) => jury.rankingPage(c, data), coordinatorsOnly),
    [VERBS.reviewsPage]: route(PageData, (c, data) => jury.reviewsPage(c, data)),
    [VERBS.selectionOpen]: route(SelectionRef, (c, ref) => jury.selectionOpen(c, ref), coordinatorsOnly),
    [VERBS.selectionSave]: route(SelectionRef, (c, ref, raw) => jury.selectionSave(c, ref, raw), coordinatorsOnly),
    [VERBS.juryRoundOpen]: route(CohortRef, (c, ref) => jury.openRoundConfirmed(c, ref), coordinatorsOnly),
    [VERBS.juryRoundLock]: route(CohortRef, (c, ref) => jury.lockRoundConfirmed(c, ref), coordinatorsOnly),
    [VERBS.selectionLock]: route(CohortRef, (c, ref) => jury.lockSelectionConfirmed(c, ref), coordinatorsOnly),
    [VERBS.juryCancel]: route(Anything, (c) => jury.cancel(c), coordinatorsOnly),
    [VERBS.cohortSave]: route(Anything, (c, _data, raw) => programme.saveCohort(c, raw), coordinatorsOnly),
    [VERBS.gateOpen]: route(ApplicationRef, (c, ref) => programme.gateOpen(c, ref), coordinatorsOnly),
    [VERBS.gateSave]: route(ApplicationRef, (c, ref, raw) => programme.gateSave(c, ref, raw), coordinatorsOnly),
    [VERBS.outcomeSave]: route(ApplicationRef, (c, ref, raw) => programme.outcomeSave(c, ref, raw), coordinatorsOnly),
    [VERBS.expenseDecide]: route(ApplicationRef, (c, ref, raw) => programme.expenseDecide(c, ref, raw)),
    [VERBS.listPage]: route(PageData, (c, data, raw) => programme.listPage(c, data, raw), coordinatorsOnly),
    [VERBS.applicationShow]: route(ApplicationRef, (c, ref) => programme.showOpen(c, ref, false), coordinatorsOnly),
    [VERBS.applicationLog]: route(ApplicationRef, (c, ref) => programme.showOpen(c, ref, true), coordinatorsOnly),
    [VERBS.outcomeOpen]: route(ApplicationRef, (c, ref) => programme.outcomeOpen(c, ref), coordinatorsOnly),
    [VERBS.expenseOpen]: route(ExpenseRef, (c, ref) => programme.expenseOpen(c, ref)),
    [VERBS.phaseStart]: route(PhaseStartData, (c, data) => programme.startPhaseConfirmed(c, data), coordinatorsOnly),
    [VERBS.cohortOpen]: route(CohortRef, (c, ref) => programme.cohortOpen(c, ref.cohortId), coordinatorsOnly),
    [VERBS.announcePreview]: route(Anything, (c, _data, raw) => announce.preview(c, raw), coordinatorsOnly),
    [VERBS.announceSend]: route(CampaignRef, (c, ref) => announce.send(c, ref), coordinatorsOnly),
    [VERBS.announceCancel]: route(CampaignRef, (c, ref) => announce.cancel(c, ref), coordinatorsOnly),
    [VERBS.followUpAnswer]: route(FollowUpRef, (c, ref, raw) => programme.followUpAnswer(c, ref, raw)),
    [VERBS.recommendationDecline]: route(CohortRef, (c, ref) => recommend.decline(c, ref)),
    [VERBS.meetingInvite]: route(Anything, (c, _data, raw) => meeting.invite(c, raw), coordinatorsOnly),
    [VERBS.meetingAnswer]: route(MeetingAnswerData, (c, data, raw) => meeting.answer(c, data, raw)),
  } satisfies CardRoutes;
}

/** A typed command: the caller, their roles (resolved from server-side state) and the words after the command. */
export type CommandRoute = (caller: Caller, roles: ReadonlySet<Role>, args: string) => Promise<Reply[]>;
export type CommandRoutes = { readonly [C in CommandId]: CommandRoute };

export interface CommandHandlers extends Omit<RouteHandlers, 'general'> {
  readonly general: {
    help(caller: Caller, roles: ReadonlySet<Role>): Promise<Reply[]>;
    about(caller: Caller): Promise<Reply[]>;
    whoami(caller: Caller, roles: ReadonlySet<Role>): Promise<Reply[]>;
    cohorts(caller: Caller): Promise<Reply[]>;
  };
}

/** Every command and its handler. */
export function commandRoutes(h: CommandHandlers) {
  const { intake, approvals, jury, programme, announce, recommend, meeting, disposal, privacy, general } = h;
  return {
    help: (c, roles) => general.help(c, roles),
    about: (c) => general.about(c),
    whoami: (c, roles) => general.whoami(c, roles),
    cohorts: (c) => general.cohorts(c),
    apply: (c) => intake.apply(c),
    status: (c) => intake.status(c),
    edit: (c) => intake.edit(c),
    withdraw: (c) => intake.withdraw(c),
    approvals: (c) => approvals.list(c),
    reviews: (c) => jury.reviews(c),
    jury: (c, _r, args) => jury.jury(c, args),
    openRound: (c) => jury.openRound(c),
    lockRound: (c) => jury.lockRound(c),
    ranking: (c) => jury.ranking(c),
    remindJury: (c) => jury.remind(c),
    lockSelection: (c) => jury.lockSelection(c),
    newCohort: (c) => programme.newCohort(c, c.m),
    editCohort: (c) => programme.editCohort(c),
    openIntake: (c, _r, args) => programme.intake(c, true, args),
    closeIntake: (c, _r, args) => programme.intake(c, false, args),
    startPhase: (c, _r, args) => programme.startPhase(c, args),
    gate: (c) => programme.gate(c),
    outcome: (c, _r, args) => programme.outcome(c, args),
    show: (c, _r, args) => programme.show(c, args, false),
    log: (c, _r, args) => programme.show(c, args, true),
    statistics: (c) => programme.statistics(c),
    report: (c) => programme.report(c),
    expense: (c, _r, args) => programme.expense(c, args),
    roles: (c, _r, args) => programme.roles(c, args),
    steeringGroup: (c, _r, args) => programme.steeringGroup(c, args),
    hr: (c, _r, args) => programme.hr(c, args),
    mentor: (c, _r, args) => programme.support(c, 'mentor', args),
    sponsor: (c, _r, args) => programme.support(c, 'sponsor', args),
    applications: (c, _r, args) => programme.list(c, args),
    participants: (c, _r, args) => programme.participants(c, args),
    announce: (c) => announce.compose(c),
    reportSchedule: (c, _r, args) => programme.reportSchedule(c, args),
    followUpQuestions: (c, _r, args) => programme.followUpQuestions(c, args),
    recommend: (c, _r, args) => recommend.recommend(c, args),
    candidateMeeting: (c) => meeting.form(c),
    candidateMeetings: (c) => meeting.list(c),
    meetingNote: (c, _r, args) => meeting.note(c, args),
    disposal: (c, _r, args) => disposal.plan(c, args),
    holdDisposal: (c, _r, args) => disposal.hold(c, args, true),
    releaseHold: (c, _r, args) => disposal.hold(c, args, false),
    myData: (c) => privacy.myData(c),
    dataExtract: (c, _r, args) => privacy.extract(c, args),
    restrict: (c, _r, args) => privacy.restrict(c, args),
    unrestrict: (c, _r, args) => privacy.unrestrict(c, args),
    privacy: (c) => privacy.privacy(c),
  } satisfies CommandRoutes;
}
