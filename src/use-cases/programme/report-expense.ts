import type { Application } from '../../domain/application';
import { domainError, type UseCaseResult } from '../../domain/errors';
import { hrContactOf } from '../../domain/person';
import { reportExpenseOf, SPENDING_STATES } from '../../domain/programme';
import { err, ok } from '../../domain/result';
import type { Versioned } from '../../domain/ports';
import { mutate } from '../change';
import type { ProgrammeDeps } from './deps';

/**
 * The team whose budget the person spends (as lead applicant or confirmed co-applicant): one in the programme with a budget. A team whose programme is over
 * (the gate or the outcome ended it) is refused as NOT_EDITABLE, and a person without a budget as NOT_FOUND.
 */
export async function spendingTeamOf(deps: ProgrammeDeps, personId: string): Promise<UseCaseResult<Versioned<Application>>> {
  const budgeted = (await deps.applications.findTeamsOf(personId)).filter((a) => a.value.budget);
  const mine = budgeted.find((a) => SPENDING_STATES.includes(a.value.state));
  if (mine) return ok(mine);
  return err(budgeted.length > 0 ? domainError('NOT_EDITABLE', 'the programme is over for this team') : domainError('NOT_FOUND', 'no budget'));
}

/** A participant reports an expense against the team's budget; the municipality's HR contact decides. */
export async function reportExpense(deps: ProgrammeDeps, personId: string, ore: number, description: string): Promise<UseCaseResult<{ application: Application; expenseId: string }>> {
  const team = await spendingTeamOf(deps, personId);
  if (!team.ok) return team;
  const mine = team.value;
  const hr = hrContactOf((await deps.settings.get())?.value, mine.value.about?.municipality);
  const expenseId = deps.ids.shortId('U');
  const done = await mutate(deps, { cohortId: mine.value.cohortId, applicationId: mine.value.id }, (current, now) => reportExpenseOf(current, { id: expenseId, ore, description, reportedBy: personId }, hr, now, deps.ids.uuid()));
  return done.ok ? ok({ application: done.value.application.value, expenseId }) : done;
}
