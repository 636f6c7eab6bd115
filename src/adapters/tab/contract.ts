import { z } from 'zod';
import { APPLICATION_STATES } from '../../domain/application.state-machine';
import { APPROVAL_STATUSES, CO_APPLICANT_STATUSES, GATE_OUTCOMES, IP_OWNERS, OUTCOME_KINDS, SELECTION_DECISIONS, TARGET_GROUPS } from '../../domain/application';
import { WAITING_FOR } from '../../domain/application-list';
import { FUNNEL_STAGES } from '../../domain/funnel';
import { JURY_ROUNDS } from '../../domain/cohort';
import { FOLLOW_UP_ROUNDS } from '../../domain/follow-up';
import { CRITERIA_LIMITS } from '../../domain/criteria';
import { EXPENSE_STATUSES } from '../../domain/budget';
import { REVIEW_STATES } from '../../domain/jury';
import { MUNICIPALITIES } from '../../domain/municipalities';
import { CAMPAIGN_STATES } from '../../domain/announcement';
import { APPLICATION_ID, CAMPAIGN_ID, COHORT_ID, PERSON_ID } from '../../domain/ids';
import { ROLES } from '../../domain/person';
import { REASON_MAX } from '../../domain/recommendation';

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
export const TAB_VIEWS = ['home', 'application', 'approvals', 'reviews', 'overview', 'applications', 'ranking', 'jury', 'programme', 'criteria', 'report', 'myData', 'privacy'] as const;
export const TabView = z.enum(TAB_VIEWS);
export type TabView = z.infer<typeof TabView>;

/** The personal tab's entity id in the manifest (staticTabs) and in deep links. */
export const TAB_ENTITY_ID = 'acceleratorn';

export const CohortId = z.string().regex(COHORT_ID);
/** A coordinator's or the steering group's view of one cohort: absent means the cohort the programme works on now. */
export const CohortQuery = z.object({ cohortId: CohortId.optional() });
/** Where a paged list goes on: opaque to the browser, parsed again by the server (never trusted). */
const Cursor = z.string().max(400).regex(/^[A-Za-z0-9_-]+$/);

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
  /** The manager whose recommendation preceded it (issue 17): for the applicant and the deciders, not the jury. */
  recommendedByName: z.string().optional(),
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

/** A team's budget for initial costs with every expense, in öre. */
export const BudgetView = z.object({ allocatedOre: z.number().int(), spentOre: z.number().int(), pendingOre: z.number().int(), leftOre: z.number().int(), expenses: z.array(ExpenseLine) });

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
      budget: BudgetView.optional(),
      mayReportExpense: z.boolean(),
    })
    .optional(),
});
export type MyApplicationResponse = z.infer<typeof MyApplicationResponse>;

export const WithdrawRequest = ApplicationRef.extend({ reason: Text(1000).optional() });
/** The amount as typed ("1 250,50 kr"), read by the same rule as `utlägg`. */
export const ExpenseRequest = z.object({ amount: Text(40), description: Text(500) });

/** POST /api/tab/recommend (issue 17): a manager recommends someone who reports to them; who, from the directory. */
export const RecommendRequest = z.object({ email: Text(320), reason: Text(REASON_MAX * 2) });
export type RecommendRequest = z.infer<typeof RecommendRequest>;
export const RecommendResponse = z.object({ personName: z.string(), cohortName: z.string() });
export type RecommendResponse = z.infer<typeof RecommendResponse>;
/** Why a recommendation was refused (`error: 'RECOMMEND'`, `facts.reason`), worded in the browser from the catalogue. */
export const RECOMMEND_ERROR = 'RECOMMEND';

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

/** A criterion as edited and shown: `name` absent on the programme's own criteria (the browser words them by id). */
export const CriterionGuide = z.object({ 1: Text(CRITERIA_LIMITS.guide), 3: Text(CRITERIA_LIMITS.guide), 5: Text(CRITERIA_LIMITS.guide) });
export const CriterionFull = z.object({ id: Id, name: z.string().optional(), weight: z.number(), guide: CriterionGuide.optional() });
export type CriterionFull = z.infer<typeof CriterionFull>;

export const ScoreView = z.object({ values: z.record(z.string(), z.number()), comment: z.string().optional(), at: Instant });

/** GET /api/tab/reviews/:cohortId/:applicationId: the application beside the scoring form. */
export const ReviewDetail = z.object({
  application: ApplicationFull,
  criteria: z.array(CriterionFull),
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


// ——— Coordinators and the steering group ———

/** A cohort as the coordinator's views head it. */
export const CohortHead = z.object({
  id: Id,
  name: z.string(),
  capacity: z.number().int(),
  quorum: z.number().int(),
  round: z.enum(JURY_ROUNDS).optional(),
  selectionLockedAt: Instant.optional(),
  intakeOpen: z.boolean(),
  intakeClosesAt: Instant,
  programmeStartsOn: IsoDate,
  /** The jurors' scores are evened out (strict and generous jurors), so the ranking reads the whole round. */
  normalise: z.boolean(),
});
export type CohortHead = z.infer<typeof CohortHead>;
/** Every cohort, newest first, for the picker; `current` is the one the programme works on now. */
export const CohortChoice = z.object({ id: Id, name: z.string(), current: z.boolean() });

/** One row of the funnel: every stage counts the applications that reached it or went further (domain/funnel.ts). */
export const FunnelRow = z.object({
  municipality: z.enum(MUNICIPALITIES).optional(),
  stages: z.record(z.enum(FUNNEL_STAGES), z.number().int()),
  inReview: z.number().int(),
  drafts: z.number().int(),
  withdrawn: z.number().int(),
});
export type FunnelRow = z.infer<typeof FunnelRow>;

/** A manager (or the HR contact it went to) with decisions waiting; `late` once the reminder is due (the approval schedule). */
export const WaitingDecider = z.object({ id: Id, name: z.string(), waiting: z.number().int(), since: Instant, late: z.boolean(), asHrContact: z.boolean() });
export const JurorProgress = z.object({ id: Id, name: z.string(), done: z.number().int(), left: z.number().int() });

/** GET /api/tab/overview: the funnel per municipality and who is late. */
export const OverviewResponse = z.object({
  cohort: CohortHead,
  cohorts: z.array(CohortChoice),
  rows: z.array(FunnelRow),
  total: FunnelRow,
  waitingDeciders: z.array(WaitingDecider),
  /** How many decisions wait in all (the list shows the deciders of the oldest ones). */
  waitingDecisions: z.number().int(),
  jurors: z.array(JurorProgress),
});
export type OverviewResponse = z.infer<typeof OverviewResponse>;

/** POST /api/tab/overview/remind-deciders: one decider (or every late one) is reminded; at most once a day each. */
export const RemindDecidersRequest = z.object({ cohortId: CohortId, deciderId: z.string().regex(PERSON_ID).optional() });
export const RemindedResponse = z.object({ reminded: z.number().int() });

export const APPLICATION_SORTS = ['submittedAt', 'title', 'municipality', 'state', 'score'] as const;
/** GET /api/tab/applications: every field narrows; `q` searches the idea's name. Query strings, so flags are '1'/'0'. */
export const ApplicationsQuery = CohortQuery.extend({
  state: z.enum(APPLICATION_STATES).optional(),
  municipality: z.enum(MUNICIPALITIES).optional(),
  administration: Text(120).optional(),
  targetGroup: z.enum(TARGET_GROUPS).optional(),
  team: z.enum(['team', 'single']).optional(),
  waitingFor: z.enum(WAITING_FOR).optional(),
  q: Text(100).optional(),
  sort: z.enum(APPLICATION_SORTS).optional(),
  desc: z.enum(['1', '0']).optional(),
  after: Cursor.optional(),
});
export type ApplicationsQuery = z.infer<typeof ApplicationsQuery>;

export const ApplicationRow = z.object({
  ref: ApplicationRef,
  title: z.string(),
  applicantName: z.string(),
  municipality: z.enum(MUNICIPALITIES).optional(),
  administration: z.string().optional(),
  state: z.enum(APPLICATION_STATES),
  submittedAt: Instant.optional(),
  /** The lead applicant and the co-applicants who have not said no. */
  teamSize: z.number().int(),
  waitingFor: z.enum(WAITING_FOR).optional(),
  /** The jury's mean so far; absent before any score. */
  score: z.number().optional(),
  scoreCount: z.number().int(),
});
export type ApplicationRow = z.infer<typeof ApplicationRow>;

export const ApplicationsResponse = z.object({ cohort: CohortHead, total: z.number().int(), items: z.array(ApplicationRow), next: Cursor.optional() });
export type ApplicationsResponse = z.infer<typeof ApplicationsResponse>;

/** GET /api/tab/applications/one: one application in full for the coordinator, with its whole audit trail. */
export const CoordinatorApplication = z.object({
  application: ApplicationFull,
  approvals: z.array(ApprovalSummary),
  timeline: z.array(TimelineEntry),
  selection: z.object({ decision: z.enum(SELECTION_DECISIONS), feedback: z.string(), decidedByName: z.string(), decidedAt: Instant }).optional(),
  jury: z.object({ count: z.number().int(), mean: z.number(), recused: z.number().int() }).optional(),
  mentorName: z.string().optional(),
  sponsorName: z.string().optional(),
  gate: z.enum(GATE_OUTCOMES).optional(),
  outcome: z.object({ kind: z.enum(OUTCOME_KINDS), ipOwner: z.enum(IP_OWNERS), receivingAdministration: z.string().optional() }).optional(),
  budget: BudgetView.optional(),
});
export type CoordinatorApplication = z.infer<typeof CoordinatorApplication>;

export const RankingRow = z.object({
  ref: ApplicationRef,
  title: z.string(),
  applicantName: z.string(),
  municipality: z.enum(MUNICIPALITIES).optional(),
  state: z.enum(APPLICATION_STATES),
  /** Place in the ranking (equal places for a tie); null under the quorum. */
  place: z.number().int().nullable(),
  /** How many other applications share this score. */
  tiedWith: z.number().int(),
  score: z.number().nullable(),
  meanSoFar: z.number().nullable(),
  spread: z.number().nullable(),
  scoreCount: z.number().int(),
  recusalCount: z.number().int(),
  selection: z.object({ decision: z.enum(SELECTION_DECISIONS), feedback: z.string() }).optional(),
});
export type RankingRow = z.infer<typeof RankingRow>;

/** GET /api/tab/ranking: a page of the ranking (ties as ties), the capacity as it fills, and who has not scored. */
export const RankingResponse = z.object({
  cohort: CohortHead,
  criteria: z.array(CriterionFull),
  total: z.number().int(),
  selectedCount: z.number().int(),
  page: z.number().int(),
  rows: z.array(RankingRow),
  missing: z.array(z.object({ jurorName: z.string(), count: z.number().int() })),
  next: Cursor.optional(),
});
export type RankingResponse = z.infer<typeof RankingResponse>;

/** GET /api/tab/ranking/row: every score of one application, each criterion's mean, the comments and the recusals. */
export const RankingDetail = z.object({
  ref: ApplicationRef,
  criterionMeans: z.record(z.string(), z.number()),
  scores: z.array(z.object({ jurorName: z.string(), values: z.record(z.string(), z.number()), comment: z.string().optional(), at: Instant, mean: z.number() })),
  recusals: z.array(z.object({ jurorName: z.string(), reason: z.string(), automatic: z.boolean() })),
});
export type RankingDetail = z.infer<typeof RankingDetail>;

export const DecideSelectionRequest = ApplicationRef.extend({ decision: z.enum(SELECTION_DECISIONS), feedback: Text(1000) });
export const DecideSelectionResponse = z.object({
  selection: z.object({ decision: z.enum(SELECTION_DECISIONS), feedback: z.string() }),
  state: z.enum(APPLICATION_STATES),
  selectedCount: z.number().int(),
  capacity: z.number().int(),
  overCapacity: z.boolean(),
  /** False when the same decision was already saved (a second click). */
  changed: z.boolean(),
});
export type DecideSelectionResponse = z.infer<typeof DecideSelectionResponse>;

/** GET /api/tab/ranking/lock: who locking the selection tells, for the confirmation. */
export const LockPreviewResponse = z.object({
  decided: z.record(z.enum(SELECTION_DECISIONS), z.number().int()),
  undecided: z.number().int(),
  managers: z.number().int(),
  hrContacts: z.number().int(),
  alreadyLocked: z.boolean(),
});
export type LockPreviewResponse = z.infer<typeof LockPreviewResponse>;
export const LockResponse = z.object({ told: z.number().int(), alreadyLocked: z.boolean() });

/** GET /api/tab/jury: each juror's progress and recusals. `external`: a guest in the tenant (the accelerator partner). */
export const JuryResponse = z.object({
  cohort: CohortHead,
  /** Applications in the round. */
  total: z.number().int(),
  jurors: z.array(
    z.object({
      id: Id,
      name: z.string(),
      email: z.string(),
      external: z.boolean(),
      done: z.number().int(),
      left: z.number().int(),
      recusals: z.array(z.object({ ref: ApplicationRef, title: z.string(), reason: z.string(), automatic: z.boolean() })),
    }),
  ),
});
export type JuryResponse = z.infer<typeof JuryResponse>;
export const JuryMemberRequest = z.object({ cohortId: CohortId, email: Text(254), add: z.boolean() });
export const RemindJuryRequest = z.object({ cohortId: CohortId, jurorId: z.string().regex(PERSON_ID).optional() });

export const PHASES = ['1', '2', '3'] as const;
/** GET /api/tab/announcements: the latest announcements (kungörelser) and how their delivery went. */
export const AnnouncementsResponse = z.object({
  campaigns: z.array(
    z.object({
      id: Id,
      title: Text(200),
      createdAt: Instant,
      state: z.enum(CAMPAIGN_STATES),
      recipients: z.number().int(),
      sent: z.number().int(),
      failed: z.number().int(),
      cancelled: z.number().int(),
      left: z.number().int(),
    }),
  ),
});
export type AnnouncementsResponse = z.infer<typeof AnnouncementsResponse>;

/** The Excel exports (TAB_EXPORTS), by id. */
export const TAB_EXPORT_IDS = ['applications', 'ranking', 'ledger', 'report', 'audit', 'announcement', 'myData', 'dataExtract'] as const;
/** GET /api/tab/programme: the cohort's settings, its phases, and every team with its support and budget. */
export const ProgrammeResponse = z.object({
  cohort: CohortHead.extend({
    intakeOpensAt: Instant,
    budgetPerParticipantOre: z.number().int(),
    intakeClosedAt: Instant.optional(),
  }),
  cohorts: z.array(CohortChoice),
  /** Per phase: teams waiting to start it, and teams in it (or past it). */
  phases: z.array(z.object({ phase: z.enum(PHASES), waiting: z.number().int(), started: z.number().int() })),
  teams: z.array(
    z.object({
      ref: ApplicationRef,
      title: z.string(),
      teamNames: z.array(z.string()),
      municipality: z.enum(MUNICIPALITIES).optional(),
      state: z.enum(APPLICATION_STATES),
      mentorName: z.string().optional(),
      sponsorName: z.string().optional(),
      gate: z.enum(GATE_OUTCOMES).optional(),
      outcome: z.enum(OUTCOME_KINDS).optional(),
      /** Which of the gate's and the outcome's decisions the team's state allows now. */
      mayGate: z.boolean(),
      mayRecordOutcome: z.boolean(),
      /** A mentor or sponsor may be assigned: the team takes part in the programme now. */
      mayAssign: z.boolean(),
      budget: BudgetView.optional(),
    }),
  ),
  mentors: z.array(z.object({ id: Id, name: z.string() })),
  sponsors: z.array(z.object({ id: Id, name: z.string() })),
  /** The exports made of this cohort, newest first: who exported what, when. */
  exports: z.array(z.object({ at: Instant, byName: z.string(), what: z.enum(TAB_EXPORT_IDS), rows: z.number().int() })),
});
export type ProgrammeResponse = z.infer<typeof ProgrammeResponse>;

/** GET /api/tab/programme/phase: who starting a phase moves and tells. */
export const PhasePreviewResponse = z.object({ teams: z.number().int(), people: z.number().int(), already: z.number().int() });
export const StartPhaseRequest = z.object({ cohortId: CohortId, phase: z.enum(PHASES) });
export const GateRequest = ApplicationRef.extend({ outcome: z.enum(GATE_OUTCOMES), joinedApplicationId: z.string().regex(APPLICATION_ID).optional() });
export const OutcomeRequest = ApplicationRef.extend({ kind: z.enum(OUTCOME_KINDS), ipOwner: z.enum(IP_OWNERS), receivingAdministration: Text(120).optional() });
export const AssignRequest = ApplicationRef.extend({ role: z.enum(['mentor', 'sponsor']), email: Text(254) });

/** GET /api/tab/criteria: the cohort's criteria; editable until the jury round opens. */
export const CriteriaResponse = z.object({ cohort: CohortHead, locked: z.boolean(), criteria: z.array(CriterionFull) });
export type CriteriaResponse = z.infer<typeof CriteriaResponse>;
/** POST /api/tab/criteria: the whole list as it should be (a new criterion has no id), guarded by the domain's rules. */
export const SaveCriteriaRequest = z.object({
  cohortId: CohortId,
  criteria: z
    // `name` may be left out for one of the programme's own criteria only: the catalogue names it in each language.
    .array(z.object({ id: Id.optional(), name: Text(CRITERIA_LIMITS.name).optional(), weight: z.number(), guide: CriterionGuide.optional() }))
    .max(CRITERIA_LIMITS.count),
});
export type SaveCriteriaRequest = z.infer<typeof SaveCriteriaRequest>;

/** One municipality's line of the report (or the cohort's total, without `municipality`). */
export const ReportRow = z.object({
  municipality: z.enum(MUNICIPALITIES).optional(),
  submitted: z.number().int(),
  approved: z.number().int(),
  declined: z.number().int(),
  selected: z.number().int(),
  waitlisted: z.number().int(),
  notSelected: z.number().int(),
  phase1: z.number().int(),
  phase2: z.number().int(),
  phase3: z.number().int(),
  /** The gate after phase 1: on to phase 2, back to the job, into another team. */
  continued: z.number().int(),
  returnedToJob: z.number().int(),
  joinedOtherTeam: z.number().int(),
  outcomes: z.number().int(),
  withdrawn: z.number().int(),
  allocatedOre: z.number().int(),
  spentOre: z.number().int(),
  pendingOre: z.number().int(),
  /** Median calendar days from submission to the manager's decision, and to the selection; null when none yet. */
  medianDaysToDecision: z.number().nullable(),
  medianDaysToSelection: z.number().nullable(),
});
export type ReportRow = z.infer<typeof ReportRow>;

/**
 * One follow-up round in the report: how many answered of how many were asked, and, only from three answers, each
 * question's mean and spread and the comments without names (sorted, so their order says nothing). Never one answer.
 */
export const FollowUpRoundReport = z.object({
  round: z.enum(FOLLOW_UP_ROUNDS),
  /** The cohort's own questions; null: the default ones, worded in the reader's language. */
  questions: z.array(z.string()).nullable(),
  asked: z.number().int(),
  answered: z.number().int(),
  figures: z.array(z.object({ mean: z.number(), distribution: z.array(z.number().int()) })).optional(),
  comments: z.array(z.string()).optional(),
});
export type FollowUpRoundReport = z.infer<typeof FollowUpRoundReport>;

/** GET /api/tab/report: read-only, for the steering group and coordinators. */
export const ReportResponse = z.object({
  cohort: CohortHead,
  cohorts: z.array(CohortChoice),
  generatedAt: Instant,
  rows: z.array(ReportRow),
  total: ReportRow,
  /** Sent applications that a manager's recommendation preceded (issue 17); absent from a server before it. */
  recommended: z.number().int().nonnegative().optional(),
  /** The teams in the programme now: who is in which phase. */
  teams: z.array(z.object({ ref: ApplicationRef, title: z.string(), leadName: z.string(), municipality: z.enum(MUNICIPALITIES).optional(), state: z.enum(APPLICATION_STATES) })),
  /** Each outcome with the owner of the idea. */
  outcomes: z.array(
    z.object({
      ref: ApplicationRef,
      title: z.string(),
      leadName: z.string(),
      municipality: z.enum(MUNICIPALITIES).optional(),
      kind: z.enum(OUTCOME_KINDS),
      ipOwner: z.enum(IP_OWNERS),
      receivingAdministration: z.string().optional(),
      decidedAt: Instant,
    }),
  ),
  /** The follow-up (uppföljning), round by round: aggregates only. */
  followUp: z.array(FollowUpRoundReport),
});
export type ReportResponse = z.infer<typeof ReportResponse>;

/**
 * GET /api/tab/my-data (anyone: their own) and /api/tab/data-extract?email= (coordinators: a named person's): the
 * register extract (domain/register-extract.ts, ADR 0019). The same object is the JSON download.
 */
const ExtractRef = { applicationId: z.string(), cohortId: z.string() };
export const RegisterExtractResponse = z.object({
  generatedAt: Instant,
  person: z.object({ id: z.string(), name: z.string(), email: z.string(), municipality: z.enum(MUNICIPALITIES).optional(), administration: z.string().optional(), workplace: z.string().optional() }),
  roles: z.object({
    coordinator: z.boolean(),
    steeringGroup: z.boolean(),
    hrContactFor: z.array(z.enum(MUNICIPALITIES)),
    jurorIn: z.array(z.string()),
    mentorIn: z.array(z.string()),
    sponsorIn: z.array(z.string()),
  }),
  applications: z.array(
    z.object({
      id: z.string(),
      cohortId: z.string(),
      cohortName: z.string(),
      as: z.enum(['applicant', 'coApplicant']),
      state: z.enum(APPLICATION_STATES),
      title: z.string().optional(),
      problem: z.string().optional(),
      description: z.string().optional(),
      benefit: z.string().optional(),
      applicability: z.string().optional(),
      municipality: z.enum(MUNICIPALITIES).optional(),
      administration: z.string().optional(),
      workplace: z.string().optional(),
      permanentEmployment: z.boolean().optional(),
      employmentStart: z.string().optional(),
      leave: z.object({ extentPercent: z.number(), start: z.string(), end: z.string() }).optional(),
      ownApproval: z.object({ status: z.string(), decidedAt: z.string().optional(), reason: z.string().optional() }).optional(),
      selection: z.object({ decision: z.string(), feedback: z.string(), decidedAt: z.string() }).optional(),
      submittedAt: z.string().optional(),
      privacyAcknowledgedAt: z.string().optional(),
      createdAt: z.string(),
      updatedAt: z.string(),
    }),
  ),
  approvalsDecided: z.array(z.object({ ...ExtractRef, status: z.string(), decidedAt: z.string().optional(), reason: z.string().optional(), extentPercent: z.number().optional() })),
  scores: z.array(z.object({ ...ExtractRef, values: z.record(z.string(), z.number()), comment: z.string().optional(), at: z.string() })),
  recusals: z.array(z.object({ ...ExtractRef, reason: z.string(), automatic: z.boolean(), at: z.string() })),
  expenses: z.array(z.object({ applicationId: z.string(), amountOre: z.number().int(), description: z.string(), status: z.string(), reportedAt: z.string(), decidedAt: z.string().optional(), reason: z.string().optional() })),
  recommendationsGiven: z.array(z.object({ cohortId: z.string(), reason: z.string(), status: z.string(), at: z.string() })),
  recommendationsReceived: z.array(z.object({ cohortId: z.string(), reason: z.string(), status: z.string(), at: z.string() })),
  meetingInvitations: z.array(z.object({ applicationId: z.string(), at: z.string(), place: z.string().optional(), link: z.string().optional(), answer: z.string().optional(), comment: z.string().optional() })),
  supportRoles: z.array(z.object({ ...ExtractRef, as: z.enum(['mentor', 'sponsor']) })),
  audit: z.array(z.object({ at: z.string(), applicationId: z.string(), action: z.string(), toState: z.enum(APPLICATION_STATES), byYou: z.boolean(), reason: z.string().optional() })),
  messages: z.array(z.object({ kind: z.string(), status: z.string(), createdAt: z.string(), sentAt: z.string().optional(), note: z.string().optional() })),
  exports: z.array(z.object({ at: z.string(), what: z.string(), rows: z.number().int(), aboutYou: z.boolean() })),
  conversation: z.object({ stored: z.boolean(), locale: z.string().optional() }),
  restriction: z.object({ reason: z.string(), at: z.string() }).optional(),
});
export type RegisterExtractResponse = z.infer<typeof RegisterExtractResponse>;
/** A coordinator names the person by e-mail (as in the chat) or by their directory id. */
export const DataExtractQuery = z.object({ person: Text(254).min(1) });

/** GET /api/tab/privacy (anyone): the retention periods in force and whether a disposal decision adopted them; the browser words them. */
export const PrivacyResponse = z.object({
  retention: z.object({ notSelectedYears: z.number().int(), draftMonths: z.number().int(), expenseYears: z.number().int() }),
  decisionReference: z.string().optional(),
});
export type PrivacyResponse = z.infer<typeof PrivacyResponse>;

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
  overview: { method: 'GET', path: '/api/tab/overview', request: CohortQuery, response: OverviewResponse },
  remindDeciders: { method: 'POST', path: '/api/tab/overview/remind-deciders', request: RemindDecidersRequest, response: RemindedResponse },
  applications: { method: 'GET', path: '/api/tab/applications', request: ApplicationsQuery, response: ApplicationsResponse },
  applicationOne: { method: 'GET', path: '/api/tab/applications/one', request: ApplicationRef, response: CoordinatorApplication },
  ranking: { method: 'GET', path: '/api/tab/ranking', request: CohortQuery.extend({ after: Cursor.optional() }), response: RankingResponse },
  rankingRow: { method: 'GET', path: '/api/tab/ranking/row', request: ApplicationRef, response: RankingDetail },
  decideSelection: { method: 'POST', path: '/api/tab/ranking/decide', request: DecideSelectionRequest, response: DecideSelectionResponse },
  lockPreview: { method: 'GET', path: '/api/tab/ranking/lock', request: CohortQuery, response: LockPreviewResponse },
  lockSelection: { method: 'POST', path: '/api/tab/ranking/lock', request: z.object({ cohortId: CohortId }), response: LockResponse },
  jury: { method: 'GET', path: '/api/tab/jury', request: CohortQuery, response: JuryResponse },
  juryMember: { method: 'POST', path: '/api/tab/jury/member', request: JuryMemberRequest, response: JuryResponse },
  remindJury: { method: 'POST', path: '/api/tab/jury/remind', request: RemindJuryRequest, response: RemindedResponse },
  programme: { method: 'GET', path: '/api/tab/programme', request: CohortQuery, response: ProgrammeResponse },
  phasePreview: { method: 'GET', path: '/api/tab/programme/phase', request: CohortQuery.extend({ phase: z.enum(PHASES) }), response: PhasePreviewResponse },
  startPhase: { method: 'POST', path: '/api/tab/programme/phase', request: StartPhaseRequest, response: ProgrammeResponse },
  gate: { method: 'POST', path: '/api/tab/programme/gate', request: GateRequest, response: ProgrammeResponse },
  outcome: { method: 'POST', path: '/api/tab/programme/outcome', request: OutcomeRequest, response: ProgrammeResponse },
  assign: { method: 'POST', path: '/api/tab/programme/assign', request: AssignRequest, response: ProgrammeResponse },
  criteria: { method: 'GET', path: '/api/tab/criteria', request: CohortQuery, response: CriteriaResponse },
  saveCriteria: { method: 'POST', path: '/api/tab/criteria', request: SaveCriteriaRequest, response: CriteriaResponse },
  report: { method: 'GET', path: '/api/tab/report', request: CohortQuery, response: ReportResponse },
  announcements: { method: 'GET', path: '/api/tab/announcements', request: z.object({}), response: AnnouncementsResponse },
  recommend: { method: 'POST', path: '/api/tab/recommend', request: RecommendRequest, response: RecommendResponse },
  myData: { method: 'GET', path: '/api/tab/my-data', request: z.object({}), response: RegisterExtractResponse },
  dataExtract: { method: 'GET', path: '/api/tab/data-extract', request: DataExtractQuery, response: RegisterExtractResponse },
  privacy: { method: 'GET', path: '/api/tab/privacy', request: z.object({}), response: PrivacyResponse },
} as const;
export type TabRouteId = keyof typeof TAB_API;

/** The language of an export's headers and words (the tab's own; Swedish unless asked). */
const ExportLang = z.enum(['sv', 'en']).optional();

/**
 * The Excel exports: GET with the same token as every route (no link that works without sign-in), answered with an
 * .xlsx file streamed as it is written; each export is written to the cohort's audit trail (who, what, when).
 */
export const TAB_EXPORTS = {
  applications: { path: '/api/tab/export/applications', request: ApplicationsQuery.omit({ after: true }).extend({ lang: ExportLang }) },
  ranking: { path: '/api/tab/export/ranking', request: CohortQuery.extend({ lang: ExportLang }) },
  ledger: { path: '/api/tab/export/ledger', request: CohortQuery.extend({ lang: ExportLang }) },
  report: { path: '/api/tab/export/report', request: CohortQuery.extend({ lang: ExportLang }) },
  audit: { path: '/api/tab/export/audit', request: ApplicationRef.extend({ lang: ExportLang }) },
  announcement: { path: '/api/tab/export/announcement', request: z.object({ campaignId: z.string().regex(CAMPAIGN_ID), lang: ExportLang }) },
  myData: { path: '/api/tab/export/my-data', request: z.object({ lang: ExportLang }) },
  dataExtract: { path: '/api/tab/export/data-extract', request: DataExtractQuery.extend({ lang: ExportLang }) },
} as const satisfies Record<(typeof TAB_EXPORT_IDS)[number], unknown>;
export type TabExportId = keyof typeof TAB_EXPORTS;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
