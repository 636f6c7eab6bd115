import type { Application } from '../../domain/application';
import { APPLICATION_STATES, type ApplicationState } from '../../domain/application.state-machine';
import { ledger } from '../../domain/budget';
import type { Cohort } from '../../domain/cohort';
import type { UseCaseResult } from '../../domain/errors';
import { funnelOf, statesFrom, sumCounts, type Funnel } from '../../domain/funnel';
import { MUNICIPALITIES } from '../../domain/municipalities';
import { ok } from '../../domain/result';
import { countIn, countMatching, countsByMunicipality, reviewsLeft, type CohortCounts } from '../../domain/tally';
import { forEachPage } from '../pages';
import { coordinatorsCohort, type CohortChoice, type ProgrammeDeps } from './deps';

/** Budget for initial costs, in öre: what the teams were given, what HR approved, what waits for HR. */
export interface BudgetUse {
  readonly allocated: number;
  readonly approved: number;
  readonly pending: number;
}

export interface StatisticsRow {
  readonly municipality: string;
  readonly funnel: Funnel;
  readonly budget: BudgetUse;
}

export interface Statistics {
  readonly cohort: Cohort;
  readonly rows: readonly StatisticsRow[];
  readonly total: StatisticsRow;
  readonly waitingManagers: number;
  readonly jurorsBehind: number;
  /** Sent applications (submitted or further, withdrawn ones included) that a manager's recommendation preceded. */
  readonly recommended: number;
}

/** The states of a sent application: every state but a draft (a withdrawn draft counts too; it is rare, and was recommended). */
const SENT_STATES = APPLICATION_STATES.filter((s) => s !== 'draft');

/** How many of the cohort's sent applications a manager's recommendation preceded (issue 17), from its counters. */
export const recommendedSent = (counts: CohortCounts): number => countMatching(counts, { states: SENT_STATES }, 'recommended');

export const NO_BUDGET: BudgetUse = { allocated: 0, approved: 0, pending: 0 };
const add = (a: BudgetUse, b: BudgetUse): BudgetUse => ({ allocated: a.allocated + b.allocated, approved: a.approved + b.approved, pending: a.pending + b.pending });

/** The budget given, approved and waiting of the teams that hold one, per municipality and in all. */
export function budgetsOf(teams: Iterable<Application>): { readonly byMunicipality: ReadonlyMap<string, BudgetUse>; readonly total: BudgetUse } {
  const byMunicipality = new Map<string, BudgetUse>();
  for (const a of teams) {
    if (!a.budget) continue;
    const l = ledger(a.budget);
    const key = a.about?.municipality ?? '';
    byMunicipality.set(key, add(byMunicipality.get(key) ?? NO_BUDGET, { allocated: l.allocated, approved: l.approved, pending: l.pending }));
  }
  return { byMunicipality, total: [...byMunicipality.values()].reduce(add, NO_BUDGET) };
}

/**
 * `statistik`: the cohort's funnel per municipality from the cohort's counters, and the budget used per
 * municipality from the teams that got one (those that reached phase 1: tens, at most the cohort's places).
 */
export async function statistics(deps: ProgrammeDeps, coordinatorId: string, which: CohortChoice = 'current'): Promise<UseCaseResult<Statistics>> {
  const current = await coordinatorsCohort(deps, coordinatorId, which);
  if (!current.ok) return current;
  const cohort = current.value;
  const counts = await deps.applications.counts(cohort.id);
  const byMunicipality = countsByMunicipality(counts);
  const teams: Application[] = [];
  await forEachPage(deps.applications, cohort.id, { states: statesFrom('phase1') }, async (page) => {
    teams.push(...page.map((v) => v.value));
  });
  const budgets = budgetsOf(teams);
  const rows = MUNICIPALITIES.flatMap((municipality) => {
    const row: Partial<Record<ApplicationState, number>> | undefined = byMunicipality.get(municipality);
    return row ? [{ municipality, funnel: funnelOf(row), budget: budgets.byMunicipality.get(municipality) ?? NO_BUDGET }] : [];
  });
  const total = { municipality: '', funnel: funnelOf(sumCounts([...byMunicipality.values()])), budget: budgets.total };
  const behind = cohort.jurorIds.filter((jurorId) => reviewsLeft(counts, jurorId) > 0).length;
  const recommended = recommendedSent(counts);
  return ok({ cohort, rows, total, waitingManagers: countIn(counts, ['awaitingManager']), jurorsBehind: behind, recommended });
}
