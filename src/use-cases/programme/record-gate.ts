import type { Application, GateOutcome } from '../../domain/application';
import type { UseCaseResult } from '../../domain/errors';
import { recordGateOf } from '../../domain/programme';
import { ok } from '../../domain/result';
import { mutate, type ApplicationRef } from '../change';
import { coordinatorOnly, type ProgrammeDeps } from './deps';

/** The gate after phase 1 for one application: continue, back to the ordinary job, or join another team. */
export async function recordGate(deps: ProgrammeDeps, coordinatorId: string, ref: ApplicationRef, outcome: GateOutcome, joinedApplicationId?: string): Promise<UseCaseResult<Application>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const joined = outcome === 'joinOtherTeam' && joinedApplicationId ? ((await deps.applications.get(ref.cohortId, joinedApplicationId))?.value ?? null) : null;
  const done = await mutate(deps, ref, (current, now) => recordGateOf(current, outcome, joined, { id: coordinatorId, kind: 'coordinator' }, now, deps.ids.uuid()));
  return done.ok ? ok(done.value.application.value) : done;
}
