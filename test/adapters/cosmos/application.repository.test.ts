import { addRecommendedCounters, CosmosApplicationRepository } from '../../../src/adapters/cosmos/application.repository';
import { applicationRepositoryContract } from '../../contracts/application-repository.contract';
import { InMemoryApplicationRepository } from '../../fakes/in-memory-repositories';
import { anApplication, creationAudit } from '../../builders/application.builder';
import { openTestStore } from '../../helpers/embedded-cosmos';

applicationRepositoryContract('in memory', async () => ({ repo: new InMemoryApplicationRepository() }));

applicationRepositoryContract('Cosmos DB (embedded server, real @azure/cosmos client)', async () => {
  const store = await openTestStore();
  return { repo: new CosmosApplicationRepository(store.containers.applications), done: () => store.close() };
});

const aboutIn = (municipality: 'Bjuv') => ({ municipality, administration: 'Vård och omsorg', workplace: 'Hemtjänst Norr', managerId: 'm-1', managerFromDirectory: true, permanentEmployment: true, employmentStart: '2019-01-01' });

describe('the counters of a cohort made before the recommended counter (issue 17)', () => {
  it('get it at start-up, recounted from the recommended applications; a second start changes nothing', async () => {
    const store = await openTestStore();
    try {
      const container = store.containers.applications;
      const cohortId = 'cohort-old';
      const recommended = anApplication({ cohortId, id: 'A-1', applicantId: 'p-1', state: 'awaitingManager', about: aboutIn('Bjuv'), recommendedBy: { id: 'm', name: 'Johan' } });
      const plain = anApplication({ cohortId, id: 'A-2', applicantId: 'p-2', state: 'awaitingManager', about: aboutIn('Bjuv') });
      const repo = new CosmosApplicationRepository(container);
      for (const a of [recommended, plain]) await repo.create(a, creationAudit(a));
      // As an older version left them: counters without `recommended`, which a write of the recommended one cannot move.
      const { resource } = await container.item('counts', cohortId).read<Record<string, unknown>>();
      await container.items.upsert({ ...resource, recommended: undefined });
      const approve = async () => repo.update({ application: { ...recommended, state: 'approved' }, previous: (await repo.get(cohortId, 'A-1'))!, audit: { ...creationAudit(recommended), id: 'E-approve' } });
      await expect(approve()).rejects.toThrow();

      expect(await addRecommendedCounters(container)).toBe(1);
      expect((await repo.counts(cohortId)).recommended).toEqual({ 'Bjuv|awaitingManager': 1 });
      await approve();
      expect((await repo.counts(cohortId)).recommended).toEqual({ 'Bjuv|awaitingManager': 0, 'Bjuv|approved': 1 });
      expect(await addRecommendedCounters(container)).toBe(0);
    } finally {
      await store.close();
    }
  });
});
