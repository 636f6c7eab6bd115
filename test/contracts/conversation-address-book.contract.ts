import type { ConversationAddressBook } from '../../src/domain/ports';
import { contractSuite } from './contract-suite';

/** One suite, every ConversationAddressBook: the in-memory fake and the Cosmos adapter. `make` gives an empty book. */
export function conversationAddressBookContract(name: string, make: () => Promise<ConversationAddressBook>) {
  contractSuite(`ConversationAddressBook contract: ${name}`, make, { scope: 'all' }, (book) => {
    it('saves the newest address per person and forgets it on removal', async () => {
      await book().save('p1', { conversation: { id: 'a:old' } }, 'sv-SE');
      await book().save('p1', { conversation: { id: 'a:new' } }, 'en-US');
      expect(await book().get('p1')).toEqual({ address: { conversation: { id: 'a:new' } }, locale: 'en-US' });
      await book().remove('p1');
      await book().remove('p1');
      expect(await book().get('p1')).toBeNull();
    });

    it('answers null for a person never saved, and removing them is fine', async () => {
      expect(await book().get('nobody')).toBeNull();
      await expect(book().remove('nobody')).resolves.toBeUndefined();
    });

    it('has no locale when none was given, not even an undefined one', async () => {
      await book().save('p2', { conversation: { id: 'a:2' }, serviceUrl: 'https://smba.example/emea/' }, undefined);
      expect(await book().get('p2')).toStrictEqual({ address: { conversation: { id: 'a:2' }, serviceUrl: 'https://smba.example/emea/' } });
      await book().save('p2', { conversation: { id: 'a:2' } }, 'sv-SE');
      await book().save('p2', { conversation: { id: 'a:3' } }, undefined);
      expect(await book().get('p2')).toStrictEqual({ address: { conversation: { id: 'a:3' } } });
    });

    it('stores the address as it was when saved, not the caller’s object', async () => {
      const address = { conversation: { id: 'a:4' } };
      await book().save('p3', address, 'sv-SE');
      address.conversation.id = 'changed';
      const read = await book().get('p3');
      expect(read?.address).toEqual({ conversation: { id: 'a:4' } });
      (read?.address.conversation as { id: string }).id = 'changed too';
      expect((await book().get('p3'))?.address).toEqual({ conversation: { id: 'a:4' } });
    });

    it('never stores a person id that cannot be a document id, and finds nothing under one', async () => {
      for (const id of ['a/b', 'a?b', ' ', '']) {
        await book().save(id, { conversation: { id: 'a:5' } }, 'sv-SE');
        expect(await book().get(id)).toBeNull();
        await expect(book().remove(id)).resolves.toBeUndefined();
      }
    });

    it('keeps each person their own address', async () => {
      await book().save('p4', { conversation: { id: 'a:p4' } }, 'sv-SE');
      await book().save('p5', { conversation: { id: 'a:p5' } }, 'en-US');
      await book().remove('p4');
      expect(await book().get('p4')).toBeNull();
      expect(await book().get('p5')).toEqual({ address: { conversation: { id: 'a:p5' } }, locale: 'en-US' });
    });
  });
}
