import type { AuditEvent } from '../../src/domain/audit-event';
import { AlreadyExists, ConcurrencyConflict } from '../../src/domain/errors';
import type { Application } from '../../src/domain/application';
import type { ApplicationRepository, JurorRecusal, JurorScore, JuryRepository, Versioned } from '../../src/domain/ports';
import { scoreMark, withoutZeros, withRecusal, withVerdict } from '../../src/domain/tally';
import { anApplication, creationAudit } from '../builders/application.builder';
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
 * test; the application repository holds the applications the jury's writes move, and is how the audit events are
 * read back.
 */
export function juryRepositoryContract(name: string, make: () => Promise<JuryPair>) {
  contractSuite(`JuryRepository contract: ${name}`, make, { scope: 'each' }, (made) => {
    const jury = () => made().jury;
    const applications = () => made().applications;
    const actions = async (applicationId: string) => (await applications().auditTrail(COHORT, applicationId)).map((e) => [e.action, e.actorId]);
    const inReview = async (id: string) => {
      const app = anApplication({ cohortId: COHORT, id, applicantId: `p-${id}`, state: 'inReview' });
      return applications().create(app, creationAudit(app));
    };
    const current = async (id: string) => {
      const v = await applications().get(COHORT, id);
      if (!v) throw new Error(`no application ${id}`);
      return v;
    };
    /** The application with this juror's verdict in its summary, as the score use case writes it. */
    const scored = (v: Versioned<Application>, s: JurorScore) => ({ application: { ...v.value, jury: withVerdict(v.value.jury, s.jurorId, s.values.idea ?? 0, scoreMark(s.values, s.comment ?? '')) }, previous: v });

    it("stores a juror's score with its audit event and the application's summary, and reads it back", async () => {
      const app = await inReview('A-1');
      const first = score('A-1', 'j1', { idea: 5, benefit: 2 }, { comment: 'Stark idé.' });
      await jury().saveScore(first, auditOf(first, 'scored'), scored(app, first));

      expect((await jury().scoreOf(COHORT, 'A-1', 'j1'))?.value).toStrictEqual(first);
      const after = await current('A-1');
      expect(after.value.jury).toMatchObject({ verdicts: { j1: 5 }, count: 1, mean: 5 });
      expect(after.etag).not.toBe(app.etag);
      expect(await actions('A-1')).toEqual([['create', 'p-A-1'], ['scored', 'j1']]);
      expect(withoutZeros(await applications().counts(COHORT)).reviewed).toEqual({ j1: 1 });
    });

    it('has no comment property for a score without one', async () => {
      const app = await inReview('A-1');
      const plain = score('A-1', 'j1', { idea: 3 }, { comment: undefined });
      await jury().saveScore(plain, auditOf(plain, 'scored'), scored(app, plain));
      expect((await jury().scoreOf(COHORT, 'A-1', 'j1'))?.value).not.toHaveProperty('comment');
    });

    it('answers null for a score or recusal, juror, application or cohort there is none of', async () => {
      const app = await inReview('A-1');
      const s = score('A-1', 'j1');
      await jury().saveScore(s, auditOf(s, 'scored'), scored(app, s));
      expect(await jury().scoreOf(COHORT, 'A-1', 'j2')).toBeNull();
      expect(await jury().scoreOf(COHORT, 'A-2', 'j1')).toBeNull();
      expect(await jury().scoreOf('pilot-2', 'A-1', 'j1')).toBeNull();
      expect(await jury().scoreOf(COHORT, 'A-1', 'not/a?juror')).toBeNull();
      expect(await jury().recusalOf(COHORT, 'A-1', 'j1')).toBeNull();
    });

    it('replaces a revised score under the application\'s new version', async () => {
      const app = await inReview('A-1');
      const first = score('A-1', 'j1', { idea: 2 });
      await jury().saveScore(first, auditOf(first, 'scored'), scored(app, first));
      const revised = score('A-1', 'j1', { idea: 5 }, { at: '2026-04-02T10:00:00.000Z' });
      await jury().saveScore(revised, auditOf(revised, 'scored'), scored(await current('A-1'), revised));
      expect((await jury().scoreOf(COHORT, 'A-1', 'j1'))?.value).toStrictEqual(revised);
      expect((await current('A-1')).value.jury).toMatchObject({ verdicts: { j1: 5 }, count: 1, mean: 5 });
      expect(await actions('A-1')).toHaveLength(3);
      expect(withoutZeros(await applications().counts(COHORT)).reviewed).toEqual({ j1: 1 });
    });

    it('refuses a score at a stale application version (ConcurrencyConflict), writing neither score nor audit event', async () => {
      const app = await inReview('A-1');
      const mine = score('A-1', 'j1', { idea: 2 });
      await jury().saveScore(mine, auditOf(mine, 'scored'), scored(app, mine));
      const late = score('A-1', 'j2', { idea: 4 });
      await expect(jury().saveScore(late, auditOf(late, 'scored'), scored(app, late))).rejects.toBeInstanceOf(ConcurrencyConflict);
      expect(await jury().scoreOf(COHORT, 'A-1', 'j2')).toBeNull();
      expect((await current('A-1')).value.jury?.verdicts).toEqual({ j1: 2 });
      expect(await actions('A-1')).toHaveLength(2);
    });

    it('of two scores on the same version at the same time, one is stored and the other is a lost race', async () => {
      const app = await inReview('A-1');
      const a = score('A-1', 'j1', { idea: 1 });
      const b = score('A-1', 'j2', { idea: 5 });
      const results = await Promise.allSettled([jury().saveScore(a, auditOf(a, 'scored'), scored(app, a)), jury().saveScore(b, auditOf(b, 'scored'), scored(app, b))]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ConcurrencyConflict)).toHaveLength(1);
      expect(Object.keys((await current('A-1')).value.jury?.verdicts ?? {})).toHaveLength(1);
      expect(await actions('A-1')).toHaveLength(2);
    });

    it("reads every score and recusal of one application in juror order, and nothing of another application's", async () => {
      let one = await inReview('A-1');
      const other = await inReview('A-2');
      for (const [jurorId, n] of [['j3', 4], ['j1', 2]] as const) {
        const s = score('A-1', jurorId, { idea: n }, { comment: `från ${jurorId}` });
        await jury().saveScore(s, auditOf(s, 'scored'), scored(one, s));
        one = await current('A-1');
      }
      const aside = recusal('A-1', 'j2');
      await jury().saveRecusal(aside, auditOf(aside, 'recused'), { application: { ...one.value, jury: withRecusal(one.value.jury, 'j2') }, previous: one });
      const elsewhere = score('A-2', 'j1', { idea: 5 });
      await jury().saveScore(elsewhere, auditOf(elsewhere, 'scored'), scored(other, elsewhere));

      const found = await jury().onApplication(COHORT, 'A-1');
      expect(found.scores.map((s) => [s.jurorId, s.comment])).toEqual([['j1', 'från j1'], ['j3', 'från j3']]);
      expect(found.scores[0]).toStrictEqual(await jury().scoreOf(COHORT, 'A-1', 'j1').then((v) => v?.value));
      expect(found.recusals).toStrictEqual([aside]);
      expect(await jury().onApplication(COHORT, 'A-9')).toEqual({ scores: [], recusals: [] });
      expect(await jury().onApplication('pilot-2', 'A-1')).toEqual({ scores: [], recusals: [] });
    });

    it('stores a recusal with its audit event and the summary; a second one is AlreadyExists and writes nothing', async () => {
      const one = await inReview('A-1');
      const two = await inReview('A-2');
      const own = recusal('A-1', 'j1');
      const automatic = recusal('A-2', 'j1', true);
      const aside = (v: Versioned<Application>, jurorId: string) => ({ application: { ...v.value, jury: withRecusal(v.value.jury, jurorId) }, previous: v });
      await jury().saveRecusal(own, auditOf(own, 'recused'), aside(one, 'j1'));
      await jury().saveRecusal(automatic, auditOf(automatic, 'recused'), aside(two, 'j1'));

      const again = { ...recusal('A-1', 'j1', true), reason: 'co-applicant' };
      await expect(jury().saveRecusal(again, auditOf(again, 'recused'), aside(await current('A-1'), 'j1'))).rejects.toBeInstanceOf(AlreadyExists);
      expect(await jury().recusalOf(COHORT, 'A-1', 'j1')).toStrictEqual(own);
      expect(await jury().recusalOf(COHORT, 'A-2', 'j1')).toStrictEqual(automatic);
      expect((await current('A-1')).value.jury?.recused).toEqual(['j1']);
      expect(await actions('A-1')).toEqual([['create', 'p-A-1'], ['recused', 'j1']]);
      expect(withoutZeros(await applications().counts(COHORT)).reviewed).toEqual({ j1: 2 });
    });
  });
}
