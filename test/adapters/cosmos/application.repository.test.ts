import { CosmosApplicationRepository } from '../../../src/adapters/cosmos/application.repository';
import { applicationRepositoryContract } from '../../contracts/application-repository.contract';
import { InMemoryApplicationRepository } from '../../fakes/in-memory-repositories';
import { openTestStore } from '../../helpers/embedded-cosmos';

applicationRepositoryContract('in memory', async () => ({ repo: new InMemoryApplicationRepository() }));

applicationRepositoryContract('Cosmos DB (embedded server, real @azure/cosmos client)', async () => {
  const store = await openTestStore();
  return { repo: new CosmosApplicationRepository(store.containers.applications), done: () => store.close() };
});
