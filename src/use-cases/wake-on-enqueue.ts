import type { Application } from '../domain/application';
import type { AuditEvent } from '../domain/audit-event';
import type { Notification } from '../domain/notification';
import type { ApplicationRepository, Versioned } from '../domain/ports';

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
  findByDecider(personId: string) {
    return this.inner.findByDecider(personId);
  }
  findAllByApplicant(applicantId: string) {
    return this.inner.findAllByApplicant(applicantId);
  }
  listByCohort(cohortId: string) {
    return this.inner.listByCohort(cohortId);
  }
  auditTrail(cohortId: string, applicationId: string) {
    return this.inner.auditTrail(cohortId, applicationId);
  }

  async create(application: Application, audit: AuditEvent, notifications: readonly Notification[] = []): Promise<Versioned<Application>> {
    const saved = await this.inner.create(application, audit, notifications);
    if (notifications.length > 0) this.enqueued();
    return saved;
  }

  async update(application: Application, expectedEtag: string, audit: AuditEvent | null, notifications: readonly Notification[] = []): Promise<Versioned<Application>> {
    const saved = await this.inner.update(application, expectedEtag, audit, notifications);
    if (notifications.length > 0) this.enqueued();
    return saved;
  }
}
