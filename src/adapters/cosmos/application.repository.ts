import type { Container, OperationInput } from '@azure/cosmos';
import type { Application } from '../../domain/application';
import type { AuditEvent } from '../../domain/audit-event';
import { AlreadyExists, ConcurrencyConflict } from '../../domain/errors';
import type { ApplicationRepository, Versioned } from '../../domain/ports';
import { ApplicationDoc, AuditDoc, withoutSystem } from './documents';
import { statusOf } from './errors';

function toVersioned(doc: unknown): Versioned<Application> {
  const parsed = ApplicationDoc.parse(doc);
  return { value: withoutSystem(parsed), etag: parsed._etag };
}

/**
 * Applications and audit events share the `applications` container and the cohort partition, so a change
 * and its audit event go in one transactional batch: the guarded replace first, then the audit create.
 */
export class CosmosApplicationRepository implements ApplicationRepository {
  constructor(private readonly container: Container) {}

  async get(cohortId: string, id: string): Promise<Versioned<Application> | null> {
    const { resource } = await this.container.item(id, cohortId).read();
    return resource && resource.type === 'application' ? toVersioned(resource) : null;
  }

  async findByApplicant(cohortId: string, applicantId: string): Promise<Versioned<Application> | null> {
    const { resources } = await this.container.items
      .query(
        {
          query: "SELECT * FROM c WHERE c.type = 'application' AND c.cohortId = @cohortId AND c.applicantId = @applicantId",
          parameters: [
            { name: '@cohortId', value: cohortId },
            { name: '@applicantId', value: applicantId },
          ],
        },
        { partitionKey: cohortId },
      )
      .fetchAll();
    return resources[0] ? toVersioned(resources[0]) : null;
  }

  async listByCohort(cohortId: string): Promise<readonly Application[]> {
    const { resources } = await this.container.items
      .query({ query: "SELECT * FROM c WHERE c.type = 'application' AND c.cohortId = @cohortId", parameters: [{ name: '@cohortId', value: cohortId }] }, { partitionKey: cohortId })
      .fetchAll();
    return resources.map((d) => toVersioned(d).value);
  }

  async create(application: Application, audit: AuditEvent): Promise<Versioned<Application>> {
    return this.batch(application, audit, { operationType: 'Create', resourceBody: { ...application, type: 'application' } });
  }

  async update(application: Application, expectedEtag: string, audit: AuditEvent): Promise<Versioned<Application>> {
    return this.batch(application, audit, {
      operationType: 'Replace',
      id: application.id,
      resourceBody: { ...application, type: 'application' },
      ifMatch: expectedEtag,
    });
  }

  async auditTrail(cohortId: string, applicationId: string): Promise<readonly AuditEvent[]> {
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

  private async batch(application: Application, audit: AuditEvent, write: OperationInput): Promise<Versioned<Application>> {
    if (audit.applicationId !== application.id || audit.cohortId !== application.cohortId) {
      throw new Error('audit event does not belong to the application it is written with');
    }
    const pk = application.cohortId;
    const operations: OperationInput[] = [
      { ...write, partitionKey: pk } as OperationInput,
      { operationType: 'Create', partitionKey: pk, resourceBody: { ...audit, type: 'audit' } },
    ];
    const response = await this.container.items.batch(operations, pk);
    const results = response.result ?? [];
    const first = results[0];
    if (first && first.statusCode >= 400) {
      if (first.statusCode === 412) throw new ConcurrencyConflict('application', application.id);
      if (first.statusCode === 409) throw new AlreadyExists('application', application.id);
      throw new Error(`application write failed with status ${first.statusCode}`);
    }
    const second = results[1];
    if (!second || second.statusCode >= 400 || !first) {
      throw new Error(`audit write failed with status ${second?.statusCode ?? statusOf(response) ?? 'unknown'}`);
    }
    return toVersioned(first.resourceBody);
  }
}
