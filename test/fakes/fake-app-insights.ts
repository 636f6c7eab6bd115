/**
 * A local fake of Application Insights' ingestion endpoint (Breeze), as Azure Monitor's exporter calls it:
 * over HTTPS, because the exporter turns every http:// endpoint of a connection string into https://. Its
 * certificate is the embedded Cosmos DB server's self-signed one, so the process under test must run with
 * NODE_TLS_REJECT_UNAUTHORIZED=0 (FAKE_APP_INSIGHTS_ENV).
 *
 *   POST /v2.1/track   a batch of envelopes, JSON (an array, or one envelope per line), plain or gzip
 *                      -> 200 {"itemsReceived": n, "itemsAccepted": n, "errors": []}
 *
 * Every request is recorded, whatever its path (the live-metrics endpoints, statsbeat, anything unexpected), with
 * its decoded body as text, so a test can look for things that must not be there in exactly what was sent.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const certDir = join(require.resolve('@vercel/cosmosdb-server/package.json'), '..');

/** What the process sending to the fake needs: its self-signed certificate accepted. */
export const FAKE_APP_INSIGHTS_ENV = { NODE_TLS_REJECT_UNAUTHORIZED: '0' } as const;

/** One telemetry item as the exporter sends it (only what tests read is typed). */
export interface Envelope {
  readonly name: string;
  readonly time?: string;
  readonly iKey?: string;
  readonly tags?: Record<string, string>;
  readonly data?: { readonly baseType?: string; readonly baseData?: Record<string, unknown> };
}

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  /** The body, un-gzipped, as text. */
  readonly text: string;
}

export class FakeAppInsights {
  readonly requests: ReceivedRequest[] = [];
  readonly envelopes: Envelope[] = [];
  private server: Server | undefined;
  private base = '';

  /** `tls`: a certificate the process under test trusts (NODE_EXTRA_CA_CERTS) instead of the embedded server's. */
  constructor(private readonly tls?: { readonly cert: Buffer; readonly key: Buffer }) {}

  /** Listens on 127.0.0.1 at a free port; resolves with the base address (ends with '/'). */
  async start(): Promise<string> {
    const tls = this.tls ?? { cert: readFileSync(join(certDir, 'cert.pem')), key: readFileSync(join(certDir, 'key.pem')) };
    const server = createServer(tls, (req, res) => {
      void this.handle(req).then(
        ({ status, body }) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        },
        () => {
          res.writeHead(400);
          res.end();
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.base = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    return this.base;
  }

  /** A connection string that sends everything here. */
  connectionString(instrumentationKey: string): string {
    return `InstrumentationKey=${instrumentationKey};IngestionEndpoint=${this.base};LiveEndpoint=${this.base}`;
  }

  /** The items of one kind: Request, RemoteDependency, Message (a log line: a trace), Exception, Metric, ... */
  ofType(kind: string): Envelope[] {
    return this.envelopes.filter((e) => e.name === `Microsoft.ApplicationInsights.${kind}` || e.name.endsWith(`.${kind}`));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const text = (req.headers['content-encoding'] ?? '').includes('gzip') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
    const path = req.url ?? '/';
    this.requests.push({ method: req.method ?? '', path, text });
    if (req.method !== 'POST' || !/^\/v2(\.1)?\/track$/.test(path.split('?')[0] ?? '')) return { status: 200, body: {} };
    const trimmed = text.trim();
    const items: Envelope[] = trimmed.startsWith('[')
      ? (JSON.parse(trimmed) as Envelope[])
      : trimmed
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as Envelope);
    this.envelopes.push(...items);
    return { status: 200, body: { itemsReceived: items.length, itemsAccepted: items.length, errors: [] } };
  }
}
