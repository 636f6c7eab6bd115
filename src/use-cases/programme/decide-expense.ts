import type { Application } from '../../domain/application';
import { decideExpense as decideBudgetExpense } from '../../domain/budget';
import { domainError } from '../../domain/errors';
import { type Notification } from '../../domain/notification';
import { err, ok } from '../../domain/result';
import { asDomainError, mutate, type ApplicationRef } from '../application-change';
import type { ProgrammeDeps, ProgrammeResult } from './deps';

/** The HR contact of the team's municipality approves or rejects an expense (decided from stored state). */
export async function decideExpense(deps: ProgrammeDeps, personId: string, ref: ApplicationRef, expenseId: string, decision: 'approve' | 'reject', reason?: string): Promise<ProgrammeResult<Application>> {
  const settings = (await deps.settings.get())?.value;
  const done = await mutate(deps, ref, (current, now) => {
    const hr = current.about ? settings?.hrContactIds[current.about.municipality] : undefined;
    if (!hr || hr !== personId) return err(domainError('NOT_ALLOWED', 'not the HR contact'));
    if (!current.budget) return err(domainError('NOT_FOUND', 'no budget'));
    const decided = decideBudgetExpense(current.budget, expenseId, decision, personId, now.toISOString(), reason);
    if (!decided.ok) return err(decided.code === 'NOT_FOUND' ? domainError('NOT_FOUND', 'no expense') : domainError('ILLEGAL_TRANSITION', decided.code));
    const notifications: Notification[] = [{ idempotencyKey: `${current.id}/expense/${expenseId}/decided`, kind: 'expenseDecided', recipientId: current.applicantId, cohortId: current.cohortId, applicationId: current.id, payload: { expenseId, decision } }];
    return ok({ application: { ...current, budget: decided.budget, updatedAt: now.toISOString() }, audit: null, notifications });
  });
  return done.ok ? ok(done.value.application.value) : err(asDomainError(done.error));
}
