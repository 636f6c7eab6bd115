import { tabEn } from '../../src/i18n/tab.en';
import { tabSv } from '../../src/i18n/tab.sv';

/** Every key of a catalog, depth first, with whether it is a text or a function of it. */
const shape = (node: unknown, path = ''): string[] =>
  node && typeof node === 'object' ? Object.entries(node).flatMap(([k, v]) => shape(v, `${path}.${k}`)) : [`${path}:${typeof node}`];

describe("the tab's texts (src/i18n/tab.*.ts)", () => {
  it('are the same in English as in Swedish, key for key', () => {
    expect(shape(tabEn)).toEqual(shape(tabSv));
  });

  it('count jurors\' progress with the right plural in both languages', () => {
    expect(tabSv.reviews.progress(3, 12)).toBe('Du har bedömt 3 av 12 ansökningar.');
    expect(tabSv.reviews.progress(0, 1)).toBe('Du har bedömt 0 av 1 ansökan.');
    expect(tabSv.reviews.progress(1200, 10000)).toBe('Du har bedömt 1\u00a0200 av 10\u00a0000 ansökningar.');
    expect(tabEn.reviews.progress(0, 1)).toBe('You have scored 0 of 1 application.');
    expect(tabEn.reviews.progress(3, 12)).toBe('You have scored 3 of 12 applications.');
  });

  it('tell moments in Swedish local time on both sides of the clock change', () => {
    expect(tabSv.at('2026-12-02T18:05:00Z')).toBe('2 december 2026 kl. 19:05');
    expect(tabSv.at('2026-07-01T18:05:00Z')).toBe('1 juli 2026 kl. 20:05');
    expect(tabEn.at('2026-12-02T18:05:00Z')).toBe('2 December 2026 at 19:05');
  });

  it('word every state for the tab without chat markup', () => {
    for (const text of Object.values(tabSv.application.next)) expect(text).not.toMatch(/\*\*/);
    for (const text of Object.values(tabEn.application.next)) expect(text).not.toMatch(/\*\*/);
  });
});
