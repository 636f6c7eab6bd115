import { ConcurrencyConflict } from '../domain/errors';
import type { OutboxMessage } from '../domain/notification';
import type { Clock, MessageSender, OutboxStore, SendOutcome, Versioned } from '../domain/ports';

export interface WorkerLog {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface OutboxWorkerOptions {
  readonly store: OutboxStore;
  readonly sender: MessageSender;
  readonly clock: Clock;
  /** Names this worker in `leaseOwner`; unique per process (e.g. host name + random suffix). */
  readonly workerId: string;
  /**
   * How long a claim holds. Must exceed the longest send: the pacer's longest wait plus botbuilder's own
   * retries (up to 3, each honouring Retry-After). A claim older than this is taken over by another worker.
   */
  readonly leaseMs?: number;
  /** Tries per message, the first included; after the last failing try the message is `failed`. */
  readonly maxAttempts?: number;
  /** Messages fetched per run. */
  readonly batchSize?: number;
  /** Sends in flight at once (the sender's pacer keeps them under the Teams limits). */
  readonly concurrency?: number;
  /** Pause between runs when the outbox was drained (real time). */
  readonly pollMs?: number;
  /** First back-off step; after the n-th try the wait is random in [baseBackoffMs, baseBackoffMs * 2^n] (capped). */
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
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
  /** Not worked on: another worker claimed it first, or the store failed. */
  skipped: number;
}

const silent: WorkerLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

/** Drops the claim fields: a message that is not `sending` holds no lease. */
function released(message: OutboxMessage): OutboxMessage {
  const { leaseOwner: _owner, leaseUntil: _until, ...rest } = message;
  return rest;
}

/**
 * Delivers the outbox: fetch due messages, claim each with an ETag-guarded write (status `sending`, a lease,
 * attempts + 1), send, then write the outcome guarded by the claim's ETag. Any number of workers (bot
 * instances) may run side by side: a lost claim race means another worker has the message, and an expired
 * lease (a worker that crashed between claim and outcome) lets the next run take it over.
 *
 * Delivery is exactly-once except in one window: a worker that dies after Teams accepted the message but
 * before the outcome was written; the message is then sent again after the lease expires (Teams has no
 * idempotent send).
 */
export class OutboxWorker {
  private readonly store: OutboxStore;
  private readonly sender: MessageSender;
  private readonly clock: Clock;
  private readonly workerId: string;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly random: () => number;
  private readonly onGaveUp: OutboxWorkerOptions['onGaveUp'];
  private readonly log: WorkerLog;

  private running = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private current: Promise<void> | undefined;
  private again = false;

  constructor(options: OutboxWorkerOptions) {
    this.store = options.store;
    this.sender = options.sender;
    this.clock = options.clock;
    this.workerId = options.workerId;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.maxAttempts = options.maxAttempts ?? 6;
    this.batchSize = options.batchSize ?? 50;
    this.concurrency = options.concurrency ?? 16;
    this.pollMs = options.pollMs ?? 5_000;
    this.baseBackoffMs = options.baseBackoffMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 5 * 60_000;
    this.random = options.random ?? Math.random;
    this.log = options.log ?? silent;
    this.onGaveUp = options.onGaveUp;
    for (const [name, value] of Object.entries({ leaseMs: this.leaseMs, maxAttempts: this.maxAttempts, batchSize: this.batchSize, concurrency: this.concurrency })) {
      if (!(Number.isInteger(value) && value > 0)) throw new Error(`OutboxWorker: ${name} must be a positive integer, got ${value}`);
    }
  }

  /** One pass over the messages due now: at most `batchSize`, `concurrency` at a time. */
  async runOnce(): Promise<RunSummary> {
    const summary: RunSummary = { sent: 0, retried: 0, failed: 0, unreachable: 0, cancelled: 0, skipped: 0 };
    const due = await this.store.due(this.clock.now(), this.batchSize);
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < due.length) {
        const item = due[next++];
        if (item) summary[await this.deliver(item)]++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, due.length) }, lane));
    return summary;
  }

  /** Runs every `pollMs` (at once again while batches come back full) until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Runs now (or right after the current run): call it after a turn that enqueued notifications. */
  wake(): void {
    if (!this.running) return;
    if (this.current) this.again = true;
    else this.schedule(0);
  }

  /** Stops polling and waits for the current run to finish. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.current;
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.tick();
    }, ms);
    this.timer.unref();
  }

  private tick(): void {
    if (!this.running) return;
    if (this.current) {
      this.again = true; // started again while a run from before stop() is finishing: run after it
      return;
    }
    this.again = false;
    this.current = (async () => {
      let full = false;
      try {
        const summary = await this.runOnce();
        full = Object.values(summary).reduce((a, b) => a + b, 0) >= this.batchSize;
      } catch (e) {
        this.log.error('outbox run failed', { workerId: this.workerId, error: e });
      }
      this.current = undefined;
      if (this.running) this.schedule(this.again || full ? 0 : this.pollMs);
    })();
  }

  private async deliver(item: Versioned<OutboxMessage>): Promise<keyof RunSummary> {
    const now = this.clock.now();
    const message = item.value;
    const claimable =
      (message.status === 'pending' && Date.parse(message.dueAt) <= now.getTime()) ||
      (message.status === 'sending' && message.leaseUntil !== undefined && Date.parse(message.leaseUntil) <= now.getTime());
    if (!claimable) return 'skipped';
    if (message.status === 'sending') {
      this.log.warn('taking over an expired claim; the earlier attempt may or may not have reached Teams', {
        messageId: message.id,
        previousOwner: message.leaseOwner,
        attempts: message.attempts,
      });
    }

    // A message whose last claim expired after the final try: give up without sending again.
    if (message.attempts >= this.maxAttempts) {
      const error = `gave up after ${message.attempts} attempts (the last one did not report back)`;
      return (await this.finish(item.etag, { ...released(message), status: 'failed', lastError: error }, 'failed')) ? 'failed' : 'skipped';
    }

    let claim: Versioned<OutboxMessage>;
    try {
      claim = await this.store.replace(
        { ...message, status: 'sending', leaseOwner: this.workerId, leaseUntil: new Date(now.getTime() + this.leaseMs).toISOString(), attempts: message.attempts + 1 },
        item.etag,
      );
    } catch (e) {
      if (!(e instanceof ConcurrencyConflict)) this.log.error('could not claim an outbox message', { messageId: message.id, error: e });
      return 'skipped';
    }

    let outcome: SendOutcome;
    try {
      outcome = await this.sender.send(claim.value);
    } catch (e) {
      outcome = { kind: 'retry', error: errorText(e) };
    }

    const done = this.clock.now();
    const base = released(claim.value);
    switch (outcome.kind) {
      case 'sent':
        await this.finish(claim.etag, { ...base, status: 'sent', sentAt: done.toISOString(), sentActivityId: outcome.activityId, sentConversationId: outcome.conversationId }, 'sent');
        return 'sent';
      case 'retry': {
        if (base.attempts >= this.maxAttempts) {
          await this.finish(claim.etag, { ...base, status: 'failed', lastError: `gave up after ${base.attempts} attempts: ${outcome.error}` }, 'failed');
          return 'failed';
        }
        const dueAt = new Date(done.getTime() + this.retryDelayMs(base.attempts, outcome.retryAfterMs)).toISOString();
        await this.finish(claim.etag, { ...base, status: 'pending', dueAt, lastError: outcome.error }, 'retry');
        return 'retried';
      }
      case 'unreachable':
        await this.finish(claim.etag, { ...base, status: 'unreachable', lastError: outcome.error }, 'unreachable');
        return 'unreachable';
      case 'failed':
        await this.finish(claim.etag, { ...base, status: 'failed', lastError: outcome.error }, 'failed');
        return 'failed';
      case 'cancelled':
        await this.finish(claim.etag, { ...base, status: 'cancelled', lastError: outcome.reason }, 'cancelled');
        return 'cancelled';
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

  /** Writes the outcome under the claim's ETag; losing that race means our lease expired and someone took over. */
  private async finish(etag: string, message: OutboxMessage, outcome: string): Promise<boolean> {
    try {
      await this.store.replace(message, etag);
      if ((message.status === 'failed' || message.status === 'unreachable') && this.onGaveUp) {
        await this.onGaveUp(message).catch((e: unknown) => this.log.error('could not report a message given up on', { messageId: message.id, error: e }));
      }
      return true;
    } catch (e) {
      if (e instanceof ConcurrencyConflict) {
        this.log.error('outbox outcome not recorded: the claim was taken over (lease expired during the send)', { messageId: message.id, outcome, workerId: this.workerId });
      } else {
        this.log.error('outbox outcome not recorded: store failed; the message will be retried when the lease expires', { messageId: message.id, outcome, error: e });
      }
      return false;
    }
  }
}
