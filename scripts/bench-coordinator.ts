/**
 * Benchmark: the coordinators' and the steering group's views at 100 and at 10,000 applications (issue 15, must-show 4).
 *
 * For each size the whole bot runs in this process on its own embedded Cosmos server, the demo cohort seeded with that
 * many made-up applications across the eleven municipalities (src/demo/synthetic-cohort.ts: jury summaries, scores,
 * audit events, counters). Each tab API request is made over HTTP as the browser makes it (the demo sign-in), once to
 * warm up and then RUNS times: the Cosmos requests it made (counted at the socket) and its p50 time, then both sizes side
 * by side with their ratio. The goal: a page of the table and of the ranking costs the same at 10,000 as at 100; the
 * report grows no faster than the cohort (×100 here).
 *
 * Then the Excel export of every application at 10,000, read by a client that throws the bytes away: its time, size,
 * and the process's peak RSS growth while it streams (the store lives in this process too, so the growth is the
 * export's own working memory), against the same export at 100.
 *
 * Usage: npm run bench (runs this last), or node dist/scripts/bench-coordinator.js [--quick]
 */
import { performance } from 'node:perf_hooks';
import { startApp, type RunningApp } from '../src/app';
import { parseConfig } from '../src/config';
import { DEMO_COHORT_ID, DEMO_PEOPLE } from '../src/demo/demo';
import { syntheticApplication, writeSynthetic, type SyntheticOptions } from '../src/demo/synthetic-cohort';
import { DEMO_PERSON_HEADER, TAB_API, TAB_EXPORTS, type TabRouteId } from '../src/adapters/tab/contract';
import { callTab } from '../test/helpers/tab-client';
import { tableFilter, tableOrder } from '../src/adapters/tab/coordinator-api';
import type { SortCursor } from '../src/domain/ports';
import { cosmosLabel, formatTable, ms, OutgoingTally, ratio, summarize } from './bench-lib';

const quick = process.argv.includes('--quick') || ['1', 'true', 'yes'].includes(process.env.BENCH_QUICK ?? '');
const SIZES = [100, 10_000] as const;
const RUNS = quick ? 3 : 7;

interface Measured {
  readonly requests: number;
  readonly p50: number;
}

interface Call {
  readonly name: string;
  readonly route: TabRouteId;
  readonly person: string;
  request(app: RunningApp): Promise<Record<string, string>>;
}

const coordinator = DEMO_PEOPLE.coordinator;
const mib = (x: number) => `${x.toFixed(1)} MiB`;
const noParams = async () => ({});

/** The second page of the table: its cursor comes from the first. */
async function secondPage(app: RunningApp): Promise<Record<string, string>> {
  const first = await callTab(app.url, 'applications', {}, { demo: coordinator });
  const next = (first.body as { next?: string }).next;
  if (!next) throw new Error('the table has one page only');
  return { after: next };
}

const CALLS: readonly Call[] = [
  { name: 'Ansökningar: first page (latest first)', route: 'applications', person: coordinator, request: noParams },
  { name: 'Ansökningar: second page', route: 'applications', person: coordinator, request: secondPage },
  { name: 'Ansökningar: filtered, by score', route: 'applications', person: coordinator, request: async () => ({ municipality: 'Höganäs', state: 'inReview', sort: 'score', desc: '1' }) },
  { name: 'Ansökningar: search in names', route: 'applications', person: coordinator, request: async () => ({ q: 'lånecyklar', sort: 'title', desc: '0' }) },
  { name: 'Urval: first page of the ranking', route: 'ranking', person: coordinator, request: noParams },
  { name: 'Översikt', route: 'overview', person: coordinator, request: noParams },
  { name: 'Rapport (steering group)', route: 'report', person: DEMO_PEOPLE.steeringGroup, request: noParams },
];

async function seeded(n: number): Promise<RunningApp> {
  const app = await startApp(parseConfig({ NODE_ENV: 'test', PORT: '0', SEED_DEMO: 'true', LOG_LEVEL: 'silent', TAB_DEMO_SIGNIN: 'true', OUTBOX_WORKER: 'false' }));
  const cohort = await app.services.cohorts.get(DEMO_COHORT_ID);
  if (!cohort) throw new Error('no demo cohort');
  const options: SyntheticOptions = { cohortId: DEMO_COHORT_ID, n, jurorIds: cohort.value.jurorIds, managerId: DEMO_PEOPLE.manager, coordinatorId: coordinator };
  const applications = Array.from({ length: n }, (_, i) => syntheticApplication(i, options));
  await writeSynthetic(app.store.containers.applications, applications, options);
  await app.services.cohorts.save({ ...cohort.value, juryRound: 'open', capacity: 20 }, cohort.etag);
  return app;
}

async function measure(app: RunningApp, call: Call): Promise<Measured> {
  const request = await call.request(app);
  const once = async () => {
    const reply = await callTab(app.url, call.route, request as never, { demo: call.person });
    if (reply.status !== 200 || !TAB_API[call.route].response.safeParse(reply.body).success) throw new Error(`${call.name} answered ${reply.status}`);
  };
  await once();
  const tally = new OutgoingTally(new URL(app.store.endpoint).host, cosmosLabel);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await once();
    times.push(performance.now() - started);
  }
  const requests = tally.total / RUNS;
  tally.dispose();
  return { requests, p50: summarize(times).p50 };
}

interface ExportRun {
  readonly ms: number;
  readonly kib: number;
  readonly peakRssGrowthMiB: number;
  /** The JavaScript heap's peak over what it held when the export began (after a collection): the working memory. */
  readonly peakHeapGrowthMiB: number;
}

/** Samples RSS and the heap while `run` runs (every 10 ms, and whenever `sample` is called). */
async function sampled(run: (sample: () => void) => Promise<{ ms: number; kib: number }>): Promise<ExportRun> {
  global.gc?.();
  const rss = process.memoryUsage().rss;
  const heap = process.memoryUsage().heapUsed;
  let peakRss = rss;
  let peakHeap = heap;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 10);
  try {
    const done = await run(sample);
    return { ...done, peakRssGrowthMiB: (peakRss - rss) / 1024 / 1024, peakHeapGrowthMiB: (peakHeap - heap) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

/** Every application exported, the bytes read and dropped as they come. */
function exportAll(app: RunningApp): Promise<ExportRun> {
  return sampled(async (sample) => {
    const started = performance.now();
    const res = await fetch(`${app.url}${TAB_EXPORTS.applications.path}`, { headers: { [DEMO_PERSON_HEADER]: coordinator } });
    if (res.status !== 200 || !res.body) throw new Error(`the export answered ${res.status}`);
    let bytes = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      sample();
    }
    return { ms: performance.now() - started, kib: bytes / 1024 };
  });
}

/** The baseline: the same applications read through the table's pages (100 a page, as the export reads them), nothing written. */
function readAllPages(app: RunningApp): Promise<ExportRun> {
  return sampled(async (sample) => {
    const started = performance.now();
    let after: SortCursor | undefined;
    let rows = 0;
    do {
      const page = await app.services.applications.sortedPage(DEMO_COHORT_ID, tableFilter({}), tableOrder({}), 100, after);
      rows += page.items.length;
      after = page.next;
      sample();
    } while (after);
    if (rows === 0) throw new Error('nothing read');
    return { ms: performance.now() - started, kib: 0 };
  });
}

async function main(): Promise<void> {
  const results = new Map<number, Map<string, Measured>>();
  const exports = new Map<number, ExportRun>();
  const pagesRead = new Map<number, ExportRun>();
  for (const n of SIZES) {
    const started = performance.now();
    const app = await seeded(n);
    console.log(`seeded ${n.toLocaleString('sv-SE')} applications in ${ms(performance.now() - started)}`);
    try {
      const byCall = new Map<string, Measured>();
      for (const call of CALLS) byCall.set(call.name, await measure(app, call));
      results.set(n, byCall);
      await exportAll(app);
      exports.set(n, await exportAll(app));
      pagesRead.set(n, await readAllPages(app));
    } finally {
      await app.close();
    }
  }
  const [small, large] = SIZES;
  const at = (n: number, name: string) => results.get(n)?.get(name) as Measured;
  console.log(`\nThe coordinators' and the steering group's views: Cosmos requests and p50 time per tab API request, at ${small} and ${large.toLocaleString('sv-SE')} applications (${RUNS} runs each)\n`);
  console.log(
    formatTable(
      ['request', `requests @${small}`, `requests @${large}`, 'ratio', `p50 @${small}`, `p50 @${large}`, 'ratio'],
      CALLS.map((c) => {
        const a = at(small, c.name);
        const b = at(large, c.name);
        return [c.name, a.requests.toFixed(1), b.requests.toFixed(1), ratio(b.requests / a.requests), ms(a.p50), ms(b.p50), ratio(b.p50 / a.p50)];
      }),
    ),
  );
  const e1 = exports.get(small) as ExportRun;
  const e2 = exports.get(large) as ExportRun;
  const r1 = pagesRead.get(small) as ExportRun;
  const r2 = pagesRead.get(large) as ExportRun;
  console.log(`\nThe Excel export of every application, streamed (the client drops the bytes as they come)\n`);
  console.log(
    formatTable(
      ['', `@${small}`, `@${large}`, 'ratio'],
      [
        ['time', ms(e1.ms), ms(e2.ms), ratio(e2.ms / e1.ms)],
        ['size', `${e1.kib.toFixed(0)} KiB`, `${e2.kib.toFixed(0)} KiB`, ratio(e2.kib / e1.kib)],
        ['peak RSS growth while streaming', mib(e1.peakRssGrowthMiB), mib(e2.peakRssGrowthMiB), ratio(Math.max(e2.peakRssGrowthMiB, 0.1) / Math.max(e1.peakRssGrowthMiB, 0.1))],
        ['peak heap growth while streaming', mib(e1.peakHeapGrowthMiB), mib(e2.peakHeapGrowthMiB), ratio(Math.max(e2.peakHeapGrowthMiB, 0.1) / Math.max(e1.peakHeapGrowthMiB, 0.1))],
        ['baseline: the same pages read, nothing written: time', ms(r1.ms), ms(r2.ms), ratio(r2.ms / r1.ms)],
        ['baseline: peak RSS growth', mib(r1.peakRssGrowthMiB), mib(r2.peakRssGrowthMiB), ratio(Math.max(r2.peakRssGrowthMiB, 0.1) / Math.max(r1.peakRssGrowthMiB, 0.1))],
        ['baseline: peak heap growth', mib(r1.peakHeapGrowthMiB), mib(r2.peakHeapGrowthMiB), ratio(Math.max(r2.peakHeapGrowthMiB, 0.1) / Math.max(r1.peakHeapGrowthMiB, 0.1))],
      ],
    ),
  );
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
