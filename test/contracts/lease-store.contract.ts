import type { LeaseStore } from '../../src/domain/ports';
import { contractSuite } from './contract-suite';

const T = Date.parse('2026-03-01T09:00:00.000Z');
const at = (ms: number) => new Date(T + ms);

/**
 * One suite, every LeaseStore: the in-memory fake the worker's tests use and the Cosmos adapter. `make` gives an
 * empty store for each test.
 */
export function leaseStoreContract(name: string, make: () => Promise<LeaseStore>) {
  contractSuite(`LeaseStore contract: ${name}`, make, { scope: 'each' }, (leases) => {
    /** Holds `sender` for `owner` from `from` ms until `until` ms (after T). */
    const hold = (owner: string, from: number, until: number, lease = 'sender') => leases().tryHold(lease, owner, at(from), at(until));

    it('gives a free lease to the first owner, and refuses it to another until it expires', async () => {
      expect(await hold('a', 0, 1_000)).toBe(true);
      expect(await hold('b', 0, 1_000)).toBe(false);
      expect(await hold('b', 999, 2_000)).toBe(false);
      expect(await hold('b', 1_000, 2_000)).toBe(true); // expired at `until`
      expect(await hold('a', 1_500, 2_500)).toBe(false);
    });

    it("renews the owner's own lease, which then lasts until the new end", async () => {
      expect(await hold('a', 0, 1_000)).toBe(true);
      expect(await hold('a', 500, 3_000)).toBe(true);
      expect(await hold('b', 2_999, 4_000)).toBe(false);
      expect(await hold('b', 3_000, 4_000)).toBe(true);
    });

    it('keeps every name a lease of its own', async () => {
      expect(await hold('a', 0, 1_000, 'sender')).toBe(true);
      expect(await hold('b', 0, 1_000, 'jobs')).toBe(true);
      expect(await hold('b', 0, 1_000, 'sender')).toBe(false);
      expect(await hold('a', 0, 1_000, 'jobs')).toBe(false);
    });

    it('release gives the lease up at once, and only when the caller owns it', async () => {
      expect(await hold('a', 0, 10_000)).toBe(true);
      await leases().release('sender', 'b', at(100)); // not b's: nothing happens
      expect(await hold('b', 200, 10_000)).toBe(false);
      await leases().release('sender', 'a', at(300));
      expect(await hold('b', 300, 10_000)).toBe(true);
      await leases().release('sender', 'a', at(400)); // a no longer owns it
      expect(await hold('a', 500, 10_000)).toBe(false);
    });

    it('releasing a lease nobody took, or one already released, is fine', async () => {
      await expect(leases().release('never', 'a', at(0))).resolves.toBeUndefined();
      expect(await hold('a', 0, 1_000)).toBe(true);
      await leases().release('sender', 'a', at(10));
      await expect(leases().release('sender', 'a', at(20))).resolves.toBeUndefined();
      expect(await hold('a', 30, 1_000)).toBe(true);
    });

    it('of owners racing for a free lease, or for an expired one, exactly one holds it', async () => {
      const race = (from: number) => Promise.all(['a', 'b', 'c'].map((owner) => hold(owner, from, from + 1_000)));
      expect((await race(0)).filter(Boolean)).toHaveLength(1);
      expect((await race(5_000)).filter(Boolean)).toHaveLength(1);
    });
  });
}
