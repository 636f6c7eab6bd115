import type { Container, JSONObject, OperationInput } from '@azure/cosmos';
import { ConcurrencyConflict } from '../../domain/errors';
import { OUTBOX_STATUSES, type Notification, type OutboxMessage, type OutboxStatus } from '../../domain/notification';
import { isStorableId } from '../../domain/ids';
import type { OutboxStore, Versioned } from '../../domain/ports';
import { OutboxDoc, outboxId, withoutSystem } from './documents';
import { statusOf } from './errors';
import { NOT_RECORD_TTL_SECONDS } from './containers';
import { queryAll } from './query';
import { chunks, inParallel } from '../../use-cases/pages';

/** Creates per bulk request, and bulk requests at once (ADR 0002). */
const BULK_SIZE = 100;
const BULK_IN_FLIGHT = 4;

/** A campaign's announcements: its key is in the payload (domain/announcement.ts). */
const CAMPAIGN = "c.type = 'outbox' AND c.kind = 'announcement' AND c.payload.campaignId = @campaignId";

function toVersioned(doc: unknown): Versioned<OutboxMessage> {
  const parsed = OutboxDoc.parse(doc);
  return { value: withoutSystem(parsed), etag: parsed._etag };
}

/**
 * The outbox documents in the `applications` container, partitioned by cohort (they are created there by
 * CosmosApplicationRepository in the batch of the change that caused them; docs/decisions/0005).
 *
 * `due` is a cross-partition query (TOP n ... ORDER BY dueAt): the outbox is small at any instant (pending and
 * in-flight messages only match), and the default indexing policy covers `type`, `status`, `dueAt` and
 * `leaseUntil`. The embedded server supports TOP and ORDER BY across partitions (not OFFSET/LIMIT).
 */
export class CosmosOutboxStore implements OutboxStore {
  /** `enqueued` is called after an enqueue that added messages (the app wakes its delivery worker with it). */
  constructor(
    private readonly container: Container,
    private readonly enqueued: () => void = () => undefined,
  ) {}

  async due(now: Date, limit: number): Promise<readonly Versioned<OutboxMessage>[]> {
    if (!Number.isInteger(limit) || limit <= 0) throw new Error(`due: limit must be a positive integer, got ${limit}`);
    const resources = await queryAll(
      this.container,
      "SELECT TOP @limit * FROM c WHERE c.type = 'outbox' AND ((c.status = 'pending' AND c.dueAt <= @now) OR (c.status = 'sending' AND c.leaseUntil <= @now)) ORDER BY c.dueAt",
      { limit, now: now.toISOString() },
    );
    return resources.map(toVersioned);
  }

  async inFlight(limit: number): Promise<readonly Versioned<OutboxMessage>[]> {
    if (!Number.isInteger(limit) || limit <= 0) throw new Error(`inFlight: limit must be a positive integer, got ${limit}`);
    const resources = await queryAll(this.container, "SELECT TOP @limit * FROM c WHERE c.type = 'outbox' AND c.status = 'sending' ORDER BY c.dueAt", { limit });
    return resources.map(toVersioned);
  }

  async get(cohortId: string, id: string): Promise<Versioned<OutboxMessage> | null> {
    if (!isStorableId(cohortId) || !isStorableId(id)) return null;
    const { resource } = await this.container.item(id, cohortId).read();
    return resource && resource.type === 'outbox' ? toVersioned(resource) : null;
  }

  /** A 412 (stale ETag) or 404 (the document is gone) means someone else changed it: ConcurrencyConflict. */
  async replace(message: OutboxMessage, expectedEtag: string): Promise<Versioned<OutboxMessage>> {
    // Delivered (or nothing to deliver any more): not a record, so Cosmos DB forgets it NOT_RECORD_TTL_SECONDS later
    // (ADR 0018). Failed and unreachable ones stay: coordinators are told about them.
    const expires = message.status === 'sent' || message.status === 'cancelled';
    const body = { ...OutboxDoc.omit({ _etag: true }).parse({ ...message, type: 'outbox' }), ...(expires ? { ttl: NOT_RECORD_TTL_SECONDS } : {}) };
    try {
      const { resource } = await this.container.item(message.id, message.cohortId).replace(body, { accessCondition: { type: 'IfMatch', condition: expectedEtag } });
      return toVersioned(resource);
    } catch (e) {
      const status = statusOf(e);
      if (status === 412 || status === 404) throw new ConcurrencyConflict('outbox', message.id);
      throw e;
    }
  }

  async enqueue(notifications: readonly Notification[], at: Date): Promise<void> {
    const iso = at.toISOString();
    const creates = notifications.map((n): OperationInput => {
      const doc = { ...n, type: 'outbox', id: outboxId(n.idempotencyKey), status: 'pending', attempts: 0, dueAt: n.dueAt ?? iso, createdAt: iso };
      return { operationType: 'Create', partitionKey: n.cohortId, resourceBody: JSON.parse(JSON.stringify(doc)) as JSONObject };
    });
    // Thousands at a selection lock: a hundred creates to a request (bulk, not all-or-nothing), a few requests at once.
    await inParallel(chunks(creates, BULK_SIZE), BULK_IN_FLIGHT, async (chunk) => {
      const results = await this.container.items.bulk(chunk, { continueOnError: true });
      // 409: already enqueued, which is what idempotent means here.
      const failed = results.find((r) => r.statusCode >= 400 && r.statusCode !== 409);
      if (failed) throw new Error(`outbox enqueue failed with status ${failed.statusCode}`);
    });
    if (notifications.length > 0) this.enqueued();
  }

  async campaignCounts(cohortId: string, campaignId: string): Promise<Partial<Record<OutboxStatus, number>>> {
    if (!isStorableId(cohortId) || !isStorableId(campaignId)) return {};
    const counted = await Promise.all(
      OUTBOX_STATUSES.map(async (status) => {
        const [n] = await queryAll(this.container, `SELECT VALUE COUNT(1) FROM c WHERE ${CAMPAIGN} AND c.status = @status`, { campaignId, status }, cohortId);
        return [status, typeof n === 'number' ? n : 0] as const;
      }),
    );
    return Object.fromEntries(counted.filter(([, n]) => n > 0));
  }

  async campaignFailures(cohortId: string, campaignId: string, limit: number): Promise<readonly OutboxMessage[]> {
    if (!isStorableId(cohortId) || !isStorableId(campaignId)) return [];
    const resources = await queryAll(this.container, `SELECT TOP @limit * FROM c WHERE ${CAMPAIGN} AND c.status IN ('failed', 'unreachable') ORDER BY c.recipientId`, { campaignId, limit }, cohortId);
    return resources.map((d) => toVersioned(d).value);
  }

  async forApplication(cohortId: string, applicationId: string): Promise<readonly OutboxMessage[]> {
    if (!isStorableId(cohortId) || !isStorableId(applicationId)) return [];
    const resources = await queryAll(this.container, "SELECT * FROM c WHERE c.type = 'outbox' AND c.applicationId = @applicationId", { applicationId }, cohortId);
    return resources
      .map((d) => toVersioned(d).value)
      .sort((a, b) => (a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt < b.createdAt ? -1 : 1));
  }
}
