import type { Application } from '../../domain/application';
import type { Cohort } from '../../domain/cohort';
import { domainError, type UseCaseResult } from '../../domain/errors';
import { conflictOf, reviewStateOf, SEEN_BY_JURY, scoresSeenBy, type ReviewState } from '../../domain/jury';
import type { JurorScore } from '../../domain/ports';
import { err, ok } from '../../domain/result';
import type { ApplicationRef } from '../change';
import type { ProgrammeDeps } from '../programme/deps';
import { progressOf } from './reviews';

/** One application as one juror may read it, beside their scoring form. */
export interface ReviewOf {
  readonly application: Application;
  readonly cohort: Cohort;
  readonly state: ReviewState;
  /** Why the juror stands aside: their own reason, or the conflict the application shows (automatic). */
  readonly recusal?: { readonly reason: string; readonly automatic: boolean };
  readonly own?: JurorScore;
  /** The other jurors' counting scores, only once this juror has scored (nobody is swayed before). */
  readonly others: readonly JurorScore[];
  readonly done: number;
  readonly total: number;
}

/**
 * What a juror reads of one application: only on their cohort's jury, only an application the jury sees (a draft or
 * one still with the manager does not exist to them), the others' scores only after their own.
 */
export async function reviewOf(deps: ProgrammeDeps, jurorId: string, ref: ApplicationRef): Promise<UseCaseResult<ReviewOf>> {
  const [found, cohort] = await Promise.all([deps.applications.get(ref.cohortId, ref.applicationId), deps.cohorts.get(ref.cohortId)]);
  if (!cohort || !cohort.value.jurorIds.includes(jurorId)) return err({ code: 'NOT_JUROR' });
  if (!found || !SEEN_BY_JURY.includes(found.value.state)) return err(domainError('NOT_FOUND', 'no such application'));
  const application = found.value;
  const state = reviewStateOf(application, jurorId);
  const [jury, progress] = await Promise.all([deps.jury.onApplication(ref.cohortId, ref.applicationId), progressOf(deps, ref.cohortId, jurorId)]);
  const conflict = conflictOf(application, jurorId);
  const stored = jury.recusals.find((r) => r.jurorId === jurorId);
  const recusal = stored ? { reason: stored.reason, automatic: stored.automatic } : conflict ? { reason: conflict, automatic: true } : undefined;
  const { others } = scoresSeenBy(application, jurorId);
  const seen = new Set(others ?? []);
  const own = state === 'scored' ? jury.scores.find((s) => s.jurorId === jurorId) : undefined;
  return ok({
    application,
    cohort: cohort.value,
    state,
    ...(recusal && state === 'recused' ? { recusal } : {}),
    ...(own ? { own } : {}),
    others: own ? jury.scores.filter((s) => seen.has(s.jurorId)) : [],
    ...progress,
  });
}
