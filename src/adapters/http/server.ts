import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../../logger';

/** What the HTTP layer needs from the bot: process one /api/messages request. */
export type MessageHandler = (req: Request, res: Response) => Promise<void>;

export interface HttpServer {
  readonly server: Server;
  /** Stops taking requests, waits for in-flight turns (up to `graceMs`), then resolves. */
  close(graceMs?: number): Promise<void>;
}

export interface HttpDeps {
  readonly handleMessage: MessageHandler;
  readonly storeReachable: () => Promise<boolean>;
  readonly inMemoryStore: boolean;
  readonly log: Logger;
}

export function createHttpServer(deps: HttpDeps): HttpServer {
  const server = restify.createServer({ name: 'acceleratorn', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1024 * 1024 }));

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
    const reachable = await deps.storeReachable();
    res.send(reachable ? 200 : 503, {
      status: reachable ? 'ok' : 'degraded',
      store: reachable ? 'reachable' : 'unreachable',
      storeInMemory: deps.inMemoryStore,
    });
  });

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
