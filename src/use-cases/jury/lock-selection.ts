import type { SelectionChoice } from '../../domain/application';
import type { Cohort } from '../../domain/cohort';
import type { UseCaseResult } from '../../domain/errors';
import { SELECTION_STATES } from '../../domain/jury';
import { hrContactOf } from '../../domain/person';
import { lineOf, toldAtSelectionLock } from '../../domain/programme';
import { ok } from '../../domain/result';
import { countIn } from '../../domain/tally';
import { changeCohort } from '../change';
import { forEachPage } from '../pages';
import { coordinatorOnly, coordinatorsCohort, type CohortChoice, type ProgrammeDeps } from '../programme/deps';

/** Who locking the selection tells, for the coordinator's confirmation card. */
export interface SelectionLockPreview {
  readonly cohort: Cohort;
  /** Applications with each decision: their applicants learn it (from the counters). */
  readonly decided: Readonly<Record<SelectionChoice, number>>;
  /** Applications still in review without a decision: their applicants hear nothing at the lock. */
  readonly undecided: number;
  /** The distinct managers and HR contacts of the selected, who learn that the leave starts. */
  readonly managers: number;
  readonly hrContacts: number;
  readonly alreadyLocked: boolean;
}

/**
 * `lås urval` before anything changes: who will be told. The decisions are counted from the counters; the managers and
 * HR contacts are read from the selected applications alone (a page at a time: as many as are selected, never the cohort).
 */
export async function selectionLockPreview(deps: ProgrammeDeps, coordinatorId: string, which: CohortChoice = 'current'): Promise<UseCaseResult<SelectionLockPreview>> {
  const current = await coordinatorsCohort(deps, coordinatorId, which);
  if (!current.ok) return current;
  const cohort = current.value;
  const [counts, settings] = await Promise.all([deps.applications.counts(cohort.id), deps.settings.get()]);
  const managers = new Set<string>();
  const hr = new Set<string>();
  await forEachPage(deps.applications, cohort.id, { states: ['selected'] }, async (page) => {
    for (const { value: a } of page) {
      const contact = hrContactOf(settings?.value, a.about?.municipality);
      for (const id of lineOf(a, undefined)) managers.add(id);
      if (contact) hr.add(contact);
    }
  });
  return ok({
    cohort,
    decided: { selected: countIn(counts, ['selected']), waitlisted: countIn(counts, ['waitlisted']), notSelected: countIn(counts, ['notSelected']) },
    undecided: countIn(counts, ['inReview']),
    managers: managers.size,
    hrContacts: hr.size,
    alreadyLocked: Boolean(cohort.selectionLockedAt),
  });
}

/**
 * Locks the selection: every applicant with a decision is told in their language (selected with next steps,
 * waitlisted, or not selected with the feedback), and the managers and the HR contact of each selected
 * participant learn that the leave starts with the programme. Runs once (idempotent keys); the messages are
 * enqueued a page of applications at a time, in bulk (outbox.enqueue bounds its requests in flight). Locked again (a
 * second click), it enqueues the same messages again under the same keys, which sends nothing twice and finishes what a
 * crash may have left.
 */
export async function lockSelection(deps: ProgrammeDeps, coordinatorId: string, cohortId: string | 'current' = 'current'): Promise<UseCaseResult<{ told: number; alreadyLocked: boolean }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const locked = await changeCohort(deps, cohortId, (c, now) => ok(c.selectionLockedAt ? c : { ...c, selectionLockedAt: now.toISOString(), juryRound: 'locked' }));
  if (!locked.ok) return locked;
  const cohort = locked.value.after.value;
  const settings = (await deps.settings.get())?.value;
  let told = 0;
  await forEachPage(deps.applications, cohort.id, { states: SELECTION_STATES }, async (page) => {
    const notifications = page.flatMap(({ value: a }) => (a.selection ? toldAtSelectionLock(cohort, a, hrContactOf(settings, a.about?.municipality)) : []));
    await deps.outbox.enqueue(notifications, deps.clock.now());
    told += notifications.length;
  });
  return ok({ told, alreadyLocked: Boolean(locked.value.before.selectionLockedAt) });
}
