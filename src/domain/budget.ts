/**
 * Budgets for initial costs (PROGRAMME.md): each selected participant or team gets the cohort's budget; participants
 * report expenses ("utlägg 1200 prototyp", or a card); the municipality's HR contact approves or rejects each on a card.
 *
 * Amounts are exact: always an integer number of öre (1 kr = 100 öre), in SEK. Text is parsed digit by digit as
 * strings, never through floating point, and only integers are ever added or subtracted.
 *
 * A pending expense already counts against the budget (remaining = allocated − approved − pending), so two pending
 * expenses can never together overspend, and approving one can never push `approved` over `allocated`.
 *
 * Pure: no framework, no environment, no I/O. Budgets are never mutated; every change returns a new one.
 */

/** An amount in öre (1/100 kr). Integers only. */
export type Ore = number;

/** The largest amount `parseAmount` accepts: 10 000 000 kr. */
export const MAX_AMOUNT_ORE: Ore = 1_000_000_000;

export type ParseAmountResult =
  | { readonly ok: true; readonly ore: Ore }
  | { readonly ok: false; readonly reason: 'empty' | 'invalid' | 'negative' | 'tooManyDecimals' | 'tooLarge' };

/** Space, no-break space (U+00A0) and narrow no-break space (U+202F): what Swedish text puts between digit groups. */
const GROUP_SEPARATOR = '[ \\u00A0\\u202F]';
const INTEGER_PART = new RegExp(`^(?:\\d+|\\d{1,3}(?:${GROUP_SEPARATOR}\\d{3})+)$`);
/** "kr", "kr.", "SEK", ":-" or ",-" after the number, with or without a space. */
const CURRENCY_SUFFIX = /\s*(?:kr\.?|sek|:-|,-)$/i;
/** Hyphen-minus, the minus sign U+2212 and the en dash that word processors put in its place. */
const MINUS = /^[-\u2212\u2013]\s*/;

/**
 * Reads an amount as Swedes write it: "1200", "1 200", "1 200,50" (the separator may also be U+00A0 or U+202F),
 * "1200,5", "1200.50", "1 200 kr", "1200:-", "12,00 kr", "0,01". Either "," or "." is the decimal mark, with at most
 * two decimals ("12,345" is refused, not read as twelve thousand). Zero parses (it is a valid amount, if not a valid
 * expense); negative amounts and amounts over 10 000 000 kr are refused.
 */
export function parseAmount(text: string): ParseAmountResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };

  const minus = MINUS.exec(trimmed);
  if (minus) {
    const rest = parseAmount(trimmed.slice(minus[0].length));
    // "-5" is a negative amount; "-abc" is simply not an amount.
    return rest.ok ? { ok: false, reason: 'negative' } : rest;
  }

  const number = trimmed.replace(CURRENCY_SUFFIX, '');

  const parts = number.split(/[,.]/);
  if (parts.length > 2) return { ok: false, reason: 'invalid' };
  const [integerPart = '', decimals] = parts;
  if (!INTEGER_PART.test(integerPart)) return { ok: false, reason: 'invalid' };
  if (decimals !== undefined) {
    if (!/^\d+$/.test(decimals)) return { ok: false, reason: 'invalid' };
    if (decimals.length > 2) return { ok: false, reason: 'tooManyDecimals' };
  }

  // Whole kronor as a digit string without leading zeros; more than nine digits is over the limit whatever they are,
  // and up to nine digits converts to an exact integer.
  const kronorDigits = integerPart.replace(/\D/g, '').replace(/^0+/, '');
  if (kronorDigits.length > 9) return { ok: false, reason: 'tooLarge' };
  const ore = Number(kronorDigits === '' ? '0' : kronorDigits) * 100 + Number((decimals ?? '').padEnd(2, '0'));
  if (ore > MAX_AMOUNT_ORE) return { ok: false, reason: 'tooLarge' };
  return { ok: true, ore };
}

/** The separator between digit groups and before "kr": a no-break space (U+00A0), as Intl.NumberFormat('sv-SE') does. */
export const NBSP = '\u00A0';
/** The typographic minus sign (U+2212) that Swedish formatting puts before negative amounts. */
export const MINUS_SIGN = '\u2212';

function assertOre(ore: Ore, what: string): void {
  if (!Number.isSafeInteger(ore)) throw new RangeError(`${what} must be a whole number of öre, got ${ore}`);
}

/**
 * An amount the Swedish way: "1 200 kr", "1 200,50 kr", "0,05 kr", "−50 kr". Digit groups and the space before "kr"
 * are no-break spaces (U+00A0), so an amount never wraps across lines; the minus is U+2212. Whole kronor are shown
 * without decimals, anything else with exactly two. Throws a RangeError for a non-integer (a bug, not an input).
 */
export function formatSek(ore: Ore): string {
  assertOre(ore, 'amount');
  const sign = ore < 0 ? MINUS_SIGN : '';
  const digits = String(Math.abs(ore)).padStart(3, '0');
  const kronor = digits.slice(0, -2);
  const decimals = digits.slice(-2);
  const grouped = kronor.replace(/\B(?=(\d{3})+$)/g, NBSP);
  return `${sign}${grouped}${decimals === '00' ? '' : `,${decimals}`}${NBSP}kr`;
}

export const EXPENSE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ExpenseStatus = (typeof EXPENSE_STATUSES)[number];

export interface Expense {
  readonly id: string;
  readonly ore: Ore;
  readonly description: string;
  readonly status: ExpenseStatus;
  readonly reportedBy: string;
  readonly reportedAt: string;
  readonly decidedBy?: string;
  readonly decidedAt?: string;
  /** Why it was rejected (required then), or an optional note on an approval. */
  readonly reason?: string;
}

export interface Budget {
  readonly teamId: string;
  readonly allocatedOre: Ore;
  readonly expenses: readonly Expense[];
}

export interface Ledger {
  readonly allocated: Ore;
  readonly approved: Ore;
  readonly pending: Ore;
  readonly rejected: Ore;
  /** allocated − approved − pending: what can still be reported. */
  readonly remaining: Ore;
}

/** A fresh budget with no expenses. Throws a RangeError for a negative or non-integer allocation or an empty team id. */
export function allocate(allocatedOre: Ore, teamId: string): Budget {
  assertOre(allocatedOre, 'allocation');
  if (allocatedOre < 0) throw new RangeError(`allocation must not be negative, got ${allocatedOre}`);
  if (teamId.trim() === '') throw new RangeError('teamId must not be empty');
  return { teamId, allocatedOre, expenses: [] };
}

export function ledger(b: Budget): Ledger {
  let approved = 0;
  let pending = 0;
  let rejected = 0;
  for (const e of b.expenses) {
    if (e.status === 'approved') approved += e.ore;
    else if (e.status === 'pending') pending += e.ore;
    else rejected += e.ore;
  }
  return { allocated: b.allocatedOre, approved, pending, rejected, remaining: b.allocatedOre - approved - pending };
}

export const DESCRIPTION_MIN_LENGTH = 2;
export const DESCRIPTION_MAX_LENGTH = 200;

export interface NewExpense {
  readonly id: string;
  readonly ore: Ore;
  readonly description: string;
  readonly reportedBy: string;
  /** ISO instant. */
  readonly at: string;
}

export type ReportExpenseResult =
  | { readonly ok: true; readonly budget: Budget }
  | { readonly ok: false; readonly code: 'OVERSPEND'; readonly remaining: Ore }
  /** `reason` is for logs, in English; the adapter shows its own sentence. */
  | { readonly ok: false; readonly code: 'INVALID'; readonly reason: string };

/**
 * Reports an expense, pending the HR contact's decision. Refused when the amount is more than what remains (the
 * answer carries the remaining amount to show). Idempotent: reporting an id that is already in the budget returns the
 * budget unchanged (the same object), whatever its state, so a retried message or card never counts twice.
 * The description is stored trimmed; it must be 2–200 characters (code points) after trimming.
 */
export function reportExpense(b: Budget, e: NewExpense): ReportExpenseResult {
  if (b.expenses.some((x) => x.id === e.id)) return { ok: true, budget: b };

  if (e.id.trim() === '') return { ok: false, code: 'INVALID', reason: 'id must not be empty' };
  if (!Number.isSafeInteger(e.ore) || e.ore <= 0) {
    return { ok: false, code: 'INVALID', reason: `amount must be a positive whole number of öre, got ${e.ore}` };
  }
  const description = e.description.trim();
  const length = [...description].length;
  if (length < DESCRIPTION_MIN_LENGTH || length > DESCRIPTION_MAX_LENGTH) {
    return {
      ok: false,
      code: 'INVALID',
      reason: `description must be ${DESCRIPTION_MIN_LENGTH}–${DESCRIPTION_MAX_LENGTH} characters, got ${length}`,
    };
  }
  if (e.reportedBy.trim() === '') return { ok: false, code: 'INVALID', reason: 'reportedBy must not be empty' };
  if (e.at.trim() === '') return { ok: false, code: 'INVALID', reason: 'at must not be empty' };

  const { remaining } = ledger(b);
  if (e.ore > remaining) return { ok: false, code: 'OVERSPEND', remaining };

  const expense: Expense = { id: e.id, ore: e.ore, description, status: 'pending', reportedBy: e.reportedBy, reportedAt: e.at };
  return { ok: true, budget: { ...b, expenses: [...b.expenses, expense] } };
}

export type DecideExpenseResult =
  | { readonly ok: true; readonly budget: Budget }
  | { readonly ok: false; readonly code: 'NOT_FOUND' }
  /** Already decided (a second click on the card); `status` says how. */
  | { readonly ok: false; readonly code: 'NOT_PENDING'; readonly status: Expense['status'] }
  | { readonly ok: false; readonly code: 'INVALID'; readonly reason: string }
  /**
   * Unreachable for budgets built with `allocate` and `reportExpense` (a pending expense is already counted); a guard
   * for stored budgets whose allocation was lowered after expenses were reported.
   */
  | { readonly ok: false; readonly code: 'OVERSPEND'; readonly remaining: Ore };

/**
 * The HR contact's decision on a pending expense. Only a pending expense can be decided; a rejection needs a reason
 * (shown to the participant); an approval may carry an optional note. Approving never lets `approved` exceed
 * `allocated`. A rejected expense frees its amount for new reports.
 */
export function decideExpense(
  b: Budget,
  id: string,
  decision: 'approve' | 'reject',
  by: string,
  at: string,
  reason?: string,
): DecideExpenseResult {
  const index = b.expenses.findIndex((x) => x.id === id);
  const expense = b.expenses[index];
  if (expense === undefined) return { ok: false, code: 'NOT_FOUND' };
  if (expense.status !== 'pending') return { ok: false, code: 'NOT_PENDING', status: expense.status };
  if (by.trim() === '') return { ok: false, code: 'INVALID', reason: 'by must not be empty' };
  if (at.trim() === '') return { ok: false, code: 'INVALID', reason: 'at must not be empty' };
  const note = reason?.trim() ?? '';
  if (decision === 'reject' && note === '') return { ok: false, code: 'INVALID', reason: 'a rejection needs a reason' };

  if (decision === 'approve') {
    const { allocated, approved } = ledger(b);
    if (approved + expense.ore > allocated) return { ok: false, code: 'OVERSPEND', remaining: allocated - approved };
  }

  const decided: Expense = {
    ...expense,
    status: decision === 'approve' ? 'approved' : 'rejected',
    decidedBy: by,
    decidedAt: at,
    ...(note === '' ? {} : { reason: note }),
  };
  const expenses = b.expenses.map((x, i) => (i === index ? decided : x));
  return { ok: true, budget: { ...b, expenses } };
}
