import { decidersOf, type Application } from '../../domain/application';
import { findTransition, type ApplicationState } from '../../domain/application.state-machine';
import { DEFAULT_SCHEDULE, type ApprovalSchedule } from '../../domain/approval';
import type { Cohort } from '../../domain/cohort';
import { domainError, type UseCaseResult } from '../../domain/errors';
import { ADMITTED_STATES } from '../../domain/jury';
import { MUNICIPALITIES, type Municipality } from '../../domain/municipalities';
import { TIMINGS_PAGE, type ApplicationFilter, type JurorRecusal, type ListOrder, type SortCursor } from '../../domain/ports';
import { GATE_EVENTS, OUTCOME_EVENTS, PARTICIPANT_STATES } from '../../domain/programme';
import { figuresOf, StepTimes, type ReportFigures } from '../../domain/report';
import { FOLLOW_UP_ROUNDS, summaryOf, type FollowUpSummary } from '../../domain/follow-up';
import { err, ok } from '../../domain/result';
import { countIn, countMatching, countsByMunicipality, judgedCount, reviewsLeft, type CohortCounts } from '../../domain/tally';
import { funnelOf, statesFrom, sumCounts, type Funnel } from '../../domain/funnel';
import { budgetsOf, NO_BUDGET, recommendedSent, type BudgetUse } from './statistics';
import { workingDaysAfter } from '../../domain/working-days';
import { FAN_OUT_PAGE, forEachPage } from '../pages';
import { cohortNotes, cohortOf, coordinatorsCohort, reportReader, type CohortChoice, type ProgrammeDeps } from './deps';

/** How many applications one page of the coordinators' table shows. */
export const TABLE_PAGE = 50;

/** Filters only the counters can answer (state and municipality): counted without a query. */
const COUNTED_FILTER_KEYS: ReadonlySet<string> = new Set(['states', 'municipality']);

/**
 * The coordinators' table of a cohort's applications: one page in the order asked for, and how many match in all.
 * A page is one ordered query whatever the cohort's size (the keys are on the documents, with composite indexes);
 * how many match comes from the counters when they can tell, else from one COUNT query.
 */
export async function applicationsTable(
  deps: ProgrammeDeps,
  coordinatorId: string,
  which: CohortChoice,
  filter: ApplicationFilter,
  order: ListOrder,
  after?: SortCursor,
  size = TABLE_PAGE,
): Promise<UseCaseResult<{ cohort: Cohort; items: readonly Application[]; total: number; next?: SortCursor }>> {
  const current = await coordinatorsCohort(deps, coordinatorId, which);
  if (!current.ok) return current;
  const cohort = current.value;
  const counted = Object.keys(filter).every((k) => COUNTED_FILTER_KEYS.has(k));
  const [page, total] = await Promise.all([
    deps.applications.sortedPage(cohort.id, filter, order, size, after),
    counted ? deps.applications.counts(cohort.id).then((c) => countMatching(c, filter)) : deps.applications.count(cohort.id, filter),
  ]);
  return ok({ cohort, items: page.items, total, ...(page.next ? { next: page.next } : {}) });
}

/** A manager (or the HR contact an approval went to) with decisions waiting in the cohort. */
export interface WaitingDecider {
  readonly id: string;
  readonly waiting: number;
  /** When the oldest of them was asked for. */
  readonly since: string;
  /** The reminder is due for at least one of them (the approval schedule's reminder day has passed). */
  readonly late: boolean;
  readonly asHrContact: boolean;
}

/** The most applications waiting for a manager that the overview reads to list their deciders (the total comes from the counters). */
export const WAITING_READ = 500;

const isLate = (requestedAt: string, now: Date, schedule: ApprovalSchedule) => workingDaysAfter(new Date(requestedAt), schedule.reminderWorkingDays).getTime() <= now.getTime();

/**
 * Everyone with a decision waiting in the cohort (the manager on record and, once escalated, the HR contact), from the
 * applications waiting for a manager, a page at a time: at most `limit` applications read.
 */
async function decidersWaiting(deps: ProgrammeDeps, cohortId: string, now: Date, schedule: ApprovalSchedule, limit = Number.POSITIVE_INFINITY): Promise<Map<string, WaitingDecider>> {
  const byId = new Map<string, WaitingDecider>();
  let read = 0;
  let after: string | undefined;
  do {
    const page = await deps.applications.page(cohortId, { states: ['awaitingManager'] }, FAN_OUT_PAGE, after);
    for (const { value: a } of page.items) {
      for (const approval of a.approvals) {
        for (const id of decidersOf(approval)) {
          const was = byId.get(id);
          byId.set(id, {
            id,
            waiting: (was?.waiting ?? 0) + 1,
            since: was && was.since < approval.requestedAt ? was.since : approval.requestedAt,
            late: Boolean(was?.late) || isLate(approval.requestedAt, now, schedule),
            asHrContact: Boolean(was?.asHrContact) || id === approval.escalatedTo,
          });
        }
      }
    }
    read += page.items.length;
    after = page.next;
  } while (after !== undefined && read < limit);
  return byId;
}

/** Each juror's progress in the cohort's round, from the counters. */
const jurorsProgress = (cohort: Cohort, counts: CohortCounts) => {
  const total = judgedCount(counts);
  return { total, jurors: cohort.jurorIds.map((id) => ({ id, left: reviewsLeft(counts, id), done: total - reviewsLeft(counts, id) })) };
};

/** The funnel of one municipality (or of the cohort, without one) and how many are in the jury's hands. */
export interface FunnelLine {
  readonly municipality?: Municipality;
  readonly funnel: Funnel;
  readonly inReview: number;
}

export interface Overview {
  readonly cohort: Cohort;
  readonly rows: readonly FunnelLine[];
  readonly total: FunnelLine;
  /** Who has decisions waiting, the latest asked longest first (from at most WAITING_READ applications). */
  readonly deciders: readonly WaitingDecider[];
  /** How many applications wait for a manager in all (the counters). */
  readonly waitingApplications: number;
  readonly jurors: readonly { readonly id: string; readonly done: number; readonly left: number }[];
}

/**
 * The coordinators' overview of a cohort: the funnel per municipality and each juror's progress from the counters (one
 * point read), and who has decisions waiting from the applications that wait (at most WAITING_READ).
 */
export async function overviewOf(deps: ProgrammeDeps, coordinatorId: string, which: CohortChoice, schedule: ApprovalSchedule = DEFAULT_SCHEDULE): Promise<UseCaseResult<Overview>> {
  const current = await coordinatorsCohort(deps, coordinatorId, which);
  if (!current.ok) return current;
  const cohort = current.value;
  const [counts, waiting] = await Promise.all([deps.applications.counts(cohort.id), decidersWaiting(deps, cohort.id, deps.clock.now(), schedule, WAITING_READ)]);
  const byMunicipality = countsByMunicipality(counts);
  const line = (municipality: Municipality | undefined, states: Partial<Record<ApplicationState, number>>): FunnelLine => ({ ...(municipality ? { municipality } : {}), funnel: funnelOf(states), inReview: states.inReview ?? 0 });
  return ok({
    cohort,
    rows: MUNICIPALITIES.flatMap((m) => {
      const states = byMunicipality.get(m);
      return states ? [line(m, states)] : [];
    }),
    total: line(undefined, sumCounts([...byMunicipality.values()])),
    deciders: [...waiting.values()].sort((x, y) => (x.since < y.since ? -1 : x.since > y.since ? 1 : x.id < y.id ? -1 : 1)),
    waitingApplications: countIn(counts, ['awaitingManager']),
    jurors: jurorsProgress(cohort, counts).jurors,
  });
}

/** A reminder by hand reaches a decider at most once a day per approval (the key names the Swedish date). */
const reminderDay = (now: Date) => now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });

/**
 * Reminds the deciders of the cohort's waiting approvals: one person (`only`), or everyone with one late. Each gets one
 * message saying how many wait for them (not a card per approval), at most once a day however often the button is
 * pressed (the key names the Swedish date).
 */
export async function remindDeciders(deps: ProgrammeDeps, coordinatorId: string, which: CohortChoice, only: string | undefined, schedule: ApprovalSchedule = DEFAULT_SCHEDULE): Promise<UseCaseResult<{ reminded: number }>> {
  const current = await coordinatorsCohort(deps, coordinatorId, which);
  if (!current.ok) return current;
  const cohort = current.value;
  const now = deps.clock.now();
  const waiting = await decidersWaiting(deps, cohort.id, now, schedule);
  const due = [...waiting.values()].filter((w) => (only === undefined ? w.late : w.id === only));
  if (only !== undefined && due.length === 0) return err(domainError('NOT_FOUND', 'no decision waits for that person'));
  const day = reminderDay(now);
  await deps.outbox.enqueue(
    due.flatMap((w) => cohortNotes(cohort, 'decisionsReminder', [w.id], `${cohort.id}/decisions-reminder/${w.id}/${day}`, { count: String(w.waiting) })),
    now,
  );
  return ok({ reminded: due.length });
}

/** Each juror's progress in the cohort's round, and the recusals (a jury's few). */
export async function juryOverview(deps: ProgrammeDeps, coordinatorId: string, which: CohortChoice): Promise<UseCaseResult<{ cohort: Cohort; total: number; jurors: readonly { id: string; done: number; left: number }[]; recusals: readonly JurorRecusal[] }>> {
  const current = await coordinatorsCohort(deps, coordinatorId, which);
  if (!current.ok) return current;
  const cohort = current.value;
  const [counts, recusals] = await Promise.all([deps.applications.counts(cohort.id), deps.jury.recusalsIn(cohort.id, 100)]);
  return ok({ cohort, ...jurorsProgress(cohort, counts), recusals });
}

/** A team of the programme as the coordinator's programme view shows it, with what may be decided for it now. */
export interface ProgrammeTeam {
  readonly application: Application;
  readonly mayGate: boolean;
  readonly mayRecordOutcome: boolean;
  /** A mentor or sponsor may be assigned (assignSupport's rule: the team takes part in the programme now). */
  readonly mayAssign: boolean;
}

/** The states whose teams the programme view lists: admitted (selected and on), tens at most (the cohort's places). */
const TEAM_STATES: readonly ApplicationState[] = ADMITTED_STATES;

/** Per phase, the teams waiting to start it and those that have started it (or gone further). */
export interface PhaseProgress {
  readonly phase: 1 | 2 | 3;
  readonly waiting: number;
  readonly started: number;
}

export async function programmeOf(deps: ProgrammeDeps, coordinatorId: string, which: CohortChoice): Promise<UseCaseResult<{ cohort: Cohort; teams: readonly ProgrammeTeam[]; phases: readonly PhaseProgress[] }>> {
  const current = await coordinatorsCohort(deps, coordinatorId, which);
  if (!current.ok) return current;
  const cohort = current.value;
  const teams: ProgrammeTeam[] = [];
  await forEachPage(deps.applications, cohort.id, { states: TEAM_STATES }, async (page) => {
    for (const { value: a } of page) {
      teams.push({
        application: a,
        mayGate: Object.values(GATE_EVENTS).some((e) => findTransition(a.state, e)),
        mayRecordOutcome: Object.values(OUTCOME_EVENTS).some((e) => findTransition(a.state, e)),
        mayAssign: PARTICIPANT_STATES.includes(a.state),
      });
    }
  });
  const counts = await deps.applications.counts(cohort.id);
  const from = (state: 'phase1' | 'phase2' | 'phase3') => countIn(counts, statesFrom(state));
  const phases: PhaseProgress[] = [
    { phase: 1, waiting: countIn(counts, ['selected']), started: from('phase1') },
    { phase: 2, waiting: countIn(counts, ['continuing']), started: from('phase2') },
    { phase: 3, waiting: 0, started: from('phase3') },
  ];
  return ok({ cohort, teams: teams.sort((x, y) => (x.application.idea?.title ?? '').localeCompare(y.application.idea?.title ?? '', 'sv')), phases });
}

/** One line of the report: the figures, the budget, and the time each step took. */
export interface ReportLine extends ReportFigures {
  readonly municipality?: Municipality;
  readonly allocatedOre: number;
  readonly spentOre: number;
  readonly pendingOre: number;
  readonly medianDaysToDecision: number | null;
  readonly medianDaysToSelection: number | null;
}

export interface Report {
  readonly cohort: Cohort;
  readonly rows: readonly ReportLine[];
  readonly total: ReportLine;
  /** The teams in the programme now and those with an outcome (tens: the cohort's places). */
  readonly teams: readonly Application[];
  readonly outcomes: readonly Application[];
  /** The follow-up rounds asked so far (uppföljning): only aggregates, and figures only from three answers (follow-up.ts). */
  readonly followUp: readonly FollowUpSummary[];
  /** Sent applications that a manager's recommendation preceded (issue 17). */
  readonly recommended: number;
}

/** A budget as the report words it. */
const money = (b: BudgetUse) => ({ allocatedOre: b.allocated, spentOre: b.approved, pendingOre: b.pending });

/**
 * The steering group's report of one cohort (coordinators read it too): the figures per municipality from the
 * counters; the budgets from the teams that got one (tens); the medians from every sent application's timings, read as
 * small rows TIMINGS_PAGE at a time (linear in the cohort, a few requests at 10,000).
 */
export async function reportOf(deps: ProgrammeDeps, personId: string, which: CohortChoice): Promise<UseCaseResult<Report>> {
  const allowed = await reportReader(deps, personId);
  if (!allowed.ok) return allowed;
  const found = await cohortOf(deps, which);
  if (!found.ok) return found;
  return ok(await cohortReport(deps, found.value));
}

/**
 * The report of one cohort, for whoever may read it (reportOf decides that; the scheduled report goes to the steering
 * group): the one computation behind `rapport`, the tab's report and the steering group's monthly card.
 */
export async function cohortReport(deps: Pick<ProgrammeDeps, 'applications' | 'followUps'>, cohort: Cohort): Promise<Report> {
  const counts = await deps.applications.counts(cohort.id);
  const admitted: Application[] = [];
  await forEachPage(deps.applications, cohort.id, { states: ADMITTED_STATES }, async (page) => {
    admitted.push(...page.map((v) => v.value));
  });
  const budgets = budgetsOf(admitted);
  const times = new Map<string, StepTimes>();
  const all = new StepTimes();
  let after: string | undefined;
  do {
    const page = await deps.applications.timings(cohort.id, TIMINGS_PAGE, after);
    for (const t of page.items) {
      all.add(t);
      const key = t.municipality ?? '';
      const at = times.get(key) ?? new StepTimes();
      at.add(t);
      times.set(key, at);
    }
    after = page.next;
  } while (after !== undefined);
  const byMunicipality = countsByMunicipality(counts);
  const rows = MUNICIPALITIES.flatMap((municipality): ReportLine[] => {
    const row = byMunicipality.get(municipality);
    if (!row) return [];
    return [{ municipality, ...figuresOf(row), ...money(budgets.byMunicipality.get(municipality) ?? NO_BUDGET), ...(times.get(municipality)?.medians() ?? { medianDaysToDecision: null, medianDaysToSelection: null }) }];
  });
  const total: ReportLine = { ...figuresOf(sumCounts([...byMunicipality.values()])), ...money(budgets.total), ...all.medians() };
  const byTitle = (x: Application, y: Application) => (x.idea?.title ?? '').localeCompare(y.idea?.title ?? '', 'sv');
  const rounds = await Promise.all(FOLLOW_UP_ROUNDS.map((round) => deps.followUps.get(cohort.id, round)));
  const followUp = rounds.flatMap((r) => (r ? [summaryOf(r.value)] : []));
  const recommended = recommendedSent(counts);
  return { cohort, recommended, rows, total, teams: admitted.filter((a) => !a.outcome && PARTICIPANT_STATES.includes(a.state)).sort(byTitle), outcomes: admitted.filter((a) => a.outcome).sort(byTitle), followUp };
}
