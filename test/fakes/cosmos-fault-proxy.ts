/**
 * A fault proxy in front of a Cosmos DB endpoint (the embedded server, run apart from the bot): the app's real
 * @azure/cosmos client talks to it over HTTPS, and a rule decides per request what happens:
 *
 *   'pass'               forwarded, answered as the server answered
 *   { status }           refused before it reaches the server (nothing written), e.g. 503 or 429
 *   'commit-then-drop'   forwarded (the server applies it), then the client's connection is reset: the answer is lost
 *   'hang'               held, never forwarded nor answered, until the client gives up or stop()
 *   { delayMs }          forwarded after a delay
 *
 * Requests are classified the way the Cosmos REST API spells them: a query (x-ms-documentdb-isquery), a
 * transactional batch (x-ms-cosmos-is-batch-request), a document write (POST/PUT/DELETE on docs), a read (GET).
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export type CosmosRequestKind = 'read' | 'query' | 'batch' | 'write' | 'other';

export interface CosmosRequestInfo {
  readonly method: string;
  readonly path: string;
  readonly kind: CosmosRequestKind;
  /** The request body as text (document writes carry the document). */
  readonly body: string;
}

export type CosmosFault = 'pass' | 'commit-then-drop' | 'hang' | { readonly status: number; readonly retryAfterMs?: number } | { readonly delayMs: number };

export type CosmosFaultRule = (request: CosmosRequestInfo) => CosmosFault;

export interface CosmosProxyCounts {
  forwarded: number;
  refused: number;
  dropped: number;
  hung: number;
}

const certDir = join(require.resolve('@vercel/cosmosdb-server/package.json'), '..');

function kindOf(method: string, path: string, headers: NodeJS.Dict<string | string[]>): CosmosRequestKind {
  const header = (name: string) => String(headers[name] ?? '').toLowerCase();
  if (header('x-ms-documentdb-isquery') === 'true') return 'query';
  if (header('x-ms-cosmos-is-batch-request') === 'true') return 'batch';
  if (/\/docs(\/|$)/.test(path) && (method === 'POST' || method === 'PUT' || method === 'DELETE' || method === 'PATCH')) return 'write';
  if (method === 'GET') return 'read';
  return 'other';
}

/** A body that is a document of this `type` (the app's documents all carry one). */
export function isDocOfType(request: CosmosRequestInfo, type: string): boolean {
  return request.body.includes(`"type":"${type}"`);
}

export class CosmosFaultProxy {
  rule: CosmosFaultRule = () => 'pass';
  readonly counts: CosmosProxyCounts = { forwarded: 0, refused: 0, dropped: 0, hung: 0 };

  private server: https.Server | undefined;
  private readonly agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });
  private readonly held = new Set<import('node:http').ServerResponse>();
  private readonly upstream: URL;

  constructor(upstream: string) {
    this.upstream = new URL(upstream);
  }

  /** Listens on 127.0.0.1 (a free port) with the embedded server's self-signed certificate; resolves with the endpoint. */
  async start(): Promise<string> {
    const server = https.createServer({ cert: readFileSync(join(certDir, 'cert.pem')), key: readFileSync(join(certDir, 'key.pem')), keepAlive: true }, (req, res) => {
      void this.handle(req, res).catch(() => res.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.server = server;
    return `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.held.clear();
    this.agent.destroy();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Back to passing everything through. */
  heal(): void {
    this.rule = () => 'pass';
  }

  private async handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const method = (req.method ?? 'GET').toUpperCase();
    const path = req.url ?? '/';
    const info: CosmosRequestInfo = { method, path, kind: kindOf(method, path, req.headers), body: raw.toString('utf8') };
    const fault = this.rule(info);

    if (fault === 'hang') {
      this.counts.hung++;
      this.held.add(res);
      res.once('close', () => this.held.delete(res));
      return;
    }
    if (typeof fault === 'object' && 'status' in fault) {
      this.counts.refused++;
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-ms-activity-id': '00000000-0000-0000-0000-000000000000' };
      if (fault.retryAfterMs !== undefined) headers['x-ms-retry-after-ms'] = String(fault.retryAfterMs);
      res.writeHead(fault.status, headers);
      res.end(JSON.stringify({ code: fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', message: `fault proxy: ${fault.status}` }));
      return;
    }
    if (typeof fault === 'object' && 'delayMs' in fault) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));

    this.counts.forwarded++;
    const upstream = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
      const forward = https.request(
        { host: this.upstream.hostname, port: this.upstream.port, method, path, headers: { ...req.headers, host: this.upstream.host }, agent: this.agent },
        resolve,
      );
      forward.once('error', reject);
      forward.end(raw);
    });
    const body: Buffer[] = [];
    for await (const chunk of upstream) body.push(chunk as Buffer);
    if (fault === 'commit-then-drop') {
      this.counts.dropped++;
      res.destroy();
      return;
    }
    res.writeHead(upstream.statusCode ?? 502, upstream.headers);
    res.end(Buffer.concat(body));
  }
}
