import type { OperationInput, PatchOperation } from '@azure/cosmos';
import type { ApplicationFilter, ListOrder } from '../../domain/ports';
import type { CountChange } from '../../domain/tally';
import { COUNTS_ID } from './documents';

/** The largest page any list asks for; a TOP above it is a programming error, not a request to serve. */
export const MAX_PAGE_SIZE = 100;

/** A page size as it goes into `SELECT TOP n`: an integer we chose, never text from a request. */
export function pageSize(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) throw new RangeError(`page size must be an integer 1–${MAX_PAGE_SIZE}, not ${n}`);
  return n;
}

/** A WHERE clause over the cohort's applications, its values bound by name (never spliced into the text). */
export interface Where {
  add(condition: string, parameters: Readonly<Record<string, string | number | readonly string[]>>): void;
  text(): string;
  readonly parameters: Record<string, string | number | readonly string[]>;
}

/** A WHERE clause of `condition`, its values `parameters`, to which more conditions are added. */
export function whereFrom(condition: string, parameters: Record<string, string | number | readonly string[]>): Where {
  const conditions = [condition];
  return {
    add(more, values) {
      conditions.push(more);
      Object.assign(parameters, values);
    },
    text: () => conditions.join(' AND '),
    parameters,
  };
}

/** The applications of one cohort that `filter` keeps: the partition key and the type first, so any Cosmos finds them by index. */
export function whereOf(cohortId: string, filter: ApplicationFilter): Where {
  const where = whereFrom("c.type = 'application' AND c.cohortId = @cohortId", { cohortId });
  if (filter.states) where.add('ARRAY_CONTAINS(@states, c.state)', { states: filter.states });
  if (filter.municipality) where.add('c.about.municipality = @municipality', { municipality: filter.municipality });
  if (filter.verdictsAtLeast !== undefined) where.add('c.jury.count >= @verdictsAtLeast', { verdictsAtLeast: filter.verdictsAtLeast });
  if (filter.verdictsBelow !== undefined) where.add('(NOT IS_DEFINED(c.jury) OR c.jury.count < @verdictsBelow)', { verdictsBelow: filter.verdictsBelow });
  // The mean is also kept at the top of the document (documents.ts applicationBody), where an index finds a tie.
  if (filter.mean !== undefined) where.add('c.juryMean = @mean', { mean: filter.mean });
  // The table's keys are kept on the document (documents.ts applicationBody, `list`), each with a value.
  if (filter.administration !== undefined) where.add('c.list.administration = @administration', { administration: filter.administration });
  if (filter.targetGroup !== undefined) where.add('ARRAY_CONTAINS(c.benefit.targetGroups, @targetGroup)', { targetGroup: filter.targetGroup });
  if (filter.team !== undefined) where.add(filter.team ? 'c.list.teamSize > 1' : 'c.list.teamSize = 1', {});
  if (filter.waitingFor !== undefined) where.add('c.list.waitingFor = @waitingFor', { waitingFor: filter.waitingFor });
  if (filter.titleContains) where.add('CONTAINS(c.list.title, @titleContains)', { titleContains: filter.titleContains });
  if (filter.invitedToMeeting !== undefined) where.add(filter.invitedToMeeting ? 'IS_DEFINED(c.meeting)' : 'NOT IS_DEFINED(c.meeting)', {});
  if (filter.recommended !== undefined) where.add(filter.recommended ? 'IS_DEFINED(c.recommendedBy)' : 'NOT IS_DEFINED(c.recommendedBy)', {});
  return where;
}

/**
 * Leaves out every application a restricted person is on (lead or co-applicant in any state; GDPR art. 18, ADR 0019):
 * one condition per person, bound by name. Restrictions are a coordinator's decision about one person at a time, so a
 * few at most; the query grows with them, never with the cohort.
 */
export function withoutPeople(where: Where, personIds: readonly string[]): void {
  personIds.forEach((id, i) => where.add(`c.applicantId != @restricted${i} AND NOT ARRAY_CONTAINS(c.coApplicants, { personId: @restricted${i} }, true)`, { [`restricted${i}`]: id }));
}

/** Where each order of the table reads its key (ListKeys on the document; the state is the application's own). */
export const ORDER_PATHS: Readonly<Record<ListOrder['by'], string>> = {
  submittedAt: 'c.list.submittedAt',
  title: 'c.list.title',
  municipality: 'c.list.municipality',
  state: 'c.state',
  score: 'c.list.score',
};

/** Cosmos DB takes at most 10 operations in one Patch. */
const OPERATIONS_PER_PATCH = 10;

/** A JSON Pointer segment (RFC 6901): `~` and `/` escaped. */
const segment = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The counter moves of a batch as Patch `incr` operations on the cohort's counters document, the same counter
 * summed once, ten operations to a Patch. Increments commute, so no ETag guards them: every writer adds its own.
 */
export function countsPatches(changes: readonly CountChange[]): OperationInput[] {
  const sums = new Map<string, number>();
  for (const c of changes) {
    const path = `/${c.counter}/${segment(c.key)}`;
    sums.set(path, (sums.get(path) ?? 0) + c.by);
  }
  const operations: PatchOperation[] = [...sums].filter(([, by]) => by !== 0).map(([path, value]) => ({ op: 'incr', path, value }));
  const patches: OperationInput[] = [];
  for (let i = 0; i < operations.length; i += OPERATIONS_PER_PATCH) {
    patches.push({ operationType: 'Patch', id: COUNTS_ID, resourceBody: { operations: operations.slice(i, i + OPERATIONS_PER_PATCH) } } as OperationInput);
  }
  return patches;
}
