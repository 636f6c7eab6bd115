import { CosmosApplicationRepository } from '../../../src/adapters/cosmos/application.repository';
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
  it('get it, recounted from the recommended applications, before the first write there', async () => {
    const store = await openTestStore();
    try {
      const container = store.containers.applications;
      const cohortId = 'cohort-old';
      const recommended = anApplication({ cohortId, id: 'A-1', applicantId: 'p-1', state: 'awaitingManager', about: aboutIn('Bjuv'), recommendedBy: { id: 'm', name: 'Johan' } });
      const plain = anApplication({ cohortId, id: 'A-2', applicantId: 'p-2', state: 'awaitingManager', about: aboutIn('Bjuv') });
      // As an older version left them: the applications, and counters without `recommended`.
      await new CosmosApplicationRepository(container).create(recommended, creationAudit(recommended));
      await new CosmosApplicationRepository(container).create(plain, creationAudit(plain));
      const { resource } = await container.item('counts', cohortId).read<Record<string, unknown>>();
      await container.items.upsert({ ...resource, recommended: undefined });
      expect(Object.keys((await container.item('counts', cohortId).read<Record<string, unknown>>()).resource ?? {})).not.toContain('recommended');

      const restarted = new CosmosApplicationRepository(container);
      const stored = await restarted.get(cohortId, 'A-1');
      await restarted.update({ application: { ...recommended, state: 'approved' }, previous: stored!, audit: { ...creationAudit(recommended), id: 'E-approve-1' } });
      expect((await restarted.counts(cohortId)).recommended).toEqual({ 'Bjuv|awaitingManager': 0, 'Bjuv|approved': 1 });
      // A second process finds it there and changes nothing.
      const another = new CosmosApplicationRepository(container);
      const second = await another.get(cohortId, 'A-2');
      await another.update({ application: { ...plain, state: 'approved' }, previous: second!, audit: { ...creationAudit(plain), id: 'E-approve-2' } });
      expect((await another.counts(cohortId)).recommended).toEqual({ 'Bjuv|awaitingManager': 0, 'Bjuv|approved': 1 });
    } finally {
      await store.close();
    }
  });
});
