import { ConcurrencyConflict } from '../../domain/errors';
import { type ProgrammeDeps, cohortNote } from './deps';

/**
 * The scheduled close: at the deadline the cohort is marked closed once, and the coordinators are told how
 * many applications came in. A deadline that was moved leaves this job with nothing to do.
 */
export async function closeIntakeAtDeadline(deps: ProgrammeDeps, cohortId: string, deadline: string): Promise<{ closed: boolean }> {
  const current = await deps.cohorts.get(cohortId);
  if (!current || current.value.intakeClosedAt || current.value.intakeClosesAt !== deadline || Date.parse(deadline) > deps.clock.now().getTime()) return { closed: false };
  try {
    const saved = await deps.cohorts.save({ ...current.value, intakeClosedAt: deps.clock.now().toISOString() }, current.etag);
    const submitted = (await deps.applications.listByCohort(cohortId)).filter((a) => a.state !== 'draft' && a.state !== 'withdrawn').length;
    const coordinators = (await deps.settings.get())?.value.coordinatorIds ?? [];
    await deps.outbox.enqueue(coordinators.map((id) => cohortNote(saved.value, 'intakeClosed', id, `${cohortId}/closed/${deadline}/${id}`, { count: String(submitted) })), deps.clock.now());
    return { closed: true };
  } catch (e) {
    if (e instanceof ConcurrencyConflict) return { closed: false };
    throw e;
  }
}
