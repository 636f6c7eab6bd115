import { swedishDate } from '../../src/domain/dates';
import { messages } from '../../src/i18n';
import { seeded } from '../helpers/seeded';

/** Instants from 2000 to 2060, seeded: every month, both sides of the CET/CEST changes, near midnight. */
const instants = (seed: number, count: number): Date[] => {
  const rnd = seeded(seed);
  const from = Date.UTC(2000, 0, 1);
  const to = Date.UTC(2060, 0, 1);
  return Array.from({ length: count }, () => new Date(from + Math.floor(rnd() * (to - from))));
};

/**
 * The catalogs' `date` and the domain's `swedishDate` each keep one formatter for the module instead of making
 * one per call (a formatter costs far more to make than to use); the answers are the same as a fresh one's.
 */
describe('dates in the catalogs', () => {
  it.each([
    ['sv', '2026-04-01', '1 april 2026'],
    ['en', '2026-04-01', '1 April 2026'],
    ['sv', '2026-12-24', '24 december 2026'],
    ['en', '2026-12-24', '24 December 2026'],
    // The Swedish calendar: 23:30 UTC on 31 March is already 1 April in Stockholm (CEST, UTC+2).
    ['sv', '2026-03-31T23:30:00Z', '1 april 2026'],
    ['en', '2026-03-31T23:30:00Z', '1 April 2026'],
  ] as const)('%s: %s is %s', (locale, iso, expected) => {
    expect(messages(locale).date(iso)).toBe(expected);
  });

  it.each([
    ['sv', 'sv-SE'],
    ['en', 'en-GB'],
  ] as const)('%s: the same as a formatter made for the call, on 500 seeded instants', (locale, tag) => {
    const fresh = (iso: string) => new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Stockholm' }).format(new Date(iso));
    const isos = instants(locale === 'sv' ? 1 : 2, 500).flatMap((d) => [d.toISOString(), d.toISOString().slice(0, 10)]);
    expect(isos.map((iso) => messages(locale).date(iso))).toEqual(isos.map(fresh));
  });
});

describe('swedishDate', () => {
  it('is the same as a formatter made for the call, on 500 seeded instants', () => {
    const fresh = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
    const all = instants(3, 500);
    expect(all.map(swedishDate)).toEqual(all.map(fresh));
  });
});
