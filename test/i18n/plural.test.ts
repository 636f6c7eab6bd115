import { enCount, enForm, svCount, svForm } from '../../src/i18n/plural';

describe('plural forms by the language rules', () => {
  it.each([
    [0, '0 ansökningar', '0 applications'],
    [1, '1 ansökan', '1 application'],
    [2, '2 ansökningar', '2 applications'],
    [21, '21 ansökningar', '21 applications'],
    [10_000, '10\u00a0000 ansökningar', '10,000 applications'],
  ])('%i', (n, sv, en) => {
    expect(svCount(n, 'ansökan', 'ansökningar')).toBe(sv);
    expect(enCount(n, 'application', 'applications')).toBe(en);
    expect(svForm(n, 'bedömning', 'bedömningar')).toBe(n === 1 ? 'bedömning' : 'bedömningar');
    expect(enForm(n, 'score', 'scores')).toBe(n === 1 ? 'score' : 'scores');
  });
});
