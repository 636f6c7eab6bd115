import type { Application } from '../../domain/application';
import { auditFor } from '../../domain/audit-event';
import type { Cohort } from '../../domain/cohort';
import { domainError, type UseCaseResult } from '../../domain/errors';
import { jurorRefusal } from '../../domain/jury';
import type { Versioned } from '../../domain/ports';
import { err, ok } from '../../domain/result';
import { juryOf, withRecusal } from '../../domain/tally';
import { retryOnConflict, type ApplicationRef } from '../change';
import type { ProgrammeDeps } from '../programme/deps';

/** The cohort and application a juror acts on, when the domain lets them act now. */
export async function jurorAccess(deps: ProgrammeDeps, jurorId: string, ref: ApplicationRef): Promise<UseCaseResult<{ cohort: Cohort; application: Versioned<Application> }>> {
  const [cohort, application] = await Promise.all([deps.cohorts.get(ref.cohortId), deps.applications.get(ref.cohortId, ref.applicationId)]);
  if (!cohort || !application) return err(domainError('NOT_FOUND', 'no such application'));
  const refusal = jurorRefusal(cohort.value, application.value, jurorId);
  return refusal ? err(refusal) : ok({ cohort: cohort.value, application });
}

/**
 * Records a recusal with its audit event and the application's summary; a recusal already there is final and
 * stays as it is. Another juror's score at the same time makes this one read the application again.
 */
export async function recordRecusal(deps: ProgrammeDeps, ref: ApplicationRef, jurorId: string, reason: string, automatic: boolean): Promise<UseCaseResult<{ recorded: boolean }>> {
  return retryOnConflict(
    `recusal of ${jurorId} from ${ref.applicationId}`,
    () => deps.applications.get(ref.cohortId, ref.applicationId),
    (current) => (current ? ok(current) : err(domainError('NOT_FOUND', 'no such application'))),
    async (current) => {
      const application = current.value;
      if (juryOf(application).recused.includes(jurorId)) return { recorded: false };
      const now = deps.clock.now().toISOString();
      await deps.jury.saveRecusal(
        { cohortId: application.cohortId, applicationId: application.id, jurorId, reason, automatic, at: now },
        auditFor(application, application, 'recused', { id: automatic ? 'system' : jurorId, kind: automatic ? 'system' : 'juror' }, now, deps.ids.uuid(), reason),
        { application: { ...application, jury: withRecusal(application.jury, jurorId) }, previous: current },
      );
      return { recorded: true };
    },
  );
}
