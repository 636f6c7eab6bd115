import { queryAll } from './query';
import type { Container, JSONObject, OperationInput, OperationResponse, Response } from '@azure/cosmos';
import type { AuditEvent } from '../../domain/audit-event';
import { AlreadyExists, ConcurrencyConflict } from '../../domain/errors';
import { isStorableId } from '../../domain/ids';
import type { JurorRecusal, JurorScore, JuryRepository, Versioned } from '../../domain/ports';
import { RecusalDoc, ScoreDoc, recusalId, scoreId, withoutSystem } from './documents';
import { sameDocument, settleAmbiguousWrite } from './read-back';

const body = (value: object): JSONObject => JSON.parse(JSON.stringify(value)) as JSONObject;

/** Scores and recusals live beside their applications (the cohort's partition), with their audit events. */
export class CosmosJuryRepository implements JuryRepository {
  constructor(private readonly container: Container) {}

  async scores(cohortId: string): Promise<readonly JurorScore[]> {
    if (!isStorableId(cohortId)) return [];
    const found = await queryAll(this.container, "SELECT * FROM c WHERE c.type = 'score' AND c.cohortId = @c", { c: cohortId }, cohortId);
    return found.map((r) => {
      const { id: _id, ...score } = withoutSystem(ScoreDoc.parse(r));
      return score;
    });
  }

  async scoreOf(cohortId: string, applicationId: string, jurorId: string): Promise<Versioned<JurorScore> | null> {
    const id = scoreId(applicationId, jurorId);
    if (!isStorableId(cohortId) || !isStorableId(id)) return null;
    const { resource } = await this.container.item(id, cohortId).read();
    if (!resource || resource.type !== 'score') return null;
    const doc = ScoreDoc.parse(resource);
    const { id: _id, ...score } = withoutSystem(doc);
    return { value: score, etag: doc._etag };
  }

  async recusals(cohortId: string): Promise<readonly JurorRecusal[]> {
    if (!isStorableId(cohortId)) return [];
    const found = await queryAll(this.container, "SELECT * FROM c WHERE c.type = 'recusal' AND c.cohortId = @c", { c: cohortId }, cohortId);
    return found.map((r) => {
      const { id: _id, type: _t, ...recusal } = RecusalDoc.parse(r);
      return recusal;
    });
  }

  async saveScore(score: JurorScore, audit: AuditEvent, expectedEtag?: string): Promise<void> {
    const id = scoreId(score.applicationId, score.jurorId);
    const doc = body({ ...score, type: 'score', id });
    const auditDoc = body({ ...audit, type: 'audit' });
    // The guarded write first: when it loses (409 or 412), the batch stops there and the audit event is not written.
    await this.batch(score.cohortId, [
      expectedEtag ? { operationType: 'Replace', id, resourceBody: doc, ifMatch: expectedEtag } : { operationType: 'Create', resourceBody: doc },
      { operationType: 'Create', resourceBody: auditDoc },
    ], 'score', [doc, auditDoc]);
  }

  async saveRecusal(recusal: JurorRecusal, audit: AuditEvent): Promise<void> {
    const doc = body({ ...recusal, type: 'recusal', id: recusalId(recusal.applicationId, recusal.jurorId) });
    const auditDoc = body({ ...audit, type: 'audit' });
    await this.batch(recusal.cohortId, [
      { operationType: 'Create', resourceBody: doc },
      { operationType: 'Create', resourceBody: auditDoc },
    ], 'recusal', [doc, auditDoc]);
  }

  /** `written`: the documents the batch writes, each with its id, to read back when its answer is lost. */
  private async batch(pk: string, operations: OperationInput[], what: string, written: readonly JSONObject[]): Promise<void> {
    let response: Response<OperationResponse[]>;
    try {
      response = await this.container.items.batch(operations.map((o) => ({ ...o, partitionKey: pk }) as OperationInput), pk);
    } catch (e) {
      // The answer is lost, not necessarily the write: the batch is all or nothing, so when every document in it
      // is stored as we wrote it (the score or recusal and its audit event), it was applied.
      await settleAmbiguousWrite(e, async (read) => {
        const stored = await Promise.all(written.map((doc) => read(this.container, String(doc.id), pk)));
        return written.length > 0 && written.every((doc, i) => sameDocument(stored[i], doc)) ? true : undefined;
      });
      return;
    }
    const failed = (response.result ?? []).find((r) => r.statusCode >= 400 && r.statusCode !== 424);
    if (failed?.statusCode === 409) throw new AlreadyExists(what, pk);
    if (failed?.statusCode === 412 || failed?.statusCode === 404) throw new ConcurrencyConflict(what, pk);
    if (failed) throw new Error(`${what} batch failed with status ${failed.statusCode}`);
  }
}
