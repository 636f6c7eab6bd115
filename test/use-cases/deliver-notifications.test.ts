import { randomUUID } from 'node:crypto';
import { CosmosApplicationRepository } from '../../src/adapters/cosmos/application.repository';
import { outboxId } from '../../src/adapters/cosmos/documents';
import { CosmosOutboxStore } from '../../src/adapters/cosmos/outbox.store';
import type { OutboxMessage } from '../../src/domain/notification';
import type { MessageSender, OutboxStore, SendAttempt, SendOutcome, Versioned } from '../../src/domain/ports';
import { OutboxWorker, type OutboxWorkerOptions, type WorkerLog } from '../../src/use-cases/deliver-notifications';
import { anApplication, creationAudit } from '../builders/application.builder';
import { ManualClock } from '../fakes/clock-and-ids';
import { InMemoryLeases, InMemoryOutboxStore } from '../fakes/in-memory-outbox';
import { openTestStore } from '../helpers/embedded-cosmos';

const T0 = Date.parse('2026-03-01T09:00:00.000Z');

interface Harness {
  readonly store: OutboxStore;
  /** One application whose change enqueued a notification per recipient, due at `at`; answers the message ids. */
  enqueue(recipients: readonly string[], at?: number): Promise<string[]>;
  get(id: string): Promise<Versioned<OutboxMessage>>;
  done(): Promise<void>;
}

async function inMemoryHarness(): Promise<Harness> {
  const store = new InMemoryOutboxStore();
  return {
    store,
    async enqueue(recipients, at = T0) {
      const app = anApplication();
      const iso = new Date(at).toISOString();
      return recipients.map((recipientId) => {
        const idempotencyKey = `${app.id}/test/${recipientId}`;
        const message: OutboxMessage = { idempotencyKey, kind: 'coApplicantInvitation', recipientId, cohortId: app.cohortId, applicationId: app.id, payload: {}, id: outboxId(idempotencyKey), status: 'pending', attempts: 0, dueAt: iso, createdAt: iso };
        store.docs.set(message.id, { value: message, etag: randomUUID() });
        return message.id;
      });
    },
    async get(id) {
      const doc = store.docs.get(id);
      if (!doc) throw new Error(`no message ${id}`);
      return doc;
    },
    async done() {},
  };
}

async function cosmosHarness(): Promise<Harness> {
  const cosmos = await openTestStore();
  const applications = new CosmosApplicationRepository(cosmos.containers.applications);
  const store = new CosmosOutboxStore(cosmos.containers.applications);
  return {
    store,
    async enqueue(recipients, at = T0) {
      const iso = new Date(at).toISOString();
      const app = anApplication({ createdAt: iso, updatedAt: iso });
      const notifications = recipients.map((recipientId) => ({ idempotencyKey: `${app.id}/test/${recipientId}`, kind: 'coApplicantInvitation' as const, recipientId, cohortId: app.cohortId, applicationId: app.id, payload: {} }));
      await applications.create(app, creationAudit(app), notifications);
      return notifications.map((n) => outboxId(n.idempotencyKey));
    },
    async get(id) {
      const { resources } = await cosmos.containers.applications.items.query({ query: 'SELECT * FROM c WHERE c.id = @id', parameters: [{ name: '@id', value: id }] }).fetchAll();
      const [doc] = resources as (OutboxMessage & { _etag: string })[];
      if (!doc) throw new Error(`no message ${id}`);
      const all = await store.forApplication(doc.cohortId, doc.applicationId);
      const value = all.find((m) => m.id === id);
      if (!value) throw new Error(`no message ${id}`);
      return { value, etag: doc._etag };
    },
    done: () => cosmos.close(),
  };
}

class TestClock extends ManualClock {
  constructor() {
    super(T0);
  }
}

type Script = (message: OutboxMessage, call: number) => SendOutcome | Promise<SendOutcome>;

/** A scripted MessageSender: records every call; answers by recipient (default: sent). */
class ScriptedSender implements MessageSender {
  readonly calls: OutboxMessage[] = [];
  private readonly scripts = new Map<string, Script>();

  script(recipientId: string, script: Script) {
    this.scripts.set(recipientId, script);
  }

  callsFor(id: string) {
    return this.calls.filter((m) => m.id === id).length;
  }

  /** Runs right after the claim, before the script (what a request sees of the store). */
  onBegun: (message: OutboxMessage) => Promise<void> = async () => undefined;

  async send(message: OutboxMessage, attempt: SendAttempt): Promise<SendOutcome> {
    await new Promise(setImmediate); // a real send yields (rendering, the pacer); let racing workers interleave
    await attempt.begin(); // the request starts: a refused claim throws, and nothing is sent
    this.calls.push(message);
    const n = this.calls.filter((m) => m.id === message.id).length;
    await this.onBegun(message);
    const script = this.scripts.get(message.recipientId);
    return script ? script(message, n) : { kind: 'sent', activityId: `act-${message.recipientId}-${n}`, conversationId: `conv-${message.recipientId}` };
  }
}

function recordingLog(): WorkerLog & { lines: { level: string; msg: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => void lines.push(fields ? { level, msg, fields } : { level, msg });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

describe.each([
  ['in memory', inMemoryHarness],
  ['Cosmos DB (embedded server)', cosmosHarness],
])('OutboxWorker over the outbox %s', (_name, makeHarness) => {
  let h: Harness;
  let clock: TestClock;
  let sender: ScriptedSender;
  const worker = (options: Partial<OutboxWorkerOptions> = {}) =>
    new OutboxWorker({ store: h.store, sender, clock, workerId: 'w1', random: () => 0.5, ...options });

  beforeEach(async () => {
    h = await makeHarness();
    clock = new TestClock();
    sender = new ScriptedSender();
  });
  afterEach(() => h.done());

  it('sends a due message once and records the activity and conversation ids, lease cleared', async () => {
    const [id] = await h.enqueue(['anna']);
    const w = worker();
    const claimed: OutboxMessage[] = [];
    sender.onBegun = async (m) => void claimed.push((await h.get(m.id)).value);

    expect(await w.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0, unreachable: 0, cancelled: 0, held: 0, skipped: 0 });
    const stored = (await h.get(id ?? '')).value;
    expect(stored).toMatchObject({ status: 'sent', attempts: 1, sentAt: new Date(T0).toISOString(), sentActivityId: 'act-anna-1', sentConversationId: 'conv-anna' });
    expect(stored.leaseOwner).toBeUndefined();
    expect(stored.leaseUntil).toBeUndefined();
    // What the store held while the request was in flight: the claim, written when the request began.
    expect(claimed[0]).toMatchObject({ status: 'sending', leaseOwner: 'w1', leaseUntil: new Date(T0 + 30_000).toISOString(), attempts: 1 });

    clock.advance(3_600_000);
    expect((await w.runOnce()).sent).toBe(0);
    expect(sender.calls).toHaveLength(1);
  });

  it('does not send before dueAt', async () => {
    await h.enqueue(['anna'], T0 + 1_000);
    expect((await worker().runOnce()).sent).toBe(0);
    clock.advance(1_000);
    expect((await worker().runOnce()).sent).toBe(1);
  });

  it('honours Retry-After, then delivers', async () => {
    const [id = ''] = await h.enqueue(['anna']);
    sender.script('anna', (_m, call) => (call === 1 ? { kind: 'retry', retryAfterMs: 30_000, error: '429 TooManyRequests' } : { kind: 'sent', activityId: 'a2', conversationId: 'c' }));
    const w = worker({ random: () => 0 });

    expect((await w.runOnce()).retried).toBe(1);
    expect((await h.get(id)).value).toMatchObject({ status: 'pending', attempts: 1, dueAt: new Date(T0 + 30_000).toISOString(), lastError: '429 TooManyRequests' });
    expect((await h.get(id)).value.leaseOwner).toBeUndefined();

    clock.advance(29_999);
    expect((await w.runOnce()).sent).toBe(0);
    clock.advance(1);
    expect((await w.runOnce()).sent).toBe(1);
    expect((await h.get(id)).value).toMatchObject({ status: 'sent', attempts: 2, sentActivityId: 'a2' });
    expect(sender.callsFor(id)).toBe(2);
  });

  it('backs off exponentially with jitter, capped at 5 minutes, and never sooner than Retry-After', async () => {
    const [id = ''] = await h.enqueue(['anna']);
    sender.script('anna', (_m, call) => (call === 3 ? { kind: 'retry', retryAfterMs: 60_000, error: 'throttled' } : { kind: 'retry', error: '503' }));
    const w = worker({ maxAttempts: 12, random: () => 0.5 });

    const delays: number[] = [];
    for (let i = 0; i < 11; i++) {
      expect((await w.runOnce()).retried).toBe(1);
      const dueAt = Date.parse((await h.get(id)).value.dueAt);
      delays.push(dueAt - clock.t);
      clock.t = dueAt;
    }
    // 0.5 x 1 s x 2^attempts, capped at 300 s; the third answer said Retry-After 60 s.
    expect(delays).toEqual([1_000, 2_000, 60_000, 8_000, 16_000, 32_000, 64_000, 128_000, 150_000, 150_000, 150_000]);
  });

  it('waits at least one base step even when the jitter draws zero', async () => {
    const [id = ''] = await h.enqueue(['anna']);
    sender.script('anna', () => ({ kind: 'retry', error: '503' }));
    await worker({ random: () => 0 }).runOnce();
    expect(Date.parse((await h.get(id)).value.dueAt) - clock.t).toBe(1_000);
  });

  it('gives up after maxAttempts tries and marks the message failed', async () => {
    const [id = ''] = await h.enqueue(['anna']);
    sender.script('anna', () => ({ kind: 'retry', error: '502 BadGateway' }));
    const w = worker({ maxAttempts: 3 });

    const outcomes = [];
    for (let i = 0; i < 4; i++) {
      outcomes.push(await w.runOnce());
      clock.advance(600_000);
    }
    expect(outcomes.map((o) => [o.retried, o.failed])).toEqual([
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 0],
    ]);
    expect((await h.get(id)).value).toMatchObject({ status: 'failed', attempts: 3, lastError: 'gave up after 3 attempts: 502 BadGateway' });
    expect(sender.callsFor(id)).toBe(3);
  });

  it('records unreachable, failed and cancelled as final; a sender that throws is retried', async () => {
    const [unreachable = '', failed = '', cancelled = '', throws = ''] = await h.enqueue(['nobody', 'broken', 'withdrawn', 'flaky']);
    sender.script('nobody', () => ({ kind: 'unreachable', error: 'app not installed' }));
    sender.script('broken', () => ({ kind: 'failed', error: '413 MessageSizeTooBig' }));
    sender.script('withdrawn', () => ({ kind: 'cancelled', reason: 'application withdrawn' }));
    sender.script('flaky', (_m, call) => {
      if (call === 1) throw new Error('socket hang up');
      return { kind: 'sent', activityId: 'x', conversationId: 'y' };
    });
    const w = worker();

    expect(await w.runOnce()).toEqual({ sent: 0, retried: 1, failed: 1, unreachable: 1, cancelled: 1, held: 0, skipped: 0 });
    expect((await h.get(unreachable)).value).toMatchObject({ status: 'unreachable', lastError: 'app not installed' });
    expect((await h.get(failed)).value).toMatchObject({ status: 'failed', lastError: '413 MessageSizeTooBig' });
    expect((await h.get(cancelled)).value).toMatchObject({ status: 'cancelled', lastError: 'application withdrawn' });
    expect((await h.get(throws)).value).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Error: socket hang up' });

    clock.advance(600_000);
    expect(await w.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0, unreachable: 0, cancelled: 0, held: 0, skipped: 0 });
    expect(sender.calls).toHaveLength(5);
  });

  it('two workers running at once deliver every message exactly once', async () => {
    const recipients = Array.from({ length: 24 }, (_, i) => `person-${i}`);
    const ids = await h.enqueue(recipients);
    const w1 = worker({ workerId: 'w1', batchSize: 50, concurrency: 4 });
    const w2 = worker({ workerId: 'w2', batchSize: 50, concurrency: 4 });
    const owners = new Set<string | undefined>();
    sender.onBegun = async (m) => void owners.add((await h.get(m.id)).value.leaseOwner);

    const [r1, r2] = await Promise.all([w1.runOnce(), w2.runOnce()]);

    expect(r1.sent + r2.sent).toBe(24);
    expect(r1.skipped + r2.skipped).toBeGreaterThan(0); // they did race: a lost claim is skipped, never sent
    expect(ids.map((id) => sender.callsFor(id))).toEqual(ids.map(() => 1));
    for (const id of ids) expect((await h.get(id)).value).toMatchObject({ status: 'sent', attempts: 1 });
    expect([...owners].every((o) => o === 'w1' || o === 'w2')).toBe(true); // every send began under its own claim
  });

  it('a claim left by a crashed worker is taken over only after its lease expires, and delivered once', async () => {
    const [id = ''] = await h.enqueue(['anna']);
    let finishZombie: (outcome: SendOutcome) => void = () => undefined;
    const hanging: MessageSender = {
      send: async (m, attempt) => {
        await attempt.begin();
        sender.calls.push(m);
        return new Promise((resolve) => (finishZombie = resolve));
      },
    };
    const zombieLog = recordingLog();
    const crashed = new OutboxWorker({ store: h.store, sender: hanging, clock, workerId: 'crashed', log: zombieLog });
    const zombieRun = crashed.runOnce(); // claims, then hangs in the send, as if the process died
    await waitUntil(async () => (await h.get(id)).value.status === 'sending');

    const rescuer = worker({ workerId: 'w2', log: recordingLog() });
    clock.advance(29_999);
    expect(await rescuer.runOnce()).toMatchObject({ sent: 0, skipped: 0 });
    clock.advance(1);
    expect((await rescuer.runOnce()).sent).toBe(1);
    expect((await h.get(id)).value).toMatchObject({ status: 'sent', attempts: 2, sentActivityId: 'act-anna-2' });
    expect(sender.callsFor(id)).toBe(2); // the crashed claim (never completed) and the delivery
    clock.advance(3_600_000);
    expect((await rescuer.runOnce()).sent).toBe(0);

    // Had the "crashed" worker been merely slow, its late outcome loses to the take-over and is logged.
    finishZombie({ kind: 'sent', activityId: 'late', conversationId: 'c' });
    await zombieRun;
    expect((await h.get(id)).value.sentActivityId).toBe('act-anna-2');
    expect(zombieLog.lines).toContainEqual(expect.objectContaining({ level: 'error', msg: expect.stringContaining('taken over') }));
  });

  it('an expired claim on the last allowed attempt is marked failed without sending again', async () => {
    const [id = ''] = await h.enqueue(['anna']);
    const item = await h.get(id);
    await h.store.replace({ ...item.value, status: 'sending', attempts: 3, leaseOwner: 'crashed', leaseUntil: new Date(T0).toISOString() }, item.etag);

    expect((await worker({ maxAttempts: 3 }).runOnce()).failed).toBe(1);
    expect(sender.calls).toHaveLength(0);
    expect((await h.get(id)).value).toMatchObject({ status: 'failed', lastError: expect.stringContaining('gave up after 3 attempts') });
  });
});

describe('OutboxWorker claims, outcomes and the sender lease', () => {
  it('claims a message only when its request begins: while it is rendered and paced it stays pending', async () => {
    const h = await inMemoryHarness();
    const [id = ''] = await h.enqueue(['anna']);
    let paced: () => void = () => undefined;
    const seen: string[] = [];
    const sender: MessageSender = {
      send: async (_m, attempt) => {
        seen.push((await h.get(id)).value.status);
        await new Promise<void>((resolve) => (paced = resolve)); // the pacer's wait
        seen.push((await h.get(id)).value.status);
        await attempt.begin();
        seen.push((await h.get(id)).value.status);
        return { kind: 'sent', activityId: 'a', conversationId: 'c' };
      },
    };
    const run = new OutboxWorker({ store: h.store, sender, clock: new TestClock(), workerId: 'w1' }).runOnce();
    await waitUntil(async () => seen.length === 1);
    paced();
    await run;
    expect(seen).toEqual(['pending', 'pending', 'sending']);
    expect((await h.get(id)).value).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('retries the outcome write while the store fails, renewing the claim meanwhile; a later owner records a renewed "sent" without sending again', async () => {
    const h = await inMemoryHarness();
    const [id = ''] = await h.enqueue(['anna']);
    const clock = new TestClock();
    let failing = false;
    const writes: OutboxMessage[] = [];
    const store: OutboxStore = {
      ...h.store,
      due: (n, l) => h.store.due(n, l),
      get: (c, i) => h.store.get(c, i),
      inFlight: (l) => h.store.inFlight(l),
      forApplication: (c, a) => h.store.forApplication(c, a),
      enqueue: (n, at) => h.store.enqueue(n, at),
      replace: async (m, e) => {
        clock.advance(5_000); // each write takes a while: the claim nears its end during the retries
        if (failing && m.status === 'sent') throw new Error('503 ServiceUnavailable');
        const written = await h.store.replace(m, e);
        writes.push(m);
        return written;
      },
    };
    const sender = new ScriptedSender();
    sender.onBegun = async () => void (failing = true); // the store fails once the request is out
    const w = new OutboxWorker({ store, sender, clock, workerId: 'w1', leaseMs: 30_000, outcomeRetryMs: 1_000 });
    expect((await w.runOnce()).sent).toBe(1);

    // The outcome never landed, but the claim was renewed with the fact that Teams took the message.
    const left = (await h.get(id)).value;
    expect(left).toMatchObject({ status: 'sending', sentActivityId: 'act-anna-1', sentConversationId: 'conv-anna' });
    expect(writes.filter((m) => m.status === 'sending').length).toBeGreaterThanOrEqual(2); // the claim and a renewal

    failing = false;
    clock.advance(60_000);
    const later = new OutboxWorker({ store: h.store, sender, clock, workerId: 'w2' });
    expect((await later.runOnce()).sent).toBe(1);
    expect((await h.get(id)).value).toMatchObject({ status: 'sent', sentActivityId: 'act-anna-1' });
    expect(sender.callsFor(id)).toBe(1); // sent once, recorded twice
  });

  it('one worker of two holds the sender lease; when it stops beating the other takes over and adopts its claims at once', async () => {
    const h = await inMemoryHarness();
    const leases = new InMemoryLeases();
    const clock = new TestClock();
    const sender = new ScriptedSender();
    const a = new OutboxWorker({ store: h.store, sender, leases, clock, workerId: 'a', heartbeatMs: 20, senderLeaseMs: 1_000, pollMs: 20 });
    const b = new OutboxWorker({ store: h.store, sender, leases, clock, workerId: 'b', heartbeatMs: 20, senderLeaseMs: 1_000, pollMs: 20 });
    a.start();
    await waitUntil(async () => a.isSender);
    b.start();
    const [first = ''] = await h.enqueue(['anna']);
    a.wake();
    await waitUntil(async () => (await h.get(first)).value.status === 'sent');
    expect(b.isSender).toBe(false);

    // a "crashes" with a claim in flight: its claim stays, its heartbeats stop.
    const [second = ''] = await h.enqueue(['bo']);
    const stuck = await h.get(second);
    await h.store.replace({ ...stuck.value, status: 'sending', leaseOwner: 'a', leaseUntil: new Date(clock.t + 30_000).toISOString(), attempts: 1 }, stuck.etag);
    leases.frozen.add('a');
    clock.advance(1_001);
    await waitUntil(async () => (await h.get(second)).value.status === 'sent');
    expect(b.isSender).toBe(true);
    expect(clock.t).toBeLessThan(Date.parse(stuck.value.dueAt) + 30_000); // not after the claim's lease
    await Promise.all([a.stop(), b.stop()]);
  });
});

describe('OutboxWorker loop', () => {
  it('runs at start, again on wake(), and stop() waits for the run in progress', async () => {
    const h = await inMemoryHarness();
    const sender = new ScriptedSender();
    let release: () => void = () => undefined;
    sender.script('slow', () => new Promise<SendOutcome>((resolve) => (release = () => resolve({ kind: 'sent', activityId: 's', conversationId: 'c' }))));
    const clock = new TestClock();
    const w = new OutboxWorker({ store: h.store, sender, clock, workerId: 'w1', pollMs: 3_600_000 });

    const [first = ''] = await h.enqueue(['anna']);
    w.start();
    await waitUntil(async () => (await h.get(first)).value.status === 'sent');

    const [second = ''] = await h.enqueue(['slow']);
    w.wake();
    await waitUntil(async () => sender.callsFor(second) === 1);
    let stopped = false;
    const stopping = w.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect((await h.get(second)).value.status).toBe('sent');

    // Stopped: wake() does nothing.
    const [third = ''] = await h.enqueue(['bo']);
    w.wake();
    await new Promise((r) => setTimeout(r, 20));
    expect((await h.get(third)).value.status).toBe('pending');
  });

  it('started again while the run from before stop() is still going: runs once that run is over', async () => {
    const h = await inMemoryHarness();
    const sender = new ScriptedSender();
    let release: () => void = () => undefined;
    sender.script('slow', () => new Promise<SendOutcome>((resolve) => (release = () => resolve({ kind: 'sent', activityId: 's', conversationId: 'c' }))));
    const w = new OutboxWorker({ store: h.store, sender, clock: new TestClock(), workerId: 'w1', pollMs: 3_600_000 });
    const [slow = ''] = await h.enqueue(['slow']);
    w.start();
    await waitUntil(async () => sender.callsFor(slow) === 1);
    const stopping = w.stop();
    const [later = ''] = await h.enqueue(['later']);
    w.start();
    await new Promise((r) => setTimeout(r, 10));
    release();
    await stopping;
    await waitUntil(async () => (await h.get(later)).value.status === 'sent');
    await w.stop();
  });

  it('runs again at once while batches come back full (drains the outbox without waiting for the poll)', async () => {
    const h = await inMemoryHarness();
    const sender = new ScriptedSender();
    const ids = await h.enqueue(Array.from({ length: 7 }, (_, i) => `p${i}`));
    const w = new OutboxWorker({ store: h.store, sender, clock: new TestClock(), workerId: 'w1', batchSize: 2, pollMs: 3_600_000 });
    w.start();
    await waitUntil(async () => sender.calls.length === 7);
    await w.stop();
    expect(ids.map((id) => sender.callsFor(id))).toEqual(ids.map(() => 1));
  });

  it('survives a failing store: logs, and tries again at the next poll', async () => {
    const h = await inMemoryHarness();
    const sender = new ScriptedSender();
    const log = recordingLog();
    let failDue = true;
    const store: OutboxStore = {
      due: (now, limit) => {
        if (failDue) {
          failDue = false;
          return Promise.reject(new Error('Cosmos is down'));
        }
        return h.store.due(now, limit);
      },
      replace: (m, e) => h.store.replace(m, e),
      get: (c, i) => h.store.get(c, i),
      inFlight: (l) => h.store.inFlight(l),
      forApplication: (c, a) => h.store.forApplication(c, a),
      enqueue: (n, at) => h.store.enqueue(n, at),
      campaignCounts: (c, k) => h.store.campaignCounts(c, k),
      campaignFailures: (c, k, l) => h.store.campaignFailures(c, k, l),
    };
    const [id = ''] = await h.enqueue(['anna']);
    const w = new OutboxWorker({ store, sender, clock: new TestClock(), workerId: 'w1', pollMs: 10, log });
    w.start();
    await waitUntil(async () => sender.calls.length === 1);
    await w.stop();
    expect(sender.callsFor(id)).toBe(1);
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'error', msg: expect.stringContaining('could not read due messages') }));
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
