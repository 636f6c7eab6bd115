import { CONTAINERS, NOT_RECORD_TTL_SECONDS } from '../../../src/adapters/cosmos/containers';
import { CosmosOutboxStore } from '../../../src/adapters/cosmos/outbox.store';
import { CosmosStateStore, stateId } from '../../../src/adapters/cosmos/state.store';
import { outboxId } from '../../../src/adapters/cosmos/documents';
import { embeddedStoreFor } from '../../helpers/embedded-cosmos';

/**
 * Issue 18 (must show 3): delivered messages and the bot's conversation state are not records; Cosmos DB forgets them
 * through its own time to live. The embedded server (@vercel/cosmosdb-server) keeps `defaultTtl` and `ttl` as written
 * but never expires anything, so this checks the settings that Azure Cosmos DB acts on: TTL on for the containers
 * (read back from the server), and `ttl` on exactly the items that are not records.
 */
describe('time to live for what is not a record', () => {
  const store = embeddedStoreFor('ttl');

  it('has TTL on, expiring nothing by default, in the containers that hold messages and conversation state', async () => {
    for (const name of ['applications', 'botState'] as const) {
      const { resource } = await store().containers[name].read();
      expect({ name, defaultTtl: resource?.defaultTtl }).toEqual({ name, defaultTtl: -1 });
    }
    expect(CONTAINERS.applications.defaultTtl).toBe(-1);
    expect(NOT_RECORD_TTL_SECONDS).toBe(30 * 86_400);
  });

  it('gives a delivered or cancelled message a ttl, and keeps pending and failed ones', async () => {
    const container = store().containers.applications;
    const outbox = new CosmosOutboxStore(container);
    const at = new Date('2027-03-10T10:00:00Z');
    const kinds = ['sent', 'cancelled', 'failed', 'pending'] as const;
    await outbox.enqueue(kinds.map((k) => ({ idempotencyKey: `ttl/${k}`, kind: 'jurorAdded', recipientId: 'person-1', cohortId: 'pilot-1', applicationId: '', payload: {} })), at);
    for (const status of kinds) {
      const stored = (await outbox.get('pilot-1', outboxId(`ttl/${status}`)))!;
      await outbox.replace({ ...stored.value, status }, stored.etag);
      const { resource } = await container.item(outboxId(`ttl/${status}`), 'pilot-1').read();
      expect({ status, ttl: resource?.ttl }).toEqual({ status, ttl: status === 'sent' || status === 'cancelled' ? NOT_RECORD_TTL_SECONDS : undefined });
    }
  });

  it('gives conversation state a ttl on every write', async () => {
    const container = store().containers.botState;
    await new CosmosStateStore(container).write(new Map([['conversation/a:1:1-person-1', { value: { dialog: 'intake' } }]]));
    const id = stateId('conversation/a:1:1-person-1');
    const { resource } = await container.item(id, id).read();
    expect(resource?.ttl).toBe(NOT_RECORD_TTL_SECONDS);
  });
});
