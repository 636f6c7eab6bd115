import type { UseCaseResult } from '../../domain/errors';
import { hrContactOf } from '../../domain/person';
import { PHASE_STARTS, startPhaseOf, type Phase } from '../../domain/programme';
import { ok } from '../../domain/result';
import { mutate } from '../change';
import { forEachPage } from '../pages';
import { coordinatorsCohort, type ProgrammeDeps } from './deps';

/**
 * `starta fas N`: the cohort's participants move on (audited); with phase 1 each team gets its budget for
 * initial costs (per participant). Participants, their managers and the HR contacts are told.
 */
export async function startPhase(deps: ProgrammeDeps, coordinatorId: string, phase: Phase): Promise<UseCaseResult<{ moved: number }>> {
  const current = await coordinatorsCohort(deps, coordinatorId);
  if (!current.ok) return current;
  const cohort = current.value;
  const settings = (await deps.settings.get())?.value;
  let moved = 0;
  // Participants are tens, not thousands: each moves with its own notifications, a page at a time.
  await forEachPage(deps.applications, cohort.id, { states: [PHASE_STARTS[phase].from] }, async (page) => {
    for (const { value: a } of page) {
      const done = await mutate(deps, { cohortId: a.cohortId, applicationId: a.id }, (fresh, now) =>
        startPhaseOf(fresh, phase, cohort, hrContactOf(settings, fresh.about?.municipality), { id: coordinatorId, kind: 'coordinator' }, now, deps.ids.uuid()),
      );
      if (done.ok) moved++;
    }
  });
  return ok({ moved });
}
