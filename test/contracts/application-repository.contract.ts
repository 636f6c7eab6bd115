import { applyEvent } from '../../src/domain/application.lifecycle';
import { AlreadyExists, ConcurrencyConflict } from '../../src/domain/errors';
import type { ApplicationRepository } from '../../src/domain/ports';
import { anApplication, creationAudit } from '../builders/application.builder';
import { contractSuite } from './contract-suite';

/**
 * One suite, every ApplicationRepository (ARCHITECTURE.md, habit 8): the in-memory fake used by fast
 * use-case tests and the Cosmos adapter must behave the same.
 */
export function applicationRepositoryContract(name: string, make: () => Promise<{ repo: ApplicationRepository; done?: () => Promise<void> }>) {
  contractSuite(`ApplicationRepository contract: ${name}`, make, { scope: 'all', done: (made) => made.done?.() }, (made) => {
    const repo = () => made().repo;

    it('creates and reads back an application with a version', async () => {
      const app = anApplication({ idea: { title: 'Trygg hemgång från sjukhuset', problem: 'Äldre blir ensamma efter utskrivning.', description: 'Ett följeslagarsystem.' } });
      const created = await repo().create(app, creationAudit(app));
      expect(created.value).toEqual(app);
      expect(created.etag).toEqual(expect.any(String));
      const read = await repo().get(app.cohortId, app.id);
      expect(read).toEqual(created);
    });

    it('answers null for an application that does not exist, or lives in another cohort', async () => {
      const app = anApplication();
      await repo().create(app, creationAudit(app));
      expect(await repo().get(app.cohortId, 'A-none')).toBeNull();
      expect(await repo().get('pilot-2', app.id)).toBeNull();
    });

    it('refuses a second create with the same id', async () => {
      const app = anApplication();
      await repo().create(app, creationAudit(app));
      await expect(repo().create({ ...app, applicantId: 'someone-else' }, creationAudit(app, `${app.id}-again`))).rejects.toBeInstanceOf(AlreadyExists);
      expect((await repo().get(app.cohortId, app.id))?.value.applicantId).toBe(app.applicantId);
    });

    it('keeps one application per person per cohort, even when two are created at once', async () => {
      const first = anApplication({ cohortId: 'cohort-u', applicantId: 'p-u1' });
      const second = anApplication({ cohortId: 'cohort-u', applicantId: 'p-u1' });
      const results = await Promise.allSettled([repo().create(first, creationAudit(first)), repo().create(second, creationAudit(second))]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected');
      expect(refused && refused.status === 'rejected' && refused.reason).toBeInstanceOf(AlreadyExists);
      expect(await repo().listByCohort('cohort-u')).toHaveLength(1);
      const other = anApplication({ cohortId: 'cohort-v', applicantId: 'p-u1' });
      await expect(repo().create(other, creationAudit(other))).resolves.toBeDefined(); // another cohort is fine
    });

    it('finds by applicant and lists by cohort, never across cohorts', async () => {
      const mine = anApplication({ cohortId: 'cohort-q', applicantId: 'p-q1' });
      const other = anApplication({ cohortId: 'cohort-q', applicantId: 'p-q2' });
      const elsewhere = anApplication({ cohortId: 'cohort-r', applicantId: 'p-q1' });
      for (const a of [mine, other, elsewhere]) await repo().create(a, creationAudit(a));
      expect((await repo().findByApplicant('cohort-q', 'p-q1'))?.value.id).toBe(mine.id);
      expect(await repo().findByApplicant('cohort-q', 'p-nobody')).toBeNull();
      expect((await repo().listByCohort('cohort-q')).map((a) => a.id).sort()).toEqual([mine.id, other.id].sort());
      expect((await repo().listByCohort('cohort-r')).map((a) => a.id)).toEqual([elsewhere.id]);
    });

    it('updates with the current ETag and appends the audit event in order', async () => {
      const app = anApplication();
      const created = await repo().create(app, creationAudit(app));
      const step = applyEvent(app, 'submit', { id: app.applicantId, kind: 'applicant' }, new Date('2026-03-01T10:00:00Z'), `${app.id}-submit`);
      if (!step.ok) throw new Error('setup');
      const updated = await repo().update(step.value.application, created.etag, step.value.audit);
      expect(updated.value.state).toBe('awaitingManager');
      expect(updated.etag).not.toBe(created.etag);
      const trail = await repo().auditTrail(app.cohortId, app.id);
      expect(trail.map((e) => [e.action, e.fromState, e.toState])).toEqual([
        ['create', null, 'draft'],
        ['submit', 'draft', 'awaitingManager'],
      ]);
    });

    it('turns a stale ETag into ConcurrencyConflict and writes neither the change nor its audit event', async () => {
      const app = anApplication();
      const created = await repo().create(app, creationAudit(app));
      const submit = applyEvent(app, 'submit', { id: app.applicantId, kind: 'applicant' }, new Date('2026-03-01T10:00:00Z'), `${app.id}-s1`);
      const withdraw = applyEvent(app, 'withdraw', { id: app.applicantId, kind: 'applicant' }, new Date('2026-03-01T10:00:01Z'), `${app.id}-w1`);
      if (!submit.ok || !withdraw.ok) throw new Error('setup');
      await repo().update(submit.value.application, created.etag, submit.value.audit);
      await expect(repo().update(withdraw.value.application, created.etag, withdraw.value.audit)).rejects.toBeInstanceOf(ConcurrencyConflict);
      expect((await repo().get(app.cohortId, app.id))?.value.state).toBe('awaitingManager');
      expect((await repo().auditTrail(app.cohortId, app.id)).map((e) => e.action)).toEqual(['create', 'submit']);
    });

    it('refuses to update an application that does not exist (ConcurrencyConflict), and creates nothing', async () => {
      const app = anApplication();
      const existing = anApplication();
      const other = await repo().create(existing, creationAudit(existing));
      await expect(repo().update(app, other.etag, null)).rejects.toBeInstanceOf(ConcurrencyConflict);
      expect(await repo().get(app.cohortId, app.id)).toBeNull();
    });

    it('refuses an audit event or a notification that belongs to another application, and writes nothing', async () => {
      const app = anApplication();
      const other = anApplication();
      await expect(repo().create(app, creationAudit(other))).rejects.toThrow(/audit event does not belong/);
      const foreign = { idempotencyKey: `${other.id}/x`, kind: 'coApplicantInvitation' as const, recipientId: 'p', cohortId: other.cohortId, applicationId: other.id, payload: {} };
      await expect(repo().create(app, creationAudit(app), [foreign])).rejects.toThrow(/notification does not belong/);
      expect(await repo().get(app.cohortId, app.id)).toBeNull();
      const created = await repo().create(app, creationAudit(app));
      await expect(repo().update({ ...app, cohortId: 'pilot-2' }, created.etag, creationAudit(app, `${app.id}-moved`))).rejects.toThrow(/audit event does not belong/);
      expect(await repo().auditTrail(app.cohortId, app.id)).toHaveLength(1);
    });

    it('refuses a change with more writes than one batch holds (100)', async () => {
      const app = anApplication();
      const many = Array.from({ length: 98 }, (_, i) => ({ idempotencyKey: `${app.id}/n/${i}`, kind: 'phaseStarted' as const, recipientId: `p${i}`, cohortId: app.cohortId, applicationId: app.id, payload: {} }));
      await expect(repo().create(app, creationAudit(app), many)).rejects.toThrow(/at most 100 operations, not 101/);
      expect(await repo().get(app.cohortId, app.id)).toBeNull();
    });

    it("finds the applications awaiting a decider's decision across cohorts, the longest waiting first", async () => {
      const decider = 'decider-d1';
      const waiting = (cohortId: string, updatedAt: string, state: 'awaitingManager' | 'draft' = 'awaitingManager', deciderIds = [decider, 'decider-other']) =>
        anApplication({ cohortId, state, deciderIds, updatedAt });
      const apps = [waiting('cohort-d1', '2026-03-03T09:00:00.000Z'), waiting('cohort-d2', '2026-03-01T09:00:00.000Z'), waiting('cohort-d1', '2026-03-02T09:00:00.000Z', 'draft'), waiting('cohort-d1', '2026-03-02T09:00:00.000Z', 'awaitingManager', ['decider-other'])];
      for (const a of apps) await repo().create(a, creationAudit(a));
      const found = await repo().findByDecider(decider);
      expect(found.map((v) => v.value.id)).toEqual([apps[1]?.id, apps[0]?.id]);
      expect(found.every((v) => typeof v.etag === 'string')).toBe(true);
      expect(await repo().findByDecider('decider-nobody')).toEqual([]);
    });

    it("finds every application of a person over all cohorts, newest first, with their versions", async () => {
      const older = anApplication({ cohortId: 'cohort-f1', applicantId: 'p-f1', createdAt: '2025-09-01T09:00:00.000Z' });
      const newer = anApplication({ cohortId: 'cohort-f2', applicantId: 'p-f1', createdAt: '2026-03-01T09:00:00.000Z' });
      const someoneElse = anApplication({ cohortId: 'cohort-f1', applicantId: 'p-f2' });
      const versions = [];
      for (const a of [older, newer, someoneElse]) versions.push(await repo().create(a, creationAudit(a)));
      expect(await repo().findAllByApplicant('p-f1')).toEqual([versions[1], versions[0]]);
      expect(await repo().findAllByApplicant('p-nobody')).toEqual([]);
    });
  });
}
