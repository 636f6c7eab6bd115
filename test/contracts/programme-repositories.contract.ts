import { demoCohort } from '../../src/demo/demo';
import { AlreadyExists, ConcurrencyConflict } from '../../src/domain/errors';
import type { CohortRepository, SettingsRepository } from '../../src/domain/ports';
import { contractSuite } from './contract-suite';

/** One suite, every CohortRepository: the in-memory fake and the Cosmos adapter. `make` gives an empty one per test. */
export function cohortRepositoryContract(name: string, make: () => Promise<CohortRepository>) {
  contractSuite(`CohortRepository contract: ${name}`, make, { scope: 'each' }, (repo) => {
    const cohort = demoCohort(new Date('2026-03-01T00:00:00Z'));

    it('saves, reads, lists and guards cohorts with the ETag', async () => {
      const created = await repo().save(cohort);
      expect(created.value).toEqual(cohort);
      expect((await repo().get(cohort.id))?.value).toEqual(cohort);
      await expect(repo().save(cohort)).rejects.toBeInstanceOf(AlreadyExists);
      const renamed = await repo().save({ ...cohort, name: 'Pilot 1 (våren)' }, created.etag);
      expect((await repo().get(cohort.id))?.value.name).toBe('Pilot 1 (våren)');
      expect((await repo().get(cohort.id))?.etag).toBe(renamed.etag);
      await expect(repo().save({ ...cohort, name: 'stale' }, created.etag)).rejects.toBeInstanceOf(ConcurrencyConflict);
      await repo().save({ ...cohort, id: 'pilot-2', name: 'Pilot 2', intakeOpensAt: '2026-08-01T00:00:00.000Z' });
      expect((await repo().list()).map((c) => c.name)).toEqual(['Pilot 1 (våren)', 'Pilot 2']);
      expect(renamed.etag).not.toBe(created.etag);
      // (A cohort's version may move when another part of the programme is saved: the Cosmos adapter keeps one document.)
    });

    it('answers null for a cohort there is none of, and lists none while empty', async () => {
      expect(await repo().list()).toEqual([]);
      expect(await repo().get('pilot-9')).toBeNull();
      expect(await repo().get('not/a?cohort')).toBeNull();
    });

    it('lists by when intake opens, whatever the order they were saved in', async () => {
      const opens = ['2027-01-01', '2026-01-01', '2026-06-01'];
      for (const [i, day] of opens.entries()) await repo().save({ ...cohort, id: `pilot-${i}`, name: day, intakeOpensAt: `${day}T00:00:00.000Z` });
      expect((await repo().list()).map((c) => c.name)).toEqual(['2026-01-01', '2026-06-01', '2027-01-01']);
    });

    it('refuses to replace a cohort that does not exist (ConcurrencyConflict), and creates nothing', async () => {
      const other = await repo().save({ ...cohort, id: 'pilot-2' });
      await expect(repo().save(cohort, other.etag)).rejects.toBeInstanceOf(ConcurrencyConflict);
      expect(await repo().get(cohort.id)).toBeNull();
    });

    it('of two replaces at the same version, one wins', async () => {
      const created = await repo().save(cohort);
      const results = await Promise.allSettled(['A', 'B'].map((n) => repo().save({ ...cohort, name: n }, created.etag)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ConcurrencyConflict)).toHaveLength(1);
    });
  });
}

const SETTINGS = { coordinatorIds: ['c1'], hrContactIds: { Bjuv: 'h1' }, steeringGroupIds: [] };

/** One suite, every SettingsRepository: the in-memory fake and the Cosmos adapter. `make` gives one without settings per test. */
export function settingsRepositoryContract(name: string, make: () => Promise<SettingsRepository>) {
  contractSuite(`SettingsRepository contract: ${name}`, make, { scope: 'each' }, (repo) => {
    it('keeps one settings document, guarded by its ETag', async () => {
      expect(await repo().get()).toBeNull();
      const first = await repo().save(SETTINGS);
      expect(first.value).toEqual(SETTINGS);
      const second = await repo().save({ ...first.value, coordinatorIds: ['c1', 'c2'] }, first.etag);
      expect(second.etag).not.toBe(first.etag);
      await expect(repo().save({ ...first.value, coordinatorIds: [] }, first.etag)).rejects.toBeInstanceOf(ConcurrencyConflict);
      expect(await repo().get()).toEqual({ value: { coordinatorIds: ['c1', 'c2'], hrContactIds: { Bjuv: 'h1' }, steeringGroupIds: [] }, etag: second.etag });
    });

    it('refuses to create the settings a second time (AlreadyExists)', async () => {
      await repo().save(SETTINGS);
      await expect(repo().save({ ...SETTINGS, coordinatorIds: ['other'] })).rejects.toBeInstanceOf(AlreadyExists);
      expect((await repo().get())?.value.coordinatorIds).toEqual(['c1']);
    });

    it('refuses to replace settings that do not exist yet (ConcurrencyConflict)', async () => {
      await expect(repo().save(SETTINGS, '"an-etag-from-elsewhere"')).rejects.toBeInstanceOf(ConcurrencyConflict);
      expect(await repo().get()).toBeNull();
    });
  });
}
