/**
 * Benchmark: one full Acceleratorn turn against a bare botbuilder echo bot, over real HTTP.
 *
 *   A. Acceleratorn: the real app (startApp) on the embedded Cosmos DB server through the real
 *      @azure/cosmos client, demo data seeded. A Teams message "hjälp" (sv-SE) from the demo employee
 *      is POSTed to /api/messages; the turn saves the conversation reference, reads conversation state,
 *      resolves roles from Cosmos and sends the help card to a fake Bot Connector over HTTP. The Cosmos
 *      requests a turn makes are counted (node's http diagnostics channel) and listed, as they are.
 *   B. Baseline: CloudAdapter + ActivityHandler echoing the text, on restify configured the same way,
 *      replying to its own fake Bot Connector.
 *
 * Both get the same activity JSON, from keep-alive HTTP agents. CloudAdapter answers the POST only
 * after the turn (including the reply to the connector) has finished, so a round trip is a whole turn.
 * Every reply is checked at the fake connector (one per request, matched by replyToId, right content)
 * and every status must be 200; otherwise the bench fails with exit code 1. No timing assertions.
 *
 * Usage: npm run bench [-- --quick]      (or BENCH_QUICK=1 npm run bench)
 * Everything (both bots, Cosmos server, connectors, load generator) runs in this one process.
 */
import http from 'node:http';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { startApp, type RunningApp } from '../src/app';
import { parseConfig } from '../src/config';
import { DEMO_PEOPLE } from '../src/demo/demo';
import { FakeBotConnector, type RecordedActivity } from '../test/fakes/fake-bot-connector';
import { cardOf, cardTexts, TeamsClient, type TeamsUser } from '../test/helpers/teams-client';
import {
  cosmosLabel,
  formatTable,
  ms,
  OutgoingTally,
  postJson,
  ratio,
  runConcurrent,
  runSequential,
  startEchoBot,
  summarize,
  type EchoBot,
  type LatencyStats,
  type ThroughputResult,
} from './bench-lib';

const quick = process.argv.includes('--quick') || ['1', 'true', 'yes'].includes(process.env.BENCH_QUICK ?? '');

const PLAN = quick
  ? { warmup: 20, latencyRequests: 100, throughputRequests: 200, concurrency: 8 }
  : { warmup: 50, latencyRequests: 500, throughputRequests: 800, concurrency: 8 };

const TEXT = 'hjälp';
const user: TeamsUser = { aadObjectId: DEMO_PEOPLE.employee, name: 'Sara Lindqvist', locale: 'sv-SE' };

class BenchFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchFailure';
  }
}

interface Target {
  readonly name: string;
  readonly endpoint: URL;
  readonly connector: FakeBotConnector;
  readonly teams: TeamsClient;
  /** A problem with one delivered reply, or undefined when it is what the bot should have sent. */
  check(reply: RecordedActivity): string | undefined;
}

interface PhaseResult {
  readonly samples: number[];
  readonly throughput?: ThroughputResult;
  readonly connectorCalls: number;
  /** CPU time (user + system) of this whole process during the measured requests, in ms. */
  readonly cpuMs: number;
  readonly wallMs: number;
}

function checkEcho(reply: RecordedActivity): string | undefined {
  if (reply.activity.type !== 'message' || reply.activity.text !== TEXT) {
    return `expected an echo of ${JSON.stringify(TEXT)}, got ${reply.activity.type ?? '?'} ${JSON.stringify(reply.activity.text ?? null)}`;
  }
  return undefined;
}

function checkHelpCard(reply: RecordedActivity): string | undefined {
  const card = cardOf(reply.activity);
  if (!card) return `expected the help card, got ${reply.activity.type ?? '?'} ${JSON.stringify(reply.activity.text ?? null)}`;
  const texts = cardTexts(card).join('\n');
  for (const expected of ['Det här kan du göra', 'Dina roller: medarbetare']) {
    if (!texts.includes(expected)) return `help card lacks ${JSON.stringify(expected)}`;
  }
  return undefined;
}

/**
 * Runs `warmup` untimed requests then `count` timed ones (sequentially, or `concurrency` in flight),
 * on a fresh keep-alive agent, then checks that the connector received exactly one right reply per request.
 */
async function runPhase(target: Target, mode: 'latency' | 'throughput', warmup: number, count: number, concurrency: number, onMeasuredStart?: () => void): Promise<PhaseResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const expected = new Set<string>();
  const failures: string[] = [];
  const samples: number[] = [];
  const send = async (): Promise<number> => {
    const activity = { ...target.teams.base(user), type: 'message', text: TEXT };
    expected.add(activity.id);
    const body = JSON.stringify(activity);
    const started = performance.now();
    try {
      const res = await postJson(agent, target.endpoint, body);
      const elapsed = performance.now() - started;
      if (res.status !== 200) failures.push(`HTTP ${res.status} for activity ${activity.id}: ${res.body.slice(0, 200)}`);
      return elapsed;
    } catch (error) {
      failures.push(`request for activity ${activity.id} failed: ${String(error)}`);
      return performance.now() - started;
    }
  };

  try {
    target.connector.clear();
    if (mode === 'latency') await runSequential(warmup, send);
    else await runConcurrent(warmup, concurrency, async () => {
      await send();
    });
    verify(target, expected, failures, `${mode} warm-up`);

    onMeasuredStart?.();
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    let throughput: ThroughputResult | undefined;
    if (mode === 'latency') {
      samples.push(...(await runSequential(count, send)));
    } else {
      throughput = await runConcurrent(count, concurrency, async () => {
        samples.push(await send());
      });
    }
    const wallMs = performance.now() - wallBefore;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const connectorCalls = target.connector.requests.length;
    verify(target, expected, failures, mode);
    return throughput ? { samples, throughput, connectorCalls, cpuMs, wallMs } : { samples, connectorCalls, cpuMs, wallMs };
  } finally {
    agent.destroy();
    target.connector.clear();
  }
}

/** Exactly one reply per request, each replying to a request of this phase, with the right content; no HTTP errors anywhere. */
function verify(target: Target, expected: Set<string>, failures: string[], phase: string): void {
  const problems = [...failures];
  const answered = new Set<string>();
  for (const reply of target.connector.activities) {
    const to = reply.replyToId ?? '';
    if (!expected.has(to)) problems.push(`unexpected reply (replyToId ${JSON.stringify(to)})`);
    else if (answered.has(to)) problems.push(`second reply to ${to}`);
    answered.add(to);
    const wrong = target.check(reply);
    if (wrong) problems.push(`reply to ${to}: ${wrong}`);
  }
  const missing = [...expected].filter((id) => !answered.has(id));
  if (missing.length > 0) problems.push(`${missing.length} of ${expected.size} requests got no reply at the fake connector (first: ${missing[0] ?? ''})`);
  const connectorErrors = target.connector.requests.filter((r) => r.status >= 400);
  for (const r of connectorErrors.slice(0, 5)) problems.push(`fake connector answered ${r.method} ${r.path} with ${r.status}`);
  if (connectorErrors.length > 5) problems.push(`fake connector answered ${connectorErrors.length} requests with errors in all`);
  if (problems.length > 0) {
    const shown = problems.slice(0, 10).map((p) => `  - ${p}`);
    const more = problems.length > 10 ? [`  ... and ${problems.length - 10} more`] : [];
    throw new BenchFailure([`${target.name}, ${phase} phase: ${problems.length} problem(s)`, ...shown, ...more].join('\n'));
  }
  console.log(`  ok  ${target.name.padEnd(13)} ${phase.padEnd(18)} ${String(expected.size).padStart(5)} requests, ${String(answered.size).padStart(5)} replies verified`);
  expected.clear();
  failures.length = 0;
  target.connector.clear();
}

function printMachine(): void {
  const cpus = os.cpus();
  console.log('Acceleratorn benchmark: one Teams message turn, Acceleratorn vs a bare botbuilder echo bot');
  console.log(`machine:  ${cpus.length} cpus (${cpus[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()} ${os.arch()}`);
  console.log(`runtime:  node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log(
    `plan:     ${quick ? 'quick' : 'full'}: per phase ${PLAN.warmup} warm-up requests, then ${PLAN.latencyRequests} sequential (latency) / ` +
      `${PLAN.throughputRequests} with ${PLAN.concurrency} in flight (throughput); message ${JSON.stringify(TEXT)} sv-SE from the demo employee`,
  );
  console.log('');
}

async function main(): Promise<void> {
  const began = performance.now();
  printMachine();

  const closers: (() => Promise<void>)[] = [];
  let cosmos: OutgoingTally | undefined;
  let connectorTallyA: OutgoingTally | undefined;
  let connectorTallyB: OutgoingTally | undefined;
  try {
    const connectorA = new FakeBotConnector();
    const connectorB = new FakeBotConnector();
    closers.push(() => connectorA.stop(), () => connectorB.stop());
    const [serviceUrlA, serviceUrlB] = await Promise.all([connectorA.start(), connectorB.start()]);

    const app: RunningApp = await startApp(parseConfig({ NODE_ENV: 'test', PORT: '0', SEED_DEMO: 'true', LOG_LEVEL: 'silent' }));
    closers.unshift(() => app.close());
    const echo: EchoBot = await startEchoBot();
    closers.unshift(() => echo.close());

    cosmos = new OutgoingTally(new URL(app.store.endpoint).host, cosmosLabel);
    connectorTallyA = new OutgoingTally(new URL(serviceUrlA).host, (req) => req.method);
    connectorTallyB = new OutgoingTally(new URL(serviceUrlB).host, (req) => req.method);

    const baseline: Target = {
      name: 'baseline echo',
      endpoint: new URL('/api/messages', echo.url),
      connector: connectorB,
      teams: new TeamsClient(echo.url, serviceUrlB),
      check: checkEcho,
    };
    const acceleratorn: Target = {
      name: 'Acceleratorn',
      endpoint: new URL('/api/messages', app.url),
      connector: connectorA,
      teams: new TeamsClient(app.url, serviceUrlA),
      check: checkHelpCard,
    };
    console.log(`Acceleratorn ${acceleratorn.endpoint.href} (Cosmos ${app.store.endpoint}), baseline ${baseline.endpoint.href}`);
    console.log(`fake connectors ${serviceUrlA} (Acceleratorn), ${serviceUrlB} (baseline)`);
    console.log('');

    const { warmup, latencyRequests, throughputRequests, concurrency } = PLAN;
    const tallies = [cosmos, connectorTallyA, connectorTallyB];
    const resetTallies = () => tallies.forEach((t) => t.reset());

    const latB = await runPhase(baseline, 'latency', warmup, latencyRequests, 1, resetTallies);
    const connectorConnectionsB = connectorTallyB.connections;
    const latA = await runPhase(acceleratorn, 'latency', warmup, latencyRequests, 1, resetTallies);
    const cosmosPerTurn = cosmos.snapshot();
    const cosmosCalls = cosmos.total;
    const cosmosConnections = cosmos.connections;
    const connectorConnectionsA = connectorTallyA.connections;
    const thrB = await runPhase(baseline, 'throughput', warmup, throughputRequests, concurrency);
    const thrA = await runPhase(acceleratorn, 'throughput', warmup, throughputRequests, concurrency);

    const sB: LatencyStats = summarize(latB.samples);
    const sA: LatencyStats = summarize(latA.samples);
    const loadB = summarize(thrB.samples);
    const loadA = summarize(thrA.samples);
    const rpsB = thrB.throughput?.perSecond ?? Number.NaN;
    const rpsA = thrA.throughput?.perSecond ?? Number.NaN;
    const perTurn = (calls: number, n: number) => (calls / n).toFixed(2);
    const cpuPerTurnB = thrB.cpuMs / throughputRequests;
    const cpuPerTurnA = thrA.cpuMs / throughputRequests;
    const busy = (p: PhaseResult) => `${((100 * p.cpuMs) / p.wallMs).toFixed(0)} %`;

    const rows: string[][] = [
      ['latency p50 (sequential)', ms(sB.p50), ms(sA.p50), ratio(sA.p50 / sB.p50)],
      ['latency p90 (sequential)', ms(sB.p90), ms(sA.p90), ratio(sA.p90 / sB.p90)],
      ['latency p99 (sequential)', ms(sB.p99), ms(sA.p99), ratio(sA.p99 / sB.p99)],
      ['latency mean (sequential)', ms(sB.mean), ms(sA.mean), ratio(sA.mean / sB.mean)],
      ['latency max (sequential)', ms(sB.max), ms(sA.max), ratio(sA.max / sB.max)],
      [`throughput, ${concurrency} in flight`, `${rpsB.toFixed(0)} req/s`, `${rpsA.toFixed(0)} req/s`, ratio(rpsA / rpsB)],
      [`latency p50 @ ${concurrency} in flight`, ms(loadB.p50), ms(loadA.p50), ratio(loadA.p50 / loadB.p50)],
      [`latency p99 @ ${concurrency} in flight`, ms(loadB.p99), ms(loadA.p99), ratio(loadA.p99 / loadB.p99)],
      [`process CPU per turn @ ${concurrency} in flight`, ms(cpuPerTurnB), ms(cpuPerTurnA), ratio(cpuPerTurnA / cpuPerTurnB)],
      [`process CPU busy @ ${concurrency} in flight`, busy(thrB), busy(thrA), '-'],
      ['Bot Connector calls per turn', perTurn(latB.connectorCalls, latencyRequests), perTurn(latA.connectorCalls, latencyRequests), '-'],
      ['  new connections per turn', perTurn(connectorConnectionsB, latencyRequests), perTurn(connectorConnectionsA, latencyRequests), '-'],
      ['Cosmos requests per turn', '-', perTurn(cosmosCalls, latencyRequests), '-'],
      ['  new (TLS) connections per turn', '-', perTurn(cosmosConnections, latencyRequests), '-'],
    ];

    console.log('');
    console.log(formatTable(['metric', 'baseline echo', 'Acceleratorn', 'ratio A/B'], rows));
    console.log('');
    console.log('ratio A/B = Acceleratorn / baseline in every row: on latency rows > 1 means Acceleratorn is slower;');
    console.log(`on the throughput row < 1 means it serves fewer requests/s (baseline / Acceleratorn = ${ratio(rpsB / rpsA)}).`);
    console.log(
      `throughput: baseline ${thrB.throughput?.requests ?? 0} requests in ${((thrB.throughput?.elapsedMs ?? 0) / 1000).toFixed(2)} s, ` +
        `Acceleratorn ${thrA.throughput?.requests ?? 0} in ${((thrA.throughput?.elapsedMs ?? 0) / 1000).toFixed(2)} s`,
    );
    console.log(
      'process CPU = user + system time of this one process (bots, embedded Cosmos server, fake connectors and load generator share',
    );
    console.log('one event loop; 100 % = one core), divided by the requests of the throughput phase.');
    console.log('per-turn counts come from the sequential (latency) phase; a new connection per request means no keep-alive.');
    console.log('Cosmos requests per Acceleratorn turn, by kind:');
    for (const [label, n] of [...cosmosPerTurn].sort((a, b) => b[1] - a[1])) {
      console.log(`  ${perTurn(n, latencyRequests).padStart(5)}  ${label}`);
    }
    console.log('');
    console.log(`load average at the end ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (other work on this machine skews every number above)`);
    console.log(`total ${((performance.now() - began) / 1000).toFixed(1)} s; every request answered 200 and every reply arrived at the fake connector.`);
  } finally {
    cosmos?.dispose();
    connectorTallyA?.dispose();
    connectorTallyB?.dispose();
    for (const close of closers) {
      try {
        await close();
      } catch (error) {
        console.error(`close failed: ${String(error)}`);
        process.exitCode = 1;
      }
    }
  }
}

main().catch((error: unknown) => {
  console.error('');
  console.error(error instanceof BenchFailure ? `BENCH FAILED: ${error.message}` : error);
  process.exitCode = 1;
});
