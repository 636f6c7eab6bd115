import type { AuditEvent } from '../../src/domain/audit-event';
import { AlreadyExists, ConcurrencyConflict } from '../../src/domain/errors';
import type { ApplicationRepository, JurorRecusal, JurorScore, JuryRepository } from '../../src/domain/ports';
import { contractSuite } from './contract-suite';

/** The jury's store and the application repository whose audit trail shows the jury's audit events (one partition). */
export interface JuryPair {
  readonly jury: JuryRepository;
  readonly applications: ApplicationRepository;
}

const COHORT = 'pilot-1';
let counter = 0;

function score(applicationId: string, jurorId: string, values: Record<string, number> = { idea: 4, benefit: 3 }, extra: Partial<JurorScore> = {}): JurorScore {
  return { cohortId: COHORT, applicationId, jurorId, values, at: '2026-04-01T10:00:00.000Z', ...extra };
}

function recusal(applicationId: string, jurorId: string, automatic = false): JurorRecusal {
  return { cohortId: COHORT, applicationId, jurorId, reason: automatic ? 'manager' : 'Jag känner den sökande.', automatic, at: '2026-04-01T10:00:00.000Z' };
}

function auditOf(x: { cohortId: string; applicationId: string; jurorId: string }, action: 'scored' | 'recused'): AuditEvent {
  return { id: `audit-jury-${++counter}`, applicationId: x.applicationId, cohortId: x.cohortId, at: `2026-04-01T10:00:${String(counter % 60).padStart(2, '0')}.000Z`, actorId: x.jurorId, actorKind: 'juror', action, fromState: 'inReview', toState: 'inReview' };
}

/**
 * One suite, every JuryRepository: the in-memory fake and the Cosmos adapter. `make` gives an empty pair for each
 * test; the application repository is how the audit events are read back.
 */
export function juryRepositoryContract(name: string, make: () => Promise<JuryPair>) {
  contractSuite(`JuryRepository contract: ${name}`, make, { scope: 'each' }, (made) => {
    const jury = () => made().jury;
    const applications = () => made().applications;
    const actions = async (applicationId: string) => (await applications().auditTrail(COHORT, applicationId)).map((e) => [e.action, e.actorId]);

    it("stores a juror's first score with its audit event, and reads it back with a version", async () => {
      const first = score('A-1', 'j1', { idea: 5, benefit: 2 }, { comment: 'Stark idé.' });
      await jury().saveScore(first, auditOf(first, 'scored'));

      const read = await jury().scoreOf(COHORT, 'A-1', 'j1');
      expect(read?.value).toStrictEqual(first);
      expect(read?.etag).toEqual(expect.any(String));
      expect(await jury().scores(COHORT)).toStrictEqual([first]);
      expect(await actions('A-1')).toEqual([['scored', 'j1']]);
    });

    it('has no comment property for a score without one', async () => {
      const plain = score('A-1', 'j1', { idea: 3 }, { comment: undefined });
      await jury().saveScore(plain, auditOf(plain, 'scored'));
      expect((await jury().scoreOf(COHORT, 'A-1', 'j1'))?.value).not.toHaveProperty('comment');
    });

    it('answers null and nothing for a score, juror, application or cohort there is none of', async () => {
      const s = score('A-1', 'j1');
      await jury().saveScore(s, auditOf(s, 'scored'));
      expect(await jury().scoreOf(COHORT, 'A-1', 'j2')).toBeNull();
      expect(await jury().scoreOf(COHORT, 'A-2', 'j1')).toBeNull();
      expect(await jury().scoreOf('pilot-2', 'A-1', 'j1')).toBeNull();
      expect(await jury().scoreOf(COHORT, 'A-1', 'not/a?juror')).toBeNull();
      expect(await jury().scores('pilot-2')).toEqual([]);
      expect(await jury().recusals(COHORT)).toEqual([]);
    });

    it('lists every score of the cohort, one per juror and application', async () => {
      const all = [score('A-1', 'j1'), score('A-1', 'j2', { idea: 1 }), score('A-2', 'j1', { idea: 2 }), { ...score('A-1', 'j1', { idea: 5 }), cohortId: 'pilot-2' }];
      for (const s of all) await jury().saveScore(s, auditOf(s, 'scored'));
      const key = (s: JurorScore) => `${s.applicationId}/${s.jurorId}`;
      expect([...(await jury().scores(COHORT))].sort((a, b) => key(a).localeCompare(key(b)))).toStrictEqual(all.slice(0, 3));
      expect(await jury().scores('pilot-2')).toStrictEqual([all[3]]);
    });

    it('refuses a second first score (AlreadyExists) and writes no audit event for it', async () => {
      const first = score('A-1', 'j1', { idea: 4 });
      await jury().saveScore(first, auditOf(first, 'scored'));
      const again = score('A-1', 'j1', { idea: 1 });
      await expect(jury().saveScore(again, auditOf(again, 'scored'))).rejects.toBeInstanceOf(AlreadyExists);
      expect((await jury().scoreOf(COHORT, 'A-1', 'j1'))?.value.values).toEqual({ idea: 4 });
      expect(await actions('A-1')).toHaveLength(1);
    });

    it('of two first scores at the same time, one is stored', async () => {
      const a = score('A-1', 'j1', { idea: 1 });
      const b = score('A-1', 'j1', { idea: 5 });
      const results = await Promise.allSettled([jury().saveScore(a, auditOf(a, 'scored')), jury().saveScore(b, auditOf(b, 'scored'))]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof AlreadyExists)).toHaveLength(1);
      expect(await jury().scores(COHORT)).toHaveLength(1);
      expect(await actions('A-1')).toHaveLength(1);
    });

    it('replaces a revised score under its version, which then changes', async () => {
      const first = score('A-1', 'j1', { idea: 2 });
      await jury().saveScore(first, auditOf(first, 'scored'));
      const read = await jury().scoreOf(COHORT, 'A-1', 'j1');
      const revised = score('A-1', 'j1', { idea: 5 }, { at: '2026-04-02T10:00:00.000Z' });
      await jury().saveScore(revised, auditOf(revised, 'scored'), read?.etag);

      const after = await jury().scoreOf(COHORT, 'A-1', 'j1');
      expect(after?.value).toStrictEqual(revised);
      expect(after?.etag).not.toBe(read?.etag);
      expect(await jury().scores(COHORT)).toHaveLength(1);
      expect(await actions('A-1')).toHaveLength(2);
    });

    it('refuses a revision at a stale version, or of a score that does not exist (ConcurrencyConflict), writing no audit event', async () => {
      const first = score('A-1', 'j1', { idea: 2 });
      await jury().saveScore(first, auditOf(first, 'scored'));
      const stale = (await jury().scoreOf(COHORT, 'A-1', 'j1'))?.etag;
      const second = score('A-1', 'j1', { idea: 3 });
      await jury().saveScore(second, auditOf(second, 'scored'), stale);

      const late = score('A-1', 'j1', { idea: 4 });
      await expect(jury().saveScore(late, auditOf(late, 'scored'), stale)).rejects.toBeInstanceOf(ConcurrencyConflict);
      const none = score('A-1', 'j2', { idea: 4 });
      await expect(jury().saveScore(none, auditOf(none, 'scored'), stale)).rejects.toBeInstanceOf(ConcurrencyConflict);
      expect((await jury().scoreOf(COHORT, 'A-1', 'j1'))?.value.values).toEqual({ idea: 3 });
      expect(await jury().scoreOf(COHORT, 'A-1', 'j2')).toBeNull();
      expect(await actions('A-1')).toHaveLength(2);
    });

    it('stores a recusal with its audit event; a second one is AlreadyExists and writes nothing', async () => {
      const own = recusal('A-1', 'j1');
      const automatic = recusal('A-2', 'j1', true);
      await jury().saveRecusal(own, auditOf(own, 'recused'));
      await jury().saveRecusal(automatic, auditOf(automatic, 'recused'));

      const again = { ...recusal('A-1', 'j1', true), reason: 'co-applicant' };
      await expect(jury().saveRecusal(again, auditOf(again, 'recused'))).rejects.toBeInstanceOf(AlreadyExists);
      const byApplication = (a: JurorRecusal, b: JurorRecusal) => a.applicationId.localeCompare(b.applicationId);
      expect([...(await jury().recusals(COHORT))].sort(byApplication)).toStrictEqual([own, automatic]);
      expect(await jury().recusals('pilot-2')).toEqual([]);
      expect(await actions('A-1')).toEqual([['recused', 'j1']]);
    });

    it('keeps scores and recusals apart: a juror recused from one application still scores another', async () => {
      const r = recusal('A-1', 'j1');
      await jury().saveRecusal(r, auditOf(r, 'recused'));
      const s = score('A-2', 'j1');
      await jury().saveScore(s, auditOf(s, 'scored'));
      expect(await jury().scoreOf(COHORT, 'A-1', 'j1')).toBeNull();
      expect((await jury().scores(COHORT)).map((x) => x.applicationId)).toEqual(['A-2']);
      expect((await jury().recusals(COHORT)).map((x) => x.applicationId)).toEqual(['A-1']);
    });
  });
}
