import type { Cohort } from '../../domain/cohort';
import { ConcurrencyConflict, domainError } from '../../domain/errors';
import { err, ok } from '../../domain/result';
import { currentCohort } from '../current-cohort';
import { type ProgrammeDeps, type ProgrammeResult, coordinatorOnly, closeJob } from './deps';

/**
 * `öppna intag` / `stäng intag` [kohort]. Without a name: opening takes the next cohort that has not opened
 * yet (else the current one); closing takes the current one. Opening again gives 30 days if the deadline has passed.
 */
export async function setIntake(deps: ProgrammeDeps, coordinatorId: string, open: boolean, cohortName = ''): Promise<ProgrammeResult<Cohort>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const now = deps.clock.now();
  const all = await deps.cohorts.list();
  const wanted = cohortName.toLowerCase();
  const named = wanted ? all.find((c) => c.name.toLowerCase() === wanted || c.id === wanted) : undefined;
  const upcoming = all.filter((c) => Date.parse(c.intakeOpensAt) > now.getTime()).sort((a, b) => a.intakeOpensAt.localeCompare(b.intakeOpensAt))[0];
  const target = named ?? (open ? upcoming : undefined);
  const current = target ? await deps.cohorts.get(target.id) : wanted ? null : await currentCohort(deps);
  if (!current) return err(domainError('NOT_FOUND', 'no cohort'));
  const iso = now.toISOString();
  const c = current.value;
  const { intakeClosedAt: _closed, ...withoutClosed } = c;
  const next: Cohort = open
    ? { ...withoutClosed, intakeOpensAt: Date.parse(c.intakeOpensAt) > now.getTime() ? iso : c.intakeOpensAt, intakeClosesAt: Date.parse(c.intakeClosesAt) > now.getTime() ? c.intakeClosesAt : new Date(now.getTime() + 30 * 86400_000).toISOString() }
    : { ...c, intakeClosesAt: iso, intakeClosedAt: iso };
  try {
    const saved = await deps.cohorts.save(next, current.etag);
    if (open) await deps.outbox.enqueue([closeJob(saved.value)], now);
    return ok(saved.value);
  } catch (e) {
    if (e instanceof ConcurrencyConflict) return err(domainError('CONCURRENCY_CONFLICT', 'cohort changed'));
    throw e;
  }
}
