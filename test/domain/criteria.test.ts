import { CRITERIA_LIMITS, validateCriteria, withCriteria, type CriteriaProblem, type CriterionInput } from '../../src/domain/criteria';
import { DEFAULT_CRITERIA, weightedMean } from '../../src/domain/scoring';
import type { Cohort } from '../../src/domain/cohort';

/** Issue 15, must-show 5: the rules of a cohort's selection criteria as coordinators edit them, as a table. */

const guide = { 1: 'Liten nytta.', 3: 'Tydlig nytta för en del.', 5: 'Stor nytta för många.' };
const c = (name: string, weight: number, extra: Partial<CriterionInput> = {}): CriterionInput => ({ name, weight, ...extra });

describe('the criteria a coordinator may save', () => {
  it.each<[string, CriterionInput[], CriteriaProblem[]]>([
    ['none at all', [], [{ code: 'none' }]],
    ['more than the card can hold', Array.from({ length: CRITERIA_LIMITS.count + 1 }, (_, i) => c(`Kriterium ${i}`, 1)), [{ code: 'tooMany', max: CRITERIA_LIMITS.count }]],
    ['a weight of zero', [c('Nytta', 0)], [{ code: 'weight', index: 0, reason: 'notPositive' }]],
    ['a negative weight', [c('Nytta', 1), c('Djärvhet', -2)], [{ code: 'weight', index: 1, reason: 'notPositive' }]],
    ['a weight that is not a number', [c('Nytta', Number.NaN)], [{ code: 'weight', index: 0, reason: 'notPositive' }]],
    ['a weight above the maximum', [c('Nytta', CRITERIA_LIMITS.maxWeight + 0.5)], [{ code: 'weight', index: 0, reason: 'tooLarge' }]],
    ['a weight between half steps', [c('Nytta', 1.25)], [{ code: 'weight', index: 0, reason: 'notHalfStep' }]],
    ['a name of spaces only', [c('   ', 1)], [{ code: 'name', index: 0, reason: 'required' }]],
    ['a name too long', [c('x'.repeat(CRITERIA_LIMITS.name + 1), 1)], [{ code: 'name', index: 0, reason: 'tooLong' }]],
    ['the same name twice, case and spaces aside', [c('Nytta för invånare', 1), c(' nytta  FÖR invånare ', 2)], [{ code: 'name', index: 1, reason: 'duplicate' }]],
    ['what 1 means but not 3 and 5', [c('Nytta', 1, { guide: { 1: 'Liten.', 3: '', 5: ' ' } })], [{ code: 'guide', index: 0, reason: 'partial' }]],
    ['a guide text too long', [c('Nytta', 1, { guide: { ...guide, 5: 'x'.repeat(CRITERIA_LIMITS.guide + 1) } })], [{ code: 'guide', index: 0, reason: 'tooLong' }]],
    ['an id the cohort does not have', [c('Nytta', 1, { id: 'invented' })], [{ code: 'unknownId', index: 0 }]],
    ['a new criterion without a name', [{ weight: 1 }], [{ code: 'name', index: 0, reason: 'required' }]],
    ['several problems at once, each named', [c('', 0), c('Djärvhet', 1.3)], [{ code: 'name', index: 0, reason: 'required' }, { code: 'weight', index: 0, reason: 'notPositive' }, { code: 'weight', index: 1, reason: 'notHalfStep' }]],
  ])('refuses %s', (_name, input, problems) => {
    const result = validateCriteria(input, DEFAULT_CRITERIA);
    expect(result).toEqual({ ok: false, error: problems });
  });

  it.each<[string, CriterionInput[], { id: string; name?: string; weight: number; guide?: typeof guide }[]]>([
    ['one criterion is enough', [c('Nytta för invånarna', 1)], [{ id: 'nytta-for-invanarna', name: 'Nytta för invånarna', weight: 1 }]],
    ['half steps up to the maximum, names tidied', [c('  Djärvhet ', 0.5), c('Genomförbar', CRITERIA_LIMITS.maxWeight)], [{ id: 'djarvhet', name: 'Djärvhet', weight: 0.5 }, { id: 'genomforbar', name: 'Genomförbar', weight: 10 }]],
    ['the programme\'s own ids kept, new ones made unique', [c('Nytta', 2, { id: 'benefit', guide }), c('Benefit', 1)], [{ id: 'benefit', name: 'Nytta', weight: 2, guide }, { id: 'benefit-2', name: 'Benefit', weight: 1 }]],
    ['an empty guide is no guide', [c('Nytta', 1, { guide: { 1: '', 3: '', 5: '' } })], [{ id: 'nytta', name: 'Nytta', weight: 1 }]],
    ['a name of signs only still gets an id', [c('???', 1)], [{ id: 'kriterium', name: '???', weight: 1 }]],
    ['one of the programme\'s own without a name: the catalogue names it in each language', [{ id: 'boldness', weight: 2 }, c('Djärvhet', 1)], [{ id: 'boldness', weight: 2 }, { id: 'djarvhet', name: 'Djärvhet', weight: 1 }]],
  ])('accepts %s', (_name, input, saved) => {
    expect(validateCriteria(input, DEFAULT_CRITERIA)).toEqual({ ok: true, value: saved });
  });

  it('weighs the scores by the weights saved: twice the weight counts twice', () => {
    const saved = validateCriteria([c('Nytta', 2), c('Djärvhet', 1)], DEFAULT_CRITERIA);
    if (!saved.ok) throw new Error('refused');
    expect(weightedMean({ nytta: 5, djarvhet: 2 }, saved.value)).toBe(4);
  });

  it('are saved on the cohort until the jury round opens, then locked whatever is sent', () => {
    const cohort = { id: 'k' } as unknown as Cohort;
    expect(withCriteria(cohort, [c('Nytta', 2)])).toEqual({ ok: true, value: { id: 'k', criteria: [{ id: 'nytta', name: 'Nytta', weight: 2 }] } });
    expect(withCriteria(cohort, [c('Nytta', 0)])).toEqual({ ok: false, error: { code: 'INVALID_CRITERIA', problems: [{ code: 'weight', index: 0, reason: 'notPositive' }] } });
    for (const juryRound of ['open', 'locked'] as const) {
      expect(withCriteria({ ...cohort, juryRound }, [c('Nytta', 2)])).toEqual({ ok: false, error: { code: 'CRITERIA_LOCKED' } });
      expect(withCriteria({ ...cohort, juryRound }, [])).toEqual({ ok: false, error: { code: 'CRITERIA_LOCKED' } });
    }
  });
});
