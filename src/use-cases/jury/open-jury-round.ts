import { applyEvent } from '../../domain/application.lifecycle';
import { closesOnOpeningRound, withJuryRoundOpened, type Cohort } from '../../domain/cohort';
import { ConcurrencyConflict, type UseCaseResult } from '../../domain/errors';
import { MAX_CHANGES_PER_BATCH, type ApplicationChange } from '../../domain/ports';
import { err, ok } from '../../domain/result';
import { countIn, JUDGED_STATES } from '../../domain/tally';
import { changeCohort, mutate } from '../change';
import { chunks, forEachPage, inParallel } from '../pages';
import { cohortNotes, coordinatorOnly, coordinatorsCohort, type ProgrammeDeps } from '../programme/deps';

/** What opening the jury round would do, for the coordinator's confirmation card. */
export interface JuryRoundPreview {
  readonly cohort: Cohort;
  /** Manager-approved applications that would go to the jury now (from the counters). */
  readonly applications: number;
  /** Already with the jury: in review or decided. */
  readonly withJury: number;
  /** The jury members who get a card. */
  readonly jurors: number;
  /** Whether opening closes the intake, which is still open. */
  readonly closesIntake: boolean;
}

/** `öppna juryrunda` before anything changes: what would move, who is told, and whether intake closes. */
export async function juryRoundPreview(deps: ProgrammeDeps, coordinatorId: string): Promise<UseCaseResult<JuryRoundPreview>> {
  const current = await coordinatorsCohort(deps, coordinatorId);
  if (!current.ok) return current;
  const cohort = current.value;
  if (cohort.juryRound === 'locked') return err({ code: 'ROUND_LOCKED' });
  const counts = await deps.applications.counts(cohort.id);
  return ok({ cohort, applications: countIn(counts, ['approved']), withJury: countIn(counts, JUDGED_STATES), jurors: cohort.jurorIds.length, closesIntake: closesOnOpeningRound(cohort, deps.clock.now()) });
}

/** How many batches of the fan-out are in flight at once. */
export const OPEN_ROUND_IN_FLIGHT = 3;

/**
 * Opens the jury round: an intake still open closes (review starts when intake has closed), every manager-approved
 * application of the cohort goes to review (audited), and each juror gets a card listing what waits for them; opened
 * again (a second click), it only moves what has been approved since, and the jurors hear of it only when something moved. The applications move a page at a time, in batches of
 * up to MAX_CHANGES_PER_BATCH with their audit events and the counters, a few batches at once; a batch that
 * meets someone else's change at the same time is redone one application at a time.
 */
export async function openJuryRound(
  deps: ProgrammeDeps,
  coordinatorId: string,
  cohortId: string | 'current' = 'current',
): Promise<UseCaseResult<{ cohort: Cohort; applications: number; intakeClosed: boolean; alreadyOpen: boolean }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  let intakeClosed = false;
  const opened = await changeCohort(deps, cohortId, (c, now) => {
    const next = withJuryRoundOpened(c, now);
    if (!next.ok) return next;
    intakeClosed = next.value.intakeClosed;
    return ok(next.value.cohort);
  });
  if (!opened.ok) return opened;
  const alreadyOpen = opened.value.before.juryRound === 'open';
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
  if (!alreadyOpen || moved > 0) await deps.outbox.enqueue(cohortNotes(cohort, 'reviewAssignment', cohort.jurorIds, `${cohort.id}/review/${now.toISOString()}`), now);
  return ok({ cohort, applications: moved, intakeClosed, alreadyOpen });
}
