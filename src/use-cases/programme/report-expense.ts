import type { Application } from '../../domain/application';
import { domainError, type UseCaseResult } from '../../domain/errors';
import { hrContactOf } from '../../domain/person';
import { reportExpenseOf, SPENDING_STATES } from '../../domain/programme';
import { err, ok } from '../../domain/result';
import { mutate } from '../change';
import type { ProgrammeDeps } from './deps';

/** A participant reports an expense against the team's budget; the municipality's HR contact decides. */
export async function reportExpense(deps: ProgrammeDeps, personId: string, ore: number, description: string): Promise<UseCaseResult<{ application: Application; expenseId: string }>> {
  const mine = (await deps.applications.findAllByApplicant(personId)).find((a) => a.value.budget && SPENDING_STATES.includes(a.value.state));
  if (!mine) return err(domainError('NOT_FOUND', 'no budget'));
  const hr = hrContactOf((await deps.settings.get())?.value, mine.value.about?.municipality);
  const expenseId = deps.ids.shortId('U');
  const done = await mutate(deps, { cohortId: mine.value.cohortId, applicationId: mine.value.id }, (current, now) => reportExpenseOf(current, { id: expenseId, ore, description, reportedBy: personId }, hr, now));
  return done.ok ? ok({ application: done.value.application.value, expenseId }) : done;
}
