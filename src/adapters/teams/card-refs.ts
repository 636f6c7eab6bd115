import { z } from 'zod';
import { LIMITS } from '../../domain/application';
import { APPLICATION_ID, COHORT_ID, EXPENSE_ID, PERSON_ID } from '../../domain/ids';
import type { Messages } from '../../i18n';
import { noticeCard } from '../cards/application.cards';
import type { ActionOutcome } from './turn';

/**
 * The ids card data carries, each held to its shape (domain/ids.ts) before anything is looked up. Card data
 * is untrusted: an id without its shape cannot exist and never reaches the store.
 */
export const ApplicationId = z.string().regex(APPLICATION_ID);
export const CohortId = z.string().regex(COHORT_ID);
export const PersonId = z.string().regex(PERSON_ID);
export const ExpenseId = z.string().regex(EXPENSE_ID);

/** An e-mail address typed in a command (`jury lägg till …`), checked before the directory is asked. */
export function isEmail(value: string): boolean {
  return value.length <= LIMITS.email.max && z.email().safeParse(value).success;
}

/** `lägg till|ta bort <e-post>` (also `add|remove`), as the jury and coordinator commands take it; null when it is not that. */
export function addOrRemove(args: string): { add: boolean; email: string } | null {
  const match = /^(lägg till|lagg till|add|ta bort|remove)\s+(\S+@\S+)$/i.exec(args.trim());
  return match ? { add: /^(lägg|lagg|add)/i.test(match[1] ?? ''), email: match[2] ?? '' } : null;
}

/** Which application a button is about. */
export const ApplicationRef = z.object({ applicationId: ApplicationId, cohortId: CohortId });
export type ApplicationRef = z.output<typeof ApplicationRef>;

/** A button naming one expense of a team (on `deltagare`). */
export const ExpenseRef = ApplicationRef.extend({ expenseId: ExpenseId });
export type ExpenseRef = z.output<typeof ExpenseRef>;

/**
 * A button naming a cohort: on `kohorter`, and on the jury's confirmation cards (the confirm acts on the cohort the
 * card was shown for, not on whatever is current later).
 */
export const CohortRef = z.object({ cohortId: CohortId });
export type CohortRef = z.output<typeof CohortRef>;

/**
 * A page a list card asks for: its number, and the application id it goes on after. Untrusted: a page or an id
 * that does not hold is the first page.
 */
export const PageData = z.looseObject({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  after: ApplicationId.optional().catch(undefined),
});
export type PageData = z.output<typeof PageData>;

/**
 * The answer to card data that did not parse. When only ids were malformed, the answer is the one an unknown
 * id gets ("not found"); a payload of the wrong shape is a button that no longer works.
 */
export function refused(error: z.ZodError, m: Messages): ActionOutcome {
  const onlyIds = error.issues.length > 0 && error.issues.every((issue) => issue.code === 'invalid_format');
  return onlyIds ? { send: [], card: noticeCard(m.errors.NOT_FOUND) } : { send: [{ text: m.unknownAction }] };
}
