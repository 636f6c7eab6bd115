import { enNumber, svNumber } from './numbers';

/**
 * Plural forms chosen by the language's own rules (Intl.PluralRules), so "1 ansökan" and "2 ansökningar",
 * "0 applications" and "1 application". Both languages have the forms one and other for whole numbers; a
 * count is always a whole number here. Each rule set is made once.
 */
const SV = new Intl.PluralRules('sv-SE');
const EN = new Intl.PluralRules('en-GB');

/** The noun form for `n` in Swedish: `svForm(1, 'ansökan', 'ansökningar')` → 'ansökan'. */
export const svForm = (n: number, one: string, other: string): string => (SV.select(n) === 'one' ? one : other);
/** The noun form for `n` in English. */
export const enForm = (n: number, one: string, other: string): string => (EN.select(n) === 'one' ? one : other);

/** The count and its noun in Swedish: `svCount(10000, 'ansökan', 'ansökningar')` → '10 000 ansökningar'. */
export const svCount = (n: number, one: string, other: string): string => `${svNumber(n)} ${svForm(n, one, other)}`;
/** The count and its noun in English: `enCount(1, 'application', 'applications')` → '1 application'. */
export const enCount = (n: number, one: string, other: string): string => `${enNumber(n)} ${enForm(n, one, other)}`;
