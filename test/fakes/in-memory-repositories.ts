import { teamOf, type Application } from '../../src/domain/application';
import type { AuditEvent } from '../../src/domain/audit-event';
import type { Cohort } from '../../src/domain/cohort';
import type { FollowUpRecord, FollowUpRound } from '../../src/domain/follow-up';
import { AlreadyExists, ConcurrencyConflict } from '../../src/domain/errors';
import { isStorableId } from '../../src/domain/ids';
import type { Notification } from '../../src/domain/notification';
import type { ProgrammeSettings } from '../../src/domain/person';
import { MAX_CHANGES_PER_BATCH, type ApplicationChange, type ApplicationFilter, type ApplicationRepository, type ApplicationTiming, type CohortRepository, type ConversationAddressBook, type FollowUpRepository, type JurorRecusal, type JurorScore, type JuryRepository, type ListOrder, type OnceLedger, type RankCursor, type RecommendationRepository, type SettingsRepository, type SortCursor, type Versioned } from '../../src/domain/ports';
import type { Recommendation } from '../../src/domain/recommendation';
import { recount } from '../../src/domain/tally';
import { listKeysOf } from '../../src/domain/application-list';
import { InMemoryOutboxStore } from './in-memory-outbox';
import { aTurn, newEtag, stored } from './stored';

/** A version of a copy of `value`, as a store answers a write. */
const versioned = <T>(value: T): Versioned<T> => ({ value: stored(value), etag: newEtag() });

/**
 * The in-memory twin of the Cosmos application repository, held to the same contract suite. The outbox messages of
 * a change go to `outbox` (hand one InMemoryOutboxStore to both, as the Cosmos pair shares a container), and the
 * audit events to `audit` (which an InMemoryJuryRepository may share: in Cosmos they sit in the same partition).
 */
export class InMemoryApplicationRepository implements ApplicationRepository {
  private readonly docs = new Map<string, Versioned<Application>>();
  /** Who has an application in which cohort (the Cosmos adapter's applicant index). */
  private readonly applicants = new Set<string>();
  /** Notifications written with a change, in order (the Cosmos adapter writes them to its outbox). */
  readonly notifications: Notification[] = [];

  constructor(
    readonly outbox = new InMemoryOutboxStore(),
    readonly audit: AuditEvent[] = [],
  ) {}

  private key(cohortId: string, id: string) {
    return `${cohortId}/${id}`;
  }

  async get(cohortId: string, id: string) {
    return this.docs.get(this.key(cohortId, id)) ?? null;
  }

  async findByApplicant(cohortId: string, applicantId: string) {
    return [...this.docs.values()].find((d) => d.value.cohortId === cohortId && d.value.applicantId === applicantId) ?? null;
  }

  /** The cohort's applications that `filter` keeps, as the Cosmos adapter's WHERE clause keeps them. */
  private matching(cohortId: string, filter: ApplicationFilter) {
    return [...this.docs.values()].filter(({ value: a }) => {
      const jury = a.jury;
      return (
        a.cohortId === cohortId &&
        (!filter.states || filter.states.includes(a.state)) &&
        (!filter.municipality || a.about?.municipality === filter.municipality) &&
        (filter.verdictsAtLeast === undefined || (jury !== undefined && jury.count >= filter.verdictsAtLeast)) &&
        (filter.verdictsBelow === undefined || jury === undefined || jury.count < filter.verdictsBelow) &&
        (filter.mean === undefined || (jury !== undefined && jury.mean === filter.mean)) &&
        this.listMatches(a, filter)
      );
    });
  }

  /** The table's filters, as the Cosmos adapter compares the keys it keeps on the document. */
  private listMatches(a: Application, filter: ApplicationFilter): boolean {
    const keys = listKeysOf(a);
    return (
      (filter.administration === undefined || keys.administration === filter.administration) &&
      (filter.targetGroup === undefined || Boolean(a.benefit?.targetGroups.includes(filter.targetGroup))) &&
      (filter.team === undefined || keys.teamSize > 1 === filter.team) &&
      (filter.waitingFor === undefined || keys.waitingFor === filter.waitingFor) &&
      (!filter.titleContains || keys.title.includes(filter.titleContains)) &&
      (filter.recommended === undefined || (a.recommendedBy !== undefined) === filter.recommended) &&
      (filter.invitedToMeeting === undefined || (a.meeting !== undefined) === filter.invitedToMeeting)
    );
  }

  async sortedPage(cohortId: string, filter: ApplicationFilter, order: ListOrder, size: number, after?: SortCursor) {
    const key = (a: Application): string | number => (order.by === 'state' ? a.state : listKeysOf(a)[order.by]);
    const compare = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0);
    const sign = order.desc ? -1 : 1;
    const sorted = this.matching(cohortId, filter)
      .map((d) => d.value)
      .filter((a) => !after || sign * compare(key(a), after.key) > 0 || (key(a) === after.key && sign * compare(a.id, after.id) > 0))
      .sort((a, b) => sign * (compare(key(a), key(b)) || compare(a.id, b.id)));
    const items = sorted.slice(0, size);
    const last = items.at(-1);
    return sorted.length > size && last ? { items, next: { key: key(last), id: last.id } } : { items };
  }

  async timings(cohortId: string, size: number, after?: string) {
    const page = await this.page(cohortId, {}, Number.MAX_SAFE_INTEGER, after);
    const sent = page.items.map((d) => d.value).filter((a) => a.submittedAt !== undefined);
    const items = sent.slice(0, size).map((a): ApplicationTiming => ({ id: a.id, state: a.state, submittedAt: a.submittedAt, approvals: a.approvals, ...(a.selection ? { selection: a.selection } : {}), ...(a.about ? { municipality: a.about.municipality } : {}) }));
    const last = items.at(-1);
    return sent.length > size && last ? { items, next: last.id } : { items };
  }

  async page(cohortId: string, filter: ApplicationFilter, size: number, after?: string) {
    const sorted = this.matching(cohortId, filter)
      .filter((d) => after === undefined || d.value.id > after)
      .sort((a, b) => (a.value.id < b.value.id ? -1 : 1));
    const items = sorted.slice(0, size);
    const last = items.at(-1);
    return sorted.length > size && last ? { items, next: last.value.id } : { items };
  }

  async rankedPage(cohortId: string, filter: ApplicationFilter, size: number, after?: RankCursor) {
    const mean = (a: Application) => a.jury?.mean ?? 0;
    const sorted = this.matching(cohortId, filter)
      .map((d) => d.value)
      .filter((a) => a.jury !== undefined && (!after || mean(a) < after.mean || (mean(a) === after.mean && a.id > after.id)))
      .sort((a, b) => mean(b) - mean(a) || (a.id < b.id ? -1 : 1));
    const items = sorted.slice(0, size);
    const last = items.at(-1);
    return sorted.length > size && last ? { items, next: { mean: mean(last), id: last.id } } : { items };
  }

  async count(cohortId: string, filter: ApplicationFilter) {
    return this.matching(cohortId, filter).length;
  }

  /** Recounted from the applications every time: the contract holds the Cosmos adapter's kept counters to this. */
  async counts(cohortId: string) {
    return recount(this.matching(cohortId, {}).map((d) => d.value));
  }

  async create(application: Application, audit: AuditEvent, notifications: readonly Notification[] = []) {
    this.check(application, audit, notifications, 2);
    const applicant = JSON.stringify([application.cohortId, application.applicantId]);
    if (this.docs.has(this.key(application.cohortId, application.id)) || this.applicants.has(applicant)) {
      throw new AlreadyExists('application', application.id);
    }
    this.applicants.add(applicant);
    return this.write(application, audit, notifications);
  }

  async update(change: ApplicationChange) {
    const { application, audit, notifications = [] } = change;
    this.check(application, audit, notifications, 1);
    this.guard(change);
    return this.write(application, audit, notifications);
  }

  async updateMany(changes: readonly ApplicationChange[]) {
    if (changes.length > MAX_CHANGES_PER_BATCH) throw new Error(`a batch holds at most ${MAX_CHANGES_PER_BATCH} changes`);
    if (new Set(changes.map((c) => c.application.cohortId)).size > 1) throw new Error('a batch holds the changes of one cohort');
    for (const c of changes) this.check(c.application, c.audit, c.notifications ?? [], 1);
    for (const c of changes) this.guard(c);
    return changes.map((c) => this.write(c.application, c.audit, c.notifications ?? []));
  }

  /** Throws ConcurrencyConflict unless the application is stored at the version the change replaces. */
  guard(change: Pick<ApplicationChange, 'application' | 'previous'>) {
    const current = this.docs.get(this.key(change.application.cohortId, change.application.id));
    if (!current || current.etag !== change.previous.etag) throw new ConcurrencyConflict('application', change.application.id);
  }

  /** Replaces an application guarded by its version, with no audit event of its own (the jury's writes carry theirs). */
  replace(change: Pick<ApplicationChange, 'application' | 'previous'>) {
    this.guard(change);
    this.docs.set(this.key(change.application.cohortId, change.application.id), versioned(change.application));
  }

  /** What the Cosmos batch refuses before it is sent, or as a whole: nothing is written then. */
  private check(application: Application, audit: AuditEvent | null, notifications: readonly Notification[], writes: number) {
    if (audit && (audit.applicationId !== application.id || audit.cohortId !== application.cohortId)) {
      throw new Error('audit event does not belong to the application it is written with');
    }
    if (notifications.some((n) => n.cohortId !== application.cohortId || n.applicationId !== application.id)) {
      throw new Error('notification does not belong to the application it is written with');
    }
    const operations = writes + (audit ? 1 : 0) + notifications.length;
    if (operations > 100) throw new Error(`a batch holds at most 100 operations, not ${operations}`);
    const at = audit?.at ?? application.updatedAt;
    if (notifications.some((n) => this.outbox.docs.has(InMemoryOutboxStore.messageOf(n, at).id))) {
      throw new Error('application batch failed: an outbox message with that key exists');
    }
  }

  private write(application: Application, audit: AuditEvent | null, notifications: readonly Notification[]) {
    const v = versioned(application);
    this.docs.set(this.key(application.cohortId, application.id), v);
    if (audit) this.audit.push(stored(audit));
    this.notifications.push(...notifications);
    const at = audit?.at ?? application.updatedAt;
    for (const n of notifications) {
      const message = InMemoryOutboxStore.messageOf(n, at);
      this.outbox.docs.set(message.id, versioned(message));
    }
    return v;
  }

  async findByDecider(personId: string, limit: number) {
    return [...this.docs.values()]
      .filter((d) => d.value.state === 'awaitingManager' && d.value.deciderIds.includes(personId))
      .sort((a, b) => a.value.updatedAt.localeCompare(b.value.updatedAt))
      .slice(0, limit);
  }

  async findDecidedBy(personId: string, limit: number) {
    return [...this.docs.values()]
      .filter((d) => (d.value.decidedByIds ?? []).includes(personId))
      .sort((a, b) => b.value.updatedAt.localeCompare(a.value.updatedAt))
      .slice(0, limit);
  }

  async findAllByApplicant(applicantId: string) {
    return [...this.docs.values()].filter((d) => d.value.applicantId === applicantId).sort((a, b) => b.value.createdAt.localeCompare(a.value.createdAt));
  }

  async workOf(personId: string) {
    const docs = [...this.docs.values()].map((d) => d.value);
    return { decidesPending: docs.some((a) => a.state === 'awaitingManager' && a.deciderIds.includes(personId)), teamStates: docs.filter((a) => teamOf(a).includes(personId)).map((a) => a.state) };
  }

  async findTeamsOf(personId: string) {
    return [...this.docs.values()].filter((d) => teamOf(d.value).includes(personId)).sort((a, b) => b.value.createdAt.localeCompare(a.value.createdAt));
  }

  async auditTrail(cohortId: string, applicationId: string) {
    return this.audit.filter((a) => a.cohortId === cohortId && a.applicationId === applicationId).sort((a, b) => a.at.localeCompare(b.at));
  }
}

/**
 * One guarded document in memory, as the Cosmos programme container keeps a cohort or the settings: created when no
 * ETag is named (AlreadyExists when there is one), else replaced under it (ConcurrencyConflict when stale or gone).
 */
function guardedSave<T>(current: Versioned<T> | undefined, value: T, entity: string, id: string, expectedEtag?: string): Versioned<T> {
  if (expectedEtag === undefined && current) throw new AlreadyExists(entity, id);
  if (expectedEtag !== undefined && current?.etag !== expectedEtag) throw new ConcurrencyConflict(entity, id);
  return versioned(value);
}

/** Programme settings in memory (one document, ETag-guarded like the Cosmos adapter). */
export class InMemorySettingsRepository implements SettingsRepository {
  private current: Versioned<ProgrammeSettings> | undefined;
  constructor(initial?: ProgrammeSettings) {
    this.current = initial ? versioned(initial) : undefined;
  }
  async get() {
    return this.current ?? null;
  }
  async save(settings: ProgrammeSettings, expectedEtag?: string) {
    this.current = guardedSave(this.current, settings, 'settings', 'settings', expectedEtag);
    return this.current;
  }
}

/** Cohorts in memory, listed by when their intake opens, like the Cosmos adapter. */
export class InMemoryCohortRepository implements CohortRepository {
  private readonly docs = new Map<string, Versioned<Cohort>>();
  constructor(initial: readonly Cohort[] = []) {
    for (const cohort of initial) this.docs.set(cohort.id, versioned(cohort));
  }
  async get(id: string) {
    return this.docs.get(id) ?? null;
  }
  async list() {
    return [...this.docs.values()].map((d) => d.value).sort((a, b) => a.intakeOpensAt.localeCompare(b.intakeOpensAt));
  }
  async save(cohort: Cohort, expectedEtag?: string) {
    await aTurn();
    const saved = guardedSave(this.docs.get(cohort.id), cohort, 'cohort', cohort.id, expectedEtag);
    this.docs.set(cohort.id, saved);
    return saved;
  }
}

/** Follow-up rounds in memory, one per cohort and round, ETag-guarded like the Cosmos adapter. */
export class InMemoryFollowUpRepository implements FollowUpRepository {
  private readonly docs = new Map<string, Versioned<FollowUpRecord>>();
  async get(cohortId: string, round: FollowUpRound) {
    return this.docs.get(`${cohortId}/${round}`) ?? null;
  }
  async save(record: FollowUpRecord, expectedEtag?: string) {
    await aTurn();
    const key = `${record.cohortId}/${record.round}`;
    const saved = guardedSave(this.docs.get(key), record, 'followUp', key, expectedEtag);
    this.docs.set(key, saved);
    return saved;
  }
}

/**
 * Scores and recusals in memory, written with the application they move (its jury summary), guarded by the
 * application's version in `applications`; their audit events go to that repository's trail, as they do in Cosmos
 * (the same partition).
 */
export class InMemoryJuryRepository implements JuryRepository {
  private readonly scoreDocs = new Map<string, Versioned<JurorScore>>();
  private readonly recusalDocs = new Map<string, JurorRecusal>();
  constructor(readonly applications: InMemoryApplicationRepository) {}

  private static key(x: { cohortId: string; applicationId: string; jurorId: string }) {
    return JSON.stringify([x.cohortId, x.applicationId, x.jurorId]);
  }

  async scoreOf(cohortId: string, applicationId: string, jurorId: string) {
    return this.scoreDocs.get(InMemoryJuryRepository.key({ cohortId, applicationId, jurorId })) ?? null;
  }

  /** What is stored, for tests to look at (the port reads one score at a time). */
  async scores(cohortId: string) {
    return [...this.scoreDocs.values()].map((d) => d.value).filter((s) => s.cohortId === cohortId);
  }

  async scoresIn(cohortId: string, size: number, after?: string) {
    const id = (x: JurorScore) => `score:${x.applicationId}:${x.jurorId}`;
    const sorted = [...this.scoreDocs.values()].map((d) => d.value).filter((x) => x.cohortId === cohortId && (after === undefined || id(x) > after)).sort((a, b) => (id(a) < id(b) ? -1 : 1));
    const items = sorted.slice(0, size);
    const last = items.at(-1);
    return sorted.length > size && last ? { items, next: id(last) } : { items };
  }

  async recusalsIn(cohortId: string, limit: number) {
    return (await this.recusals(cohortId)).sort((a, b) => (InMemoryJuryRepository.key(a) < InMemoryJuryRepository.key(b) ? -1 : 1)).slice(0, limit);
  }

  async recusals(cohortId: string) {
    return [...this.recusalDocs.values()].filter((r) => r.cohortId === cohortId);
  }

  async onApplication(cohortId: string, applicationId: string) {
    const byJuror = <T extends { jurorId: string }>(a: T, b: T) => a.jurorId.localeCompare(b.jurorId);
    const on = <T extends { cohortId: string; applicationId: string }>(x: T) => x.cohortId === cohortId && x.applicationId === applicationId;
    return { scores: [...this.scoreDocs.values()].map((d) => d.value).filter(on).sort(byJuror), recusals: [...this.recusalDocs.values()].filter(on).sort(byJuror) };
  }

  async recusalOf(cohortId: string, applicationId: string, jurorId: string) {
    return this.recusalDocs.get(InMemoryJuryRepository.key({ cohortId, applicationId, jurorId })) ?? null;
  }

  async saveScore(score: JurorScore, audit: AuditEvent, application: Pick<ApplicationChange, 'application' | 'previous'>) {
    await aTurn();
    this.applications.replace(application);
    this.scoreDocs.set(InMemoryJuryRepository.key(score), versioned(score));
    this.applications.audit.push(stored(audit));
  }

  async saveRecusal(recusal: JurorRecusal, audit: AuditEvent, application: Pick<ApplicationChange, 'application' | 'previous'>) {
    await aTurn();
    const key = InMemoryJuryRepository.key(recusal);
    this.applications.guard(application);
    if (this.recusalDocs.has(key)) throw new AlreadyExists('recusal', recusal.cohortId);
    this.applications.replace(application);
    this.recusalDocs.set(key, stored(recusal));
    this.applications.audit.push(stored(audit));
  }
}

/** Claims in memory: the first claim of a key wins. */
export class InMemoryOnceLedger implements OnceLedger {
  private readonly claimed = new Set<string>();
  async claim(key: string) {
    await aTurn();
    if (this.claimed.has(key)) return false;
    this.claimed.add(key);
    return true;
  }
}

/** Conversation addresses in memory; like the Cosmos adapter, an id that cannot be a document id is never stored. */
export class InMemoryConversationAddressBook implements ConversationAddressBook {
  private readonly addresses = new Map<string, { address: Readonly<Record<string, unknown>>; locale?: string }>();
  async save(personId: string, address: Readonly<Record<string, unknown>>, locale: string | undefined) {
    if (isStorableId(personId)) this.addresses.set(personId, stored(locale ? { address, locale } : { address }));
  }
  async get(personId: string) {
    const found = this.addresses.get(personId);
    return found ? stored(found) : null;
  }
  async remove(personId: string) {
    this.addresses.delete(personId);
  }
}

/**
 * Recommendations in memory, with the Cosmos adapter's semantics (test/contracts/recommendation-repository.contract.ts):
 * one per person and cohort, a create that finds it taken is AlreadyExists, a replace at a stale version a
 * ConcurrencyConflict; the messages go to `outbox` only with a write that succeeds.
 */
export class InMemoryRecommendationRepository implements RecommendationRepository {
  private readonly docs = new Map<string, Versioned<Recommendation>>();
  constructor(readonly outbox = new InMemoryOutboxStore()) {}

  async get(cohortId: string, personId: string) {
    await aTurn();
    return this.docs.get(`${cohortId}/${personId}`) ?? null;
  }

  async create(recommendation: Recommendation, notifications: readonly Notification[]) {
    return this.write(recommendation, undefined, notifications);
  }

  async update(recommendation: Recommendation, expectedEtag: string, notifications: readonly Notification[]) {
    return this.write(recommendation, expectedEtag, notifications);
  }

  private async write(r: Recommendation, etag: string | undefined, notifications: readonly Notification[]) {
    await aTurn();
    const key = `${r.cohortId}/${r.personId}`;
    const current = this.docs.get(key);
    if (etag === undefined && current) throw new AlreadyExists('recommendation', r.personId);
    if (etag !== undefined && current?.etag !== etag) throw new ConcurrencyConflict('recommendation', r.personId);
    const next = versioned(r);
    this.docs.set(key, next);
    const at = r.declinedAt ?? r.at;
    for (const n of notifications) {
      const message = InMemoryOutboxStore.messageOf(n, at);
      if (!this.outbox.docs.has(message.id)) this.outbox.docs.set(message.id, versioned(message));
    }
    return next;
  }
}
