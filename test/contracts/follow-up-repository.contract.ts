import { AlreadyExists, ConcurrencyConflict } from '../../src/domain/errors';
import { withAnswer, withAsked } from '../../src/domain/follow-up';
import type { FollowUpRepository } from '../../src/domain/ports';
import { contractSuite } from './contract-suite';

const NOW = new Date('2027-03-10T10:00:00Z');

/** One suite, every FollowUpRepository: the in-memory fake and the Cosmos adapter. `make` gives an empty one. */
export function followUpRepositoryContract(name: string, make: () => Promise<FollowUpRepository>) {
  contractSuite(`FollowUpRepository contract: ${name}`, make, { scope: 'each' }, (repo) => {
    it('creates a round once, reads it back as written, and keeps rounds and cohorts apart', async () => {
      expect(await repo().get('pilot-1', 'phase1')).toBeNull();
      const record = withAsked(null, 'pilot-1', 'phase1', ['Ett?', 'Två?', 'Tre?'], ['a', 'b', 'c'], NOW);
      const saved = await repo().save(record);
      expect(saved.value).toEqual(record);
      expect((await repo().get('pilot-1', 'phase1'))?.value).toEqual(record);
      expect(await repo().get('pilot-1', 'phase2')).toBeNull();
      expect(await repo().get('pilot-2', 'phase1')).toBeNull();
      await expect(repo().save(record)).rejects.toBeInstanceOf(AlreadyExists);
    });

    it('replaces only the version it read: of two answers decided on the same version, one is written', async () => {
      const first = await repo().save(withAsked(null, 'pilot-1', 'outcome', null, ['a', 'b'], NOW));
      const answered = (who: string) => {
        const done = withAnswer(first.value, who, { scores: [3, 4, 5], comment: `från ${who}` }, 3, 0.5, NOW);
        if (!done.ok) throw new Error(done.error.detail);
        return done.value;
      };
      const outcomes = await Promise.allSettled([repo().save(answered('a'), first.etag), repo().save(answered('b'), first.etag)]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const lost = outcomes.find((o) => o.status === 'rejected');
      expect(lost?.status === 'rejected' && lost.reason).toBeInstanceOf(ConcurrencyConflict);
      const stored = (await repo().get('pilot-1', 'outcome'))!;
      expect(stored.value.answers).toHaveLength(1);
      expect(stored.value.answeredIds).toHaveLength(1);
      await expect(repo().save(stored.value, first.etag)).rejects.toBeInstanceOf(ConcurrencyConflict);
    });
  });
}
