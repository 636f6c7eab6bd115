import type { Container, JSONObject } from '@azure/cosmos';
import type { FollowUpRecord, FollowUpRound } from '../../domain/follow-up';
import { isStorableId } from '../../domain/ids';
import type { FollowUpRepository, Versioned } from '../../domain/ports';
import { FollowUpDoc, followUpId, withoutSystem } from './documents';
import { statusOf, translateWriteError } from './errors';

/**
 * The follow-up rounds beside the cohort's applications (its partition), one document per round, written with its
 * ETag. Read straight from the store, never through a turn's memory: an answer counts at once.
 */
export class CosmosFollowUpRepository implements FollowUpRepository {
  constructor(private readonly container: Container) {}

  async get(cohortId: string, round: FollowUpRound): Promise<Versioned<FollowUpRecord> | null> {
    if (!isStorableId(cohortId)) return null;
    try {
      const { resource } = await this.container.item(followUpId(round), cohortId).read();
      if (!resource || (resource as { type?: unknown }).type !== 'followUp') return null;
      const doc = FollowUpDoc.parse(resource);
      const { id: _id, ...record } = withoutSystem(doc);
      return { value: record, etag: doc._etag };
    } catch (e) {
      if (statusOf(e) === 404) return null;
      throw e;
    }
  }

  async save(record: FollowUpRecord, expectedEtag?: string): Promise<Versioned<FollowUpRecord>> {
    const id = followUpId(record.round);
    const body = JSON.parse(JSON.stringify({ ...record, type: 'followUp', id })) as JSONObject;
    try {
      const response = expectedEtag
        ? await this.container.item(id, record.cohortId).replace(body, { accessCondition: { type: 'IfMatch', condition: expectedEtag } })
        : await this.container.items.create(body);
      const doc = FollowUpDoc.parse(response.resource);
      const { id: _id, ...stored } = withoutSystem(doc);
      return { value: stored, etag: doc._etag };
    } catch (e) {
      return translateWriteError(e, 'followUp', `${record.cohortId}/${id}`);
    }
  }
}
