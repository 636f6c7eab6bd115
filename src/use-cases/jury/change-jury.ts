import type { Cohort } from '../../domain/cohort';
import { ConcurrencyConflict, domainError } from '../../domain/errors';
import { err, ok } from '../../domain/result';
import { isCoordinator } from '../resolve-roles';
import { currentCohort } from '../current-cohort';
import { type JuryDeps, type JuryResult, cohortNotice } from './deps';

/** Changes the cohort's jury (coordinators only); a new juror is told by a card. */
export async function changeJury(deps: JuryDeps, coordinatorId: string, change: { add?: string; remove?: string }): Promise<JuryResult<{ cohort: Cohort; person: { id: string; name: string } }>> {
  if (!(await isCoordinator(deps, coordinatorId))) return err(domainError('NOT_ALLOWED', 'coordinators only'));
  const email = (change.add ?? change.remove ?? '').trim();
  const person = await deps.directory.findByEmail(email);
  if (!person) return err(domainError('NOT_FOUND', `nobody with ${email}`, { email }));
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await currentCohort(deps);
    if (!current) return err(domainError('NOT_FOUND', 'no cohort'));
    const jurorIds = change.add ? [...new Set([...current.value.jurorIds, person.id])] : current.value.jurorIds.filter((id) => id !== person.id);
    try {
      const saved = await deps.cohorts.save({ ...current.value, jurorIds }, current.etag);
      if (change.add && !current.value.jurorIds.includes(person.id)) {
        await deps.outbox.enqueue([cohortNotice(saved.value, 'jurorAdded', person.id, `${saved.value.id}/juror/${person.id}/${deps.clock.now().toISOString()}`)], deps.clock.now());
      }
      return ok({ cohort: saved.value, person: { id: person.id, name: person.name } });
    } catch (e) {
      if (!(e instanceof ConcurrencyConflict)) throw e;
    }
  }
  return err(domainError('CONCURRENCY_CONFLICT', 'cohort kept changing'));
}
