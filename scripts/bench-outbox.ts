/**
 * Benchmark: outbox delivery throughput against Teams' per-app limit (50 requests/s).
 *
 * 500 notifications (default) to 500 people whose conversation references are stored, enqueued through the
 * real CosmosApplicationRepository on the embedded Cosmos DB server, delivered by OutboxWorker +
 * TeamsProactiveSender + the app's CloudAdapter to a fake Bot Connector that enforces Teams' rate limits
 * (50/s per app; 7/1 s, 8/2 s, 60/30 s, 1800/h per conversation) and answers 429 with Retry-After beyond them.
 *
 * With --workers N, N workers (as N bot instances would) share the outbox, each pacing at 48/N per second.
 *
 * Prints total time, messages per second, the ratio to the allowed 50/s and the number of 429 answers.
 * Fails (exit code 1) when a message was not delivered exactly once; no timing assertions.
 *
 * Usage: node dist/scripts/bench-outbox.js [--messages 500] [--workers 1] [--concurrency 16] [--batch 100]
 */
import { performance } from 'node:perf_hooks';
import { CosmosApplicationRepository } from '../src/adapters/cosmos/application.repository';
import { openCosmos } from '../src/adapters/cosmos/connection';
import { CosmosConversationAddressBook } from '../src/adapters/cosmos/conversation.repository';
import { CosmosOutboxStore } from '../src/adapters/cosmos/outbox.store';
import { card } from '../src/adapters/cards/card-kit';
import { createCloudAdapter } from '../src/adapters/teams/cloud-adapter';
import { TeamsProactiveSender } from '../src/adapters/teams/proactive-sender';
import { RequestPacer } from '../src/adapters/teams/request-pacer';
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
  const messages = option('messages', 500);
  const workers = option('workers', 1);
  const concurrency = option('concurrency', 16);
  const batchSize = option('batch', 100);
  const log = createLogger('warn');
  const clock: Clock = { now: () => new Date() };

  const connector = new FakeBotConnector({ enforceRateLimits: true, perAppPerSecond: ALLOWED_PER_SECOND });
  const serviceUrl = await connector.start();
  const store = await openCosmos({ mode: 'embedded', database: 'bench-outbox', port: 0 });
  try {
    const applications = new CosmosApplicationRepository(store.containers.applications);
    const outbox = new CosmosOutboxStore(store.containers.applications);
    const addresses = new CosmosConversationAddressBook(store.containers.conversations, () => clock.now());
    const adapter = createCloudAdapter(undefined, log);

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
    const pool = Array.from({ length: workers }, (_, i) => {
      const pacer = new RequestPacer({ perSecond: PACED_PER_SECOND / workers });
      const sender = new TeamsProactiveSender({ adapter, appId: '', addresses, render, defaults: { serviceUrl }, pacer, log });
      return new OutboxWorker({ store: outbox, sender, clock, workerId: `bench-${i}`, batchSize, concurrency, pollMs: 200, log });
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
    const duplicates = people.filter((p) => connector.sentTo(conversationOf(p)).length > 1).length;
    const missing = people.filter((p) => connector.sentTo(conversationOf(p)).length === 0).length;

    const rows: [string, string][] = [
      ['messages', String(messages)],
      ['workers (instances)', `${workers}, each paced at ${(PACED_PER_SECOND / workers).toFixed(1)}/s, ${concurrency} sends in flight, batches of ${batchSize}`],
      ['total time', `${elapsedS.toFixed(2)} s (workers started to last delivery)`],
      ['achieved', `${perS.toFixed(1)} messages/s`],
      ['vs allowed', `${((perS / ALLOWED_PER_SECOND) * 100).toFixed(1)} % of ${ALLOWED_PER_SECOND}/s per app`],
      ['connector span', `${(sends.length / Math.max(spanS, 0.001)).toFixed(1)} requests/s between first and last request`],
      ['429 answers', String(connector.throttledCount)],
      ['connector requests', String(connector.requestCount)],
      ['missing / duplicates', `${missing} / ${duplicates}`],
      ['cosmos', 'embedded @vercel/cosmosdb-server (in memory, same process)'],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log(`\nOutbox delivery bench\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}\n`);
    if (connector.throttledCount > 0) console.log('WARNING: the connector throttled some requests; the pacer let too many through.');
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
