import type { Cohort } from '../../domain/cohort';
import { AlreadyExists, ConcurrencyConflict, domainError } from '../../domain/errors';
import type { Versioned } from '../../domain/ports';
import { err, ok } from '../../domain/result';
import { type ProgrammeDeps, type ProgrammeResult, coordinatorOnly, closeJob } from './deps';

/** What the cohort card sets; jury, mentors and round state are kept from the stored cohort. */
export type CohortInput = Pick<Cohort, 'name' | 'intakeOpensAt' | 'intakeClosesAt' | 'programmeStartsOn' | 'capacity' | 'budgetPerParticipantOre'> & {
  readonly id?: string;
  readonly quorum: number;
  readonly normalise: boolean;
};

/** Creates a cohort, or edits one guarded by its ETag; the intake close at the deadline is scheduled. */
export async function saveCohort(deps: ProgrammeDeps, coordinatorId: string, input: CohortInput, expectedEtag?: string): Promise<ProgrammeResult<Versioned<Cohort>>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  if (Date.parse(input.intakeClosesAt) <= Date.parse(input.intakeOpensAt)) return err({ code: 'FIELD', field: 'intakeClosesAt', reason: 'closesBeforeOpens' });
  const existing = input.id ? await deps.cohorts.get(input.id) : null;
  // The id is a slug of the name (domain/ids.ts COHORT_ID); a name with no letters or digits gets a short id.
  const slug = input.name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').slice(0, 60).replace(/^-+|-+$/g, '');
  const id = input.id ?? (slug || deps.ids.shortId('k').toLowerCase());
  const base: Cohort = existing?.value ?? { id, name: input.name, intakeOpensAt: '', intakeClosesAt: '', programmeStartsOn: '', capacity: 0, budgetPerParticipantOre: 0, jurorIds: [], mentorIds: [], sponsorIds: [] };
  const { intakeClosedAt: _closed, ...rest } = base;
  const reopened = Date.parse(input.intakeClosesAt) > deps.clock.now().getTime();
  const cohort: Cohort = { ...(reopened ? rest : base), ...input, id };
  try {
    const saved = await deps.cohorts.save(cohort, existing ? (expectedEtag ?? existing.etag) : undefined);
    await deps.outbox.enqueue([closeJob(saved.value)], deps.clock.now());
    return ok(saved);
  } catch (e) {
    if (e instanceof ConcurrencyConflict) return err(domainError('CONCURRENCY_CONFLICT', 'cohort changed'));
    if (e instanceof AlreadyExists) return err(domainError('ALREADY_EXISTS', `cohort ${id} exists`));
    throw e;
  }
}
