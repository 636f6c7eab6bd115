import { auditFor } from '../../domain/audit-event';
import type { UseCaseResult } from '../../domain/errors';
import { conflictOf, criteriaOf, sameScore } from '../../domain/jury';
import type { JurorScore } from '../../domain/ports';
import { err, ok } from '../../domain/result';
import { validateScore } from '../../domain/scoring';
import { retryOnConflict, type ApplicationRef } from '../change';
import type { ProgrammeDeps } from '../programme/deps';
import { jurorAccess, recordRecusal, recusalOf } from './juror-access';

/**
 * A juror scores (or revises their score for) an application. A juror who is part of the application is
 * recused automatically; a score sent twice counts once (one document per juror and application).
 */
export async function scoreApplication(
  deps: ProgrammeDeps,
  jurorId: string,
  ref: ApplicationRef,
  values: Readonly<Record<string, number>>,
  comment: string,
): Promise<UseCaseResult<{ score: JurorScore; changed: boolean }>> {
  const access = await jurorAccess(deps, jurorId, ref);
  if (!access.ok) return access;
  const { cohort, application } = access.value;
  const recused = await recusalOf(deps, jurorId, ref);
  if (recused) return err({ code: 'RECUSED', automatic: recused.automatic, reason: recused.reason });
  const conflict = conflictOf(application, jurorId);
  if (conflict) {
    await recordRecusal(deps, application, jurorId, conflict, true);
    return err({ code: 'RECUSED', automatic: true, reason: conflict });
  }
  const problems = validateScore(values, criteriaOf(cohort));
  if (problems.length > 0) return err({ code: 'INVALID_SCORE', problems });
  // Of identical scores sent at once one is stored (with one audit event) and the others find it there; a
  // different score sent at the same time is decided again.
  return retryOnConflict(
    `score of ${jurorId} for ${ref.applicationId}`,
    () => deps.jury.scoreOf(ref.cohortId, ref.applicationId, jurorId),
    (previous) => {
      if (previous && sameScore(previous.value, values, comment)) return ok({ score: previous.value, changed: false });
      const score: JurorScore = { cohortId: ref.cohortId, applicationId: ref.applicationId, jurorId, values, ...(comment ? { comment } : {}), at: deps.clock.now().toISOString() };
      return ok({ score, changed: true });
    },
    async (decided, previous) => {
      if (decided.changed) await deps.jury.saveScore(decided.score, auditFor(application, application, 'scored', { id: jurorId, kind: 'juror' }, decided.score.at, deps.ids.uuid()), previous?.etag);
      return decided;
    },
  );
}
