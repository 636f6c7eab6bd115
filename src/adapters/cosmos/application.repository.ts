import { queryAll } from './query';
import type { Container, JSONObject, OperationInput, OperationResponse, Response } from '@azure/cosmos';
import type { Application } from '../../domain/application';
import type { AuditEvent } from '../../domain/audit-event';
import { AlreadyExists, ConcurrencyConflict } from '../../domain/errors';
import { isStorableId } from '../../domain/ids';
import type { Notification, OutboxMessage } from '../../domain/notification';
import type { ApplicationRepository, Versioned } from '../../domain/ports';
import { ApplicantIndexDoc, ApplicationDoc, AuditDoc, applicantIndexId, outboxId, withoutSystem } from './documents';
import { sameDocument, settleAmbiguousWrite } from './read-back';

/** Our own values as a document body: a JSON round trip, which also drops undefined properties. */
const body = (value: object): JSONObject => JSON.parse(JSON.stringify(value)) as JSONObject;

function toVersioned(doc: unknown): Versioned<Application> {
  const parsed = ApplicationDoc.parse(doc);
  return { value: withoutSystem(parsed), etag: parsed._etag };
}

/**
 * Applications, audit events, applicant index and outbox share the `applications` container and the cohort
 * partition, so a change, its audit event and its notifications go in one transactional batch, the guarded
 * write first (docs/decisions/0002 and 0005).
 */
export class CosmosApplicationRepository implements ApplicationRepository {
  constructor(private readonly container: Container) {}

  // Every read first asks whether the ids can exist at all (domain/ids.ts): one that cannot is "none",
  // without a request Cosmos would refuse.
  async get(cohortId: string, id: string): Promise<Versioned<Application> | null> {
    if (!isStorableId(cohortId) || !isStorableId(id)) return null;
    const { resource } = await this.container.item(id, cohortId).read();
    return resource && resource.type === 'application' ? toVersioned(resource) : null;
  }

  async findByApplicant(cohortId: string, applicantId: string): Promise<Versioned<Application> | null> {
    if (!isStorableId(cohortId) || !isStorableId(applicantId)) return null;
    const { resource } = await this.container.item(applicantIndexId(applicantId), cohortId).read();
    if (!resource) return null;
    return this.get(cohortId, ApplicantIndexDoc.parse(resource).applicationId);
  }

  async findByDecider(personId: string): Promise<readonly Versioned<Application>[]> {
    if (!isStorableId(personId)) return [];
    const found = await queryAll(this.container, "SELECT * FROM c WHERE c.type = 'application' AND c.state = 'awaitingManager' AND ARRAY_CONTAINS(c.deciderIds, @id)", { id: personId });
    return found.map(toVersioned).sort((a, b) => a.value.updatedAt.localeCompare(b.value.updatedAt));
  }

  async findAllByApplicant(applicantId: string): Promise<readonly Versioned<Application>[]> {
    if (!isStorableId(applicantId)) return [];
    const found = await queryAll(this.container, "SELECT * FROM c WHERE c.type = 'application' AND c.applicantId = @applicantId", { applicantId });
    return found.map(toVersioned).sort((a, b) => b.value.createdAt.localeCompare(a.value.createdAt));
  }

  async listByCohort(cohortId: string): Promise<readonly Application[]> {
    if (!isStorableId(cohortId)) return [];
    const found = await queryAll(this.container, "SELECT * FROM c WHERE c.type = 'application' AND c.cohortId = @cohortId", { cohortId }, cohortId);
    return found.map((d) => toVersioned(d).value);
  }

  async create(application: Application, audit: AuditEvent, notifications: readonly Notification[] = []): Promise<Versioned<Application>> {
    const index = { type: 'applicantIndex', id: applicantIndexId(application.applicantId), cohortId: application.cohortId, applicantId: application.applicantId, applicationId: application.id };
    return this.batch(application, audit, notifications, [
      { operationType: 'Create', resourceBody: body(ApplicantIndexDoc.parse(index)) },
      { operationType: 'Create', resourceBody: body({ ...application, type: 'application' }) },
    ]);
  }

  async update(application: Application, expectedEtag: string, audit: AuditEvent | null, notifications: readonly Notification[] = []): Promise<Versioned<Application>> {
    return this.batch(application, audit, notifications, [
      { operationType: 'Replace', id: application.id, resourceBody: body({ ...application, type: 'application' }), ifMatch: expectedEtag },
    ]);
  }

  async auditTrail(cohortId: string, applicationId: string): Promise<readonly AuditEvent[]> {
    if (!isStorableId(cohortId) || !isStorableId(applicationId)) return [];
    const { resources } = await this.container.items
      .query(
        {
          query: "SELECT * FROM c WHERE c.type = 'audit' AND c.applicationId = @applicationId",
          parameters: [{ name: '@applicationId', value: applicationId }],
        },
        { partitionKey: cohortId },
      )
      .fetchAll();
    return resources
      .map((d) => withoutSystem(AuditDoc.parse(d)))
      .sort((a, b) => (a.at === b.at ? 0 : a.at < b.at ? -1 : 1));
  }

  /**
   * The guarded writes first, then the audit event and the outbox messages. Real Cosmos DB applies the batch
   * atomically; the embedded server stops at the first failure, so a refused guard writes nothing there too.
   * When the answer is lost (a reset, a timeout, a 5xx), the store is read back before anything is thrown.
   */
  private async batch(application: Application, audit: AuditEvent | null, notifications: readonly Notification[], writes: OperationInput[]): Promise<Versioned<Application>> {
    if (audit && (audit.applicationId !== application.id || audit.cohortId !== application.cohortId)) {
      throw new Error('audit event does not belong to the application it is written with');
    }
    if (notifications.some((n) => n.cohortId !== application.cohortId || n.applicationId !== application.id)) {
      throw new Error('notification does not belong to the application it is written with');
    }
    const pk = application.cohortId;
    const at = audit?.at ?? application.updatedAt;
    const outbox = notifications.map((n): OutboxMessage & { type: 'outbox' } => ({
      ...n,
      type: 'outbox',
      id: outboxId(n.idempotencyKey),
      status: 'pending',
      attempts: 0,
      dueAt: n.dueAt ?? at,
      createdAt: at,
    }));
    const operations: OperationInput[] = [
      ...writes,
      ...(audit ? [{ operationType: 'Create', resourceBody: body({ ...audit, type: 'audit' }) } as OperationInput] : []),
      ...outbox.map((o): OperationInput => ({ operationType: 'Create', resourceBody: body(o) })),
    ].map((op) => ({ ...op, partitionKey: pk }) as OperationInput);
    if (operations.length > 100) throw new Error(`a batch holds at most 100 operations, not ${operations.length}`);

    let response: Response<OperationResponse[]>;
    try {
      response = await this.container.items.batch(operations, pk);
    } catch (e) {
      // The answer is lost, not necessarily the write. The batch is all or nothing, so the application as we wrote
      // it beside its audit event means it was applied (without an audit event: beside its last message, which
      // only has to exist, as the outbox worker may have claimed it since). Then answer as if we had heard so,
      // rather than telling the person that what they did failed.
      const written = body({ ...application, type: 'application' });
      const lastMessage = outbox.at(-1);
      const beside: { id: string; doc?: JSONObject } | undefined = audit ? { id: audit.id, doc: body({ ...audit, type: 'audit' }) } : lastMessage ? { id: lastMessage.id } : undefined;
      return settleAmbiguousWrite(e, async (read) => {
        const [stored, other] = await Promise.all([read(this.container, application.id, pk), beside ? read(this.container, beside.id, pk) : undefined]);
        if (!sameDocument(stored, written)) return undefined;
        if (beside && (other === undefined || (beside.doc !== undefined && !sameDocument(other, beside.doc)))) return undefined;
        return toVersioned(stored);
      });
    }
    const results = response.result ?? [];
    const failed = results.findIndex((r) => r.statusCode >= 400 && r.statusCode !== 424);
    if (failed >= 0) {
      const status = results[failed]?.statusCode;
      // 404: the application to replace is gone, which is someone else's change as much as a stale ETag is.
      if (failed < writes.length && (status === 412 || status === 404)) throw new ConcurrencyConflict('application', application.id);
      if (failed < writes.length && status === 409) throw new AlreadyExists('application', application.id);
      throw new Error(`application batch failed at operation ${failed} with status ${status}`);
    }
    const written = results[writes.length - 1];
    if (!written || results.length !== operations.length) throw new Error('application batch returned no result');
    return toVersioned(written.resourceBody);
  }
}
