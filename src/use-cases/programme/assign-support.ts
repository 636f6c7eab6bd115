import type { Application } from '../../domain/application';
import { domainError } from '../../domain/errors';
import { type Notification } from '../../domain/notification';
import { err, ok } from '../../domain/result';
import { asDomainError, mutate } from '../application-change';
import { type ProgrammeDeps, type ProgrammeResult, coordinatorOnly, teamOf } from './deps';
import { findApplicationById } from './find-application';

/** `mentor <id> <e-post>`, `sponsor <id> <e-post>`: the person and the team are told. */
export async function assignSupport(deps: ProgrammeDeps, coordinatorId: string, applicationId: string, role: 'mentor' | 'sponsor', email: string): Promise<ProgrammeResult<{ name: string; application: Application }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const person = await deps.directory.findByEmail(email);
  if (!person) return err({ code: 'FIELD', field: 'email', reason: email });
  const found = await findApplicationById(deps, applicationId);
  if (!found) return err(domainError('NOT_FOUND', applicationId));
  const done = await mutate(deps, { cohortId: found.cohortId, applicationId: found.id }, (current, now) => {
    if (!['selected', 'phase1', 'continuing', 'phase2', 'phase3'].includes(current.state)) return err(domainError('ILLEGAL_TRANSITION', `not a participant team (${current.state})`));
    const key = `${current.id}/${role}/${person.id}/${now.toISOString()}`;
    const notifications: Notification[] = [person.id, ...teamOf(current)].map((recipientId) => ({
      idempotencyKey: `${key}/${recipientId}`,
      kind: 'supportAssigned',
      recipientId,
      cohortId: current.cohortId,
      applicationId: current.id,
      payload: { role, personId: person.id },
    }));
    return ok({ application: { ...current, ...(role === 'mentor' ? { mentorId: person.id } : { sponsorId: person.id }), updatedAt: now.toISOString() }, audit: null, notifications });
  });
  return done.ok ? ok({ name: person.name, application: done.value.application.value }) : err(asDomainError(done.error));
}
