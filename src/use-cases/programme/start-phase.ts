import { teamOf, type Application } from '../../domain/application';
import { roundEndedBy } from '../../domain/follow-up';
import { askFollowUp } from './follow-up';
import { withIntakeOver, type Cohort } from '../../domain/cohort';
import type { UseCaseResult } from '../../domain/errors';
import { hrContactOf } from '../../domain/person';
import { lineOf, PHASE_STARTS, startPhaseOf, type Phase } from '../../domain/programme';
import { ok } from '../../domain/result';
import { changeCohort, mutate } from '../change';
import { forEachPage } from '../pages';
import { coordinatorsCohort, type CohortChoice, type ProgrammeDeps } from './deps';

/** What `starta fas N` will do, shown on the confirmation card before anything moves. */
export interface PhaseStartPreview {
  readonly cohort: Cohort;
  /** Applications (teams) that move on. */
  readonly teams: number;
  /** Everyone who is told: the teams' members, their managers and the HR contacts, each once. */
  readonly people: number;
  /** Applications already in the phase: when nothing waits, the phase has (partly) started before. */
  readonly started: number;
}

/** The teams a phase start moves on and who is told, read a page at a time (participants are tens, not thousands). */
export async function previewPhaseStart(deps: ProgrammeDeps, coordinatorId: string, phase: Phase, which: CohortChoice = 'current'): Promise<UseCaseResult<PhaseStartPreview>> {
  const current = await coordinatorsCohort(deps, coordinatorId, which);
  if (!current.ok) return current;
  const cohort = current.value;
  const settings = (await deps.settings.get())?.value;
  const people = new Set<string>();
  let teams = 0;
  await forEachPage(deps.applications, cohort.id, { states: [PHASE_STARTS[phase].from] }, async (page) => {
    for (const { value: a } of page) {
      teams++;
      for (const id of [...teamOf(a), ...lineOf(a, hrContactOf(settings, a.about?.municipality))]) people.add(id);
    }
  });
  const started = await deps.applications.count(cohort.id, { states: [PHASE_STARTS[phase].to] });
  return ok({ cohort, teams, people: people.size, started });
}

/**
 * `starta fas N`, confirmed: the cohort's participants move on (audited); with phase 1 each team gets its budget
 * for initial costs (per participant), and the cohort's intake closes if it was still open. Participants, their
 * managers and the HR contacts are told. Run again, it moves nobody (each move is guarded by the state).
 */
export async function startPhase(deps: ProgrammeDeps, coordinatorId: string, phase: Phase, which: CohortChoice = 'current'): Promise<UseCaseResult<{ moved: number; started: number }>> {
  const current = await coordinatorsCohort(deps, coordinatorId, which);
  if (!current.ok) return current;
  const cohort = current.value;
  if (phase === 1) {
    const closed = await changeCohort(deps, cohort.id, (c, at) => ok(withIntakeOver(c, at)));
    if (!closed.ok) return closed;
  }
  const settings = (await deps.settings.get())?.value;
  let moved = 0;
  const movedTeams: Application[] = [];
  await forEachPage(deps.applications, cohort.id, { states: [PHASE_STARTS[phase].from] }, async (page) => {
    for (const { value: a } of page) {
      const done = await mutate(deps, { cohortId: a.cohortId, applicationId: a.id }, (fresh, now) =>
        startPhaseOf(fresh, phase, cohort, hrContactOf(settings, fresh.about?.municipality), { id: coordinatorId, kind: 'coordinator' }, now, deps.ids.uuid()),
      );
      if (done.ok) moved++;
      if (done.ok && done.value.changed) movedTeams.push(done.value.application.value);
    }
  });
  // The phase before has ended for the teams that moved on: their follow-up round is asked (nobody twice). Phase 1 has
  // also ended for those who went back to their job at the gate: they are asked with the others.
  const ended = roundEndedBy(phase);
  if (ended && movedTeams.length > 0) {
    const back: Application[] = [];
    if (phase === 2) await forEachPage(deps.applications, cohort.id, { states: ['returnedToJob'] }, async (page) => void back.push(...page.map((v) => v.value)));
    await askFollowUp(deps, cohort, ended, [...movedTeams, ...back]);
  }
  return ok({ moved, started: await deps.applications.count(cohort.id, { states: [PHASE_STARTS[phase].to] }) });
}
