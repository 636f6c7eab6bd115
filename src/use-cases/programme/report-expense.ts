import type { Application } from '../../domain/application';
import { reportExpense as reportBudgetExpense } from '../../domain/budget';
import { domainError } from '../../domain/errors';
import { type Notification } from '../../domain/notification';
import { err, ok } from '../../domain/result';
import { asDomainError, mutate } from '../application-change';
import type { ProgrammeDeps, ProgrammeResult } from './deps';

/** A participant reports an expense against the team's budget; the municipality's HR contact decides. */
export async function reportExpense(deps: ProgrammeDeps, personId: string, ore: number, description: string): Promise<ProgrammeResult<{ application: Application; expenseId: string }>> {
  const mine = (await deps.applications.findAllByApplicant(personId)).find((a) => a.value.budget && ['phase1', 'continuing', 'phase2', 'phase3'].includes(a.value.state));
  if (!mine) return err(domainError('NOT_FOUND', 'no budget'));
  const settings = (await deps.settings.get())?.value;
  const hr = mine.value.about ? settings?.hrContactIds[mine.value.about.municipality] : undefined;
  const expenseId = deps.ids.shortId('U');
  const done = await mutate<{ remainingOre?: number }>(deps, { cohortId: mine.value.cohortId, applicationId: mine.value.id }, (current, now) => {
    if (!current.budget) return err(domainError('NOT_FOUND', 'no budget'));
    const reported = reportBudgetExpense(current.budget, { id: expenseId, ore, description, reportedBy: personId, at: now.toISOString() });
    if (!reported.ok) return err(reported.code === 'OVERSPEND' ? domainError('INVALID_INPUT', 'overspend', { remaining: String(reported.remaining) }) : domainError('INVALID_INPUT', reported.reason));
    const notifications: Notification[] = hr ? [{ idempotencyKey: `${current.id}/expense/${expenseId}`, kind: 'expenseToApprove', recipientId: hr, cohortId: current.cohortId, applicationId: current.id, payload: { expenseId } }] : [];
    return ok({ application: { ...current, budget: reported.budget, updatedAt: now.toISOString() }, audit: null, notifications });
  });
  if (!done.ok) {
    const e = done.error;
    if ('meta' in e && e.meta?.remaining !== undefined) return err({ code: 'OVERSPEND', remainingOre: Number(e.meta.remaining) });
    return err(asDomainError(e));
  }
  return ok({ application: done.value.application.value, expenseId });
}
