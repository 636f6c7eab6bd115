import { AlreadyExists, ConcurrencyConflict } from '../../src/domain/errors';
import { aboutCohort, notify } from '../../src/domain/notification';
import type { OutboxStore, RecommendationRepository } from '../../src/domain/ports';
import { declined, newRecommendation, type Recommendation } from '../../src/domain/recommendation';
import { contractSuite } from './contract-suite';

/** Recommendations and the outbox their messages land in, over one store (as the Cosmos pair shares a container). */
export interface RecommendationPair {
  readonly recommendations: RecommendationRepository;
  readonly outbox: OutboxStore;
}

const recommendation = (overrides: Partial<Recommendation> = {}): Recommendation =>
  newRecommendation({ cohortId: 'pilot-1', personId: 'p-1', personName: 'Sara', recommenderId: 'm-1', recommenderName: 'Johan', reason: 'En idé för alla kommuner.', at: '2026-03-01T09:00:00.000Z', ...overrides });
const invitation = (r: Recommendation) => notify(aboutCohort({ id: r.cohortId }), 'recommendation', [r.personId], `${r.cohortId}/recommendation/${r.personId}`, { cohortName: 'Pilot 1' });

/** One suite, every RecommendationRepository (ARCHITECTURE.md, habit 8): the in-memory fake and the Cosmos adapter. */
export function recommendationRepositoryContract(name: string, make: () => Promise<RecommendationPair>) {
  contractSuite(`RecommendationRepository contract: ${name}`, make, { scope: 'each' }, (made) => {
    const recommendations = () => made().recommendations;
    /** The cohort's messages waiting to be sent (a recommendation's are about the cohort, not an application). */
    const messagesOf = async (cohortId: string) => (await made().outbox.due(new Date('2100-01-01T00:00:00Z'), 20)).map((v) => v.value).filter((m) => m.cohortId === cohortId);

    it('keeps a recommendation and writes its message with it; nothing is found for anyone else', async () => {
      const r = recommendation();
      const saved = await recommendations().create(r, invitation(r));
      expect(saved.value).toEqual(r);
      expect(await recommendations().get('pilot-1', 'p-1')).toEqual(saved);
      expect(await recommendations().get('pilot-1', 'p-2')).toBeNull();
      expect(await recommendations().get('pilot-2', 'p-1')).toBeNull();
      expect(await recommendations().get('pilot-1', 'a/b#c')).toBeNull();
      expect((await messagesOf('pilot-1')).map((m) => [m.kind, m.recipientId, m.status, m.dueAt])).toEqual([['recommendation', 'p-1', 'pending', r.at]]);
    });

    it('refuses a second recommendation of the same person in the cohort, by anyone, and writes nothing of it', async () => {
      await recommendations().create(recommendation(), []);
      const second = recommendation({ recommenderId: 'm-2', recommenderName: 'Peter', reason: 'Något annat.' });
      await expect(recommendations().create(second, invitation(second))).rejects.toBeInstanceOf(AlreadyExists);
      expect((await recommendations().get('pilot-1', 'p-1'))?.value.recommenderId).toBe('m-1');
      expect(await messagesOf('pilot-1')).toEqual([]);
    });

    it('two at once: one is kept, the other is AlreadyExists', async () => {
      const results = await Promise.allSettled(['m-1', 'm-2'].map((m) => recommendations().create(recommendation({ recommenderId: m }), [])));
      expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((x) => x.status === 'rejected');
      expect(lost?.status === 'rejected' && lost.reason).toBeInstanceOf(AlreadyExists);
    });

    it('the same person in another cohort is another recommendation', async () => {
      await recommendations().create(recommendation(), []);
      await recommendations().create(recommendation({ cohortId: 'pilot-2' }), []);
      expect((await recommendations().get('pilot-2', 'p-1'))?.value.cohortId).toBe('pilot-2');
    });

    it('replaces it at its version, with its messages; at a stale version nothing is written', async () => {
      const first = await recommendations().create(recommendation(), []);
      const no = declined(first.value, '2026-03-02T10:00:00.000Z').recommendation;
      const told = notify(aboutCohort({ id: 'pilot-1' }), 'recommendationDeclined', ['m-1'], 'pilot-1/recommendation-declined/p-1', { cohortName: 'Pilot 1', personName: 'Sara' });
      const saved = await recommendations().update(no, first.etag, told);
      expect(saved.value).toMatchObject({ status: 'declined', declinedAt: '2026-03-02T10:00:00.000Z' });
      expect(saved.etag).not.toBe(first.etag);
      expect((await messagesOf('pilot-1')).map((m) => [m.kind, m.recipientId, m.dueAt])).toEqual([['recommendationDeclined', 'm-1', '2026-03-02T10:00:00.000Z']]);
      const other = notify(aboutCohort({ id: 'pilot-1' }), 'recommendationDeclined', ['m-1'], 'pilot-1/other', {});
      await expect(recommendations().update({ ...no, reason: 'x' }, first.etag, other)).rejects.toBeInstanceOf(ConcurrencyConflict);
      expect((await recommendations().get('pilot-1', 'p-1'))?.value.reason).toBe(first.value.reason);
      expect(await messagesOf('pilot-1')).toHaveLength(1);
    });
  });
}
