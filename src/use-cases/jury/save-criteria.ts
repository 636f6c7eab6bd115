import type { Cohort } from '../../domain/cohort';
import { withCriteria, type CriterionInput } from '../../domain/criteria';
import type { UseCaseResult } from '../../domain/errors';
import { ok } from '../../domain/result';
import { changeCohort } from '../change';
import { coordinatorOnly, type ProgrammeDeps } from '../programme/deps';

/**
 * The cohort's selection criteria as the coordinator sets them (name, weight, what 1, 3 and 5 mean), checked by the
 * domain's rules, saved guarded by the cohort's version; refused once the jury round has opened.
 */
export async function saveCriteria(deps: ProgrammeDeps, coordinatorId: string, cohortId: string, input: readonly CriterionInput[]): Promise<UseCaseResult<Cohort>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const changed = await changeCohort(deps, cohortId, (cohort) => withCriteria(cohort, input));
  return changed.ok ? ok(changed.value.after.value) : changed;
}
