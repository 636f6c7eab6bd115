import { addMonths, swedishDate, swedishInstant } from './dates';
import { addWorkingDays } from './working-days';

/**
 * When the steering group gets the cohort's report (issue 17): on the first working day of every month at 08:00
 * Swedish time, or never. A cohort without the setting gets the report monthly (the default the coordinators turn off).
 */
export const REPORT_SCHEDULES = ['monthly', 'off'] as const;
export type ReportSchedule = (typeof REPORT_SCHEDULES)[number];
export const DEFAULT_REPORT_SCHEDULE: ReportSchedule = 'monthly';
/** The hour (Swedish time) the scheduled report is sent. */
export const REPORT_HOUR = 8;

/** The first working day of the month of `date` (YYYY-MM-DD, Swedish), at REPORT_HOUR Swedish time. */
function firstWorkingDayOf(date: string): Date {
  return swedishInstant(addWorkingDays(`${date.slice(0, 7)}-01`, 0), REPORT_HOUR);
}

/** The next run strictly after `after`, or null when the schedule is off. */
export function nextReportDue(schedule: ReportSchedule | undefined, after: Date): Date | null {
  if ((schedule ?? DEFAULT_REPORT_SCHEDULE) === 'off') return null;
  const today = swedishDate(after);
  const thisMonth = firstWorkingDayOf(today);
  return thisMonth.getTime() > after.getTime() ? thisMonth : firstWorkingDayOf(addMonths(`${today.slice(0, 7)}-01`, 1));
}

/**
 * Whether a run scheduled for `due` still stands: the schedule is on and `due` is one of its instants (a schedule
 * turned off, or a job from another rule, leaves the job with nothing to do).
 */
export function isReportRun(schedule: ReportSchedule | undefined, due: string): boolean {
  const at = new Date(due);
  if (Number.isNaN(at.getTime())) return false;
  return nextReportDue(schedule, new Date(at.getTime() - 1))?.getTime() === at.getTime();
}
