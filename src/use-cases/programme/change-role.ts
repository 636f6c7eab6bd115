import { AlreadyExists, ConcurrencyConflict, domainError } from '../../domain/errors';
import { type Municipality } from '../../domain/municipalities';
import { err, ok } from '../../domain/result';
import { type ProgrammeDeps, type ProgrammeResult, coordinatorOnly } from './deps';

/** `samordnare lägg till/ta bort <e-post>`, `hr <kommun> <e-post>`: roles kept in the programme settings. */
export async function changeRole(
  deps: ProgrammeDeps,
  coordinatorId: string,
  change: { kind: 'coordinator'; add: boolean; email: string } | { kind: 'hrContact'; municipality: Municipality; email: string },
): Promise<ProgrammeResult<{ name: string }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const person = await deps.directory.findByEmail(change.email);
  if (!person) return err({ code: 'FIELD', field: 'email', reason: change.email });
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await deps.settings.get();
    const s = current?.value ?? { coordinatorIds: [], hrContactIds: {}, steeringGroupIds: [] };
    const next =
      change.kind === 'coordinator'
        ? { ...s, coordinatorIds: change.add ? [...new Set([...s.coordinatorIds, person.id])] : s.coordinatorIds.filter((id) => id !== person.id) }
        : { ...s, hrContactIds: { ...s.hrContactIds, [change.municipality]: person.id } };
    if (change.kind === 'coordinator' && next.coordinatorIds.length === 0) return err(domainError('NOT_ALLOWED', 'the last coordinator cannot be removed'));
    try {
      await deps.settings.save(next, current?.etag);
      return ok({ name: person.name });
    } catch (e) {
      if (!(e instanceof ConcurrencyConflict) && !(e instanceof AlreadyExists)) throw e;
    }
  }
  return err(domainError('CONCURRENCY_CONFLICT', 'settings kept changing'));
}
