import { applyEvent } from '../../src/domain/application.lifecycle';
import { AlreadyExists, ConcurrencyConflict } from '../../src/domain/errors';
import type { ApplicationRepository } from '../../src/domain/ports';
import { anApplication, creationAudit } from '../builders/application.builder';

/**
 * One suite, every ApplicationRepository (ARCHITECTURE.md, habit 8): the in-memory fake used by fast
 * use-case tests and the Cosmos adapter must behave the same.
 */
export function applicationRepositoryContract(name: string, make: () => Promise<{ repo: ApplicationRepository; done?: () => Promise<void> }>) {
  describe(`ApplicationRepository contract: ${name}`, () => {
    let repo: ApplicationRepository;
    let done: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      ({ repo, done } = await make());
    });
    afterAll(async () => {
      await done?.();
    });

    it('creates and reads back an application with a version', async () => {
      const app = anApplication({ idea: { title: 'Trygg hemgång från sjukhuset', problem: 'Äldre blir ensamma efter utskrivning.', description: 'Ett följeslagarsystem.' } });
      const created = await repo.create(app, creationAudit(app));
      expect(created.value).toEqual(app);
      expect(created.etag).toEqual(expect.any(String));
      const read = await repo.get(app.cohortId, app.id);
      expect(read).toEqual(created);
    });

    it('answers null for an application that does not exist, or lives in another cohort', async () => {
      const app = anApplication();
      await repo.create(app, creationAudit(app));
      expect(await repo.get(app.cohortId, 'A-none')).toBeNull();
      expect(await repo.get('pilot-2', app.id)).toBeNull();
    });

    it('refuses a second create with the same id', async () => {
      const app = anApplication();
      await repo.create(app, creationAudit(app));
      await expect(repo.create({ ...app, applicantId: 'someone-else' }, creationAudit(app, `${app.id}-again`))).rejects.toBeInstanceOf(AlreadyExists);
      expect((await repo.get(app.cohortId, app.id))?.value.applicantId).toBe(app.applicantId);
    });

    it('keeps one application per person per cohort, even when two are created at once', async () => {
      const first = anApplication({ cohortId: 'cohort-u', applicantId: 'p-u1' });
      const second = anApplication({ cohortId: 'cohort-u', applicantId: 'p-u1' });
      const results = await Promise.allSettled([repo.create(first, creationAudit(first)), repo.create(second, creationAudit(second))]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected');
      expect(refused && refused.status === 'rejected' && refused.reason).toBeInstanceOf(AlreadyExists);
      expect(await repo.listByCohort('cohort-u')).toHaveLength(1);
      const other = anApplication({ cohortId: 'cohort-v', applicantId: 'p-u1' });
      await expect(repo.create(other, creationAudit(other))).resolves.toBeDefined(); // another cohort is fine
    });

    it('finds by applicant and lists by cohort, never across cohorts', async () => {
      const mine = anApplication({ cohortId: 'cohort-q', applicantId: 'p-q1' });
      const other = anApplication({ cohortId: 'cohort-q', applicantId: 'p-q2' });
      const elsewhere = anApplication({ cohortId: 'cohort-r', applicantId: 'p-q1' });
      for (const a of [mine, other, elsewhere]) await repo.create(a, creationAudit(a));
      expect((await repo.findByApplicant('cohort-q', 'p-q1'))?.value.id).toBe(mine.id);
      expect(await repo.findByApplicant('cohort-q', 'p-nobody')).toBeNull();
      expect((await repo.listByCohort('cohort-q')).map((a) => a.id).sort()).toEqual([mine.id, other.id].sort());
      expect((await repo.listByCohort('cohort-r')).map((a) => a.id)).toEqual([elsewhere.id]);
    });

    it('updates with the current ETag and appends the audit event in order', async () => {
      const app = anApplication();
      const created = await repo.create(app, creationAudit(app));
      const step = applyEvent(app, 'submit', { id: app.applicantId, kind: 'applicant' }, new Date('2026-03-01T10:00:00Z'), `${app.id}-submit`);
      if (!step.ok) throw new Error('setup');
      const updated = await repo.update(step.value.application, created.etag, step.value.audit);
      expect(updated.value.state).toBe('awaitingManager');
      expect(updated.etag).not.toBe(created.etag);
      const trail = await repo.auditTrail(app.cohortId, app.id);
      expect(trail.map((e) => [e.action, e.fromState, e.toState])).toEqual([
        ['create', null, 'draft'],
        ['submit', 'draft', 'awaitingManager'],
      ]);
    });

    it('turns a stale ETag into ConcurrencyConflict and writes neither the change nor its audit event', async () => {
      const app = anApplication();
      const created = await repo.create(app, creationAudit(app));
      const submit = applyEvent(app, 'submit', { id: app.applicantId, kind: 'applicant' }, new Date('2026-03-01T10:00:00Z'), `${app.id}-s1`);
      const withdraw = applyEvent(app, 'withdraw', { id: app.applicantId, kind: 'applicant' }, new Date('2026-03-01T10:00:01Z'), `${app.id}-w1`);
      if (!submit.ok || !withdraw.ok) throw new Error('setup');
      await repo.update(submit.value.application, created.etag, submit.value.audit);
      await expect(repo.update(withdraw.value.application, created.etag, withdraw.value.audit)).rejects.toBeInstanceOf(ConcurrencyConflict);
      expect((await repo.get(app.cohortId, app.id))?.value.state).toBe('awaitingManager');
      expect((await repo.auditTrail(app.cohortId, app.id)).map((e) => e.action)).toEqual(['create', 'submit']);
    });
  });
}
