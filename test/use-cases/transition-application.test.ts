import { CosmosApplicationRepository } from '../../src/adapters/cosmos/application.repository';
import type { CosmosStore } from '../../src/adapters/cosmos/connection';
import type { ApplicationRepository } from '../../src/domain/ports';
import { transitionApplication } from '../../src/use-cases/transition-application';
import { anApplication, creationAudit } from '../builders/application.builder';
import { InMemoryApplicationRepository } from '../fakes/in-memory-repositories';
import { openTestStore } from '../helpers/embedded-cosmos';

let n = 0;
const deps = (applications: ApplicationRepository) => ({
  applications,
  clock: { now: () => new Date('2026-03-05T08:00:00Z') },
  ids: { uuid: () => `audit-${++n}`, shortId: (p: string) => `${p}-${++n}` },
});

let store: CosmosStore;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(() => store.close());

describe.each([
  ['in memory', () => new InMemoryApplicationRepository()],
  ['Cosmos DB', () => new CosmosApplicationRepository(store.containers.applications)],
])('transitionApplication (%s)', (_name, makeRepo) => {
  it('moves the application on and records who did it', async () => {
    const repo = makeRepo();
    const app = anApplication({ state: 'awaitingManager' });
    await repo.create(app, creationAudit(app));
    const result = await transitionApplication(deps(repo), {
      cohortId: app.cohortId,
      applicationId: app.id,
      event: 'requestChanges',
      actor: { id: 'manager-7', kind: 'manager' },
      reason: 'Beskriv nyttan för invånarna tydligare.',
    });
    expect(result.ok && result.value.value.state).toBe('changesRequested');
    const trail = await repo.auditTrail(app.cohortId, app.id);
    expect(trail.at(-1)).toMatchObject({ actorId: 'manager-7', action: 'requestChanges', reason: 'Beskriv nyttan för invånarna tydligare.' });
  });

  it('two decisions racing end in one decision and one audit event', async () => {
    const repo = makeRepo();
    const app = anApplication({ state: 'awaitingManager' });
    await repo.create(app, creationAudit(app));
    const request = (event: 'approveAsManager' | 'declineAsManager') =>
      transitionApplication(deps(repo), { cohortId: app.cohortId, applicationId: app.id, event, actor: { id: 'm', kind: 'manager' } });
    const results = await Promise.all([request('approveAsManager'), request('declineAsManager'), request('approveAsManager')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['ILLEGAL_TRANSITION', 'ILLEGAL_TRANSITION']);
    const trail = await repo.auditTrail(app.cohortId, app.id);
    expect(trail.filter((e) => e.action !== 'create')).toHaveLength(1);
  });

  it('refuses an illegal event and a wrong actor, changing nothing', async () => {
    const repo = makeRepo();
    const app = anApplication({ state: 'draft' });
    const created = await repo.create(app, creationAudit(app));
    const illegal = await transitionApplication(deps(repo), { cohortId: app.cohortId, applicationId: app.id, event: 'select', actor: { id: 'c', kind: 'coordinator' } });
    const wrongActor = await transitionApplication(deps(repo), { cohortId: app.cohortId, applicationId: app.id, event: 'submit', actor: { id: 'm', kind: 'manager' } });
    const missing = await transitionApplication(deps(repo), { cohortId: app.cohortId, applicationId: 'A-nope', event: 'submit', actor: { id: 'm', kind: 'applicant' } });
    expect([illegal, wrongActor, missing].map((r) => !r.ok && r.error.code)).toEqual(['ILLEGAL_TRANSITION', 'NOT_ALLOWED', 'NOT_FOUND']);
    expect(await repo.get(app.cohortId, app.id)).toEqual(created);
    expect(await repo.auditTrail(app.cohortId, app.id)).toHaveLength(1);
  });
});
