import type { Application } from '../domain/application';
import { isUnchanged, type Change } from '../domain/application.lifecycle';
import type { Cohort } from '../domain/cohort';
import { AlreadyExists, ConcurrencyConflict, domainError, type UseCaseResult } from '../domain/errors';
import type { ProgrammeSettings } from '../domain/person';
import type { ApplicationRepository, Clock, CohortRepository, SettingsRepository, Versioned } from '../domain/ports';
import { err, ok } from '../domain/result';
import { currentCohort } from './current-cohort';

export interface ApplicationRef {
  readonly cohortId: string;
  readonly applicationId: string;
}

const MAX_ATTEMPTS = 3;

/**
 * The one optimistic-concurrency loop: load, decide, save guarded by the version loaded; on a lost race
 * (ConcurrencyConflict, or AlreadyExists when two created the same document at once) load and decide again.
 * `decide` sees the fresh value every time and either answers what to save or refuses. After MAX_ATTEMPTS
 * lost races the answer is CONCURRENCY_CONFLICT, never an exception the person sees as "something went wrong".
 */
export async function retryOnConflict<V, D, R>(
  what: string,
  load: () => Promise<V>,
  decide: (current: V) => Promise<UseCaseResult<D>> | UseCaseResult<D>,
  save: (decided: D, current: V) => Promise<R>,
): Promise<UseCaseResult<R>> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const current = await load();
    const decided = await decide(current);
    if (!decided.ok) return decided;
    try {
      return ok(await save(decided.value, current));
    } catch (e) {
      if (!(e instanceof ConcurrencyConflict) && !(e instanceof AlreadyExists)) throw e;
    }
  }
  return err(domainError('CONCURRENCY_CONFLICT', `${what} kept changing`));
}

/**
 * Changes one application: its new state, audit event and notifications are written together, guarded by its ETag.
 * A rule that answers `unchanged` (the same decision again) writes nothing: the stored application is the answer,
 * with `changed: false`; a repeat that lost the race to its twin reads again and finds its decision there.
 */
export async function mutate<T = Application>(
  deps: { readonly applications: ApplicationRepository; readonly clock: Clock },
  ref: ApplicationRef,
  decide: (current: Application, now: Date) => Promise<UseCaseResult<Change & { result?: T }>> | UseCaseResult<Change & { result?: T }>,
): Promise<UseCaseResult<{ application: Versioned<Application>; changed: boolean; result?: T }>> {
  return retryOnConflict(
    `application ${ref.applicationId}`,
    () => deps.applications.get(ref.cohortId, ref.applicationId),
    (current) => (current ? decide(current.value, deps.clock.now()) : err(domainError('NOT_FOUND', `application ${ref.applicationId} not found`))),
    async (decided, current) => {
      const stored = current as Versioned<Application>;
      const changed = !isUnchanged(decided, stored.value);
      const saved = changed ? await deps.applications.update({ application: decided.application, previous: stored, audit: decided.audit, notifications: decided.notifications }) : stored;
      return decided.result === undefined ? { application: saved, changed } : { application: saved, changed, result: decided.result };
    },
  );
}

/**
 * Changes one cohort (`'current'`: the cohort the programme works on now), guarded by its ETag. `decide`
 * answers the new cohort, or the stored one unchanged to write nothing.
 */
export async function changeCohort(
  deps: { readonly cohorts: CohortRepository; readonly clock: Clock },
  which: string | 'current',
  decide: (current: Cohort, now: Date) => UseCaseResult<Cohort>,
): Promise<UseCaseResult<{ before: Cohort; after: Versioned<Cohort> }>> {
  return retryOnConflict(
    `cohort ${which}`,
    () => (which === 'current' ? currentCohort(deps) : deps.cohorts.get(which)),
    (current) => (current ? decide(current.value, deps.clock.now()) : err(domainError('NOT_FOUND', 'no cohort'))),
    async (next, current) => {
      const stored = current as Versioned<Cohort>;
      return { before: stored.value, after: next === stored.value ? stored : await deps.cohorts.save(next, stored.etag) };
    },
  );
}

const NO_SETTINGS: ProgrammeSettings = { coordinatorIds: [], hrContactIds: {}, steeringGroupIds: [] };

/** Changes the programme settings (roles), guarded by their ETag; created on first change. */
export async function changeSettings(
  deps: { readonly settings: SettingsRepository },
  decide: (current: ProgrammeSettings) => UseCaseResult<ProgrammeSettings>,
): Promise<UseCaseResult<Versioned<ProgrammeSettings>>> {
  return retryOnConflict(
    'settings',
    () => deps.settings.get(),
    (current) => decide(current?.value ?? NO_SETTINGS),
    (next, current) => deps.settings.save(next, current?.etag),
  );
}
