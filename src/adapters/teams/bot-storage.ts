import type { Storage, StoreItems } from 'botbuilder';
import type { CosmosStateStore } from '../cosmos/state.store';

/**
 * botbuilder's Storage over our Cosmos state store, so dialog and conversation state survive restarts
 * and any instance can take the next turn. An item's `eTag` guards its write (a stale one throws).
 */
export class CosmosBotStorage implements Storage {
  constructor(private readonly store: CosmosStateStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    const found = await this.store.read(keys);
    const items: StoreItems = {};
    for (const [key, item] of found) items[key] = { ...item.value, eTag: item.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const map = new Map<string, { value: Record<string, unknown>; etag?: string }>();
    for (const [key, raw] of Object.entries(changes)) {
      const { eTag, ...value } = (raw ?? {}) as Record<string, unknown>;
      map.set(key, typeof eTag === 'string' ? { value, etag: eTag } : { value });
    }
    await this.store.write(map);
  }

  async delete(keys: string[]): Promise<void> {
    await this.store.delete(keys);
  }
}
