import { queryAll } from './query';
import type { Container, JSONObject, OperationInput, OperationResponse, Response } from '@azure/cosmos';
import type { Application } from '../../domain/application';
import { APPLICATION_STATES, type ApplicationState } from '../../domain/application.state-machine';
import { z } from 'zod';
import type { AuditEvent } from '../../domain/audit-event';
import { AlreadyExists, ConcurrencyConflict } from '../../domain/errors';
import { isStorableId } from '../../domain/ids';
import type { Notification, OutboxMessage } from '../../domain/notification';
import { TIMINGS_PAGE, type ApplicationChange, type ApplicationFilter, type ApplicationRepository, type ApplicationTiming, type IdCursor, type ListOrder, type Page, type RankCursor, type SortCursor, type Versioned } from '../../domain/ports';
import { countChanges, NO_COUNTS, recount, type CohortCounts } from '../../domain/tally';
import { countsPatches, ORDER_PATHS, pageSize, whereFrom, whereOf, withoutPeople } from './application.queries';
import { MUNICIPALITIES } from '../../domain/municipalities';
import { ApplicantIndexDoc, ApplicationDoc, AuditDoc, COUNTS_ID, CountsDoc, applicantIndexId, applicationBody, outboxId, withoutSystem } from './documents';
import { statusOf } from './errors';
import { forget, readOnce, remember } from './turn-cache';
import { sameDocument, settleAmbiguousWrite } from './read-back';

/** Our own values as a document body: a JSON round trip, which also drops undefined properties. */
const body = (value: object): JSONObject => JSON.parse(JSON.stringify(value)) as JSONObject;

/** An application's key in the turn's memory of reads (turn-cache.ts). */
export const applicationKey = (cohortId: string, id: string) => `application/${cohortId}/${id}`;

export function toVersioned(doc: unknown): Versioned<Application> {
  const parsed = ApplicationDoc.parse(doc);
  return { value: withoutSystem(parsed), etag: parsed._etag };
}

/** A page from a query that asked for one more than `size`: that one, when there, says a next page starts after the last shown. */
function pageOf<T, C>(found: readonly T[], size: number, cursorOf: (last: T) => C): Page<T, C> {
  const items = found.slice(0, size);
  const last = items.at(-1);
  return found.length > size && last !== undefined ? { items, next: cursorOf(last) } : { items };
}

/** The key a document is ordered by, as its `list` keeps it (documents.ts). */
function keyOf(doc: Record<string, unknown>, by: ListOrder['by']): string | number {
  if (by === 'state') return String(doc.state);
  const list = (doc.list ?? {}) as Record<string, unknown>;
  const key = list[by];
  return typeof key === 'number' || typeof key === 'string' ? key : '';
}

/** One row of the timings query, parsed as every read is. */
const TimingRow = ApplicationDoc.pick({ id: true, state: true, submittedAt: true, approvals: true, selection: true }).extend({ municipality: z.enum(MUNICIPALITIES).optional() });

/** One row of workOf's query: an application's state and what it says of the person. Parsed, as every read is. */
const WorkRow = z.object({ state: z.enum(APPLICATION_STATES), decides: z.boolean(), onTeam: z.boolean() });

/**
 * Applications, audit events, applicant index, outbox and the cohort's counters share the `applications` container
 * and the cohort partition, so a change, its audit event, its notifications and the counters it moves go in one
 * transactional batch, the guarded write first (docs/decisions/0002 and 0005). Every query reads a page, a count or
 * one application's documents, never a cohort.
 */
export class CosmosApplicationRepository implements ApplicationRepository {
  /** Cohorts whose counters document is known to exist (it is made once, before the cohort's first application). */
  private readonly counted = new Set<string>();

  /**
   * `restricted` names the people whose data is restricted (GDPR art. 18, ADR 0019): every list (`page`, `sortedPage`,
   * `rankedPage`, `findByDecider`, `findDecidedBy`) leaves out the applications they are on, and so does every fan-out
   * that pages (they are not processed). Point reads, the person's own reads and the figures (`count`, `counts`,
   * `timings`) are untouched: the data is kept, and a count names nobody.
   */
  constructor(
    private readonly container: Container,
    private readonly restricted: () => Promise<readonly string[]> = async () => [],
  ) {}

  /** A cross-partition list about one person (`@id`), without the applications of restricted people. */
  private async byPerson(condition: string, personId: string) {
    const where = whereFrom(condition, { id: personId });
    withoutPeople(where, await this.restricted());
    return where;
  }

  /** The where clause of a list, without the applications of restricted people. */
  private async listWhere(cohortId: string, filter: ApplicationFilter) {
    const where = whereOf(cohortId, filter);
    withoutPeople(where, await this.restricted());
    return where;
  }

  // Every read first asks whether the ids can exist at all (domain/ids.ts): one that cannot is "none",
  // without a request Cosmos would refuse.
  async get(cohortId: string, id: string): Promise<Versioned<Application> | null> {
    if (!isStorableId(cohortId) || !isStorableId(id)) return null;
    return readOnce(applicationKey(cohortId, id), async () => {
      const { resource } = await this.container.item(id, cohortId).read();
      return resource && resource.type === 'application' ? toVersioned(resource) : null;
    });
  }

  async findByApplicant(cohortId: string, applicantId: string): Promise<Versioned<Application> | null> {
    if (!isStorableId(cohortId) || !isStorableId(applicantId)) return null;
    // Two point reads (the applicant's index document names the application): cheaper than a query, which costs a
    // query-plan request besides.
    const { resource } = await this.container.item(applicantIndexId(applicantId), cohortId).read();
    return resource ? this.get(cohortId, ApplicantIndexDoc.parse(resource).applicationId) : null;
  }

  async page(cohortId: string, filter: ApplicationFilter, size: number, after?: IdCursor): Promise<Page<Versioned<Application>, IdCursor>> {
    if (!isStorableId(cohortId)) return { items: [] };
    const where = await this.listWhere(cohortId, filter);
    if (after !== undefined) where.add('c.id > @after', { after });
    const found = await queryAll(this.container, `SELECT TOP ${pageSize(size) + 1} * FROM c WHERE ${where.text()} ORDER BY c.id ASC`, where.parameters, cohortId);
    return pageOf(found.map(toVersioned), size, (last) => last.value.id);
  }

  async sortedPage(cohortId: string, filter: ApplicationFilter, order: ListOrder, size: number, after?: SortCursor): Promise<Page<Application, SortCursor>> {
    if (!isStorableId(cohortId)) return { items: [] };
    const where = await this.listWhere(cohortId, filter);
    const path = ORDER_PATHS[order.by];
    // Both keys in one direction, so one composite index (containers.ts) serves the order and its reverse.
    const beyond = order.desc ? '<' : '>';
    if (after) where.add(`(${path} ${beyond} @afterKey OR (${path} = @afterKey AND c.id ${beyond} @afterId))`, { afterKey: after.key, afterId: after.id });
    const direction = order.desc ? 'DESC' : 'ASC';
    const found = await queryAll(this.container, `SELECT TOP ${pageSize(size) + 1} * FROM c WHERE ${where.text()} ORDER BY ${path} ${direction}, c.id ${direction}`, where.parameters, cohortId);
    const page = pageOf(found as Record<string, unknown>[], size, (last) => ({ key: keyOf(last, order.by), id: String(last.id) }));
    return { items: page.items.map((d) => toVersioned(d).value), ...(page.next ? { next: page.next } : {}) };
  }

  async timings(cohortId: string, size: number, after?: IdCursor): Promise<Page<ApplicationTiming, IdCursor>> {
    if (!isStorableId(cohortId)) return { items: [] };
    if (!Number.isInteger(size) || size < 1 || size > TIMINGS_PAGE) throw new RangeError(`a page of timings holds 1–${TIMINGS_PAGE}`);
    const where = whereOf(cohortId, {});
    where.add('IS_DEFINED(c.submittedAt)', {});
    if (after !== undefined) where.add('c.id > @after', { after });
    const found = await queryAll(
      this.container,
      `SELECT TOP ${size + 1} c.id, c.state, c.submittedAt, c.approvals, c.selection, c.about.municipality AS municipality FROM c WHERE ${where.text()} ORDER BY c.id ASC`,
      where.parameters,
      cohortId,
    );
    return pageOf(found.map((row) => TimingRow.parse(row)), size, (last) => last.id);
  }

  async rankedPage(cohortId: string, filter: ApplicationFilter, size: number, after?: RankCursor): Promise<Page<Application, RankCursor>> {
    if (!isStorableId(cohortId)) return { items: [] };
    const where = await this.listWhere(cohortId, filter);
    where.add('IS_NUMBER(c.jury.mean)', {});
    if (after) where.add('(c.jury.mean < @afterMean OR (c.jury.mean = @afterMean AND c.id > @afterId))', { afterMean: after.mean, afterId: after.id });
    const found = await queryAll(this.container, `SELECT TOP ${pageSize(size) + 1} * FROM c WHERE ${where.text()} ORDER BY c.jury.mean DESC, c.id ASC`, where.parameters, cohortId);
    return pageOf(found.map((d) => toVersioned(d).value), size, (last) => ({ mean: last.jury?.mean ?? 0, id: last.id }));
  }

  async count(cohortId: string, filter: ApplicationFilter): Promise<number> {
    if (!isStorableId(cohortId)) return 0;
    const where = whereOf(cohortId, filter);
    const [n] = await queryAll(this.container, `SELECT VALUE COUNT(1) FROM c WHERE ${where.text()}`, where.parameters, cohortId);
    return typeof n === 'number' ? n : 0;
  }

  async counts(cohortId: string): Promise<CohortCounts> {
    if (!isStorableId(cohortId)) return NO_COUNTS;
    const { resource } = await this.container.item(COUNTS_ID, cohortId).read();
    if (!resource) return NO_COUNTS;
    const { byState, reviewed, recommended } = CountsDoc.parse(resource);
    return { byState, reviewed, recommended };
  }

  async findByDecider(personId: string, limit: number): Promise<readonly Versioned<Application>[]> {
    if (!isStorableId(personId)) return [];
    const where = await this.byPerson("c.type = 'application' AND c.state = 'awaitingManager' AND ARRAY_CONTAINS(c.deciderIds, @id)", personId);
    const found = await queryAll(this.container, `SELECT TOP ${pageSize(limit)} * FROM c WHERE ${where.text()} ORDER BY c.updatedAt ASC`, where.parameters);
    return found.map(toVersioned);
  }

  async findDecidedBy(personId: string, limit: number): Promise<readonly Versioned<Application>[]> {
    if (!isStorableId(personId)) return [];
    const where = await this.byPerson("c.type = 'application' AND ARRAY_CONTAINS(c.decidedByIds, @id)", personId);
    const found = await queryAll(this.container, `SELECT TOP ${pageSize(limit)} * FROM c WHERE ${where.text()} ORDER BY c.updatedAt DESC`, where.parameters);
    return found.map(toVersioned);
  }

  async findAllByApplicant(applicantId: string): Promise<readonly Versioned<Application>[]> {
    if (!isStorableId(applicantId)) return [];
    const found = await queryAll(this.container, "SELECT * FROM c WHERE c.type = 'application' AND c.applicantId = @applicantId", { applicantId });
    return found.map(toVersioned).sort((a, b) => b.value.createdAt.localeCompare(a.value.createdAt));
  }

  async findTeamsOf(personId: string): Promise<readonly Versioned<Application>[]> {
    if (!isStorableId(personId)) return [];
    const found = await queryAll(
      this.container,
      "SELECT * FROM c WHERE c.type = 'application' AND (c.applicantId = @id OR ARRAY_CONTAINS(c.coApplicants, { personId: @id, status: 'confirmed' }, true))",
      { id: personId },
    );
    return found.map(toVersioned).sort((a, b) => b.value.createdAt.localeCompare(a.value.createdAt));
  }

  async workOf(personId: string): Promise<{ readonly decidesPending: boolean; readonly teamStates: readonly ApplicationState[] }> {
    if (!isStorableId(personId)) return { decidesPending: false, teamStates: [] };
    const decides = "(c.state = 'awaitingManager' AND ARRAY_CONTAINS(c.deciderIds, @id))";
    const onTeam = "(c.applicantId = @id OR ARRAY_CONTAINS(c.coApplicants, { personId: @id, status: 'confirmed' }, true))";
    const found = await queryAll(
      this.container,
      `SELECT c.state, ${decides} AS decides, ${onTeam} AS onTeam FROM c WHERE c.type = 'application' AND (${decides} OR ${onTeam})`,
      { id: personId },
    );
    const rows = found.map((row) => WorkRow.parse(row));
    return { decidesPending: rows.some((r) => r.decides), teamStates: rows.filter((r) => r.onTeam).map((r) => r.state) };
  }

  async create(application: Application, audit: AuditEvent, notifications: readonly Notification[] = []): Promise<Versioned<Application>> {
    await this.ensureCounts(application.cohortId);
    const index = { type: 'applicantIndex', id: applicantIndexId(application.applicantId), cohortId: application.cohortId, applicantId: application.applicantId, applicationId: application.id };
    const [saved] = await writeApplications(this.container, [{ application, previous: null, audit, notifications }], { first: [{ operationType: 'Create', resourceBody: body(ApplicantIndexDoc.parse(index)) }] });
    return saved as Versioned<Application>;
  }

  async update(change: ApplicationChange): Promise<Versioned<Application>> {
    const [saved] = await this.updateMany([change]);
    return saved as Versioned<Application>;
  }

  async updateMany(changes: readonly ApplicationChange[]): Promise<readonly Versioned<Application>[]> {
    return changes.length === 0 ? [] : writeApplications(this.container, changes);
  }

  /** Made once per cohort, before its first application; a second instance making it at the same time finds it there. */
  private async ensureCounts(cohortId: string): Promise<void> {
    if (this.counted.has(cohortId)) return;
    try {
      await this.container.items.create(CountsDoc.omit({ _etag: true }).parse({ type: 'counts', id: COUNTS_ID, cohortId, ...NO_COUNTS }));
    } catch (e) {
      if (statusOf(e) !== 409) throw e;
    }
    this.counted.add(cohortId);
  }

  async auditTrail(cohortId: string, applicationId: string): Promise<readonly AuditEvent[]> {
    if (!isStorableId(cohortId) || !isStorableId(applicationId)) return [];
    const resources = await queryAll(this.container, "SELECT * FROM c WHERE c.type = 'audit' AND c.applicationId = @applicationId", { applicationId }, cohortId);
    return resources
      .map((d) => withoutSystem(AuditDoc.parse(d)))
      .sort((a, b) => (a.at === b.at ? 0 : a.at < b.at ? -1 : 1));
  }
}

/** A change of one application as a batch writes it: created when there is no previous version, else replaced under it. */
export interface BatchChange {
  readonly application: Application;
  readonly previous: Versioned<Application> | null;
  readonly audit: AuditEvent | null;
  readonly notifications?: readonly Notification[];
}

/**
 * Writes changes of applications of one cohort in one transactional batch: `first` (the applicant index of a new
 * application), the guarded write of each application (Create, or Replace IfMatch its previous version), `then` (a
 * score or recusal moving the application's summary), the audit events, the outbox messages and the counters they
 * move. The batch is all or nothing (in Cosmos DB, and in the embedded server as patched): a refused write writes
 * nothing, 412/404 is a ConcurrencyConflict and 409 an AlreadyExists. When the answer is lost (a reset, a timeout, a
 * 5xx), the store is read back before anything is thrown. The turn forgets what it read of these applications, and
 * remembers what it wrote when the batch succeeds.
 */
export async function writeApplications(container: Container, changes: readonly BatchChange[], extra: { first?: readonly OperationInput[]; then?: readonly OperationInput[] } = {}): Promise<Versioned<Application>[]> {
  const pk = changes[0]?.application.cohortId ?? '';
  const first = extra.first ?? [];
  const guarded: OperationInput[] = [
    ...first,
    ...changes.map(({ application, previous }): OperationInput =>
      previous ? { operationType: 'Replace', id: application.id, resourceBody: applicationBody(application), ifMatch: previous.etag } : { operationType: 'Create', resourceBody: applicationBody(application) },
    ),
    ...(extra.then ?? []),
  ];
  const audits: AuditEvent[] = [];
  const outbox: (OutboxMessage & { type: 'outbox' })[] = [];
  for (const { application, audit, notifications = [] } of changes) {
    if (application.cohortId !== pk) throw new Error('a batch holds the changes of one cohort');
    if (audit && (audit.applicationId !== application.id || audit.cohortId !== application.cohortId)) {
      throw new Error('audit event does not belong to the application it is written with');
    }
    if (notifications.some((n) => n.cohortId !== application.cohortId || n.applicationId !== application.id)) {
      throw new Error('notification does not belong to the application it is written with');
    }
    if (audit) audits.push(audit);
    const at = audit?.at ?? application.updatedAt;
    outbox.push(...notifications.map((n): OutboxMessage & { type: 'outbox' } => ({ ...n, type: 'outbox', id: outboxId(n.idempotencyKey), status: 'pending', attempts: 0, dueAt: n.dueAt ?? at, createdAt: at })));
  }
  const operations: OperationInput[] = [
    ...guarded,
    ...audits.map((a): OperationInput => ({ operationType: 'Create', resourceBody: body({ ...a, type: 'audit' }) })),
    ...outbox.map((o): OperationInput => ({ operationType: 'Create', resourceBody: body(o) })),
    ...countsPatches(changes.flatMap((c) => countChanges(c.previous?.value ?? null, c.application))),
  ].map((op) => ({ ...op, partitionKey: pk }) as OperationInput);
  if (operations.length > 100) throw new Error(`a batch holds at most 100 operations, not ${operations.length}`);

  for (const c of changes) forget(applicationKey(pk, c.application.id));
  let response: Response<OperationResponse[]>;
  try {
    response = await container.items.batch(operations, pk);
  } catch (e) {
    // The answer is lost, not necessarily the write. The batch is all or nothing, so the applications as we wrote
    // them beside the first audit event means it was applied (without an audit event: beside its last message,
    // which only has to exist, as the outbox worker may have claimed it since). Then answer as if we had heard so,
    // rather than telling the person that what they did failed.
    const written = changes.map((c) => applicationBody(c.application));
    const lastMessage = outbox.at(-1);
    const firstAudit = audits[0];
    const beside: { id: string; doc?: JSONObject } | undefined = firstAudit ? { id: firstAudit.id, doc: body({ ...firstAudit, type: 'audit' }) } : lastMessage ? { id: lastMessage.id } : undefined;
    return settleAmbiguousWrite(e, async (read) => {
      const [other, ...stored] = await Promise.all([beside ? read(container, beside.id, pk) : undefined, ...changes.map((c) => read(container, c.application.id, pk))]);
      if (!stored.every((doc, i) => sameDocument(doc, written[i] as JSONObject))) return undefined;
      if (beside && (other === undefined || (beside.doc !== undefined && !sameDocument(other, beside.doc)))) return undefined;
      return stored.map(toVersioned);
    });
  }
  const results = response.result ?? [];
  const failed = results.findIndex((r) => r.statusCode >= 400 && r.statusCode !== 424);
  if (failed >= 0) {
    const status = results[failed]?.statusCode;
    const id = changes[0]?.application.id ?? '';
    // 404: the application to replace is gone, which is someone else's change as much as a stale ETag is.
    if (failed < guarded.length && (status === 412 || status === 404)) throw new ConcurrencyConflict('application', id);
    if (failed < guarded.length && status === 409) throw new AlreadyExists('application', id);
    throw new Error(`application batch failed at operation ${failed} with status ${status}`);
  }
  if (results.length !== operations.length) throw new Error('application batch returned no result');
  const saved = results.slice(first.length, first.length + changes.length).map((r) => toVersioned(r.resourceBody));
  for (const v of saved) remember(applicationKey(pk, v.value.id), v);
  return saved;
}

/**
 * At start-up, before the app serves: a counters document made before the `recommended` counter (issue 17) gets it,
 * recounted from its cohort's recommended applications (few), as `incr` fails on a path whose parent is missing. The
 * Patch is conditional, so of two instances starting at once one adds it. Returns how many documents got it.
 */
export async function addRecommendedCounters(container: Container): Promise<number> {
  const old = await queryAll(container, "SELECT c.cohortId FROM c WHERE c.type = 'counts' AND NOT IS_DEFINED(c.recommended)", {});
  let added = 0;
  for (const { cohortId } of old.map((d) => z.object({ cohortId: z.string() }).parse(d))) {
    // All of them, restricted people's too (a count names nobody).
    const where = whereOf(cohortId, { recommended: true });
    const recommended = await queryAll(container, `SELECT * FROM c WHERE ${where.text()}`, where.parameters, cohortId);
    const value = recount(recommended.map((d) => toVersioned(d).value)).recommended;
    added += await container
      .item(COUNTS_ID, cohortId)
      .patch({ condition: 'FROM c WHERE NOT IS_DEFINED(c.recommended)', operations: [{ op: 'add', path: '/recommended', value }] })
      .then(
        () => 1,
        (e: unknown) => {
          if (statusOf(e) !== 412) throw e;
          return 0;
        },
      );
  }
  return added;
}
