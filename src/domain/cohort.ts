import type { Criterion } from './scoring';
import type { ReportSchedule } from './report-schedule';
import type { Refusal } from './errors';
import { err, ok, type Result } from './result';

/** The jury round: absent before it opens; scores are taken while open; locked means final. */
export const JURY_ROUNDS = ['open', 'locked'] as const;
export type JuryRound = (typeof JURY_ROUNDS)[number];

/** A pilot run of the programme (PROGRAMME.md: pilot 1 in April, pilot 2 in September). Everything is per cohort. */
export interface Cohort {
  readonly id: string;
  readonly name: string;
  /** ISO instants; intake is open when `intakeOpensAt <= now < intakeClosesAt` and the cohort is not closed by hand. */
  readonly intakeOpensAt: string;
  readonly intakeClosesAt: string;
  readonly programmeStartsOn: string;
  readonly capacity: number;
  /** Budget for initial costs per participant, in öre (integer) to keep amounts exact. */
  readonly budgetPerParticipantOre: number;
  readonly jurorIds: readonly string[];
  readonly mentorIds: readonly string[];
  readonly sponsorIds: readonly string[];
  /** Jury criteria with weights (DEFAULT_CRITERIA when absent), the quorum before an application is ranked, per-juror normalisation. */
  readonly criteria?: readonly Criterion[];
  readonly quorum?: number;
  readonly normalise?: boolean;
  /** The jury round: absent before it opens; scores are taken while open; locked means final. */
  readonly juryRound?: JuryRound;
  /** When the coordinator locked the selection and the applicants were told. */
  readonly selectionLockedAt?: string;
  /** When intake was closed: at the deadline by the scheduled job, or by hand. */
  readonly intakeClosedAt?: string;
  /** When the steering group gets the report (report-schedule.ts); monthly when absent. */
  readonly reportSchedule?: ReportSchedule;
  /** The follow-up's questions (3–4, follow-up.ts); the default questions, in each reader's language, when absent. */
  readonly followUpQuestions?: readonly string[];
}

export function isIntakeOpen(cohort: Cohort, now: Date): boolean {
  const t = now.getTime();
  return Date.parse(cohort.intakeOpensAt) <= t && t < Date.parse(cohort.intakeClosesAt);
}

/** Intake opened again gets this long when its deadline has passed. */
export const REOPENED_INTAKE_DAYS = 30;

/** The cohort with its intake open now: opens at once if it had not yet, and gets REOPENED_INTAKE_DAYS if the deadline has passed. */
export function withIntakeOpened(cohort: Cohort, now: Date): Cohort {
  const { intakeClosedAt: _closed, ...open } = cohort;
  const t = now.getTime();
  return {
    ...open,
    intakeOpensAt: Date.parse(cohort.intakeOpensAt) > t ? now.toISOString() : cohort.intakeOpensAt,
    intakeClosesAt: Date.parse(cohort.intakeClosesAt) > t ? cohort.intakeClosesAt : new Date(t + REOPENED_INTAKE_DAYS * 86_400_000).toISOString(),
  };
}

/** The cohort with its intake closed now, by hand. */
export function withIntakeClosed(cohort: Cohort, now: Date): Cohort {
  return { ...cohort, intakeClosesAt: now.toISOString(), intakeClosedAt: now.toISOString() };
}

/**
 * The cohort with its jury round open (issue 13, defects 18 and 21): review starts when intake has closed, so an intake
 * that has not closed yet closes now. A locked round is final. `intakeClosed` says whether this closed the intake.
 */
export function withJuryRoundOpened(cohort: Cohort, now: Date): Result<{ cohort: Cohort; intakeClosed: boolean }, Refusal> {
  if (cohort.juryRound === 'locked') return err({ code: 'ROUND_LOCKED' });
  const intakeClosed = closesOnOpeningRound(cohort, now);
  const closed = withIntakeOver(cohort, now);
  return ok({ cohort: cohort.juryRound === 'open' && !intakeClosed ? cohort : { ...closed, juryRound: 'open' }, intakeClosed });
}

/**
 * A cohort's intake closes at the latest when the programme moves past it (issue 13, defect 21): when its jury
 * round opens (withJuryRoundOpened) or its phase 1 starts. The cohort with an intake not closed yet closed now.
 */
export function withIntakeOver(cohort: Cohort, now: Date): Cohort {
  return closesOnOpeningRound(cohort, now) ? withIntakeClosed(cohort, now) : cohort;
}

/** Whether opening the jury round now closes the intake: it has not closed yet (by hand or at its deadline). */
export function closesOnOpeningRound(cohort: Cohort, now: Date): boolean {
  return !cohort.intakeClosedAt && Date.parse(cohort.intakeClosesAt) > now.getTime();
}

/** Whether the scheduled close at `deadline` is due: the deadline is still the cohort's, has passed, and intake is not closed yet. */
export function closesAt(cohort: Cohort, deadline: string, now: Date): boolean {
  return !cohort.intakeClosedAt && cohort.intakeClosesAt === deadline && Date.parse(deadline) <= now.getTime();
}
