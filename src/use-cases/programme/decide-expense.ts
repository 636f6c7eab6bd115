import type { Application } from '../../domain/application';
import type { UseCaseResult } from '../../domain/errors';
import { hrContactOf } from '../../domain/person';
import { decideExpenseOf } from '../../domain/programme';
import { ok } from '../../domain/result';
import { mutate, type ApplicationRef } from '../change';
import type { ProgrammeDeps } from './deps';

/** The HR contact of the team's municipality approves or rejects an expense (decided from stored state). */
export async function decideExpense(deps: ProgrammeDeps, personId: string, ref: ApplicationRef, expenseId: string, decision: 'approve' | 'reject', reason?: string): Promise<UseCaseResult<Application>> {
  const settings = (await deps.settings.get())?.value;
  const done = await mutate(deps, ref, (current, now) => decideExpenseOf(current, personId, hrContactOf(settings, current.about?.municipality), expenseId, decision, now, deps.ids.uuid(), reason));
  return done.ok ? ok(done.value.application.value) : done;
}
