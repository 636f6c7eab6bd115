import type { Cohort } from '../../src/domain/cohort';
import { AlreadyExists, ConcurrencyConflict } from '../../src/domain/errors';
import { ok } from '../../src/domain/result';
import { retryOnConflict } from '../../src/use-cases/change';
import { lockJuryRound } from '../../src/use-cases/jury/lock-jury-round';
import { lockSelection } from '../../src/use-cases/jury/lock-selection';
import { openJuryRound } from '../../src/use-cases/jury/open-jury-round';
import { changeRole } from '../../src/use-cases/programme/change-role';
import { setIntake } from '../../src/use-cases/programme/set-intake';
import { emailOf, P, world } from '../helpers/use-case-deps';

/** use-cases/change.ts: the one optimistic-concurrency loop every change of stored state goes through. */
describe('retryOnConflict', () => {
  const attempt = (failures: readonly Error[]) => {
    let loads = 0;
    const run = retryOnConflict(
      'thing',
      async () => ++loads,
      (n) => ok(n * 10),
      async (decided) => {
        const failure = failures[loads - 1];
        if (failure) throw failure;
        return decided;
      },
    );
    return { run, loads: () => loads };
  };

  it.each([
    ['a lost race (ConcurrencyConflict)', [new ConcurrencyConflict('thing', '1')], 20, 2],
    ['two writers creating at once (AlreadyExists)', [new AlreadyExists('thing', '1')], 20, 2],
    ['two lost races', [new ConcurrencyConflict('thing', '1'), new ConcurrencyConflict('thing', '1')], 30, 3],
  ] as const)('decides again on fresh state after %s', async (_what, failures, value, loads) => {
    const { run, loads: loaded } = attempt(failures);
    expect(await run).toEqual({ ok: true, value });
    expect(loaded()).toBe(loads);
  });

  it('answers CONCURRENCY_CONFLICT after three lost races, never an exception', async () => {
    const { run, loads } = attempt([0, 1, 2].map(() => new ConcurrencyConflict('thing', '1')));
    expect(await run).toMatchObject({ ok: false, error: { code: 'CONCURRENCY_CONFLICT' } });
    expect(loads()).toBe(3);
  });

  it('lets any other failure through at once', async () => {
    const { run, loads } = attempt([new Error('store down')]);
    await expect(run).rejects.toThrow('store down');
    expect(loads()).toBe(1);
  });

  it('writes nothing when the decision refuses', async () => {
    let saves = 0;
    const refused = await retryOnConflict('thing', async () => 1, () => ({ ok: false as const, error: { code: 'ROUND_LOCKED' as const } }), async () => ++saves);
    expect(refused).toEqual({ ok: false, error: { code: 'ROUND_LOCKED' } });
    expect(saves).toBe(0);
  });
});

/** The cohort and settings writes that used to answer a lost race with "something went wrong". */
describe('a change that loses a race is decided again on what the other writer stored', () => {
  /** The first save of a cohort loses to another writer who, meanwhile, renamed the cohort. */
  async function racedCohorts() {
    const w = await world();
    const save = w.cohorts.save.bind(w.cohorts);
    let raced = false;
    w.cohorts.save = async (cohort: Cohort, etag?: string) => {
      if (!raced) {
        raced = true;
        const stored = await w.cohorts.get(cohort.id);
        if (stored) await save({ ...stored.value, name: 'Omdöpt av någon annan' }, stored.etag);
      }
      return save(cohort, etag);
    };
    return w;
  }

  it.each([
    ['öppna juryrunda', (w: Awaited<ReturnType<typeof racedCohorts>>) => openJuryRound(w.deps, P.coordinator), { juryRound: 'open' }],
    ['lås juryrunda', (w: Awaited<ReturnType<typeof racedCohorts>>) => lockJuryRound(w.deps, P.coordinator), { juryRound: 'locked' }],
    ['lås urval', (w: Awaited<ReturnType<typeof racedCohorts>>) => lockSelection(w.deps, P.coordinator), { juryRound: 'locked' }],
    ['stäng intag', (w: Awaited<ReturnType<typeof racedCohorts>>) => setIntake(w.deps, P.coordinator, false), {}],
  ] as const)('%s', async (_command, run, expected) => {
    const w = await racedCohorts();
    const done = await run(w);
    expect(done.ok).toBe(true);
    // Both changes are kept: the other writer's name and this one's.
    expect(await w.cohort()).toMatchObject({ name: 'Omdöpt av någon annan', ...expected });
  });

  it('samordnare lägg till, against a coordinator added at the same time', async () => {
    const w = await world();
    const save = w.settings.save.bind(w.settings);
    let raced = false;
    w.settings.save = async (settings, etag) => {
      if (!raced) {
        raced = true;
        const stored = await w.settings.get();
        if (stored) await save({ ...stored.value, coordinatorIds: [...stored.value.coordinatorIds, P.juror2] }, stored.etag);
      }
      return save(settings, etag);
    };
    expect((await changeRole(w.deps, P.coordinator, { kind: 'coordinator', add: true, email: emailOf(P.juror1) })).ok).toBe(true);
    expect((await w.settings.get())?.value.coordinatorIds).toEqual([P.coordinator, P.juror2, P.juror1]);
  });
});
