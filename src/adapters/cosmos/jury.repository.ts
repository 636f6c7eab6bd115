import type { Container, JSONObject } from '@azure/cosmos';
import type { AuditEvent } from '../../domain/audit-event';
import { isStorableId } from '../../domain/ids';
import type { ApplicationChange, JurorRecusal, JurorScore, JuryRepository, Page, Versioned } from '../../domain/ports';
import { writeApplications } from './application.repository';
import { pageSize } from './application.queries';
import { queryAll } from './query';
import { readOnce, remember } from './turn-cache';
import { RecusalDoc, ScoreDoc, recusalId, scoreId, withoutSystem } from './documents';

const body = (value: object): JSONObject => JSON.parse(JSON.stringify(value)) as JSONObject;

/**
 * Scores and recusals live beside their applications (the cohort's partition), with their audit events. Each is
 * written in the application's own batch (writeApplications) with its jury summary and the counters it moves, the
 * application's guard first: another juror's score at the same time loses there and writes nothing.
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

  async scoresIn(cohortId: string, size: number, after?: string): Promise<Page<JurorScore, string>> {
    if (!isStorableId(cohortId)) return { items: [] };
    const afterClause = after === undefined ? '' : ' AND c.id > @after';
    const found = await queryAll(this.container, `SELECT TOP ${pageSize(size) + 1} * FROM c WHERE c.type = 'score' AND c.cohortId = @cohortId${afterClause} ORDER BY c.id ASC`, { cohortId, ...(after === undefined ? {} : { after }) }, cohortId);
    const docs = found.map((d) => ScoreDoc.parse(d));
    const items = docs.slice(0, size);
    const last = items.at(-1);
    const scores = items.map((doc) => {
      const { id: _id, ...score } = withoutSystem(doc);
      return score;
    });
    return docs.length > size && last ? { items: scores, next: last.id } : { items: scores };
  }

  async recusalsIn(cohortId: string, limit: number): Promise<readonly JurorRecusal[]> {
    if (!isStorableId(cohortId)) return [];
    const found = await queryAll(this.container, `SELECT TOP ${pageSize(limit)} * FROM c WHERE c.type = 'recusal' AND c.cohortId = @cohortId ORDER BY c.id ASC`, { cohortId }, cohortId);
    return found.map((doc) => {
      const { id: _id, type: _t, ...recusal } = RecusalDoc.parse(doc);
      return recusal;
    });
  }

  async onApplication(cohortId: string, applicationId: string): Promise<{ readonly scores: readonly JurorScore[]; readonly recusals: readonly JurorRecusal[] }> {
    if (!isStorableId(cohortId) || !isStorableId(applicationId)) return { scores: [], recusals: [] };
    const found = await queryAll(
      this.container,
      'SELECT * FROM c WHERE c.applicationId = @applicationId AND ARRAY_CONTAINS(@types, c.type)',
      { applicationId, types: ['score', 'recusal'] },
      cohortId,
    );
    const scores: JurorScore[] = [];
    const recusals: JurorRecusal[] = [];
    for (const resource of found) {
      const typed = resource as { type?: unknown };
      if (typed.type === 'score') {
        const { id: _id, ...score } = withoutSystem(ScoreDoc.parse(resource));
        scores.push(score);
      } else {
        const { id: _id, type: _t, ...recusal } = RecusalDoc.parse(resource);
        recusals.push(recusal);
      }
    }
    // In juror order, sorted here: a jury is tens of people, and an ORDER BY would make the server sort its index.
    const byJuror = <T extends { jurorId: string }>(a: T, b: T) => a.jurorId.localeCompare(b.jurorId);
    return { scores: scores.sort(byJuror), recusals: recusals.sort(byJuror) };
  }

  async saveScore(score: JurorScore, audit: AuditEvent, application: Omit<ApplicationChange, 'audit' | 'notifications'>): Promise<void> {
    const id = scoreId(score.applicationId, score.jurorId);
    // Upserted: the application's guard in the same batch orders every score of it, so the score needs none of its own.
    await writeApplications(this.container, [{ ...application, audit }], { then: [{ operationType: 'Upsert', resourceBody: body({ ...score, type: 'score', id }) }] });
    remember(`score/${score.cohortId}/${id}`, { value: score, etag: '' });
  }

  /** A recusal already there answers 409: AlreadyExists. */
  async saveRecusal(recusal: JurorRecusal, audit: AuditEvent, application: Omit<ApplicationChange, 'audit' | 'notifications'>): Promise<void> {
    const doc = body({ ...recusal, type: 'recusal', id: recusalId(recusal.applicationId, recusal.jurorId) });
    await writeApplications(this.container, [{ ...application, audit }], { then: [{ operationType: 'Create', resourceBody: doc }] });
  }
}
