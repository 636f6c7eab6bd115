import { decidersOf, teamOf } from '../../domain/application';
import { domainError } from '../../domain/errors';
import type { Notification } from '../../domain/notification';
import { err, ok } from '../../domain/result';
import { SELECTION_STATES } from '../../domain/jury';
import { isCoordinator } from '../resolve-roles';
import { currentCohort } from '../current-cohort';
import { type JuryDeps, type JuryResult } from './deps';

/**
 * Locks the selection: every applicant with a decision is told in their language (selected with next steps,
 * waitlisted, or not selected with the feedback), and the managers and the HR contact of each selected
 * participant learn that the leave starts with the programme. Runs once (idempotent keys).
 */
export async function lockSelection(deps: JuryDeps, coordinatorId: string): Promise<JuryResult<{ told: number }>> {
  if (!(await isCoordinator(deps, coordinatorId))) return err(domainError('NOT_ALLOWED', 'coordinators only'));
  const current = await currentCohort(deps);
  if (!current) return err(domainError('NOT_FOUND', 'no cohort'));
  const cohort = current.value.selectionLockedAt ? current.value : (await deps.cohorts.save({ ...current.value, selectionLockedAt: deps.clock.now().toISOString(), juryRound: 'locked' }, current.etag)).value;
  const settings = (await deps.settings.get())?.value;
  const decided = (await deps.applications.listByCohort(cohort.id)).filter((a) => a.selection && SELECTION_STATES.includes(a.state));
  const notifications: Notification[] = decided.flatMap((a) => {
    const key = `${cohort.id}/selection/${a.id}`;
    const team = teamOf(a);
    const base = { cohortId: a.cohortId, applicationId: a.id };
    const toTeam = team.map((recipientId): Notification => ({ ...base, idempotencyKey: `${key}/outcome/${recipientId}`, kind: 'selectionOutcome', recipientId, payload: { decision: a.selection?.decision ?? '' } }));
    if (a.state !== 'selected') return toTeam;
    const managers = a.approvals.map((p) => p.decidedBy ?? p.managerId).concat(a.approvals.flatMap(decidersOf));
    const hr = a.about ? settings?.hrContactIds[a.about.municipality] : undefined;
    const toLine = [...new Set([...managers, ...(hr ? [hr] : [])])].map((recipientId): Notification => ({ ...base, idempotencyKey: `${key}/leave/${recipientId}`, kind: 'leaveStarts', recipientId, payload: { programmeStartsOn: cohort.programmeStartsOn } }));
    return [...toTeam, ...toLine];
  });
  await deps.outbox.enqueue(notifications, deps.clock.now());
  return ok({ told: notifications.length });
}
