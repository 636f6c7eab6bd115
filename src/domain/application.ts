import type { Budget, Expense } from './budget';
import type { Municipality } from './municipalities';
import type { ApplicationState } from './application.state-machine';
import type { JurySummary } from './tally';
import type { RecommendedBy } from './recommendation';
import type { CandidateMeeting, MeetingNote } from './candidate-meeting';

/** Who the idea is for (PROGRAMME.md §1): residents/users, businesses, associations, the organisation itself. */
export const TARGET_GROUPS = ['residents', 'businesses', 'associations', 'organisation'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

/** The intake form, one card per step; the draft remembers the step the applicant is on. */
export const INTAKE_STEPS = ['idea', 'benefit', 'about', 'leave', 'review'] as const;
export type IntakeStep = (typeof INTAKE_STEPS)[number];

/** Length limits of every free-text field, enforced at the edge and shown to the applicant. */
export const LIMITS = {
  title: { min: 3, max: 120 },
  problem: { min: 20, max: 2000 },
  description: { min: 20, max: 4000 },
  benefit: { min: 20, max: 2000 },
  applicability: { min: 20, max: 2000 },
  administration: { min: 2, max: 120 },
  workplace: { min: 2, max: 120 },
  email: { min: 3, max: 254 },
  coApplicants: { min: 0, max: 4 },
  /** Different people one applicant may invite to one application, over every save (twice a full team). */
  invitations: { max: 8 },
  reason: { min: 3, max: 1000 },
} as const;

export interface IdeaSection {
  readonly title: string;
  readonly problem: string;
  readonly description: string;
}

export interface BenefitSection {
  readonly targetGroups: readonly TargetGroup[];
  readonly benefit: string;
  /** How the idea applies to all 11 municipalities: a selection requirement. */
  readonly applicability: string;
}

export interface AboutSection {
  readonly municipality: Municipality;
  readonly administration: string;
  readonly workplace: string;
  /** The manager who approves: from the directory, or named by the applicant (then flagged). */
  readonly managerId: string;
  readonly managerFromDirectory: boolean;
  /** The applicant's declarations, attested by the manager later. */
  readonly permanentEmployment: boolean;
  /** ISO date (YYYY-MM-DD). */
  readonly employmentStart: string;
}

export interface LeaveSection {
  /** Percent of full time, 10–100. */
  readonly extentPercent: number;
  /** ISO dates, inclusive. */
  readonly start: string;
  readonly end: string;
}

export const CO_APPLICANT_STATUSES = ['invited', 'confirmed', 'declined'] as const;
export type CoApplicantStatus = (typeof CO_APPLICANT_STATUSES)[number];

export interface CoApplicant {
  readonly personId: string;
  readonly name: string;
  readonly status: CoApplicantStatus;
  readonly invitedAt: string;
  readonly respondedAt?: string;
  /** The co-applicant's own declarations, given when confirming. */
  readonly permanentEmployment?: boolean;
  readonly employmentStart?: string;
}

export const SELECTION_DECISIONS = ['selected', 'waitlisted', 'notSelected'] as const;
export type SelectionChoice = (typeof SELECTION_DECISIONS)[number];

export interface SelectionDecision {
  readonly decision: SelectionChoice;
  readonly feedback: string;
  readonly decidedBy: string;
  readonly decidedAt: string;
}

/** The gate after phase 1 (gallring): on to phase 2, back to the ordinary job, or into another team. */
export const GATE_OUTCOMES = ['continue', 'returnToJob', 'joinOtherTeam'] as const;
export type GateOutcome = (typeof GATE_OUTCOMES)[number];

export interface GateDecision {
  readonly outcome: GateOutcome;
  /** With joinOtherTeam: the application (team) the participant joins as partner or co-worker. */
  readonly joinedApplicationId?: string;
  readonly decidedBy: string;
  readonly decidedAt: string;
}

/** The four outcomes of phase 3 (PROGRAMME.md) and who may own the idea afterwards. */
export const OUTCOME_KINDS = ['keptAsProject', 'handedToLine', 'spunOut', 'ended'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];
export const IP_OWNERS = ['municipality', 'participant'] as const;
export type IpOwner = (typeof IP_OWNERS)[number];

export interface OutcomeDecision {
  readonly kind: OutcomeKind;
  /** With handedToLine: the receiving administration. */
  readonly receivingAdministration?: string;
  /** Who owns the idea (IP) from now on. */
  readonly ipOwner: IpOwner;
  readonly decidedBy: string;
  readonly decidedAt: string;
}

/** The team's budget and its expenses (src/domain/budget.ts keeps the rules). */
export type TeamExpense = Expense;
export type TeamBudget = Budget;

export const APPROVAL_STATUSES = ['pending', 'approved', 'declined', 'changesRequested', 'superseded'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/**
 * One member's participation and leave, decided by their own manager (PROGRAMME.md §3): the lead
 * applicant's and every confirmed co-applicant's. Escalated to the municipality's HR contact when the
 * manager does not answer; either may then decide.
 */
export interface ManagerApproval {
  readonly memberId: string;
  readonly memberName: string;
  readonly managerId: string;
  readonly escalatedTo?: string;
  readonly status: ApprovalStatus;
  readonly requestedAt: string;
  readonly decidedBy?: string;
  readonly decidedAt?: string;
  readonly reason?: string;
  /** The leave as approved (the manager may adjust it within the rules). */
  readonly leave?: LeaveSection;
}

/** Who may decide a pending approval: the manager on record and, once escalated, the HR contact. */
export function decidersOf(approval: ManagerApproval): readonly string[] {
  return approval.status === 'pending' ? [approval.managerId, ...(approval.escalatedTo ? [approval.escalatedTo] : [])] : [];
}

/** The people an application is about: the lead applicant and the co-applicants who have not said no. */
export function involvedPeople(application: Application): readonly string[] {
  return [application.applicantId, ...application.coApplicants.filter((c) => c.status !== 'declined').map((c) => c.personId)];
}

/** The team: the lead applicant and the co-applicants who have confirmed (those told of what happens to it). */
export function teamOf(application: Application): readonly string[] {
  return [application.applicantId, ...application.coApplicants.filter((c) => c.status === 'confirmed').map((c) => c.personId)];
}

/** The team's names, lead applicant first (as the team is shown to its mentor or sponsor). */
export function teamNamesOf(application: Application): readonly string[] {
  return [application.applicantName, ...application.coApplicants.filter((c) => c.status === 'confirmed').map((c) => c.name)];
}

/**
 * Who may read one member's approval, decided from the stored application: the team it is about, the
 * manager on record, the HR contact it went to, and whoever decided it. (Coordinators read every
 * application; that is decided from the programme settings, outside the application.)
 */
export function mayReadApproval(application: Application, approval: ManagerApproval, personId: string): boolean {
  if (!personId) return false;
  return involvedPeople(application).includes(personId) || [approval.managerId, approval.escalatedTo, approval.decidedBy].includes(personId);
}

/**
 * The lead applicant's manager as the approval shows it: named by the applicant on the form rather than
 * taken from the directory, when that is so (and the decision still lies with that person).
 */
export function managerNamedByApplicant(application: Application, approval?: ManagerApproval): boolean {
  const about = application.about;
  if (!about || about.managerFromDirectory) return false;
  return !approval || (approval.memberId === application.applicantId && approval.managerId === about.managerId);
}

/**
 * Everyone with a pending decision on the application, kept on the document for "att godkänna", and everyone who
 * decided one (kept when a resubmission replaces the approvals), for their history of decisions.
 */
export function withDeciders<T extends Application>(application: T): T {
  const decided = application.approvals.flatMap((a) => (a.decidedBy ? [a.decidedBy] : []));
  const decidedByIds = [...new Set([...(application.decidedByIds ?? []), ...decided])];
  return { ...application, deciderIds: [...new Set(application.approvals.flatMap(decidersOf))], ...(decidedByIds.length > 0 ? { decidedByIds } : {}) };
}

/**
 * An application (ansökan, intresseanmälan) to one cohort: one idea, one lead applicant, optional
 * co-applicants. Sections are filled step by step; a draft may lack any of them.
 */
export interface Application {
  readonly id: string;
  readonly cohortId: string;
  readonly applicantId: string;
  readonly applicantName: string;
  readonly state: ApplicationState;
  readonly step: IntakeStep;
  readonly idea?: IdeaSection;
  readonly benefit?: BenefitSection;
  readonly about?: AboutSection;
  readonly leave?: LeaveSection;
  readonly coApplicants: readonly CoApplicant[];
  /**
   * People invited earlier and since taken off the team (by the applicant, or left out at submission after
   * saying no). Kept so that each person is invited once per application, and gets their answer back when
   * added again.
   */
  readonly formerCoApplicants?: readonly CoApplicant[];
  /** One per member, made at submission; replaced on resubmission. */
  readonly approvals: readonly ManagerApproval[];
  /** Derived from `approvals` (see withDeciders), stored so a manager's pending decisions are one query. */
  readonly deciderIds: readonly string[];
  /** Derived from `approvals` (see withDeciders): whoever decided one of them, for their history (absent before the first). */
  readonly decidedByIds?: readonly string[];
  /** The coordinator's selection with the feedback the applicant gets when the selection is locked. */
  readonly selection?: SelectionDecision;
  /** The gate after phase 1 (gallring). */
  readonly gate?: GateDecision;
  /** The final outcome of the idea in phase 3, with who owns it. */
  readonly outcome?: OutcomeDecision;
  readonly mentorId?: string;
  readonly sponsorId?: string;
  /** The team's budget for initial costs, allocated when phase 1 starts (amounts in öre). */
  readonly budget?: TeamBudget;
  /** The jury's verdicts so far, kept with each score and recusal (domain/tally.ts); absent before the first. */
  readonly jury?: JurySummary;
  readonly privacyAcknowledgedAt?: string;
  readonly submittedAt?: string;
  /** The manager whose recommendation preceded the application in this cohort (issue 17), kept from its creation. */
  readonly recommendedBy?: RecommendedBy;
  /** The meeting with the candidates this application is invited to, with the team's answers (issue 17). */
  readonly meeting?: CandidateMeeting;
  /** Coordinators' notes of the meeting (shown to coordinators only). */
  readonly meetingNotes?: readonly MeetingNote[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The states in which the applicant may change the content (a submitted one must be reopened first). */
export const EDITABLE_STATES: readonly ApplicationState[] = ['draft', 'changesRequested'];

export function isEditable(application: Application): boolean {
  return EDITABLE_STATES.includes(application.state);
}

/** The parts an application needs before it can be submitted: the four sections and the privacy notice read. */
export const REQUIRED_PARTS = ['idea', 'benefit', 'about', 'leave', 'privacy'] as const;
export type RequiredPart = (typeof REQUIRED_PARTS)[number];

/** What is still missing before the application can be submitted. */
export function missingSections(application: Application): readonly RequiredPart[] {
  const missing: RequiredPart[] = [];
  if (!application.idea) missing.push('idea');
  if (!application.benefit) missing.push('benefit');
  if (!application.about) missing.push('about');
  if (!application.leave) missing.push('leave');
  if (!application.privacyAcknowledgedAt) missing.push('privacy');
  return missing;
}
