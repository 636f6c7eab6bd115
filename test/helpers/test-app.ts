import { startApp, type AppOverrides, type RunningApp } from '../../src/app';
import { parseConfig } from '../../src/config';
import { FakeBotConnector, type RecordedActivity } from '../fakes/fake-bot-connector';
import { said, TeamsClient, type TeamsUser } from './teams-client';

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
  const config = parseConfig({ NODE_ENV: 'test', PORT: '0', SEED_DEMO: 'true', LOG_LEVEL: 'silent', TEAMS_SERVICE_URL: serviceUrl, ...env });
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

/**
 * The bot's last reply to the last thing this person sent. Proactive messages (the outbox worker) can arrive
 * in the same chat at any moment, so tests look for replies to a given activity, not the chat's last message.
 */
export function lastReply(bot: TestBot, user: TeamsUser): RecordedActivity | undefined {
  const id = bot.teams.lastSent.get(user.aadObjectId);
  return bot.connector.activities.filter((a) => a.replyToId === id && a.conversationId === bot.teams.conversationIdFor(user)).at(-1);
}

/** Everything the bot answered to the last thing this person sent, as a person reads it. */
export function repliesText(bot: TestBot, user: TeamsUser): string {
  const id = bot.teams.lastSent.get(user.aadObjectId);
  return bot.connector.activities.filter((a) => a.replyToId === id).map(said).join('\n');
}
