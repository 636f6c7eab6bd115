import type { FieldError } from './errors';
import type { Cohort } from './cohort';
import { isIntakeOpen } from './cohort';
import { addDays, addMonths, swedishDate } from './dates';

/** The hard rules of PROGRAMME.md §2, each with a stable code the adapters explain in the user's language. */
export const ELIGIBILITY_RULES = [
  'permanentEmployment',
  'employedOneYear',
  'leaveExtent',
  'leaveEndsAfterStart',
  'leaveStartsInFuture',
  'leaveStartsWithProgramme',
  'leaveAtMostSixMonths',
  'applicability',
  'intakeOpen',
] as const;
export type EligibilityRule = (typeof ELIGIBILITY_RULES)[number];

export interface EligibilityFailure {
  readonly rule: EligibilityRule;
  /** Facts for the explanation, e.g. the date from which the applicant qualifies. */
  readonly facts: Readonly<Record<string, string>>;
}

export const MIN_EMPLOYMENT_MONTHS = 12;
export const MAX_LEAVE_MONTHS = 6;
export const LEAVE_EXTENT = { min: 10, max: 100 } as const;

export interface EmploymentFacts {
  readonly permanentEmployment: boolean;
  /** ISO date. */
  readonly employmentStart: string;
}

/** Permanent employment and at least twelve months of employment on `onDate` (both dates inclusive). */
export function employmentFailures(facts: EmploymentFacts, onDate: string): EligibilityFailure[] {
  const failures: EligibilityFailure[] = [];
  if (!facts.permanentEmployment) failures.push({ rule: 'permanentEmployment', facts: {} });
  const qualifiesOn = addMonths(facts.employmentStart, MIN_EMPLOYMENT_MONTHS);
  if (onDate < qualifiesOn) failures.push({ rule: 'employedOneYear', facts: { qualifiesOn } });
  return failures;
}

export interface LeaveRequest {
  readonly extentPercent: number;
  readonly start: string;
  readonly end: string;
}

/**
 * Leave of absence: an extent of 10–100 %, a period that ends after it starts, starts after the day of
 * submission, and lasts at most six calendar months (the last allowed day is the day before the same
 * date six months later). The leave is for the programme (docs/decisions/0010): it starts on or after the
 * cohort's `programmeStartsOn`, when that is known. A start before both is told once, as the later limit.
 */
export function leaveFailures(leave: LeaveRequest, submittedOn: string, programmeStartsOn?: string): EligibilityFailure[] {
  const failures: EligibilityFailure[] = [];
  if (!Number.isInteger(leave.extentPercent) || leave.extentPercent < LEAVE_EXTENT.min || leave.extentPercent > LEAVE_EXTENT.max) {
    failures.push({ rule: 'leaveExtent', facts: { min: String(LEAVE_EXTENT.min), max: String(LEAVE_EXTENT.max) } });
  }
  if (leave.end < leave.start) failures.push({ rule: 'leaveEndsAfterStart', facts: {} });
  const earliest = addDays(submittedOn, 1);
  if (programmeStartsOn && programmeStartsOn >= earliest && leave.start < programmeStartsOn) {
    failures.push({ rule: 'leaveStartsWithProgramme', facts: { programmeStartsOn } });
  } else if (leave.start < earliest) failures.push({ rule: 'leaveStartsInFuture', facts: { earliest } });
  const lastAllowed = addDays(addMonths(leave.start, MAX_LEAVE_MONTHS), -1);
  if (leave.end > lastAllowed) failures.push({ rule: 'leaveAtMostSixMonths', facts: { lastAllowed } });
  return failures;
}

export interface EligibilityInput {
  readonly employment: EmploymentFacts;
  readonly leave: LeaveRequest;
  readonly applicability: string;
}

/**
 * Every rule an application breaks at `now`, in a fixed order; an empty list means eligible.
 * `requireOpenIntake` is false for a resubmission after the manager asked for changes.
 */
export function eligibilityFailures(input: EligibilityInput, cohort: Cohort, now: Date, requireOpenIntake = true): EligibilityFailure[] {
  const today = swedishDate(now);
  const failures = [...employmentFailures(input.employment, today), ...leaveFailures(input.leave, today, cohort.programmeStartsOn)];
  if (input.applicability.trim().length === 0) failures.push({ rule: 'applicability', facts: {} });
  if (requireOpenIntake && !isIntakeOpen(cohort, now)) failures.push({ rule: 'intakeOpen', facts: { closesAt: cohort.intakeClosesAt } });
  return failures;
}

/** The leave rules a leave breaks, each against the form field it is shown beside (the applicant's form and the manager's card). */
export function leaveFieldErrors(leave: LeaveRequest, today: string, programmeStartsOn?: string): FieldError[] {
  return leaveFailures(leave, today, programmeStartsOn).map((f) => ({
    field: f.rule === 'leaveExtent' ? 'extentPercent' : f.rule === 'leaveStartsInFuture' || f.rule === 'leaveStartsWithProgramme' ? 'leaveStart' : 'leaveEnd',
    code: 'rule' as const,
    rule: f.rule,
    facts: f.facts,
  }));
}
