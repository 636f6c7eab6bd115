import { withIntakeClosed, withIntakeOpened, type Cohort } from '../../domain/cohort';
import { domainError, type UseCaseResult } from '../../domain/errors';
import { err, ok } from '../../domain/result';
import { changeCohort } from '../change';
import { currentCohort } from '../current-cohort';
import { closeJob, coordinatorOnly, type ProgrammeDeps } from './deps';

/**
 * `öppna intag` / `stäng intag` [kohort]. Without a name: opening takes the next cohort that has not opened
 * yet (else the current one); closing takes the current one. Opening again gives 30 days if the deadline has passed.
 */
export async function setIntake(deps: ProgrammeDeps, coordinatorId: string, open: boolean, cohortName = ''): Promise<UseCaseResult<Cohort>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const now = deps.clock.now();
  const all = await deps.cohorts.list();
  const wanted = cohortName.toLowerCase();
  const named = wanted ? all.find((c) => c.name.toLowerCase() === wanted || c.id === wanted) : undefined;
  const upcoming = all.filter((c) => Date.parse(c.intakeOpensAt) > now.getTime()).sort((a, b) => a.intakeOpensAt.localeCompare(b.intakeOpensAt))[0];
  const targetId = (named ?? (open ? upcoming : undefined))?.id ?? (wanted ? undefined : (await currentCohort(deps))?.value.id);
  if (!targetId) return err(domainError('NOT_FOUND', 'no cohort'));
  const changed = await changeCohort(deps, targetId, (c, at) => ok(open ? withIntakeOpened(c, at) : withIntakeClosed(c, at)));
  if (!changed.ok) return changed;
  if (open) await deps.outbox.enqueue(closeJob(changed.value.after.value), now);
  return ok(changed.value.after.value);
}
