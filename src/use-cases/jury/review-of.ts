import type { Application } from '../../domain/application';
import type { Cohort } from '../../domain/cohort';
import { domainError, type UseCaseResult } from '../../domain/errors';
import { conflictOf, reviewStateOf, SEEN_BY_JURY, scoresSeenBy, type ReviewState } from '../../domain/jury';
import type { JurorScore } from '../../domain/ports';
import { err, ok } from '../../domain/result';
import type { ApplicationRef } from '../change';
import type { ProgrammeDeps } from '../programme/deps';

/** One application as one juror may read it, beside their scoring form (the chat's card and the tab's view). */
export interface ReviewOf {
  readonly application: Application;
  readonly cohort: Cohort;
  readonly state: ReviewState;
  /** Why the juror stands aside: the conflict the application shows (automatic), else their own stored reason. */
  readonly recusal?: { readonly reason: string; readonly automatic: boolean };
  readonly own?: JurorScore;
  /** The other jurors' counting scores, only once this juror has scored (nobody is swayed before). */
  readonly others: readonly JurorScore[];
}

/**
 * What a juror reads of one application: only on their cohort's jury, only an application the jury sees (a draft or
 * one still with the manager does not exist to them), the others' scores only after their own. The jury's stored
 * scores and recusals are read only once the juror has scored or stood aside.
 */
export async function reviewOf(deps: ProgrammeDeps, jurorId: string, ref: ApplicationRef): Promise<UseCaseResult<ReviewOf>> {
  const [found, cohort] = await Promise.all([deps.applications.get(ref.cohortId, ref.applicationId), deps.cohorts.get(ref.cohortId)]);
  if (!cohort) return err(domainError('NOT_FOUND', 'no such cohort'));
  if (!cohort.value.jurorIds.includes(jurorId)) return err({ code: 'NOT_JUROR' });
  if (!found || !SEEN_BY_JURY.includes(found.value.state)) return err(domainError('NOT_FOUND', 'no such application'));
  const application = found.value;
  const state = reviewStateOf(application, jurorId);
  if (state === 'todo') return ok({ application, cohort: cohort.value, state, others: [] });
  const jury = await deps.jury.onApplication(ref.cohortId, ref.applicationId);
  if (state === 'recused') {
    const conflict = conflictOf(application, jurorId);
    const stored = jury.recusals.find((r) => r.jurorId === jurorId);
    const recusal = conflict ? { reason: conflict, automatic: true } : stored ? { reason: stored.reason, automatic: stored.automatic } : undefined;
    return ok({ application, cohort: cohort.value, state, ...(recusal ? { recusal } : {}), others: [] });
  }
  const seen = new Set(scoresSeenBy(application, jurorId).others ?? []);
  const own = jury.scores.find((s) => s.jurorId === jurorId);
  return ok({ application, cohort: cohort.value, state, ...(own ? { own } : {}), others: jury.scores.filter((s) => seen.has(s.jurorId)) });
}
