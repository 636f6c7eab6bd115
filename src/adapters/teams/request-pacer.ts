/** At most `limit` requests in any `windowMs` interval. */
export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
}

/** Teams' limits per bot and conversation thread (docs TEAMS-PLATFORM.md): 7/1 s, 8/2 s, 60/30 s, 1800/h. */
export const TEAMS_CONVERSATION_WINDOWS: readonly RateWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1800, windowMs: 3_600_000 },
];

export interface RequestPacerOptions {
  /**
   * Requests per second for the whole app, evenly spaced (a token bucket holding one token: no burst).
   * Default 48, under Teams' 50/s per app and tenant with a margin for network jitter. The limit is the whole
   * app's: only the instance holding the outbox's sender lease sends proactively (ADR 0005), and it pauses one
   * window after taking the lease over (OutboxWorkerOptions.handoverPauseMs).
   */
  readonly perSecond?: number;
  /** Per conversation (the key given to acquire); default TEAMS_CONVERSATION_WINDOWS. */
  readonly windows?: readonly RateWindow[];
  /** Added to every per-conversation window, for jitter between our clock and the service's; default 50 ms. */
  readonly marginMs?: number;
  /**
   * How early a request may go relative to its slot, so that timers firing a little late do not lower the
   * rate (GCRA's tolerance); far below one interval, so still no burst. Default 2 ms.
   */
  readonly toleranceMs?: number;
  /** A caller that would wait longer than this is refused at once with PacerBusy; default 20 s. */
  readonly maxWaitMs?: number;
  /**
   * The last gate (`go()`, right before a request leaves): at most this many requests in any second, counted when
   * they actually go. Between a slot and its request the outbox writes its claim, whose latency varies; without
   * this gate, requests slowed by it and those behind them reach Teams together. Default: `perSecond`, rounded down.
   */
  readonly perSecondAtSend?: number;
  /**
   * At the last gate, at least this long between two requests: no clumps, so that a few milliseconds of jitter on the
   * way cannot put one more of them into a second of Teams' count than left in ours. Default 20 ms, the spacing of
   * Teams' own 50/s (at most 1,000 / perSecondAtSend, which the gate would then slow).
   */
  readonly spacingAtSendMs?: number;
  readonly now?: () => number;
  /** Resolves after `ms`; the default uses an unref'd timer. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The wait for a slot would exceed `maxWaitMs`: try again after `retryAfterMs` rather than hold on. */
export class PacerBusy extends Error {
  constructor(
    readonly key: string,
    readonly retryAfterMs: number,
  ) {
    super(`request pacer: next slot for ${key} is ${Math.ceil(retryAfterMs)} ms away`);
    this.name = 'PacerBusy';
  }
}

interface Waiter {
  readonly key: string;
  readonly resolve: () => void;
}

const realSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

/**
 * Paces outgoing Bot Connector requests so that Teams never has to throttle us: before each request the
 * caller awaits `acquire(conversationKey)`. Waiters are released in arrival order, except that one waiting on
 * a busy conversation does not hold up others (per conversation the order is kept). Slots are decided at
 * release time, on the actual clock, so a stalled event loop does not turn into a burst afterwards.
 *
 * One pacer per process, shared by everything that calls the connector proactively.
 */
export class RequestPacer {
  private readonly intervalMs: number;
  private readonly windows: readonly RateWindow[];
  private readonly marginMs: number;
  private readonly toleranceMs: number;
  private readonly maxWaitMs: number;
  private readonly longestWindowMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  private readonly queue: Waiter[] = [];
  private readonly hits = new Map<string, number[]>();
  /** The theoretical arrival time of the next request (GCRA): one interval after the previous slot. */
  private nextSlot = Number.NEGATIVE_INFINITY;
  private lastSweep = Number.NEGATIVE_INFINITY;
  private pumping = false;
  private kick: (() => void) | undefined;
  private releasedCount = 0;
  private readonly atSendLimit: number;
  private readonly atSendSpacingMs: number;
  /** When the last `atSendLimit` requests went (ascending), for go(). */
  private readonly gone: number[] = [];
  private goTail: Promise<void> = Promise.resolve();

  constructor(options: RequestPacerOptions = {}) {
    const perSecond = options.perSecond ?? 48;
    if (!(perSecond > 0)) throw new Error(`RequestPacer: perSecond must be positive, got ${perSecond}`);
    this.intervalMs = 1_000 / perSecond;
    this.windows = options.windows ?? TEAMS_CONVERSATION_WINDOWS;
    this.marginMs = options.marginMs ?? 50;
    this.toleranceMs = Math.min(options.toleranceMs ?? 2, this.intervalMs / 2);
    this.maxWaitMs = options.maxWaitMs ?? 20_000;
    this.longestWindowMs = Math.max(0, ...this.windows.map((w) => w.windowMs)) + this.marginMs;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.atSendLimit = Math.max(1, Math.floor(options.perSecondAtSend ?? perSecond));
    this.atSendSpacingMs = Math.max(0, Math.min(options.spacingAtSendMs ?? 20, 1_000 / this.atSendLimit));
  }

  /**
   * Resolves when a request may leave now: after acquire() and the claim's write, inside the connector client's
   * pipeline right before the request (ConnectorCallPolicy.beforeRequest). At most `perSecondAtSend` go in any
   * 1,000 ms, at least `spacingAtSendMs` apart, in the order they arrive here.
   */
  go(): Promise<void> {
    const turn = this.goTail.then(async () => {
      for (;;) {
        const now = this.now();
        while (this.gone.length > 0 && (this.gone[0] ?? 0) <= now - 1_000) this.gone.shift();
        const last = this.gone.at(-1);
        const spacedAt = last === undefined ? now : last + this.atSendSpacingMs;
        const windowAt = this.gone.length < this.atSendLimit ? now : (this.gone[0] ?? now) + 1_000;
        const at = Math.max(spacedAt, windowAt);
        if (at <= now) {
          this.gone.push(now);
          return;
        }
        await this.sleep(Math.max(1, Math.ceil(at - now)));
      }
    });
    this.goTail = turn.catch(() => undefined);
    return turn;
  }

  /** Requests let through so far. */
  get released(): number {
    return this.releasedCount;
  }

  /** Callers waiting for a slot. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves when one request for `key` (a conversation id) may go out; rejects with PacerBusy when that is too far off. */
  acquire(key: string): Promise<void> {
    const wait = this.estimate(key, this.now());
    if (wait > this.maxWaitMs) return Promise.reject(new PacerBusy(key, wait));
    return new Promise<void>((resolve) => {
      this.queue.push({ key, resolve });
      const kick = this.kick;
      this.kick = undefined;
      kick?.();
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        const now = this.now();
        this.sweep(now);
        const globalAt = this.nextSlot - this.toleranceMs;
        const blocked = new Set<string>();
        let wakeAt = Number.POSITIVE_INFINITY;
        let releasedOne = false;
        for (let i = 0; i < this.queue.length; i++) {
          const waiter = this.queue[i];
          if (!waiter || blocked.has(waiter.key)) continue;
          const at = Math.max(globalAt, this.earliest(this.hitsOf(waiter.key, now)));
          if (at <= now) {
            this.queue.splice(i, 1);
            this.record(waiter.key, now);
            waiter.resolve();
            releasedOne = true;
            break;
          }
          blocked.add(waiter.key);
          wakeAt = Math.min(wakeAt, at);
        }
        if (releasedOne) continue;
        // Sleep until the next slot, or until a new waiter arrives (it may be free to go sooner).
        await Promise.race([this.sleep(Math.max(1, Math.ceil(wakeAt - now))), new Promise<void>((resolve) => (this.kick = resolve))]);
        this.kick = undefined;
      }
    } finally {
      this.pumping = false;
    }
  }

  private record(key: string, at: number): void {
    // A release a little late (a timer firing up to 3 ms late) keeps the grid, so timer lateness does not lower
    // the rate; later than that (a stall, an idle gap), a new grid starts there.
    const late = at - this.nextSlot;
    this.nextSlot = (late > 0 && late <= Math.min(3, this.intervalMs / 4) ? this.nextSlot : Math.max(this.nextSlot, at)) + this.intervalMs;
    this.releasedCount++;
    const list = this.hits.get(key);
    if (list) list.push(at);
    else this.hits.set(key, [at]);
  }

  /** The earliest instant one more request fits all per-conversation windows, given `hits` (ascending). */
  private earliest(hits: readonly number[]): number {
    let at = Number.NEGATIVE_INFINITY;
    for (const window of this.windows) {
      if (hits.length < window.limit) continue;
      // The limit-th most recent hit has to leave the window first.
      const leaving = hits[hits.length - window.limit];
      if (leaving !== undefined) at = Math.max(at, leaving + window.windowMs + this.marginMs);
    }
    return at;
  }

  /** How long a caller arriving now would wait (approximately: those ahead of it in the queue included). */
  private estimate(key: string, now: number): number {
    const projected = [...this.hitsOf(key, now)];
    let at = now;
    const ahead = this.queue.filter((w) => w.key === key).length;
    for (let i = 0; i <= ahead; i++) {
      at = Math.max(at, this.earliest(projected));
      projected.push(at);
    }
    const globalWait = Math.max(0, this.nextSlot - now) + this.queue.length * this.intervalMs;
    return Math.max(at - now, globalWait);
  }

  private hitsOf(key: string, now: number): number[] {
    const list = this.hits.get(key);
    if (!list) return [];
    const horizon = now - this.longestWindowMs;
    let drop = 0;
    while (drop < list.length && (list[drop] ?? 0) <= horizon) drop++;
    if (drop > 0) list.splice(0, drop);
    return list;
  }

  /** Forgets conversations with no hit inside the longest window (once a minute). */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const key of [...this.hits.keys()]) {
      if (this.hitsOf(key, now).length === 0) this.hits.delete(key);
    }
  }
}
