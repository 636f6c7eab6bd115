import { type Application } from '../../domain/application';
import type { Cohort } from '../../domain/cohort';
import type { UseCaseResult } from '../../domain/errors';
import { ok } from '../../domain/result';
import { ADMITTED_STATES, quorumOf, RANKED_STATES } from '../../domain/jury';
import type { ApplicationFilter, IdCursor, RankCursor } from '../../domain/ports';
import { rank, type RankingRow } from '../../domain/scoring';
import { countIn, juryOf, reviewsLeft, spreadOf } from '../../domain/tally';
import { forEachPage } from '../pages';
import { coordinatorsCohort, type CohortChoice, type ProgrammeDeps } from '../programme/deps';

/** How many applications one page of the ranking shows (the card stays far under Teams' size limit). */
export const RANKING_PAGE = 15;

/** Where the ranking goes on: the ranked part by mean, then those under the quorum by id; a normalised one by place. */
export type RankingCursor =
  /** `seen`: how many ranked applications came before; `tiedBefore`: how many of those share the mean of the last one. */
  | { readonly part: 'ranked'; readonly after: RankCursor; readonly page: number; readonly seen: number; readonly tiedBefore: number }
  | { readonly part: 'unranked'; readonly after?: IdCursor; readonly page: number }
  | { readonly part: 'normalised'; readonly offset: number; readonly page: number };

/**
 * A row of the ranking as the card shows it: the domain's row (ADR 0006) with its application, and the mean so far over
 * the jurors who have scored (also under the quorum, where the row has no score and no place yet; null before any score).
 */
export type RankingRowView = Omit<RankingRow, 'applicationId' | 'ranked'> & { readonly application: Application; readonly meanSoFar: number | null };

export interface RankingView {
  readonly cohort: Cohort;
  readonly rows: readonly RankingRowView[];
  readonly page: number;
  /** How many applications the ranking holds in all (in review or decided), from the counters. */
  readonly total: number;
  /** Per juror, how many in review they have neither scored nor stood aside from. */
  readonly missing: readonly { readonly jurorId: string; readonly count: number }[];
  /** Admitted: selected, and those that have moved on in the programme since (phase 1, the gate, …). */
  readonly selectedCount: number;
  readonly next?: RankingCursor;
}

const rowOf = (application: Application, score: number | null, place: number | null, tiedWith: number): RankingRowView => {
  const s = juryOf(application);
  return { application, score, rank: place, tiedWith, scoreCount: s.count, recusalCount: s.recused.length, spread: spreadOf(s), meanSoFar: s.count > 0 ? s.mean : null };
};

/**
 * The ranking for coordinators, a page at a time: scores, spread, counts, ties, and who has not scored how many.
 * A page costs a page: the rows are one ordered query; their places follow from how many came before (carried by the
 * cursor from page to page); a tie that reaches past the page is counted by the applications sharing that mean (an
 * equality, which an index answers); the rest comes from the counters. A normalised ranking depends on every verdict
 * of every juror, so it reads the summaries of the whole ranking (one small object per application) and ranks them in
 * memory.
 */
export async function rankingOf(deps: ProgrammeDeps, coordinatorId: string, cursor?: RankingCursor, which: CohortChoice = 'current', size = RANKING_PAGE): Promise<UseCaseResult<RankingView>> {
  const current = await coordinatorsCohort(deps, coordinatorId, which);
  if (!current.ok) return current;
  const cohort = current.value;
  const counts = await deps.applications.counts(cohort.id);
  const total = countIn(counts, RANKED_STATES);
  const head = {
    cohort,
    total,
    missing: cohort.jurorIds.map((jurorId) => ({ jurorId, count: reviewsLeft(counts, jurorId) })),
    selectedCount: countIn(counts, ADMITTED_STATES),
  };
  const page = cursor?.page ?? 1;
  if (cohort.normalise || cursor?.part === 'normalised') return ok({ ...head, ...(await normalisedPage(deps, cohort, cursor?.part === 'normalised' ? cursor.offset : 0, page, size)) });
  const quorum = quorumOf(cohort);
  const unrankedFilter: ApplicationFilter = { states: RANKED_STATES, verdictsBelow: quorum };
  let rows: RankingRowView[] = [];
  let rankedSoFar = 0;
  if (cursor?.part !== 'unranked') {
    const ranked: ApplicationFilter = { states: RANKED_STATES, verdictsAtLeast: quorum };
    const from = cursor?.part === 'ranked' ? cursor : undefined;
    const found = await deps.applications.rankedPage(cohort.id, ranked, size, from?.after);
    rows = await placed(deps, cohort.id, ranked, found.items, from, found.next !== undefined);
    rankedSoFar = (from?.seen ?? 0) + found.items.length;
    if (found.next) {
      const last = found.next.mean;
      const trailing = rows.filter((r) => r.score === last).length + (from && from.after.mean === last ? from.tiedBefore : 0);
      return ok({ ...head, rows, page, next: { part: 'ranked', after: found.next, page: page + 1, seen: rankedSoFar, tiedBefore: trailing } });
    }
  }
  // The last ranked page fills up with those under the quorum, by id; how many there are comes from the counters.
  const room = size - rows.length;
  if (room === 0) return ok({ ...head, rows, page, ...(total > rankedSoFar ? { next: { part: 'unranked' as const, page: page + 1 } } : {}) });
  const unranked = await deps.applications.page(cohort.id, unrankedFilter, room, cursor?.part === 'unranked' ? cursor.after : undefined);
  return ok({
    ...head,
    rows: [...rows, ...unranked.items.map((v) => rowOf(v.value, null, null, 0))],
    page,
    ...(unranked.next !== undefined ? { next: { part: 'unranked' as const, after: unranked.next, page: page + 1 } } : {}),
  });
}

/**
 * Places and ties for one page of the ranking, which is contiguous in the order by mean: the applications above a row
 * are those before the page (`from.seen`) and those above it on the page, except a row that shares the mean the page
 * before ended with, whose place is that of its tie. A tie inside the page is on the page; one that reaches past its
 * first or last row is counted (applications with exactly that mean).
 */
async function placed(
  deps: ProgrammeDeps,
  cohortId: string,
  ranked: ApplicationFilter,
  items: readonly Application[],
  from: { readonly after: RankCursor; readonly seen: number; readonly tiedBefore: number } | undefined,
  more: boolean,
): Promise<RankingRowView[]> {
  const means = items.map((a) => juryOf(a).mean);
  const onPage = new Map<number, number>();
  for (const m of means) onPage.set(m, (onPage.get(m) ?? 0) + 1);
  const boundary = new Set<number>();
  if (from && means[0] === from.after.mean) boundary.add(from.after.mean);
  const last = means.at(-1);
  if (more && last !== undefined) boundary.add(last);
  const tieSizes = new Map<number, number>();
  await Promise.all([...boundary].map(async (m) => tieSizes.set(m, await deps.applications.count(cohortId, { ...ranked, mean: m }))));
  const seen = from?.seen ?? 0;
  let above = 0; // rows on this page before the current run of equal means
  return items.map((a, i) => {
    const m = means[i] ?? 0;
    if (i > 0 && m !== means[i - 1]) above = i;
    const place = from && m === from.after.mean ? seen - from.tiedBefore + 1 : seen + above + 1;
    return rowOf(a, m, place, Math.max(0, (tieSizes.get(m) ?? onPage.get(m) ?? 1) - 1));
  });
}

async function normalisedPage(deps: ProgrammeDeps, cohort: Cohort, offset: number, page: number, size: number): Promise<{ rows: RankingRowView[]; page: number; next?: RankingCursor }> {
  const all: Application[] = [];
  await forEachPage(deps.applications, cohort.id, { states: RANKED_STATES }, async (items) => {
    all.push(...items.map((v) => v.value));
  });
  // Each verdict is already the juror's weighted mean, so it goes in as a score on one criterion of weight 1.
  const criterion = [{ id: 'verdict', weight: 1 }];
  const scores = all.flatMap((a) => Object.entries(juryOf(a).verdicts).map(([jurorId, verdict]) => ({ jurorId, applicationId: a.id, values: { verdict } })));
  const rows = rank({ applicationIds: all.map((a) => a.id), criteria: criterion, scores, recusals: [], quorum: quorumOf(cohort), normalise: true });
  const byId = new Map(all.map((a) => [a.id, a]));
  const shown = rows.slice(offset, offset + size).flatMap((r) => {
    const application = byId.get(r.applicationId);
    return application ? [rowOf(application, r.score, r.rank, r.tiedWith)] : [];
  });
  return { rows: shown, page, ...(offset + size < rows.length ? { next: { part: 'normalised' as const, offset: offset + size, page: page + 1 } } : {}) };
}
