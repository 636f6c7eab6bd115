import type { CosmosStore } from '../../../src/adapters/cosmos/connection';
import { CosmosStateStore, stateId } from '../../../src/adapters/cosmos/state.store';
import { CosmosBotStorage } from '../../../src/adapters/teams/bot-storage';
import { openTestStore } from '../../helpers/embedded-cosmos';

let store: CosmosStore;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(() => store.close());

describe('bot state storage over Cosmos (botbuilder Storage)', () => {
  const storage = () => new CosmosBotStorage(new CosmosStateStore(store.containers.botState));

  it('escapes keys that Cosmos ids cannot hold', () => {
    expect(stateId('msteams/conversations/a:1#x?y\\z')).not.toMatch(/[/\\?#]/);
    expect(stateId('a/b')).not.toBe(stateId('a*2f')); // the escape character itself is escaped
  });

  it('reads what was written, with an eTag, and nothing for unknown keys', async () => {
    const s = storage();
    await s.write({ 'msteams/conversations/a:1': { welcome: { welcomedAt: '2026-03-01' } } });
    const items = await s.read(['msteams/conversations/a:1', 'missing']);
    expect(Object.keys(items)).toEqual(['msteams/conversations/a:1']);
    expect(items['msteams/conversations/a:1']).toEqual({ welcome: { welcomedAt: '2026-03-01' }, eTag: expect.any(String) });
  });

  it('refuses a write with a stale eTag and accepts "*"', async () => {
    const s = storage();
    await s.write({ k: { n: 1 } });
    const first = (await s.read(['k']))['k'] as { eTag: string };
    await s.write({ k: { n: 2, eTag: first.eTag } });
    await expect(s.write({ k: { n: 3, eTag: first.eTag } })).rejects.toMatchObject({ code: 412 });
    await s.write({ k: { n: 4, eTag: '*' } });
    expect((await s.read(['k']))['k']).toMatchObject({ n: 4 });
  });

  it('deletes, and deleting twice is fine', async () => {
    const s = storage();
    await s.write({ gone: { x: true } });
    await s.delete(['gone']);
    await s.delete(['gone']);
    expect(await s.read(['gone'])).toEqual({});
  });
});
