import type { AddressInfo } from 'node:net';
import type { StoreProbe } from '../../src/adapters/http/health';
import { createHttpServer, type HttpServer } from '../../src/adapters/http/server';
import { createLogger } from '../../src/logger';
import { faultyStoreFor, startFaultyCosmos } from '../helpers/faulty-cosmos';
import { startTestBot } from '../helpers/test-app';

/** The bound every /healthz must answer within, however the store behaves (the probe's deadline is 1 s). */
const HEALTHZ_BOUND_MS = 2500;

interface Health {
  status: number;
  ms: number;
  body: { status: string; failing?: string[]; store: { state: string; consecutiveFailures: number; recentFailures: number; recentProbes: number; retryAfterMs?: number; reason?: string }; storeInMemory: boolean };
}

async function healthz(url: string): Promise<Health> {
  const started = performance.now();
  const res = await fetch(`${url}/healthz`);
  const body = (await res.json()) as Health['body'];
  return { status: res.status, ms: performance.now() - started, body };
}

const never = () => new Promise<StoreProbe>(() => undefined);
const ok: StoreProbe = { state: 'ok', ms: 3 };
const failed: StoreProbe = { state: 'unreachable', ms: 2, reason: 'HTTP 503' };

/** The HTTP layer alone, with a stand-in for the store's ping: the status logic, unit-style over real HTTP. */
async function serve(ping: (deadlineMs: number) => Promise<StoreProbe>, reuseMs = 0): Promise<{ url: string; http: HttpServer }> {
  const http = createHttpServer({
    handleMessage: async () => undefined,
    allowedTenantIds: [],
    pingStore: ping,
    inMemoryStore: false,
    log: createLogger('silent'),
    health: { reuseMs },
  });
  await new Promise<void>((resolve) => http.server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`, http };
}

describe('/healthz decides from its own probes', () => {
  it('answers within its deadline when the store hangs, degraded, naming the store', async () => {
    const { url, http } = await serve(never);
    try {
      const first = await healthz(url);
      expect(first.ms).toBeLessThan(HEALTHZ_BOUND_MS);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ status: 'degraded', failing: ['store'], store: { state: 'slow', consecutiveFailures: 1 } });
    } finally {
      await http.close();
    }
  });

  it('reports a throttled store as degraded with the wait Cosmos asked for', async () => {
    const { url, http } = await serve(async () => ({ state: 'throttled', ms: 4, retryAfterMs: 5000 }));
    try {
      const res = await healthz(url);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'degraded', failing: ['store'], store: { state: 'throttled', retryAfterMs: 5000 } });
    } finally {
      await http.close();
    }
  });

  it('does not flap under a partial fault: one probe in five failing never gives 503, and the failures are counted', async () => {
    let n = 0;
    const { url, http } = await serve(async () => (++n % 5 === 0 ? failed : ok));
    try {
      const answers: Health[] = [];
      for (let i = 0; i < 20; i++) answers.push(await healthz(url));
      expect(n).toBe(20);
      expect(new Set(answers.map((a) => a.status))).toEqual(new Set([200]));
      expect(answers.filter((a) => a.body.status === 'degraded')).toHaveLength(4);
      expect(answers.at(-1)?.body).toMatchObject({ status: 'degraded', failing: ['store'], store: { state: 'unreachable', reason: 'HTTP 503', recentFailures: 2 } });
      // The failures stay visible while the latest probe is ok: 2 of the last 10.
      expect(answers.at(-2)?.body).toMatchObject({ status: 'ok', store: { state: 'ok', recentFailures: 2, recentProbes: 10 } });
      expect(answers.at(-2)?.body.failing).toBeUndefined();
    } finally {
      await http.close();
    }
  });

  it('answers 503 only after three failed probes in a row, and ok again at the first success', async () => {
    let failing = true;
    const { url, http } = await serve(async () => (failing ? failed : ok));
    try {
      const down = [await healthz(url), await healthz(url), await healthz(url)];
      expect(down.map((d) => [d.status, d.body.status, d.body.store.consecutiveFailures])).toEqual([
        [200, 'degraded', 1],
        [200, 'degraded', 2],
        [503, 'down', 3],
      ]);
      expect(down[2]?.body.failing).toEqual(['store']);
      failing = false;
      const back = await healthz(url);
      expect([back.status, back.body.status, back.body.store.consecutiveFailures]).toEqual([200, 'ok', 0]);
    } finally {
      await http.close();
    }
  });

  it('shares one probe between concurrent checks and reuses its result for a moment', async () => {
    let probes = 0;
    const { url, http } = await serve(async () => {
      probes++;
      await new Promise((r) => setTimeout(r, 100));
      return ok;
    }, 400);
    try {
      const burst = await Promise.all(Array.from({ length: 20 }, () => healthz(url)));
      expect(burst.every((b) => b.status === 200 && b.body.status === 'ok')).toBe(true);
      expect(probes).toBe(1);
      await healthz(url);
      expect(probes).toBe(1);
      await new Promise((r) => setTimeout(r, 450));
      await healthz(url);
      expect(probes).toBe(2);
    } finally {
      await http.close();
    }
  });
});

describe("the store's ping against Cosmos behind a fault proxy", () => {
  const faulty = faultyStoreFor();
  afterEach(() => {
    faulty().cosmos.proxy.rule = () => 'pass';
  });

  const timed = async () => {
    const started = performance.now();
    const ping = await faulty().store.ping();
    return { ping, ms: performance.now() - started };
  };

  it('is ok when the store answers', async () => {
    expect((await timed()).ping.state).toBe('ok');
  });

  it('gives up on a request that never answers at its deadline (slow)', async () => {
    faulty().cosmos.proxy.rule = () => 'hang';
    const { ping, ms } = await timed();
    expect(ping.state).toBe('slow');
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(HEALTHZ_BOUND_MS);
  });

  it('says throttled at once on a 429 with a long retry-after, instead of waiting it out', async () => {
    faulty().cosmos.proxy.rule = () => ({ status: 429, retryAfterMs: 5000 });
    const { ping, ms } = await timed();
    expect(ping).toMatchObject({ state: 'throttled', retryAfterMs: 5000 });
    expect(ms).toBeLessThan(HEALTHZ_BOUND_MS);
  });

  it('names any other failure by its status', async () => {
    faulty().cosmos.proxy.rule = () => ({ status: 503 });
    const { ping, ms } = await timed();
    expect(ping).toMatchObject({ state: 'unreachable', reason: 'HTTP 503' });
    expect(ms).toBeLessThan(HEALTHZ_BOUND_MS);
  });
});

describe('/healthz of the whole bot on a throttled Cosmos', () => {
  it('answers within its deadline, degraded then down, and ok again when the store recovers', async () => {
    const cosmos = await startFaultyCosmos();
    const bot = await startTestBot({ COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_EMULATOR: 'true', OUTBOX_WORKER: 'false' });
    try {
      const healthy = await healthz(bot.app.url);
      expect([healthy.status, healthy.body.status, healthy.body.storeInMemory]).toEqual([200, 'ok', false]);

      cosmos.proxy.rule = () => ({ status: 429, retryAfterMs: 5000 });
      const answers: Health[] = [];
      for (let i = 0; i < 3; i++) {
        await new Promise((r) => setTimeout(r, 1600)); // past the reuse of the previous probe
        answers.push(await healthz(bot.app.url));
      }
      for (const a of answers) expect(a.ms).toBeLessThan(HEALTHZ_BOUND_MS);
      expect(answers.map((a) => [a.status, a.body.status, a.body.store.state])).toEqual([
        [200, 'degraded', 'throttled'],
        [200, 'degraded', 'throttled'],
        [503, 'down', 'throttled'],
      ]);
      expect(answers[0]?.body).toMatchObject({ failing: ['store'], store: { retryAfterMs: 5000 } });

      cosmos.proxy.rule = () => 'pass';
      await new Promise((r) => setTimeout(r, 1600));
      const recovered = await healthz(bot.app.url);
      expect([recovered.status, recovered.body.status]).toEqual([200, 'ok']);
      expect(JSON.stringify(recovered.body)).not.toContain(cosmos.endpoint.replace(/\/$/, '').replace('https://', ''));
    } finally {
      await bot.stop();
      await cosmos.stop();
    }
  }, 30_000);
});
