import type { Container, JSONObject, OperationInput, OperationResponse, Response } from '@azure/cosmos';
import { z } from 'zod';
import { AlreadyExists, ConcurrencyConflict } from '../../domain/errors';
import { isStorableId } from '../../domain/ids';
import type { Notification } from '../../domain/notification';
import type { RecommendationRepository, Versioned } from '../../domain/ports';
import { RECOMMENDATION_STATUSES, type Recommendation } from '../../domain/recommendation';
import { outboxId, withoutSystem } from './documents';
import { ambiguous } from './read-back';

/** A manager's recommendation, in the cohort's partition of `applications` (ADR 0002), parsed on every read. */
export const RecommendationDoc = z.object({
  type: z.literal('recommendation'),
  id: z.string(),
  cohortId: z.string(),
  personId: z.string(),
  personName: z.string(),
  recommenderId: z.string(),
  recommenderName: z.string(),
  reason: z.string(),
  at: z.string(),
  status: z.enum(RECOMMENDATION_STATUSES),
  declinedAt: z.string().optional(),
  _etag: z.string(),
});

/** One per person in a cohort's partition: a second recommendation of the same person collides on it (409). */
export const recommendationId = (personId: string) => `recommendation:${personId}`;

const body = (value: object): JSONObject => JSON.parse(JSON.stringify(value)) as JSONObject;

function toVersioned(doc: unknown): Versioned<Recommendation> {
  const parsed = RecommendationDoc.parse(doc);
  const { id: _id, ...rest } = withoutSystem(parsed);
  return { value: rest, etag: parsed._etag };
}

/**
 * Recommendations and the messages they cause, written in one transactional batch (the outbox, ADR 0005): the
 * recommendation first (a Create that fails on a taken id, or a Replace guarded by its ETag), then its messages.
 */
export class CosmosRecommendationRepository implements RecommendationRepository {
  /** `enqueued` wakes the delivery worker after a write that added messages. */
  constructor(
    private readonly container: Container,
    private readonly enqueued: () => void = () => undefined,
  ) {}

  async get(cohortId: string, personId: string): Promise<Versioned<Recommendation> | null> {
    if (!isStorableId(cohortId) || !isStorableId(personId)) return null;
    const { resource } = await this.container.item(recommendationId(personId), cohortId).read();
    return resource && resource.type === 'recommendation' ? toVersioned(resource) : null;
  }

  create(recommendation: Recommendation, notifications: readonly Notification[]): Promise<Versioned<Recommendation>> {
    return this.write(recommendation, undefined, notifications);
  }

  update(recommendation: Recommendation, expectedEtag: string, notifications: readonly Notification[]): Promise<Versioned<Recommendation>> {
    return this.write(recommendation, expectedEtag, notifications);
  }

  private async write(r: Recommendation, etag: string | undefined, notifications: readonly Notification[]): Promise<Versioned<Recommendation>> {
    const pk = r.cohortId;
    if (!isStorableId(pk) || !isStorableId(r.personId)) throw new Error('a recommendation needs storable ids');
    if (notifications.some((n) => n.cohortId !== pk)) throw new Error('a message of a recommendation belongs to its cohort');
    const doc = body({ ...r, type: 'recommendation', id: recommendationId(r.personId) });
    const at = r.declinedAt ?? r.at;
    const guarded: OperationInput = etag ? { operationType: 'Replace', id: recommendationId(r.personId), resourceBody: doc, ifMatch: etag } : { operationType: 'Create', resourceBody: doc };
    const operations: OperationInput[] = [
      guarded,
      ...notifications.map(
        (n): OperationInput => ({ operationType: 'Create', resourceBody: body({ ...n, type: 'outbox', id: outboxId(n.idempotencyKey), status: 'pending', attempts: 0, dueAt: n.dueAt ?? at, createdAt: at }) }),
      ),
    ].map((op) => ({ ...op, partitionKey: pk }) as OperationInput);
    let response: Response<OperationResponse[]>;
    try {
      response = await this.container.items.batch(operations, pk);
    } catch (e) {
      // The answer is lost, not necessarily the write (the batch is all or nothing): the recommendation as we wrote it
      // means it was applied.
      if (!ambiguous(e)) throw e;
      const stored = await this.get(pk, r.personId);
      const v = stored?.value;
      if (stored && v?.recommenderId === r.recommenderId && v.at === r.at && v.status === r.status && v.declinedAt === r.declinedAt) return stored;
      throw e;
    }
    const results = response.result ?? [];
    const failed = results.findIndex((x) => x.statusCode >= 400 && x.statusCode !== 424);
    if (failed >= 0) {
      const status = results[failed]?.statusCode;
      if (failed === 0 && status === 409) throw new AlreadyExists('recommendation', r.personId);
      if (failed === 0 && (status === 412 || status === 404)) throw new ConcurrencyConflict('recommendation', r.personId);
      throw new Error(`recommendation batch failed at operation ${failed} with status ${status}`);
    }
    if (notifications.length > 0) this.enqueued();
    return toVersioned(results[0]?.resourceBody);
  }
}
