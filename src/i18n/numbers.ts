/** Whole numbers as each language writes them (sv: 10 000, en: 10,000), each formatter made once. */
const sv = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const en = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

export const svNumber = (n: number): string => sv.format(n);
export const enNumber = (n: number): string => en.format(n);
