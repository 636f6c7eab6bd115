import type { Application, IpOwner, OutcomeKind } from '../../domain/application';
import type { UseCaseResult } from '../../domain/errors';
import { recordOutcomeOf } from '../../domain/programme';
import { ok } from '../../domain/result';
import { hrContactOf } from '../../domain/person';
import { mutate, type ApplicationRef } from '../change';
import { coordinatorOnly, type ProgrammeDeps } from './deps';
import { askFollowUp } from './follow-up';

/** The final outcome of an idea in phase 3, with who owns it (IP). Final and audited; the team and its line are told. */
export async function recordOutcome(deps: ProgrammeDeps, coordinatorId: string, ref: ApplicationRef, kind: OutcomeKind, ipOwner: IpOwner, receivingAdministration?: string): Promise<UseCaseResult<Application>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const settings = (await deps.settings.get())?.value;
  const done = await mutate(deps, ref, (current, now) =>
    recordOutcomeOf(current, kind, ipOwner, receivingAdministration, hrContactOf(settings, current.about?.municipality), { id: coordinatorId, kind: 'coordinator' }, now, deps.ids.uuid()),
  );
  if (!done.ok) return done;
  // The idea's outcome ends its pilot: the team, its managers and its mentor get the follow-up (nobody twice).
  const cohort = done.value.changed ? (await deps.cohorts.get(ref.cohortId))?.value : undefined;
  if (cohort) await askFollowUp(deps, cohort, 'outcome', [done.value.application.value]);
  return ok(done.value.application.value);
}
