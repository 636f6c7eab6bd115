import type { Application } from '../../src/domain/application';
import type { AuditEvent } from '../../src/domain/audit-event';
import type { Cohort } from '../../src/domain/cohort';
import { AlreadyExists, ConcurrencyConflict } from '../../src/domain/errors';
import { isStorableId } from '../../src/domain/ids';
import type { Notification } from '../../src/domain/notification';
import type { ProgrammeSettings } from '../../src/domain/person';
import type { ApplicationRepository, CohortRepository, ConversationAddressBook, JurorRecusal, JurorScore, JuryRepository, OnceLedger, SettingsRepository, Versioned } from '../../src/domain/ports';
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

  async listByCohort(cohortId: string) {
    return [...this.docs.values()].filter((d) => d.value.cohortId === cohortId).map((d) => d.value);
  }

  async create(application: Application, audit: AuditEvent, notifications: readonly Notification[] = []) {
    this.check(application, audit, notifications, 2);
    const taken = [...this.docs.values()].some((d) => d.value.cohortId === application.cohortId && d.value.applicantId === application.applicantId);
    if (this.docs.has(this.key(application.cohortId, application.id)) || taken) {
      throw new AlreadyExists('application', application.id);
    }
    return this.write(application, audit, notifications);
  }

  async update(application: Application, expectedEtag: string, audit: AuditEvent | null, notifications: readonly Notification[] = []) {
    this.check(application, audit, notifications, 1);
    const current = this.docs.get(this.key(application.cohortId, application.id));
    if (!current || current.etag !== expectedEtag) throw new ConcurrencyConflict('application', application.id);
    return this.write(application, audit, notifications);
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

  async findByDecider(personId: string) {
    return [...this.docs.values()]
      .filter((d) => d.value.state === 'awaitingManager' && d.value.deciderIds.includes(personId))
      .sort((a, b) => a.value.updatedAt.localeCompare(b.value.updatedAt));
  }

  async findAllByApplicant(applicantId: string) {
    return [...this.docs.values()].filter((d) => d.value.applicantId === applicantId).sort((a, b) => b.value.createdAt.localeCompare(a.value.createdAt));
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

/**
 * Scores and recusals in memory. Their audit events go to `audit`: hand it an InMemoryApplicationRepository's
 * `audit` and they show in that application's trail, as they do in Cosmos (the same partition).
 */
export class InMemoryJuryRepository implements JuryRepository {
  private readonly scoreDocs = new Map<string, Versioned<JurorScore>>();
  private readonly recusalDocs = new Map<string, JurorRecusal>();
  constructor(readonly audit: AuditEvent[] = []) {}

  private static key(x: { cohortId: string; applicationId: string; jurorId: string }) {
    return JSON.stringify([x.cohortId, x.applicationId, x.jurorId]);
  }

  async scores(cohortId: string) {
    return [...this.scoreDocs.values()].map((d) => d.value).filter((s) => s.cohortId === cohortId);
  }

  async scoreOf(cohortId: string, applicationId: string, jurorId: string) {
    return this.scoreDocs.get(InMemoryJuryRepository.key({ cohortId, applicationId, jurorId })) ?? null;
  }

  async recusals(cohortId: string) {
    return [...this.recusalDocs.values()].filter((r) => r.cohortId === cohortId);
  }

  async saveScore(score: JurorScore, audit: AuditEvent, expectedEtag?: string) {
    await aTurn();
    const key = InMemoryJuryRepository.key(score);
    this.scoreDocs.set(key, guardedSave(this.scoreDocs.get(key), score, 'score', score.cohortId, expectedEtag));
    this.audit.push(stored(audit));
  }

  async saveRecusal(recusal: JurorRecusal, audit: AuditEvent) {
    await aTurn();
    const key = InMemoryJuryRepository.key(recusal);
    if (this.recusalDocs.has(key)) throw new AlreadyExists('recusal', recusal.cohortId);
    this.recusalDocs.set(key, stored(recusal));
    this.audit.push(stored(audit));
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
