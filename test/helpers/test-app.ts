import { startApp, type AppOverrides, type RunningApp } from '../../src/app';
import { parseConfig } from '../../src/config';
import { FakeBotConnector } from '../fakes/fake-bot-connector';
import { TeamsClient } from './teams-client';

export interface TestBot {
  readonly app: RunningApp;
  readonly connector: FakeBotConnector;
  readonly teams: TeamsClient;
  stop(): Promise<void>;
}

/** The whole bot on a free port, on the embedded Cosmos server with the demo data, and a fake connector. */
export async function startTestBot(env: Record<string, string> = {}, overrides: AppOverrides = {}): Promise<TestBot> {
  const connector = new FakeBotConnector();
  const serviceUrl = await connector.start();
  const config = parseConfig({ NODE_ENV: 'test', PORT: '0', SEED_DEMO: 'true', LOG_LEVEL: 'silent', ...env });
  const app = await startApp(config, overrides);
  return {
    app,
    connector,
    teams: new TeamsClient(app.url, serviceUrl),
    async stop() {
      await app.close();
      await connector.stop();
    },
  };
}
