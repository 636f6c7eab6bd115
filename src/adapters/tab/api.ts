import { LIMITS, managerNamedByApplicant, mayReadApproval, teamOf, type Application, type ManagerApproval } from '../../domain/application';
import type { AuditEvent } from '../../domain/audit-event';
import { parseAmount } from '../../domain/budget';
import { isIntakeOpen } from '../../domain/cohort';
import { isWithdrawable } from '../../domain/intake';
import { criteriaOf } from '../../domain/jury';
import type { Role } from '../../domain/person';
import { PARTICIPANT_STATES, SPENDING_STATES } from '../../domain/programme';
import type { IdCursor, JurorScore } from '../../domain/ports';
import { weightedMean } from '../../domain/scoring';
import { decideApproval, decidedBy, pendingDecisionsOf } from '../../use-cases/approval';
import { followedApplicationOf, intakeCohorts, withdrawApplication } from '../../use-cases/intake';
import { recuseFromApplication } from '../../use-cases/jury/recuse';
import { reviewOf } from '../../use-cases/jury/review-of';
import { progressOf, reviewsOf } from '../../use-cases/jury/reviews';
import { scoreApplication } from '../../use-cases/jury/score-application';
import { reportExpense } from '../../use-cases/programme/report-expense';
import { recommend } from '../../use-cases/recommend';
import { resolveRoles } from '../../use-cases/resolve-roles';
import { COMMANDS, mayUse, type CommandId } from '../teams/commands';
import { parseDecision } from '../teams/approval.handlers';
import { applicationFull, approvalSummary, budgetView, fieldError, namesOf, ok, refusalAnswer, type TabAnswer, type TabRoute, type TabServices } from './answers';
import { COORDINATOR_ROUTES, criterionFull } from './coordinator-api';
import { PRIVACY_ROUTES } from './privacy-api';
import {
  RECOMMEND_ERROR,
  type RecommendResponse,
  type ApprovalsResponse,
  type MeResponse,
  type MyApplicationResponse,
  type ReviewDetail,
  type ReviewsResponse,
  type TabRouteId,
  type TabView,
} from './contract';

async function programmeInfo(s: TabServices): Promise<MeResponse['programme']> {
  const { open, next } = await intakeCohorts(s);
  const cohort = open ?? next;
  return {
    intakeOpen: Boolean(open && isIntakeOpen(open, s.clock.now())),
    ...(cohort ? { cohortName: cohort.name } : {}),
    ...(open ? { intakeClosesAt: open.intakeClosesAt } : {}),
    ...(!open && next ? { nextOpensAt: next.intakeOpensAt } : {}),
  };
}

/** What the jury does is the jury's: the team's timeline leaves out scores and recusals (and so who judged them). */
const JURY_ACTIONS: ReadonlySet<string> = new Set(['scored', 'recused']);

async function myApplication(s: TabServices, personId: string): Promise<MyApplicationResponse> {
  const [programme, followed] = await Promise.all([programmeInfo(s), followedApplicationOf(s, personId)]);
  if (!followed) return { programme, application: null, lead: false, withdrawable: false, approvals: [], timeline: [] };
  const a = followed.application.value;
  const [cohort, trail] = await Promise.all([s.cohorts.get(a.cohortId), s.applications.auditTrail(a.cohortId, a.id)]);
  const events = trail.filter((e: AuditEvent) => !JURY_ACTIONS.has(e.action));
  const names = await namesOf(s, [a.about?.managerId, a.mentorId, a.sponsorId, ...a.approvals.flatMap((x) => [x.managerId, x.decidedBy]), ...events.map((e) => e.actorId), ...(a.budget?.expenses.map((x) => x.reportedBy) ?? [])]);
  const participant = PARTICIPANT_STATES.includes(a.state) || a.budget || a.outcome;
  const budget = a.budget;
  return {
    programme,
    application: applicationFull(a, cohort?.value.name ?? '', followed.lead ? 'lead' : 'coApplicant', names),
    lead: followed.lead,
    withdrawable: followed.lead && isWithdrawable(a),
    // Each member's participation and leave is theirs and the lead applicant's to read (the bot tells each their own).
    approvals: a.approvals
      .filter((x) => x.status !== 'superseded' && (followed.lead || x.memberId === personId))
      .map((x) => approvalSummary(x, names)),
    timeline: events.map((e) => ({ at: e.at, action: e.action, toState: e.toState, ...(e.actorKind !== 'system' && names.has(e.actorId) ? { actorName: names.get(e.actorId) } : {}), ...(e.reason && followed.lead ? { reason: e.reason } : {}) })),
    ...(a.selection && a.state !== 'inReview' && cohort?.value.selectionLockedAt ? { selectionFeedback: a.selection.feedback } : {}),
    ...(participant
      ? {
          participant: {
            mentorNames: a.mentorId ? [names.get(a.mentorId) ?? ''] : [],
            sponsorNames: a.sponsorId ? [names.get(a.sponsorId) ?? ''] : [],
            ...(a.outcome ? { outcome: a.outcome.kind } : {}),
            ...(budget ? { budget: budgetView(budget, names) } : {}),
            mayReportExpense: Boolean(budget) && SPENDING_STATES.includes(a.state) && teamOf(a).includes(personId),
          },
        }
      : {}),
  };
}

async function approvals(s: TabServices, personId: string): Promise<ApprovalsResponse> {
  const [pending, history] = await Promise.all([pendingDecisionsOf(s, personId), decidedBy(s, personId)]);
  const apps = pending.items.map((i) => i.application);
  const directoryManagers = await Promise.all(apps.map(async (a) => (await s.directory.getPerson(a.applicantId))?.managerId));
  const names = await namesOf(s, [...apps.flatMap((a) => [a.about?.managerId, ...a.approvals.map((x) => x.managerId)]), ...directoryManagers]);
  const cohorts = new Map((await s.cohorts.list()).map((c) => [c.id, c]));
  return {
    pending: pending.items.map(({ application: a, approval }, i) => {
      const member = a.coApplicants.find((c) => c.personId === approval.memberId);
      const cohort = cohorts.get(a.cohortId);
      const directoryManager = directoryManagers[i];
      return {
        ref: { cohortId: a.cohortId, applicationId: a.id, memberId: approval.memberId },
        memberName: approval.memberName,
        requestedAt: approval.requestedAt,
        asHrContact: approval.escalatedTo === personId && approval.managerId !== personId,
        managerName: names.get(approval.managerId) ?? '',
        application: applicationFull(a, cohort?.name ?? '', 'decider', names),
        member: member ? { ...(member.permanentEmployment !== undefined ? { permanentEmployment: member.permanentEmployment } : {}), ...(member.employmentStart ? { employmentStart: member.employmentStart } : {}) } : {},
        ...(managerNamedByApplicant(a, approval) ? { namedByApplicant: { directoryManagerName: directoryManager ? (names.get(directoryManager) ?? '') : '' } } : {}),
        ...(cohort ? { programmeStartsOn: cohort.programmeStartsOn } : {}),
      };
    }),
    more: pending.more,
    history: history.map(({ application: a, approval }: { application: Application; approval: ManagerApproval }) => ({
      ref: { cohortId: a.cohortId, applicationId: a.id, memberId: approval.memberId },
      title: a.idea?.title ?? '',
      memberName: approval.memberName,
      action: approval.status,
      at: approval.decidedAt ?? a.updatedAt,
      ...(approval.reason ? { reason: approval.reason } : {}),
    })),
  };
}

async function reviews(s: TabServices, personId: string, after?: string): Promise<TabAnswer> {
  const view = await reviewsOf(s, personId, after satisfies IdCursor | undefined);
  if (!view) return ok({ cohort: null, done: 0, total: 0, items: [] } satisfies ReviewsResponse);
  return ok({
    cohort: { id: view.cohort.id, name: view.cohort.name, ...(view.cohort.juryRound ? { round: view.cohort.juryRound } : {}) },
    done: view.total - view.left,
    total: view.total,
    items: view.items.map(({ application: a, state }) => ({ ref: { cohortId: a.cohortId, applicationId: a.id }, title: a.idea?.title ?? '', applicantName: a.applicantName, ...(a.about ? { municipality: a.about.municipality } : {}), state })),
    ...(view.next !== undefined ? { next: view.next } : {}),
  } satisfies ReviewsResponse);
}

async function review(s: TabServices, personId: string, ref: { cohortId: string; applicationId: string }): Promise<TabAnswer> {
  const found = await reviewOf(s, personId, ref);
  if (!found.ok) return refusalAnswer(found.error);
  const { application: a, cohort, state, recusal, own, others } = found.value;
  const { done, total } = await progressOf(s, ref.cohortId, personId);
  const criteria = criteriaOf(cohort);
  const names = await namesOf(s, others.map((x) => x.jurorId));
  const score = (x: JurorScore) => ({ values: { ...x.values }, at: x.at, ...(x.comment ? { comment: x.comment } : {}) });
  return ok({
    application: applicationFull(a, cohort.name, 'juror', names),
    criteria: criteria.map(criterionFull),
    ...(cohort.juryRound ? { round: cohort.juryRound } : {}),
    state,
    ...(own ? { own: score(own) } : {}),
    ...(recusal ? { recusal } : {}),
    ...(own ? { others: others.map((x) => ({ ...score(x), jurorName: names.get(x.jurorId) ?? '', mean: weightedMean(x.values, criteria) })) } : {}),
    done,
    total,
  } satisfies ReviewDetail);
}

/**
 * Someone decided first (the manager and the HR contact at once, or a card in another window): the conflict says
 * what stands and who decided it, to a person who may read that approval.
 */
async function withDecisionThatStands(s: TabServices, personId: string, ref: { cohortId: string; applicationId: string; memberId: string }, refused: TabAnswer): Promise<TabAnswer> {
  const found = await s.applications.get(ref.cohortId, ref.applicationId);
  const approval = found?.value.approvals.find((a) => a.memberId === ref.memberId);
  if (!found || !approval || approval.status === 'pending' || !mayReadApproval(found.value, approval, personId) || refused.status === 200) return refused;
  const by = approval.decidedBy ? (await s.directory.getPerson(approval.decidedBy))?.name : undefined;
  return { status: 409, body: { ...refused.body, facts: { status: approval.status, ...(by ? { decidedByName: by } : {}), ...(approval.decidedAt ? { decidedAt: approval.decidedAt } : {}) } } };
}

/** The views whose list is one route: a view is the person's when that route is (the same gate as the request for it). */
const VIEW_ROUTES = ['approvals', 'reviews', 'overview', 'applications', 'ranking', 'jury', 'programme', 'criteria', 'report', 'myData', 'privacy'] as const satisfies readonly (TabView & TabRouteId)[];

/** Every API route, typed against TAB_API: a route without a handler, or a handler for nothing, does not compile. */
export const TAB_ROUTES: { readonly [R in TabRouteId]: TabRoute<R> } = {
  ...COORDINATOR_ROUTES,
  ...PRIVACY_ROUTES,
  me: {
    as: 'whoami',
    async handle(s, caller) {
      const person = await s.directory.getPerson(caller.id);
      // A view is the person's when its list's route is (the same gate as the request for it).
      const views: TabView[] = ['application', ...VIEW_ROUTES.filter((v) => mayCall(v, caller.roles))];
      return ok({ id: caller.id, name: person?.name ?? '', roles: [...caller.roles], views, programme: await programmeInfo(s), ...(s.personalChatLink ? { chatLink: s.personalChatLink } : {}) } satisfies MeResponse);
    },
  },
  application: { as: 'status', handle: async (s, caller) => ok(await myApplication(s, caller.id)) },
  withdraw: {
    as: 'withdraw',
    async handle(s, caller, r) {
      const reason = r.reason?.trim().slice(0, LIMITS.reason.max);
      const done = await withdrawApplication(s, caller.id, { cohortId: r.cohortId, applicationId: r.applicationId }, reason || undefined);
      return done.ok ? ok(await myApplication(s, caller.id)) : refusalAnswer(done.error);
    },
  },
  expense: {
    as: 'expense',
    async handle(s, caller, r) {
      const amount = parseAmount(r.amount);
      if (!amount.ok) return fieldError('amount', amount.reason === 'empty' ? 'required' : amount.reason === 'tooLarge' ? 'tooLong' : 'invalid');
      const description = r.description.trim();
      const done = await reportExpense(s, caller.id, amount.ore, description);
      return done.ok ? ok(await myApplication(s, caller.id)) : refusalAnswer(done.error);
    },
  },
  approvals: { as: 'approvals', handle: async (s, caller) => ok(await approvals(s, caller.id)) },
  recommend: {
    as: 'recommend',
    async handle(s, caller, r) {
      const name = (await s.directory.getPerson(caller.id))?.name ?? '';
      const done = await recommend(s, { id: caller.id, name }, { email: r.email.trim(), reason: r.reason });
      if (done.ok) return ok({ personName: done.value.recommendation.personName, cohortName: done.value.cohort.name } satisfies RecommendResponse);
      const { code, personName, cohortName } = done.error;
      const facts = { reason: code, ...(personName ? { personName } : {}), ...(cohortName ? { cohortName } : {}) };
      return { status: code === 'alreadyRecommended' || code === 'alreadyApplied' ? 409 : 400, body: { error: RECOMMEND_ERROR, facts } };
    },
  },
  decide: {
    as: 'approvals',
    async handle(s, caller, r) {
      const raw: Record<string, string> = {
        decision: r.decision,
        reason: r.reason ?? '',
        extentPercent: r.extentPercent ?? '',
        leaveStart: r.leaveStart ?? '',
        leaveEnd: r.leaveEnd ?? '',
        attestPermanent: String(r.attestPermanent === true),
        attestOneYear: String(r.attestOneYear === true),
      };
      const parsed = parseDecision(raw);
      if (!parsed.ok) return refusalAnswer({ code: 'FIELDS', fields: parsed.errors });
      const decided = await decideApproval(s, caller.id, { cohortId: r.cohortId, applicationId: r.applicationId }, r.memberId, parsed.value);
      if (decided.ok) return ok(await approvals(s, caller.id));
      const refused = refusalAnswer(decided.error);
      return refused.status === 409 ? withDecisionThatStands(s, caller.id, r, refused) : refused;
    },
  },
  reviews: { as: 'reviews', handle: (s, caller, r) => reviews(s, caller.id, r.after) },
  review: { as: 'reviews', handle: (s, caller, r) => review(s, caller.id, r) },
  score: {
    as: 'reviews',
    async handle(s, caller, r) {
      const ref = { cohortId: r.cohortId, applicationId: r.applicationId };
      const scored = await scoreApplication(s, caller.id, ref, r.values, r.comment.trim().slice(0, LIMITS.reason.max));
      return scored.ok ? review(s, caller.id, ref) : refusalAnswer(scored.error);
    },
  },
  recuse: {
    as: 'reviews',
    async handle(s, caller, r) {
      const reason = r.reason.trim();
      if (reason.length < LIMITS.reason.min) return fieldError('reason', reason ? 'tooShort' : 'required', { min: String(LIMITS.reason.min) });
      const ref = { cohortId: r.cohortId, applicationId: r.applicationId };
      const done = await recuseFromApplication(s, caller.id, ref, reason.slice(0, LIMITS.reason.max));
      return done.ok ? review(s, caller.id, ref) : refusalAnswer(done.error);
    },
  },
};

/** Whether the caller's roles open the route: the roles of the bot command it answers, or anyone when that command answers others itself. */
export function mayCall(route: TabRouteId, roles: ReadonlySet<Role>): boolean {
  return mayAnswerAs(TAB_ROUTES[route].as, roles);
}

/** Whether the caller's roles open what answers as this bot command (a route, an export). */
export function mayAnswerAs(as: CommandId, roles: ReadonlySet<Role>): boolean {
  const command = COMMANDS.find((c) => c.id === as);
  return Boolean(command && ('answersOthers' in command || mayUse(command, roles)));
}

/** The person's roles as the bot resolves them (every source: the tab has no per-command shortcut). */
export function rolesOf(s: TabServices, personId: string): Promise<ReadonlySet<Role>> {
  return resolveRoles(s, personId, 'all');
}
