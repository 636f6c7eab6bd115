/**
 * Building blocks for scripts/bench.ts: a keep-alive HTTP poster, the baseline echo bot, latency and
 * throughput loops, a tally of outgoing HTTP calls (to count Cosmos requests per turn) and a table printer.
 * Nothing here knows about Acceleratorn itself.
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify, { type Request, type Response } from 'restify';

// ---------------------------------------------------------------------------------------------
// HTTP

export interface PostResult {
  readonly status: number;
  readonly body: string;
}

/** POSTs a JSON body over the given (keep-alive) agent and resolves once the whole response is read. */
export function postJson(agent: http.Agent, url: URL, body: string): Promise<PostResult> {
  return new Promise<PostResult>((resolve, reject) => {
    const req = http.request(
      {
        agent,
        method: 'POST',
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

// ---------------------------------------------------------------------------------------------
// The baseline: a bare botbuilder echo bot on restify, configured like src/adapters/http/server.ts.

export interface EchoBot {
  readonly url: string;
  close(): Promise<void>;
}

class EchoHandler extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(context.activity.text);
      await next();
    });
  }
}

export async function startEchoBot(): Promise<EchoBot> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new EchoHandler();
  const server = restify.createServer({ name: 'echo-baseline', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1024 * 1024 }));
  server.post('/api/messages', async (req: Request, res: Response) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeAllConnections();
      await stopped;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Load loops

/** One request of a phase; `i` counts from 0 within the phase. Must throw on any failure. */
export type Send = (i: number) => Promise<void>;

/** `n` requests one after the other; returns each round trip in milliseconds, as measured inside `send`. */
export async function runSequential(n: number, send: (i: number) => Promise<number>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push(await send(i));
  return samples;
}

export interface ThroughputResult {
  readonly requests: number;
  readonly elapsedMs: number;
  readonly perSecond: number;
}

/** `total` requests with exactly `concurrency` in flight (until the tail); wall time from first send to last answer. */
export async function runConcurrent(total: number, concurrency: number, send: Send): Promise<ThroughputResult> {
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      await send(i);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  const elapsedMs = performance.now() - started;
  return { requests: total, elapsedMs, perSecond: (total * 1000) / elapsedMs };
}

// ---------------------------------------------------------------------------------------------
// Statistics

export interface LatencyStats {
  readonly n: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly min: number;
  readonly max: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

export function summarize(samples: readonly number[]): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, x) => sum + x, 0) / Math.max(1, sorted.length);
  return {
    n: sorted.length,
    mean,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

// ---------------------------------------------------------------------------------------------
// Counting outgoing HTTP calls (node's built-in diagnostics channel; no patching)

interface RequestStartMessage {
  readonly request: http.ClientRequest;
}

function isRequestStart(message: unknown): message is RequestStartMessage {
  return typeof message === 'object' && message !== null && 'request' in message && message.request instanceof http.ClientRequest;
}

/**
 * Counts client requests (http and https) to one host:port, by a label made from method and path, and
 * the connections they open. A socket is counted the first time a request gets it after a reset, so
 * sockets already open before a reset count once more: take phases much longer than the pool size.
 * For Cosmos DB, a POST to .../docs is told apart by its headers: query, upsert or create.
 */
export class OutgoingTally {
  private readonly counts = new Map<string, number>();
  private sockets = new WeakSet<object>();
  private opened = 0;
  private readonly listener = (message: unknown) => {
    if (!isRequestStart(message)) return;
    const req = message.request;
    if (String(req.getHeader('host') ?? '') !== this.hostPort) return;
    const label = this.label(req);
    this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
    // The channel fires when the request is finished; its socket may already be assigned by then.
    if (req.socket) this.countSocket(req.socket);
    else req.once('socket', (socket: object) => this.countSocket(socket));
  };

  private countSocket(socket: object): void {
    if (this.sockets.has(socket)) return;
    this.sockets.add(socket);
    this.opened++;
  }

  constructor(
    private readonly hostPort: string,
    private readonly label: (req: http.ClientRequest) => string,
  ) {
    diagnosticsChannel.subscribe('http.client.request.start', this.listener);
  }

  get total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  /** Connections (TCP or TLS) first used since the last reset: 1 per request means no keep-alive. */
  get connections(): number {
    return this.opened;
  }

  snapshot(): Map<string, number> {
    return new Map(this.counts);
  }

  reset(): void {
    this.counts.clear();
    this.sockets = new WeakSet<object>();
    this.opened = 0;
  }

  dispose(): void {
    diagnosticsChannel.unsubscribe('http.client.request.start', this.listener);
  }
}

/** "POST programme/docs (query)", "GET programme/docs/settings", ... from a Cosmos REST request (a query is a query-plan request then the query). */
export function cosmosLabel(req: http.ClientRequest): string {
  const path = req.path.split('?')[0] ?? '';
  const short = path.replace(/^\/dbs\/[^/]+\/?/, '').replace(/colls\//, '') || '(database)';
  let kind = '';
  if (req.method === 'POST' && /\/docs$/.test(path)) {
    if (String(req.getHeader('x-ms-cosmos-is-query-plan-request') ?? '').toLowerCase() === 'true') kind = ' (query plan)';
    else if (String(req.getHeader('x-ms-documentdb-isquery') ?? '').toLowerCase() === 'true') kind = ' (query)';
    else if (String(req.getHeader('x-ms-documentdb-is-upsert') ?? '').toLowerCase() === 'true') kind = ' (upsert)';
    else kind = ' (create)';
  }
  return `${req.method} ${short}${kind}`;
}

// ---------------------------------------------------------------------------------------------
// Output

export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join(' | ');
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export const ms = (x: number): string => `${x.toFixed(2)} ms`;
export const ratio = (x: number): string => `${x.toFixed(2)}x`;
