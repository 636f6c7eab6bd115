import type { Application } from '../../src/domain/application';
import { APPLICATION_STATES } from '../../src/domain/application.state-machine';
import { MUNICIPALITIES } from '../../src/domain/municipalities';
import {
  countChanges,
  countIn,
  countMatching,
  countsByMunicipality,
  recount,
  reviewsLeft,
  scoreMark,
  spreadOf,
  withoutZeros,
  withRecusal,
  withVerdict,
  type CohortCounts,
  type CountChange,
} from '../../src/domain/tally';
import { anApplication } from '../builders/application.builder';
import { seeded } from '../helpers/seeded';

const about = (municipality: (typeof MUNICIPALITIES)[number]) => ({ municipality, administration: 'x', workplace: 'y', managerId: 'm', managerFromDirectory: true, permanentEmployment: true, employmentStart: '2019-01-01' });

describe('the jury summary', () => {
  it.each<[string, () => ReturnType<typeof withVerdict>, { verdicts: Record<string, number>; recused: string[]; count: number; mean: number }]>([
    ['a first verdict', () => withVerdict(undefined, 'j1', 4, 'a'), { verdicts: { j1: 4 }, recused: [], count: 1, mean: 4 }],
    ['a revision replaces it', () => withVerdict(withVerdict(undefined, 'j1', 4, 'a'), 'j1', 2, 'b'), { verdicts: { j1: 2 }, recused: [], count: 1, mean: 2 }],
    ['the mean over those who scored, 3 decimals', () => withVerdict(withVerdict(withVerdict(undefined, 'j1', 4, 'a'), 'j2', 3, 'b'), 'j3', 3, 'c'), { verdicts: { j1: 4, j2: 3, j3: 3 }, recused: [], count: 3, mean: 3.333 }],
    ['a recusal does not lower it', () => withRecusal(withVerdict(undefined, 'j1', 4, 'a'), 'j2'), { verdicts: { j1: 4 }, recused: ['j2'], count: 1, mean: 4 }],
    ['a recusal after a score takes the verdict back', () => withRecusal(withVerdict(withVerdict(undefined, 'j1', 4, 'a'), 'j2', 1, 'b'), 'j2'), { verdicts: { j1: 4 }, recused: ['j2'], count: 1, mean: 4 }],
    ['a recusal twice is one', () => withRecusal(withRecusal(undefined, 'j2'), 'j2'), { verdicts: {}, recused: ['j2'], count: 0, mean: 0 }],
  ])('%s', (_name, make, expected) => {
    expect(make()).toMatchObject(expected);
  });

  it('keeps a fingerprint per juror that tells an unchanged score from a changed one', () => {
    const mark = scoreMark({ b: 2, a: 5 }, 'Bra idé');
    expect(scoreMark({ a: 5, b: 2 }, 'Bra idé')).toBe(mark); // the order of the values does not matter
    expect([scoreMark({ a: 5, b: 3 }, 'Bra idé'), scoreMark({ a: 5, b: 2 }, 'Bra idé!'), scoreMark({ a: 5, b: 2 }, ''), scoreMark({ a: 5, b: 2 }, 'Bra ide')]).not.toContain(mark);
    expect(withVerdict(undefined, 'j1', 3.5, mark).marks).toEqual({ j1: mark });
    expect(withRecusal(withVerdict(undefined, 'j1', 3.5, mark), 'j1').marks).toEqual({});
  });

  it('spreads the raw verdicts', () => {
    expect(spreadOf(withVerdict(undefined, 'j1', 4, 'a'))).toBeNull();
    expect(spreadOf(withVerdict(withVerdict(undefined, 'j1', 4.5, 'a'), 'j2', 1.25, 'b'))).toBe(3.25);
  });
});

describe('the cohort counters', () => {
  const draft = anApplication({ id: 'A-1' });
  const inBjuv = { ...draft, about: about('Bjuv'), state: 'awaitingManager' as const };
  const reviewed = { ...inBjuv, state: 'inReview' as const, jury: withRecusal(withVerdict(undefined, 'j1', 4, 'a'), 'j2') };

  it.each<[string, Application | null, Application, CountChange[]]>([
    ['a new draft counts under no municipality', null, draft, [{ counter: 'byState', key: '-|draft', by: 1 }]],
    ['a change of content moves nothing', draft, { ...draft, step: 'benefit' }, []],
    ['a municipality chosen moves the draft', draft, { ...draft, about: about('Bjuv') }, [{ counter: 'byState', key: '-|draft', by: -1 }, { counter: 'byState', key: 'Bjuv|draft', by: 1 }]],
    ['a state change moves one count', { ...draft, about: about('Bjuv') }, inBjuv, [{ counter: 'byState', key: 'Bjuv|draft', by: -1 }, { counter: 'byState', key: 'Bjuv|awaitingManager', by: 1 }]],
    ['a score in review counts for its juror', { ...reviewed, jury: undefined }, { ...reviewed, jury: withVerdict(undefined, 'j1', 4, 'a') }, [{ counter: 'reviewed', key: 'j1', by: 1 }]],
    ['a revision counts nothing new', reviewed, { ...reviewed, jury: withVerdict(reviewed.jury, 'j1', 2, 'b') }, []],
    ['a score turned into a recusal counts nothing new', reviewed, { ...reviewed, jury: withRecusal(reviewed.jury, 'j1') }, []],
    [
      'defect 6: a selection decision keeps what each juror did (the round goes on until it is locked)',
      reviewed,
      { ...reviewed, state: 'selected' },
      [
        { counter: 'byState', key: 'Bjuv|inReview', by: -1 },
        { counter: 'byState', key: 'Bjuv|selected', by: 1 },
      ],
    ],
    [
      'leaving the round (phase 1 starts) takes back what each juror did',
      { ...reviewed, state: 'selected' },
      { ...reviewed, state: 'phase1' },
      [
        { counter: 'byState', key: 'Bjuv|selected', by: -1 },
        { counter: 'byState', key: 'Bjuv|phase1', by: 1 },
        { counter: 'reviewed', key: 'j1', by: -1 },
        { counter: 'reviewed', key: 'j2', by: -1 },
      ],
    ],
    ['a recommended application counts in its own counter too', null, { ...inBjuv, recommendedBy: { id: 'm', name: 'M' } }, [{ counter: 'byState', key: 'Bjuv|awaitingManager', by: 1 }, { counter: 'recommended', key: 'Bjuv|awaitingManager', by: 1 }]],
    [
      'and moves there with its state',
      { ...inBjuv, recommendedBy: { id: 'm', name: 'M' } },
      { ...inBjuv, state: 'approved', recommendedBy: { id: 'm', name: 'M' } },
      [
        { counter: 'byState', key: 'Bjuv|awaitingManager', by: -1 },
        { counter: 'byState', key: 'Bjuv|approved', by: 1 },
        { counter: 'recommended', key: 'Bjuv|awaitingManager', by: -1 },
        { counter: 'recommended', key: 'Bjuv|approved', by: 1 },
      ],
    ],
  ])('%s', (_name, before, after, expected) => {
    expect(countChanges(before, after)).toEqual(expected);
  });

  it('reads the figures the lists need from the counters', () => {
    const counts: CohortCounts = { byState: { 'Bjuv|inReview': 3, 'Båstad|inReview': 2, 'Bjuv|selected': 1, '-|draft': 4, 'Bjuv|draft': 0 }, reviewed: { j1: 5, j2: 1 }, recommended: { 'Bjuv|inReview': 2, '-|draft': 1 } };
    expect(countIn(counts, ['inReview'])).toBe(5);
    expect(countIn(counts, ['inReview', 'selected'])).toBe(6);
    expect(countMatching(counts, { states: ['inReview', 'selected'] }, 'recommended')).toBe(2);
    expect(countMatching(counts, {}, 'recommended')).toBe(3);
    // Defect 6: the decided application still counts as one a juror has left until they score it.
    expect([reviewsLeft(counts, 'j1'), reviewsLeft(counts, 'j2'), reviewsLeft(counts, 'j9')]).toEqual([1, 5, 6]);
    expect(Object.fromEntries(countsByMunicipality(counts))).toEqual({ Bjuv: { inReview: 3, selected: 1 }, Båstad: { inReview: 2 }, '-': { draft: 4 } });
  });

  it('summed over any history of changes, the moves are exactly a recount of the applications (seeded random histories)', () => {
    const random = seeded(12);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    for (let round = 0; round < 50; round++) {
      const stored = new Map<string, Application>();
      const kept: Record<keyof CohortCounts, Record<string, number>> = { byState: {}, reviewed: {}, recommended: {} };
      for (let step = 0; step < 200; step++) {
        const id = `A-${Math.floor(random() * 20)}`;
        const before = stored.get(id) ?? null;
        const base = before ?? anApplication({ id, ...(random() < 0.3 ? { recommendedBy: { id: 'm', name: 'M' } } : {}) });
        const roll = random();
        const after: Application =
          roll < 0.3
            ? { ...base, state: pick(APPLICATION_STATES) }
            : roll < 0.45
              ? { ...base, about: about(pick(MUNICIPALITIES)) }
              : roll < 0.8
                ? { ...base, jury: withVerdict(base.jury, pick(['j1', 'j2', 'j3', 'j4']), 1 + Math.floor(random() * 5), String(random())) }
                : { ...base, jury: withRecusal(base.jury, pick(['j1', 'j2', 'j3', 'j4'])) };
        for (const c of countChanges(before, after)) kept[c.counter][c.key] = (kept[c.counter][c.key] ?? 0) + c.by;
        stored.set(id, after);
      }
      expect(withoutZeros(kept)).toEqual(withoutZeros(recount(stored.values())));
    }
  });
});
