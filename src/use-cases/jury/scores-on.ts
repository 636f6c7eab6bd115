import type { Application } from '../../domain/application';
import type { Cohort } from '../../domain/cohort';
import { domainError, type UseCaseResult } from '../../domain/errors';
import type { JurorRecusal, JurorScore } from '../../domain/ports';
import { err, ok } from '../../domain/result';
import { juryOf } from '../../domain/tally';
import type { ApplicationRef } from '../change';
import { coordinatorOnly, type ProgrammeDeps } from '../programme/deps';

/** The scores (values per criterion, comments) and recusals of one application, as the coordinator opens a ranking row. */
export interface ScoresOn {
  readonly application: Application;
  readonly cohort: Cohort;
  readonly scores: readonly JurorScore[];
  readonly recusals: readonly JurorRecusal[];
}

/**
 * The stored scores of the given jurors on one application: one point read each (a jury is tens of people at most, and
 * only those in the application's summary have a score), never a query over the cohort.
 */
export async function scoresOf(deps: ProgrammeDeps, application: Application, jurorIds: readonly string[]): Promise<JurorScore[]> {
  const found = await Promise.all(jurorIds.map((id) => deps.jury.scoreOf(application.cohortId, application.id, id)));
  return found.flatMap((x) => (x ? [x.value] : []));
}

/** Every score and recusal of one application, for coordinators, who may see them all. */
export async function scoresOn(deps: ProgrammeDeps, coordinatorId: string, ref: ApplicationRef): Promise<UseCaseResult<ScoresOn>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const [found, cohort] = await Promise.all([deps.applications.get(ref.cohortId, ref.applicationId), deps.cohorts.get(ref.cohortId)]);
  if (!found || !cohort) return err(domainError('NOT_FOUND', 'no such application'));
  const application = found.value;
  const summary = juryOf(application);
  const [scores, recusals] = await Promise.all([
    scoresOf(deps, application, Object.keys(summary.verdicts)),
    Promise.all(summary.recused.map((id) => deps.jury.recusalOf(ref.cohortId, ref.applicationId, id))),
  ]);
  return ok({ application, cohort: cohort.value, scores, recusals: recusals.flatMap((r) => (r ? [r] : [])) });
}
