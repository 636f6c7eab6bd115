import { applyEvent } from '../../domain/application.lifecycle';
import type { Cohort } from '../../domain/cohort';
import { ConcurrencyConflict, type UseCaseResult } from '../../domain/errors';
import { MAX_CHANGES_PER_BATCH, type ApplicationChange } from '../../domain/ports';
import { err, ok } from '../../domain/result';
import { changeCohort, mutate } from '../change';
import { chunks, forEachPage, inParallel } from '../pages';
import { cohortNotes, coordinatorOnly, type ProgrammeDeps } from '../programme/deps';

/** How many batches of the fan-out are in flight at once. */
export const OPEN_ROUND_IN_FLIGHT = 3;

/**
 * Opens the jury round: every manager-approved application of the cohort goes to review (audited), and
 * each juror gets a card listing what waits for them. The applications move a page at a time, in batches of
 * up to MAX_CHANGES_PER_BATCH with their audit events and the counters, a few batches at once; a batch that
 * meets someone else's change at the same time is redone one application at a time.
 */
export async function openJuryRound(deps: ProgrammeDeps, coordinatorId: string): Promise<UseCaseResult<{ cohort: Cohort; applications: number }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const opened = await changeCohort(deps, 'current', (c) => (c.juryRound === 'locked' ? err({ code: 'ROUND_LOCKED' }) : ok(c.juryRound === 'open' ? c : { ...c, juryRound: 'open' })));
  if (!opened.ok) return opened;
  const cohort = opened.value.after.value;
  const actor = { id: coordinatorId, kind: 'coordinator' } as const;
  let moved = 0;
  await forEachPage(deps.applications, cohort.id, { states: ['approved'] }, async (page) => {
    await inParallel(chunks(page, MAX_CHANGES_PER_BATCH), OPEN_ROUND_IN_FLIGHT, async (batch) => {
      const now = deps.clock.now();
      const changes = batch.flatMap((previous): ApplicationChange[] => {
        const t = applyEvent(previous.value, 'openReview', actor, now, deps.ids.uuid());
        return t.ok ? [{ application: t.value.application, previous, audit: t.value.audit }] : [];
      });
      try {
        await deps.applications.updateMany(changes);
        moved += changes.length;
      } catch (e) {
        if (!(e instanceof ConcurrencyConflict)) throw e;
        for (const c of changes) {
          const one = await mutate(deps, { cohortId: c.application.cohortId, applicationId: c.application.id }, (fresh, at) => {
            const t = applyEvent(fresh, 'openReview', actor, at, deps.ids.uuid());
            return t.ok ? ok({ ...t.value, notifications: [] }) : t;
          });
          if (one.ok) moved++;
        }
      }
    });
  });
  const now = deps.clock.now();
  await deps.outbox.enqueue(cohortNotes(cohort, 'reviewAssignment', cohort.jurorIds, `${cohort.id}/review/${now.toISOString()}`), now);
  return ok({ cohort, applications: moved });
}
