/**
 * Benchmark: the tab. Its bundle (every file Vite wrote under dist/web/assets, raw and gzip), and the time to its
 * first view — from navigation until Sara's "Min ansökan" has its data on screen, signed in with the demo sign-in —
 * against a blank page served by the same server from the same folder, as a ratio. Each load is cold (a new browser
 * context: no cache, no storage), the two kinds alternate, the p50 of each is compared. Headless Debian Chromium.
 * Then the Cosmos requests one API request makes, route by route, for the person whose view it is (counted at the
 * embedded server's socket, as in bench.ts). No timing assertions: a view that does not load fails the bench (exit code 1).
 *
 * Usage: node dist/scripts/bench-tab.js [--rounds 15]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { startApp } from '../src/app';
import { parseConfig } from '../src/config';
import { DEMO_PEOPLE } from '../src/demo/demo';
import { messages } from '../src/i18n';
import { launchChromium } from '../test/helpers/chromium';
import { cosmosLabel, formatTable, ms, OutgoingTally, ratio, summarize } from './bench-lib';
import { DEMO_COHORT_ID } from '../src/demo/demo';
import { TAB_API, type TabRouteId } from '../src/adapters/tab/contract';
import type { RunningApp } from '../src/app';
import { anApplication, creationAudit } from '../test/builders/application.builder';
import { callTab } from '../test/helpers/tab-client';

/** What says the first view is there: the programme's name, which only the API's answer puts on the page. */
const FIRST_VIEW_READY = `text=${messages('sv').tab.home.cohort('Pilot 1')}`;

/** The built tab: the bench runs from dist/scripts, so two folders up is the project. */
const WEB = join(__dirname, '..', '..', 'dist', 'web');

function bundle(): { rows: string[][]; gzip: number; raw: number } {
  const dir = join(WEB, 'assets');
  const rows: string[][] = [];
  let raw = 0;
  let gzip = 0;
  for (const file of readdirSync(dir).filter((f) => /\.(js|css)$/.test(f)).sort()) {
    const content = readFileSync(join(dir, file));
    const z = gzipSync(content, { level: 9 }).length;
    raw += content.length;
    gzip += z;
    rows.push([file, `${(content.length / 1024).toFixed(1)} KiB`, `${(z / 1024).toFixed(1)} KiB`]);
  }
  return { rows, raw, gzip };
}

/**
 * Cosmos requests per tab API request: Sara waiting for Johan, two applications in the jury's review for Lena. Each
 * route is called once to warm the client, then counted over five calls.
 */
async function cosmosPerRequest(app: RunningApp): Promise<void> {
  const now = new Date().toISOString();
  const s = app.services;
  const sara = DEMO_PEOPLE.employee;
  const waiting = anApplication({ cohortId: DEMO_COHORT_ID, applicantId: sara, applicantName: 'Sara Lindqvist', state: 'awaitingManager', approvals: [{ memberId: sara, memberName: 'Sara Lindqvist', managerId: DEMO_PEOPLE.manager, status: 'pending', requestedAt: now }], deciderIds: [DEMO_PEOPLE.manager] });
  const judged = [anApplication({ cohortId: DEMO_COHORT_ID, state: 'inReview' }), anApplication({ cohortId: DEMO_COHORT_ID, state: 'inReview' })];
  for (const a of [waiting, ...judged]) await s.applications.create(a, creationAudit(a));
  const ref = { cohortId: DEMO_COHORT_ID, applicationId: judged[0]!.id };
  const calls: [TabRouteId, string, Record<string, string>][] = [
    ['me', sara, {}],
    ['application', sara, {}],
    ['approvals', DEMO_PEOPLE.manager, {}],
    ['reviews', DEMO_PEOPLE.juror, {}],
    ['review', DEMO_PEOPLE.juror, ref],
  ];
  const tally = new OutgoingTally(new URL(app.store.endpoint).host, cosmosLabel);
  const rows: string[][] = [];
  for (const [route, person, request] of calls) {
    const call = async () => {
      const reply = await callTab(app.url, route, request as never, { demo: person });
      if (reply.status !== 200) throw new Error(`${route} answered ${reply.status}`);
    };
    await call();
    tally.reset();
    for (let i = 0; i < 5; i++) await call();
    rows.push([`${TAB_API[route].method} ${TAB_API[route].path}`, (tally.total / 5).toFixed(2)]);
  }
  tally.dispose();
  console.log('\nCosmos requests per tab API request (the roles, then the view)\n');
  console.log(formatTable(['route', 'Cosmos requests'], rows));
}

async function main(): Promise<void> {
  const roundsAt = process.argv.indexOf('--rounds');
  const rounds = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : 15;
  const b = bundle();
  console.log('\nThe tab\'s bundle (dist/web/assets)\n');
  console.log(formatTable(['file', 'raw', 'gzip'], [...b.rows, ['total', `${(b.raw / 1024).toFixed(1)} KiB`, `${(b.gzip / 1024).toFixed(1)} KiB`]]));

  const app = await startApp(parseConfig({ NODE_ENV: 'test', PORT: '0', SEED_DEMO: 'true', LOG_LEVEL: 'silent', TAB_DEMO_SIGNIN: 'true', OUTBOX_WORKER: 'false' }));
  const browser = await launchChromium();
  const blank: number[] = [];
  const firstView: number[] = [];
  try {
    const load = async (url: string, ready: (page: import('playwright-core').Page) => Promise<unknown>): Promise<number> => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(url);
      await ready(page);
      const took = performance.now() - started;
      await context.close();
      return took;
    };
    const tab = `${app.url}/tab/?as=${DEMO_PEOPLE.employee}`;
    // One of each first, not counted: the server's own first reads of the files.
    await load(`${app.url}/tab/blank.html`, (p) => p.waitForLoadState('load'));
    await load(tab, (p) => p.waitForSelector(FIRST_VIEW_READY, { timeout: 30_000 }));
    for (let i = 0; i < rounds; i++) {
      blank.push(await load(`${app.url}/tab/blank.html`, (p) => p.waitForLoadState('load')));
      firstView.push(await load(tab, (p) => p.waitForSelector(FIRST_VIEW_READY, { timeout: 30_000 })));
    }
    await cosmosPerRequest(app);
  } finally {
    await browser.close();
    await app.close();
  }
  const a = summarize(firstView);
  const z = summarize(blank);
  console.log(`\nThe first view (Sara's Min ansökan, cold, demo sign-in) against a blank page from the same server, ${rounds} loads each\n`);
  console.log(
    formatTable(
      ['', 'p50', 'p90', 'min'],
      [
        ['blank page', ms(z.p50), ms(z.p90), ms(z.min)],
        ['first view', ms(a.p50), ms(a.p90), ms(a.min)],
        ['ratio', ratio(a.p50 / z.p50), ratio(a.p90 / z.p90), ratio(a.min / z.min)],
      ],
    ),
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
