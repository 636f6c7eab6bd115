import type { Campaign } from './announcement';
import type { Application, TargetGroup } from './application';
import type { WaitingFor } from './application-list';
import type { AuditEvent } from './audit-event';
import type { Cohort } from './cohort';
import type { Notification, OutboxMessage, OutboxStatus } from './notification';
import type { FollowUpRecord, FollowUpRound } from './follow-up';
import type { Person, ProgrammeSettings } from './person';
import type { ApplicationState } from './application.state-machine';
import type { Municipality } from './municipalities';
import type { CohortCounts } from './tally';
import type { Recommendation } from './recommendation';
import type { DisposalRecord } from './retention';

/** A stored value with the version (Cosmos `_etag`) it was read at; writes must name it. */
export interface Versioned<T> {
  readonly value: T;
  readonly etag: string;
}

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A globally unique id (for documents and audit events). */
  uuid(): string;
  /** A short id people can read out and type, e.g. "A-7K3QX2"; unique enough to retry on a clash. */
  shortId(prefix: string): string;
}

/** Which of a cohort's applications a list shows; every field narrows it. */
export interface ApplicationFilter {
  readonly states?: readonly ApplicationState[];
  readonly municipality?: Municipality;
  /** Only those with at least this many jury verdicts (ranked), or fewer (unranked). */
  readonly verdictsAtLeast?: number;
  readonly verdictsBelow?: number;
  /** Only those whose jury mean is exactly this value (to count a tie). */
  readonly mean?: number;
  /** The coordinators' table (domain/application-list.ts): compared as `searchKey` makes them. */
  readonly administration?: string;
  readonly targetGroup?: TargetGroup;
  /** A team (co-applicants who have not said no) or a single applicant. */
  readonly team?: boolean;
  readonly waitingFor?: WaitingFor;
  /** The idea's name contains this (a searchKey, at most SEARCH_MAX characters). */
  readonly titleContains?: string;
  /** Only those that a manager's recommendation preceded (issue 17), or only those it did not. */
  readonly recommended?: boolean;
  /** Only those invited to a meeting with the candidates (issue 17). */
  readonly invitedToMeeting?: boolean;
}

/** The orders of the coordinators' table, each by one key of ListKeys (or the state), equal keys by id. */
export const LIST_ORDERS = ['submittedAt', 'title', 'municipality', 'state', 'score'] as const;
export interface ListOrder {
  readonly by: (typeof LIST_ORDERS)[number];
  readonly desc: boolean;
}

/** Where an ordered list goes on: after this key and, among equal keys, this application id. */
export interface SortCursor {
  readonly key: string | number;
  readonly id: string;
}

/** What the report's times are read from: one small row an application (never its texts). */
export type ApplicationTiming = Pick<Application, 'id' | 'state' | 'submittedAt' | 'approvals' | 'selection'> & { readonly municipality?: Municipality };

/** The longest page of timings (small rows: the report reads a cohort's in a few requests). */
export const TIMINGS_PAGE = 1000;

/** An export from the tab, kept in the cohort's audit trail: who exported what, when, how many rows. */
export interface ExportRecord {
  readonly id: string;
  readonly cohortId: string;
  readonly at: string;
  readonly actorId: string;
  /** Which export (the tab's TAB_EXPORTS id). */
  readonly what: string;
  readonly rows: number;
  /** The filters it was made with, or the application it was of. */
  readonly filter?: Readonly<Record<string, string>>;
}

export interface ExportLog {
  record(entry: ExportRecord): Promise<void>;
  /** The cohort's latest exports, newest first. */
  recent(cohortId: string, limit: number): Promise<readonly ExportRecord[]>;
}

/** Where a list ordered by id goes on: after this application id. */
export type IdCursor = string;

/** Where the ranking goes on: after this jury mean and, among equal means, this application id. */
export interface RankCursor {
  readonly mean: number;
  readonly id: string;
}

/** One page of a list and, when there is more, where the next page starts. */
export interface Page<T, C> {
  readonly items: readonly T[];
  readonly next?: C;
}

/** A change of one application as the store writes it: the new value, and the version it replaces. */
export interface ApplicationChange {
  readonly application: Application;
  readonly previous: Versioned<Application>;
  /** null for content saves of a draft (not a decision); every state change carries one. */
  readonly audit: AuditEvent | null;
  readonly notifications?: readonly Notification[];
}

/**
 * Applications, their audit trail, their outbox and the cohort's counters. A change, its audit event, the
 * notifications it causes and the counters it moves are written together or not at all. `update` throws
 * ConcurrencyConflict when the previous version is stale; `create` throws AlreadyExists when the id is taken or
 * the applicant already has an application in the cohort (one application per person per cohort).
 * No method reads a whole cohort: lists are pages, figures are counters (docs/decisions/0002).
 */
export interface ApplicationRepository {
  get(cohortId: string, id: string): Promise<Versioned<Application> | null>;
  findByApplicant(cohortId: string, applicantId: string): Promise<Versioned<Application> | null>;
  /** A page of the cohort's applications by id, each with its version (a fan-out changes them). */
  page(cohortId: string, filter: ApplicationFilter, size: number, after?: IdCursor): Promise<Page<Versioned<Application>, IdCursor>>;
  /** A page of the cohort's applications in a table's order (equal keys by id, in the same direction). */
  sortedPage(cohortId: string, filter: ApplicationFilter, order: ListOrder, size: number, after?: SortCursor): Promise<Page<Application, SortCursor>>;
  /** A page of the cohort's sent applications' timings by id, at most TIMINGS_PAGE (the report's medians). */
  timings(cohortId: string, size: number, after?: IdCursor): Promise<Page<ApplicationTiming, IdCursor>>;
  /** A page of the cohort's applications by jury mean, highest first (equal means by id). */
  rankedPage(cohortId: string, filter: ApplicationFilter, size: number, after?: RankCursor): Promise<Page<Application, RankCursor>>;
  count(cohortId: string, filter: ApplicationFilter): Promise<number>;
  /** The cohort's counters (one point read). */
  counts(cohortId: string): Promise<CohortCounts>;
  create(application: Application, audit: AuditEvent, notifications?: readonly Notification[]): Promise<Versioned<Application>>;
  update(change: ApplicationChange): Promise<Versioned<Application>>;
  /**
   * Several changes of one cohort in one batch (a fan-out: at most MAX_CHANGES_PER_BATCH, without notifications):
   * all or none; ConcurrencyConflict when any previous version is stale.
   */
  updateMany(changes: readonly ApplicationChange[]): Promise<readonly Versioned<Application>[]>;
  /** Up to `limit` applications waiting for this person's decision as manager or HR contact, oldest first (cross-partition). */
  findByDecider(personId: string, limit: number): Promise<readonly Versioned<Application>[]>;
  /** Up to `limit` applications with an approval this person decided (decidedByIds), latest change first (cross-partition). */
  findDecidedBy(personId: string, limit: number): Promise<readonly Versioned<Application>[]>;
  /** Every application of a person, over all cohorts (a cross-partition query; rare, a few at most). */
  findAllByApplicant(applicantId: string): Promise<readonly Versioned<Application>[]>;
  /**
   * Every application whose team the person is on, over all cohorts, newest first: as lead applicant or as a
   * co-applicant who confirmed (teamOf). A cross-partition query, a few at most: roles, and whose budget they spend.
   */
  findTeamsOf(personId: string): Promise<readonly Versioned<Application>[]>;
  /**
   * What the person's work says of their roles, in one cross-partition query of two small fields a row: whether a
   * decision waits for them (findByDecider) and the states of the teams they are on (findTeamsOf).
   */
  workOf(personId: string): Promise<{ readonly decidesPending: boolean; readonly teamStates: readonly ApplicationState[] }>;
  auditTrail(cohortId: string, applicationId: string): Promise<readonly AuditEvent[]>;
}

/** A transactional batch holds 100 operations: a change is the application, its audit event and the counters. */
export const MAX_CHANGES_PER_BATCH = 40;

/**
 * The outbox as the delivery worker sees it. Messages are created only by ApplicationRepository (in the
 * batch of the change that caused them); here they are found, claimed and moved on, each write guarded
 * by the ETag so two workers never both own a message.
 */
export interface OutboxStore {
  /** Up to `limit` messages to work on: `pending` with `dueAt <= now`, or `sending` whose lease has expired. */
  due(now: Date, limit: number): Promise<readonly Versioned<OutboxMessage>[]>;
  /** Replaces a message; throws ConcurrencyConflict when `expectedEtag` is stale. */
  replace(message: OutboxMessage, expectedEtag: string): Promise<Versioned<OutboxMessage>>;
  /** Up to `limit` messages claimed (`sending`) by any worker: a new sender adopts those of one that stopped beating. */
  inFlight(limit: number): Promise<readonly Versioned<OutboxMessage>[]>;
  /** One message as stored now (to read back after a write whose answer was lost); null when there is none. */
  get(cohortId: string, id: string): Promise<Versioned<OutboxMessage> | null>;
  /**
   * Adds messages that no application change caused (a report about a delivery problem). Idempotent: a key
   * already in the outbox is left as it is.
   */
  enqueue(notifications: readonly Notification[], at: Date): Promise<void>;
  /** The messages caused by one application, for its status and for coordinators. */
  forApplication(cohortId: string, applicationId: string): Promise<readonly OutboxMessage[]>;
  /** How many of a campaign's announcements are in each status (a few counts in the cohort's partition). */
  campaignCounts(cohortId: string, campaignId: string): Promise<Partial<Record<OutboxStatus, number>>>;
  /** Up to `limit` of a campaign's announcements given up on (failed, unreachable), by recipient. */
  campaignFailures(cohortId: string, campaignId: string, limit: number): Promise<readonly OutboxMessage[]>;
}

/** How a delivery attempt ended, as the worker needs to know it. */
export type SendOutcome =
  | { readonly kind: 'sent'; readonly activityId: string; readonly conversationId: string }
  /** Throttled (429) or temporarily failing (412, 5xx, network): try again, not before `retryAfterMs` if given. */
  /** `notSent`: Teams answered that it took nothing (429, 412) or was never reached, so a new try cannot duplicate. */
  | { readonly kind: 'retry'; readonly retryAfterMs?: number; readonly error: string; readonly notSent?: boolean }
  /** No way to reach the person (app not installed, no conversation): tell the coordinator. */
  | { readonly kind: 'unreachable'; readonly error: string }
  /** Will never work (e.g. 400, 403, 413): give up at once. */
  | { readonly kind: 'failed'; readonly error: string }
  /** Nothing to send any more (the renderer found the reason gone, e.g. the application was withdrawn). */
  | { readonly kind: 'cancelled'; readonly reason: string }
  /** Not to be sent now, nor given up on: looked at again at `until` (a restricted recipient, ADR 0019). Nothing was sent. */
  | { readonly kind: 'held'; readonly until: Date; readonly reason: string };

/**
 * One delivery attempt as the worker hands it to the sender. `begin()` must be awaited right before the first
 * request that may reach Teams (after rendering and pacing): it claims the message, so only a send truly in
 * flight is ever ambiguous. When it throws, the message is not ours to send: send nothing and return.
 */
export interface SendAttempt {
  begin(): Promise<void>;
  /** Aborted when the worker stops at its deadline: abandon the request in flight. */
  readonly signal: AbortSignal;
}

/** Delivers one outbox message to its recipient in Teams (rendering included). */
export interface MessageSender {
  send(message: OutboxMessage, attempt: SendAttempt): Promise<SendOutcome>;
}

/**
 * A named lease held by one owner at a time (the instance that delivers the outbox). `tryHold` takes or renews
 * it until `until` when it is free, expired, released or already the owner's, and answers whether the owner
 * holds it now; a race lost or a lease held by another is `false`. Store failures throw.
 */
export interface LeaseStore {
  tryHold(name: string, owner: string, now: Date, until: Date): Promise<boolean>;
  /** Gives the lease up at once, if the owner holds it (a graceful shutdown). */
  release(name: string, owner: string, now: Date): Promise<void>;
}

/** A juror's stored score (values per criterion id, 1–5). */
export interface JurorScore {
  readonly cohortId: string;
  readonly applicationId: string;
  readonly jurorId: string;
  readonly values: Readonly<Record<string, number>>;
  readonly comment?: string;
  readonly at: string;
}

export interface JurorRecusal {
  readonly cohortId: string;
  readonly applicationId: string;
  readonly jurorId: string;
  readonly reason: string;
  /** True when the system recused the juror (the applicant's manager, a co-applicant). */
  readonly automatic: boolean;
  readonly at: string;
}

/**
 * Scores and recusals of a cohort's jury, each written in one batch with its audit event and the application it
 * moves (its jury summary, domain/tally.ts, guarded by the application's version). One score per juror and
 * application, replaced when revised; a recusal is final. No method reads the whole cohort's scores.
 */
export interface JuryRepository {
  /** One juror's score for one application, with the version it was read at. */
  scoreOf(cohortId: string, applicationId: string, jurorId: string): Promise<Versioned<JurorScore> | null>;
  /** Why a juror stands aside from an application, when they do. */
  recusalOf(cohortId: string, applicationId: string, jurorId: string): Promise<JurorRecusal | null>;
  /**
   * Every score and recusal of one application, ordered by juror: as many as the jury has members, in one query of
   * the application's partition (what a juror sees after scoring, and a coordinator's opened ranking row).
   */
  onApplication(cohortId: string, applicationId: string): Promise<{ readonly scores: readonly JurorScore[]; readonly recusals: readonly JurorRecusal[] }>;
  /**
   * Writes a score (new or revised), its audit event and the application's new summary together, guarded by the
   * application's version (`application.previous`, else ConcurrencyConflict): every score of an application moves its
   * summary, so that one guard orders them all. A write that loses writes nothing, so each stored change has one
   * audit event and the summary always matches the scores.
   */
  saveScore(score: JurorScore, audit: AuditEvent, application: Omit<ApplicationChange, 'audit' | 'notifications'>): Promise<void>;
  /**
   * A page of the cohort's stored scores, ordered by application and juror (the ranking's export, which lists every
   * score): `after` is the last page's cursor. Read a page at a time, never the cohort's at once.
   */
  scoresIn(cohortId: string, size: number, after?: string): Promise<Page<JurorScore, string>>;
  /** Up to `limit` of the cohort's recusals (a jury's few, for the coordinators' view of the jury), by application. */
  recusalsIn(cohortId: string, limit: number): Promise<readonly JurorRecusal[]>;
  /** Throws AlreadyExists when the juror has already recused from the application. */
  saveRecusal(recusal: JurorRecusal, audit: AuditEvent, application: Omit<ApplicationChange, 'audit' | 'notifications'>): Promise<void>;
}

/**
 * Cohorts, each saved guarded by the version it was read at. A cohort's version may also move when another cohort or
 * the settings are saved (the Cosmos adapter keeps the whole programme in one document, read with one point read):
 * a save at a version that moved is a ConcurrencyConflict, and the caller reads again.
 */
export interface CohortRepository {
  get(id: string): Promise<Versioned<Cohort> | null>;
  list(): Promise<readonly Cohort[]>;
  /** Creates when `expectedEtag` is undefined, else replaces guarded by it. */
  save(cohort: Cohort, expectedEtag?: string): Promise<Versioned<Cohort>>;
}

/** Announcement campaigns: created once, then saved guarded by the version they were read at. */
export interface CampaignRepository {
  get(id: string): Promise<Versioned<Campaign> | null>;
  /** Creates when `expectedEtag` is undefined (AlreadyExists when the id is taken), else replaces (ConcurrencyConflict). */
  save(campaign: Campaign, expectedEtag?: string): Promise<Versioned<Campaign>>;
  /** The latest `limit` campaigns, newest first. */
  recent(limit: number): Promise<readonly Campaign[]>;
}

/**
 * The follow-up rounds of a cohort (follow-up.ts), one record per cohort and round. `save` without `expectedEtag`
 * creates (AlreadyExists when there is one), with it replaces (ConcurrencyConflict when it changed meanwhile).
 * There is deliberately no way to read one person's answer: the records keep none.
 */
export interface FollowUpRepository {
  get(cohortId: string, round: FollowUpRound): Promise<Versioned<FollowUpRecord> | null>;
  save(record: FollowUpRecord, expectedEtag?: string): Promise<Versioned<FollowUpRecord>>;
}

export interface SettingsRepository {
  get(): Promise<Versioned<ProgrammeSettings> | null>;
  save(settings: ProgrammeSettings, expectedEtag?: string): Promise<Versioned<ProgrammeSettings>>;
}

/**
 * Claims a key once across every instance of the bot: the first caller gets true, everyone after false.
 * For work that must happen once per event even when events arrive twice or at the same time.
 */
export interface OnceLedger {
  claim(key: string): Promise<boolean>;
}

/**
 * Managers' recommendations (domain/recommendation.ts), beside the applications in the cohort's partition, one per
 * person and cohort: the document's id is made of the person's id, so `create` throws AlreadyExists for a second one,
 * whoever makes it. The invitation and any other message are written in the same batch as the recommendation.
 */
export interface RecommendationRepository {
  get(cohortId: string, personId: string): Promise<Versioned<Recommendation> | null>;
  create(recommendation: Recommendation, notifications: readonly Notification[]): Promise<Versioned<Recommendation>>;
  /** Replaces it guarded by `expectedEtag` (ConcurrencyConflict when stale), with its messages. */
  update(recommendation: Recommendation, expectedEtag: string, notifications: readonly Notification[]): Promise<Versioned<Recommendation>>;
}

/** The organisation's directory (Microsoft Graph in production, a local file in development and tests). */
export interface Directory {
  getPerson(id: string): Promise<Person | null>;
  /** By e-mail address or user principal name, case-insensitive; null when nobody (or more than one) matches. */
  findByEmail(email: string): Promise<Person | null>;
  directReports(managerId: string): Promise<readonly Person[]>;
  /** Everyone in the directory, a page at a time, each with their manager (an announcement's audience). */
  everyone(): AsyncIterable<readonly Person[]>;
}

/**
 * Where to reach a person proactively. The address is opaque to the core (a Teams conversation reference);
 * only the Teams adapter reads it.
 */
export interface ConversationAddressBook {
  save(personId: string, address: Readonly<Record<string, unknown>>, locale: string | undefined): Promise<void>;
  get(personId: string): Promise<{ address: Readonly<Record<string, unknown>>; locale?: string } | null>;
  remove(personId: string): Promise<void>;
}

/**
 * Disposal (gallring, domain/retention.ts): the records of each run, and the one write that disposes of an
 * application with everything that follows it (its audit events, jury scores and recusals, messages, the applicant
 * index) and moves the cohort's counters, in one batch guarded by the application's version (ConcurrencyConflict
 * when it changed or is gone). Disposal records are never disposed of.
 */
export interface DisposalStore {
  get(cohortId: string, id: string): Promise<Versioned<DisposalRecord> | null>;
  /** Creates without `expectedEtag` (AlreadyExists when the run has its record), else replaces (ConcurrencyConflict). */
  save(record: DisposalRecord, expectedEtag?: string): Promise<Versioned<DisposalRecord>>;
  /** The cohort's latest `limit` records, newest run first. */
  recent(cohortId: string, limit: number): Promise<readonly DisposalRecord[]>;
  dispose(application: Versioned<Application>): Promise<void>;
}

/**
 * What the store holds that names one person (the register extract, GDPR art. 15; ADR 0019), read with a handful
 * of cross-partition queries on the fields that name a person (applicant, co-applicant, decider, mentor, sponsor,
 * juror, actor, recipient, recommender, recommended), each bounded: a person's own few, never a cohort.
 */
export interface PersonalData {
  /** Applications where the person is lead or co-applicant, decides or decided an approval, is mentor or sponsor. */
  readonly applications: readonly Application[];
  readonly scores: readonly JurorScore[];
  readonly recusals: readonly JurorRecusal[];
  /** Audit events the person did, and the trail of the applications they lead. */
  readonly audit: readonly AuditEvent[];
  /** Messages to the person in the outbox (delivered ones live 30 days, ADR 0018). */
  readonly messages: readonly OutboxMessage[];
  /** Recommendations the person gave or received. */
  readonly recommendations: readonly Recommendation[];
  /** Exports and register extracts the person made, and extracts made about them. */
  readonly exports: readonly ExportRecord[];
}

export interface PersonalDataStore {
  about(personId: string): Promise<PersonalData>;
}

/** The partition of the privacy log (register extracts, restrictions and lifts: who, for whom, when), beside the cohorts' exports. */
export const PRIVACY_LOG_PARTITION = 'privacy-log';
