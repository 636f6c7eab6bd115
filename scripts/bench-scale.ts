/**
 * Benchmark, scale part (issue 12): does every action cost the same at 10,000 applications as at 100?
 *
 * For each size the bench starts an embedded Cosmos DB server in this process, seeds the demo cohort with that many
 * applications (realistic documents: the applications with their jury summaries, applicant index, audit events, ten
 * jurors' scores, the cohort's counters), and starts the real bot as a child process (dist/src/index.js, emulator
 * mode against that server), so the bot's own memory is measured apart from the store's. Each action is sent over
 * HTTP as Teams would (a message or an Action.Execute invoke) by the person who takes it, and answered through a
 * fake Bot Connector. Per action the bench counts, at the Cosmos server, the requests and the KiB it answered, and
 * times the round trip; then it prints each figure at both sizes and their ratio, the bot's peak RSS, and the
 * fan-outs (opening the jury round, locking the selection): their requests, the most in flight at once, and time.
 *
 * Usage: npm run bench (runs this after the turn-vs-echo part), or node dist/scripts/bench-scale.js [--quick]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CosmosClient } from '@azure/cosmos';
import { createCosmosClient } from '../src/adapters/cosmos/connection';
import createCosmosServer from '@vercel/cosmosdb-server';
import type { Application } from '../src/domain/application';
import { DEFAULT_CRITERIA, rank } from '../src/domain/scoring';
import { reviewStateOf } from '../src/domain/jury';
import { DEMO_COHORT_ID, DEMO_PEOPLE } from '../src/demo/demo';
import { syntheticApplication, writeSynthetic, type SyntheticOptions } from '../src/demo/synthetic-cohort';
import { FakeBotConnector } from '../test/fakes/fake-bot-connector';
import { cardOf, readable, TeamsClient, type TeamsUser } from '../test/helpers/teams-client';
import { formatTable, ms, ratio, summarize } from './bench-lib';

const quick = process.argv.includes('--quick') || ['1', 'true', 'yes'].includes(process.env.BENCH_QUICK ?? '');
const SIZES = [100, 10_000] as const;
const RUNS = quick ? 6 : 15;
const WARMUP = 2;
const JURORS = 10;
const root = join(__dirname, '..', '..');

const person = (id: string, name: string): TeamsUser => ({ aadObjectId: id, name, locale: 'sv-SE' });
const sara = person(DEMO_PEOPLE.employee, 'Sara Lindqvist');
const johan = person(DEMO_PEOPLE.manager, 'Johan Bergström');
const erik = person(DEMO_PEOPLE.coordinator, 'Erik Nyström');
const lena = person(DEMO_PEOPLE.juror, 'Lena Holm');

/** Ten jurors: the demo's three and seven more (not in the directory: their names show as ids). */
const jurorIds = [DEMO_PEOPLE.juror, DEMO_PEOPLE.juror2, DEMO_PEOPLE.coordinator, ...Array.from({ length: JURORS - 3 }, (_, i) => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`)];

// ---------------------------------------------------------------------------------------------
// The Cosmos server, counted where it answers

interface ServerTally {
  /** What each request was, by method, resource and kind (query, batch, ...), for the breakdown per action. */
  kinds: Map<string, number>;
  requests: number;
  bytes: number;
  inFlight: number;
  maxInFlight: number;
}

async function startCountedCosmos(): Promise<{ endpoint: string; tally: ServerTally; reset: () => void; close: () => Promise<void> }> {
  const server = createCosmosServer({ keepAlive: true });
  const tally: ServerTally = { kinds: new Map(), requests: 0, bytes: 0, inFlight: 0, maxInFlight: 0 };
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    tally.requests++;
    const kind = `${req.method ?? ''} ${(req.url ?? '').replace(/^\/dbs\/[^/]+\/colls\//, '').replace(/\/docs\/[^/]+$/, '/docs/{id}')}${req.headers['x-ms-documentdb-isquery'] ? ' (query)' : req.headers['x-ms-cosmos-is-batch-request'] ? ' (batch)' : req.headers['x-ms-documentdb-is-upsert'] ? ' (upsert)' : ''}`;
    tally.kinds.set(kind, (tally.kinds.get(kind) ?? 0) + 1);
    tally.inFlight++;
    tally.maxInFlight = Math.max(tally.maxInFlight, tally.inFlight);
    const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
    const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => http.ServerResponse;
    const count = (chunk: unknown) => {
      if (typeof chunk === 'string') tally.bytes += Buffer.byteLength(chunk);
      else if (chunk instanceof Uint8Array) tally.bytes += chunk.length;
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => (count(chunk), write(chunk, ...rest))) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => (typeof chunk !== 'function' && count(chunk), end(chunk, ...rest))) as typeof res.end;
    res.once('close', () => tally.inFlight--);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `https://127.0.0.1:${port}/`,
    tally,
    reset: () => Object.assign(tally, { kinds: new Map(), requests: 0, bytes: 0, maxInFlight: tally.inFlight }),
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

// ---------------------------------------------------------------------------------------------
// The bot as a child process

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

async function startBot(endpoint: string, database: string): Promise<{ url: string; child: ChildProcess; peakRssMiB: () => number; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'dist', 'src', 'index.js')], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'true', LOG_LEVEL: 'silent', OUTBOX_WORKER: 'false', COSMOS_ENDPOINT: endpoint, COSMOS_EMULATOR: 'true', COSMOS_DATABASE: database },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => http.get(`${url}/healthz`, (res) => (res.resume(), resolve(res.statusCode === 200))).on('error', () => resolve(false)));
    if (ok) break;
    if (Date.now() > until || child.exitCode !== null) throw new Error('the bot did not become healthy');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    // VmHWM: the peak resident set of the process so far (Linux).
    peakRssMiB: () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024,
    stop: () => new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.kill('SIGTERM'))),
  };
}

// ---------------------------------------------------------------------------------------------
// Seeding: documents as the bot writes them, in bulk

/** A calendar day this many days from now (leave must start after today). */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The made-up cohort (src/demo/synthetic-cohort.ts): the first 30 wait for Johan, so his list has a full page at 100 too; Lena leaves one in ten to do. */
const synthetic = (n: number): SyntheticOptions => ({ cohortId: DEMO_COHORT_ID, n, jurorIds, managerId: DEMO_PEOPLE.manager, coordinatorId: DEMO_PEOPLE.coordinator, awaitingFirst: 30, lateJurorId: DEMO_PEOPLE.juror });
const applicationOf = (i: number, n: number): Application => syntheticApplication(i, synthetic(n));

async function seed(client: CosmosClient, database: string, n: number): Promise<void> {
  const db = client.database(database);
  const programme = db.container('programme');
  await writeSynthetic(db.container('applications'), Array.from({ length: n }, (_, i) => applicationOf(i, n)), synthetic(n));
  // The demo cohort's round is open, with ten jurors.
  const { resource } = await programme.item('programme', 'programme').read<{ cohorts: { id: string }[] }>();
  if (!resource?.cohorts.some((c) => c.id === DEMO_COHORT_ID)) throw new Error('no demo cohort');
  await programme.item('programme', 'programme').replace({ ...resource, cohorts: resource.cohorts.map((c) => (c.id === DEMO_COHORT_ID ? { ...c, juryRound: 'open', jurorIds } : c)) });
}

// ---------------------------------------------------------------------------------------------
// Actions

interface Measured {
  /** The requests of the last measured run, by kind. */
  readonly kinds: ReadonlyMap<string, number>;
  readonly requests: number;
  readonly kib: number;
  readonly p50: number;
}

interface Action {
  readonly name: string;
  /** Runs the action the i-th time; throws when the answer is not what the person should see. */
  run(i: number): Promise<void>;
  /** What makes the next run possible, outside the measurement. */
  after?(i: number): Promise<void>;
}

function expectText(what: string, body: string, expected: string): void {
  if (!body.includes(expected)) throw new Error(`${what}: expected ${JSON.stringify(expected)} in ${JSON.stringify(body.slice(0, 300))}`);
}

async function measure(action: Action, cosmos: { tally: ServerTally; reset: () => void }): Promise<Measured> {
  for (let i = 0; i < WARMUP; i++) {
    await action.run(i);
    await action.after?.(i);
  }
  const samples: number[] = [];
  let kinds = new Map<string, number>();
  let requests = 0;
  let bytes = 0;
  for (let i = WARMUP; i < WARMUP + RUNS; i++) {
    cosmos.reset();
    const started = performance.now();
    await action.run(i);
    samples.push(performance.now() - started);
    requests += cosmos.tally.requests;
    bytes += cosmos.tally.bytes;
    kinds = new Map(cosmos.tally.kinds);
    await action.after?.(i);
  }
  return { kinds, requests: requests / RUNS, kib: bytes / 1024 / RUNS, p50: summarize(samples).p50 };
}

interface SizeResult {
  readonly actions: Map<string, Measured>;
  readonly peakRssMiB: number;
  readonly fanOuts: Map<string, { requests: number; maxInFlight: number; ms: number; answer: string }>;
}

async function runSize(n: number): Promise<SizeResult> {
  const cosmos = await startCountedCosmos();
  const connector = new FakeBotConnector();
  const serviceUrl = await connector.start();
  const database = `bench${n}`;
  const client = createCosmosClient(cosmos.endpoint, { embedded: true });
  const bot = await startBot(cosmos.endpoint, database);
  try {
    const started = performance.now();
    await seed(client, database, n);
    console.log(`  ${n.toLocaleString('sv-SE')} applications seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const teams = new TeamsClient(bot.url, serviceUrl);
    // The connector is cleared before each message, and the bot answers before the POST returns: what it holds is this turn's answer.
    const lastCard = () => connector.activities.map((a) => readable(cardOf(a.activity) ?? {}) + String(a.activity.text ?? '')).join('\n');
    const say = async (user: TeamsUser, words: string, expected: string) => {
      connector.clear();
      const res = await teams.say(user, words);
      if (res.status !== 200) throw new Error(`${words}: HTTP ${res.status}`);
      expectText(words, lastCard(), expected);
    };
    const execute = async (user: TeamsUser, verb: string, data: Record<string, unknown>, expected: string) => {
      const res = await teams.execute(user, verb, data);
      if (res.status !== 200) throw new Error(`${verb}: HTTP ${res.status}`);
      expectText(verb, readable((res.body as { value?: unknown }).value ?? {}) + JSON.stringify(res.body).slice(0, 2000), expected);
      return res;
    };

    // Sara's application, made through the bot as she would, up to the review step.
    await say(sara, 'ansök', 'Din idé');
    const found = JSON.stringify(connector.activities.map((a) => cardOf(a.activity))).match(/"applicationId":"([^"]+)","cohortId":"([^"]+)"/);
    if (!found?.[1] || !found[2]) throw new Error('no application reference on the form');
    const ref = { applicationId: found[1], cohortId: found[2] };
    const idea = { step: 'idea', nav: 'next', title: 'Trygg hemgång från sjukhuset', problem: 'Äldre som skrivs ut blir ensamma de första dygnen hemma.', description: 'En följeslagare från hemtjänsten möter upp vid utskrivningen.' };
    await execute(sara, 'intake.save', { ...ref, ...idea }, '');
    await execute(sara, 'intake.save', { ...ref, step: 'benefit', nav: 'next', targetGroups: 'residents', benefit: 'Färre återinläggningar och tryggare invånare.', applicability: 'Alla elva kommuner har hemtjänst och samma utskrivning.' }, '');
    await execute(sara, 'intake.save', { ...ref, step: 'about', nav: 'next', municipality: 'Höganäs', administration: 'Vård och omsorg', workplace: 'Hemtjänst Väst', managerEmail: '', permanentEmployment: 'true', employmentStart: '2018-03-01' }, '');
    await execute(sara, 'intake.save', { ...ref, step: 'leave', nav: 'next', extentPercent: '50', leaveStart: day(61), leaveEnd: day(150), coApplicants: '' }, 'Allt ser bra ut.');

    const waiting = Array.from({ length: n }, (_, i) => applicationOf(i, n)).filter((a) => a.state === 'awaitingManager');
    const todo = Array.from({ length: n }, (_, i) => applicationOf(i, n)).filter((a) => a.state === 'inReview' && !(DEMO_PEOPLE.juror in (a.jury?.verdicts ?? {})));
    const scoreValues = (i: number) => Object.fromEntries(DEFAULT_CRITERIA.map((c, k) => [`c_${c.id}`, String(1 + ((i + k) % 5))]));
    const actions: Action[] = [
      { name: 'hjälp', run: () => say(sara, 'hjälp', 'Det här kan du göra') },
      { name: 'an intake step', run: () => execute(sara, 'intake.save', { ...ref, ...idea, nav: 'stay' }, 'Trygg hemgång').then(() => undefined) },
      {
        name: 'submit',
        run: () => execute(sara, 'intake.submit', { ...ref, step: 'review', privacyAcknowledged: 'true' }, 'Din ansökan är skickad').then(() => undefined),
        // Taken back (reopened) to be submitted again: not measured.
        after: () => teams.execute(sara, 'application.edit', ref).then(() => undefined),
      },
      { name: 'status', run: () => say(sara, 'status', 'Trygg hemgång') },
      { name: 'ansökningar (page 1)', run: () => say(erik, 'ansökningar', 'Ansökningar i Pilot 1') },
      { name: 'rangordning', run: () => say(erik, 'rangordning', 'Rangordning för Pilot 1') },
      { name: 'statistik', run: () => say(erik, 'statistik', 'Pilot 1') },
      { name: 'att bedöma', run: () => say(lena, 'att bedöma', 'Att bedöma i Pilot 1') },
      { name: "a juror's card (open)", run: (i) => execute(lena, 'jury.open', { applicationId: todo[i % todo.length]?.id, cohortId: DEMO_COHORT_ID }, 'Bedöm:').then(() => undefined) },
      { name: "a juror's score", run: (i) => execute(lena, 'jury.score', { applicationId: todo[i % todo.length]?.id, cohortId: DEMO_COHORT_ID, ...scoreValues(i), comment: '' }, 'sparad').then(() => undefined) },
      { name: 'att godkänna', run: () => say(johan, 'att godkänna', 'Väntar på ditt beslut') },
      {
        name: 'an approval',
        run: (i) =>
          execute(johan, 'approval.decide', { applicationId: waiting[i]?.id, cohortId: DEMO_COHORT_ID, memberId: waiting[i]?.applicantId, decision: 'approve', extentPercent: '50', leaveStart: day(61), leaveEnd: day(150), attestPermanent: 'true', attestOneYear: 'true' }, 'Godkänd av').then(() => undefined),
      },
    ];
    const results = new Map<string, Measured>();
    for (const action of actions) results.set(action.name, await measure(action, cosmos));

    const fanOuts = new Map<string, { requests: number; maxInFlight: number; ms: number; answer: string }>();
    // Each asks first on a confirmation card (issue 13); the fan-out is the confirm, measured alone.
    for (const [name, words, verb, expected] of [
      ['öppna juryrunda', 'öppna juryrunda', 'jury.round.open', 'Juryrundan är öppen'],
      ['lås urval', 'lås urval', 'selection.lock', 'Urvalet är låst'],
    ] as const) {
      await say(erik, words, '?');
      cosmos.reset();
      const started = performance.now();
      const res = await execute(erik, verb, { cohortId: DEMO_COHORT_ID }, expected);
      fanOuts.set(name, { requests: cosmos.tally.requests, maxInFlight: cosmos.tally.maxInFlight, ms: performance.now() - started, answer: readable((res.body as { value?: unknown }).value ?? {}).slice(0, 100) });
    }
    return { actions: results, peakRssMiB: bot.peakRssMiB(), fanOuts };
  } finally {
    await bot.stop();
    client.dispose();
    await connector.stop();
    await cosmos.close();
  }
}

/** Median wall time of one `run`, in ms: each of `times` samples runs it `reps` times (a short run is timed in a batch). */
function timed(times: number, run: () => unknown, reps = 1): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    for (let r = 0; r < reps; r++) run();
    samples.push((performance.now() - started) / reps);
  }
  return summarize(samples).p50;
}

/**
 * The two computations that once were quadratic, timed in this process at 1,000 and 10,000 applications with ten
 * jurors' scores: the domain's `rank` (what a normalised ranking runs over the whole cohort), and a juror's review
 * state over every application (what `att bedöma` decides per row). Linear (n log n) gives a ratio near 10.
 */
function linearity(): string[][] {
  const rows: string[][] = [];
  // Without their texts (which neither computation reads), so the figures are the algorithm's and not the memory's.
  const make = (n: number) => {
    const applications = Array.from({ length: n }, (_, i) => applicationOf(i, n))
      .filter((a) => a.jury)
      .map(({ idea: _i, benefit: _b, ...rest }) => rest);
    const scores = applications.flatMap((a) => Object.entries(a.jury?.verdicts ?? {}).map(([jurorId, v]) => ({ jurorId, applicationId: a.id, values: { verdict: Math.round(v) } })));
    return { applications, scores };
  };
  const small = make(1_000);
  const large = make(10_000);
  const rankOf = (x: ReturnType<typeof make>) => () => rank({ applicationIds: x.applications.map((a) => a.id), criteria: [{ id: 'verdict', weight: 1 }], scores: x.scores, recusals: [], quorum: 3, normalise: true });
  const reviewsOf = (x: ReturnType<typeof make>) => () => x.applications.map((a) => reviewStateOf(a, DEMO_PEOPLE.juror));
  for (const [name, f] of [
    ['rank (normalised, 10 jurors)', rankOf],
    ['review list (a juror, every application)', reviewsOf],
  ] as const) {
    f(small)();
    const a = timed(9, f(small));
    f(large)();
    const b = timed(9, f(large));
    rows.push([name, ms(a), ms(b), ratio(b / a)]);
  }
  return rows;
}

async function main(): Promise<void> {
  console.log(`Acceleratorn benchmark, scale part: each action at ${SIZES.join(' and ')} applications (${JURORS} jurors), ${RUNS} runs after ${WARMUP} warm-up`);
  const bySize = new Map<number, SizeResult>();
  for (const n of SIZES) bySize.set(n, await runSize(n));
  const small = bySize.get(SIZES[0]);
  const large = bySize.get(SIZES[1]);
  if (!small || !large) throw new Error('missing results');
  const rows: string[][] = [];
  let worst = { requests: 0, kib: 0, latency: 0 };
  for (const [name, a] of small.actions) {
    const b = large.actions.get(name);
    if (!b) continue;
    const r = { requests: b.requests / a.requests, kib: b.kib / a.kib, latency: b.p50 / a.p50 };
    worst = { requests: Math.max(worst.requests, r.requests), kib: Math.max(worst.kib, r.kib), latency: Math.max(worst.latency, r.latency) };
    rows.push([name, a.requests.toFixed(1), b.requests.toFixed(1), ratio(r.requests), a.kib.toFixed(1), b.kib.toFixed(1), ratio(r.kib), ms(a.p50), ms(b.p50), ratio(r.latency)]);
  }
  console.log('');
  console.log(formatTable(['action', 'requests @100', '@10,000', 'ratio', 'KiB read @100', '@10,000', 'ratio', 'p50 @100', '@10,000', 'ratio'], rows));
  console.log('');
  console.log(`worst ratios 10,000/100: Cosmos requests ${ratio(worst.requests)}, KiB read ${ratio(worst.kib)}, latency p50 ${ratio(worst.latency)}`);
  console.log('Cosmos requests of one run of each action at 10,000, by kind:');
  for (const [name, m] of large.actions) console.log(`  ${name}: ${[...m.kinds].map(([k, n]) => `${n}× ${k}`).join(', ')}`);
  console.log(`bot peak RSS (VmHWM of the bot process): ${small.peakRssMiB.toFixed(0)} MiB @100, ${large.peakRssMiB.toFixed(0)} MiB @10,000 (${ratio(large.peakRssMiB / small.peakRssMiB)})`);
  console.log('');
  console.log(formatTable(['computation', '@1,000', '@10,000', 'ratio'], linearity()));
  console.log('(linear is a ratio near 10; the goal is at most 12)');
  console.log('');
  console.log('fan-outs (one command; requests in all, the most in flight at once at the Cosmos server, time to the answer):');
  for (const n of SIZES) {
    for (const [name, f] of bySize.get(n)?.fanOuts ?? []) console.log(`  @${String(n).padEnd(6)} ${name.padEnd(16)} ${String(f.requests).padStart(6)} requests, at most ${f.maxInFlight} in flight, ${(f.ms / 1000).toFixed(2)} s: ${JSON.stringify(f.answer)}`);
  }
}

main().catch((error: unknown) => {
  console.error('');
  console.error('BENCH FAILED:', error);
  process.exitCode = 1;
});
