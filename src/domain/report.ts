import type { ApplicationState } from './application.state-machine';
import { funnelOf } from './funnel';
import type { ApplicationTiming } from './ports';

/**
 * The steering group's report (PROGRAMME.md, follow-up: applications, approvals, selection, phase, outcome and budget
 * use, per municipality): figures from the cohort's counters by state, and the time each step took. Pure.
 */
export interface ReportFigures {
  readonly submitted: number;
  readonly approved: number;
  readonly declined: number;
  readonly selected: number;
  readonly waitlisted: number;
  readonly notSelected: number;
  /** Where the teams are now. */
  readonly phase1: number;
  readonly phase2: number;
  readonly phase3: number;
  /** The gate after phase 1: on to phase 2 (waiting for it or further), back to the job, into another team. */
  readonly continued: number;
  readonly returnedToJob: number;
  readonly joinedOtherTeam: number;
  readonly outcomes: number;
  readonly withdrawn: number;
}

/** The figures of one set of counts by state (a municipality's, or the cohort's). */
export function figuresOf(counts: Readonly<Partial<Record<ApplicationState, number>>>): ReportFigures {
  const n = (state: ApplicationState) => counts[state] ?? 0;
  const { stages, withdrawn } = funnelOf(counts);
  return {
    submitted: stages.submitted,
    approved: stages.approved,
    declined: n('declined'),
    selected: stages.selected,
    waitlisted: n('waitlisted'),
    notSelected: n('notSelected'),
    phase1: n('phase1'),
    phase2: n('phase2'),
    phase3: n('phase3'),
    continued: n('continuing') + stages.phase2,
    returnedToJob: n('returnedToJob'),
    joinedOtherTeam: n('joinedOtherTeam'),
    outcomes: stages.outcome,
    withdrawn,
  };
}

const DAY_MS = 86_400_000;

/**
 * When the managers' decision on a sent application was made: the last member decided (approved or declined) once the
 * application has left the managers (a team waits for every member's manager). None while it waits, or when the
 * changes asked for sent it back (that is not a decision on taking part).
 */
export function managersDecidedAt(t: Pick<ApplicationTiming, 'state' | 'approvals'>): string | undefined {
  if (t.state === 'draft' || t.state === 'awaitingManager' || t.state === 'changesRequested' || t.state === 'withdrawn') return undefined;
  const decided = t.approvals.flatMap((a) => ((a.status === 'approved' || a.status === 'declined') && a.decidedAt ? [a.decidedAt] : []));
  return decided.length > 0 ? decided.reduce((x, y) => (x > y ? x : y)) : undefined;
}

/** Calendar days from one instant to another (fractional). */
export const daysBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / DAY_MS;

/** The median, to one decimal; null with no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const m = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return Math.round(m * 10) / 10;
}

/** The days each step took, collected an application at a time (the report reads the timings a page at a time). */
export class StepTimes {
  private readonly toDecision: number[] = [];
  private readonly toSelection: number[] = [];

  add(t: ApplicationTiming): void {
    if (!t.submittedAt) return;
    const decided = managersDecidedAt(t);
    if (decided) this.toDecision.push(Math.max(0, daysBetween(t.submittedAt, decided)));
    if (t.selection) this.toSelection.push(Math.max(0, daysBetween(t.submittedAt, t.selection.decidedAt)));
  }

  medians(): { readonly medianDaysToDecision: number | null; readonly medianDaysToSelection: number | null } {
    return { medianDaysToDecision: median(this.toDecision), medianDaysToSelection: median(this.toSelection) };
  }
}
