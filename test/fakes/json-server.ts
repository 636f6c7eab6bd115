import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface JsonServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  readonly base: string;
  stop(): Promise<void>;
}

/**
 * A local HTTP server that answers GETs with JSON: what `answer` returns for the path (given the server's own base
 * address), or a 404. The stand-ins for published signing keys (the Bot Connector's, Entra ID's) are made of it.
 */
export async function startJsonServer(answer: (path: string, base: string) => unknown): Promise<JsonServer> {
  const server: Server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const body = answer(req.url ?? '/', base);
    res.setHeader('content-type', 'application/json');
    res.statusCode = body === undefined ? 404 : 200;
    res.end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
