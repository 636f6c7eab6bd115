import { auditFor } from '../../domain/audit-event';
import { AlreadyExists, ConcurrencyConflict, domainError } from '../../domain/errors';
import type { JurorScore } from '../../domain/ports';
import { err, ok } from '../../domain/result';
import { conflictOf, criteriaOf } from '../../domain/jury';
import { validateScore } from '../../domain/scoring';
import { type ApplicationRef } from '../application-change';
import { type JuryDeps, type JuryResult } from './deps';
import { jurorAccess, recusalOf, recordRecusal } from './juror-access';

/**
 * A juror scores (or revises their score for) an application. A juror who is part of the application is
 * recused automatically; a score sent twice counts once (one document per juror and application).
 */
export async function scoreApplication(
  deps: JuryDeps,
  jurorId: string,
  ref: ApplicationRef,
  values: Readonly<Record<string, number>>,
  comment: string,
): Promise<JuryResult<{ score: JurorScore; changed: boolean }>> {
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
  // Read, compare, write guarded by the version read: of identical scores sent at once one is stored (with one
  // audit event) and the others find it there; a different score sent at the same time is decided again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const previous = await deps.jury.scoreOf(ref.cohortId, ref.applicationId, jurorId);
    if (previous && sameScore(previous.value, values, comment)) return ok({ score: previous.value, changed: false });
    const now = deps.clock.now().toISOString();
    const score: JurorScore = { cohortId: ref.cohortId, applicationId: ref.applicationId, jurorId, values, ...(comment ? { comment } : {}), at: now };
    try {
      await deps.jury.saveScore(score, auditFor(application, application, 'scored', { id: jurorId, kind: 'juror' }, now, deps.ids.uuid()), previous?.etag);
      return ok({ score, changed: true });
    } catch (e) {
      if (!(e instanceof AlreadyExists) && !(e instanceof ConcurrencyConflict)) throw e;
    }
  }
  return err(domainError('CONCURRENCY_CONFLICT', `score of ${jurorId} for ${ref.applicationId} kept changing`));
}

function sameScore(stored: JurorScore, values: Readonly<Record<string, number>>, comment: string): boolean {
  const keys = Object.keys(values);
  return Object.keys(stored.values).length === keys.length && keys.every((k) => stored.values[k] === values[k]) && (stored.comment ?? '') === comment;
}
