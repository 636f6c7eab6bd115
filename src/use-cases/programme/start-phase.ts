import type { TeamBudget } from '../../domain/application';
import { applyEvent } from '../../domain/application.lifecycle';
import type { ApplicationEvent, ApplicationState } from '../../domain/application.state-machine';
import { allocate } from '../../domain/budget';
import { domainError } from '../../domain/errors';
import { type Municipality } from '../../domain/municipalities';
import { type Notification } from '../../domain/notification';
import { err, ok } from '../../domain/result';
import { mutate } from '../application-change';
import { currentCohort } from '../current-cohort';
import { type ProgrammeDeps, type ProgrammeResult, coordinatorOnly, teamOf } from './deps';

const PHASE_EVENTS: Record<1 | 2 | 3, { from: ApplicationState; event: ApplicationEvent }> = {
  1: { from: 'selected', event: 'startPhase1' },
  2: { from: 'continuing', event: 'startPhase2' },
  3: { from: 'phase2', event: 'startPhase3' },
};

/**
 * `starta fas N`: the cohort's participants move on (audited); with phase 1 each team gets its budget for
 * initial costs (per participant). Participants, their managers and the HR contacts are told.
 */
export async function startPhase(deps: ProgrammeDeps, coordinatorId: string, phase: 1 | 2 | 3): Promise<ProgrammeResult<{ moved: number }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const current = await currentCohort(deps);
  if (!current) return err(domainError('NOT_FOUND', 'no cohort'));
  const cohort = current.value;
  const settings = (await deps.settings.get())?.value;
  const { from, event } = PHASE_EVENTS[phase];
  let moved = 0;
  for (const a of (await deps.applications.listByCohort(cohort.id)).filter((x) => x.state === from)) {
    const done = await mutate(deps, { cohortId: a.cohortId, applicationId: a.id }, (fresh, now) => {
      const t = applyEvent(fresh, event, { id: coordinatorId, kind: 'coordinator' }, now, deps.ids.uuid());
      if (!t.ok) return t;
      const budget: TeamBudget | undefined = phase === 1 && !fresh.budget ? allocate(cohort.budgetPerParticipantOre * teamOf(fresh).length, fresh.id) : fresh.budget;
      const hr = fresh.about ? settings?.hrContactIds[fresh.about.municipality as Municipality] : undefined;
      const line = [...fresh.approvals.map((p) => p.managerId), ...(hr ? [hr] : [])];
      const notifications: Notification[] = [...new Set([...teamOf(fresh), ...line])].map((recipientId) => ({
        idempotencyKey: `${t.value.audit.id}/phase/${recipientId}`,
        kind: 'phaseStarted',
        recipientId,
        cohortId: fresh.cohortId,
        applicationId: fresh.id,
        payload: { phase: String(phase) },
      }));
      return ok({ application: { ...t.value.application, ...(budget ? { budget } : {}) }, audit: t.value.audit, notifications });
    });
    if (done.ok) moved++;
  }
  return ok({ moved });
}
