/**
 * Benchmark: an announcement (kungörelse) to 10,000 employees (default), the app as `npm start` wires it, against a
 * fake Bot Connector that enforces Teams' limits (50 requests/s per app; 7/1 s, 8/2 s, 60/30 s, 1800/h per
 * conversation; 429 with Retry-After beyond them) and a fake Microsoft Graph that installs the app for those who
 * have never talked to the bot (30 %) and throttles every 25th installation request (429, Retry-After 1 s).
 *
 * The coordinator composes, previews and confirms over HTTP; the bench then waits for every recipient's card and
 * the progress card's summary. Prints the rate at the connector while the campaign ran, its ratio to the 50/s
 * ceiling, messages per second, the 429s, and who got nothing or twice. Exit code 1 when anyone did not get exactly
 * one, or the connector answered 429; no timing assertions.
 *
 * Usage: node dist/scripts/bench-announce.js [--recipients 10000]
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { TokenCredential } from '@azure/identity';
import { VERBS } from '../src/adapters/cards/verbs';
import { startApp } from '../src/app';
import { parseConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { COORDINATOR, openCohort, storeChats, TEAMS_APP, tenantOf } from '../test/helpers/announcement-rig';
import { cardTexts, TeamsClient } from '../test/helpers/teams-client';

const CEILING = 50;
const HEADING = 'Acceleratorn söker idéer';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const fakeIdentity: TokenCredential = { getToken: async () => ({ token: 'bench-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };

/**
 * The embedded Cosmos DB server in a process of its own, as the database is another machine in Azure: the bot's
 * process then does the bot's work only (the fakes of Teams and Graph that count and answer are light).
 */
async function cosmosProcess(): Promise<{ endpoint: string; stop: () => void }> {
  const connection = join(__dirname, '..', 'src', 'adapters', 'cosmos', 'connection.js');
  const child = spawn(process.execPath, ['-e', `require(${JSON.stringify(connection)}).startEmbeddedCosmos().then((s) => console.log(s.endpoint))`], { stdio: ['ignore', 'pipe', 'inherit'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (c: Buffer) => resolve(c.toString().trim()));
    child.once('exit', (code) => reject(new Error(`the Cosmos DB server exited (${code})`)));
  });
  return { endpoint, stop: () => child.kill() };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Asks the thread that plays Teams and Graph (scripts/bench-teams-worker.ts). */
function teamsThread(): { ask: <T>(what: string, arg?: unknown) => Promise<T>; stop: () => Promise<number> } {
  const worker = new Worker(join(__dirname, 'bench-teams-worker.js'));
  let next = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  worker.on('message', (m: { id: number; value?: unknown; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error !== undefined) w?.reject(new Error(m.error));
    else w?.resolve(m.value);
  });
  return {
    ask: <T>(what: string, arg?: unknown) =>
      new Promise<T>((resolve, reject) => {
        const id = ++next;
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        worker.postMessage({ id, ask: what, arg });
      }),
    stop: () => worker.terminate(),
  };
}

interface Stats {
  perSecond: number[];
  sends: number;
  spanS: number;
  lost: number;
  twice: number;
  throttled: number;
  perAppFull: number;
  graphRequests: number;
  graphThrottled: number;
}

async function main(): Promise<number> {
  const n = option('recipients', 10_000);
  const cosmos = await cosmosProcess();
  const teamsSide = teamsThread();
  const { serviceUrl, graphUrl } = await teamsSide.ask<{ serviceUrl: string; graphUrl: string }>('start', n);
  const { employees } = tenantOf(n);
  const config = parseConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'warn',
    TEAMS_SERVICE_URL: serviceUrl,
    DIRECTORY: 'graph',
    GRAPH_BASE_URL: graphUrl,
    TEAMS_APP_ID: TEAMS_APP.externalId,
    COORDINATOR_IDS: COORDINATOR,
    OUTBOX_POLL_MS: '200',
    COSMOS_ENDPOINT: cosmos.endpoint,
    COSMOS_EMULATOR: 'true',
    ...(process.env.OUTBOX_SEND_RATE ? { OUTBOX_SEND_RATE: process.env.OUTBOX_SEND_RATE } : {}),
  });
  const app = await startApp(config, { credential: fakeIdentity, log: createLogger('warn') });
  try {
    const withChat = employees.slice(0, Math.round(n * (1 - option('install-percent', 30) / 100)));
    await storeChats(app.store, serviceUrl, withChat);
    await app.services.cohorts.save(openCohort(new Date()));
    const teams = new TeamsClient(app.url, serviceUrl);
    const coordinator = { aadObjectId: COORDINATOR, name: 'Sam Ordnare' };

    await teams.say(coordinator, 'kungörelse');
    await teams.execute(coordinator, VERBS.announcePreview, { title: HEADING, text: 'Har du en idé som kan göra livet bättre för invånarna? Sök till Acceleratorn.', audience: 'everyone' });
    const confirm = await teamsSide.ask<string>('confirmCard', VERBS.announceSend);
    const counted = cardTexts(JSON.parse(confirm)).find((t) => t.startsWith('Det går till')) ?? '?';
    const campaignId = /"campaignId":"(K-[0-9A-Z]+)"/.exec(confirm)?.[1] ?? '';
    const before = await teamsSide.ask<number>('requestCount');
    const started = performance.now();
    await teams.execute(coordinator, VERBS.announceSend, { campaignId });

    const deadline = Date.now() + (n / 20) * 1_000 + 30_000;
    let progress = '';
    while (Date.now() < deadline) {
      progress = await teamsSide.ask<string>('progressText');
      if (progress.includes('Klart.')) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const elapsedS = (performance.now() - started) / 1000;
    const st = await teamsSide.ask<Stats>('stats', { before, heading: HEADING });
    const rate = (st.sends - 1) / Math.max(st.spanS, 0.001);

    const rows: [string, string][] = [
      ['recipients', `${n} (${withChat.length} had talked to the bot, ${n - withChat.length} got the app installed through Graph)`],
      ['preview said', counted],
      ['total time', `${elapsedS.toFixed(1)} s from the confirmation to the last card and the summary (${(n / elapsedS).toFixed(1)} messages/s)`],
      ['rate at the connector', `${rate.toFixed(1)} sends/s, first to last, over ${st.spanS.toFixed(1)} s`],
      ['vs ceiling', `${((rate / CEILING) * 100).toFixed(1)} % of ${CEILING}/s per app (must be at least 95 %)`],
      ['sends per second', `median ${median(st.perSecond)}, lowest ${Math.min(...st.perSecond.slice(0, -1))} (first ${st.perSecond.slice(0, 5).join(', ')}; last ${st.perSecond.slice(-5).join(', ')})`],
      ['429 at the connector', `${st.throttled}${st.throttled > 0 ? ` (${st.perAppFull} with 50 or more requests arriving in the second before)` : ''}`],
      ['Graph', `${st.graphRequests} requests, ${st.graphThrottled} answered 429 (waited out: Retry-After)`],
      ['lost / twice', `${st.lost} / ${st.twice}`],
      ['progress card', progress.slice(0, 200)],
      ['set-up', 'the bot in this thread, Teams and Graph (fakes) in a worker thread, Cosmos DB (embedded server) in a process of its own'],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log(`\nAnnouncement bench\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}\n`);
    const failures = [
      ...(st.lost > 0 || st.twice > 0 ? [`${st.lost} got nothing, ${st.twice} got it twice`] : []),
      ...(st.throttled > 0 ? [`the connector throttled ${st.throttled} request(s)`] : []),
      ...(rate < CEILING * 0.95 ? [`the rate was ${((rate / CEILING) * 100).toFixed(1)} % of the ceiling`] : []),
    ];
    if (failures.length > 0) console.error(`FAILED: ${failures.join('; ')}`);
    return failures.length > 0 ? 1 : 0;
  } finally {
    await app.close();
    await teamsSide.ask('stop');
    await teamsSide.stop();
    cosmos.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
