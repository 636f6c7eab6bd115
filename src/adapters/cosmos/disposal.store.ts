import type { Container, JSONObject, OperationInput } from '@azure/cosmos';
import { z } from 'zod';
import type { Application } from '../../domain/application';
import { ConcurrencyConflict } from '../../domain/errors';
import { isStorableId } from '../../domain/ids';
import type { DisposalStore, Versioned } from '../../domain/ports';
import type { DisposalRecord } from '../../domain/retention';
import { countChanges } from '../../domain/tally';
import { countsPatches } from './application.queries';
import { applicationKey } from './application.repository';
import { ApplicantIndexDoc, DisposalDoc, applicantIndexId, withoutSystem } from './documents';
import { statusOf, translateWriteError } from './errors';
import { queryAll } from './query';
import { forget } from './turn-cache';

/** The documents that follow an application and go with it (ADR 0018): its audit trail, jury scores and recusals, messages. */
const FOLLOWERS = "c.applicationId = @applicationId AND c.type IN ('audit', 'score', 'recusal', 'outbox')";
const Follower = z.object({ id: z.string() });

function toVersioned(doc: unknown): Versioned<DisposalRecord> {
  const parsed = DisposalDoc.parse(doc);
  return { value: withoutSystem(parsed), etag: parsed._etag };
}

/**
 * Disposal runs and the disposal write, in the `applications` container and the cohort's partition (ADR 0002): the
 * application is deleted guarded by the version it was decided on, first in one transactional batch with everything
 * that follows it and the counters it leaves, so that a lost race or a changed application disposes of nothing.
 */
export class CosmosDisposalStore implements DisposalStore {
  constructor(private readonly container: Container) {}

  async get(cohortId: string, id: string): Promise<Versioned<DisposalRecord> | null> {
    if (!isStorableId(cohortId) || !isStorableId(id)) return null;
    try {
      const { resource } = await this.container.item(id, cohortId).read();
      return resource && (resource as { type?: unknown }).type === 'disposal' ? toVersioned(resource) : null;
    } catch (e) {
      if (statusOf(e) === 404) return null;
      throw e;
    }
  }

  async save(record: DisposalRecord, expectedEtag?: string): Promise<Versioned<DisposalRecord>> {
    const body = JSON.parse(JSON.stringify({ ...record, type: 'disposal' })) as JSONObject;
    try {
      const response = expectedEtag
        ? await this.container.item(record.id, record.cohortId).replace(body, { accessCondition: { type: 'IfMatch', condition: expectedEtag } })
        : await this.container.items.create(body);
      return toVersioned(response.resource);
    } catch (e) {
      return translateWriteError(e, 'disposal', `${record.cohortId}/${record.id}`);
    }
  }

  async recent(cohortId: string, limit: number): Promise<readonly DisposalRecord[]> {
    if (!isStorableId(cohortId)) return [];
    const found = await queryAll(this.container, "SELECT TOP @limit * FROM c WHERE c.type = 'disposal' ORDER BY c.runAt DESC", { limit }, cohortId);
    return found.map((d) => toVersioned(d).value);
  }

  async dispose(stored: Versioned<Application>): Promise<void> {
    const application = stored.value;
    const pk = application.cohortId;
    const followers = (await queryAll(this.container, `SELECT c.id FROM c WHERE ${FOLLOWERS}`, { applicationId: application.id }, pk)).map((d) => Follower.parse(d).id);
    const index = await this.container
      .item(applicantIndexId(application.applicantId), pk)
      .read()
      .then((r) => (r.resource ? ApplicantIndexDoc.parse(r.resource) : null))
      .catch((e: unknown) => {
        if (statusOf(e) === 404) return null;
        throw e;
      });
    const operations: OperationInput[] = [
      { operationType: 'Delete', id: application.id, ifMatch: stored.etag },
      ...(index && index.applicationId === application.id ? [{ operationType: 'Delete' as const, id: index.id }] : []),
      ...followers.map((id): OperationInput => ({ operationType: 'Delete', id })),
      ...countsPatches(countChanges(null, application).map((c) => ({ ...c, by: -c.by }))),
    ].map((op) => ({ ...op, partitionKey: pk }) as OperationInput);
    // An application has a few dozen documents at most; more would not fit one all-or-nothing batch.
    if (operations.length > 100) throw new Error(`disposal of ${application.id} needs ${operations.length} operations, more than one batch holds`);
    forget(applicationKey(pk, application.id));
    const response = await this.container.items.batch(operations, pk);
    const results = response.result ?? [];
    const failed = results.findIndex((r) => r.statusCode >= 400 && r.statusCode !== 424);
    if (failed === 0 && (results[0]?.statusCode === 412 || results[0]?.statusCode === 404)) throw new ConcurrencyConflict('application', application.id);
    if (failed >= 0) throw new Error(`disposal batch failed at operation ${failed} with status ${results[failed]?.statusCode}`);
  }
}
