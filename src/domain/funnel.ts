import type { ApplicationState } from './application.state-machine';

/**
 * The programme's funnel (PROGRAMME.md, follow-up): how far applications have come, per municipality. Each state
 * belongs to the furthest stage it has reached, and a stage counts every application that reached it or went
 * further, so the funnel never widens. Drafts have not been sent; a withdrawn application's stage is unknown (it
 * may be withdrawn from any stage), so both are counted beside the funnel, not in it.
 */
export const FUNNEL_STAGES = ['submitted', 'approved', 'selected', 'phase1', 'phase2', 'phase3', 'outcome'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

const REACHED: Readonly<Record<ApplicationState, FunnelStage | 'draft' | 'withdrawn'>> = {
  draft: 'draft',
  awaitingManager: 'submitted',
  changesRequested: 'submitted',
  declined: 'submitted',
  approved: 'approved',
  inReview: 'approved',
  waitlisted: 'approved',
  notSelected: 'approved',
  selected: 'selected',
  phase1: 'phase1',
  returnedToJob: 'phase1',
  joinedOtherTeam: 'phase1',
  continuing: 'phase1',
  phase2: 'phase2',
  phase3: 'phase3',
  keptAsProject: 'outcome',
  handedToLine: 'outcome',
  spunOut: 'outcome',
  ended: 'outcome',
  withdrawn: 'withdrawn',
};

export interface Funnel {
  readonly stages: Readonly<Record<FunnelStage, number>>;
  readonly drafts: number;
  readonly withdrawn: number;
}

/** The funnel of one set of counts by state (one municipality's, or the whole cohort's). */
export function funnelOf(counts: Readonly<Partial<Record<ApplicationState, number>>>): Funnel {
  const at: Record<FunnelStage, number> = { submitted: 0, approved: 0, selected: 0, phase1: 0, phase2: 0, phase3: 0, outcome: 0 };
  let drafts = 0;
  let withdrawn = 0;
  for (const [state, n] of Object.entries(counts) as [ApplicationState, number][]) {
    const stage = REACHED[state];
    if (stage === 'draft') drafts += n;
    else if (stage === 'withdrawn') withdrawn += n;
    else at[stage] += n;
  }
  // Reached a stage = stopped there or went further: a running sum from the last stage back.
  let further = 0;
  const stages = { ...at };
  for (const stage of [...FUNNEL_STAGES].reverse()) {
    further += at[stage];
    stages[stage] = further;
  }
  return { stages, drafts, withdrawn };
}

/** The counts of several municipalities added up, for the cohort's total row. */
export function sumCounts(rows: readonly Readonly<Partial<Record<ApplicationState, number>>>[]): Partial<Record<ApplicationState, number>> {
  const total: Partial<Record<ApplicationState, number>> = {};
  for (const row of rows) for (const [state, n] of Object.entries(row) as [ApplicationState, number][]) total[state] = (total[state] ?? 0) + n;
  return total;
}

/** The states of applications that reached `stage` or went further (those from phase 1 on hold a budget). */
export function statesFrom(stage: FunnelStage): ApplicationState[] {
  const from = FUNNEL_STAGES.indexOf(stage);
  return (Object.entries(REACHED) as [ApplicationState, string][]).filter(([, s]) => FUNNEL_STAGES.indexOf(s as FunnelStage) >= from).map(([state]) => state);
}
