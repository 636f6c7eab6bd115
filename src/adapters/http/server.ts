import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../../logger';
import type { TokenCheck } from './bot-token';
import { HealthMonitor, type HealthOptions, type StoreProbe } from './health';
import { ActivityEnvelope, bearerToken, checkHeaders, parseJson, readBody, tenantAllowed, type Refusal } from './inbound';

/** What the HTTP layer needs from the bot: process one /api/messages request whose `body` is the checked activity. */
export type MessageHandler = (req: Request, res: Response) => Promise<void>;

export interface HttpServer {
  readonly server: Server;
  /** Stops taking requests, waits for in-flight turns (up to `graceMs`), then resolves. */
  close(graceMs?: number): Promise<void>;
}

export interface HttpDeps {
  readonly handleMessage: MessageHandler;
  /** With bot credentials: the Bot Connector token check, done before the body is read. Absent: anonymous (local only). */
  readonly verifyToken?: (token: string) => Promise<TokenCheck>;
  /** Activities from any other tenant get no reply and no write. */
  readonly allowedTenantIds: readonly string[];
  /** One probe of the store for /healthz, answered within `deadlineMs` (health.ts cuts it there regardless). */
  readonly pingStore: (deadlineMs: number) => Promise<StoreProbe>;
  readonly inMemoryStore: boolean;
  /** Tests: the probe deadline, reuse and "down" thresholds (health.ts DEFAULT_HEALTH otherwise). */
  readonly health?: Partial<HealthOptions>;
  /** More routes on the same server (the tab and its API). */
  readonly register?: (server: Server) => void;
  readonly log: Logger;
}

export function createHttpServer(deps: HttpDeps): HttpServer {
  const server = restify.createServer({ name: 'acceleratorn', handleUncaughtExceptions: false });
  // No body parser: /api/messages reads its body itself, with limits, after the token (inbound.ts).
  const allowedTenants = new Set(deps.allowedTenantIds.map((t) => t.toLowerCase()));
  const health = new HealthMonitor(deps.pingStore, deps.inMemoryStore, deps.log, deps.health);

  /** Everything a request must pass before the bot sees it; a refusal is a status with no detail. */
  const admit = async (req: Request): Promise<Refusal | { activity: ActivityEnvelope }> => {
    let tokenTenant: string | undefined;
    let tokenServiceUrl: string | undefined;
    if (deps.verifyToken) {
      const token = bearerToken(req.headers.authorization);
      if (!token) return { status: 401, reason: 'no bearer token' };
      const check = await deps.verifyToken(token);
      if (!check.ok) return { status: check.status, reason: check.status === 401 ? 'token refused' : 'signing keys unavailable' };
      tokenTenant = typeof check.claims.tid === 'string' ? check.claims.tid : undefined;
      tokenServiceUrl = typeof check.claims.serviceurl === 'string' ? check.claims.serviceurl : '';
    }
    const header = checkHeaders(req);
    if (header) return header;
    const body = await readBody(req);
    if (!body.ok) return body;
    const json = parseJson(body.value);
    if (!json.ok) return json;
    const envelope = ActivityEnvelope.safeParse(json.value);
    if (!envelope.success) return { status: 400, reason: 'not an activity' };
    const activity = envelope.data;
    // The token is issued for one serviceUrl: an activity that names another was not sent by that channel.
    if (tokenServiceUrl !== undefined && tokenServiceUrl !== activity.serviceUrl) return { status: 401, reason: 'serviceUrl not in token' };
    if (!tenantAllowed(activity, allowedTenants, tokenTenant)) return { status: 403, reason: 'tenant not served' };
    return { activity };
  };

  let inFlight = 0;
  let closing = false;
  const idle: (() => void)[] = [];

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (closing) {
      res.header('connection', 'close');
      res.send(503, { error: 'shutting down' });
      return;
    }
    inFlight++;
    try {
      const admitted = await admit(req);
      if ('status' in admitted) {
        deps.log.warn('request refused', { status: admitted.status, reason: admitted.reason });
        res.header('connection', 'close');
        res.send(admitted.status);
        return;
      }
      (req as Request & { body: unknown }).body = admitted.activity;
      await deps.handleMessage(req, res);
    } catch (error) {
      deps.log.error('request failed', { error });
      if (!res.headersSent) res.send(500);
    } finally {
      inFlight--;
      if (inFlight === 0) idle.splice(0).forEach((resolve) => resolve());
    }
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    if (closing) {
      res.send(503, { status: 'shutting down' });
      return;
    }
    const report = await health.report();
    res.header('cache-control', 'no-store');
    res.send(report.httpStatus, report.body);
  });

  deps.register?.(server);

  return {
    server,
    async close(graceMs = 10_000) {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((resolve) => idle.push(resolve)), new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref())]);
      }
      server.server.closeIdleConnections();
      await Promise.race([stopped, new Promise<void>((resolve) => setTimeout(resolve, 1000).unref())]);
      server.server.closeAllConnections();
    },
  };
}
