import type { Application } from '../../domain/application';
import { domainError, type UseCaseResult } from '../../domain/errors';
import { assignSupportOf, type SupportRole } from '../../domain/programme';
import { err, ok } from '../../domain/result';
import { mutate } from '../change';
import { coordinatorOnly, type ProgrammeDeps } from './deps';
import { findApplicationById } from './find-application';

/** `mentor <id> <e-post>`, `sponsor <id> <e-post>`: the person and the team are told. */
export async function assignSupport(deps: ProgrammeDeps, coordinatorId: string, applicationId: string, role: SupportRole, email: string): Promise<UseCaseResult<{ name: string; application: Application }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const person = await deps.directory.findByEmail(email);
  if (!person) return err({ code: 'FIELD', field: 'email', reason: email });
  const found = await findApplicationById(deps, applicationId);
  if (!found) return err(domainError('NOT_FOUND', applicationId));
  const done = await mutate(deps, { cohortId: found.cohortId, applicationId: found.id }, (current, now) => assignSupportOf(current, role, person, { id: coordinatorId, kind: 'coordinator' }, now, deps.ids.uuid()));
  return done.ok ? ok({ name: person.name, application: done.value.application.value }) : done;
}
