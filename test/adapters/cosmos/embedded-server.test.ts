/**
 * The embedded Cosmos DB server as patched in patches/ (patches/README.md), through the real @azure/cosmos client:
 * - the query engine builds its rows in linear time and still answers what Cosmos DB SQL says (checked against a
 *   brute-force evaluation in JavaScript);
 * - a query that names its partition sees only that partition;
 * - the equality index changes which documents a query looks at, never what it answers, across writes, replaces,
 *   deletes and pages;
 * - Patch works inside a transactional batch.
 */
import type { Container, ItemDefinition, JSONObject, OperationInput, OperationResponse, PatchOperation, SqlParameter } from '@azure/cosmos';
import { embeddedStoreFor } from '../../helpers/embedded-cosmos';

const store = embeddedStoreFor('embedded-server');

async function containerFor(id: string, partitionKeyPath: string): Promise<Container> {
  const { container } = await store().database.containers.createIfNotExists({ id, partitionKey: { paths: [partitionKeyPath] } });
  return container;
}

/** Every row of a query (all its pages), within one partition when `partitionKey` is given. */
async function rowsOf(container: Container, query: string, parameters: SqlParameter[] = [], partitionKey?: string | number): Promise<unknown[]> {
  const { resources } = await container.items.query<unknown>({ query, parameters }, partitionKey === undefined ? {} : { partitionKey }).fetchAll();
  return resources;
}

/** The same rows fetched `maxItemCount` at a time, each page by a new iterator resuming from the previous page's continuation token. */
async function pagedRowsOf(container: Container, query: string, parameters: SqlParameter[], maxItemCount: number, partitionKey?: string): Promise<{ rows: unknown[]; pages: number }> {
  const rows: unknown[] = [];
  let pages = 0;
  let continuationToken: string | undefined;
  do {
    const options = { maxItemCount, ...(continuationToken === undefined ? {} : { continuationToken }), ...(partitionKey === undefined ? {} : { partitionKey }) };
    const page = await container.items.query<unknown>({ query, parameters }, options).fetchNext();
    expect(page.resources.length).toBeLessThanOrEqual(maxItemCount);
    rows.push(...page.resources);
    pages += 1;
    continuationToken = page.continuationToken;
  } while (continuationToken && pages < 1000);
  return { rows, pages };
}

/** A document as written: without the properties the server adds (_rid, _etag, _self, _ts). */
function withoutSystemProperties(row: unknown): unknown {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return row;
  return Object.fromEntries(Object.entries(row).filter(([key]) => !key.startsWith('_')));
}

const byJson = (rows: readonly unknown[]) => rows.map((r) => JSON.stringify(r)).sort();

/** Creates the documents, in transactional batches of up to 100 per partition. */
async function writeAll<T extends { id: string }>(container: Container, docs: readonly T[], partitionKeyOf: (doc: T) => string): Promise<void> {
  const byPartition = new Map<string, OperationInput[]>();
  for (const doc of docs) {
    const pk = partitionKeyOf(doc);
    byPartition.set(pk, [...(byPartition.get(pk) ?? []), { operationType: 'Create', resourceBody: doc as unknown as JSONObject }]);
  }
  for (const [pk, operations] of byPartition) {
    for (let i = 0; i < operations.length; i += 100) {
      const response = await container.items.batch(operations.slice(i, i + 100), pk);
      expect(response.result?.every((r) => r.statusCode === 201)).toBe(true);
    }
  }
}

/** A small deterministic generator, so that a failure can be replayed. */
function generator(seed: number): { next(): number; pick<T>(values: readonly T[]): T; chance(p: number): boolean } {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  return { next, pick: (values) => values[Math.floor(next() * values.length)] as (typeof values)[number], chance: (p) => next() < p };
}

// ---------------------------------------------------------------------------------------------
// 1. The query engine against a brute-force evaluation

interface Pet {
  kind: string;
}
interface Child {
  name: string;
  pets?: Pet[];
}
interface Doc {
  id: string;
  pk: string;
  seq: number;
  type?: string;
  n?: number | string | null;
  name?: string;
  flag?: boolean;
  tags?: (string | number | null)[];
  children?: Child[];
  nested?: { a?: (number | null)[]; b?: string };
}

function engineDocs(): Doc[] {
  const g = generator(20240611);
  const docs: Doc[] = [];
  for (let i = 0; i < 400; i += 1) {
    const doc: Doc = { id: `d${String(i).padStart(3, '0')}`, pk: `p${i % 4}`, seq: (i * 7919) % 400 };
    if (g.chance(0.85)) doc.type = g.pick(['a', 'b', 'c']);
    if (g.chance(0.75)) doc.n = g.chance(0.9) ? Math.floor(g.next() * 10) : g.pick(['7', null]);
    if (g.chance(0.8)) doc.name = g.pick(['Ada', 'Bo', 'Cy', 'Di', 'Ek']) + String(i);
    if (g.chance(0.4)) doc.flag = g.chance(0.5);
    if (g.chance(0.6)) doc.tags = Array.from({ length: Math.floor(g.next() * 4) }, () => g.pick(['x', 'y', 'z', null, 1]));
    if (g.chance(0.5)) {
      doc.children = Array.from({ length: Math.floor(g.next() * 3) }, (_, k) => {
        const child: Child = { name: `k${k}` };
        if (g.chance(0.6)) child.pets = Array.from({ length: 1 + Math.floor(g.next() * 2) }, () => ({ kind: g.pick(['cat', 'dog']) }));
        return child;
      });
    }
    if (g.chance(0.2)) doc.nested = g.chance(0.5) ? { a: [1, null, 2] } : { b: 'only-b' };
    docs.push(doc);
  }
  return docs;
}

/** Cosmos DB SQL's comparisons: a comparison of different types, or with an undefined side, is undefined (not false). */
const isNumber = (v: unknown): v is number => typeof v === 'number';
const gt = (v: unknown, than: number) => (isNumber(v) ? v > than : undefined);
const not = (v: boolean | undefined) => (v === undefined ? undefined : !v);
const or = (a: boolean | undefined, b: boolean | undefined) => (a === true || b === true ? true : a === undefined || b === undefined ? undefined : false);
const ascending = (key: (d: Doc) => number) => (x: Doc, y: Doc) => key(x) - key(y);

interface EngineCase {
  readonly name: string;
  readonly query: string;
  readonly parameters?: SqlParameter[];
  /** The rows, as Cosmos DB SQL defines them, of the query over `docs`. */
  readonly expected: (docs: readonly Doc[]) => unknown[];
  /** ORDER BY: the rows must come in exactly this order; otherwise the order is the server's own. */
  readonly ordered?: boolean;
}

const ENGINE_CASES: readonly EngineCase[] = [
  {
    name: 'SELECT * with AND (a missing or non-number n is not > 3)',
    query: "SELECT * FROM c WHERE c.type = 'a' AND c.n > 3",
    expected: (docs) => docs.filter((d) => d.type === 'a' && gt(d.n, 3) === true),
  },
  {
    name: 'OR with NOT: NOT of undefined stays undefined',
    query: "SELECT c.id FROM c WHERE c.type = 'a' OR NOT (c.n > 3)",
    expected: (docs) => docs.filter((d) => or(d.type === undefined ? undefined : d.type === 'a', not(gt(d.n, 3))) === true).map((d) => ({ id: d.id })),
  },
  {
    name: 'NOT of an equality: documents without the property are left out',
    query: "SELECT c.id FROM c WHERE NOT (c.type = 'b')",
    expected: (docs) => docs.filter((d) => d.type !== undefined && d.type !== 'b').map((d) => ({ id: d.id })),
  },
  {
    name: 'IN',
    query: "SELECT c.id, c.type FROM c WHERE c.type IN ('a', 'c')",
    expected: (docs) => docs.filter((d) => d.type === 'a' || d.type === 'c').map((d) => ({ id: d.id, type: d.type })),
  },
  {
    name: 'ARRAY_CONTAINS of a string',
    query: "SELECT c.id FROM c WHERE ARRAY_CONTAINS(c.tags, 'x')",
    expected: (docs) => docs.filter((d) => d.tags?.includes('x')).map((d) => ({ id: d.id })),
  },
  {
    name: 'ARRAY_CONTAINS of null (arrays holding nulls)',
    query: 'SELECT c.id FROM c WHERE ARRAY_CONTAINS(c.tags, null)',
    expected: (docs) => docs.filter((d) => d.tags?.includes(null)).map((d) => ({ id: d.id })),
  },
  {
    name: 'parameters',
    query: 'SELECT c.id FROM c WHERE c.type = @t AND c.n >= @min',
    parameters: [
      { name: '@t', value: 'b' },
      { name: '@min', value: 5 },
    ],
    expected: (docs) => docs.filter((d) => d.type === 'b' && isNumber(d.n) && d.n >= 5).map((d) => ({ id: d.id })),
  },
  {
    name: 'JOIN over an array holding nulls and numbers',
    query: 'SELECT c.id, t AS tag FROM c JOIN t IN c.tags',
    expected: (docs) => docs.flatMap((d) => (d.tags ?? []).map((t) => ({ id: d.id, tag: t }))),
  },
  {
    name: 'two JOINs (children, then their pets; a child without pets gives no row)',
    query: 'SELECT c.id, ch.name AS child, p.kind FROM c JOIN ch IN c.children JOIN p IN ch.pets',
    expected: (docs) => docs.flatMap((d) => (d.children ?? []).flatMap((ch) => (ch.pets ?? []).map((p) => ({ id: d.id, child: ch.name, kind: p.kind })))),
  },
  {
    name: 'JOIN with a WHERE on the joined value',
    query: "SELECT c.id FROM c JOIN t IN c.tags WHERE t = 'y' AND c.type = 'c'",
    expected: (docs) => docs.flatMap((d) => (d.type === 'c' ? (d.tags ?? []).filter((t) => t === 'y').map(() => ({ id: d.id })) : [])),
  },
  {
    name: 'ORDER BY ascending',
    query: 'SELECT c.id, c.seq FROM c ORDER BY c.seq ASC',
    expected: (docs) => [...docs].sort(ascending((d) => d.seq)).map((d) => ({ id: d.id, seq: d.seq })),
    ordered: true,
  },
  {
    name: 'WHERE and ORDER BY descending',
    query: "SELECT c.id FROM c WHERE c.type = 'a' ORDER BY c.seq DESC",
    expected: (docs) => docs.filter((d) => d.type === 'a').sort(ascending((d) => -d.seq)).map((d) => ({ id: d.id })),
    ordered: true,
  },
  {
    name: 'SELECT VALUE of a property some documents lack (no row for them)',
    query: 'SELECT VALUE c.name FROM c WHERE c.flag = true',
    expected: (docs) => docs.filter((d) => d.flag === true && d.name !== undefined).map((d) => d.name),
  },
  {
    name: 'SELECT VALUE of arrays holding nulls',
    query: 'SELECT VALUE c.tags FROM c WHERE IS_DEFINED(c.tags)',
    expected: (docs) => docs.filter((d) => d.tags !== undefined).map((d) => d.tags),
  },
  {
    name: 'nested objects with missing properties',
    query: 'SELECT c.id, c.nested.a, c.nested.b FROM c WHERE IS_DEFINED(c.nested)',
    expected: (docs) => docs.filter((d) => d.nested !== undefined).map((d) => ({ id: d.id, ...(d.nested?.a ? { a: d.nested.a } : {}), ...(d.nested?.b ? { b: d.nested.b } : {}) })),
  },
  {
    name: 'COUNT with a WHERE',
    query: "SELECT VALUE COUNT(1) FROM c WHERE c.type = 'b' OR c.flag = true",
    expected: (docs) => [docs.filter((d) => d.type === 'b' || d.flag === true).length],
  },
  {
    name: 'COUNT of every document',
    query: 'SELECT VALUE COUNT(1) FROM c',
    expected: (docs) => [docs.length],
  },
];

describe('the query engine builds its rows in linear time and answers what a brute-force evaluation does', () => {
  const docs = engineDocs();
  let container: Container;

  beforeAll(async () => {
    container = await containerFor('engine', '/pk');
    await writeAll(container, docs, (d) => d.pk);
  });

  const compare = (c: EngineCase, actual: unknown[], expected: unknown[]) => {
    const rows = actual.map(withoutSystemProperties);
    if (c.ordered) expect(rows).toEqual(expected);
    else expect(byJson(rows)).toEqual(byJson(expected));
  };

  it.each(ENGINE_CASES)('across partitions: $name', async (c) => {
    const expected = c.expected(docs);
    expect(expected.length).toBeGreaterThan(0);
    compare(c, await rowsOf(container, c.query, c.parameters), expected);
  });

  it.each(ENGINE_CASES)('within one partition: $name', async (c) => {
    compare(c, await rowsOf(container, c.query, c.parameters, 'p2'), c.expected(docs.filter((d) => d.pk === 'p2')));
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Partitions

describe('a query that names its partition sees only that partition', () => {
  let container: Container;

  beforeAll(async () => {
    container = await containerFor('partitions', '/pk');
    const docs = [
      ...Array.from({ length: 30 }, (_, i) => ({ id: `d${i}`, pk: `p${i % 3}`, kind: 'doc' })),
      // typed partition key values: the number 1 and the string "1" are different partitions
      { id: 'number-one', pk: 1, kind: 'typed' },
      { id: 'string-one', pk: '1', kind: 'typed' },
    ];
    for (const doc of docs) await container.items.create(doc);
  });

  it('a WHERE that does not mention the partition key still sees only the partition named in the options', async () => {
    const ids = (await rowsOf(container, "SELECT VALUE c.id FROM c WHERE c.kind = 'doc'", [], 'p1')) as string[];
    expect(ids.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `d${i * 3 + 1}`).sort());
    expect(await rowsOf(container, 'SELECT VALUE COUNT(1) FROM c', [], 'p0')).toEqual([10]);
  });

  it('a query across partitions sees all of them', async () => {
    expect(await rowsOf(container, "SELECT VALUE COUNT(1) FROM c WHERE c.kind = 'doc'")).toEqual([30]);
    expect(await rowsOf(container, 'SELECT VALUE COUNT(1) FROM c')).toEqual([32]);
  });

  it('a partition that holds nothing answers nothing', async () => {
    expect(await rowsOf(container, 'SELECT * FROM c', [], 'nobody')).toEqual([]);
  });

  it('partition key values keep their type', async () => {
    expect(await rowsOf(container, 'SELECT VALUE c.id FROM c', [], 1)).toEqual(['number-one']);
    expect(await rowsOf(container, 'SELECT VALUE c.id FROM c', [], '1')).toEqual(['string-one']);
  });

  it('a document written, replaced and deleted moves in and out of its partition', async () => {
    await container.items.create({ id: 'late', pk: 'p1', kind: 'doc' });
    expect(await rowsOf(container, "SELECT VALUE COUNT(1) FROM c WHERE c.kind = 'doc'", [], 'p1')).toEqual([11]);
    await container.item('late', 'p1').replace({ id: 'late', pk: 'p1', kind: 'replaced' });
    expect(await rowsOf(container, "SELECT VALUE c.id FROM c WHERE c.kind = 'replaced'", [], 'p1')).toEqual(['late']);
    expect(await rowsOf(container, "SELECT VALUE c.id FROM c WHERE c.kind = 'replaced'", [], 'p2')).toEqual([]);
    await container.item('late', 'p1').delete();
    expect(await rowsOf(container, 'SELECT VALUE COUNT(1) FROM c', [], 'p1')).toEqual([10]);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. The equality index

interface IndexedDoc {
  id: string;
  cohortId: string;
  seq: number;
  type?: string | number | boolean;
  state?: string;
  flag?: boolean;
  tags?: string[];
  about?: { municipality: string };
}

function indexedDocs(): IndexedDoc[] {
  const g = generator(7);
  return Array.from({ length: 600 }, (_, i) => {
    const doc: IndexedDoc = { id: `i${i}`, cohortId: g.pick(['c1', 'c1', 'c2', 'c3']), seq: (i * 37) % 600 };
    // mostly strings; a few numbers and booleans, which must not match the string forms; some documents lack it
    if (g.chance(0.9)) doc.type = g.chance(0.9) ? g.pick(['application', 'audit', 'audit', 'note']) : g.pick([1, '1', true, 'true']);
    if (g.chance(0.8)) doc.state = g.pick(['draft', 'submitted', 'approved']);
    if (g.chance(0.3)) doc.flag = g.chance(0.5);
    if (g.chance(0.4)) doc.tags = [g.pick(['x', 'y']), g.pick(['y', 'z'])];
    if (g.chance(0.5)) doc.about = { municipality: g.pick(['Helsingborg', 'Lund']) };
    return doc;
  });
}

interface IndexPair {
  readonly name: string;
  /** A query whose WHERE has equality conjuncts the index can serve. */
  readonly indexed: string;
  /** The same query written so that no conjunct is `c.p = value`: the server scans every candidate document. */
  readonly scanned: string;
  readonly parameters?: SqlParameter[];
  /** Run within this partition as well as across partitions. */
  readonly partition?: string;
  /** Has an ORDER BY: the pages must come in the unpaged order. */
  readonly ordered?: boolean;
}

const INDEX_PAIRS: readonly IndexPair[] = [
  {
    name: "the application listing (c.type = 'application' AND c.cohortId = @c ORDER BY ...)",
    indexed: "SELECT * FROM c WHERE c.type = 'application' AND c.cohortId = @c ORDER BY c.seq DESC",
    scanned: "SELECT * FROM c WHERE (c.type = 'application' OR false) AND (c.cohortId = @c OR false) ORDER BY c.seq DESC",
    parameters: [{ name: '@c', value: 'c1' }],
    partition: 'c1',
    ordered: true,
  },
  {
    name: 'an IN over a parameter array (ARRAY_CONTAINS(@states, c.state), patch 005) with an equality, in order',
    indexed: "SELECT * FROM c WHERE c.type = 'application' AND ARRAY_CONTAINS(@states, c.state) ORDER BY c.seq DESC",
    scanned: "SELECT * FROM c WHERE (c.type = 'application' OR false) AND (ARRAY_CONTAINS(@states, c.state) OR false) ORDER BY c.seq DESC",
    parameters: [{ name: '@states', value: ['draft', 'approved'] }],
    partition: 'c1',
    ordered: true,
  },
  {
    name: 'an IN alone, in the order of the documents',
    indexed: 'SELECT c.id, c.type FROM c WHERE ARRAY_CONTAINS(@types, c.type)',
    scanned: 'SELECT c.id, c.type FROM c WHERE (ARRAY_CONTAINS(@types, c.type) OR false)',
    parameters: [{ name: '@types', value: ['note', 1, true] }],
    partition: 'c2',
    ordered: true,
  },
  {
    name: 'an IN that no document matches, and one over mixed values (not indexed, scanned as before)',
    indexed: "SELECT c.id FROM c WHERE ARRAY_CONTAINS(@none, c.state) OR ARRAY_CONTAINS(@mixed, c.state)",
    scanned: "SELECT c.id FROM c WHERE (ARRAY_CONTAINS(@none, c.state) OR false) OR (ARRAY_CONTAINS(@mixed, c.state) OR false)",
    parameters: [
      { name: '@none', value: ['nothing'] },
      { name: '@mixed', value: ['draft', { nested: true }] },
    ],
    partition: 'c1',
  },
  {
    name: 'an IN with no match answers nothing',
    indexed: "SELECT c.id FROM c WHERE c.type = 'application' AND ARRAY_CONTAINS(@none, c.state)",
    scanned: "SELECT c.id FROM c WHERE c.type = 'application' AND (ARRAY_CONTAINS(@none, c.state) OR false)",
    parameters: [{ name: '@none', value: ['nothing', 'either'] }],
  },
  {
    name: 'two parameters and a non-equality conjunct',
    indexed: 'SELECT c.id, c.state FROM c WHERE c.type = @t AND c.state = @s AND c.seq > 100',
    scanned: 'SELECT c.id, c.state FROM c WHERE (c.type = @t OR false) AND (c.state = @s OR false) AND c.seq > 100',
    parameters: [
      { name: '@t', value: 'audit' },
      { name: '@s', value: 'submitted' },
    ],
    partition: 'c2',
  },
  {
    name: 'a number does not match its string form',
    indexed: 'SELECT VALUE c.id FROM c WHERE c.type = 1',
    scanned: 'SELECT VALUE c.id FROM c WHERE (c.type = 1 OR false)',
  },
  {
    name: 'a string does not match the number or boolean it spells',
    indexed: "SELECT VALUE c.id FROM c WHERE c.type = '1' OR c.type = 'true'",
    scanned: "SELECT VALUE c.id FROM c WHERE (c.type = '1' OR false) OR (c.type = 'true' OR false)",
  },
  {
    name: 'a boolean',
    indexed: 'SELECT VALUE c.id FROM c WHERE c.flag = true AND c.type = @t',
    scanned: 'SELECT VALUE c.id FROM c WHERE (c.flag = true OR false) AND (c.type = @t OR false)',
    parameters: [{ name: '@t', value: 'note' }],
    partition: 'c1',
  },
  {
    name: 'the literal on the left, another alias, a quoted property name',
    indexed: "SELECT r.id FROM root r WHERE 'audit' = r.type AND r['state'] = 'draft' ORDER BY r.seq ASC",
    scanned: "SELECT r.id FROM root r WHERE ('audit' = r.type OR false) AND (r['state'] = 'draft' OR false) ORDER BY r.seq ASC",
    partition: 'c3',
    ordered: true,
  },
  {
    name: 'a JOIN',
    indexed: "SELECT c.id, t FROM c JOIN t IN c.tags WHERE c.type = 'application' AND t = 'y'",
    scanned: "SELECT c.id, t FROM c JOIN t IN c.tags WHERE (c.type = 'application' OR false) AND t = 'y'",
    partition: 'c1',
  },
  {
    name: 'a nested property beside an indexed one',
    indexed: "SELECT VALUE c.id FROM c WHERE c.about.municipality = 'Lund' AND c.state = 'approved'",
    scanned: "SELECT VALUE c.id FROM c WHERE (c.about.municipality = 'Lund' OR false) AND (c.state = 'approved' OR false)",
  },
  {
    name: 'COUNT',
    indexed: "SELECT VALUE COUNT(1) FROM c WHERE c.type = 'audit'",
    scanned: "SELECT VALUE COUNT(1) FROM c WHERE (c.type = 'audit' OR false)",
    partition: 'c2',
  },
  {
    name: 'a value no document holds',
    indexed: "SELECT * FROM c WHERE c.type = 'nothing'",
    scanned: "SELECT * FROM c WHERE (c.type = 'nothing' OR false)",
    partition: 'c1',
  },
];

describe('the equality index changes which documents a query looks at, never what it answers', () => {
  let container: Container;

  beforeAll(async () => {
    container = await containerFor('indexed', '/cohortId');
    await writeAll(container, indexedDocs(), (d) => d.cohortId);
  });

  /** Every pair answers alike, across partitions and within its partition, whole and in pages of `maxItemCount`. */
  async function expectIndexAgrees(maxItemCount = 7): Promise<void> {
    for (const pair of INDEX_PAIRS) {
      for (const partition of pair.partition === undefined ? [undefined] : [undefined, pair.partition]) {
        const what = `${pair.name}${partition ? ` in ${partition}` : ''}`;
        const indexed = await rowsOf(container, pair.indexed, pair.parameters, partition);
        const scanned = await rowsOf(container, pair.scanned, pair.parameters, partition);
        expect({ what, rows: pair.ordered ? indexed : byJson(indexed) }).toEqual({ what, rows: pair.ordered ? scanned : byJson(scanned) });
        if (pair.name.startsWith('COUNT') || indexed.length === 0) continue;
        // the pages, concatenated, are the unpaged answer in the same order
        const paged = await pagedRowsOf(container, pair.indexed, pair.parameters ?? [], maxItemCount, partition);
        expect({ what, rows: paged.rows }).toEqual({ what, rows: indexed });
        expect(paged.pages).toBe(Math.max(1, Math.ceil(indexed.length / maxItemCount)));
      }
    }
  }

  it('over the seeded documents', async () => {
    const listing = await rowsOf(container, INDEX_PAIRS[0]?.indexed ?? '', INDEX_PAIRS[0]?.parameters, 'c1');
    expect(listing.length).toBeGreaterThan(20);
    await expectIndexAgrees();
  });

  it('after documents are created', async () => {
    for (let i = 0; i < 40; i += 1) {
      await container.items.create({ id: `new${i}`, cohortId: i % 2 ? 'c1' : 'c2', seq: 1000 + i, type: i % 3 ? 'application' : 'audit', state: 'submitted', tags: ['y'] });
    }
    await expectIndexAgrees();
  });

  it('after replaces: a document whose indexed value changes moves to the other bucket', async () => {
    const query = "SELECT VALUE c.id FROM c WHERE c.type = 'application' AND c.state = 'submitted'";
    const before = (await rowsOf(container, query, [], 'c1')) as string[];
    expect(before).toContain('new1');
    const { resource } = await container.item('new1', 'c1').read<IndexedDoc>();
    await container.item('new1', 'c1').replace({ ...resource, type: 'audit', state: 'draft' });
    const after = (await rowsOf(container, query, [], 'c1')) as string[];
    expect(after).not.toContain('new1');
    expect(after.length).toBe(before.length - 1);
    expect(await rowsOf(container, "SELECT VALUE c.id FROM c WHERE c.type = 'audit' AND c.id = 'new1'", [], 'c1')).toEqual(['new1']);
    // a property removed by a replace leaves its bucket; an upsert that changes nothing indexed keeps it
    await container.item('new3', 'c1').replace({ id: 'new3', cohortId: 'c1', seq: 1003 });
    expect(await rowsOf(container, "SELECT VALUE c.id FROM c WHERE c.state = 'submitted' AND c.id = 'new3'", [], 'c1')).toEqual([]);
    await container.items.upsert({ id: 'new5', cohortId: 'c1', seq: 1005, type: 'application', state: 'submitted', tags: ['y'], note: 'upserted' });
    expect(await rowsOf(container, "SELECT VALUE c.note FROM c WHERE c.type = 'application' AND c.id = 'new5'", [], 'c1')).toEqual(['upserted']);
    await expectIndexAgrees();
  });

  it('after deletes and patches', async () => {
    await container.item('new7', 'c1').delete();
    await container.item('new9', 'c1').patch([{ op: 'set', path: '/type', value: 'note' }]);
    expect(await rowsOf(container, "SELECT VALUE c.id FROM c WHERE c.type = 'note' AND c.id = 'new9'", [], 'c1')).toEqual(['new9']);
    expect(await rowsOf(container, "SELECT VALUE c.id FROM c WHERE c.id = 'new7'", [], 'c1')).toEqual([]);
    await expectIndexAgrees(5);
  });

  it('pages stay in order when a page boundary falls on a JOIN row of one document', async () => {
    // each of these documents gives three rows, so pages of 2 split a document's rows
    for (let i = 0; i < 5; i += 1) await container.items.create({ id: `multi${i}`, cohortId: 'c3', seq: 2000 + i, type: 'multi', tags: ['a', 'b', 'c'] });
    const query = "SELECT c.id, t FROM c JOIN t IN c.tags WHERE c.type = 'multi'";
    const unpaged = await rowsOf(container, query, [], 'c3');
    expect(unpaged).toHaveLength(15);
    expect((await pagedRowsOf(container, query, [], 2, 'c3')).rows).toEqual(unpaged);
  });
});

describe('a TOP with ORDER BY reads a prefix of its candidates in order, and answers what the whole list does', () => {
  let container: Container;
  const ORDERED: { name: string; query: string; parameters?: SqlParameter[] }[] = [
    { name: 'by seq, the first ten', query: "SELECT TOP 10 * FROM c WHERE c.type = 'application' ORDER BY c.seq ASC" },
    { name: 'by seq descending, a filter few pass', query: "SELECT TOP 5 c.id, c.seq FROM c WHERE c.type = 'application' AND c.flag = true ORDER BY c.seq DESC" },
    { name: 'by a nested path with a keyset after', query: 'SELECT TOP 7 * FROM c WHERE c.about.municipality = @m AND c.seq > @after ORDER BY c.seq ASC', parameters: [{ name: '@m', value: 'Lund' }, { name: '@after', value: 300 }] },
    { name: 'two orders on a composite index', query: 'SELECT TOP 9 c.id FROM c WHERE ARRAY_CONTAINS(@states, c.state) ORDER BY c.state DESC, c.id ASC', parameters: [{ name: '@states', value: ['draft', 'approved'] }] },
    { name: 'a TOP larger than what matches', query: "SELECT TOP 90 VALUE c.id FROM c WHERE c.type = 'note' ORDER BY c.id ASC" },
    { name: 'none match', query: "SELECT TOP 3 * FROM c WHERE c.type = 'nothing' ORDER BY c.seq ASC" },
  ];

  beforeAll(async () => {
    const { container: made } = await store().database.containers.createIfNotExists({
      id: 'ordered',
      partitionKey: { paths: ['/cohortId'] },
      indexingPolicy: { compositeIndexes: [[{ path: '/state', order: 'descending' }, { path: '/id', order: 'ascending' }]] },
    });
    container = made;
    await writeAll(container, indexedDocs(), (d) => d.cohortId);
  });

  /** The same query without its TOP, cut to the TOP here: the whole list's answer. */
  async function expectPrefixAgrees(): Promise<void> {
    for (const q of ORDERED) {
      const top = Number(/TOP (\d+)/.exec(q.query)?.[1]);
      for (const partition of [undefined, 'c1']) {
        const whole = (await rowsOf(container, q.query.replace(/TOP \d+ /, ''), q.parameters, partition)).slice(0, top).map(withoutSystemProperties);
        const prefixed = (await rowsOf(container, q.query, q.parameters, partition)).map(withoutSystemProperties);
        expect({ name: q.name, partition, rows: prefixed }).toEqual({ name: q.name, partition, rows: whole });
      }
    }
  }

  it('over the seeded documents, asked twice (the second time from the kept order)', async () => {
    await expectPrefixAgrees();
    await expectPrefixAgrees();
  });

  it('after writes that move documents in the order, in and out of the filter', async () => {
    const { resource } = await container.item('i5', (await rowsOf(container, "SELECT VALUE c.cohortId FROM c WHERE c.id = 'i5'"))[0] as string).read<IndexedDoc>();
    await container.items.upsert({ ...resource, seq: -1, type: 'application', flag: true, about: { municipality: 'Lund' } });
    for (let i = 0; i < 20; i += 1) await container.items.create({ id: `o${i}`, cohortId: 'c1', seq: -100 - i, type: i % 2 ? 'application' : 'note', state: 'draft', flag: true });
    await container.item('o4', 'c1').delete();
    await expectPrefixAgrees();
  });
});

describe('a transactional batch is all or nothing', () => {
  let container: Container;
  beforeAll(async () => {
    container = await containerFor('atomic', '/cohortId');
  });
  const stored = async (id: string) => (await container.item(id, 'c').read<JSONObject & { _etag: string }>()).resource;

  it('a guard that fails after writes undoes them: replaced, created, patched and deleted documents are as they were', async () => {
    await container.items.create({ id: 'a', cohortId: 'c', n: 1 });
    await container.items.create({ id: 'b', cohortId: 'c', n: 1 });
    await container.items.create({ id: 'gone', cohortId: 'c', n: 1 });
    await container.items.create({ id: 'counter', cohortId: 'c', counts: { x: 1 } });
    const [a, b, gone, counter] = await Promise.all(['a', 'b', 'gone', 'counter'].map(stored));
    const { result } = await container.items.batch(
      [
        { operationType: 'Replace', id: 'a', resourceBody: { id: 'a', cohortId: 'c', n: 2 }, ifMatch: a?._etag },
        { operationType: 'Create', resourceBody: { id: 'new', cohortId: 'c' } },
        { operationType: 'Patch', id: 'counter', resourceBody: { operations: [{ op: 'incr', path: '/counts/x', value: 5 }] } },
        { operationType: 'Delete', id: 'gone' },
        { operationType: 'Replace', id: 'b', resourceBody: { id: 'b', cohortId: 'c', n: 2 }, ifMatch: '"stale"' },
        { operationType: 'Create', resourceBody: { id: 'after', cohortId: 'c' } },
      ],
      'c',
    );
    expect(result?.map((r) => r.statusCode)).toEqual([424, 424, 424, 424, 412, 424]);
    expect(await Promise.all(['a', 'b', 'gone', 'counter'].map(stored))).toEqual([a, b, gone, counter]);
    expect(await stored('new')).toBeUndefined();
    expect(await stored('after')).toBeUndefined();
    // The documents put back are found by queries and indexes as before, and take guarded writes at their old ETag.
    expect(await rowsOf(container, "SELECT VALUE c.id FROM c WHERE c.n = 1 AND c.cohortId = 'c' ORDER BY c.id", [], 'c')).toEqual(['a', 'b', 'gone']);
    await container.item('a', 'c').replace({ id: 'a', cohortId: 'c', n: 3 }, { accessCondition: { type: 'IfMatch', condition: a?._etag ?? '' } });
  });

  it('a batch that succeeds keeps every write', async () => {
    const { result } = await container.items.batch(
      [
        { operationType: 'Create', resourceBody: { id: 'x1', cohortId: 'c' } },
        { operationType: 'Patch', id: 'counter', resourceBody: { operations: [{ op: 'incr', path: '/counts/x', value: 2 }] } },
      ],
      'c',
    );
    expect(result?.map((r) => r.statusCode)).toEqual([201, 200]);
    expect((await stored('counter'))?.counts).toEqual({ x: 3 });
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Patch in a transactional batch

const incr = (path: string, value: number): PatchOperation => ({ op: 'incr', path, value });

describe('Patch in a transactional batch', () => {
  let container: Container;

  beforeAll(async () => {
    container = await containerFor('counters', '/cohortId');
  });

  async function read(id: string, pk: string): Promise<(ItemDefinition & JSONObject) | undefined> {
    return (await container.item(id, pk).read<ItemDefinition & JSONObject>()).resource;
  }

  async function batch(operations: OperationInput[], pk: string): Promise<OperationResponse[]> {
    const response = await container.items.batch(operations, pk);
    return response.result ?? [];
  }

  it('incr creates a missing property with the value, then increments it; the answer holds the patched document', async () => {
    await container.items.create({ id: 'counts-a', cohortId: 'c1', byState: {} });
    const result = await batch(
      [
        { operationType: 'Patch', id: 'counts-a', resourceBody: { operations: [incr('/byState/submitted', 1), incr('/total', 5)] } },
        { operationType: 'Patch', id: 'counts-a', resourceBody: { operations: [incr('/byState/submitted', 2), incr('/total', -1)] } },
      ],
      'c1',
    );
    expect(result.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(result[1]?.resourceBody).toMatchObject({ id: 'counts-a', byState: { submitted: 3 }, total: 4 });
    expect(result[1]?.eTag).toBe((await read('counts-a', 'c1'))?._etag);
    expect(await read('counts-a', 'c1')).toMatchObject({ byState: { submitted: 3 }, total: 4 });
  });

  it('takes the operations as a bare array too, and the batch partition for operations that name none', async () => {
    await container.items.create({ id: 'counts-b', cohortId: 'c2', n: 1 });
    const result = await batch([{ operationType: 'Patch', id: 'counts-b', resourceBody: [incr('/n', 41)] }], 'c2');
    expect(result.map((r) => r.statusCode)).toEqual([200]);
    expect(await read('counts-b', 'c2')).toMatchObject({ n: 42 });
  });

  it('a guarded Replace that fails first stops the batch: 412, then 424, and the patch is not applied', async () => {
    const { resource: created } = await container.items.create({ id: 'guarded', cohortId: 'c1', total: 1 });
    await container.item('guarded', 'c1').replace({ id: 'guarded', cohortId: 'c1', total: 2 });
    const result = await batch(
      [
        { operationType: 'Replace', id: 'guarded', ifMatch: created?._etag, resourceBody: { id: 'guarded', cohortId: 'c1', total: 100 } },
        { operationType: 'Patch', id: 'guarded', resourceBody: { operations: [incr('/total', 1)] } },
      ],
      'c1',
    );
    expect(result.map((r) => r.statusCode)).toEqual([412, 424]);
    expect(await read('guarded', 'c1')).toMatchObject({ total: 2 });
  });

  it('honours ifMatch on a patch: a stale ETag answers 412 and stops the batch, the current one is applied', async () => {
    const { resource: created } = await container.items.create({ id: 'etagged', cohortId: 'c1', total: 1 });
    await container.item('etagged', 'c1').patch([incr('/total', 1)]);
    const stale = await batch(
      [
        { operationType: 'Patch', id: 'etagged', ifMatch: created?._etag, resourceBody: { operations: [incr('/total', 10)] } },
        { operationType: 'Create', resourceBody: { id: 'not-created', cohortId: 'c1' } },
      ],
      'c1',
    );
    expect(stale.map((r) => r.statusCode)).toEqual([412, 424]);
    expect(await read('etagged', 'c1')).toMatchObject({ total: 2 });
    expect(await read('not-created', 'c1')).toBeUndefined();
    const current = (await read('etagged', 'c1'))?._etag;
    const fresh = await batch([{ operationType: 'Patch', id: 'etagged', ifMatch: current, resourceBody: { operations: [incr('/total', 10)] } }], 'c1');
    expect(fresh.map((r) => r.statusCode)).toEqual([200]);
    expect(await read('etagged', 'c1')).toMatchObject({ total: 12 });
  });

  it('a missing document answers 404, and the operations after it 424', async () => {
    const result = await batch(
      [
        { operationType: 'Patch', id: 'nobody', resourceBody: { operations: [incr('/total', 1)] } },
        { operationType: 'Create', resourceBody: { id: 'after-missing', cohortId: 'c1' } },
      ],
      'c1',
    );
    expect(result.map((r) => r.statusCode)).toEqual([404, 424]);
    expect(await read('after-missing', 'c1')).toBeUndefined();
  });

  it('a bad operation answers 400 and changes nothing', async () => {
    await container.items.create({ id: 'strict', cohortId: 'c1', label: 'text', nested: {} });
    const cases: PatchOperation[][] = [
      [incr('/label', 1)], // not a number
      [incr('/missing/x', 1)], // the parent does not exist (it used to write /x at the root)
      [incr('/total', 1), { op: 'replace', path: '/absent', value: 1 }], // replace needs the path; the incr before it is not kept
    ];
    for (const operations of cases) {
      const result = await batch([{ operationType: 'Patch', id: 'strict', resourceBody: { operations } }], 'c1');
      expect({ operations, status: result.map((r) => r.statusCode) }).toEqual({ operations, status: [400] });
    }
    const doc = await read('strict', 'c1');
    expect(withoutSystemProperties(doc)).toEqual({ id: 'strict', cohortId: 'c1', label: 'text', nested: {} });
  });

  it('a conditional patch reads its condition as written (case kept) on its own document', async () => {
    await container.items.create({ id: 'conditional', cohortId: 'c1', phaseName: 'Intake', total: 0 });
    // another partition holds a document with the same id that would satisfy the wrong condition
    await container.items.create({ id: 'conditional', cohortId: 'c2', phaseName: 'intake', total: 0 });
    const patch = (condition: string): OperationInput => ({ operationType: 'Patch', id: 'conditional', resourceBody: { operations: [incr('/total', 1)], condition } });
    expect((await batch([patch("from c where c.phaseName = 'Intake'")], 'c1')).map((r) => r.statusCode)).toEqual([200]);
    expect((await batch([patch("FROM c WHERE c.phaseName = 'intake'")], 'c1')).map((r) => r.statusCode)).toEqual([412]);
    expect(await read('conditional', 'c1')).toMatchObject({ total: 1 });
    expect(await read('conditional', 'c2')).toMatchObject({ total: 0 });
  });
});
