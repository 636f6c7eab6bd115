import {
  DEFAULT_CRITERIA,
  rank,
  validateScore,
  weightedMean,
  type Criterion,
  type Recusal,
  type RankInput,
  type RankingRow,
  type Score,
} from '../../src/domain/scoring';
import { seeded } from '../helpers/seeded';

const IDS = ['benefit', 'boldness', 'applicability', 'feasibility', 'drive'] as const;

/** Values for the five default criteria, in the order of IDS. */
const vals = (...v: [number, number, number, number, number]): Record<string, number> =>
  Object.fromEntries(IDS.map((id, i) => [id, v[i] as number]));

/** A score whose weighted mean (equal weights) is `v`: every criterion gets `v`. */
const flat = (jurorId: string, applicationId: string, v: number): Score => ({ jurorId, applicationId, values: vals(v, v, v, v, v) });

const recuse = (jurorId: string, applicationId: string): Recusal => ({ jurorId, applicationId });

/** The row for one application, or a failing test. */
const row = (rows: RankingRow[], applicationId: string): RankingRow => {
  const found = rows.find((r) => r.applicationId === applicationId);
  if (!found) throw new Error(`no row for ${applicationId}`);
  return found;
};

const order = (rows: RankingRow[]): string[] => rows.map((r) => r.applicationId);

describe('DEFAULT_CRITERIA', () => {
  it('are the programme five, equally weighted', () => {
    expect(DEFAULT_CRITERIA).toEqual(IDS.map((id) => ({ id, weight: 1 })));
  });
});

describe('validateScore', () => {
  it.each<[string, Record<string, number>, { criterionId: string; code: string }[]]>([
    ['all five, 1–5', vals(1, 2, 3, 4, 5), []],
    ['all fives', vals(5, 5, 5, 5, 5), []],
    ['one missing', { benefit: 3, boldness: 3, applicability: 3, feasibility: 3 }, [{ criterionId: 'drive', code: 'missing' }]],
    ['nothing at all', {}, IDS.map((criterionId) => ({ criterionId, code: 'missing' }))],
    ['0 is below the scale', vals(0, 3, 3, 3, 3), [{ criterionId: 'benefit', code: 'outOfRange' }]],
    ['6 is above the scale', vals(3, 6, 3, 3, 3), [{ criterionId: 'boldness', code: 'outOfRange' }]],
    ['not an integer', vals(3, 3, 3.5, 3, 3), [{ criterionId: 'applicability', code: 'outOfRange' }]],
    ['NaN', vals(3, 3, 3, Number.NaN, 3), [{ criterionId: 'feasibility', code: 'outOfRange' }]],
    ['Infinity', vals(3, 3, 3, 3, Number.POSITIVE_INFINITY), [{ criterionId: 'drive', code: 'outOfRange' }]],
    ['an unknown criterion', { ...vals(3, 3, 3, 3, 3), beauty: 4 }, [{ criterionId: 'beauty', code: 'unknown' }]],
    [
      'several problems, criteria order first, then unknown ids',
      { drive: 9, benefit: 3, boldness: 3, feasibility: 3, beauty: 4 },
      [
        { criterionId: 'applicability', code: 'missing' },
        { criterionId: 'drive', code: 'outOfRange' },
        { criterionId: 'beauty', code: 'unknown' },
      ],
    ],
  ])('%s', (_name, values, expected) => {
    expect(validateScore(values, DEFAULT_CRITERIA)).toEqual(expected);
  });

  it('checks against the cohort criteria, not the defaults', () => {
    const criteria: Criterion[] = [{ id: 'impact', weight: 2 }];
    expect(validateScore({ impact: 4 }, criteria)).toEqual([]);
    expect(validateScore(vals(3, 3, 3, 3, 3), criteria)).toEqual([
      { criterionId: 'impact', code: 'missing' },
      ...IDS.map((criterionId) => ({ criterionId, code: 'unknown' })),
    ]);
  });
});

describe('weightedMean = Σ(w·v) / Σw', () => {
  const benefitDouble: Criterion[] = DEFAULT_CRITERIA.map((c) => (c.id === 'benefit' ? { ...c, weight: 2 } : c));
  it.each<[string, Record<string, number>, readonly Criterion[], number]>([
    ['equal weights: the plain mean', vals(1, 2, 3, 4, 5), DEFAULT_CRITERIA, 3],
    ['equal weights: (5+1+1+1+1)/5', vals(5, 1, 1, 1, 1), DEFAULT_CRITERIA, 1.8],
    ['benefit weighs 2: (2·5+1+1+1+1)/6', vals(5, 1, 1, 1, 1), benefitDouble, 14 / 6],
    ['benefit weighs 2: (2·1+5+5+5+5)/6', vals(1, 5, 5, 5, 5), benefitDouble, 22 / 6],
  ])('%s', (_name, values, criteria, expected) => {
    expect(weightedMean(values, criteria)).toBeCloseTo(expected, 10);
  });

  it('refuses a missing value rather than guessing', () => {
    expect(() => weightedMean({ benefit: 3 }, DEFAULT_CRITERIA)).toThrow(RangeError);
  });
});

describe('rank', () => {
  const base = { criteria: DEFAULT_CRITERIA, recusals: [] as Recusal[], normalise: false };

  it('a recusal does not lower the score: the mean over those who scored, not the sum', () => {
    // A: three jurors give 4, j4 recused. B: four jurors give 4, 4, 3, 3.
    const scores = [flat('j1', 'A', 4), flat('j2', 'A', 4), flat('j3', 'A', 4), flat('j1', 'B', 4), flat('j2', 'B', 4), flat('j3', 'B', 3), flat('j4', 'B', 3)];
    const recusals = [recuse('j4', 'A')];
    const rows = rank({ ...base, applicationIds: ['A', 'B'], scores, recusals });

    // A sum-based rule would punish A for j4's conflict of interest: 12 < 14, B first.
    const sums = new Map<string, number>();
    for (const s of scores) sums.set(s.applicationId, (sums.get(s.applicationId) ?? 0) + weightedMean(s.values, DEFAULT_CRITERIA));
    expect(sums.get('A')).toBe(12);
    expect(sums.get('B')).toBe(14);

    // The mean does not: A = 4 (what the jurors who judged it gave), B = 3.5, A first.
    expect(order(rows)).toEqual(['A', 'B']);
    expect(row(rows, 'A')).toMatchObject({ score: 4, rank: 1, scoreCount: 3, recusalCount: 1 });
    expect(row(rows, 'B')).toMatchObject({ score: 3.5, rank: 2, scoreCount: 4, recusalCount: 0 });
    // And A's score is exactly what it is without the recusal on record.
    expect(row(rank({ ...base, applicationIds: ['A', 'B'], scores }), 'A').score).toBe(4);
  });

  it('ignores the score of a juror who recused from that application (and only that one)', () => {
    const scores = [flat('j1', 'A', 5), flat('j2', 'A', 5), flat('j3', 'A', 5), flat('j4', 'A', 1), flat('j4', 'B', 1), flat('j1', 'B', 4), flat('j2', 'B', 4)];
    const rows = rank({ ...base, applicationIds: ['A', 'B'], scores, recusals: [recuse('j4', 'A')] });
    expect(row(rows, 'A')).toMatchObject({ score: 5, scoreCount: 3, recusalCount: 1, spread: 0 });
    // j4 did not recuse from B, so that 1 counts: (4 + 4 + 1) / 3.
    expect(row(rows, 'B')).toMatchObject({ score: 3, scoreCount: 3, recusalCount: 0 });
  });

  it.each<[string, number | undefined, boolean]>([
    ['default quorum 3, two scores', undefined, false],
    ['quorum 3, two scores', 3, false],
    ['quorum 2, two scores', 2, true],
  ])('quorum: %s (quorum %p) → ranked %p', (_name, quorum, ranked) => {
    const scores = [flat('j1', 'A', 5), flat('j2', 'A', 3), flat('j1', 'B', 2), flat('j2', 'B', 2), flat('j3', 'B', 2)];
    const rows = rank({ ...base, applicationIds: ['A', 'B'], scores, ...(quorum === undefined ? {} : { quorum }) });
    const a = row(rows, 'A');
    expect(a.ranked).toBe(ranked);
    expect(a.scoreCount).toBe(2);
    expect(a.spread).toBe(2); // spread is shown even when unranked
    if (ranked) {
      expect(rows).toEqual([
        { applicationId: 'A', score: 4, rank: 1, tiedWith: 0, scoreCount: 2, recusalCount: 0, spread: 2, ranked: true },
        { applicationId: 'B', score: 2, rank: 2, tiedWith: 0, scoreCount: 3, recusalCount: 0, spread: 0, ranked: true },
      ]);
    } else {
      // Unranked: no score, no rank, after every ranked row — even though its mean (4) beats B's (2).
      expect(rows).toEqual([
        { applicationId: 'B', score: 2, rank: 1, tiedWith: 0, scoreCount: 3, recusalCount: 0, spread: 0, ranked: true },
        { applicationId: 'A', score: null, rank: null, tiedWith: 0, scoreCount: 2, recusalCount: 0, spread: 2, ranked: false },
      ]);
    }
  });

  it('a recused juror does not count towards the quorum', () => {
    const scores = [flat('j1', 'A', 4), flat('j2', 'A', 4), flat('j3', 'A', 4)];
    const rows = rank({ ...base, applicationIds: ['A'], scores, recusals: [recuse('j3', 'A')] });
    expect(row(rows, 'A')).toMatchObject({ ranked: false, score: null, rank: null, scoreCount: 2, recusalCount: 1 });
  });

  it('lists unranked applications after the ranked ones, by id, including those nobody scored', () => {
    const scores = [flat('j1', 'M', 1), flat('j2', 'M', 1), flat('j3', 'M', 1), flat('j1', 'Z', 5)];
    const rows = rank({ ...base, applicationIds: ['Z', 'C', 'M', 'A'], scores });
    expect(order(rows)).toEqual(['M', 'A', 'C', 'Z']);
    expect(row(rows, 'C')).toEqual({ applicationId: 'C', score: null, rank: null, tiedWith: 0, scoreCount: 0, recusalCount: 0, spread: null, ranked: false });
  });

  it('shows ties as ties: competition ranking 1, 2, 2, 4 and tiedWith, never broken silently', () => {
    const three = (app: string, v: number): Score[] => ['j1', 'j2', 'j3'].map((j) => flat(j, app, v));
    const scores = [...three('D', 3), ...three('C', 4), ...three('A', 5), ...three('B', 4)];
    const rows = rank({ ...base, applicationIds: ['D', 'C', 'B', 'A'], scores });
    expect(rows.map((r) => [r.applicationId, r.score, r.rank, r.tiedWith])).toEqual([
      ['A', 5, 1, 0],
      ['B', 4, 2, 1], // within a tie, listed by id only for a stable display
      ['C', 4, 2, 1],
      ['D', 3, 4, 0],
    ]);
  });

  it('compares scores rounded to 3 decimals: a difference in the 4th decimal is a tie', () => {
    // Weights 1 and 9999: A = (5 + 9999·3)/10000 = 3.0002, B = 3 → both 3.000 → tied.
    const criteria: Criterion[] = [{ id: 'x', weight: 1 }, { id: 'y', weight: 9999 }];
    const scores = ['j1', 'j2', 'j3'].flatMap((j) => [
      { jurorId: j, applicationId: 'A', values: { x: 5, y: 3 } },
      { jurorId: j, applicationId: 'B', values: { x: 3, y: 3 } },
    ]);
    const rows = rank({ ...base, criteria, applicationIds: ['A', 'B'], scores });
    expect(rows.map((r) => [r.applicationId, r.score, r.rank, r.tiedWith])).toEqual([
      ['A', 3, 1, 1],
      ['B', 3, 1, 1],
    ]);
  });

  it('applies weights: benefit weighing 2 turns the order as computed by hand', () => {
    // A: benefit 5, the rest 1.  B: 2 on everything.
    //   equal weights:   A = (5+1+1+1+1)/5 = 1.8    B = 2    → B first
    //   benefit ×2:      A = (2·5+1+1+1+1)/6 = 2.333 B = 2   → A first
    const weighted: Criterion[] = DEFAULT_CRITERIA.map((c) => (c.id === 'benefit' ? { id: c.id, weight: 2 } : c));
    const scores = ['j1', 'j2', 'j3'].flatMap((j) => [{ jurorId: j, applicationId: 'A', values: vals(5, 1, 1, 1, 1) }, flat(j, 'B', 2)]);

    const equal = rank({ ...base, applicationIds: ['A', 'B'], scores });
    expect(equal.map((r) => [r.applicationId, r.score])).toEqual([
      ['B', 2],
      ['A', 1.8],
    ]);
    const heavier = rank({ ...base, criteria: weighted, applicationIds: ['A', 'B'], scores });
    expect(heavier.map((r) => [r.applicationId, r.score])).toEqual([
      ['A', 2.333],
      ['B', 2],
    ]);
  });

  it('spread is max − min of the jurors’ weighted means, null with fewer than two scores', () => {
    const scores = [
      { jurorId: 'j1', applicationId: 'A', values: vals(4, 4, 3, 3, 3) }, // 3.4
      { jurorId: 'j2', applicationId: 'A', values: vals(2, 2, 2, 2, 3) }, // 2.2
      flat('j3', 'A', 3),
      flat('j1', 'B', 5),
    ];
    const rows = rank({ ...base, applicationIds: ['A', 'B'], scores });
    expect(row(rows, 'A').spread).toBe(1.2); // 3.4 − 2.2, rounded (not 1.1999999999999997)
    expect(row(rows, 'B').spread).toBeNull();
  });

  it('counts only valid scores for the cohort, and a juror’s last score for an application', () => {
    const scores: Score[] = [
      flat('j1', 'A', 1),
      flat('j1', 'A', 5), // j1 revised: this one counts
      flat('j2', 'A', 5),
      flat('j3', 'A', 5),
      { jurorId: 'j4', applicationId: 'A', values: vals(1, 1, 1, 1, 9) }, // invalid: ignored
      flat('j4', 'OTHER', 1), // not in this ranking
    ];
    const rows = rank({ ...base, applicationIds: ['A'], scores });
    expect(rows).toEqual([{ applicationId: 'A', score: 5, rank: 1, tiedWith: 0, scoreCount: 3, recusalCount: 0, spread: 0, ranked: true }]);
  });

  it.each([0, -1, 1.5])('refuses quorum %s', (quorum) => {
    expect(() => rank({ ...base, applicationIds: [], scores: [], quorum })).toThrow(RangeError);
  });

  describe('normalisation', () => {
    /*
     * j1 and j2 judge both A and B and both prefer A (5 against 4). The two also need a third opinion each
     * for quorum: A happened to land with j3, who gives 1 on everything (here A and Z); B landed with j4,
     * who gave it a 4.
     *
     * Raw means:  A = (5 + 5 + 1) / 3 = 3.667,  B = (4 + 4 + 4) / 3 = 4      → B first.
     * A is behind only because it drew the harsh juror: j3's 1 says nothing about A, since j3 says 1 to all.
     *
     * Normalised (each juror against their own mean and population sd, then 3 + z clamped to [1, 5]):
     *   j1: A 5, B 4 → mean 4.5, sd 0.5 → A 3 + 1 = 4, B 3 − 1 = 2; j2 the same.
     *   j3: A 1, Z 1 → sd 0 → z = 0 → 3 (neutral: no preference expressed).
     *   j4: only B → z = 0 → 3.
     *   A = (4 + 4 + 3) / 3 = 3.667,  B = (2 + 2 + 3) / 3 = 2.333        → A first.
     */
    const scores = [flat('j1', 'A', 5), flat('j2', 'A', 5), flat('j3', 'A', 1), flat('j1', 'B', 4), flat('j2', 'B', 4), flat('j4', 'B', 4), flat('j3', 'Z', 1)];
    const input = { ...base, applicationIds: ['A', 'B', 'Z'], scores };

    it('changes the order when one juror scores everything 1', () => {
      const raw = rank({ ...input, normalise: false });
      const normalised = rank({ ...input, normalise: true });
      expect(raw.map((r) => [r.applicationId, r.score, r.rank])).toEqual([
        ['B', 4, 1],
        ['A', 3.667, 2],
        ['Z', null, null],
      ]);
      expect(normalised.map((r) => [r.applicationId, r.score, r.rank])).toEqual([
        ['A', 3.667, 1],
        ['B', 2.333, 2],
        ['Z', null, null],
      ]);
      expect(order(raw)).not.toEqual(order(normalised));
    });

    it('leaves spread on the raw weighted means', () => {
      expect(row(rank({ ...input, normalise: true }), 'A').spread).toBe(4);
      expect(row(rank({ ...input, normalise: false }), 'A').spread).toBe(4);
    });

    it('clamps 3 + z to [1, 5]', () => {
      // One juror: eight applications at 1 and one at 5 → mean 13/9, population sd = √8·4/9,
      // z(5) = √8 ≈ 2.83 → 5.83 → clamped to 5;  z(1) = −1/√8 ≈ −0.354 → 2.646.
      const apps = ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8'];
      const s = [...apps.map((a) => flat('j1', a, 1)), flat('j1', 'TOP', 5)];
      const rows = rank({ ...base, normalise: true, quorum: 1, applicationIds: [...apps, 'TOP'], scores: s });
      expect(row(rows, 'TOP').score).toBe(5);
      expect(row(rows, 'A1').score).toBe(2.646);
      expect(row(rows, 'A8')).toMatchObject({ rank: 2, tiedWith: 7 });
    });

    it('ignores scores from recused jurors when computing a juror’s mean and sd', () => {
      // j1's 1 for A is ignored (recused), so j1 has B 5 and C 3 only: mean 4, sd 1 → B 4, C 2.
      const s = [flat('j1', 'A', 1), flat('j1', 'B', 5), flat('j1', 'C', 3)];
      const rows = rank({ ...base, normalise: true, quorum: 1, applicationIds: ['A', 'B', 'C'], scores: s, recusals: [recuse('j1', 'A')] });
      expect(rows.map((r) => [r.applicationId, r.score])).toEqual([
        ['B', 4],
        ['C', 2],
        ['A', null],
      ]);
    });
  });
});



/**
 * The reference: `rank` as first written (one pass over every verdict per application, the
 * ranks and ties by filtering the whole ranked list per row; quadratic, but plainly the rule of ADR 0006).
 * The linear versions in src/domain/scoring.ts must answer exactly the same, row for row and key for key.
 */
const reference = (() => {
  const round3 = (x: number): number => Math.round(x * 1000) / 1000;
  const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const pairKey = (jurorId: string, applicationId: string): string => JSON.stringify([jurorId, applicationId]);

  function rank(input: RankInput): RankingRow[] {
    const quorum = input.quorum ?? 3;
    const applicationIds = [...new Set(input.applicationIds)];
    const inCohort = new Set(applicationIds);
    const recused = new Set(input.recusals.map((r) => pairKey(r.jurorId, r.applicationId)));
    const verdicts = new Map<string, { jurorId: string; applicationId: string; raw: number }>();
    for (const s of input.scores) {
      const key = pairKey(s.jurorId, s.applicationId);
      if (!inCohort.has(s.applicationId) || recused.has(key)) continue;
      if (validateScore(s.values, input.criteria).length > 0) continue;
      verdicts.delete(key);
      verdicts.set(key, { jurorId: s.jurorId, applicationId: s.applicationId, raw: weightedMean(s.values, input.criteria) });
    }
    const byJuror = new Map<string, number[]>();
    for (const v of verdicts.values()) byJuror.set(v.jurorId, [...(byJuror.get(v.jurorId) ?? []), v.raw]);
    const rescale = new Map<string, (raw: number) => number>();
    for (const [jurorId, raws] of byJuror) {
      if (!input.normalise) {
        rescale.set(jurorId, (raw) => raw);
        continue;
      }
      const m = mean(raws);
      const sd = Math.sqrt(mean(raws.map((x) => (x - m) ** 2)));
      const z = (raw: number): number => (raws.length < 2 || sd === 0 ? 0 : (raw - m) / sd);
      rescale.set(jurorId, (raw) => Math.min(5, Math.max(1, 3 + z(raw))));
    }
    const recusalCounts = new Map<string, Set<string>>();
    for (const r of input.recusals) {
      if (!inCohort.has(r.applicationId)) continue;
      const jurors = recusalCounts.get(r.applicationId) ?? new Set<string>();
      jurors.add(r.jurorId);
      recusalCounts.set(r.applicationId, jurors);
    }
    const rows = applicationIds.map((applicationId) => {
      const mine = [...verdicts.values()].filter((v) => v.applicationId === applicationId);
      const raws = mine.map((v) => v.raw);
      const ranked = mine.length >= quorum;
      const values = mine.map((v) => (rescale.get(v.jurorId) ?? ((raw: number) => raw))(v.raw));
      return {
        applicationId,
        score: ranked ? round3(mean(values)) : null,
        scoreCount: mine.length,
        recusalCount: recusalCounts.get(applicationId)?.size ?? 0,
        spread: raws.length >= 2 ? round3(Math.max(...raws) - Math.min(...raws)) : null,
        ranked,
      };
    });
    const byId = (a: { applicationId: string }, b: { applicationId: string }): number =>
      a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0;
    const rankedRows = rows.filter((r) => r.ranked).sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || byId(a, b));
    const unrankedRows = rows.filter((r) => !r.ranked).sort(byId);
    const result: RankingRow[] = [];
    for (const row of rankedRows) {
      const rankOf = 1 + rankedRows.filter((r) => (r.score ?? 0) > (row.score ?? 0)).length;
      const tiedWith = rankedRows.filter((r) => r.score === row.score && r.applicationId !== row.applicationId).length;
      result.push({ ...row, rank: rankOf, tiedWith });
    }
    for (const row of unrankedRows) result.push({ ...row, rank: null, tiedWith: 0 });
    return result;
  }


  return { rank };
})();

/** The criteria a random case draws from: the defaults, extreme weights (ties in the 4th decimal), fractions, one alone. */
const CRITERIA_SETS: readonly (readonly Criterion[])[] = [
  DEFAULT_CRITERIA,
  [{ id: 'x', weight: 1 }, { id: 'y', weight: 9999 }],
  [{ id: 'x', weight: 0.1 }, { id: 'y', weight: 0.2 }, { id: 'z', weight: 0.7 }],
  [{ id: 'only', weight: 3 }],
];

interface RandomCase {
  readonly input: RankInput;
  readonly jurorIds: string[];
}

/**
 * A seeded random jury round: application ids that sort otherwise than they are listed (some listed twice, and
 * some scored but not in the round), jurors scoring some of them on a narrow or the whole scale (narrow gives
 * many ties), revisions, invalid scores, recusals (some of a juror who also scored, some twice), any quorum from
 * 1 to more than the jurors, with and without normalisation, in a shuffled order.
 */
function randomCase(seed: number): RandomCase {
  const rnd = seeded(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const chance = (p: number): boolean => rnd() < p;
  const shuffled = <T>(xs: readonly T[]): T[] => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };

  const applications = [...new Set(Array.from({ length: pick([0, 1, 2, 3, 5, 8, 13, 40]) }, () => `app-${int(0, 199)}`))];
  if (chance(0.05)) applications.push('__proto__');
  const outside = ['gone-1', 'gone-2'];
  const jurorIds = Array.from({ length: int(1, 7) }, (_, i) => `j${i}`);
  if (chance(0.05)) jurorIds.push('constructor');
  const criteria = pick(CRITERIA_SETS);
  const [lo, hi] = pick([[1, 5], [3, 4], [4, 4], [1, 2]] as const);
  const density = pick([0.2, 0.5, 0.8, 1]);

  const valuesOf = (): Record<string, number> => {
    const values: Record<string, number> = Object.fromEntries(criteria.map((c) => [c.id, int(lo, hi)]));
    if (chance(0.04)) values[criteria[0]?.id ?? 'x'] = pick([0, 6, 2.5, Number.NaN]);
    if (chance(0.03)) delete values[criteria[0]?.id ?? 'x'];
    if (chance(0.03)) values['unknown'] = 3;
    return values;
  };

  const scores: Score[] = [];
  const recusals: Recusal[] = [];
  for (const jurorId of jurorIds) {
    for (const applicationId of [...applications, ...outside]) {
      if (chance(density)) scores.push({ jurorId, applicationId, values: valuesOf() });
      if (chance(0.1)) scores.push({ jurorId, applicationId, values: valuesOf() }); // a revision, or a first score
      if (chance(0.08)) recusals.push({ jurorId, applicationId });
      if (chance(0.02)) recusals.push({ jurorId, applicationId }); // recorded twice
    }
  }
  const applicationIds = shuffled([...applications, ...(chance(0.2) ? applications.slice(0, 2) : [])]);
  const quorum = pick([undefined, 1, 2, 3, 4, jurorIds.length, jurorIds.length + 1]);
  return {
    input: { applicationIds, criteria, scores: shuffled(scores), recusals: shuffled(recusals), normalise: chance(0.5), ...(quorum === undefined ? {} : { quorum }) },
    jurorIds,
  };
}

describe('rank answers exactly as the plain reference, on seeded random rounds', () => {
  const cases = Array.from({ length: 300 }, (_, seed) => {
    const c = randomCase(seed);
    return { seed, ...c, label: `${c.input.applicationIds.length} applications, ${c.jurorIds.length} jurors, quorum ${c.input.quorum ?? 'default'}, normalise ${c.input.normalise}` };
  });

  it.each(cases)('seed $seed: $label', ({ input }) => {
    const expected = reference.rank(input);
    const actual = rank(input);
    expect(actual).toStrictEqual(expected);
    expect(JSON.stringify(actual)).toBe(JSON.stringify(expected)); // the same keys in the same order, too
  });

  it('sums in the same order as the reference, where the 3rd decimal depends on it (a revision moves to the end)', () => {
    // Weights 1 and 47: j1 gives 1, j2 (5 + 47·3)/48 = 3.0417, j3 (2 + 47)/48 = 1.0208. Their mean is 1.6875 on paper;
    // summed j1, j2, j3 it is 1.68749999… (→ 1.687), summed j2, j3, j1 it is 1.6875 (→ 1.688).
    const criteria: Criterion[] = [{ id: 'x', weight: 1 }, { id: 'y', weight: 47 }];
    const j1 = { jurorId: 'j1', applicationId: 'A', values: { x: 1, y: 1 } };
    const others = [{ jurorId: 'j2', applicationId: 'A', values: { x: 5, y: 3 } }, { jurorId: 'j3', applicationId: 'A', values: { x: 2, y: 1 } }];
    const first = { applicationIds: ['A'], criteria, scores: [j1, ...others], recusals: [], normalise: false };
    const revised = { ...first, scores: [j1, ...others, j1] }; // j1 sends the same score again
    expect(rank(first)).toStrictEqual(reference.rank(first));
    expect(rank(revised)).toStrictEqual(reference.rank(revised));
    expect([rank(first)[0]?.score, rank(revised)[0]?.score]).toEqual([1.687, 1.688]);
  });

  it('the random rounds reach every case that matters: ties, unranked rows, recusals, normalisation, quorum 1 and above the jurors', () => {
    const seen = new Set<string>();
    for (const { input, jurorIds } of cases) {
      const rows = reference.rank(input);
      if (rows.some((r) => r.tiedWith > 0)) seen.add('tie');
      if (rows.some((r) => r.tiedWith >= 3)) seen.add('a tie of four or more');
      if (rows.some((r) => r.ranked) && rows.some((r) => !r.ranked)) seen.add('ranked and unranked');
      if (rows.some((r) => r.ranked && r.recusalCount > 0)) seen.add('ranked despite a recusal');
      if (input.normalise && rows.some((r) => r.ranked)) seen.add('normalised');
      if (!input.normalise && rows.some((r) => r.ranked)) seen.add('raw');
      if (input.quorum === 1) seen.add('quorum 1');
      if ((input.quorum ?? 3) > jurorIds.length) seen.add('quorum above the jurors');
      if (input.applicationIds.length === 0) seen.add('no applications');
      if (new Set(input.applicationIds).size < input.applicationIds.length) seen.add('an application listed twice');
    }
    expect([...seen].sort()).toEqual(
      ['tie', 'a tie of four or more', 'ranked and unranked', 'ranked despite a recusal', 'normalised', 'raw', 'quorum 1', 'quorum above the jurors', 'no applications', 'an application listed twice'].sort(),
    );
  });
});

describe('rank at scale', () => {
  it('ranks one huge tie: every row ranked 1 and listing all the others', () => {
    const apps = Array.from({ length: 500 }, (_, i) => `A${String(i).padStart(3, '0')}`);
    const scores = apps.flatMap((a) => ['j1', 'j2', 'j3'].map((j) => flat(j, a, 4)));
    const rows = rank({ applicationIds: apps, criteria: DEFAULT_CRITERIA, scores, recusals: [], normalise: false });
    expect(rows.every((r) => r.rank === 1 && r.tiedWith === 499)).toBe(true);
  });
});
