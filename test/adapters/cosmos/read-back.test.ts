import { CosmosApplicationRepository } from '../../../src/adapters/cosmos/application.repository';
import { statusOf } from '../../../src/adapters/cosmos/errors';
import { CosmosJuryRepository } from '../../../src/adapters/cosmos/jury.repository';
import { CosmosCohortRepository, CosmosSettingsRepository } from '../../../src/adapters/cosmos/programme.repository';
import { READ_BACK_DEADLINE_MS, ambiguous, sameDocument } from '../../../src/adapters/cosmos/read-back';
import { demoCohort } from '../../../src/demo/demo';
import { scoreMark, withVerdict } from '../../../src/domain/tally';
import type { AuditEvent } from '../../../src/domain/audit-event';
import { AlreadyExists } from '../../../src/domain/errors';
import { anApplication, creationAudit } from '../../builders/application.builder';
import { isDocOfType, type CosmosFault, type CosmosRequestInfo } from '../../fakes/cosmos-fault-proxy';
import { faultyStoreFor } from '../../helpers/faulty-cosmos';

/**
 * After a write whose answer is lost, the repositories read the store back: a write that is there is a success,
 * anything else the write's own error. The Cosmos server runs apart, behind a fault proxy.
 */

describe('which failures may hide an applied write', () => {
  it.each([
    ['a reset connection (no status)', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), true],
    ["the client's timeout", Object.assign(new Error('timed out'), { code: 'TimeoutError' }), true],
    ['408', { code: 408 }, true],
    ['449', { code: 449 }, true],
    ['500', { code: 500 }, true],
    ['503', { code: 503 }, true],
    ['409', { code: 409 }, false],
    ['412', { code: 412 }, false],
    ['429 (after the SDK gave up waiting)', { code: 429 }, false],
    ['400', { code: 400 }, false],
  ])('%s', (_name, error, expected) => {
    expect(ambiguous(error)).toBe(expected);
  });

  it('compares documents whatever their key order, without the system properties', () => {
    expect(sameDocument({ b: 1, a: { y: [1, { q: 2, p: 1 }], x: 'x' }, _etag: '"1"', _ts: 5 }, { a: { x: 'x', y: [1, { p: 1, q: 2 }] }, b: 1, c: undefined })).toBe(true);
    expect(sameDocument({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(sameDocument({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameDocument(undefined, { a: 1 })).toBe(false);
  });
});

describe('repositories behind a fault proxy', () => {
  const faulty = faultyStoreFor();
  afterEach(() => faulty().cosmos.proxy.heal());

  /** `fault` for the first write of this kind whose body holds a document of `type`; the rest pass. */
  const faultFirst = (kind: CosmosRequestInfo['kind'], type: string, fault: CosmosFault, then: (r: CosmosRequestInfo) => CosmosFault = () => 'pass') => {
    let met = 0;
    faulty().cosmos.proxy.rule = (r) => {
      if (met === 0 && r.kind === kind && isDocOfType(r, type)) {
        met++;
        return fault;
      }
      return then(r);
    };
    return { met: () => met };
  };

  const applications = () => new CosmosApplicationRepository(faulty().store.containers.applications);

  it('an application created though its answer was lost is returned as created, with its stored ETag', async () => {
    const app = anApplication({ cohortId: 'rb' });
    const dropped = faulty().cosmos.proxy.counts.dropped;
    const fault = faultFirst('batch', 'application', 'commit-then-drop');
    const created = await applications().create(app, creationAudit(app, `audit-${app.id}`));
    expect([fault.met(), faulty().cosmos.proxy.counts.dropped - dropped]).toEqual([1, 1]);
    const stored = await applications().get('rb', app.id);
    expect(created).toEqual(stored);
    expect(created.value).toEqual(app);
    // The next guarded write with that ETag goes through: it is the stored version.
    await applications().update({ application: { ...app, step: 'benefit' }, previous: created, audit: null });
  });

  it('an update refused with 503 before it reached the store fails with that error, and nothing is written', async () => {
    const app = anApplication({ cohortId: 'rb' });
    const created = await applications().create(app, creationAudit(app, `audit-${app.id}`));
    faultFirst('batch', 'application', { status: 503 });
    const error = await applications()
      .update({ application: { ...app, step: 'benefit', updatedAt: '2026-03-02T09:00:00.000Z' }, previous: created, audit: null })
      .catch((e: unknown) => e);
    // @azure/cosmos rethrows a failed batch as a plain Error without the status, so the 503 is read back too.
    expect(String(error)).toBe('Error: Batch request error: fault proxy: 503');
    expect(await applications().get('rb', app.id)).toEqual(created);
  });

  it("a write whose answer is lost and whose read-back never answers fails with the write's error, within the read-back's deadline", async () => {
    const app = anApplication({ cohortId: 'rb' });
    faultFirst('batch', 'application', 'commit-then-drop', (r) => (r.kind === 'read' ? 'hang' : 'pass'));
    const started = performance.now();
    const error = await applications()
      .create(app, creationAudit(app, `audit-${app.id}`))
      .catch((e: unknown) => e);
    const ms = performance.now() - started;
    // The lost answer, not anything of the read-back.
    expect(String(error)).toMatch(/^Error: Batch request error: /);
    expect(String(error)).not.toContain('fault proxy');
    expect(ms).toBeGreaterThanOrEqual(READ_BACK_DEADLINE_MS - 50);
    expect(ms).toBeLessThan(READ_BACK_DEADLINE_MS + 1500);
    faulty().cosmos.proxy.heal();
    expect((await applications().get('rb', app.id))?.value).toEqual(app); // it had landed: a later read shows it
  });

  it("a write whose answer is lost and whose read-back fails fails with the write's error", async () => {
    const app = anApplication({ cohortId: 'rb' });
    faultFirst('batch', 'application', 'commit-then-drop', (r) => (r.kind === 'read' ? { status: 500 } : 'pass'));
    const error = await applications()
      .create(app, creationAudit(app, `audit-${app.id}`))
      .catch((e: unknown) => e);
    expect(String(error)).toMatch(/^Error: Batch request error: /);
    expect(String(error)).not.toContain('fault proxy: 500');
  });

  it('a conflict is still a conflict: it is an answer, nothing is read back', async () => {
    const app = anApplication({ cohortId: 'rb' });
    await applications().create(app, creationAudit(app, `audit-${app.id}`));
    let reads = 0;
    faulty().cosmos.proxy.rule = (r) => {
      if (r.kind === 'read') reads++;
      return 'pass';
    };
    await expect(applications().create(app, creationAudit(app, `audit-${app.id}-again`))).rejects.toBeInstanceOf(AlreadyExists);
    expect(reads).toBe(0);
  });

  it("a juror's score and its audit event, written though the answer was lost, are a success", async () => {
    const jury = new CosmosJuryRepository(faulty().store.containers.applications);
    const app = anApplication({ cohortId: 'rb', id: 'A-score', state: 'inReview' });
    const created = await applications().create(app, creationAudit(app, `audit-${app.id}`));
    const score = { cohortId: 'rb', applicationId: 'A-score', jurorId: 'juror-1', values: { impact: 4, feasibility: 3 }, at: '2026-04-01T10:00:00.000Z' };
    const audit: AuditEvent = { id: 'audit-score-1', applicationId: 'A-score', cohortId: 'rb', at: score.at, actorId: 'juror-1', actorKind: 'juror', action: 'scored', fromState: 'inReview', toState: 'inReview' };
    const withScore = { ...app, jury: withVerdict(undefined, 'juror-1', 3.5, scoreMark(score.values, '')) };
    const fault = faultFirst('batch', 'score', 'commit-then-drop');
    await jury.saveScore(score, audit, { application: withScore, previous: created });
    expect(fault.met()).toBe(1);
    expect((await jury.scoreOf('rb', 'A-score', 'juror-1'))?.value).toEqual(score);
    const scored = await applications().get('rb', 'A-score');
    expect(scored?.value.jury?.verdicts).toEqual({ 'juror-1': 3.5 });

    // Refused before it reached the store: the error stays.
    const previous = await jury.scoreOf('rb', 'A-score', 'juror-1');
    faultFirst('batch', 'score', { status: 503 });
    const revised = { ...withScore, jury: withVerdict(withScore.jury, 'juror-1', 4, 'other') };
    const error = await jury.saveScore({ ...score, values: { impact: 5, feasibility: 3 } }, { ...audit, id: 'audit-score-2' }, { application: revised, previous: scored! }).catch((e: unknown) => e);
    expect(String(error)).toBe('Error: Batch request error: fault proxy: 503');
    expect(await jury.scoreOf('rb', 'A-score', 'juror-1')).toEqual(previous);
    expect(await applications().get('rb', 'A-score')).toEqual(scored);
  });

  it('a cohort and the settings, saved though the answer was lost, come back as stored', async () => {
    const cohorts = new CosmosCohortRepository(faulty().store.containers.programme);
    const cohort = { ...demoCohort(new Date('2026-03-01T00:00:00Z')), id: 'rb-cohort' };
    const created = await cohorts.save(cohort);
    const fault = faultFirst('write', 'programme', 'commit-then-drop');
    const renamed = await cohorts.save({ ...cohort, name: 'Pilot (hösten)' }, created.etag);
    expect(fault.met()).toBe(1);
    expect(renamed).toEqual(await cohorts.get('rb-cohort'));
    expect(renamed.value.name).toBe('Pilot (hösten)');

    faultFirst('write', 'programme', { status: 503 });
    const error = await cohorts.save({ ...cohort, name: 'Pilot (vintern)' }, renamed.etag).catch((e: unknown) => e);
    expect(statusOf(error)).toBe(503);
    expect((await cohorts.get('rb-cohort'))?.value.name).toBe('Pilot (hösten)');

    const settings = new CosmosSettingsRepository(faulty().store.containers.programme);
    faultFirst('write', 'programme', 'commit-then-drop');
    const saved = await settings.save({ coordinatorIds: ['c1'], hrContactIds: {}, steeringGroupIds: [] });
    expect(saved).toEqual(await settings.get());
  });
});
