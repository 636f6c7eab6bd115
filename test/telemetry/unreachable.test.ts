/**
 * Application Insights out of reach does not stop the app from stopping: on SIGTERM the app closes, telemetry gets
 * what is left of the shutdown deadline to flush, and the process exits cleanly (code 0) within the deadline, whether
 * the ingestion endpoint refuses connections or takes them and never answers.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeBotConnector } from '../fakes/fake-bot-connector';
import { freePort } from '../helpers/free-port';
import { sara } from '../helpers/demo-users';
import { TeamsClient } from '../helpers/teams-client';
import { startBotProcess } from './bot-process';

jest.setTimeout(120_000);

const DEADLINE_MS = 3000;

/** A TCP server that takes every connection and never says a word (a TLS handshake to it waits forever). */
async function silentServer(): Promise<{ port: number; close(): void }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, close: () => (sockets.forEach((s) => s.destroy()), server.close()) };
}

it.each([
  ['refuses connections', async () => ({ port: await freePort(), close: () => undefined })],
  ['never answers', silentServer],
])('with an ingestion endpoint that %s, SIGTERM still ends the process cleanly within the shutdown deadline', async (_what, endpoint) => {
  const ingestion = await endpoint();
  const connector = new FakeBotConnector();
  const serviceUrl = await connector.start();
  const work = mkdtempSync(join(tmpdir(), 'telemetry-'));
  try {
    const bot = await startBotProcess({
      APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${randomUUID()};IngestionEndpoint=https://127.0.0.1:${ingestion.port}/`,
      APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
      TMPDIR: work,
      SEED_DEMO: 'true',
      TEAMS_SERVICE_URL: serviceUrl,
      SHUTDOWN_DEADLINE_MS: String(DEADLINE_MS),
    });
    const teams = new TeamsClient(bot.url, serviceUrl);
    expect((await teams.say(sara, 'hjälp')).status).toBe(200);
    const signalled = Date.now();
    const code = await bot.stop();
    const tookMs = Date.now() - signalled;
    console.log(`ingestion that ${_what}: exited ${code} in ${tookMs} ms (deadline ${DEADLINE_MS} ms)`);
    expect(code === 0 ? 0 : bot.stderr()).toBe(0);
    expect(tookMs).toBeLessThan(DEADLINE_MS + 1000);
  } finally {
    ingestion.close();
    await connector.stop();
    rmSync(work, { recursive: true, force: true });
  }
});
