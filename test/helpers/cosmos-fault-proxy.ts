import { readFileSync } from 'node:fs';
import { Agent, createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openCosmos, startEmbeddedCosmos, type CosmosStore } from '../../src/adapters/cosmos/connection';

/** What the proxy does with one request: pass it on, never answer it, or answer it itself. */
export type Fault = 'pass' | 'hang' | { readonly status: number; readonly headers?: Record<string, string>; readonly body?: unknown };

/** Decides per request; `path` is the Cosmos REST path, e.g. `/dbs/test/colls/applications/docs`. */
export type FaultRule = (req: { readonly method: string; readonly path: string }) => Fault;

/** A 429 as Cosmos sends it, asking the client to wait `retryAfterMs`. */
export const throttled = (retryAfterMs: number): Fault => ({
  status: 429,
  headers: { 'x-ms-retry-after-ms': String(retryAfterMs), 'x-ms-substatus': '3200' },
  body: { code: 'TooManyRequests', message: 'Request rate is large.' },
});

/**
 * An HTTPS proxy in front of a Cosmos server (the embedded one's self-signed certificate, so the emulator
 * client accepts it) that fails, throttles or hangs the requests `rule` picks. Real sockets, real SDK retries.
 */
export class CosmosFaultProxy {
  rule: FaultRule = () => 'pass';
  /** Every request seen, with what was done to it. */
  readonly seen: { method: string; path: string; fault: string }[] = [];
  private server: Server | undefined;
  private readonly agent = new Agent({ rejectUnauthorized: false, keepAlive: true });

  constructor(private readonly upstream: string) {}

  async start(): Promise<string> {
    const dir = dirname(require.resolve('@vercel/cosmosdb-server/package.json'));
    const target = new URL(this.upstream);
    const server = createServer({ cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        const fault = this.rule({ method: req.method ?? 'GET', path });
        this.seen.push({ method: req.method ?? 'GET', path, fault: typeof fault === 'string' ? fault : String(fault.status) });
        if (fault === 'hang') return;
        if (fault !== 'pass') {
          res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
          res.end(JSON.stringify(fault.body ?? { code: 'ServiceUnavailable', message: 'injected fault' }));
          return;
        }
        const headers = { ...req.headers, host: target.host };
        const out = request({ host: target.hostname, port: target.port, path, method: req.method, headers, agent: this.agent }, (upstreamRes) => {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.pipe(res);
        });
        out.on('error', () => res.destroy());
        out.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.server = server;
    return `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections(); // hung requests included
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.agent.destroy();
  }
}

/** A Cosmos store as the bot opens one (COSMOS_ENDPOINT with COSMOS_EMULATOR), reached through a fault proxy. */
export interface FaultyCosmos {
  readonly proxy: CosmosFaultProxy;
  /** The proxy's address: COSMOS_ENDPOINT for a bot. */
  readonly endpoint: string;
  /** Opens a store through the proxy (the bot's own code path: openCosmos in emulator mode). */
  open(database?: string): Promise<CosmosStore>;
  stop(): Promise<void>;
}

export async function startFaultyCosmos(): Promise<FaultyCosmos> {
  const embedded = await startEmbeddedCosmos(0);
  const proxy = new CosmosFaultProxy(embedded.endpoint);
  const endpoint = await proxy.start();
  return {
    proxy,
    endpoint,
    open: (database = `faulty-${randomUUID().slice(0, 8)}`) => openCosmos({ mode: 'emulator', endpoint, database }),
    async stop() {
      await proxy.stop();
      await embedded.close();
    },
  };
}
