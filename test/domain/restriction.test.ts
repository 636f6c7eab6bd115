import type { ProgrammeSettings } from '../../src/domain/person';
import { RESTRICTION_REASON_MAX, RESTRICTIONS_MAX, restrictedIdsOf, withoutRestriction, withRestriction, type Restriction } from '../../src/domain/restriction';

const base: ProgrammeSettings = { coordinatorIds: ['c'], hrContactIds: {}, steeringGroupIds: [] };
const of = (personId: string, reason = 'Invändning prövas'): Restriction => ({ personId, reason, by: 'c', at: '2026-12-01T10:00:00.000Z' });
const many = (n: number): ProgrammeSettings => ({ ...base, restrictions: Array.from({ length: n }, (_, i) => of(`p-${i}`)) });

describe('restriction of processing (GDPR art. 18)', () => {
  it.each<[string, ProgrammeSettings, Restriction, readonly string[] | 'reason' | 'full']>([
    ['a first one', base, of('anna'), ['anna']],
    ['the reason trimmed and required', base, of('anna', '   '), 'reason'],
    ['a reason at the limit', base, of('anna', 'x'.repeat(RESTRICTION_REASON_MAX)), ['anna']],
    ['a reason over it', base, of('anna', 'x'.repeat(RESTRICTION_REASON_MAX + 1)), 'reason'],
    ['the same person again replaces the reason', { ...base, restrictions: [of('anna', 'Gammalt skäl')] }, of('anna', 'Nytt skäl'), ['anna']],
    ['one below the cap', many(RESTRICTIONS_MAX - 1), of('anna'), [...restrictedIdsOf(many(RESTRICTIONS_MAX - 1)), 'anna']],
    ['at the cap a new person is refused', many(RESTRICTIONS_MAX), of('anna'), 'full'],
    ['at the cap a restricted person can still get a new reason', many(RESTRICTIONS_MAX), of('p-3', 'Nytt skäl'), [...restrictedIdsOf(many(RESTRICTIONS_MAX)).filter((id) => id !== 'p-3'), 'p-3']],
  ])('%s', (_name, settings, restriction, expected) => {
    const next = withRestriction(settings, restriction);
    expect(typeof next === 'string' ? next : restrictedIdsOf(next)).toEqual(expected);
    if (typeof next !== 'string') expect(next.restrictions?.find((r) => r.personId === restriction.personId)?.reason).toBe(restriction.reason.trim());
  });

  it('lifting removes only that person, and the field when none is left', () => {
    const two = { ...base, restrictions: [of('anna'), of('bo')] };
    expect(restrictedIdsOf(withoutRestriction(two, 'anna'))).toEqual(['bo']);
    expect(withoutRestriction(withoutRestriction(two, 'anna'), 'bo')).toEqual(base);
    expect(withoutRestriction(base, 'anna')).toEqual(base);
  });
});
