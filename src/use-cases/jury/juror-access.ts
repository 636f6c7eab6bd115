import type { Application } from '../../domain/application';
import { auditFor } from '../../domain/audit-event';
import type { Cohort } from '../../domain/cohort';
import { AlreadyExists, domainError, type UseCaseResult } from '../../domain/errors';
import { jurorRefusal } from '../../domain/jury';
import type { JurorRecusal } from '../../domain/ports';
import { err, ok } from '../../domain/result';
import type { ApplicationRef } from '../change';
import type { ProgrammeDeps } from '../programme/deps';

/** The cohort and application a juror acts on, when the domain lets them act now. */
export async function jurorAccess(deps: ProgrammeDeps, jurorId: string, ref: ApplicationRef): Promise<UseCaseResult<{ cohort: Cohort; application: Application }>> {
  const cohort = (await deps.cohorts.get(ref.cohortId))?.value;
  const application = (await deps.applications.get(ref.cohortId, ref.applicationId))?.value;
  if (!cohort || !application) return err(domainError('NOT_FOUND', 'no such application'));
  const refusal = jurorRefusal(cohort, application, jurorId);
  return refusal ? err(refusal) : ok({ cohort, application });
}

export async function recusalOf(deps: ProgrammeDeps, jurorId: string, ref: ApplicationRef): Promise<JurorRecusal | undefined> {
  return (await deps.jury.recusals(ref.cohortId)).find((r) => r.applicationId === ref.applicationId && r.jurorId === jurorId);
}

/** Records a recusal with its audit event; a recusal already there is final and stays as it is. */
export async function recordRecusal(deps: ProgrammeDeps, application: Application, jurorId: string, reason: string, automatic: boolean): Promise<void> {
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
