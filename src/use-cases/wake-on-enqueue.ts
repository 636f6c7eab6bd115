import type { Application } from '../domain/application';
import type { AuditEvent } from '../domain/audit-event';
import type { Notification } from '../domain/notification';
import type { ApplicationChange, ApplicationFilter, ApplicationRepository, IdCursor, ListOrder, RankCursor, SortCursor, Versioned } from '../domain/ports';

/**
 * An ApplicationRepository that calls `enqueued()` after a write that put notifications in the outbox,
 * so the delivery worker starts at once instead of at its next poll.
 */
export class WakeOnEnqueue implements ApplicationRepository {
  constructor(
    private readonly inner: ApplicationRepository,
    private readonly enqueued: () => void,
  ) {}

  get(cohortId: string, id: string) {
    return this.inner.get(cohortId, id);
  }
  findByApplicant(cohortId: string, applicantId: string) {
    return this.inner.findByApplicant(cohortId, applicantId);
  }
  page(cohortId: string, filter: ApplicationFilter, size: number, after?: IdCursor) {
    return this.inner.page(cohortId, filter, size, after);
  }
  sortedPage(cohortId: string, filter: ApplicationFilter, order: ListOrder, size: number, after?: SortCursor) {
    return this.inner.sortedPage(cohortId, filter, order, size, after);
  }
  timings(cohortId: string, size: number, after?: IdCursor) {
    return this.inner.timings(cohortId, size, after);
  }
  rankedPage(cohortId: string, filter: ApplicationFilter, size: number, after?: RankCursor) {
    return this.inner.rankedPage(cohortId, filter, size, after);
  }
  count(cohortId: string, filter: ApplicationFilter) {
    return this.inner.count(cohortId, filter);
  }
  counts(cohortId: string) {
    return this.inner.counts(cohortId);
  }
  findByDecider(personId: string, limit: number) {
    return this.inner.findByDecider(personId, limit);
  }
  findDecidedBy(personId: string, limit: number) {
    return this.inner.findDecidedBy(personId, limit);
  }
  findAllByApplicant(applicantId: string) {
    return this.inner.findAllByApplicant(applicantId);
  }
  findTeamsOf(personId: string) {
    return this.inner.findTeamsOf(personId);
  }
  workOf(personId: string) {
    return this.inner.workOf(personId);
  }
  auditTrail(cohortId: string, applicationId: string) {
    return this.inner.auditTrail(cohortId, applicationId);
  }
  updateMany(changes: readonly ApplicationChange[]) {
    return this.inner.updateMany(changes);
  }

  async create(application: Application, audit: AuditEvent, notifications: readonly Notification[] = []): Promise<Versioned<Application>> {
    const saved = await this.inner.create(application, audit, notifications);
    if (notifications.length > 0) this.enqueued();
    return saved;
  }

  async update(change: ApplicationChange): Promise<Versioned<Application>> {
    const saved = await this.inner.update(change);
    if ((change.notifications ?? []).length > 0) this.enqueued();
    return saved;
  }
}
