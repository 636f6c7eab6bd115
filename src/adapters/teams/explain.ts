import { formatSek } from '../../domain/budget';
import { ERROR_CODES, type ErrorCode, type Refusal, type RefusalCode } from '../../domain/errors';
import { isConflict } from '../../domain/jury';
import type { Messages } from '../../i18n';
import { plain } from '../cards/card-kit';

type Sentence<C extends RefusalCode> = (e: Refusal & { readonly code: C }, m: Messages) => string;

const generic = Object.fromEntries(ERROR_CODES.map((code) => [code, (_e: Refusal, m: Messages) => m.errors[code]])) as { readonly [C in ErrorCode]: Sentence<C> };

/**
 * Every refusal a use case can answer, as one sentence in the person's language. A refusal code without its
 * sentence here does not compile (the mapped type needs every code of the catalogue in domain/errors.ts).
 */
const SENTENCES: { readonly [C in RefusalCode]: Sentence<C> } = {
  ...generic,
  NOT_EDITABLE: (_e, m) => m.intake.notEditable,
  INTAKE_CLOSED: (_e, m) => m.intake.closed,
  FIELDS: (_e, m) => m.intake.fixFields,
  FIELD: (_e, m) => m.intake.fixFields,
  NOT_ELIGIBLE: (e, m) => e.failures.map((f) => m.intake.rules[f.failure.rule](f.failure.facts)).join(' '),
  INCOMPLETE: (e, m) => `${m.intake.review.missing} ${m.list(e.missing.map((s) => m.intake.missingSection[s]))}.`,
  CO_APPLICANTS_PENDING: (e, m) => m.intake.coApplicantsPending(m.list(e.names.map(plain))),
  NO_DECIDER: (e, m) => m.intake.noDecider(m.list(e.names.map(plain))),
  NAMED_MANAGER_NOT_MANAGER: (e, m) => m.intake.namedManagerNotManager(plain(e.name)),
  OVERSPEND: (e, m) => m.programme.expense.overspend(formatSek(e.remainingOre)),
  NOT_JUROR: (_e, m) => m.jury.notJuror,
  ROUND_NOT_OPEN: (_e, m) => m.jury.roundNotOpen,
  ROUND_LOCKED: (_e, m) => m.jury.roundLocked,
  RECUSED: (e, m) => (e.automatic && isConflict(e.reason) ? m.jury.recusedAuto[e.reason] : m.jury.recused),
  INVALID_SCORE: (_e, m) => m.jury.invalidScore,
  CRITERIA_LOCKED: (_e, m) => m.jury.criteriaLocked,
  INVALID_CRITERIA: (_e, m) => m.jury.invalidCriteria,
};

/** One sentence for any refusal, in the caller's language. */
export function explain(e: Refusal, m: Messages): string {
  return (SENTENCES[e.code] as Sentence<RefusalCode>)(e, m);
}
