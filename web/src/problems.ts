import type { ApiError } from '../../src/adapters/tab/contract';
import { formatSek } from '../../src/domain/budget';
import type { Messages } from '../../src/i18n';

type Facts = Readonly<Record<string, string>>;
type FieldProblem = NonNullable<ApiError['fields']>[number];

/** Codes of a 409 that only say the state moved (someone else was first), not why the change cannot be made. */
export const MOVED: ReadonlySet<string> = new Set(['ILLEGAL_TRANSITION', 'CONCURRENCY_CONFLICT', 'ALREADY_EXISTS']);

/** The form a field error belongs to: a few fields have their own, clearer sentence there. */
export type Form = 'decide' | 'expense' | 'score' | 'recuse' | 'withdraw';

const has = <K extends string>(table: Readonly<Record<K, unknown>>, key: string): key is K => Object.prototype.hasOwnProperty.call(table, key);

/**
 * One sentence for a refusal the server answered with a code, in the person's language: the same sentences the
 * bot uses for the same refusals (adapters/teams/explain.ts), read from the code and its facts.
 */
export function refusalText(error: ApiError, m: Messages, form?: Form): string {
  const facts: Facts = error.facts ?? {};
  const code = error.error;
  if (form === 'expense' && code === 'NOT_FOUND') return m.programme.expense.noBudget;
  if (form === 'expense' && (code === 'NOT_EDITABLE' || code === 'ILLEGAL_TRANSITION')) return m.programme.expense.programmeOver;
  switch (code) {
    case 'NOT_EDITABLE':
      return m.intake.notEditable;
    case 'INTAKE_CLOSED':
      return m.intake.closed;
    case 'FIELDS':
    case 'FIELD':
      return m.intake.fixFields;
    case 'OVERSPEND': {
      const remaining = Number(facts.remainingOre);
      return Number.isSafeInteger(remaining) ? m.programme.expense.overspend(formatSek(remaining)) : m.errors.INVALID_INPUT;
    }
    case 'NO_BUDGET':
      return m.programme.expense.noBudget;
    case 'NOT_JUROR':
      return m.jury.notJuror;
    case 'ROUND_NOT_OPEN':
      return m.jury.roundNotOpen;
    case 'ROUND_LOCKED':
      return m.jury.roundLocked;
    case 'RECUSED': {
      const reason = facts.reason ?? '';
      return facts.automatic === 'true' && has(m.jury.recusedAuto, reason) ? m.jury.recusedAuto[reason] : m.jury.recused;
    }
    case 'INVALID_SCORE':
      return m.jury.invalidScore;
    case 'CO_APPLICANTS_PENDING':
      return m.intake.coApplicantsPending(facts.names ?? '');
    default:
      if (error.fields?.length) return m.intake.fixFields;
      return has(m.errors, code) ? m.errors[code] : m.tab.problems.broken;
  }
}

/** The sentence beside one field: the rule it breaks, or what is wrong with what was typed. */
export function fieldText(problem: FieldProblem, m: Messages, form: Form): string {
  const facts: Facts = problem.facts ?? {};
  if (problem.code === 'rule' && problem.rule && has(m.intake.rules, problem.rule)) return m.intake.rules[problem.rule](facts);
  if (form === 'decide' && problem.field.startsWith('attest')) return m.approval.attestRequired;
  if (form === 'decide' && problem.field === 'reason' && problem.code === 'required') return m.approval.reasonRequired;
  if (form === 'recuse' && problem.field === 'reason' && problem.code === 'required') return m.jury.reasonRequired;
  if (form === 'expense' && problem.field === 'amount' && problem.code !== 'required') return m.programme.expense.invalidAmount;
  if (form === 'score' && problem.field !== 'comment' && (problem.code === 'required' || problem.code === 'notChosen' || problem.code === 'invalid')) return m.jury.chooseValue;
  if (has(m.intake.fieldErrors, problem.code)) return m.intake.fieldErrors[problem.code](facts);
  return m.intake.fieldErrors.invalid();
}

/** Every field error of a refusal, by field (several sentences for one field joined into one). */
export function fieldTexts(error: ApiError | undefined, m: Messages, form: Form): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const problem of error?.fields ?? []) {
    const text = fieldText(problem, m, form);
    out[problem.field] = out[problem.field] ? `${out[problem.field]} ${text}` : text;
  }
  return out;
}
