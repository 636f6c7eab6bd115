/**
 * Benchmark: one partitioned filter query on the embedded Cosmos DB server (@vercel/cosmosdb-server) as the
 * container grows, to see how the query's cost scales with the number of documents (patches/README.md).
 *
 * One container partitioned by /cohortId holds documents spread round-robin over 8 cohorts; in each cohort one
 * document in 4 is an application, the others are audit events. At 7,500 / 15,000 / 30,000 / 60,000 documents
 * the same query runs through the real @azure/cosmos client, with the partition key in the request options:
 *
 *   SELECT * FROM c WHERE c.type = 'application' AND c.cohortId = @cohort ORDER BY c.submittedAt DESC
 *
 * It answers 1/32 of the documents. Each size: one warm-up run, then the median of RUNS runs; printed with the
 * ratio to the previous size (2.0 per doubling is linear, 4.0 quadratic). Every answer's row count is checked.
 * No timing assertions: the bench fails (exit code 1) only when an answer is wrong.
 *
 * Usage: npm run build && node dist/scripts/bench-embedded.js [--runs N]
 */
import { performance } from 'node:perf_hooks';
import { Agent } from 'node:https';
import { CosmosClient, type Container, type JSONObject, type OperationInput } from '@azure/cosmos';
import { startEmbeddedCosmos } from '../src/adapters/cosmos/connection';

const SIZES = [7_500, 15_000, 30_000, 60_000] as const;
const COHORTS = 8;
const runsIndex = process.argv.indexOf('--runs');
const RUNS = runsIndex > 0 ? Number(process.argv[runsIndex + 1]) : 5;
const QUERY = "SELECT * FROM c WHERE c.type = 'application' AND c.cohortId = @cohort ORDER BY c.submittedAt DESC";
const TARGET = 'cohort-0';

function documentAt(i: number): JSONObject {
  const cohortId = `cohort-${i % COHORTS}`;
  const nth = Math.floor(i / COHORTS);
  const application = nth % 4 === 0;
  return application
    ? { id: `app-${i}`, cohortId, type: 'application', title: `Idea ${i}`, state: nth % 3 === 0 ? 'submitted' : 'draft', submittedAt: new Date(1_700_000_000_000 + i * 1000).toISOString() }
    : { id: `event-${i}`, cohortId, type: 'audit', applicationId: `app-${i - (nth % 4) * COHORTS}`, at: new Date(1_700_000_000_000 + i * 1000).toISOString(), text: 'x'.repeat(40) };
}

/** Writes documents [from, to) in transactional batches of up to 100 operations, one cohort per batch. */
async function seed(container: Container, from: number, to: number): Promise<void> {
  const byCohort = new Map<string, OperationInput[]>();
  for (let i = from; i < to; i += 1) {
    const doc = documentAt(i);
    const cohortId = doc.cohortId as string;
    const ops = byCohort.get(cohortId) ?? [];
    ops.push({ operationType: 'Create', resourceBody: doc });
    byCohort.set(cohortId, ops);
  }
  for (const [cohortId, ops] of byCohort) {
    for (let i = 0; i < ops.length; i += 100) {
      const response = await container.items.batch(ops.slice(i, i + 100), cohortId);
      const failed = response.result?.find((r) => r.statusCode >= 400);
      if (failed) throw new Error(`seeding failed: HTTP ${failed.statusCode}`);
    }
  }
}

async function timeQuery(container: Container): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  const { resources } = await container.items
    .query({ query: QUERY, parameters: [{ name: '@cohort', value: TARGET }] }, { partitionKey: TARGET })
    .fetchAll();
  return { ms: performance.now() - started, rows: resources.length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function expectedRows(size: number): number {
  let rows = 0;
  for (let i = 0; i < size; i += 1) if (i % COHORTS === 0 && Math.floor(i / COHORTS) % 4 === 0) rows += 1;
  return rows;
}

async function main(): Promise<void> {
  const server = await startEmbeddedCosmos(0);
  // The app's client gives up after 10 s; unpatched, the query takes longer than that at 30,000 documents.
  const client = new CosmosClient({
    endpoint: server.endpoint,
    key: 'embedded-server-accepts-any-key',
    agent: new Agent({ rejectUnauthorized: false, keepAlive: true }),
    connectionPolicy: { requestTimeout: 600_000, enableEndpointDiscovery: false },
  });
  try {
    const { database } = await client.databases.createIfNotExists({ id: 'bench' });
    const { container } = await database.containers.createIfNotExists({ id: 'applications', partitionKey: { paths: ['/cohortId'] } });
    console.log(`Embedded Cosmos DB: one partitioned query, ${COHORTS} cohorts, median of ${RUNS} runs after one warm-up`);
    console.log(`  ${QUERY}`);
    console.log('');
    console.log('documents      rows   median ms   ratio to previous');
    let seeded = 0;
    let previous: number | undefined;
    for (const size of SIZES) {
      await seed(container, seeded, size);
      seeded = size;
      const expected = expectedRows(size);
      const samples: number[] = [];
      for (let run = 0; run <= RUNS; run += 1) {
        const { ms, rows } = await timeQuery(container);
        if (rows !== expected) throw new Error(`at ${size} documents the query answered ${rows} rows, expected ${expected}`);
        if (run > 0) samples.push(ms);
      }
      const m = median(samples);
      const ratio = previous === undefined ? '' : `${(m / previous).toFixed(2)}x`;
      console.log(`${String(size).padStart(9)} ${String(expected).padStart(9)} ${m.toFixed(1).padStart(11)}   ${ratio}`);
      previous = m;
    }
  } finally {
    client.dispose();
    await server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
