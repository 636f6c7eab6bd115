import { auditFor } from '../../domain/audit-event';
import { domainError, type UseCaseResult } from '../../domain/errors';
import { conflictOf, criteriaOf, jurorRefusal } from '../../domain/jury';
import type { JurorScore } from '../../domain/ports';
import { err, ok } from '../../domain/result';
import { validateScore, weightedMean } from '../../domain/scoring';
import { juryOf, scoreMark, withVerdict } from '../../domain/tally';
import { retryOnConflict, type ApplicationRef } from '../change';
import type { ProgrammeDeps } from '../programme/deps';
import { jurorAccess, recordRecusal } from './juror-access';

/**
 * A juror scores (or revises their score for) an application. A juror who is part of the application is
 * recused automatically; a score sent twice counts once. The score, its audit event and the application's
 * summary are written together, guarded by the application's version (domain/tally.ts).
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
  const { cohort } = access.value;
  const criteria = criteriaOf(cohort);
  const problems = validateScore(values, criteria);
  // Of identical scores sent at once one is stored (with one audit event) and the others find it there; another
  // juror's score at the same time moves the same summary, so the loser reads the application again.
  return retryOnConflict(
    `score of ${jurorId} for ${ref.applicationId}`,
    () => deps.applications.get(ref.cohortId, ref.applicationId),
    async (current) => {
      if (!current) return err(domainError('NOT_FOUND', 'no such application'));
      const application = current.value;
      const refusal = jurorRefusal(cohort, application, jurorId);
      if (refusal) return err(refusal);
      if (juryOf(application).recused.includes(jurorId)) {
        const recusal = await deps.jury.recusalOf(ref.cohortId, ref.applicationId, jurorId);
        return err({ code: 'RECUSED', automatic: recusal?.automatic ?? false, reason: recusal?.reason ?? '' });
      }
      const conflict = conflictOf(application, jurorId);
      if (conflict) {
        const recorded = await recordRecusal(deps, ref, jurorId, conflict, true);
        return recorded.ok ? err({ code: 'RECUSED', automatic: true, reason: conflict }) : recorded;
      }
      if (problems.length > 0) return err({ code: 'INVALID_SCORE', problems });
      const score: JurorScore = { cohortId: ref.cohortId, applicationId: ref.applicationId, jurorId, values, ...(comment ? { comment } : {}), at: deps.clock.now().toISOString() };
      const mark = scoreMark(values, comment);
      return ok({ score, changed: juryOf(application).marks[jurorId] !== mark, mark });
    },
    async (decided, current) => {
      if (decided.changed && current) {
        const application = current.value;
        const next = { ...application, jury: withVerdict(application.jury, jurorId, weightedMean(values, criteria), decided.mark) };
        await deps.jury.saveScore(decided.score, auditFor(application, application, 'scored', { id: jurorId, kind: 'juror' }, decided.score.at, deps.ids.uuid()), { application: next, previous: current });
      }
      return { score: decided.score, changed: decided.changed };
    },
  );
}
