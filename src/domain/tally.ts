import type { Application } from './application';
import type { ApplicationState } from './application.state-machine';

/**
 * What the lists and figures of a whole cohort are read from, kept as the cohort changes so that reading
 * them costs the same at 10,000 applications as at 100 (issue 12, docs/decisions/0002): each application
 * carries its jury's summary, and each cohort one document of counters. Both are written in the same
 * guarded batch as the change that moves them. Pure: no frameworks, no I/O.
 */

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * The applications of a jury round: in review, or with a selection decision that is not locked yet. The jury may score
 * each of them until the round is locked, so each counts in what a juror has left (`reviewsLeft`) whether or not the
 * coordinator has decided it already.
 */
export const JUDGED_STATES: readonly ApplicationState[] = ['inReview', 'selected', 'waitlisted', 'notSelected'];
const judged = (a: Application | null): boolean => a !== null && JUDGED_STATES.includes(a.state);

/**
 * The jury's verdicts on one application: each juror's weighted mean of their values (a revision replaces
 * it), who stands aside, and the mean over the jurors who scored, rounded to 3 decimals as scores are
 * compared (ADR 0006), so that the ranking is one ordered query.
 */
export interface JurySummary {
  readonly verdicts: Readonly<Record<string, number>>;
  /** Per juror, the fingerprint of their stored score (scoreMark), so a score sent again unchanged is seen as such. */
  readonly marks: Readonly<Record<string, string>>;
  readonly recused: readonly string[];
  readonly count: number;
  /** 0 while nobody has scored. */
  readonly mean: number;
}

export const NO_VERDICTS: JurySummary = { verdicts: {}, marks: {}, recused: [], count: 0, mean: 0 };

export const juryOf = (a: Pick<Application, 'jury'>): JurySummary => a.jury ?? NO_VERDICTS;

function summarised(verdicts: Readonly<Record<string, number>>, marks: Readonly<Record<string, string>>, recused: readonly string[]): JurySummary {
  const values = Object.values(verdicts);
  return { verdicts, marks, recused, count: values.length, mean: values.length === 0 ? 0 : round3(values.reduce((s, v) => s + v, 0) / values.length) };
}

/**
 * A score's fingerprint: its values in criterion order and its comment (length and FNV-1a hash), so that the summary
 * tells a score sent again unchanged without keeping every comment on the application.
 */
export function scoreMark(values: Readonly<Record<string, number>>, comment: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < comment.length; i++) hash = Math.imul(hash ^ comment.charCodeAt(i), 0x01000193) >>> 0;
  const shown = Object.keys(values).sort().map((k) => `${k}=${values[k]}`).join(',');
  return `${shown}|${comment.length}:${hash.toString(16)}`;
}

/** The summary with one juror's verdict set (a first score or a revision), with the fingerprint of that score. */
export function withVerdict(summary: JurySummary | undefined, jurorId: string, verdict: number, mark: string): JurySummary {
  const s = summary ?? NO_VERDICTS;
  return summarised({ ...s.verdicts, [jurorId]: verdict }, { ...s.marks, [jurorId]: mark }, s.recused);
}

/** The summary with one juror standing aside: a verdict they gave before no longer counts (ADR 0006). */
export function withRecusal(summary: JurySummary | undefined, jurorId: string): JurySummary {
  const s = summary ?? NO_VERDICTS;
  const without = (r: Readonly<Record<string, unknown>>) => Object.fromEntries(Object.entries(r).filter(([id]) => id !== jurorId));
  return summarised(without(s.verdicts) as Record<string, number>, without(s.marks) as Record<string, string>, s.recused.includes(jurorId) ? s.recused : [...s.recused, jurorId]);
}

/** The jurors who are done with an application: they scored it or stand aside. */
export function doneBy(a: Pick<Application, 'jury'>): readonly string[] {
  const s = juryOf(a);
  return [...Object.keys(s.verdicts), ...s.recused.filter((id) => !(id in s.verdicts))];
}

/** Spread of the raw verdicts (max − min, 3 decimals); null with fewer than two (ADR 0006). */
export function spreadOf(s: JurySummary): number | null {
  const values = Object.values(s.verdicts);
  return values.length < 2 ? null : round3(Math.max(...values) - Math.min(...values));
}

/** Counted under this key while the application has no municipality yet (a draft before the "about" step). */
export const NO_MUNICIPALITY = '-';

/**
 * The counters of one cohort: applications per municipality and state (`byState["Bjuv|inReview"]`), and per
 * juror how many of the jury round's applications (JUDGED_STATES) they are done with (scored or stood aside).
 */
export interface CohortCounts {
  /** Per municipality and state (stateKey), the applications. */
  readonly byState: Readonly<Record<string, number>>;
  /** Per juror, the applications of the jury round they scored or stood aside from. */
  readonly reviewed: Readonly<Record<string, number>>;
  /** Per municipality and state (stateKey), the applications a manager's recommendation preceded (issue 17). */
  readonly recommended: Readonly<Record<string, number>>;
}

export type Counter = keyof CohortCounts;

export const NO_COUNTS: CohortCounts = { byState: {}, reviewed: {}, recommended: {} };

export const stateKey = (municipality: string, state: ApplicationState): string => `${municipality}|${state}`;
const keyOf = (a: Application): string => stateKey(a.about?.municipality ?? NO_MUNICIPALITY, a.state);

/** One counter moved by a change: which one, and by how much. */
export interface CountChange {
  readonly counter: Counter;
  readonly key: string;
  readonly by: number;
}

/**
 * How a change of one application (`before` null for a new one) moves the cohort's counters. Summed over every
 * change ever written, this is exactly a recount of the stored applications (checked by test/domain/tally.test.ts).
 */
export function countChanges(before: Application | null, after: Application): CountChange[] {
  const changes = new Map<string, CountChange>();
  const add = (counter: CountChange['counter'], key: string, by: number) => {
    const id = `${counter}/${key}`;
    const sum = (changes.get(id)?.by ?? 0) + by;
    if (sum === 0) changes.delete(id);
    else changes.set(id, { counter, key, by: sum });
  };
  if (before) add('byState', keyOf(before), -1);
  add('byState', keyOf(after), 1);
  if (before?.recommendedBy) add('recommended', keyOf(before), -1);
  if (after.recommendedBy) add('recommended', keyOf(after), 1);
  if (before && judged(before)) for (const j of doneBy(before)) add('reviewed', j, -1);
  if (judged(after)) for (const j of doneBy(after)) add('reviewed', j, 1);
  return [...changes.values()];
}

/** The counters recounted from the applications themselves (the in-memory store, and the check of the kept ones). */
export function recount(applications: Iterable<Application>): CohortCounts {
  const counts: Record<Counter, Record<string, number>> = { byState: {}, reviewed: {}, recommended: {} };
  for (const a of applications) {
    for (const c of countChanges(null, a)) counts[c.counter][c.key] = (counts[c.counter][c.key] ?? 0) + c.by;
  }
  return counts;
}

/** The counters with zeros left out, so that kept and recounted counters compare equal. */
export function withoutZeros(counts: CohortCounts): CohortCounts {
  const nonZero = (r: Readonly<Record<string, number>>) => Object.fromEntries(Object.entries(r).filter(([, n]) => n !== 0));
  return { byState: nonZero(counts.byState), reviewed: nonZero(counts.reviewed), recommended: nonZero(counts.recommended) };
}

/** How many applications are in any of `states`, over every municipality. */
export const countIn = (counts: CohortCounts, states: readonly ApplicationState[]): number => countMatching(counts, { states });

/**
 * How many applications are in any of `states` (all when absent) in `municipality` (all when absent); of those a
 * recommendation preceded when `counter` is 'recommended'.
 */
export function countMatching(counts: CohortCounts, filter: { readonly states?: readonly ApplicationState[]; readonly municipality?: string }, counter: 'byState' | 'recommended' = 'byState'): number {
  let total = 0;
  for (const [key, n] of Object.entries(counts[counter])) {
    const cut = key.lastIndexOf('|');
    if (filter.municipality !== undefined && key.slice(0, cut) !== filter.municipality) continue;
    if (filter.states && !filter.states.includes(key.slice(cut + 1) as ApplicationState)) continue;
    total += n;
  }
  return total;
}

/** Per municipality (NO_MUNICIPALITY for drafts without one), the applications in each state. */
export function countsByMunicipality(counts: CohortCounts): Map<string, Partial<Record<ApplicationState, number>>> {
  const rows = new Map<string, Partial<Record<ApplicationState, number>>>();
  for (const [key, n] of Object.entries(counts.byState)) {
    if (n === 0) continue;
    const cut = key.lastIndexOf('|');
    const municipality = key.slice(0, cut);
    const row = rows.get(municipality) ?? {};
    row[key.slice(cut + 1) as ApplicationState] = n;
    rows.set(municipality, row);
  }
  return rows;
}

/**
 * How many of the jury round's applications a juror has neither scored nor stood aside from: those in review and those
 * the coordinator has decided already (a decision does not score for the juror who has not).
 */
export function reviewsLeft(counts: CohortCounts, jurorId: string): number {
  return Math.max(0, countIn(counts, JUDGED_STATES) - (counts.reviewed[jurorId] ?? 0));
}

/** How many of the jury round's applications there are in all (what each juror's progress counts against). */
export const judgedCount = (counts: CohortCounts): number => countIn(counts, JUDGED_STATES);

