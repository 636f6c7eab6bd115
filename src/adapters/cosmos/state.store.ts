import type { Container } from '@azure/cosmos';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isStorableId } from '../../domain/ids';
import { statusOf } from './errors';
import { NOT_RECORD_TTL_SECONDS } from './containers';

/**
 * A small key-value store with ETags for the bot framework's dialog and conversation state. The Teams
 * adapter wraps it in botbuilder's `Storage`; this file knows nothing of botbuilder.
 * Keys may hold characters Cosmos forbids in ids (`/`, `\`, `?`, `#`): they are escaped. A key that still
 * cannot be an id (white space, a lone surrogate, longer than Cosmos allows: it comes from the activity's
 * conversation id) is stored under its hash instead.
 */
export interface StateItem {
  readonly value: Record<string, unknown>;
  readonly etag: string;
}

const StateDoc = z.object({ id: z.string(), key: z.string(), value: z.record(z.string(), z.unknown()), _etag: z.string() });

export function stateId(key: string): string {
  const escaped = key.replace(/[/\\?#*%]/g, (c) => `*${c.charCodeAt(0).toString(16)}`);
  return isStorableId(escaped) ? escaped : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

/** OnceLedger over the botState container: a create that loses (409) means someone claimed the key first. */
export class CosmosOnceLedger {
  constructor(
    private readonly container: Container,
    private readonly now: () => Date,
  ) {}

  async claim(key: string): Promise<boolean> {
    try {
      await this.container.items.create({ id: stateId(`once/${key}`), key, claimedAt: this.now().toISOString() });
      return true;
    } catch (e) {
      if (statusOf(e) === 409) return false;
      throw e;
    }
  }
}

export class CosmosStateStore {
  constructor(private readonly container: Container) {}

  async read(keys: readonly string[]): Promise<Map<string, StateItem>> {
    const found = new Map<string, StateItem>();
    await Promise.all(
      keys.map(async (key) => {
        const id = stateId(key);
        const { resource } = await this.container.item(id, id).read();
        if (resource) {
          const doc = StateDoc.parse(resource);
          found.set(key, { value: doc.value, etag: doc._etag });
        }
      }),
    );
    return found;
  }

  /** Writes each value; with an ETag other than '*' the write is guarded and a stale one throws (412). */
  async write(changes: ReadonlyMap<string, { value: Record<string, unknown>; etag?: string }>): Promise<void> {
    await Promise.all(
      [...changes].map(async ([key, change]) => {
        const id = stateId(key);
        // Conversation state is not a record: Cosmos DB forgets it NOT_RECORD_TTL_SECONDS after its last write (ADR 0018).
        const body = { id, key, value: change.value, ttl: NOT_RECORD_TTL_SECONDS };
        if (change.etag && change.etag !== '*') {
          await this.container.item(id, id).replace(body, { accessCondition: { type: 'IfMatch', condition: change.etag } });
        } else {
          await this.container.items.upsert(body);
        }
      }),
    );
  }

  async delete(keys: readonly string[]): Promise<void> {
    await Promise.all(
      keys.map(async (key) => {
        const id = stateId(key);
        try {
          await this.container.item(id, id).delete();
        } catch (e) {
          if (statusOf(e) !== 404) throw e;
        }
      }),
    );
  }
}
