import type { Application, SelectionChoice } from '../../domain/application';
import { domainError, type UseCaseResult } from '../../domain/errors';
import { ADMITTED_STATES } from '../../domain/jury';
import { decideSelectionOf } from '../../domain/programme';
import { err, ok } from '../../domain/result';
import { countIn } from '../../domain/tally';
import { mutate, type ApplicationRef } from '../change';
import { coordinatorOnly, type ProgrammeDeps } from '../programme/deps';

/**
 * The coordinator records the selection for one application, with feedback the applicant gets at the lock. The same
 * decision sent again (a double click) changes nothing and answers the saved decision (`changed: false`).
 */
export async function decideSelection(
  deps: ProgrammeDeps,
  coordinatorId: string,
  ref: ApplicationRef,
  decision: SelectionChoice,
  feedback: string,
): Promise<UseCaseResult<{ application: Application; selectedCount: number; overCapacity: boolean; changed: boolean }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const cohort = (await deps.cohorts.get(ref.cohortId))?.value;
  if (!cohort) return err(domainError('NOT_FOUND', 'no cohort'));
  if (cohort.selectionLockedAt) return err({ code: 'ROUND_LOCKED' });
  // Two clicks at once: one writes, the other loses the race, reads again and finds its decision there (unchanged).
  const done = await mutate(deps, ref, (current, now) => decideSelectionOf(current, decision, feedback, { id: coordinatorId, kind: 'coordinator' }, now, deps.ids.uuid()));
  if (!done.ok) return done;
  const selected = countIn(await deps.applications.counts(ref.cohortId), ADMITTED_STATES);
  return ok({ application: done.value.application.value, changed: done.value.changed, selectedCount: selected, overCapacity: selected > cohort.capacity });
}
