import type { Container } from '@azure/cosmos';
import { isStorableId } from '../../domain/ids';
import type { ConversationAddressBook } from '../../domain/ports';
import { ConversationDoc } from './documents';
import { statusOf } from './errors';

/**
 * One conversation reference per person; last writer wins (the newest reference is the one that works).
 * A person id that cannot be a document id (domain/ids.ts) belongs to nobody the bot could ever reach: it is
 * not stored, and reading it finds nothing, without a request Cosmos would refuse.
 */
export class CosmosConversationAddressBook implements ConversationAddressBook {
  constructor(
    private readonly container: Container,
    private readonly now: () => Date,
  ) {}

  async save(personId: string, address: Readonly<Record<string, unknown>>, locale: string | undefined): Promise<void> {
    if (!isStorableId(personId)) return;
    const doc = { id: personId, address, updatedAt: this.now().toISOString(), ...(locale ? { locale } : {}) };
    await this.container.items.upsert(ConversationDoc.parse(doc));
  }

  async get(personId: string): Promise<{ address: Readonly<Record<string, unknown>>; locale?: string } | null> {
    if (!isStorableId(personId)) return null;
    const { resource } = await this.container.item(personId, personId).read();
    if (!resource) return null;
    const doc = ConversationDoc.parse(resource);
    return doc.locale ? { address: doc.address, locale: doc.locale } : { address: doc.address };
  }

  async remove(personId: string): Promise<void> {
    if (!isStorableId(personId)) return;
    try {
      await this.container.item(personId, personId).delete();
    } catch (e) {
      if (statusOf(e) !== 404) throw e;
    }
  }
}
