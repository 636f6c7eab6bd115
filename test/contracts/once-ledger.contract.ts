import type { OnceLedger } from '../../src/domain/ports';
import { contractSuite } from './contract-suite';

/** One suite, every OnceLedger: the in-memory fake and the Cosmos adapter. `make` gives a ledger with nothing claimed. */
export function onceLedgerContract(name: string, make: () => Promise<OnceLedger>) {
  contractSuite(`OnceLedger contract: ${name}`, make, { scope: 'all' }, (ledger) => {
    it('gives a key to its first claim only', async () => {
      expect(await ledger().claim('escalate/A-1/step-1')).toBe(true);
      expect(await ledger().claim('escalate/A-1/step-1')).toBe(false);
      expect(await ledger().claim('escalate/A-1/step-1')).toBe(false);
      expect(await ledger().claim('escalate/A-1/step-2')).toBe(true);
    });

    it('gives a key to exactly one of many claims at the same time', async () => {
      const results = await Promise.all(Array.from({ length: 6 }, () => ledger().claim('close-intake/pilot-1')));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('keeps apart keys that differ only in characters a document id cannot hold, or in their length', async () => {
      const keys = ['a/b', 'a*2f', 'a?b', 'a#b', 'a\\b', 'a b', 'x'.repeat(300), `${'x'.repeat(300)}y`, 'ä/ö'];
      expect(await Promise.all(keys.map((k) => ledger().claim(k)))).toEqual(keys.map(() => true));
      expect(await Promise.all(keys.map((k) => ledger().claim(k)))).toEqual(keys.map(() => false));
    });
  });
}
