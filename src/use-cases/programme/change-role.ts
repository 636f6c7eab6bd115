import { domainError, type UseCaseResult } from '../../domain/errors';
import type { Municipality } from '../../domain/municipalities';
import { withCoordinator, withHrContact, withSteeringGroupMember } from '../../domain/person';
import { err, ok } from '../../domain/result';
import { changeSettings } from '../change';
import { coordinatorOnly, type ProgrammeDeps } from './deps';

/** A change of a programme-wide role, as a coordinator's command asks it. */
export type RoleChange =
  | { kind: 'coordinator'; add: boolean; email: string }
  | { kind: 'steeringGroup'; add: boolean; email: string }
  | { kind: 'hrContact'; municipality: Municipality; email: string };

/**
 * `samordnare lägg till/ta bort <e-post>`, `styrgrupp lägg till/ta bort <e-post>`, `hr <kommun> <e-post>`: roles
 * kept in the programme settings. Coordinators only; the person is found in the directory by e-mail (FIELD email
 * when nobody has it).
 */
export async function changeRole(deps: ProgrammeDeps, coordinatorId: string, change: RoleChange): Promise<UseCaseResult<{ name: string }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const person = await deps.directory.findByEmail(change.email);
  if (!person) return err({ code: 'FIELD', field: 'email', reason: change.email });
  const saved = await changeSettings(deps, (s) => {
    if (change.kind === 'hrContact') return ok(withHrContact(s, change.municipality, person.id));
    if (change.kind === 'steeringGroup') return ok(withSteeringGroupMember(s, person.id, change.add));
    const next = withCoordinator(s, person.id, change.add);
    return next ? ok(next) : err(domainError('NOT_ALLOWED', 'the last coordinator cannot be removed'));
  });
  return saved.ok ? ok({ name: person.name }) : saved;
}
