import { randomUUID } from 'node:crypto';
import type { Application } from '../../src/domain/application';
import type { AuditEvent } from '../../src/domain/audit-event';
import { AlreadyExists, ConcurrencyConflict } from '../../src/domain/errors';
import type { Notification } from '../../src/domain/notification';
import type { ProgrammeSettings } from '../../src/domain/person';
import type { ApplicationRepository, SettingsRepository, Versioned } from '../../src/domain/ports';

/** The in-memory twin of the Cosmos application repository, held to the same contract suite. */
export class InMemoryApplicationRepository implements ApplicationRepository {
  private readonly docs = new Map<string, Versioned<Application>>();
  private readonly audit: AuditEvent[] = [];
  /** Notifications written with a change, in order (the Cosmos adapter writes them to its outbox). */
  readonly notifications: Notification[] = [];

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
    const k = this.key(application.cohortId, application.id);
    const taken = [...this.docs.values()].some((d) => d.value.cohortId === application.cohortId && d.value.applicantId === application.applicantId);
    if (this.docs.has(k) || taken) {
      throw new AlreadyExists('application', application.id);
    }
    const v = { value: application, etag: randomUUID() };
    this.docs.set(k, v);
    this.audit.push(audit);
    this.notifications.push(...notifications);
    return v;
  }

  async update(application: Application, expectedEtag: string, audit: AuditEvent | null, notifications: readonly Notification[] = []) {
    const k = this.key(application.cohortId, application.id);
    const current = this.docs.get(k);
    if (!current || current.etag !== expectedEtag) throw new ConcurrencyConflict('application', application.id);
    const v = { value: application, etag: randomUUID() };
    this.docs.set(k, v);
    if (audit) this.audit.push(audit);
    this.notifications.push(...notifications);
    return v;
  }

  async findByDecider(personId: string) {
    return [...this.docs.values()].filter((d) => d.value.state === 'awaitingManager' && d.value.deciderIds.includes(personId));
  }

  async findAllByApplicant(applicantId: string) {
    return [...this.docs.values()].filter((d) => d.value.applicantId === applicantId).sort((a, b) => b.value.createdAt.localeCompare(a.value.createdAt));
  }

  async auditTrail(cohortId: string, applicationId: string) {
    return this.audit.filter((a) => a.cohortId === cohortId && a.applicationId === applicationId).sort((a, b) => a.at.localeCompare(b.at));
  }
}

/** Programme settings in memory (one document, ETag-guarded like the Cosmos adapter). */
export class InMemorySettingsRepository implements SettingsRepository {
  private current: Versioned<ProgrammeSettings> | null;
  constructor(initial?: ProgrammeSettings) {
    this.current = initial ? { value: initial, etag: randomUUID() } : null;
  }
  async get() {
    return this.current;
  }
  async save(settings: ProgrammeSettings, expectedEtag?: string) {
    if (expectedEtag ? this.current?.etag !== expectedEtag : this.current) throw new ConcurrencyConflict('settings', 'settings');
    this.current = { value: settings, etag: randomUUID() };
    return this.current;
  }
}
