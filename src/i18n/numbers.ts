/** Whole numbers as each language writes them (sv: 10 000, en: 10,000), each formatter made once. */
const sv = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const en = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

export const svNumber = (n: number): string => sv.format(n);
export const enNumber = (n: number): string => en.format(n);

/** A weight or a count of days: at most one decimal, none when whole (sv: 1,5; en: 1.5). */
const svOne = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });
const enOne = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
export const svOneDecimal = (n: number): string => svOne.format(n);
export const enOneDecimal = (n: number): string => enOne.format(n);
