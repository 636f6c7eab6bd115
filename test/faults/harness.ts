import { randomUUID } from 'node:crypto';
import { card } from '../../src/adapters/cards/card-kit';
import { CosmosApplicationRepository } from '../../src/adapters/cosmos/application.repository';
import type { CosmosStore } from '../../src/adapters/cosmos/connection';
import { CosmosConversationAddressBook } from '../../src/adapters/cosmos/conversation.repository';
import { CosmosLeaseStore } from '../../src/adapters/cosmos/lease.store';
import { CosmosOutboxStore } from '../../src/adapters/cosmos/outbox.store';
import { createCloudAdapter } from '../../src/adapters/teams/cloud-adapter';
import { pacedProactiveSender } from '../../src/adapters/teams/proactive-sender';
import type { Notification, OutboxMessage } from '../../src/domain/notification';
import type { Clock } from '../../src/domain/ports';
import { createLogger } from '../../src/logger';
import { OutboxWorker, type OutboxWorkerOptions } from '../../src/use-cases/deliver-notifications';
import { anApplication, creationAudit } from '../builders/application.builder';
import type { CosmosFaultProxy } from '../fakes/cosmos-fault-proxy';
import { FakeBotConnector, type FakeBotConnectorOptions } from '../fakes/fake-bot-connector';
import { startFaultyCosmos, type FaultyCosmos } from '../helpers/faulty-cosmos';

export const conversationOf = (person: string) => `a:1:1-${person}`;

/** A request that posts a message (a proactive send continues the conversation, so botbuilder posts it as a reply). */
export const isMessagePost = (r: { operation: string }) => r.operation === 'sendToConversation' || r.operation === 'replyToActivity';
const FINAL = new Set(['sent', 'failed', 'unreachable', 'cancelled']);
const log = createLogger('silent');
const clock: Clock = { now: () => new Date() };

/** How a delivery run ended, counted at the fake connector (what people received) and in the store. */
export interface DeliveryCounts {
  readonly messages: number;
  /** People who received nothing. */
  readonly lost: number;
  /** Extra copies received, summed over people. */
  readonly duplicates: number;
  readonly statuses: Record<string, number>;
  /** Connector requests that carried a message (sends), and the attempts the outbox recorded. */
  readonly sendRequests: number;
  readonly attempts: number;
}

/**
 * The outbox's real parts on a Cosmos server run apart from the "bot" and reached through a fault proxy, and a
 * fake Bot Connector: what the app's composition root wires, minus the HTTP front door.
 */
export class DeliveryRig {
  private constructor(
    private readonly cosmos: FaultyCosmos,
    /** Through the proxy: what the workers use. */
    readonly store: CosmosStore,
    /** Straight to the server: what the test reads and seeds with, never faulted. */
    readonly direct: CosmosStore,
    readonly connector: FakeBotConnector,
    readonly serviceUrl: string,
    readonly database: string,
  ) {}

  static async start(connectorOptions: FakeBotConnectorOptions = {}): Promise<DeliveryRig> {
    const cosmos = await startFaultyCosmos();
    const database = `faults-${randomUUID().slice(0, 8)}`;
    const direct = await cosmos.openDirect(database);
    const store = await cosmos.open(database);
    const connector = new FakeBotConnector(connectorOptions);
    const serviceUrl = await connector.start();
    return new DeliveryRig(cosmos, store, direct, connector, serviceUrl, database);
  }

  get proxy(): CosmosFaultProxy {
    return this.cosmos.proxy;
  }

  /** The Cosmos server itself (no faults): for a bot process of its own. */
  get directEndpoint(): string {
    return this.cosmos.serverEndpoint;
  }

  async stop(): Promise<void> {
    await this.connector.stop();
    await this.store.close();
    await this.direct.close();
    await this.cosmos.stop();
  }

  /** `n` people with a stored 1:1 conversation, and one message to each, enqueued as application changes do. */
  async enqueue(n: number, prefix = 'p'): Promise<string[]> {
    const people = Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
    const addresses = new CosmosConversationAddressBook(this.direct.containers.conversations, () => new Date());
    for (let i = 0; i < people.length; i += 25) {
      await Promise.all(
        people.slice(i, i + 25).map((person) =>
          addresses.save(person, { channelId: 'msteams', serviceUrl: this.serviceUrl, conversation: { id: conversationOf(person), isGroup: false, conversationType: 'personal', tenantId: 'tenant-1' }, bot: { id: '28:acceleratorn', name: 'Acceleratorn' }, user: { id: `29:${person}`, aadObjectId: person, name: person } }, 'sv-SE'),
        ),
      );
    }
    const applications = new CosmosApplicationRepository(this.direct.containers.applications);
    for (let i = 0, k = 0; i < people.length; i += 90, k++) {
      const at = new Date().toISOString();
      const app = anApplication({ id: `F-${prefix}-${k}`, cohortId: 'faults', applicantId: `applicant-${prefix}-${k}`, createdAt: at, updatedAt: at });
      const notifications: Notification[] = people.slice(i, i + 90).map((recipientId) => ({ idempotencyKey: `faults/${prefix}/${recipientId}`, kind: 'applicationApproved', recipientId, cohortId: 'faults', applicationId: app.id, payload: {} }));
      await applications.create(app, creationAudit(app), notifications);
    }
    return people;
  }

  /** A worker as the app makes it (its own pacer and adapter, as another instance would have), on the faulted store. */
  worker(options: Partial<OutboxWorkerOptions> & { timeoutMs?: number; perSecond?: number } = {}): OutboxWorker {
    const { timeoutMs = 2_000, perSecond = 48, ...rest } = options;
    const addresses = new CosmosConversationAddressBook(this.store.containers.conversations, () => new Date());
    const render = async () => card([{ type: 'TextBlock', text: 'Ny ansökan att godkänna', wrap: true }]);
    const sender = pacedProactiveSender(perSecond, (paced) => createCloudAdapter(undefined, log, undefined, undefined, { timeoutMs, ...paced }), { appId: '', addresses, render, defaults: { serviceUrl: this.serviceUrl }, log });
    return new OutboxWorker({
      store: new CosmosOutboxStore(this.store.containers.applications),
      sender,
      leases: new CosmosLeaseStore(this.store.containers.botState),
      clock,
      workerId: `w-${randomUUID().slice(0, 6)}`,
      pollMs: 100,
      heartbeatMs: 200,
      senderLeaseMs: 2_000,
      baseBackoffMs: 100,
      maxBackoffMs: 1_000,
      maxAttempts: 20,
      leaseMs: Math.max(3_000, 2 * timeoutMs + 1_000),
      log,
      ...rest,
    });
  }

  /** Every outbox message as stored (read straight from the server). */
  async messages(): Promise<OutboxMessage[]> {
    const { resources } = await this.direct.containers.applications.items.query<OutboxMessage>({ query: "SELECT * FROM c WHERE c.type = 'outbox'" }).fetchAll();
    return resources;
  }

  /** Resolves once every message is final (sent, failed, unreachable, cancelled); rejects after `timeoutMs`. */
  async settled(timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const all = await this.messages();
      if (all.length > 0 && all.every((m) => FINAL.has(m.status))) return;
      if (Date.now() > until) throw new Error(`not settled in ${timeoutMs} ms: ${JSON.stringify(countBy(all.map((m) => m.status)))}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async counts(people: readonly string[]): Promise<DeliveryCounts> {
    const received = people.map((p) => this.connector.sentTo(conversationOf(p)).length);
    const all = await this.messages();
    return {
      messages: people.length,
      lost: received.filter((n) => n === 0).length,
      duplicates: received.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
      statuses: countBy(all.map((m) => m.status)),
      sendRequests: this.connector.requests.filter(isMessagePost).length,
      attempts: all.reduce((sum, m) => sum + m.attempts, 0),
    };
  }
}

function countBy(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
