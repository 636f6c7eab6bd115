/**
 * Jury scoring and ranking. Pure: no frameworks, no environment, no I/O.
 *
 * Each juror scores each application 1–5 (integers) on every criterion of the cohort; a juror may instead
 * recuse from an application (a conflict of interest). Rules:
 * - A juror's verdict on an application is the weighted mean of their values: Σ(w·v) / Σw.
 * - The application's score is the MEAN over the jurors who scored it, so a recusal never lowers it.
 * - A score from a juror who recused from that application is ignored, and so is a score that does not pass
 *   `validateScore` (e.g. left over from before the criteria changed) — neither counts towards the quorum.
 * - An application with fewer than `quorum` counting scores is unranked (score and rank null).
 * - Optional normalisation evens out strict and generous jurors (see `rank`).
 * - Ties are shown as ties, never broken silently: the coordinator decides.
 */

/** A criterion of a cohort. Values are integers on the scale SCORE_MIN–SCORE_MAX. */
export interface Criterion {
  readonly id: string;
  readonly weight: number;
  /** A cohort's own criterion has its name as the coordinator typed it; the programme's five are named in src/i18n. */
  readonly name?: string;
  /** What a 1, a 3 and a 5 mean, shown to the juror beside the choice. */
  readonly guide?: { readonly 1: string; readonly 3: string; readonly 5: string };
}

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;
export const DEFAULT_QUORUM = 3;

/** The programme's five criteria, equally weighted. Cohorts may use their own list with other weights. */
export const DEFAULT_CRITERIA: readonly Criterion[] = Object.freeze([
  /** Nytta för målgruppen. */
  Object.freeze({ id: 'benefit', weight: 1 }),
  /** Djärvhet. */
  Object.freeze({ id: 'boldness', weight: 1 }),
  /** Tillämpbar i alla 11 kommuner. */
  Object.freeze({ id: 'applicability', weight: 1 }),
  /** Genomförbar inom programmet. */
  Object.freeze({ id: 'feasibility', weight: 1 }),
  /** Den sökandes driv. */
  Object.freeze({ id: 'drive', weight: 1 }),
]);

/** One juror's scores for one application: a value per criterion id. */
export interface Score {
  readonly jurorId: string;
  readonly applicationId: string;
  readonly values: Readonly<Record<string, number>>;
  readonly comment?: string;
}

/** The juror takes no part in judging the application. */
export interface Recusal {
  readonly jurorId: string;
  readonly applicationId: string;
}

export type ScoreProblemCode = 'missing' | 'outOfRange' | 'unknown';

export interface ScoreProblem {
  readonly criterionId: string;
  readonly code: ScoreProblemCode;
}

/**
 * Every criterion present with an integer SCORE_MIN–SCORE_MAX, and no unknown criterion ids.
 * Problems come in criteria order, then unknown ids in the order of `values`; an empty list means valid.
 */
export function validateScore(values: Readonly<Record<string, number>>, criteria: readonly Criterion[]): ScoreProblem[] {
  const problems: ScoreProblem[] = [];
  const known = new Set(criteria.map((c) => c.id));
  for (const { id } of criteria) {
    if (!Object.prototype.hasOwnProperty.call(values, id)) {
      problems.push({ criterionId: id, code: 'missing' });
      continue;
    }
    const v = values[id];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < SCORE_MIN || v > SCORE_MAX) {
      problems.push({ criterionId: id, code: 'outOfRange' });
    }
  }
  for (const id of Object.keys(values)) {
    if (!known.has(id)) problems.push({ criterionId: id, code: 'unknown' });
  }
  return problems;
}

/**
 * Σ(w·v) / Σw over `criteria`. Throws (a programming error, not an expected outcome) when a value is missing
 * or the weights do not sum to a positive number; validate first with `validateScore`.
 */
export function weightedMean(values: Readonly<Record<string, number>>, criteria: readonly Criterion[]): number {
  let sum = 0;
  let weights = 0;
  for (const { id, weight } of criteria) {
    const v = values[id];
    if (v === undefined) throw new RangeError(`weightedMean: no value for criterion ${id}`);
    sum += weight * v;
    weights += weight;
  }
  if (!(weights > 0)) throw new RangeError('weightedMean: the criteria weights must sum to a positive number');
  return sum / weights;
}

export interface RankInput {
  readonly applicationIds: readonly string[];
  readonly criteria: readonly Criterion[];
  readonly scores: readonly Score[];
  readonly recusals: readonly Recusal[];
  /** Minimum number of counting scores for an application to be ranked. Default DEFAULT_QUORUM (3). */
  readonly quorum?: number;
  /** Rescale each juror's verdicts by their own mean and spread before averaging (see `rank`). */
  readonly normalise: boolean;
}

export interface RankingRow {
  readonly applicationId: string;
  /** Mean over the jurors who scored it (rounded to 3 decimals); null when unranked. */
  readonly score: number | null;
  /** Standard competition rank (1, 2, 2, 4); null when unranked. */
  readonly rank: number | null;
  /** How many other applications share the rank; 0 when unranked or untied (a count: a tie of thousands stays small). */
  readonly tiedWith: number;
  /** Counting scores: not from a recused juror, valid, at most one per juror. */
  readonly scoreCount: number;
  readonly recusalCount: number;
  /** max − min of the jurors' (raw, unnormalised) weighted means, 3 decimals; null with fewer than 2 scores. */
  readonly spread: number | null;
  readonly ranked: boolean;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** A set of (juror, application) pairs, held as juror → application ids, so no key has to be built per pair. */
class Pairs {
  private readonly byJuror = new Map<string, Set<string>>();

  add(jurorId: string, applicationId: string): void {
    const applications = this.byJuror.get(jurorId);
    if (applications) applications.add(applicationId);
    else this.byJuror.set(jurorId, new Set([applicationId]));
  }

  has(jurorId: string, applicationId: string): boolean {
    return this.byJuror.get(jurorId)?.has(applicationId) ?? false;
  }

  /** The application ids paired with one juror. */
  of(jurorId: string): ReadonlySet<string> {
    return this.byJuror.get(jurorId) ?? new Set();
  }
}

/** One counting verdict: a juror's raw weighted mean for an application. */
interface Verdict {
  readonly jurorId: string;
  readonly applicationId: string;
  readonly raw: number;
}

/**
 * Ranks the applications.
 *
 * Only scores for applications in `applicationIds` count. If a juror has several scores for one application,
 * the last one in `scores` counts (a revision). A juror's verdict is the weighted mean of their values.
 *
 * Normalisation (when `normalise`): for each juror, over the verdicts they gave across all the applications
 * they scored (counting scores only), z = (x − mean) / sd with the population sd; z = 0 when sd is 0 or the
 * juror scored only one application. Each verdict becomes 3 + z, clamped to [1, 5], and the application's
 * score is the mean of those rescaled values. `spread` always uses the raw verdicts.
 *
 * Ties: scores are compared rounded to 3 decimals. Equal rounded scores share a rank (standard competition
 * ranking 1, 2, 2, 4) and each counts the others in `tiedWith`. A tie is shown as a tie and never broken silently;
 * the coordinator decides. Within a tie, rows are listed by application id only so the order is stable.
 *
 * Order: ranked rows by score descending, then unranked rows by application id.
 *
 * Cost: O(s·c + n log n) for s scores, c criteria and n applications, however large a tie. Sums run in the order of the counting verdicts, so the result does not depend
 * on how the work is grouped.
 */
export function rank(input: RankInput): RankingRow[] {
  const quorum = input.quorum ?? DEFAULT_QUORUM;
  if (!Number.isInteger(quorum) || quorum < 1) throw new RangeError(`rank: quorum must be a positive integer, got ${quorum}`);

  const applicationIds = [...new Set(input.applicationIds)];
  const inCohort = new Set(applicationIds);
  const recused = new Pairs();
  for (const r of input.recusals) recused.add(r.jurorId, r.applicationId);

  // The counting verdicts, in the order of the score that counts: a later score replaces an earlier one and moves
  // to the end (`at`: juror → application → its place in `order`). The sums below run in this order.
  const at = new Map<string, Map<string, number>>();
  const order: (Verdict | undefined)[] = [];
  for (const s of input.scores) {
    if (!inCohort.has(s.applicationId) || recused.has(s.jurorId, s.applicationId)) continue;
    if (validateScore(s.values, input.criteria).length > 0) continue;
    let mine = at.get(s.jurorId);
    if (!mine) at.set(s.jurorId, (mine = new Map()));
    const earlier = mine.get(s.applicationId);
    if (earlier !== undefined) order[earlier] = undefined;
    mine.set(s.applicationId, order.length);
    order.push({ jurorId: s.jurorId, applicationId: s.applicationId, raw: weightedMean(s.values, input.criteria) });
  }

  // The verdicts grouped once: per juror (for normalisation) and per application (for the rows).
  const byJuror = new Map<string, number[]>();
  const byApplication = new Map<string, Verdict[]>();
  for (const v of order) {
    if (!v) continue;
    const raws = byJuror.get(v.jurorId);
    if (raws) raws.push(v.raw);
    else byJuror.set(v.jurorId, [v.raw]);
    const verdicts = byApplication.get(v.applicationId);
    if (verdicts) verdicts.push(v);
    else byApplication.set(v.applicationId, [v]);
  }

  // Per juror, the function from a raw verdict to the value that is averaged.
  const rescale = new Map<string, (raw: number) => number>();
  for (const [jurorId, raws] of byJuror) {
    if (!input.normalise) {
      rescale.set(jurorId, (raw) => raw);
      continue;
    }
    const m = mean(raws);
    const sd = Math.sqrt(mean(raws.map((x) => (x - m) ** 2)));
    // One application alone also gives sd 0; both cases of the rule are spelled out for the reader.
    const z = (raw: number): number => (raws.length < 2 || sd === 0 ? 0 : (raw - m) / sd);
    rescale.set(jurorId, (raw) => Math.min(SCORE_MAX, Math.max(SCORE_MIN, 3 + z(raw))));
  }

  const recusalCounts = new Map<string, Set<string>>();
  for (const r of input.recusals) {
    if (!inCohort.has(r.applicationId)) continue;
    const jurors = recusalCounts.get(r.applicationId) ?? new Set<string>();
    jurors.add(r.jurorId);
    recusalCounts.set(r.applicationId, jurors);
  }

  const rows = applicationIds.map((applicationId) => {
    const mine = byApplication.get(applicationId) ?? [];
    const ranked = mine.length >= quorum;
    const values = mine.map((v) => (rescale.get(v.jurorId) ?? ((raw: number) => raw))(v.raw));
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const v of mine) {
      min = Math.min(min, v.raw);
      max = Math.max(max, v.raw);
    }
    return {
      applicationId,
      score: ranked ? round3(mean(values)) : null,
      scoreCount: mine.length,
      recusalCount: recusalCounts.get(applicationId)?.size ?? 0,
      spread: mine.length >= 2 ? round3(max - min) : null,
      ranked,
    };
  });

  const byId = (a: { applicationId: string }, b: { applicationId: string }): number =>
    a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0;
  const rankedRows = rows.filter((r) => r.ranked).sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || byId(a, b));
  const unrankedRows = rows.filter((r) => !r.ranked).sort(byId);

  // Sorted by score, equal (rounded) scores stand together: each run is one tie. Competition ranking: a row's rank
  // is 1 + the number of rows before its run, i.e. with a strictly higher score.
  const result: RankingRow[] = [];
  for (let start = 0; start < rankedRows.length; ) {
    let end = start + 1;
    while (end < rankedRows.length && rankedRows[end]?.score === rankedRows[start]?.score) end += 1;
    const tie = rankedRows.slice(start, end);
    for (const row of tie) result.push({ ...row, rank: start + 1, tiedWith: tie.length - 1 });
    start = end;
  }
  for (const row of unrankedRows) result.push({ ...row, rank: null, tiedWith: 0 });
  return result;
}
