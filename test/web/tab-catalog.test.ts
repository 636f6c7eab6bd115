import { tabEn } from '../../src/i18n/tab.en';
import { tabSv } from '../../src/i18n/tab.sv';
import { coordinatorEn } from '../../src/i18n/coordinator.en';
import { coordinatorSv } from '../../src/i18n/coordinator.sv';

/** Every key of a catalog, depth first, with whether it is a text or a function of it. */
const shape = (node: unknown, path = ''): string[] =>
  node && typeof node === 'object' ? Object.entries(node).flatMap(([k, v]) => shape(v, `${path}.${k}`)) : [`${path}:${typeof node}`];

describe("the tab's texts (src/i18n/tab.*.ts)", () => {
  it('are the same in English as in Swedish, key for key', () => {
    expect(shape(tabEn)).toEqual(shape(tabSv));
    expect(shape(coordinatorEn)).toEqual(shape(coordinatorSv));
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

  it("count the coordinators' figures with the right plural and Swedish numbers", () => {
    expect(coordinatorSv.coordinator.applications(1)).toBe('1 ansökan');
    expect(coordinatorSv.coordinator.applications(312)).toBe('312 ansökningar');
    expect(coordinatorSv.applications.found(0)).toBe('Inga ansökningar matchar.');
    expect(coordinatorSv.applications.found(1200)).toBe('1\u00a0200 ansökningar');
    expect(coordinatorEn.applications.found(1)).toBe('1 application');
    expect(coordinatorSv.coordinator.days(1)).toBe('1 dag');
    expect(coordinatorSv.coordinator.days(4.5)).toBe('4,5 dagar');
    expect(coordinatorSv.coordinator.days(0)).toBe('0 dagar');
    expect(coordinatorSv.coordinator.days(null)).toBe('–');
    expect(coordinatorEn.coordinator.days(1)).toBe('1 day');
    expect(coordinatorEn.coordinator.days(4.5)).toBe('4.5 days');
    expect(coordinatorSv.coordinator.decimal(3.456)).toBe('3,46');
    expect(coordinatorSv.overview.reminded(1)).toBe('Klart! 1 person har fått en påminnelse i Teams.');
    expect(coordinatorSv.overview.reminded(3)).toBe('Klart! 3 personer har fått en påminnelse i Teams.');
    expect(coordinatorEn.overview.reminded(1)).toBe('Done! 1 person has been reminded in Teams.');
    expect(coordinatorEn.overview.reminded(2)).toBe('Done! 2 people have been reminded in Teams.');
    expect(coordinatorSv.jury.reminded(1)).toBe('Klart! 1 jurymedlem har fått en påminnelse i Teams.');
    expect(coordinatorSv.overview.waitingCount(1)).toBe('1 beslut');
    expect(coordinatorSv.applications.teamSize(1)).toBe('Ensam');
    expect(coordinatorSv.applications.teamSize(3)).toBe('3 personer');
    expect(coordinatorSv.ranking.told.selected(1)).toBe('1 antagen');
    expect(coordinatorSv.ranking.told.selected(2)).toBe('2 antagna');
    expect(coordinatorSv.ranking.told.notSelected(1)).toBe('1 inte antagen');
    expect(coordinatorSv.ranking.told.notSelected(4)).toBe('4 inte antagna');
    expect(coordinatorSv.criteria.weightValue(1.5)).toBe('Vikt 1,5');
    expect(coordinatorSv.ranking.weighted('Djärvhet', 0.5)).toBe('Djärvhet (vikt 0,5)');
  });

  it('say a shared place the Swedish way, ordinals and all', () => {
    expect([1, 2, 3, 11, 12, 21, 22, 23].map(coordinatorSv.ranking.shared)).toEqual(['delad 1:a plats', 'delad 2:a plats', 'delad 3:e plats', 'delad 11:e plats', 'delad 12:e plats', 'delad 21:a plats', 'delad 22:a plats', 'delad 23:e plats']);
    expect([1, 2, 3, 11, 12, 13, 21, 22].map(coordinatorEn.ranking.shared)).toEqual(['shared 1st place', 'shared 2nd place', 'shared 3rd place', 'shared 11th place', 'shared 12th place', 'shared 13th place', 'shared 21st place', 'shared 22nd place']);
  });
});
