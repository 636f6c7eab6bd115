import type { JSONObject } from '@azure/cosmos';
import { z } from 'zod';
import { listKeysOf } from '../../domain/application-list';
import { APPROVAL_STATUSES, CO_APPLICANT_STATUSES, GATE_OUTCOMES, INTAKE_STEPS, IP_OWNERS, OUTCOME_KINDS, SELECTION_DECISIONS, TARGET_GROUPS } from '../../domain/application';
import { DECISION_ACTIONS } from '../../domain/audit-event';
import { ACTOR_KINDS, APPLICATION_EVENTS, APPLICATION_STATES } from '../../domain/application.state-machine';
import { EXPENSE_STATUSES } from '../../domain/budget';
import { MEETING_ANSWERS } from '../../domain/candidate-meeting';
import { MUNICIPALITIES } from '../../domain/municipalities';
import { NOTIFICATION_KINDS, OUTBOX_STATUSES } from '../../domain/notification';
import { createHash } from 'node:crypto';
import type { Application } from '../../domain/application';
import type { AuditEvent } from '../../domain/audit-event';
import { JURY_ROUNDS, type Cohort } from '../../domain/cohort';
import { FOLLOW_UP_ROUNDS, type FollowUpRecord } from '../../domain/follow-up';
import { REPORT_SCHEDULES } from '../../domain/report-schedule';
import type { OutboxMessage } from '../../domain/notification';
import type { ProgrammeSettings } from '../../domain/person';
import { DISPOSAL_RULES, type DisposalRecord } from '../../domain/retention';
import type { JurorRecusal, JurorScore } from '../../domain/ports';

/** Document schemas: every document read from Cosmos is parsed, never trusted as is (habit 4). */
const system = { _etag: z.string() };

const isoDate = z.iso.date();
const CoApplicantDoc = z.object({
  personId: z.string(),
  name: z.string(),
  status: z.enum(CO_APPLICANT_STATUSES),
  invitedAt: z.string(),
  respondedAt: z.string().optional(),
  permanentEmployment: z.boolean().optional(),
  employmentStart: isoDate.optional(),
});
export const ApplicationDoc = z.object({
  type: z.literal('application'),
  id: z.string(),
  cohortId: z.string(),
  applicantId: z.string(),
  applicantName: z.string(),
  state: z.enum(APPLICATION_STATES),
  step: z.enum(INTAKE_STEPS),
  idea: z.object({ title: z.string(), problem: z.string(), description: z.string() }).optional(),
  benefit: z.object({ targetGroups: z.array(z.enum(TARGET_GROUPS)), benefit: z.string(), applicability: z.string() }).optional(),
  about: z
    .object({
      municipality: z.enum(MUNICIPALITIES),
      administration: z.string(),
      workplace: z.string(),
      managerId: z.string(),
      managerFromDirectory: z.boolean(),
      permanentEmployment: z.boolean(),
      employmentStart: isoDate,
    })
    .optional(),
  leave: z.object({ extentPercent: z.number().int(), start: isoDate, end: isoDate }).optional(),
  coApplicants: z.array(CoApplicantDoc),
  formerCoApplicants: z.array(CoApplicantDoc).optional(),
  approvals: z
    .array(
      z.object({
        memberId: z.string(),
        memberName: z.string(),
        managerId: z.string(),
        escalatedTo: z.string().optional(),
        status: z.enum(APPROVAL_STATUSES),
        requestedAt: z.string(),
        decidedBy: z.string().optional(),
        decidedAt: z.string().optional(),
        reason: z.string().optional(),
        leave: z.object({ extentPercent: z.number().int(), start: isoDate, end: isoDate }).optional(),
      }),
    )
    .default([]),
  deciderIds: z.array(z.string()).default([]),
  decidedByIds: z.array(z.string()).optional(),
  selection: z
    .object({ decision: z.enum(SELECTION_DECISIONS), feedback: z.string(), decidedBy: z.string(), decidedAt: z.string() })
    .optional(),
  gate: z
    .object({ outcome: z.enum(GATE_OUTCOMES), joinedApplicationId: z.string().optional(), decidedBy: z.string(), decidedAt: z.string() })
    .optional(),
  outcome: z
    .object({
      kind: z.enum(OUTCOME_KINDS),
      receivingAdministration: z.string().optional(),
      ipOwner: z.enum(IP_OWNERS),
      decidedBy: z.string(),
      decidedAt: z.string(),
    })
    .optional(),
  mentorId: z.string().optional(),
  sponsorId: z.string().optional(),
  budget: z
    .object({
      teamId: z.string(),
      allocatedOre: z.number().int(),
      expenses: z.array(
        z.object({
          id: z.string(),
          ore: z.number().int(),
          description: z.string(),
          status: z.enum(EXPENSE_STATUSES),
          reportedBy: z.string(),
          reportedAt: z.string(),
          decidedBy: z.string().optional(),
          decidedAt: z.string().optional(),
          reason: z.string().optional(),
        }),
      ),
    })
    .optional(),
  jury: z.object({ verdicts: z.record(z.string(), z.number()), marks: z.record(z.string(), z.string()), recused: z.array(z.string()), count: z.number().int().nonnegative(), mean: z.number() }).optional(),
  privacyAcknowledgedAt: z.string().optional(),
  submittedAt: z.string().optional(),
  recommendedBy: z.object({ id: z.string(), name: z.string() }).optional(),
  meeting: z
    .object({
      id: z.string(),
      at: z.string(),
      place: z.string().optional(),
      link: z.string().optional(),
      invitedBy: z.string(),
      invitedAt: z.string(),
      answers: z.array(z.object({ personId: z.string(), name: z.string(), answer: z.enum(MEETING_ANSWERS), comment: z.string().optional(), at: z.string() })),
    })
    .optional(),
  meetingNotes: z.array(z.object({ at: z.string(), by: z.string(), byName: z.string(), text: z.string() })).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  ...system,
});

export const AuditDoc = z.object({
  type: z.literal('audit'),
  id: z.string(),
  applicationId: z.string(),
  cohortId: z.string(),
  at: z.string(),
  actorId: z.string(),
  actorKind: z.enum(ACTOR_KINDS),
  action: z.enum([...APPLICATION_EVENTS, 'create', ...DECISION_ACTIONS]),
  fromState: z.enum(APPLICATION_STATES).nullable(),
  toState: z.enum(APPLICATION_STATES),
  reason: z.string().optional(),
});

/**
 * One per applicant and cohort, written in the same batch as the application's creation: a second
 * application by the same person in the same cohort collides on this id (409), even when both are
 * created at the same instant.
 */
export const ApplicantIndexDoc = z.object({
  type: z.literal('applicantIndex'),
  id: z.string(),
  cohortId: z.string(),
  applicantId: z.string(),
  applicationId: z.string(),
});
export const applicantIndexId = (applicantId: string) => `applicant:${applicantId}`;

/** The transactional outbox, beside the applications in the cohort's partition (docs/decisions/0005). */
export const OutboxDoc = z.object({
  type: z.literal('outbox'),
  id: z.string(),
  idempotencyKey: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  recipientId: z.string(),
  cohortId: z.string(),
  applicationId: z.string(),
  payload: z.record(z.string(), z.string()),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int().nonnegative(),
  dueAt: z.string(),
  createdAt: z.string(),
  leaseOwner: z.string().optional(),
  leaseUntil: z.string().optional(),
  sentAt: z.string().optional(),
  sentActivityId: z.string().optional(),
  sentConversationId: z.string().optional(),
  lastError: z.string().optional(),
  writeId: z.string().optional(),
  ...system,
});

/**
 * The cohort's counters (domain/tally.ts), one document in the cohort's partition, moved by Patch `incr` in the
 * batch of every change that moves them: increments commute, so writers do not race on it.
 */
export const COUNTS_ID = 'counts';
export const CountsDoc = z.object({
  type: z.literal('counts'),
  id: z.literal(COUNTS_ID),
  cohortId: z.string(),
  byState: z.record(z.string(), z.number().int()),
  reviewed: z.record(z.string(), z.number().int()),
  /** Since issue 17; a document made before has none until the repository adds it (ensureCounts). */
  recommended: z.record(z.string(), z.number().int()).default({}),
  ...system,
});

/** The outbox document id for an idempotency key: the same key always lands on the same document. */
export const outboxId = (idempotencyKey: string) => `outbox:${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}`;

export const CohortDoc = z.object({
  type: z.literal('cohort'),
  id: z.string(),
  name: z.string(),
  intakeOpensAt: z.string(),
  intakeClosesAt: z.string(),
  programmeStartsOn: z.string(),
  capacity: z.number().int().nonnegative(),
  budgetPerParticipantOre: z.number().int().nonnegative(),
  jurorIds: z.array(z.string()),
  mentorIds: z.array(z.string()),
  sponsorIds: z.array(z.string()),
  criteria: z.array(z.object({ id: z.string(), weight: z.number().positive(), name: z.string().optional(), guide: z.object({ 1: z.string(), 3: z.string(), 5: z.string() }).optional() })).optional(),
  quorum: z.number().int().min(1).optional(),
  normalise: z.boolean().optional(),
  juryRound: z.enum(JURY_ROUNDS).optional(),
  selectionLockedAt: z.string().optional(),
  intakeClosedAt: z.string().optional(),
  reportSchedule: z.enum(REPORT_SCHEDULES).optional(),
  followUpQuestions: z.array(z.string()).optional(),
  ...system,
});

/**
 * One follow-up round of a cohort (follow-up.ts): who was asked, who answered, and the answers WITHOUT who gave them.
 * One per cohort and round, beside the cohort's applications; replaced with its ETag.
 */
export const FollowUpDoc = z.object({
  type: z.literal('followUp'),
  id: z.string(),
  cohortId: z.string(),
  round: z.enum(FOLLOW_UP_ROUNDS),
  questions: z.array(z.string()).nullable(),
  askedIds: z.array(z.string()),
  answeredIds: z.array(z.string()),
  answers: z.array(z.object({ scores: z.array(z.number().int().min(1).max(5)), comment: z.string().optional() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  ...system,
});
export const followUpId = (round: string) => `followUp:${round}`;

/** A juror's score for one application (one document per juror and application; revised in place until the round locks). */
export const ScoreDoc = z.object({
  type: z.literal('score'),
  id: z.string(),
  cohortId: z.string(),
  applicationId: z.string(),
  jurorId: z.string(),
  values: z.record(z.string(), z.number().int().min(1).max(5)),
  comment: z.string().optional(),
  at: z.string(),
  ...system,
});
export const scoreId = (applicationId: string, jurorId: string) => `score:${applicationId}:${jurorId}`;

export const RecusalDoc = z.object({
  type: z.literal('recusal'),
  id: z.string(),
  cohortId: z.string(),
  applicationId: z.string(),
  jurorId: z.string(),
  reason: z.string(),
  automatic: z.boolean(),
  at: z.string(),
});
export const recusalId = (applicationId: string, jurorId: string) => `recusal:${applicationId}:${jurorId}`;

export const SETTINGS_ID = 'settings';
export const SettingsDoc = z.object({
  type: z.literal('settings'),
  id: z.literal(SETTINGS_ID),
  coordinatorIds: z.array(z.string()),
  hrContactIds: z.partialRecord(z.enum(MUNICIPALITIES), z.string()),
  steeringGroupIds: z.array(z.string()),
  retention: z
    .object({
      notSelectedYears: z.number().int(),
      draftMonths: z.number().int(),
      expenseYears: z.number().int(),
      decision: z.object({ reference: z.string(), approvedBy: z.string(), approvedAt: z.string() }).optional(),
      holds: z.array(z.object({ cohortId: z.string(), applicationId: z.string(), reason: z.string(), by: z.string(), at: z.string() })).optional(),
    })
    .optional(),
  restrictions: z.array(z.object({ personId: z.string(), reason: z.string(), by: z.string(), at: z.string() })).optional(),
  ...system,
});

/**
 * The whole programme in one document of the programme container: the settings and every cohort (tens of them), so
 * that a turn reads it with one point read. One ETag guards it all: two coordinators changing two cohorts at once
 * means the second reads again and retries (use-cases/change.ts), which is rare and cheap.
 */
export const PROGRAMME_ID = 'programme';
export const ProgrammeDoc = z.object({
  type: z.literal('programme'),
  id: z.literal(PROGRAMME_ID),
  settings: SettingsDoc.omit({ type: true, id: true, _etag: true }).optional(),
  cohorts: z.array(CohortDoc.omit({ type: true, _etag: true })),
  ...system,
});

export const ConversationDoc = z.object({
  id: z.string(),
  address: z.record(z.string(), z.unknown()),
  locale: z.string().optional(),
  updatedAt: z.string(),
});

/**
 * An application as its document: the discriminator, and the jury's mean kept at the top too (`juryMean`), where
 * an equality index finds the applications that share it (a tie), and the keys the coordinators' table sorts, filters
 * and searches by (`list`, domain/application-list.ts). Reading drops both again (zod strips what the schema does not
 * name).
 */
export function applicationBody(application: Application): JSONObject {
  return JSON.parse(JSON.stringify({ ...application, type: 'application', ...(application.jury ? { juryMean: application.jury.mean } : {}), list: listKeysOf(application) })) as JSONObject;
}

/** Strips Cosmos system properties and our discriminator before handing a document to the core. */
export function withoutSystem<T extends Record<string, unknown>>(doc: T): Omit<T, '_etag' | 'type'> {
  const { _etag: _e, type: _t, ...rest } = doc;
  return rest;
}

/**
 * What each schema reads must be exactly the domain type (habit 4): a field added to the domain and not to its
 * schema would be dropped on every read, so it fails to compile here. Compared without `readonly`, without the
 * `undefined` zod adds to optional fields, and without the Cosmos system properties and our discriminator.
 */
type Plain<T> = T extends readonly (infer U)[] ? Plain<U>[] : T extends object ? { -readonly [K in keyof T]: Plain<Exclude<T[K], undefined>> } : T;
export type Exactly<A, B> = (<X>() => X extends Plain<A> ? 1 : 2) extends <X>() => X extends Plain<B> ? 1 : 2 ? true : false;
type Read<S extends z.ZodType, Drop extends string = never> = Omit<z.output<S>, '_etag' | 'type' | Drop>;
export const SCHEMAS_MATCH_THE_DOMAIN: {
  readonly application: Exactly<Read<typeof ApplicationDoc>, Application>;
  readonly audit: Exactly<Read<typeof AuditDoc>, AuditEvent>;
  readonly outbox: Exactly<Read<typeof OutboxDoc>, OutboxMessage>;
  readonly cohort: Exactly<Read<typeof CohortDoc>, Cohort>;
  readonly score: Exactly<Read<typeof ScoreDoc, 'id'>, JurorScore>;
  readonly recusal: Exactly<Read<typeof RecusalDoc, 'id'>, JurorRecusal>;
  readonly settings: Exactly<Read<typeof SettingsDoc, 'id'>, ProgrammeSettings>;
  readonly followUp: Exactly<Read<typeof FollowUpDoc, 'id'>, FollowUpRecord>;
} = { application: true, audit: true, outbox: true, cohort: true, score: true, recusal: true, settings: true, followUp: true };

/** An export from the tab, kept in the cohort's partition beside its applications' audit events. */
export const ExportDoc = z.object({
  type: z.literal('export'),
  id: z.string(),
  cohortId: z.string(),
  at: z.string(),
  actorId: z.string(),
  what: z.string(),
  rows: z.number().int().nonnegative(),
  filter: z.record(z.string(), z.string()).optional(),
});

/** A run of disposal (domain/retention.ts), kept in the cohort's partition beside what it disposed of; never disposed of itself. */
export const DisposalDoc = z.object({
  type: z.literal('disposal'),
  id: z.string(),
  cohortId: z.string(),
  noticeAt: z.string(),
  runAt: z.string(),
  status: z.enum(['planned', 'done']),
  decision: z.object({ reference: z.string(), approvedBy: z.string(), approvedAt: z.string() }),
  planned: z.array(z.object({ applicationId: z.string(), rule: z.enum(DISPOSAL_RULES), on: z.string() })),
  disposed: z.partialRecord(z.enum(DISPOSAL_RULES), z.number().int().nonnegative()).optional(),
  held: z.array(z.string()).optional(),
  doneAt: z.string().optional(),
  ...system,
});
export const DISPOSAL_MATCHES_THE_DOMAIN: Exactly<Read<typeof DisposalDoc>, DisposalRecord> = true;
