import type { Container, JSONObject, OperationInput, OperationResponse, Response } from '@azure/cosmos';
import type { AuditEvent } from '../../domain/audit-event';
import { AlreadyExists, ConcurrencyConflict } from '../../domain/errors';
import { isStorableId } from '../../domain/ids';
import type { ApplicationChange, JurorRecusal, JurorScore, JuryRepository, Versioned } from '../../domain/ports';
import { countChanges } from '../../domain/tally';
import { countsPatches } from './application.queries';
import { applicationKey, toVersioned } from './application.repository';
import { forget, readOnce, remember } from './turn-cache';
import { RecusalDoc, ScoreDoc, applicationBody, recusalId, scoreId, withoutSystem } from './documents';
import { sameDocument, settleAmbiguousWrite } from './read-back';

const body = (value: object): JSONObject => JSON.parse(JSON.stringify(value)) as JSONObject;

/**
 * Scores and recusals live beside their applications (the cohort's partition), with their audit events. Each is
 * written in one batch with the application's jury summary and the counters it moves, the application's guard
 * first: another juror's score at the same time loses there and writes nothing.
 */
export class CosmosJuryRepository implements JuryRepository {
  constructor(private readonly container: Container) {}

  async scoreOf(cohortId: string, applicationId: string, jurorId: string): Promise<Versioned<JurorScore> | null> {
    const id = scoreId(applicationId, jurorId);
    if (!isStorableId(cohortId) || !isStorableId(id)) return null;
    return readOnce(`score/${cohortId}/${id}`, async () => {
      const { resource } = await this.container.item(id, cohortId).read();
      if (!resource || resource.type !== 'score') return null;
      const doc = ScoreDoc.parse(resource);
      const { id: _id, ...score } = withoutSystem(doc);
      return { value: score, etag: doc._etag };
    });
  }

  async recusalOf(cohortId: string, applicationId: string, jurorId: string): Promise<JurorRecusal | null> {
    const id = recusalId(applicationId, jurorId);
    if (!isStorableId(cohortId) || !isStorableId(id)) return null;
    const { resource } = await this.container.item(id, cohortId).read();
    if (!resource || resource.type !== 'recusal') return null;
    const { id: _id, type: _t, ...recusal } = RecusalDoc.parse(resource);
    return recusal;
  }

  async saveScore(score: JurorScore, audit: AuditEvent, application: Omit<ApplicationChange, 'audit' | 'notifications'>): Promise<void> {
    const id = scoreId(score.applicationId, score.jurorId);
    const doc = body({ ...score, type: 'score', id });
    const auditDoc = body({ ...audit, type: 'audit' });
    const appDoc = applicationBody(application.application);
    // The guarded write first: when it loses (412), the batch stops there and neither score nor audit event is written.
    await this.batch(score.cohortId, [
      { operationType: 'Replace', id: application.application.id, resourceBody: appDoc, ifMatch: application.previous.etag },
      { operationType: 'Upsert', resourceBody: doc },
      { operationType: 'Create', resourceBody: auditDoc },
      ...countsPatches(countChanges(application.previous.value, application.application)),
    ], 'score', [appDoc, doc, auditDoc]);
    remember(`score/${score.cohortId}/${id}`, { value: score, etag: '' });
  }

  async saveRecusal(recusal: JurorRecusal, audit: AuditEvent, application: Omit<ApplicationChange, 'audit' | 'notifications'>): Promise<void> {
    const doc = body({ ...recusal, type: 'recusal', id: recusalId(recusal.applicationId, recusal.jurorId) });
    const auditDoc = body({ ...audit, type: 'audit' });
    const appDoc = applicationBody(application.application);
    await this.batch(recusal.cohortId, [
      { operationType: 'Replace', id: application.application.id, resourceBody: appDoc, ifMatch: application.previous.etag },
      { operationType: 'Create', resourceBody: doc },
      { operationType: 'Create', resourceBody: auditDoc },
      ...countsPatches(countChanges(application.previous.value, application.application)),
    ], 'recusal', [appDoc, doc, auditDoc]);
  }

  /**
   * `written`: the documents the batch writes, each with its id, to read back when its answer is lost; the first is
   * the application, which the turn forgets whatever the answer and remembers as written when the batch succeeds.
   */
  private async batch(pk: string, operations: OperationInput[], what: string, written: readonly JSONObject[]): Promise<void> {
    const application = written[0];
    if (application) forget(applicationKey(pk, String(application.id)));
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
    // A recusal already there (409) is final; a score or application changed meanwhile (409, 412, 404) is a lost race.
    if (failed?.statusCode === 409) throw new AlreadyExists(what, pk);
    if (failed?.statusCode === 412 || failed?.statusCode === 404) throw new ConcurrencyConflict(what, pk);
    if (failed) throw new Error(`${what} batch failed with status ${failed.statusCode}`);
    const stored = response.result?.[0]?.resourceBody;
    if (application && stored) remember(applicationKey(pk, String(application.id)), toVersioned(stored));
  }
}
