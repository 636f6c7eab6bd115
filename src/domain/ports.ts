import type { Application } from './application';
import type { AuditEvent } from './audit-event';
import type { Cohort } from './cohort';
import type { Person, ProgrammeSettings } from './person';

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
}

/**
 * Applications and their audit trail. A change and its audit event are written together or not at all.
 * `update` throws ConcurrencyConflict when `expectedEtag` is stale; `create` throws AlreadyExists.
 */
export interface ApplicationRepository {
  get(cohortId: string, id: string): Promise<Versioned<Application> | null>;
  findByApplicant(cohortId: string, applicantId: string): Promise<Versioned<Application> | null>;
  listByCohort(cohortId: string): Promise<readonly Application[]>;
  create(application: Application, audit: AuditEvent): Promise<Versioned<Application>>;
  update(application: Application, expectedEtag: string, audit: AuditEvent): Promise<Versioned<Application>>;
  auditTrail(cohortId: string, applicationId: string): Promise<readonly AuditEvent[]>;
}

export interface CohortRepository {
  get(id: string): Promise<Versioned<Cohort> | null>;
  list(): Promise<readonly Cohort[]>;
  /** Creates when `expectedEtag` is undefined, else replaces guarded by it. */
  save(cohort: Cohort, expectedEtag?: string): Promise<Versioned<Cohort>>;
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

/** The organisation's directory (Microsoft Graph in production, a local file in development and tests). */
export interface Directory {
  getPerson(id: string): Promise<Person | null>;
  /** By e-mail address or user principal name, case-insensitive; null when nobody (or more than one) matches. */
  findByEmail(email: string): Promise<Person | null>;
  directReports(managerId: string): Promise<readonly Person[]>;
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
