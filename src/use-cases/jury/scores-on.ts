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

/** Every score and recusal of one application, for coordinators, who may see them all. */
export async function scoresOn(deps: ProgrammeDeps, coordinatorId: string, ref: ApplicationRef): Promise<UseCaseResult<ScoresOn>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const [found, cohort, jury] = await Promise.all([deps.applications.get(ref.cohortId, ref.applicationId), deps.cohorts.get(ref.cohortId), deps.jury.onApplication(ref.cohortId, ref.applicationId)]);
  if (!found || !cohort) return err(domainError('NOT_FOUND', 'no such application'));
  // What counts is the summary's: a score given before its juror stood aside stays stored but counts no more (ADR 0006).
  const summary = juryOf(found.value);
  const scores = jury.scores.filter((s) => summary.verdicts[s.jurorId] !== undefined);
  return ok({ application: found.value, cohort: cohort.value, scores, recusals: jury.recusals.filter((r) => summary.recused.includes(r.jurorId)) });
}
