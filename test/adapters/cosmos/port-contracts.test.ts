import { CosmosApplicationRepository } from '../../../src/adapters/cosmos/application.repository';
import { ensureSchema, type CosmosStore } from '../../../src/adapters/cosmos/connection';
import { CosmosConversationAddressBook } from '../../../src/adapters/cosmos/conversation.repository';
import { outboxId } from '../../../src/adapters/cosmos/documents';
import { CosmosJuryRepository } from '../../../src/adapters/cosmos/jury.repository';
import { CosmosFollowUpRepository } from '../../../src/adapters/cosmos/follow-up.repository';
import { CosmosLeaseStore } from '../../../src/adapters/cosmos/lease.store';
import { CosmosOutboxStore } from '../../../src/adapters/cosmos/outbox.store';
import { CosmosCohortRepository, CosmosSettingsRepository } from '../../../src/adapters/cosmos/programme.repository';
import { CosmosOnceLedger } from '../../../src/adapters/cosmos/state.store';
import { CosmosRecommendationRepository } from '../../../src/adapters/cosmos/recommendation.repository';
import { recommendationRepositoryContract } from '../../contracts/recommendation-repository.contract';
import { ConcurrencyConflict } from '../../../src/domain/errors';
import { anApplication, creationAudit } from '../../builders/application.builder';
import { conversationAddressBookContract } from '../../contracts/conversation-address-book.contract';
import { juryRepositoryContract } from '../../contracts/jury-repository.contract';
import { followUpRepositoryContract } from '../../contracts/follow-up-repository.contract';
import { leaseStoreContract } from '../../contracts/lease-store.contract';
import { onceLedgerContract } from '../../contracts/once-ledger.contract';
import { notification, outboxStoreContract } from '../../contracts/outbox-store.contract';
import { cohortRepositoryContract, settingsRepositoryContract } from '../../contracts/programme-repositories.contract';
import { InMemoryLeases, InMemoryOutboxStore } from '../../fakes/in-memory-outbox';
import {
  InMemoryApplicationRepository,
  InMemoryCohortRepository,
  InMemoryConversationAddressBook,
  InMemoryFollowUpRepository,
  InMemoryJuryRepository,
  InMemoryOnceLedger,
  InMemoryRecommendationRepository,
  InMemorySettingsRepository,
} from '../../fakes/in-memory-repositories';
import { openTestStore } from '../../helpers/embedded-cosmos';

/**
 * Every port's contract against its in-memory fake and its Cosmos adapter. One embedded server for the file; each
 * contract's `make` takes a fresh database on it (about 10 ms), so no test sees another's documents.
 */
let store: CosmosStore;
let databases = 0;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(() => store.close());

const freshDatabase = () => ensureSchema(store.client, `${store.database.id}-${++databases}`);
const now = () => new Date('2026-03-01T00:00:00Z');

outboxStoreContract('in memory', async () => {
  const outbox = new InMemoryOutboxStore();
  return { outbox, applications: new InMemoryApplicationRepository(outbox) };
});
outboxStoreContract('Cosmos DB', async () => {
  const { applications } = await freshDatabase();
  return { outbox: new CosmosOutboxStore(applications), applications: new CosmosApplicationRepository(applications) };
});

leaseStoreContract('in memory', async () => new InMemoryLeases());
leaseStoreContract('Cosmos DB', async () => new CosmosLeaseStore((await freshDatabase()).botState));

juryRepositoryContract('in memory', async () => {
  const applications = new InMemoryApplicationRepository();
  return { jury: new InMemoryJuryRepository(applications), applications };
});
juryRepositoryContract('Cosmos DB', async () => {
  const { applications } = await freshDatabase();
  return { jury: new CosmosJuryRepository(applications), applications: new CosmosApplicationRepository(applications) };
});

recommendationRepositoryContract('in memory', async () => {
  const outbox = new InMemoryOutboxStore();
  return { outbox, recommendations: new InMemoryRecommendationRepository(outbox) };
});
recommendationRepositoryContract('Cosmos DB', async () => {
  const { applications } = await freshDatabase();
  return { outbox: new CosmosOutboxStore(applications), recommendations: new CosmosRecommendationRepository(applications) };
});

cohortRepositoryContract('in memory', async () => new InMemoryCohortRepository());
cohortRepositoryContract('Cosmos DB', async () => new CosmosCohortRepository((await freshDatabase()).programme));

settingsRepositoryContract('in memory', async () => new InMemorySettingsRepository());
settingsRepositoryContract('Cosmos DB', async () => new CosmosSettingsRepository((await freshDatabase()).programme));

onceLedgerContract('in memory', async () => new InMemoryOnceLedger());
onceLedgerContract('Cosmos DB', async () => new CosmosOnceLedger((await freshDatabase()).botState, now));

followUpRepositoryContract('in memory', async () => new InMemoryFollowUpRepository());
followUpRepositoryContract('Cosmos DB', async () => new CosmosFollowUpRepository((await freshDatabase()).applications));

conversationAddressBookContract('in memory', async () => new InMemoryConversationAddressBook());
conversationAddressBookContract('Cosmos DB', async () => new CosmosConversationAddressBook((await freshDatabase()).conversations, now));

describe('CosmosOutboxStore beyond the contract (its documents)', () => {
  it("names a message's document after its idempotency key", async () => {
    const { applications } = await freshDatabase();
    const app = anApplication();
    await new CosmosApplicationRepository(applications).create(app, creationAudit(app), [notification(app, 'bo')]);
    const [message] = await new CosmosOutboxStore(applications).forApplication(app.cohortId, app.id);
    expect(message?.id).toBe(outboxId(`${app.id}/invite/bo`));
  });

  it('a message whose document is gone is a ConcurrencyConflict too', async () => {
    const { applications } = await freshDatabase();
    const app = anApplication({ createdAt: '2026-03-01T09:00:00.000Z', updatedAt: '2026-03-01T09:00:00.000Z' });
    await new CosmosApplicationRepository(applications).create(app, creationAudit(app), [notification(app, 'bo')]);
    const outbox = new CosmosOutboxStore(applications);
    const [item] = await outbox.due(new Date('2026-03-01T09:00:00.000Z'), 1);
    if (!item) throw new Error('no message');
    await applications.item(item.value.id, app.cohortId).delete();
    await expect(outbox.replace(item.value, item.etag)).rejects.toBeInstanceOf(ConcurrencyConflict);
  });

  it('wakes whoever listens after an enqueue that brought messages, not after an empty one', async () => {
    const { applications } = await freshDatabase();
    let wakes = 0;
    const outbox = new CosmosOutboxStore(applications, () => void wakes++);
    await outbox.enqueue([], new Date());
    expect(wakes).toBe(0);
    await outbox.enqueue([notification(anApplication(), 'coordinator-1')], new Date());
    expect(wakes).toBe(1);
  });
});
