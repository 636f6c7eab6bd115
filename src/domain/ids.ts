/**
 * The shapes of the ids the programme hands out, checked wherever an id comes from outside (card data,
 * command arguments) before anything is looked up: an id that does not have its shape cannot exist, and is
 * answered like any unknown id ("not found") instead of reaching the store.
 */

/** Applications: "A-" and the short id (app.ts `shortId`, Crockford base32; older and test ids use A–Z, 0–9). */
export const APPLICATION_ID = /^A-[0-9A-Z]{1,32}$/;

/** Cohorts: the slug made from the cohort's name (cohortIdFor). */
export const COHORT_ID = /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/;

/** A cohort's id from its name: lower case, no diacritics, dashes; '' for a name with no letters or digits. */
export function cohortIdFor(name: string): string {
  return name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').slice(0, 60).replace(/^-+|-+$/g, '');
}

/** An Entra ID object id, as Teams sends it for the person behind an activity. */
export const ENTRA_OBJECT_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** People: the Entra ID object id (a GUID); other directories use letters, digits, `.`, `_` and `-`. */
export const PERSON_ID = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,63})$/;

/** Expenses: "U-" and the short id. */
export const EXPENSE_ID = /^U-[0-9A-Z]{1,32}$/;
/** An announcement campaign (kungörelse). */
export const CAMPAIGN_ID = /^K-[0-9A-Z]{1,32}$/;

const has = (format: RegExp) => (value: unknown): value is string => typeof value === 'string' && format.test(value);

export const isApplicationId = has(APPLICATION_ID);
export const isCohortId = has(COHORT_ID);
export const isPersonId = has(PERSON_ID);
export const isExpenseId = has(EXPENSE_ID);
export const isCampaignId = has(CAMPAIGN_ID);

/**
 * An application id as a person types it (`visa a-7k3qx2`): trimmed and upper-cased, or null when it cannot
 * be one.
 */
export function applicationIdFrom(typed: string): string | null {
  const id = typed.trim().toUpperCase();
  return isApplicationId(id) ? id : null;
}

// A high surrogate not followed by a low one, or a low one without a high one before it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Characters Cosmos DB refuses in an id or that break the resource path (`/`, `\`, `#`, `?`), and white space
// and control characters, which it stores but answers wrongly in URLs and headers.
const UNSTORABLE = /[/\\#?\s\p{Cc}]/u;

/**
 * Whether a string can be a document id or partition key value at all. The store adapters check this before
 * every read, so a value that cannot exist is "none" without a round trip (and without the 4xx/5xx the
 * store would answer).
 */
export function isStorableId(value: string): boolean {
  return value.length > 0 && value.length <= 255 && !UNSTORABLE.test(value) && !LONE_SURROGATE.test(value);
}
