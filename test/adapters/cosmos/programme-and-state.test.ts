import { CosmosConversationAddressBook } from '../../../src/adapters/cosmos/conversation.repository';
import type { CosmosStore } from '../../../src/adapters/cosmos/connection';
import { CosmosCohortRepository, CosmosSettingsRepository } from '../../../src/adapters/cosmos/programme.repository';
import { CosmosStateStore, stateId } from '../../../src/adapters/cosmos/state.store';
import { CosmosBotStorage } from '../../../src/adapters/teams/bot-storage';
import { demoCohort } from '../../../src/demo/demo';
import { AlreadyExists, ConcurrencyConflict } from '../../../src/domain/errors';
import { openTestStore } from '../../helpers/embedded-cosmos';

let store: CosmosStore;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(() => store.close());

describe('cohorts and settings in Cosmos', () => {
  it('saves, reads, lists and guards cohorts with the ETag', async () => {
    const repo = new CosmosCohortRepository(store.containers.programme);
    const cohort = demoCohort(new Date('2026-03-01T00:00:00Z'));
    const created = await repo.save(cohort);
    expect(created.value).toEqual(cohort);
    await expect(repo.save(cohort)).rejects.toBeInstanceOf(AlreadyExists);
    const renamed = await repo.save({ ...cohort, name: 'Pilot 1 (våren)' }, created.etag);
    expect((await repo.get(cohort.id))?.value.name).toBe('Pilot 1 (våren)');
    await expect(repo.save({ ...cohort, name: 'stale' }, created.etag)).rejects.toBeInstanceOf(ConcurrencyConflict);
    await repo.save({ ...cohort, id: 'pilot-2', name: 'Pilot 2', intakeOpensAt: '2026-08-01T00:00:00.000Z' });
    expect((await repo.list()).map((c) => c.name)).toEqual(['Pilot 1 (våren)', 'Pilot 2']);
    expect(renamed.etag).not.toBe(created.etag);
  });

  it('keeps one settings document, guarded by its ETag', async () => {
    const repo = new CosmosSettingsRepository(store.containers.programme);
    expect(await repo.get()).toBeNull();
    const first = await repo.save({ coordinatorIds: ['c1'], hrContactIds: { Bjuv: 'h1' }, steeringGroupIds: [] });
    await repo.save({ ...first.value, coordinatorIds: ['c1', 'c2'] }, first.etag);
    await expect(repo.save({ ...first.value, coordinatorIds: [] }, first.etag)).rejects.toBeInstanceOf(ConcurrencyConflict);
    expect((await repo.get())?.value).toEqual({ coordinatorIds: ['c1', 'c2'], hrContactIds: { Bjuv: 'h1' }, steeringGroupIds: [] });
  });
});

describe('conversation addresses in Cosmos', () => {
  it('saves the newest address per person and forgets it on removal', async () => {
    const book = new CosmosConversationAddressBook(store.containers.conversations, () => new Date('2026-03-01T00:00:00Z'));
    await book.save('p1', { conversation: { id: 'a:old' } }, 'sv-SE');
    await book.save('p1', { conversation: { id: 'a:new' } }, 'en-US');
    expect(await book.get('p1')).toEqual({ address: { conversation: { id: 'a:new' } }, locale: 'en-US' });
    await book.remove('p1');
    await book.remove('p1');
    expect(await book.get('p1')).toBeNull();
  });
});

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
