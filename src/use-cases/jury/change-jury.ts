import type { Cohort } from '../../domain/cohort';
import { domainError, type UseCaseResult } from '../../domain/errors';
import { withJuror } from '../../domain/jury';
import { err, ok } from '../../domain/result';
import { changeCohort } from '../change';
import { cohortNotes, coordinatorOnly, type CohortChoice, type ProgrammeDeps } from '../programme/deps';

/** Changes the cohort's jury (coordinators only); a new juror is told by a card. */
export async function changeJury(deps: ProgrammeDeps, coordinatorId: string, change: { add?: string; remove?: string }, which: CohortChoice = 'current'): Promise<UseCaseResult<{ cohort: Cohort; person: { id: string; name: string } }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const email = (change.add ?? change.remove ?? '').trim();
  const person = await deps.directory.findByEmail(email);
  if (!person) return err(domainError('NOT_FOUND', `nobody with ${email}`, { email }));
  const changed = await changeCohort(deps, which, (c) => ok(withJuror(c, person.id, Boolean(change.add))));
  if (!changed.ok) return changed;
  const { before, after } = changed.value;
  if (change.add && !before.jurorIds.includes(person.id)) {
    const now = deps.clock.now();
    await deps.outbox.enqueue(cohortNotes(after.value, 'jurorAdded', [person.id], `${after.value.id}/juror/${now.toISOString()}`), now);
  }
  return ok({ cohort: after.value, person: { id: person.id, name: person.name } });
}
