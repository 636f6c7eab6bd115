import type { Cohort } from '../../domain/cohort';
import type { UseCaseResult } from '../../domain/errors';
import { SYSTEM_RECIPIENT, type Notification } from '../../domain/notification';
import { DEFAULT_REPORT_SCHEDULE, isReportRun, nextReportDue, type ReportSchedule } from '../../domain/report-schedule';
import { ok } from '../../domain/result';
import { changeCohort } from '../change';
import { cohortNotes, coordinatorsCohort, type CohortChoice, type ProgrammeDeps } from './deps';

/**
 * The steering group's report on a schedule (issue 17). A run is a job in the outbox (JOB_KINDS), due at the run's
 * instant and keyed by cohort and that instant, so that the same run enqueued twice (a cohort saved twice, two
 * instances) is one job. The run enqueues one card per member, keyed by the run, and the next run: a run done twice,
 * or by two instances, sends nobody a second card.
 */
export const reportRunKey = (cohortId: string, due: string) => `${cohortId}/steering-report/${due}`;

/** The job for the run at `due`. */
export const reportRunJob = (cohort: Cohort, due: string): Notification[] =>
  cohortNotes(cohort, 'steeringReportRun', [SYSTEM_RECIPIENT], reportRunKey(cohort.id, due), { due }).map((n) => ({ ...n, dueAt: due }));

/** The job for the cohort's next run after `after`, or none when its schedule is off. */
export function nextReportJob(cohort: Cohort, after: Date): Notification[] {
  const next = nextReportDue(cohort.reportSchedule, after);
  return next ? reportRunJob(cohort, next.toISOString()) : [];
}

/** Schedules the cohort's next run (saving a cohort does this; the same run twice is one job). */
export async function scheduleSteeringReport(deps: Pick<ProgrammeDeps, 'outbox' | 'clock'>, cohort: Cohort): Promise<void> {
  const now = deps.clock.now();
  await deps.outbox.enqueue(nextReportJob(cohort, now), now);
}

/** `rapportschema [månadsvis|av]`: the cohort's schedule set (or shown, without one), and its next run. */
export async function setReportSchedule(deps: ProgrammeDeps, coordinatorId: string, schedule: ReportSchedule | undefined, which: CohortChoice = 'current'): Promise<UseCaseResult<{ cohort: Cohort; schedule: ReportSchedule; next: Date | null }>> {
  const current = await coordinatorsCohort(deps, coordinatorId, which);
  if (!current.ok) return current;
  let cohort = current.value;
  if (schedule !== undefined && schedule !== (cohort.reportSchedule ?? DEFAULT_REPORT_SCHEDULE)) {
    const changed = await changeCohort(deps, cohort.id, (c) => ok({ ...c, reportSchedule: schedule }));
    if (!changed.ok) return changed;
    cohort = changed.value.after.value;
  }
  if (schedule !== undefined) await scheduleSteeringReport(deps, cohort);
  return ok({ cohort, schedule: cohort.reportSchedule ?? DEFAULT_REPORT_SCHEDULE, next: nextReportDue(cohort.reportSchedule, deps.clock.now()) });
}

/**
 * The run at `due`: each member of the steering group gets the report card (rendered when sent, from the store as it
 * is then: the same computation as `rapport`), and the next run is scheduled. A schedule turned off or changed leaves
 * the run with nothing to do. Idempotent: every message is keyed by the run.
 */
export async function runSteeringReport(deps: ProgrammeDeps, cohortId: string, due: string): Promise<{ ran: boolean; sent: number }> {
  const cohort = (await deps.cohorts.get(cohortId))?.value;
  if (!cohort || !isReportRun(cohort.reportSchedule, due)) return { ran: false, sent: 0 };
  const members = (await deps.settings.get())?.value.steeringGroupIds ?? [];
  const cards = cohortNotes(cohort, 'steeringReport', members, reportRunKey(cohort.id, due), { due });
  await deps.outbox.enqueue([...cards, ...nextReportJob(cohort, new Date(due))], deps.clock.now());
  return { ran: true, sent: cards.length };
}
