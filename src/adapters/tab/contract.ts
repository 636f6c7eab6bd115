import { z } from 'zod';
import { APPLICATION_STATES } from '../../domain/application.state-machine';
import { APPROVAL_STATUSES, CO_APPLICANT_STATUSES, OUTCOME_KINDS, TARGET_GROUPS } from '../../domain/application';
import { EXPENSE_STATUSES } from '../../domain/budget';
import { REVIEW_STATES } from '../../domain/jury';
import { MUNICIPALITIES } from '../../domain/municipalities';
import { APPLICATION_ID, COHORT_ID, PERSON_ID } from '../../domain/ids';
import { ROLES } from '../../domain/person';

/**
 * The tab's JSON API: every request and answer as a zod schema, parsed by the server (requests) and by the
 * browser (answers). Data only: the browser words it in the user's language from src/i18n, and decides nothing.
 * Imports zod and the domain's constants only, so the browser bundle can take it as it is.
 */

const Id = z.string().regex(/^[0-9A-Za-z-]{1,64}$/);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Instant = z.string().max(40);
/** Free text typed in the tab: capped before anything reads it (the use cases apply the programme's own limits). */
const Text = (max: number) => z.string().max(max);

/** The tab's views; deep links name one (with the application it opens, where it has one). */
export const TAB_VIEWS = ['home', 'application', 'approvals', 'reviews'] as const;
export const TabView = z.enum(TAB_VIEWS);
export type TabView = z.infer<typeof TabView>;

/** The personal tab's entity id in the manifest (staticTabs) and in deep links. */
export const TAB_ENTITY_ID = 'acceleratorn';

export const ApplicationRef = z.object({ cohortId: z.string().regex(COHORT_ID), applicationId: z.string().regex(APPLICATION_ID) });
export type ApplicationRef = z.infer<typeof ApplicationRef>;

/** What intake looks like now: open (until when), or when it opens next. */
export const ProgrammeInfo = z.object({
  cohortName: z.string().optional(),
  intakeOpen: z.boolean(),
  intakeClosesAt: Instant.optional(),
  nextOpensAt: Instant.optional(),
});

/** GET /api/tab/me: who the server says the caller is, and which views are theirs. */
export const MeResponse = z.object({
  id: Id,
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
  views: z.array(TabView),
  programme: ProgrammeInfo,
  /** Opens the 1:1 chat with the bot in Teams; absent locally. */
  chatLink: z.string().optional(),
});
export type MeResponse = z.infer<typeof MeResponse>;

/** An application in full, as the person reading it may see it (a juror sees no leave or employment facts). */
export const ApplicationFull = z.object({
  id: Id,
  cohortId: Id,
  cohortName: z.string(),
  applicantName: z.string(),
  state: z.enum(APPLICATION_STATES),
  submittedAt: Instant.optional(),
  idea: z.object({ title: z.string(), problem: z.string(), description: z.string() }).optional(),
  benefit: z.object({ targetGroups: z.array(z.enum(TARGET_GROUPS)), benefit: z.string(), applicability: z.string() }).optional(),
  about: z
    .object({
      municipality: z.enum(MUNICIPALITIES),
      administration: z.string(),
      workplace: z.string(),
      managerName: z.string().optional(),
      managerFromDirectory: z.boolean().optional(),
      permanentEmployment: z.boolean().optional(),
      employmentStart: IsoDate.optional(),
    })
    .optional(),
  leave: z.object({ extentPercent: z.number(), start: IsoDate, end: IsoDate }).optional(),
  coApplicants: z.array(z.object({ name: z.string(), status: z.enum(CO_APPLICANT_STATUSES), respondedAt: Instant.optional() })),
});
export type ApplicationFull = z.infer<typeof ApplicationFull>;

/** One member's participation and leave as their manager decided it (or has yet to). */
export const ApprovalSummary = z.object({
  memberName: z.string(),
  managerName: z.string(),
  /** Who decided it: the manager, or the HR contact it went to when the manager did not answer. */
  decidedByName: z.string().optional(),
  status: z.enum(APPROVAL_STATUSES),
  escalated: z.boolean(),
  decidedAt: Instant.optional(),
  reason: z.string().optional(),
  leave: z.object({ extentPercent: z.number(), start: IsoDate, end: IsoDate }).optional(),
});

/** One line of an application's timeline: what happened, who did it (a name, "the system" when absent), when. */
export const TimelineEntry = z.object({
  at: Instant,
  action: z.string(),
  actorName: z.string().optional(),
  toState: z.enum(APPLICATION_STATES),
  reason: z.string().optional(),
});

export const ExpenseLine = z.object({
  id: z.string(),
  ore: z.number().int(),
  description: z.string(),
  status: z.enum(EXPENSE_STATUSES),
  reportedByName: z.string(),
  reportedAt: Instant,
  decidedAt: Instant.optional(),
  reason: z.string().optional(),
});

/** GET /api/tab/application: the caller's own (or their team's) current application. */
export const MyApplicationResponse = z.object({
  programme: ProgrammeInfo,
  application: ApplicationFull.nullable(),
  /** The caller is the lead applicant (who may withdraw) rather than a co-applicant. */
  lead: z.boolean(),
  withdrawable: z.boolean(),
  approvals: z.array(ApprovalSummary),
  timeline: z.array(TimelineEntry),
  selectionFeedback: z.string().optional(),
  participant: z
    .object({
      mentorNames: z.array(z.string()),
      sponsorNames: z.array(z.string()),
      outcome: z.enum(OUTCOME_KINDS).optional(),
      budget: z.object({ allocatedOre: z.number().int(), spentOre: z.number().int(), pendingOre: z.number().int(), leftOre: z.number().int(), expenses: z.array(ExpenseLine) }).optional(),
      mayReportExpense: z.boolean(),
    })
    .optional(),
});
export type MyApplicationResponse = z.infer<typeof MyApplicationResponse>;

export const WithdrawRequest = ApplicationRef.extend({ reason: Text(1000).optional() });
/** The amount as typed ("1 250,50 kr"), read by the same rule as `utlägg`. */
export const ExpenseRequest = z.object({ amount: Text(40), description: Text(500) });

export const ApprovalRef = ApplicationRef.extend({ memberId: z.string().regex(PERSON_ID) });
export type ApprovalRef = z.infer<typeof ApprovalRef>;

/** One decision waiting for the caller, with everything needed to decide it. */
export const PendingApproval = z.object({
  ref: ApprovalRef,
  memberName: z.string(),
  requestedAt: Instant,
  /** The caller has it as the municipality's HR contact (the manager did not answer). */
  asHrContact: z.boolean(),
  managerName: z.string(),
  application: ApplicationFull,
  /** The member's own declarations (the lead applicant's are in `application.about`). */
  member: z.object({ permanentEmployment: z.boolean().optional(), employmentStart: IsoDate.optional() }),
  /** The applicant named this manager on the form; the directory names `directoryManagerName` (empty when none). */
  namedByApplicant: z.object({ directoryManagerName: z.string() }).optional(),
  programmeStartsOn: IsoDate.optional(),
});
export type PendingApproval = z.infer<typeof PendingApproval>;

export const DecidedApproval = z.object({ ref: ApprovalRef, title: z.string(), memberName: z.string(), action: z.string(), at: Instant, reason: z.string().optional() });

/** GET /api/tab/approvals. */
export const ApprovalsResponse = z.object({ pending: z.array(PendingApproval), more: z.boolean(), history: z.array(DecidedApproval) });
export type ApprovalsResponse = z.infer<typeof ApprovalsResponse>;

/** POST /api/tab/approvals/decide: the same inputs as the card, read by the same rules. */
export const DecideRequest = ApprovalRef.extend({
  decision: z.enum(['approve', 'decline', 'requestChanges']),
  reason: Text(2000).optional(),
  extentPercent: Text(10).optional(),
  leaveStart: Text(20).optional(),
  leaveEnd: Text(20).optional(),
  attestPermanent: z.boolean().optional(),
  attestOneYear: z.boolean().optional(),
});
export type DecideRequest = z.infer<typeof DecideRequest>;

export const ReviewItem = z.object({ ref: ApplicationRef, title: z.string(), applicantName: z.string(), municipality: z.enum(MUNICIPALITIES).optional(), state: z.enum(REVIEW_STATES) });

/** GET /api/tab/reviews[?after=…]: a page of the round's applications with the juror's own state and progress. */
export const ReviewsResponse = z.object({
  cohort: z.object({ id: Id, name: z.string(), round: z.enum(['open', 'locked']).optional() }).nullable(),
  done: z.number().int(),
  total: z.number().int(),
  items: z.array(ReviewItem),
  next: z.string().optional(),
});
export type ReviewsResponse = z.infer<typeof ReviewsResponse>;

export const CriterionView = z.object({ id: z.string(), weight: z.number() });
export const ScoreView = z.object({ values: z.record(z.string(), z.number()), comment: z.string().optional(), at: Instant });

/** GET /api/tab/reviews/:cohortId/:applicationId: the application beside the scoring form. */
export const ReviewDetail = z.object({
  application: ApplicationFull,
  criteria: z.array(CriterionView),
  round: z.enum(['open', 'locked']).optional(),
  state: z.enum(REVIEW_STATES),
  own: ScoreView.optional(),
  recusal: z.object({ reason: z.string(), automatic: z.boolean() }).optional(),
  /** The other jurors' scores: only once the caller has scored. */
  others: z.array(ScoreView.extend({ jurorName: z.string(), mean: z.number() })).optional(),
  done: z.number().int(),
  total: z.number().int(),
});
export type ReviewDetail = z.infer<typeof ReviewDetail>;


/** Every refusal: a stable code the browser words (src/i18n), with the fields to correct or the decision that stands. */
export const ApiError = z.object({
  error: z.string(),
  fields: z.array(z.object({ field: z.string(), code: z.string(), rule: z.string().optional(), facts: z.record(z.string(), z.string()).optional() })).optional(),
  facts: z.record(z.string(), z.string()).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

/**
 * GET /api/tab/config (no sign-in): what the page needs before it can sign in. `demo` lists the demo people only
 * when `npm start`'s local mode serves the tab; production never has it.
 */
export const TabConfig = z.object({
  appId: z.string().optional(),
  demo: z.array(z.object({ id: Id, name: z.string(), role: z.string() })).optional(),
});
export type TabConfig = z.infer<typeof TabConfig>;

/** The demo sign-in's header: honoured only in local mode (config.tab.demo), refused with 401 everywhere else. */
export const DEMO_PERSON_HEADER = 'x-acceleratorn-demo-person';

/**
 * Every API route: its method, path, request schema (a GET's query, a POST's JSON body) and answer schema. The
 * server registers exactly these; the browser calls them through one typed function.
 */
export const TAB_API = {
  me: { method: 'GET', path: '/api/tab/me', request: z.object({}), response: MeResponse },
  application: { method: 'GET', path: '/api/tab/application', request: z.object({}), response: MyApplicationResponse },
  withdraw: { method: 'POST', path: '/api/tab/application/withdraw', request: WithdrawRequest, response: MyApplicationResponse },
  expense: { method: 'POST', path: '/api/tab/application/expense', request: ExpenseRequest, response: MyApplicationResponse },
  approvals: { method: 'GET', path: '/api/tab/approvals', request: z.object({}), response: ApprovalsResponse },
  decide: { method: 'POST', path: '/api/tab/approvals/decide', request: DecideRequest, response: ApprovalsResponse },
  reviews: { method: 'GET', path: '/api/tab/reviews', request: z.object({ after: z.string().regex(APPLICATION_ID).optional() }), response: ReviewsResponse },
  review: { method: 'GET', path: '/api/tab/review', request: ApplicationRef, response: ReviewDetail },
  score: { method: 'POST', path: '/api/tab/review/score', request: ApplicationRef.extend({ values: z.record(Id, z.number().int()).refine((v) => Object.keys(v).length <= 20), comment: Text(2000) }), response: ReviewDetail },
  recuse: { method: 'POST', path: '/api/tab/review/recuse', request: ApplicationRef.extend({ reason: Text(1000) }), response: ReviewDetail },
} as const;
export type TabRouteId = keyof typeof TAB_API;
