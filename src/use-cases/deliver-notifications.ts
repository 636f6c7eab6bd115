import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { ConcurrencyConflict } from '../domain/errors';
import { AT_MOST_ONCE_KINDS, type OutboxMessage } from '../domain/notification';
import { UNCERTAIN } from '../domain/announcement';
import type { Clock, LeaseStore, MessageSender, OutboxStore, SendAttempt, SendOutcome, Versioned } from '../domain/ports';

export interface WorkerLog {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface OutboxWorkerOptions {
  readonly store: OutboxStore;
  readonly sender: MessageSender;
  readonly clock: Clock;
  /** Names this worker in `leaseOwner` and on the sender lease; unique per process (host name + random suffix). */
  readonly workerId: string;
  /**
   * When given, start() delivers only while this worker holds the sender lease: one instance sends at the
   * app's whole rate, the others stand by and take over when its lease runs out (docs/decisions/0005).
   * Without it every started worker delivers (one instance, and tests).
   */
  readonly leases?: LeaseStore;
  /** How long the sender lease holds without renewal; a crashed sender is replaced after at most this. */
  readonly senderLeaseMs?: number;
  /** How often the sender renews its lease and the others look whether it is free (real time). */
  readonly heartbeatMs?: number;
  /**
   * After taking the sender lease, wait this long (real time) before the first send: Teams counts the per-app
   * limit per second, so the previous sender's last second and this one's first never fall in one window, and
   * the app's total rate stays one sender's rate across a handover. Default 1,100 ms.
   */
  readonly handoverPauseMs?: number;
  /**
   * How long a claim holds: longer than the longest send once it has begun (a new conversation and the
   * message: two connector requests, each under its deadline). A claim older than this is taken over.
   */
  readonly leaseMs?: number;
  /** Tries per message, the first included; after the last failing try the message is `failed`. */
  readonly maxAttempts?: number;
  /** Messages fetched per query. */
  readonly batchSize?: number;
  /** Sends in flight at once, each in its own lane: a slow one holds up only itself. */
  readonly concurrency?: number;
  /** Pause between looks at the outbox when it was drained (real time). */
  readonly pollMs?: number;
  /** First back-off step; after the n-th try the wait is random in [baseBackoffMs, baseBackoffMs * 2^n] (capped). */
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** How long the outcome of a send is written again while the store fails (the lease is renewed meanwhile). */
  readonly outcomeRetryMs?: number;
  /** In [0, 1): for the jitter. */
  readonly random?: () => number;
  readonly log?: WorkerLog;
  /** Called once a message is given up on (`failed` or `unreachable`), e.g. to tell the coordinators. */
  readonly onGaveUp?: (message: OutboxMessage) => Promise<void>;
}

/** What one run did, per message it fetched. */
export interface RunSummary {
  sent: number;
  /** Back to `pending` with a later `dueAt`. */
  retried: number;
  failed: number;
  unreachable: number;
  cancelled: number;
  /** Back to `pending` untried, to be looked at later (a restricted recipient). */
  held: number;
  /** Not worked on: another worker claimed it first, or the store failed. */
  skipped: number;
}

const SENDER_LEASE = 'outbox-sender';

const silent: WorkerLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

/** Drops the claim fields: a message that is not `sending` holds no lease. */
function released(message: OutboxMessage): OutboxMessage {
  const { leaseOwner: _owner, leaseUntil: _until, ...rest } = message;
  return rest;
}

/** The claim could not be written: the message is not ours to send. */
class NotClaimed extends Error {
  constructor(readonly cause: unknown) {
    super(`claim not written: ${errorText(cause)}`);
    this.name = 'NotClaimed';
  }
}

const emptySummary = (): RunSummary => ({ sent: 0, retried: 0, failed: 0, unreachable: 0, cancelled: 0, held: 0, skipped: 0 });

/**
 * Delivers the outbox. Each message is claimed with an ETag-guarded write (status `sending`, a lease, attempts
 * + 1) at the moment its first request to Teams begins, not before: rendering and pacing happen unclaimed. The
 * outcome is then written under the claim's ETag, retried while the store fails, and read back when the answer
 * of a write was lost. Any number of workers may share the outbox (a lost claim race means another has the
 * message); with a lease store, only the one holding the sender lease delivers.
 *
 * The guarantee (docs/decisions/0005): nothing is lost, and a message reaches Teams once, except when a request
 * was in flight and its answer never came (a crash, a kill, a timeout, the shutdown's deadline): Teams has no
 * idempotent send, so that message is sent again, once per such request. Kinds sent at most once
 * (AT_MOST_ONCE_KINDS, the announcements) are not: such a message is recorded `failed` as uncertain (ADR 0017).
 */
export class OutboxWorker {
  private readonly store: OutboxStore;
  private readonly sender: MessageSender;
  private readonly clock: Clock;
  private readonly workerId: string;
  private readonly leases: LeaseStore | undefined;
  private readonly senderLeaseMs: number;
  private readonly heartbeatMs: number;
  private readonly handoverPauseMs: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly outcomeRetryMs: number;
  private readonly random: () => number;
  private readonly onGaveUp: OutboxWorkerOptions['onGaveUp'];
  private readonly log: WorkerLog;

  private running = false;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatTimer: ReturnType<typeof setTimeout> | undefined;
  /** Until when (our clock) this worker may begin sends: the sender lease as last renewed; always with no lease store. */
  private senderUntil = 0;
  /** Real time before which the sender does not begin a send (the handover pause). */
  private sendFrom = 0;
  private heartbeat: Promise<void> | undefined;
  private abort = OutboxWorker.controller();
  /** After stop()'s deadline: outcome writes are not retried any more. */
  private abandoned = false;

  private lanes = 0;
  private readonly laneWaiters: (() => void)[] = [];
  private readonly queue: Versioned<OutboxMessage>[] = [];
  private readonly working = new Set<string>();
  /** Claims of a sender that stopped beating, adopted when this worker took the sender lease over. */
  private readonly adopted = new Set<string>();
  private fetching: Promise<void> | undefined;
  private readonly totals = emptySummary();

  constructor(options: OutboxWorkerOptions) {
    this.store = options.store;
    this.sender = options.sender;
    this.clock = options.clock;
    this.workerId = options.workerId;
    this.leases = options.leases;
    this.senderLeaseMs = options.senderLeaseMs ?? 10_000;
    this.heartbeatMs = options.heartbeatMs ?? 2_000;
    this.handoverPauseMs = options.handoverPauseMs ?? 1_100;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.maxAttempts = options.maxAttempts ?? 6;
    this.batchSize = options.batchSize ?? 50;
    this.concurrency = options.concurrency ?? 16;
    this.pollMs = options.pollMs ?? 2_000;
    this.baseBackoffMs = options.baseBackoffMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 5 * 60_000;
    this.outcomeRetryMs = options.outcomeRetryMs ?? 5 * 60_000;
    this.random = options.random ?? Math.random;
    this.log = options.log ?? silent;
    this.onGaveUp = options.onGaveUp;
    for (const [name, value] of Object.entries({ leaseMs: this.leaseMs, maxAttempts: this.maxAttempts, batchSize: this.batchSize, concurrency: this.concurrency, senderLeaseMs: this.senderLeaseMs, heartbeatMs: this.heartbeatMs })) {
      if (!(Number.isInteger(value) && value > 0)) throw new Error(`OutboxWorker: ${name} must be a positive integer, got ${value}`);
    }
    if (this.heartbeatMs * 2 > this.senderLeaseMs) throw new Error('OutboxWorker: heartbeatMs must be at most half of senderLeaseMs');
  }

  /** Every send in flight listens on the one signal (up to `concurrency` at once). */
  private static controller(): AbortController {
    const controller = new AbortController();
    setMaxListeners(0, controller.signal);
    return controller;
  }

  /** Messages this worker has finished, by outcome, since it was made (for logs and benches). */
  get delivered(): Readonly<RunSummary> {
    return this.totals;
  }

  /** Whether this worker is the one delivering (holds the sender lease, or needs none). */
  get isSender(): boolean {
    return this.running && this.holdsLease();
  }

  /**
   * One pass over the messages due now, outside the loop and without the sender lease (tests drive delivery
   * with it): at most `batchSize`, `concurrency` at a time; resolves when every one of them is finished.
   */
  async runOnce(): Promise<RunSummary> {
    const summary = emptySummary();
    const due = await this.store.due(this.clock.now(), this.batchSize);
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < due.length) {
        const item = due[next++];
        if (item) summary[await this.deliver(item, true)]++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, due.length) }, lane));
    return summary;
  }

  /** Delivers continuously until stop(): at once, on wake(), and every `pollMs`; with a lease store, only as the sender. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.abandoned = false;
    if (this.abort.signal.aborted) this.abort = OutboxWorker.controller();
    if (this.leases) this.beat();
    else {
      this.senderUntil = Number.POSITIVE_INFINITY;
      this.fill();
    }
    this.poll();
  }

  /** Looks at the outbox now: call it after a turn that enqueued notifications. */
  wake(): void {
    if (this.running) this.fill();
  }

  /**
   * Stops within `deadlineMs`: no new sends; sends in flight may finish until 80 % of the deadline, then their
   * requests are abandoned (the message goes back to `pending` at once and is sent again by whoever delivers
   * next: possibly a duplicate, one per abandoned request); the sender lease is released for the next instance.
   */
  async stop(deadlineMs = 10_000): Promise<void> {
    const end = Date.now() + deadlineMs;
    this.running = false;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    this.pollTimer = this.heartbeatTimer = undefined;
    if (!(await this.lanesDone(end - deadlineMs * 0.2))) {
      this.log.warn('outbox: abandoning sends still in flight at the shutdown deadline', { workerId: this.workerId, inFlight: this.lanes });
      this.abandoned = true;
      this.abort.abort();
      await this.lanesDone(end - deadlineMs * 0.05);
    }
    this.senderUntil = 0;
    await this.heartbeat;
    if (this.leases) {
      await Promise.race([this.leases.release(SENDER_LEASE, this.workerId, this.clock.now()).catch((e: unknown) => this.log.warn('outbox: could not release the sender lease', { error: e })), sleep(Math.max(0, end - Date.now()))]);
    }
  }

  // --- the loop ---------------------------------------------------------------------------------------

  private holdsLease(): boolean {
    return this.clock.now().getTime() < this.senderUntil;
  }

  private mayBegin(): boolean {
    return this.holdsLease() && Date.now() >= this.sendFrom;
  }

  private poll(): void {
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      if (!this.running) return;
      this.fill();
      this.poll();
    }, this.pollMs);
    this.pollTimer.unref();
  }

  /** Renews (or tries to take) the sender lease now and every heartbeat; a failed renewal is tried again soon. */
  private beat(): void {
    const leases = this.leases;
    if (!leases || !this.running || this.heartbeat) return;
    this.heartbeat = (async () => {
      let next = this.heartbeatMs;
      const at = this.clock.now();
      try {
        const was = this.holdsLease();
        const held = await leases.tryHold(SENDER_LEASE, this.workerId, at, new Date(at.getTime() + this.senderLeaseMs));
        this.senderUntil = held && this.running ? at.getTime() + this.senderLeaseMs : 0;
        if (held && !was && this.running) {
          this.log.info('outbox: this instance delivers now (sender lease taken)', { workerId: this.workerId });
          this.sendFrom = Date.now() + this.handoverPauseMs;
          setTimeout(() => this.fill(), this.handoverPauseMs).unref();
          await this.adopt();
        }
        if (!held && was && this.running) this.log.warn('outbox: another instance holds the sender lease; standing by', { workerId: this.workerId });
      } catch (e) {
        // Keep what we hold until it runs out; try again soon.
        next = Math.min(this.heartbeatMs, 250);
        this.log.warn('outbox: sender lease not renewed (store failed)', { workerId: this.workerId, error: e });
      }
      this.heartbeat = undefined;
      if (!this.running) return;
      this.fill();
      this.heartbeatTimer = setTimeout(() => {
        this.heartbeatTimer = undefined;
        this.beat();
      }, next);
      this.heartbeatTimer.unref();
    })();
  }

  /**
   * Only the sender claims messages, so claims held by others when this worker becomes the sender were left by a
   * sender that stopped beating (a crash, a kill): their requests were in flight, and waiting for their leases
   * would only delay them. They are sent again now (each possibly a duplicate: it may have reached Teams).
   */
  private async adopt(): Promise<void> {
    try {
      const stuck = (await this.store.inFlight(this.batchSize * 4)).filter((m) => m.value.leaseOwner !== this.workerId);
      for (const item of stuck) {
        if (this.working.has(item.value.id) || this.queue.some((q) => q.value.id === item.value.id)) continue;
        this.adopted.add(item.value.id);
        this.queue.push(item);
      }
      if (stuck.length > 0) this.log.warn('outbox: adopting claims left by the previous sender; their requests were in flight', { workerId: this.workerId, count: stuck.length });
    } catch (e) {
      this.log.warn('outbox: could not look for claims left by the previous sender; they are taken over when their leases run out', { error: e });
    }
  }

  /** Opens lanes up to `concurrency`; each takes messages until the outbox has none due. */
  private fill(): void {
    while (this.running && this.mayBegin() && this.lanes < this.concurrency) {
      this.lanes++;
      void this.lane().finally(() => {
        this.lanes--;
        if (this.lanes === 0) this.laneWaiters.splice(0).forEach((resolve) => resolve());
      });
    }
  }

  private async lane(): Promise<void> {
    while (this.running && this.mayBegin()) {
      const item = await this.take();
      if (!item) return;
      try {
        const result = await this.deliver(item, false);
        this.totals[result]++;
        // Not claimed (the store failed, or another worker was first): do not spin on a message still due.
        if (result === 'skipped') await sleep(50);
      } catch (e) {
        this.log.error('outbox: delivery failed unexpectedly', { messageId: item.value.id, error: e });
      } finally {
        this.working.delete(item.value.id);
      }
    }
  }

  /**
   * The next message to work on: from the lanes' shared queue, refilled by one query at a time. The query starts
   * when the queue is half gone, not empty, so that the lanes keep sending while it runs (a backlog of thousands).
   */
  private async take(): Promise<Versioned<OutboxMessage> | undefined> {
    for (;;) {
      const next = this.queue.shift();
      if (next) {
        this.working.add(next.value.id);
        if (this.queue.length < this.batchSize / 2) void this.refill();
        return next;
      }
      await this.refill();
      if (this.queue.length === 0) return undefined;
    }
  }

  private refill(): Promise<void> {
    return (this.fetching ??= this.fetch().finally(() => {
      this.fetching = undefined;
    }));
  }

  private async fetch(): Promise<void> {
    try {
      // Messages being worked on but not yet claimed are still `pending`: asked for beyond the batch, then left out.
      const due = await this.store.due(this.clock.now(), this.batchSize + this.working.size + this.queue.length);
      const known = new Set([...this.working, ...this.queue.map((q) => q.value.id)]);
      for (const item of due) if (!known.has(item.value.id)) this.queue.push(item);
    } catch (e) {
      this.log.error('outbox: could not read due messages; trying again at the next poll', { workerId: this.workerId, error: e });
    }
  }

  private lanesDone(until: number): Promise<boolean> {
    if (this.lanes === 0) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(this.lanes === 0), Math.max(0, until - Date.now()));
      this.laneWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  // --- one message ------------------------------------------------------------------------------------

  private async deliver(item: Versioned<OutboxMessage>, direct: boolean): Promise<keyof RunSummary> {
    const now = this.clock.now();
    const message = item.value;
    const adopted = this.adopted.delete(message.id);
    const claimable =
      (message.status === 'pending' && Date.parse(message.dueAt) <= now.getTime()) ||
      (message.status === 'sending' && (adopted || (message.leaseUntil !== undefined && Date.parse(message.leaseUntil) <= now.getTime())));
    if (!claimable) return 'skipped';

    if (message.status === 'sending') {
      // The earlier attempt reached Teams and said so while it renewed its lease: record it, send nothing.
      if (message.sentAt) {
        return (await this.finish(item.etag, { ...released(message), status: 'sent' }, undefined)) ? 'sent' : 'skipped';
      }
      if (AT_MOST_ONCE_KINDS.includes(message.kind)) {
        const error = `${UNCERTAIN}: the request was in flight when its sender stopped; not sent again (at most once)`;
        return (await this.finish(item.etag, { ...released(message), status: 'failed', lastError: error }, undefined)) ? 'failed' : 'skipped';
      }
      this.log.warn('outbox: taking over an expired claim; its request was in flight and may have reached Teams', {
        messageId: message.id,
        previousOwner: message.leaseOwner,
        attempts: message.attempts,
      });
    }

    // A message whose last claim expired after the final try: give up without sending again.
    if (message.attempts >= this.maxAttempts) {
      const error = `gave up after ${message.attempts} attempts (the last one did not report back)`;
      return (await this.finish(item.etag, { ...released(message), status: 'failed', lastError: error }, undefined)) ? 'failed' : 'skipped';
    }

    let claim: Versioned<OutboxMessage> | undefined;
    let refused: NotClaimed | undefined;
    const attempt: SendAttempt = {
      signal: this.abort.signal,
      begin: async () => {
        if (claim) return; // a second request of the same send (a new conversation, then the message)
        if (refused) throw refused;
        if (!direct && !this.mayBegin()) throw (refused = new NotClaimed(new Error('not the sender any more')));
        const at = this.clock.now();
        try {
          claim = await this.write(stamp({ ...message, status: 'sending', leaseOwner: this.workerId, leaseUntil: new Date(at.getTime() + this.leaseMs).toISOString(), attempts: message.attempts + 1 }), item.etag);
        } catch (e) {
          throw (refused = new NotClaimed(e));
        }
      },
    };

    let outcome: SendOutcome;
    try {
      outcome = await this.sender.send(message, attempt);
    } catch (e) {
      outcome = { kind: 'retry', error: errorText(e) };
    }
    if (refused && !claim) {
      if (!(refused.cause instanceof ConcurrencyConflict)) this.log.error('outbox: could not claim a message', { messageId: message.id, error: refused.cause });
      return 'skipped';
    }

    const etag = claim?.etag ?? item.etag;
    const base = released(claim?.value ?? { ...message, attempts: message.attempts + 1 });
    const done = this.clock.now().toISOString();
    switch (outcome.kind) {
      case 'sent':
        await this.finish(etag, { ...base, status: 'sent', sentAt: done, sentActivityId: outcome.activityId, sentConversationId: outcome.conversationId }, claim);
        return 'sent';
      case 'retry': {
        // A request that began and may have reached Teams is not tried again for a kind sent at most once.
        if (claim && !outcome.notSent && AT_MOST_ONCE_KINDS.includes(message.kind)) {
          await this.finish(etag, { ...base, status: 'failed', lastError: `${UNCERTAIN}: ${outcome.error}` }, claim);
          return 'failed';
        }
        if (base.attempts >= this.maxAttempts) {
          await this.finish(etag, { ...base, status: 'failed', lastError: `gave up after ${base.attempts} attempts: ${outcome.error}` }, claim);
          return 'failed';
        }
        // Abandoned at shutdown: due at once for whoever delivers next (it may have reached Teams).
        const delay = this.abort.signal.aborted ? 0 : this.retryDelayMs(base.attempts, outcome.retryAfterMs);
        await this.finish(etag, { ...base, status: 'pending', dueAt: new Date(Date.parse(done) + delay).toISOString(), lastError: outcome.error }, claim);
        return 'retried';
      }
      case 'unreachable':
        await this.finish(etag, { ...base, status: 'unreachable', lastError: outcome.error }, claim);
        return 'unreachable';
      case 'failed':
        await this.finish(etag, { ...base, status: 'failed', lastError: outcome.error }, claim);
        return 'failed';
      case 'cancelled':
        await this.finish(etag, { ...base, status: 'cancelled', lastError: outcome.reason }, claim);
        return 'cancelled';
      case 'held':
        // Nothing began (no claim, no attempt spent): pending again, looked at later, the reason kept for the record.
        await this.finish(etag, { ...released(claim?.value ?? message), status: 'pending', dueAt: outcome.until.toISOString(), lastError: outcome.reason }, claim);
        return 'held';
    }
  }

  /**
   * Full jitter on an exponential step (base x 2^attempts, capped), but at least one base step, so that an
   * unlucky draw does not spend the next attempt at once; never sooner than the connector's Retry-After.
   */
  private retryDelayMs(attempts: number, retryAfterMs: number | undefined): number {
    const ceiling = Math.min(this.maxBackoffMs, this.baseBackoffMs * 2 ** attempts);
    const jittered = Math.max(this.baseBackoffMs, Math.floor(this.random() * ceiling));
    return Math.max(retryAfterMs ?? 0, jittered);
  }

  /**
   * One guarded write of a value stamped with a write id (stamp once, write as often as needed). When the answer
   * is lost (a store error, or a 412 after an earlier try of the same write landed), the message is read back:
   * carrying our write id, the write landed.
   */
  private async write(stamped: OutboxMessage, etag: string): Promise<Versioned<OutboxMessage>> {
    try {
      return await this.store.replace(stamped, etag);
    } catch (e) {
      const current = await this.store.get(stamped.cohortId, stamped.id).catch(() => null);
      if (current && current.value.writeId === stamped.writeId) return current;
      throw e;
    }
  }

  /**
   * Writes the outcome under the claim's ETag, again while the store fails (the write is idempotent), for up to
   * `outcomeRetryMs`. A claim about to run out meanwhile is renewed, carrying the fact that the message was sent,
   * so that whoever takes it over records it rather than sending it again. Losing the ETag race to another write
   * means the claim was taken over (our lease ran out).
   */
  private async finish(etag: string, outcome: OutboxMessage, claim: Versioned<OutboxMessage> | undefined): Promise<boolean> {
    const next = stamp(outcome);
    const claimed = claim !== undefined;
    const giveUpAt = Date.now() + this.outcomeRetryMs;
    let current = etag;
    let leaseEnds = Date.parse(claim?.value.leaseUntil ?? '') || this.clock.now().getTime() + this.leaseMs;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.write(next, current);
        if ((next.status === 'failed' || next.status === 'unreachable') && this.onGaveUp) {
          await this.onGaveUp(next).catch((e: unknown) => this.log.error('could not report a message given up on', { messageId: next.id, error: e }));
        }
        return true;
      } catch (e) {
        if (e instanceof ConcurrencyConflict) return this.takenOver(next);
        if (this.abandoned || Date.now() >= giveUpAt) {
          this.log.error('outbox outcome not recorded: the store kept failing; the claim will be taken over when its lease runs out', { messageId: next.id, outcome: next.status, error: e });
          return false;
        }
        this.log.warn('outbox outcome not recorded yet: the store failed; writing it again', { messageId: next.id, outcome: next.status, attempt, error: e });
      }
      await sleep(Math.min(2_000, 50 * 2 ** attempt));
      if (claimed && leaseEnds - this.clock.now().getTime() < this.leaseMs / 2) {
        try {
          const renewed = await this.renew(next, current);
          if (renewed === 'written') return true;
          current = renewed.etag;
          leaseEnds = Date.parse(renewed.value.leaseUntil ?? '') || leaseEnds;
        } catch (e) {
          if (e instanceof ConcurrencyConflict) return this.takenOver(next);
          // The store still fails: keep writing the outcome while the lease lasts.
        }
      }
    }
  }

  private takenOver(next: OutboxMessage): false {
    this.log.error('outbox outcome not recorded: the claim was taken over (its lease ran out)', { messageId: next.id, outcome: next.status, workerId: this.workerId });
    return false;
  }

  /** Extends the claim of a message whose outcome is not written yet; a sent one says so (sentAt and ids). */
  private async renew(outcome: OutboxMessage, etag: string): Promise<Versioned<OutboxMessage> | 'written'> {
    const stored = await this.store.get(outcome.cohortId, outcome.id);
    if (stored?.value.writeId === outcome.writeId) return 'written';
    if (!stored || stored.etag !== etag) throw new ConcurrencyConflict('outbox', outcome.id);
    const sent = outcome.status === 'sent' ? { sentAt: outcome.sentAt, sentActivityId: outcome.sentActivityId, sentConversationId: outcome.sentConversationId } : {};
    const leaseUntil = new Date(this.clock.now().getTime() + this.leaseMs).toISOString();
    return this.write(stamp({ ...stored.value, ...sent, status: 'sending', leaseOwner: this.workerId, leaseUntil }), etag);
  }
}

function stamp(message: OutboxMessage): OutboxMessage {
  return { ...message, writeId: randomUUID() };
}
