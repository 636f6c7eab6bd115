import { applyEvent } from '../../src/domain/application.lifecycle';
import { AlreadyExists, ConcurrencyConflict } from '../../src/domain/errors';
import type { Application } from '../../src/domain/application';
import type { ApplicationRepository, Versioned } from '../../src/domain/ports';
import { withoutZeros, recount } from '../../src/domain/tally';
import type { Municipality } from '../../src/domain/municipalities';
import { anApplication, creationAudit } from '../builders/application.builder';

const aboutIn = (municipality: Municipality) => ({ municipality, administration: 'Vård och omsorg', workplace: 'Hemtjänst Norr', managerId: 'm-1', managerFromDirectory: true, permanentEmployment: true, employmentStart: '2019-01-01' });
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
      expect(await repo().count('cohort-u', {})).toBe(1);
      const other = anApplication({ cohortId: 'cohort-v', applicantId: 'p-u1' });
      await expect(repo().create(other, creationAudit(other))).resolves.toBeDefined(); // another cohort is fine
    });

    it('finds by applicant and pages by cohort, never across cohorts', async () => {
      const mine = anApplication({ cohortId: 'cohort-q', applicantId: 'p-q1' });
      const other = anApplication({ cohortId: 'cohort-q', applicantId: 'p-q2' });
      const elsewhere = anApplication({ cohortId: 'cohort-r', applicantId: 'p-q1' });
      for (const a of [mine, other, elsewhere]) await repo().create(a, creationAudit(a));
      expect((await repo().findByApplicant('cohort-q', 'p-q1'))?.value.id).toBe(mine.id);
      expect(await repo().findByApplicant('cohort-q', 'p-nobody')).toBeNull();
      expect((await repo().page('cohort-q', {}, 10)).items.map((v) => v.value.id)).toEqual([mine.id, other.id].sort());
      expect((await repo().page('cohort-r', {}, 10)).items.map((v) => v.value.id)).toEqual([elsewhere.id]);
    });

    it('updates with the current ETag and appends the audit event in order', async () => {
      const app = anApplication();
      const created = await repo().create(app, creationAudit(app));
      const step = applyEvent(app, 'submit', { id: app.applicantId, kind: 'applicant' }, new Date('2026-03-01T10:00:00Z'), `${app.id}-submit`);
      if (!step.ok) throw new Error('setup');
      const updated = await repo().update({ application: step.value.application, previous: created, audit: step.value.audit });
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
      await repo().update({ application: submit.value.application, previous: created, audit: submit.value.audit });
      await expect(repo().update({ application: withdraw.value.application, previous: created, audit: withdraw.value.audit })).rejects.toBeInstanceOf(ConcurrencyConflict);
      expect((await repo().get(app.cohortId, app.id))?.value.state).toBe('awaitingManager');
      expect((await repo().auditTrail(app.cohortId, app.id)).map((e) => e.action)).toEqual(['create', 'submit']);
    });

    it('refuses to update an application that does not exist (ConcurrencyConflict), and creates nothing', async () => {
      const app = anApplication();
      const existing = anApplication();
      const other = await repo().create(existing, creationAudit(existing));
      await expect(repo().update({ application: app, previous: { value: app, etag: other.etag }, audit: null })).rejects.toBeInstanceOf(ConcurrencyConflict);
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
      await expect(repo().update({ application: { ...app, cohortId: 'pilot-2' }, previous: created, audit: creationAudit(app, `${app.id}-moved`) })).rejects.toThrow(/audit event does not belong/);
      expect(await repo().auditTrail(app.cohortId, app.id)).toHaveLength(1);
    });

    it('refuses a change with more writes than one batch holds (100)', async () => {
      const app = anApplication();
      const many = Array.from({ length: 98 }, (_, i) => ({ idempotencyKey: `${app.id}/n/${i}`, kind: 'phaseStarted' as const, recipientId: `p${i}`, cohortId: app.cohortId, applicationId: app.id, payload: {} }));
      await expect(repo().create(app, creationAudit(app), many)).rejects.toThrow(/at most 100 operations/);
      expect(await repo().get(app.cohortId, app.id)).toBeNull();
    });

    it("finds the applications awaiting a decider's decision across cohorts, the longest waiting first", async () => {
      const decider = 'decider-d1';
      const waiting = (cohortId: string, updatedAt: string, state: 'awaitingManager' | 'draft' = 'awaitingManager', deciderIds = [decider, 'decider-other']) =>
        anApplication({ cohortId, state, deciderIds, updatedAt });
      const apps = [waiting('cohort-d1', '2026-03-03T09:00:00.000Z'), waiting('cohort-d2', '2026-03-01T09:00:00.000Z'), waiting('cohort-d1', '2026-03-02T09:00:00.000Z', 'draft'), waiting('cohort-d1', '2026-03-02T09:00:00.000Z', 'awaitingManager', ['decider-other'])];
      for (const a of apps) await repo().create(a, creationAudit(a));
      const found = await repo().findByDecider(decider, 10);
      expect(found.map((v) => v.value.id)).toEqual([apps[1]?.id, apps[0]?.id]);
      expect(found.every((v) => typeof v.etag === 'string')).toBe(true);
      expect(await repo().findByDecider('decider-nobody', 10)).toEqual([]);
      expect((await repo().findByDecider(decider, 1)).map((v) => v.value.id)).toEqual([apps[1]?.id]);
    });

    it('finds the applications with an approval a person decided, latest change first, never one they only wait on', async () => {
      const decided = (cohortId: string, updatedAt: string, decidedByIds?: string[]) => anApplication({ cohortId, state: 'approved', deciderIds: [], updatedAt, ...(decidedByIds ? { decidedByIds } : {}) });
      const apps = [decided('cohort-h1', '2026-03-01T09:00:00.000Z', ['p-h1']), decided('cohort-h2', '2026-03-03T09:00:00.000Z', ['p-h2', 'p-h1']), decided('cohort-h1', '2026-03-04T09:00:00.000Z'), anApplication({ cohortId: 'cohort-h1', state: 'awaitingManager', deciderIds: ['p-h1'] })];
      for (const a of apps) await repo().create(a, creationAudit(a));
      expect((await repo().findDecidedBy('p-h1', 10)).map((v) => v.value.id)).toEqual([apps[1]?.id, apps[0]?.id]);
      expect((await repo().findDecidedBy('p-h1', 1)).map((v) => v.value.id)).toEqual([apps[1]?.id]);
      expect(await repo().findDecidedBy('p-nobody', 10)).toEqual([]);
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

    it('finds the teams a person is on: as lead applicant or as a co-applicant who confirmed, never one who was only invited or declined', async () => {
      const co = (personId: string, status: 'invited' | 'confirmed' | 'declined') => ({ personId, name: personId, status, invitedAt: '2026-03-01T09:00:00.000Z' });
      const led = anApplication({ cohortId: 'cohort-t1', applicantId: 'p-t1', createdAt: '2025-09-01T09:00:00.000Z' });
      const joined = anApplication({ cohortId: 'cohort-t2', applicantId: 'p-t2', createdAt: '2026-03-01T09:00:00.000Z', coApplicants: [co('p-t3', 'confirmed'), co('p-t1', 'confirmed')] });
      const invitedOnly = anApplication({ cohortId: 'cohort-t1', applicantId: 'p-t4', coApplicants: [co('p-t1', 'invited'), co('p-t5', 'declined')] });
      const versions = [];
      for (const a of [led, joined, invitedOnly]) versions.push(await repo().create(a, creationAudit(a)));
      expect(await repo().findTeamsOf('p-t1')).toEqual([versions[1], versions[0]]);
      expect(await repo().findTeamsOf('p-t3')).toEqual([versions[1]]);
      expect(await repo().findTeamsOf('p-t5')).toEqual([]);
      expect(await repo().findTeamsOf('p-nobody')).toEqual([]);
    });

    it("tells a person's work in one answer: whether a decision waits for them, and the states of the teams they are on", async () => {
      const co = (personId: string, status: 'invited' | 'confirmed') => ({ personId, name: personId, status, invitedAt: '2026-03-01T09:00:00.000Z' });
      const waiting = anApplication({ cohortId: 'cohort-w1', applicantId: 'p-w1', state: 'awaitingManager', deciderIds: ['m-w1'] });
      const decided = anApplication({ cohortId: 'cohort-w1', applicantId: 'p-w2', state: 'approved', deciderIds: ['m-w2'] });
      const team = anApplication({ cohortId: 'cohort-w2', applicantId: 'p-w3', state: 'phase1', coApplicants: [co('m-w1', 'confirmed'), co('p-w4', 'invited')] });
      for (const a of [waiting, decided, team]) await repo().create(a, creationAudit(a));
      expect(await repo().workOf('m-w1')).toEqual({ decidesPending: true, teamStates: ['phase1'] });
      expect(await repo().workOf('m-w2')).toEqual({ decidesPending: false, teamStates: [] });
      expect(await repo().workOf('p-w1')).toEqual({ decidesPending: false, teamStates: ['awaitingManager'] });
      expect(await repo().workOf('p-w4')).toEqual({ decidesPending: false, teamStates: [] });
      expect(await repo().workOf('p-nobody')).toEqual({ decidesPending: false, teamStates: [] });
    });

    it('pages a cohort by id with a filter, each page going on after the last id, and counts what the filter keeps', async () => {
      const cohortId = 'cohort-p';
      const apps = Array.from({ length: 7 }, (_, i) =>
        anApplication({ cohortId, id: `A-P${i}`, applicantId: `p-p${i}`, state: i % 2 === 0 ? 'inReview' : 'approved', ...(i < 3 ? { about: { ...aboutIn('Bjuv') } } : {}) }),
      );
      for (const a of [...apps].reverse()) await repo().create(a, creationAudit(a));
      const ids = async (after?: string) => {
        const p = await repo().page(cohortId, { states: ['inReview'] }, 2, after);
        return { ids: p.items.map((v) => v.value.id), next: p.next };
      };
      expect(await ids()).toEqual({ ids: ['A-P0', 'A-P2'], next: 'A-P2' });
      expect(await ids('A-P2')).toEqual({ ids: ['A-P4', 'A-P6'] });
      expect(await repo().count(cohortId, { states: ['inReview'] })).toBe(4);
      expect(await repo().count(cohortId, { municipality: 'Bjuv' })).toBe(3);
      expect(await repo().count(cohortId, { states: ['inReview'], municipality: 'Bjuv' })).toBe(2);
      expect((await repo().page(cohortId, {}, 100)).items).toHaveLength(7);
      expect((await repo().page('cohort-none', {}, 5)).items).toEqual([]);
    });

    it('counts and pages the applications a recommendation preceded, and those invited to a candidate meeting (issue 17)', async () => {
      const cohortId = 'cohort-issue17';
      const meeting = { id: 'M-1', at: '2026-04-01T11:30:00.000Z', place: 'Stadshuset', invitedBy: 'c', invitedAt: '2026-03-20T10:00:00.000Z', answers: [] };
      const apps = [
        anApplication({ cohortId, id: 'A-R0', applicantId: 'p-i17-0', state: 'awaitingManager', recommendedBy: { id: 'm', name: 'Johan' } }),
        anApplication({ cohortId, id: 'A-R1', applicantId: 'p-i17-1', state: 'draft', recommendedBy: { id: 'm', name: 'Johan' } }),
        anApplication({ cohortId, id: 'A-R2', applicantId: 'p-i17-2', state: 'inReview', meeting }),
        anApplication({ cohortId, id: 'A-R3', applicantId: 'p-i17-3', state: 'inReview' }),
      ];
      for (const a of apps) await repo().create(a, creationAudit(a));
      expect(await repo().count(cohortId, { recommended: true })).toBe(2);
      expect(await repo().count(cohortId, { recommended: true, states: ['awaitingManager'] })).toBe(1);
      expect(await repo().count(cohortId, { recommended: false })).toBe(2);
      expect((await repo().counts(cohortId)).recommended).toEqual({ '-|awaitingManager': 1, '-|draft': 1 });
      const invited = await repo().page(cohortId, { invitedToMeeting: true }, 10);
      expect(invited.items.map((v) => [v.value.id, v.value.meeting?.place])).toEqual([['A-R2', 'Stadshuset']]);
      expect((await repo().get(cohortId, 'A-R0'))?.value.recommendedBy).toEqual({ id: 'm', name: 'Johan' });
    });

    it('pages the ranking by jury mean, highest first and equal means by id, and counts a tie', async () => {
      const cohortId = 'cohort-k';
      const jury = (mean: number, count = 3) => ({ verdicts: {}, marks: {}, recused: [], count, mean });
      const apps = [
        anApplication({ cohortId, id: 'A-K1', applicantId: 'p-k1', state: 'inReview', jury: jury(3.5) }),
        anApplication({ cohortId, id: 'A-K2', applicantId: 'p-k2', state: 'inReview', jury: jury(4.25) }),
        anApplication({ cohortId, id: 'A-K3', applicantId: 'p-k3', state: 'selected', jury: jury(3.5) }),
        anApplication({ cohortId, id: 'A-K4', applicantId: 'p-k4', state: 'inReview', jury: jury(5, 1) }),
        anApplication({ cohortId, id: 'A-K5', applicantId: 'p-k5', state: 'inReview' }),
      ];
      for (const a of apps) await repo().create(a, creationAudit(a));
      const ranked = { states: ['inReview', 'selected'] as const, verdictsAtLeast: 3 };
      const first = await repo().rankedPage(cohortId, ranked, 2);
      expect(first.items.map((a) => a.id)).toEqual(['A-K2', 'A-K1']);
      expect(first.next).toEqual({ mean: 3.5, id: 'A-K1' });
      const second = await repo().rankedPage(cohortId, ranked, 2, first.next);
      expect(second.items.map((a) => a.id)).toEqual(['A-K3']);
      expect(second.next).toBeUndefined();
      expect(await repo().count(cohortId, { ...ranked, mean: 3.5 })).toBe(2);
      expect(await repo().count(cohortId, { ...ranked, mean: 4.25 })).toBe(1);
      expect(await repo().count(cohortId, { ...ranked, mean: 5 })).toBe(0);
      expect(await repo().count(cohortId, { states: ['inReview'], verdictsBelow: 3 })).toBe(2);
    });

    it('keeps the counters exactly as a recount of the applications, through creates, changes and batches', async () => {
      const cohortId = 'cohort-c';
      const a = anApplication({ cohortId, id: 'A-C1', applicantId: 'p-c1', state: 'approved', about: aboutIn('Höganäs') });
      const b = anApplication({ cohortId, id: 'A-C2', applicantId: 'p-c2', state: 'approved', about: aboutIn('Bjuv') });
      const c = anApplication({ cohortId, id: 'A-C3', applicantId: 'p-c3' });
      const created: Versioned<Application>[] = [];
      for (const x of [a, b, c]) created.push(await repo().create(x, creationAudit(x)));
      expect(withoutZeros(await repo().counts(cohortId))).toEqual({ byState: { 'Höganäs|approved': 1, 'Bjuv|approved': 1, '-|draft': 1 }, reviewed: {}, recommended: {} });
      const open = created.slice(0, 2).map((v) => {
        const t = applyEvent(v.value, 'openReview', { id: 'coordinator', kind: 'coordinator' }, new Date('2026-04-01T10:00:00Z'), `${v.value.id}-open`);
        if (!t.ok) throw new Error('setup');
        return { application: { ...t.value.application, jury: { verdicts: { j1: 4 }, marks: { j1: 'm' }, recused: ['j2'], count: 1, mean: 4 } }, previous: v, audit: t.value.audit };
      });
      const moved = await repo().updateMany(open);
      expect(moved.map((v) => v.value.state)).toEqual(['inReview', 'inReview']);
      const kept = withoutZeros(await repo().counts(cohortId));
      expect(kept).toEqual({ byState: { 'Höganäs|inReview': 1, 'Bjuv|inReview': 1, '-|draft': 1 }, reviewed: { j1: 2, j2: 2 }, recommended: {} });
      expect(kept).toEqual(withoutZeros(recount([...moved.map((v) => v.value), c])));
      expect((await repo().auditTrail(cohortId, 'A-C1')).map((e) => e.action)).toEqual(['create', 'openReview']);
      // A batch with one stale version writes nothing at all.
      const stale = moved.map((v, i) => ({ application: { ...v.value, state: 'selected' as const }, previous: i === 0 ? (created[0] ?? v) : v, audit: null }));
      await expect(repo().updateMany(stale)).rejects.toBeInstanceOf(ConcurrencyConflict);
      expect(withoutZeros(await repo().counts(cohortId))).toEqual(kept);
      expect(await repo().counts('cohort-none')).toEqual({ byState: {}, reviewed: {}, recommended: {} });
    });
  });
}
