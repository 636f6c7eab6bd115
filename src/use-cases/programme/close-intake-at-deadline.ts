import { APPLICATION_STATES } from '../../domain/application.state-machine';
import { closesAt } from '../../domain/cohort';
import { countIn } from '../../domain/tally';
import { domainError } from '../../domain/errors';
import { err, ok } from '../../domain/result';
import { changeCohort } from '../change';
import { cohortNotes, type ProgrammeDeps } from './deps';

/**
 * The scheduled close: at the deadline the cohort is marked closed once, and the coordinators are told how
 * many applications came in. A deadline that was moved leaves this job with nothing to do.
 */
export async function closeIntakeAtDeadline(deps: ProgrammeDeps, cohortId: string, deadline: string): Promise<{ closed: boolean }> {
  const closed = await changeCohort(deps, cohortId, (c, now) => (closesAt(c, deadline, now) ? ok({ ...c, intakeClosedAt: now.toISOString() }) : err(domainError('ILLEGAL_TRANSITION', 'not due'))));
  if (!closed.ok) return { closed: false };
  const submitted = countIn(await deps.applications.counts(cohortId), APPLICATION_STATES.filter((s) => s !== 'draft' && s !== 'withdrawn'));
  const coordinators = (await deps.settings.get())?.value.coordinatorIds ?? [];
  await deps.outbox.enqueue(cohortNotes(closed.value.after.value, 'intakeClosed', coordinators, `${cohortId}/closed/${deadline}`, { count: String(submitted) }), deps.clock.now());
  return { closed: true };
}
