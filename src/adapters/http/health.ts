import type { Logger } from '../../logger';
import { ABORTED, untilAborted } from '../until-aborted';

/** What one probe of the store found (the Cosmos adapter's ping gives exactly this). */
export type StoreProbe =
  | { readonly state: 'ok'; readonly ms: number }
  | { readonly state: 'slow'; readonly ms: number }
  | { readonly state: 'throttled'; readonly ms: number; readonly retryAfterMs?: number }
  | { readonly state: 'unreachable'; readonly ms: number; readonly reason: string };

export interface HealthOptions {
  /** How long a probe may take; /healthz answers within this (plus a little) whatever the store does. */
  readonly deadlineMs: number;
  /** A probe's result answers every /healthz within this long after it, so a burst of checks costs one read. */
  readonly reuseMs: number;
  /** Failed probes in a row before /healthz answers 503 (down); fewer are "degraded" with 200. */
  readonly downAfter: number;
  /** How many recent probes the report counts. */
  readonly history: number;
  readonly now: () => number;
}

export const DEFAULT_HEALTH: HealthOptions = { deadlineMs: 1000, reuseMs: 1500, downAfter: 3, history: 10, now: () => Date.now() };

/** What /healthz says about the store: the latest probe and the recent ones. No endpoint, key or stack. */
export interface StoreHealth {
  readonly state: StoreProbe['state'];
  readonly latencyMs: number;
  readonly checkedAt: string;
  readonly retryAfterMs?: number;
  readonly reason?: string;
  readonly consecutiveFailures: number;
  /** Of the last `recentProbes` probes, how many failed (a partial fault shows here even while the latest is ok). */
  readonly recentFailures: number;
  readonly recentProbes: number;
  readonly lastOkAt?: string;
}

export interface HealthReport {
  readonly httpStatus: 200 | 503;
  readonly body: {
    readonly status: 'ok' | 'degraded' | 'down';
    readonly failing?: readonly 'store'[];
    readonly store: StoreHealth;
    readonly storeInMemory: boolean;
  };
}

interface Probed {
  readonly probe: StoreProbe;
  readonly at: number;
}

/**
 * /healthz decided from the recent history instead of one request, so that a single failed read (a partial
 * fault) does not take the instance out of the load balancer: the latest probe ok is "ok"; the latest failed is
 * "degraded" (200, with what is failing); `downAfter` failures in a row are "down" (503). Concurrent checks
 * share one probe (single flight), and a result is reused for `reuseMs`.
 */
export class HealthMonitor {
  private readonly options: HealthOptions;
  private readonly recent: Probed[] = [];
  private consecutiveFailures = 0;
  private lastOkAt: number | undefined;
  private inFlight: Promise<Probed> | undefined;

  constructor(
    private readonly probeStore: (deadlineMs: number) => Promise<StoreProbe>,
    private readonly storeInMemory: boolean,
    private readonly log: Logger,
    options: Partial<HealthOptions> = {},
  ) {
    this.options = { ...DEFAULT_HEALTH, ...options };
  }

  async report(): Promise<HealthReport> {
    const latest = await this.latest();
    const failed = latest.probe.state !== 'ok';
    const down = this.consecutiveFailures >= this.options.downAfter;
    const failures = this.recent.filter((p) => p.probe.state !== 'ok').length;
    const store: StoreHealth = {
      state: latest.probe.state,
      latencyMs: latest.probe.ms,
      checkedAt: new Date(latest.at).toISOString(),
      ...('retryAfterMs' in latest.probe && latest.probe.retryAfterMs !== undefined ? { retryAfterMs: latest.probe.retryAfterMs } : {}),
      ...('reason' in latest.probe ? { reason: latest.probe.reason } : {}),
      consecutiveFailures: this.consecutiveFailures,
      recentFailures: failures,
      recentProbes: this.recent.length,
      ...(this.lastOkAt !== undefined ? { lastOkAt: new Date(this.lastOkAt).toISOString() } : {}),
    };
    return {
      httpStatus: down ? 503 : 200,
      body: { status: down ? 'down' : failed ? 'degraded' : 'ok', ...(failed ? { failing: ['store'] as const } : {}), store, storeInMemory: this.storeInMemory },
    };
  }

  private latest(): Promise<Probed> {
    const last = this.recent.at(-1);
    if (last && this.options.now() - last.at < this.options.reuseMs) return Promise.resolve(last);
    this.inFlight ??= this.probe().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** One probe, cut at the deadline here too: a probe that ignores its deadline cannot hold /healthz. */
  private async probe(): Promise<Probed> {
    const { deadlineMs } = this.options;
    const started = this.options.now();
    // Cut here too, whatever the probe does with its deadline.
    const answer = await untilAborted(
      this.probeStore(deadlineMs).catch((): StoreProbe => ({ state: 'unreachable', ms: this.options.now() - started, reason: 'probe failed' })),
      AbortSignal.timeout(deadlineMs + 100),
    );
    const probe: StoreProbe = answer === ABORTED ? { state: 'slow', ms: this.options.now() - started } : answer;
    return this.record({ probe, at: this.options.now() });
  }

  private record(probed: Probed): Probed {
    const wasFailing = this.consecutiveFailures > 0;
    if (probed.probe.state === 'ok') {
      this.consecutiveFailures = 0;
      this.lastOkAt = probed.at;
      if (wasFailing) this.log.info('store healthy again', { latencyMs: probed.probe.ms });
    } else {
      this.consecutiveFailures++;
      // Said once when it starts and once when it becomes "down", not at every check.
      if (this.consecutiveFailures === 1 || this.consecutiveFailures === this.options.downAfter) {
        this.log.warn(this.consecutiveFailures === 1 ? 'store probe failed' : 'store down', { ...probed.probe, consecutiveFailures: this.consecutiveFailures });
      }
    }
    this.recent.push(probed);
    if (this.recent.length > this.options.history) this.recent.shift();
    return probed;
  }
}
