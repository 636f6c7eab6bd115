import type { CloudAdapter } from 'botbuilder';
import { card } from '../../src/adapters/cards/card-kit';
import { CosmosApplicationRepository } from '../../src/adapters/cosmos/application.repository';
import type { CosmosStore } from '../../src/adapters/cosmos/connection';
import { CosmosConversationAddressBook } from '../../src/adapters/cosmos/conversation.repository';
import { outboxId } from '../../src/adapters/cosmos/documents';
import { CosmosOutboxStore } from '../../src/adapters/cosmos/outbox.store';
import { createCloudAdapter } from '../../src/adapters/teams/cloud-adapter';
import { TeamsProactiveSender, type RenderedMessage } from '../../src/adapters/teams/proactive-sender';
import { PacerBusy, RequestPacer } from '../../src/adapters/teams/request-pacer';
import type { Notification, NotificationKind, OutboxMessage } from '../../src/domain/notification';
import type { Clock, SendAttempt } from '../../src/domain/ports';
import type { Locale } from '../../src/i18n';
import { createLogger } from '../../src/logger';
import { OutboxWorker, type RunSummary } from '../../src/use-cases/deliver-notifications';
import { anApplication, creationAudit } from '../builders/application.builder';
import { FakeBotConnector, type RecordedActivity } from '../fakes/fake-bot-connector';
import { openTestStore } from '../helpers/embedded-cosmos';

const TENANT = 'tenant-1';
const BOT = { id: '28:acceleratorn', name: 'Acceleratorn' };

/** Real time, shifted by `offset`: the connector and the pacer run on real time, the outbox's back-off can be skipped ahead. */
class ShiftedClock implements Clock {
  offset = 0;
  now = () => new Date(Date.now() + this.offset);
}

/** A card per message, in the recipient's language; nothing for a withdrawn application. */
async function render(message: OutboxMessage, locale: Locale): Promise<RenderedMessage | null> {
  if (message.kind === 'applicationWithdrawn') return null;
  const text = locale === 'en' ? `You are invited to ${message.applicationId}` : `Du är inbjuden till ${message.applicationId}`;
  return card([{ type: 'TextBlock', text, wrap: true }]);
}

const cardText = (a: RecordedActivity | undefined): unknown => {
  const attachment = a?.activity.attachments?.[0] as { contentType?: string; content?: { body?: { text?: string }[] } } | undefined;
  return attachment?.contentType === 'application/vnd.microsoft.card.adaptive' ? attachment.content?.body?.[0]?.text : undefined;
};

describe('outbox delivery: CosmosOutboxStore + OutboxWorker + TeamsProactiveSender + CloudAdapter against the fake Bot Connector', () => {
  let connector: FakeBotConnector;
  let serviceUrl: string;
  let store: CosmosStore;
  let applications: CosmosApplicationRepository;
  let outbox: CosmosOutboxStore;
  let addresses: CosmosConversationAddressBook;
  let adapter: CloudAdapter;
  let clock: ShiftedClock;
  const log = createLogger('silent');

  beforeAll(() => {
    // The app's own adapter: its onTurnError must never fire for proactive sends (it would message the recipient).
    adapter = createCloudAdapter(undefined, log);
  });

  beforeEach(async () => {
    store = await openTestStore();
    applications = new CosmosApplicationRepository(store.containers.applications);
    outbox = new CosmosOutboxStore(store.containers.applications);
    addresses = new CosmosConversationAddressBook(store.containers.conversations, () => new Date());
    connector = new FakeBotConnector({ enforceRateLimits: true });
    serviceUrl = await connector.start();
    clock = new ShiftedClock();
  });
  afterEach(async () => {
    await connector.stop();
    await store.close();
  });

  const conversationOf = (personId: string) => `a:1:1-${personId}`;

  /** What the bot saves when a person talks to it (TurnContext.getConversationReference), as JSON. */
  async function storeAddress(personId: string, locale?: string) {
    const reference = {
      channelId: 'msteams',
      serviceUrl,
      activityId: 'f:123',
      conversation: { id: conversationOf(personId), isGroup: false, conversationType: 'personal', tenantId: TENANT },
      bot: BOT,
      user: { id: `29:${personId}`, aadObjectId: personId, name: personId },
      ...(locale ? { locale } : {}),
    };
    await addresses.save(personId, reference, locale);
  }

  /** One application change that enqueued a notification per recipient (the application batch holds 100 operations). */
  async function enqueue(recipients: readonly string[], kind: NotificationKind = 'coApplicantInvitation'): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < recipients.length; i += 90) {
      const now = clock.now().toISOString();
      const app = anApplication({ createdAt: now, updatedAt: now });
      const notifications: Notification[] = recipients.slice(i, i + 90).map((recipientId) => ({ idempotencyKey: `${app.id}/${kind}/${recipientId}`, kind, recipientId, cohortId: app.cohortId, applicationId: app.id, payload: {} }));
      await applications.create(app, creationAudit(app), notifications);
      ids.push(...notifications.map((n) => outboxId(n.idempotencyKey)));
    }
    return ids;
  }

  async function messageOf(id: string): Promise<OutboxMessage> {
    const { resources } = await store.containers.applications.items.query({ query: 'SELECT * FROM c WHERE c.id = @id', parameters: [{ name: '@id', value: id }] }).fetchAll();
    const [doc] = resources as OutboxMessage[];
    if (!doc) throw new Error(`no outbox message ${id}`);
    const found = (await outbox.forApplication(doc.cohortId, doc.applicationId)).find((m) => m.id === id);
    if (!found) throw new Error(`no outbox message ${id}`);
    return found;
  }

  function makeSender(options: { defaults?: { serviceUrl?: string; tenantId?: string }; pacer?: RequestPacer } = {}) {
    return new TeamsProactiveSender({ adapter, appId: '', addresses, render, defaults: options.defaults ?? { serviceUrl, tenantId: TENANT }, pacer: options.pacer ?? new RequestPacer(), log });
  }

  function makeWorker(sender: TeamsProactiveSender, options: { batchSize?: number; concurrency?: number } = {}) {
    return new OutboxWorker({ store: outbox, sender, clock, workerId: 'test-worker', log, ...options });
  }

  function anAttempt(): SendAttempt {
    return { begin: async () => undefined, signal: new AbortController().signal };
  }

  async function drain(worker: OutboxWorker): Promise<RunSummary> {
    const total: RunSummary = { sent: 0, retried: 0, failed: 0, unreachable: 0, cancelled: 0, held: 0, skipped: 0 };
    for (;;) {
      const run = await worker.runOnce();
      for (const key of Object.keys(total) as (keyof RunSummary)[]) total[key] += run[key];
      if (Object.values(run).every((n) => n === 0)) return total;
    }
  }

  it('delivers the card to a person with a stored address, in their language, and keeps the activity id', async () => {
    await storeAddress('anna', 'en-US');
    await storeAddress('bo');
    const [toAnna = '', toBo = ''] = await enqueue(['anna', 'bo']);

    expect(await drain(makeWorker(makeSender()))).toMatchObject({ sent: 2, retried: 0, failed: 0 });

    const [annaCard] = connector.sentTo(conversationOf('anna'));
    expect(connector.sentTo(conversationOf('anna'))).toHaveLength(1);
    expect(cardText(annaCard)).toMatch(/^You are invited to/);
    expect(cardText(connector.sentTo(conversationOf('bo'))[0])).toMatch(/^Du är inbjuden till/);
    expect(await messageOf(toAnna)).toMatchObject({ status: 'sent', attempts: 1, sentActivityId: annaCard?.id, sentConversationId: conversationOf('anna') });
    expect((await messageOf(toBo)).sentActivityId).toBe(connector.sentTo(conversationOf('bo'))[0]?.id);
    expect(connector.requests.map((r) => r.operation)).toEqual(['replyToActivity', 'replyToActivity']);
  });

  it('creates the 1:1 conversation for a person without an address, saves the reference, and uses it next time', async () => {
    const [first = ''] = await enqueue(['cia']);
    const sender = makeSender();
    expect((await drain(makeWorker(sender))).sent).toBe(1);

    expect(connector.requests.map((r) => [r.operation, r.status])).toEqual([
      ['createConversation', 201],
      ['replyToActivity', 201],
    ]);
    expect(connector.conversations.get(conversationOf('cia'))).toMatchObject({ isGroup: false, tenantId: TENANT, members: [{ id: 'cia' }] });
    const [delivered] = connector.sentTo(conversationOf('cia'));
    expect(cardText(delivered)).toMatch(/^Du är inbjuden till/);
    expect(await messageOf(first)).toMatchObject({ status: 'sent', sentActivityId: delivered?.id, sentConversationId: conversationOf('cia') });
    expect(await addresses.get('cia')).toMatchObject({ address: { serviceUrl, conversation: { id: conversationOf('cia'), conversationType: 'personal', tenantId: TENANT } } });

    connector.clear();
    await enqueue(['cia'], 'managerApprovalRequest');
    expect((await drain(makeWorker(sender))).sent).toBe(1);
    expect(connector.requests.map((r) => r.operation)).toEqual(['replyToActivity']);
  });

  it('creates conversations only where configured, never where an activity said', async () => {
    const [id = ''] = await enqueue(['dan']);
    expect((await drain(makeWorker(makeSender({ defaults: {} })))).unreachable).toBe(1);
    expect(await messageOf(id)).toMatchObject({ status: 'unreachable', lastError: expect.stringContaining('no known serviceUrl') });

    await enqueue(['dan'], 'managerApprovalRequest');
    expect((await drain(makeWorker(makeSender({ defaults: { serviceUrl, tenantId: TENANT } })))).sent).toBe(1);
    expect(connector.requests.find((r) => r.operation === 'createConversation')?.body).toMatchObject({ tenantId: TENANT, members: [{ id: 'dan' }] });
  });

  it('records a person the app is not installed for as unreachable, without messaging anyone', async () => {
    connector.failNext(Infinity, 403, {}, (r) => r.operation === 'createConversation', { error: { code: 'Forbidden', message: 'The bot is not installed for the user' } });
    await storeAddress('gone'); // a stale reference: the person uninstalled the app
    connector.failNext(Infinity, 404, {}, (r) => r.conversationId === conversationOf('gone'), { error: { code: 'ConversationNotFound', message: 'gone' } });
    const [erik = '', gone = ''] = await enqueue(['erik', 'gone']);

    expect(await drain(makeWorker(makeSender()))).toMatchObject({ unreachable: 2, sent: 0, retried: 0 });
    expect(await messageOf(erik)).toMatchObject({ status: 'unreachable', lastError: expect.stringContaining('403') });
    expect(await messageOf(gone)).toMatchObject({ status: 'unreachable' });
    expect(await addresses.get('gone')).toBeNull();
    expect(connector.activities).toHaveLength(0);
  });

  it('cancels a message the renderer has nothing for', async () => {
    await storeAddress('frida');
    const [id = ''] = await enqueue(['frida'], 'applicationWithdrawn');
    expect((await drain(makeWorker(makeSender()))).cancelled).toBe(1);
    expect(await messageOf(id)).toMatchObject({ status: 'cancelled' });
    expect(connector.requestCount).toBe(0);
  });

  it('429 with Retry-After, then a 503: one request per attempt (no retries below the outbox); delivered exactly once', async () => {
    await storeAddress('gustav');
    const conversation = conversationOf('gustav');
    connector.failNext(1, 429, { 'Retry-After': '1' }, (r) => r.conversationId === conversation);
    connector.failNext(1, 503, { 'Retry-After': '0' }, (r) => r.conversationId === conversation);
    const [id = ''] = await enqueue(['gustav']);
    const worker = makeWorker(makeSender());

    expect(await worker.runOnce()).toMatchObject({ retried: 1, sent: 0 });
    const throttled = await messageOf(id);
    expect(throttled).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('429') });
    expect(Date.parse(throttled.dueAt) - clock.now().getTime()).toBeGreaterThanOrEqual(900); // Retry-After honoured (less the time the outcome write took)
    clock.offset += Date.parse(throttled.dueAt) - clock.now().getTime() + 1;
    expect(await worker.runOnce()).toMatchObject({ retried: 1, sent: 0 });
    const waiting = await messageOf(id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 2, lastError: expect.stringContaining('503') });
    // No apology or anything else reached the person while the send failed (the adapter's onTurnError stayed out of it).
    expect(connector.sentTo(conversation)).toHaveLength(0);

    clock.offset += Date.parse(waiting.dueAt) - clock.now().getTime() + 1;
    expect(await drain(worker)).toMatchObject({ sent: 1 });
    expect(connector.requests.filter((r) => r.conversationId === conversation).map((r) => r.status)).toEqual([429, 503, 201]);
    expect(connector.sentTo(conversation)).toHaveLength(1);
    expect(await messageOf(id)).toMatchObject({ status: 'sent', attempts: 3, sentActivityId: connector.sentTo(conversation)[0]?.id });
  });

  it('maps what Teams answers, one request each: 429 -> retry after Retry-After and 412 -> retry, both certainly not sent; 503 -> retry, perhaps taken; 400 and 413 -> failed', async () => {
    await storeAddress('hanna');
    const conversation = conversationOf('hanna');
    const sender = makeSender();
    const message = async (): Promise<OutboxMessage> => messageOf((await enqueue(['hanna']))[0] ?? '');

    connector.failNext(1, 429, { 'Retry-After': '1' }, (r) => r.conversationId === conversation);
    expect(await sender.send(await message(), anAttempt())).toEqual({ kind: 'retry', retryAfterMs: 1_000, error: expect.stringContaining('429 TooManyRequests'), notSent: true });
    expect(connector.throttledCount).toBe(1);

    connector.failNext(1, 412, {}, (r) => r.conversationId === conversation);
    expect(await sender.send(await message(), anAttempt())).toEqual({ kind: 'retry', error: expect.stringContaining('412'), notSent: true });
    // A 5xx may have been taken: tried again, but not marked as certainly unsent (announcements are not sent twice).
    connector.failNext(1, 503, {}, (r) => r.conversationId === conversation);
    expect(await sender.send(await message(), anAttempt())).toEqual({ kind: 'retry', error: expect.stringContaining('503') });
    connector.failNext(1, 400, {}, (r) => r.conversationId === conversation);
    expect(await sender.send(await message(), anAttempt())).toEqual({ kind: 'failed', error: expect.stringContaining('400 BadArgument') });
    connector.failNext(1, 413, {}, (r) => r.conversationId === conversation);
    expect(await sender.send(await message(), anAttempt())).toEqual({ kind: 'failed', error: expect.stringContaining('413 MessageSizeTooBig') });
    expect(connector.activities).toHaveLength(0);
    expect(connector.requestCount).toBe(5);
  });

  it('a connector that cannot be reached is retried later by the outbox, at once (no retries below it)', async () => {
    await storeAddress('ivar');
    const [id = ''] = await enqueue(['ivar']);
    await connector.stop();
    const started = Date.now();
    expect(await makeSender().send(await messageOf(id), anAttempt())).toMatchObject({ kind: 'retry', error: expect.stringContaining('ECONNREFUSED'), notSent: true });
    expect(Date.now() - started).toBeLessThan(2_000); // botbuilder's own retries took about 5 s
  });

  it('paces 200 notifications to 200 people under the per-app and per-conversation limits: no 429', async () => {
    const people = Array.from({ length: 200 }, (_, i) => `p${String(i).padStart(3, '0')}`);
    const withoutAddress = new Set(people.filter((_, i) => i % 20 === 0)); // 10 need a conversation created first
    for (const person of people) if (!withoutAddress.has(person)) await storeAddress(person);
    const ids = await enqueue(people);
    // A little under the default 48/s: the fake connector shares this test's event loop, and when CI's load
    // stalls it, requests released evenly arrive bunched; the bench measures the default on a quiet process.
    const pacer = new RequestPacer({ perSecond: 45 });
    const worker = makeWorker(makeSender({ pacer }), { batchSize: 50, concurrency: 16 });

    const started = Date.now();
    const total = await drain(worker);
    const seconds = (Date.now() - started) / 1000;

    expect(connector.throttledCount).toBe(0);
    expect(total).toMatchObject({ sent: 200, retried: 0, failed: 0, skipped: 0 });
    for (const person of people) expect(connector.sentTo(conversationOf(person))).toHaveLength(1);
    expect(new Set(ids).size).toBe(200);
    const requests = connector.requestCount;
    expect(requests).toBe(200 + withoutAddress.size);
    expect(pacer.released).toBe(requests);
    const span = ((connector.requests.at(-1)?.at ?? 0) - (connector.requests[0]?.at ?? 0)) / 1000;
    console.log(
      `outbox pacing: ${total.sent} messages, ${requests} connector requests in ${seconds.toFixed(2)} s ` +
        `(${(requests / span).toFixed(1)} requests/s between first and last request; Teams allows 50/s), 429s: ${connector.throttledCount}`,
    );
  }, 30_000);
});

describe('RequestPacer (injected clock)', () => {
  function fakeTime() {
    const time = { t: 0, sleeps: [] as number[] };
    return {
      time,
      now: () => time.t,
      // Yields first, so that whoever was released sees the time of its release.
      sleep: async (ms: number) => {
        await new Promise(setImmediate);
        time.sleeps.push(ms);
        time.t += ms;
      },
    };
  }

  it('go(): requests that reach the gate together (slots taken, claims written at different speeds) leave at most perSecond in any second', async () => {
    const { time, now, sleep } = fakeTime();
    const pacer = new RequestPacer({ perSecond: 10, now, sleep });
    const gone: number[] = [];
    // 25 requests whose claims all finished at the same instant, as after a slow write.
    await Promise.all(Array.from({ length: 25 }, () => pacer.go().then(() => gone.push(time.t))));
    expect(gone).toHaveLength(25);
    const inAnySecond = Math.max(...gone.map((t) => gone.filter((u) => u > t - 1_000 && u <= t).length));
    expect(inAnySecond).toBe(10);
    expect(gone.at(-1)).toBeGreaterThanOrEqual(2_000);
    // And never together: at least 20 ms apart (Teams' own spacing at 50/s), so jitter cannot push one more into a second.
    for (let i = 1; i < gone.length; i++) expect((gone[i] ?? 0) - (gone[i - 1] ?? 0)).toBeGreaterThanOrEqual(20);
  });

  it('spaces requests evenly at the app rate: no burst, whatever the conversation', async () => {
    const { time, now, sleep } = fakeTime();
    const pacer = new RequestPacer({ perSecond: 10, now, sleep });
    const released: number[] = [];
    await Promise.all(Array.from({ length: 25 }, (_, i) => pacer.acquire(`c${i}`).then(() => released.push(time.t))));
    expect(released).toHaveLength(25);
    // 100 ms apart, less the 2 ms a slot may be taken early (so that late timers do not lower the rate).
    for (let i = 1; i < released.length; i++) expect((released[i] ?? 0) - (released[i - 1] ?? 0)).toBeGreaterThanOrEqual(98);
    const inAnySecond = Math.max(...released.map((t) => released.filter((u) => u > t - 1_000 && u <= t).length));
    expect(inAnySecond).toBeLessThanOrEqual(11); // perSecond + 1 at most: 49 at the default 48/s, under Teams' 50
    expect(released.at(-1)).toBeGreaterThanOrEqual(24 * 98); // the rate holds over time
  });

  it('keeps one conversation under 7/1 s, 8/2 s and 60/30 s, without holding up other conversations', async () => {
    const { time, now, sleep } = fakeTime();
    const pacer = new RequestPacer({ perSecond: 1_000, marginMs: 0, maxWaitMs: 60_000, now, sleep });
    const busy: number[] = [];
    const other: number[] = [];
    await Promise.all([
      ...Array.from({ length: 61 }, () => pacer.acquire('busy').then(() => busy.push(time.t))),
      pacer.acquire('quiet').then(() => other.push(time.t)),
    ]);
    const most = (times: number[], windowMs: number) => Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));
    expect(most(busy, 1_000)).toBeLessThanOrEqual(7);
    expect(most(busy, 2_000)).toBeLessThanOrEqual(8);
    expect(most(busy, 30_000)).toBeLessThanOrEqual(60);
    expect(busy.at(-1)).toBeGreaterThanOrEqual(30_000); // the 61st had to wait for the 30 s window
    expect(other[0]).toBeLessThan(10); // the quiet conversation went at once
  });

  it('refuses at once (PacerBusy) when the wait would exceed maxWaitMs', async () => {
    const { now, sleep } = fakeTime();
    const pacer = new RequestPacer({ perSecond: 1_000, maxWaitMs: 5_000, now, sleep });
    for (let i = 0; i < 60; i++) await pacer.acquire('c'); // each waits at most ~2 s (8 per 2 s); the 61st ~15 s (60 per 30 s)
    const refused = await pacer.acquire('c').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(PacerBusy);
    expect((refused as PacerBusy).retryAfterMs).toBeGreaterThan(1_000);
  });
});
