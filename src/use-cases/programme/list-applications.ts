import type { Application } from '../../domain/application';
import type { ApplicationState } from '../../domain/application.state-machine';
import type { Cohort } from '../../domain/cohort';
import { domainError, type UseCaseResult } from '../../domain/errors';
import { type Municipality } from '../../domain/municipalities';
import { err, ok } from '../../domain/result';
import { currentCohort } from '../current-cohort';
import { coordinatorOnly, type ProgrammeDeps } from './deps';

/** `ansökningar [status] [kommun]`: the current cohort's applications, filtered. */
export async function listApplications(deps: ProgrammeDeps, coordinatorId: string, filter: { state?: ApplicationState; municipality?: Municipality }): Promise<UseCaseResult<{ cohort: Cohort; applications: Application[] }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const current = await currentCohort(deps);
  if (!current) return err(domainError('NOT_FOUND', 'no cohort'));
  const applications = (await deps.applications.listByCohort(current.value.id))
    .filter((a) => (!filter.state || a.state === filter.state) && (!filter.municipality || a.about?.municipality === filter.municipality))
    .sort((a, b) => a.id.localeCompare(b.id));
  return ok({ cohort: current.value, applications });
}
