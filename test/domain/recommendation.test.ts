import type { Cohort } from '../../src/domain/cohort';
import { declined, mayRecommend, newRecommendation, reasonOf, recommendationCohort, REASON_MAX } from '../../src/domain/recommendation';

const day = 86400_000;
const now = new Date('2026-03-15T12:00:00Z');
const at = (days: number) => new Date(now.getTime() + days * day).toISOString();
const cohort = (id: string, opens: number, closes: number, extra: Partial<Cohort> = {}): Cohort => ({
  id,
  name: id,
  intakeOpensAt: at(opens),
  intakeClosesAt: at(closes),
  programmeStartsOn: at(closes + 30).slice(0, 10),
  capacity: 12,
  budgetPerParticipantOre: 0,
  jurorIds: [],
  mentorIds: [],
  sponsorIds: [],
  ...extra,
});

describe('whom a manager may recommend: decided from the directory', () => {
  it.each([
    ['a direct report', { id: 'p', managerId: 'm' }, { ok: true, value: true }],
    ['someone else’s report', { id: 'p', managerId: 'other' }, { ok: false, error: 'notYourReport' }],
    ['someone without a manager in the directory', { id: 'p' }, { ok: false, error: 'notYourReport' }],
    ['nobody (no such address)', null, { ok: false, error: 'notYourReport' }],
    ['the manager themself', { id: 'm', managerId: 'm' }, { ok: false, error: 'self' }],
  ] as const)('%s', (_name, person, expected) => {
    expect(mayRecommend('m', person)).toEqual(expected);
  });
});

describe('the reason: a few words, capped, white space made single in one pass', () => {
  it.each([
    ['a sentence', 'Hon har en bra idé.', { ok: true, value: 'Hon har en bra idé.' }],
    ['spaces and new lines', '  Hon   har\n\nen idé  ', { ok: true, value: 'Hon har en idé' }],
    ['empty', '', { ok: false, error: 'reasonMissing' }],
    ['too short', ' ok ', { ok: false, error: 'reasonMissing' }],
    ['exactly the limit', 'å'.repeat(REASON_MAX), { ok: true, value: 'å'.repeat(REASON_MAX) }],
    ['one over the limit', 'å'.repeat(REASON_MAX + 1), { ok: false, error: 'reasonTooLong' }],
    ['huge (refused before any work)', ' '.repeat(100_000) + 'a', { ok: false, error: 'reasonTooLong' }],
  ] as const)('%s', (_name, raw, expected) => {
    expect(reasonOf(raw)).toEqual(expected);
  });
});

describe('which cohort a recommendation is for: the open intake, else the next to open', () => {
  it.each([
    ['intake open', [cohort('open', -5, 10)], 'open'],
    ['two open: the one closing first', [cohort('later', -5, 20), cohort('sooner', -5, 10)], 'sooner'],
    ['none open, one opening later', [cohort('past', -60, -30), cohort('next', 10, 40)], 'next'],
    ['open beats one opening later', [cohort('next', 10, 40), cohort('open', -5, 10)], 'open'],
    ['two opening later: the sooner', [cohort('b', 20, 40), cohort('a', 10, 40)], 'a'],
    ['only closed ones', [cohort('past', -60, -30)], undefined],
    ['closed by hand before its deadline', [cohort('closed', -5, 10, { intakeClosedAt: at(-1) })], undefined],
    ['at the closing instant', [cohort('edge', -5, 0)], undefined],
    ['no cohorts', [], undefined],
  ] as const)('%s', (_name, cohorts, expected) => {
    expect(recommendationCohort(cohorts, now)?.id).toBe(expected);
  });
});

describe('declining', () => {
  const open = newRecommendation({ cohortId: 'c', personId: 'p', personName: 'P', recommenderId: 'm', recommenderName: 'M', reason: 'Bra idé.', at: at(0) });
  it.each([
    ['an open recommendation is declined once', open, true, 'declined'],
    ['a declined one stays as it was', { ...open, status: 'declined' as const, declinedAt: at(-1) }, false, 'declined'],
  ])('%s', (_name, r, changed, status) => {
    const d = declined(r, at(1));
    expect(d.changed).toBe(changed);
    expect(d.recommendation.status).toBe(status);
    expect(d.recommendation.declinedAt).toBe(changed ? at(1) : r.declinedAt);
  });
});
