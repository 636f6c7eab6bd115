import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import type { LeaseStore } from '../../domain/ports';
import { statusOf } from './errors';

const LeaseDoc = z.object({ id: z.string(), type: z.literal('lease'), owner: z.string(), until: z.string(), renewedAt: z.string(), _etag: z.string() });

/**
 * Leases as documents in the `botState` container (partition key /id), one per name, every change guarded by
 * the ETag it was read at: of two instances racing for a free lease, one wins.
 */
export class CosmosLeaseStore implements LeaseStore {
  constructor(private readonly container: Container) {}

  private static id(name: string): string {
    return `lease-${name}`;
  }

  async tryHold(name: string, owner: string, now: Date, until: Date): Promise<boolean> {
    const id = CosmosLeaseStore.id(name);
    const body = { id, type: 'lease', owner, until: until.toISOString(), renewedAt: now.toISOString() };
    const { resource } = await this.container.item(id, id).read();
    try {
      if (!resource) {
        await this.container.items.create(body);
        return true;
      }
      const current = LeaseDoc.parse(resource);
      if (current.owner !== owner && Date.parse(current.until) > now.getTime()) return false;
      await this.container.item(id, id).replace(body, { accessCondition: { type: 'IfMatch', condition: current._etag } });
      return true;
    } catch (e) {
      const status = statusOf(e);
      if (status === 409 || status === 412) return false; // another instance was quicker
      throw e;
    }
  }

  async release(name: string, owner: string, now: Date): Promise<void> {
    const id = CosmosLeaseStore.id(name);
    const { resource } = await this.container.item(id, id).read();
    if (!resource) return;
    const current = LeaseDoc.parse(resource);
    if (current.owner !== owner) return;
    try {
      await this.container.item(id, id).replace({ id, type: 'lease', owner, until: now.toISOString(), renewedAt: current.renewedAt }, { accessCondition: { type: 'IfMatch', condition: current._etag } });
    } catch (e) {
      if (statusOf(e) !== 412) throw e;
    }
  }
}
