import { type Application } from '../../domain/application';
import { auditFor } from '../../domain/audit-event';
import type { Cohort } from '../../domain/cohort';
import { AlreadyExists, domainError } from '../../domain/errors';
import type { JurorRecusal } from '../../domain/ports';
import { err, ok } from '../../domain/result';
import { type ApplicationRef } from '../application-change';
import { type JuryDeps, type JuryResult } from './deps';

/** What a juror may do with an application now, decided from stored state. */
export async function jurorAccess(deps: JuryDeps, jurorId: string, ref: ApplicationRef): Promise<JuryResult<{ cohort: Cohort; application: Application }>> {
  const cohort = (await deps.cohorts.get(ref.cohortId))?.value;
  const application = (await deps.applications.get(ref.cohortId, ref.applicationId))?.value;
  if (!cohort || !application) return err(domainError('NOT_FOUND', 'no such application'));
  if (!cohort.jurorIds.includes(jurorId)) return err(domainError('NOT_ALLOWED', 'not a juror of this cohort'));
  if (cohort.juryRound === 'locked') return err({ code: 'ROUND_LOCKED' });
  if (cohort.juryRound !== 'open' || application.state !== 'inReview') return err({ code: 'ROUND_NOT_OPEN' });
  return ok({ cohort, application });
}

export async function recusalOf(deps: JuryDeps, jurorId: string, ref: ApplicationRef): Promise<JurorRecusal | undefined> {
  return (await deps.jury.recusals(ref.cohortId)).find((r) => r.applicationId === ref.applicationId && r.jurorId === jurorId);
}

export async function recordRecusal(deps: JuryDeps, application: Application, jurorId: string, reason: string, automatic: boolean): Promise<void> {
  const now = deps.clock.now().toISOString();
  try {
    await deps.jury.saveRecusal(
      { cohortId: application.cohortId, applicationId: application.id, jurorId, reason, automatic, at: now },
      auditFor(application, application, 'recused', { id: automatic ? 'system' : jurorId, kind: automatic ? 'system' : 'juror' }, now, deps.ids.uuid(), reason),
    );
  } catch (e) {
    if (!(e instanceof AlreadyExists)) throw e;
  }
}
