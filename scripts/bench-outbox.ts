/**
 * Benchmark: outbox delivery throughput against Teams' per-app limit (50 requests/s).
 *
 * 500 notifications (default) to 500 people whose conversation references are stored, enqueued through the
 * real CosmosApplicationRepository on the embedded Cosmos DB server, delivered by OutboxWorker +
 * TeamsProactiveSender + the app's CloudAdapter to a fake Bot Connector that enforces Teams' rate limits
 * (50/s per app; 7/1 s, 8/2 s, 60/30 s, 1800/h per conversation) and answers 429 with Retry-After beyond them.
 *
 * Runs with 1, 2 and 3 workers (as that many bot instances would: each its own pacer at the full 48/s and its
 * own adapter), sharing the outbox and the sender lease in Cosmos (docs/decisions/0005): one delivers at a time.
 * With --workers N, only N.
 *
 * Prints, per run, total time, the combined rate at the connector, its ratio to the allowed 50/s and the number
 * of 429 answers. Fails (exit code 1) when a message was not delivered exactly once; no timing assertions.
 *
 * Usage: node dist/scripts/bench-outbox.js [--messages 500] [--workers 1|2|3] [--concurrency 16] [--batch 100]
 */
import { performance } from 'node:perf_hooks';
import { CosmosApplicationRepository } from '../src/adapters/cosmos/application.repository';
import { openCosmos } from '../src/adapters/cosmos/connection';
import { CosmosConversationAddressBook } from '../src/adapters/cosmos/conversation.repository';
import { CosmosOutboxStore } from '../src/adapters/cosmos/outbox.store';
import { CosmosLeaseStore } from '../src/adapters/cosmos/lease.store';
import { card } from '../src/adapters/cards/card-kit';
import { createCloudAdapter } from '../src/adapters/teams/cloud-adapter';
import { pacedProactiveSender } from '../src/adapters/teams/proactive-sender';
import type { Notification } from '../src/domain/notification';
import type { Clock } from '../src/domain/ports';
import { createLogger } from '../src/logger';
import { OutboxWorker } from '../src/use-cases/deliver-notifications';
import { anApplication, creationAudit } from '../test/builders/application.builder';
import { FakeBotConnector } from '../test/fakes/fake-bot-connector';

const ALLOWED_PER_SECOND = 50;
const PACED_PER_SECOND = 48;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

async function main(): Promise<number> {
  const counts = process.argv.includes('--workers') ? [option('workers', 1)] : [1, 2, 3];
  let failed = 0;
  for (const workers of counts) failed += await run(workers);
  return failed > 0 ? 1 : 0;
}

async function run(workers: number): Promise<number> {
  const messages = option('messages', 500);
  const concurrency = option('concurrency', 16);
  const batchSize = option('batch', 100);
  const log = createLogger('warn');
  const clock: Clock = { now: () => new Date() };

  const connector = new FakeBotConnector({ enforceRateLimits: true, perAppPerSecond: ALLOWED_PER_SECOND });
  const serviceUrl = await connector.start();
  const store = await openCosmos({ mode: 'embedded', database: `bench-outbox-${workers}`, port: 0 });
  try {
    const applications = new CosmosApplicationRepository(store.containers.applications);
    const outbox = new CosmosOutboxStore(store.containers.applications);
    const addresses = new CosmosConversationAddressBook(store.containers.conversations, () => clock.now());

    const people = Array.from({ length: messages }, (_, i) => `person-${String(i).padStart(5, '0')}`);
    const conversationOf = (person: string) => `a:1:1-${person}`;
    for (let i = 0; i < people.length; i += 25) {
      await Promise.all(
        people.slice(i, i + 25).map((person) =>
          addresses.save(
            person,
            {
              channelId: 'msteams',
              serviceUrl,
              conversation: { id: conversationOf(person), isGroup: false, conversationType: 'personal', tenantId: 'bench-tenant' },
              bot: { id: '28:acceleratorn', name: 'Acceleratorn' },
              user: { id: `29:${person}`, aadObjectId: person, name: person },
            },
            'sv-SE',
          ),
        ),
      );
    }
    // An application batch holds at most 100 operations: 90 notifications per application change.
    for (let i = 0, n = 0; i < people.length; i += 90, n++) {
      const at = clock.now().toISOString();
      const app = anApplication({ id: `BENCH-${n}`, cohortId: 'bench', applicantId: `applicant-${n}`, createdAt: at, updatedAt: at });
      const notifications: Notification[] = people.slice(i, i + 90).map((recipientId) => ({
        idempotencyKey: `bench/${n}/${recipientId}`,
        kind: 'managerApprovalRequest',
        recipientId,
        cohortId: 'bench',
        applicationId: app.id,
        payload: {},
      }));
      await applications.create(app, creationAudit(app), notifications);
    }

    const render = async () => card([{ type: 'TextBlock', text: 'Ny ansökan att godkänna', wrap: true }]);
    const leases = new CosmosLeaseStore(store.containers.botState);
    const pool = Array.from({ length: workers }, (_, i) => {
      const sender = pacedProactiveSender(PACED_PER_SECOND, (paced) => createCloudAdapter(undefined, log, undefined, undefined, paced), { appId: '', addresses, render, defaults: { serviceUrl }, log });
      return new OutboxWorker({ store: outbox, sender, leases, clock, workerId: `bench-${i}`, batchSize, concurrency, pollMs: 200, log });
    });

    const started = performance.now();
    for (const worker of pool) worker.start();
    const deadline = Date.now() + Math.max(60_000, (messages / 10) * 1_000);
    while (connector.activities.length < messages && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const elapsedS = (performance.now() - started) / 1000;
    await Promise.all(pool.map((w) => w.stop()));

    const sends = connector.requests.filter((r) => r.status < 300);
    const spanS = ((sends.at(-1)?.at ?? 0) - (sends[0]?.at ?? 0)) / 1000;
    const perS = messages / elapsedS;
    // n requests span n - 1 intervals.
    const rate = (sends.length - 1) / Math.max(spanS, 0.001);
    const duplicates = people.filter((p) => connector.sentTo(conversationOf(p)).length > 1).length;
    const missing = people.filter((p) => connector.sentTo(conversationOf(p)).length === 0).length;

    const rows: [string, string][] = [
      ['messages', String(messages)],
      ['workers (instances)', `${workers}, each paced at ${PACED_PER_SECOND}/s, ${concurrency} sends in flight, batches of ${batchSize}; one holds the sender lease`],
      ['total time', `${elapsedS.toFixed(2)} s (workers started to last delivery; ${perS.toFixed(1)} messages/s)`],
      ['combined rate', `${rate.toFixed(1)} requests/s at the connector, first to last request`],
      ['vs ceiling', `${((rate / ALLOWED_PER_SECOND) * 100).toFixed(1)} % of ${ALLOWED_PER_SECOND}/s per app`],
      ['delivered by', pool.map((w, i) => `worker ${i}: ${w.delivered.sent}`).join(', ')],
      ['429 answers', String(connector.throttledCount)],
      ['connector requests', String(connector.requestCount)],
      ['missing / duplicates', `${missing} / ${duplicates}`],
      ['cosmos', 'embedded @vercel/cosmosdb-server (in memory, same process)'],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log(`\nOutbox delivery bench, ${workers} instance${workers === 1 ? '' : 's'}\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}\n`);
    if (connector.throttledCount > 0) {
      const throttled = connector.requests.filter((r) => r.status === 429).map((r) => `#${r.seq} at +${r.at - (sends[0]?.at ?? 0)} ms (${r.errorCode ?? ''})`);
      console.log(`WARNING: the connector throttled ${connector.throttledCount} request(s): ${throttled.join(', ')}`);
    }
    if (missing > 0 || duplicates > 0) {
      console.error(`FAILED: ${missing} messages not delivered, ${duplicates} delivered more than once`);
      return 1;
    }
    return 0;
  } finally {
    await connector.stop();
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
