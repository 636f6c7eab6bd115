import type { CosmosStore } from '../../src/adapters/cosmos/connection';
import { startApp, type AppOverrides, type RunningApp } from '../../src/app';
import { parseConfig } from '../../src/config';
import { ManualClock } from '../fakes/clock-and-ids';
import { FakeBotConnector, type RecordedActivity } from '../fakes/fake-bot-connector';
import { madeForTests } from './made-for-tests';
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

/**
 * The bot for the tests of the enclosing describe block (or file): a fresh one for each test (`'each'`) or one for
 * all of them (`'all'`), started and stopped by jest hooks. What it returns stands for the running bot inside a test.
 */
export function testBotFor(scope: 'each' | 'all', env: Record<string, string> = {}, overrides: AppOverrides = {}): TestBot {
  const running = madeForTests(scope, () => startTestBot(env, overrides), (bot) => bot.stop());
  return {
    get app() {
      return running().app;
    },
    get connector() {
      return running().connector;
    },
    get teams() {
      return running().teams;
    },
    stop: () => running().stop(),
  };
}

/** Runs `body` against a bot of its own, stopped after it however it ends. */
export async function withTestBot(body: (bot: TestBot) => Promise<void>, env: Record<string, string> = {}, overrides: AppOverrides = {}): Promise<void> {
  const bot = await startTestBot(env, overrides);
  try {
    await body(bot);
  } finally {
    await bot.stop();
  }
}

/**
 * Two instances of the bot on one store and one clock that stands still until the test moves it, with no outbox
 * worker of their own (the test runs `outbox.runOnce()`); both stopped after `body` however it ends.
 */
export async function withTwoInstances(store: CosmosStore, body: (a: TestBot, b: TestBot, clock: ManualClock) => Promise<void>): Promise<void> {
  const clock = new ManualClock(Date.now());
  const a = await startTestBot({ OUTBOX_WORKER: 'false' }, { store, clock });
  const b = await startTestBot({ OUTBOX_WORKER: 'false' }, { store, clock });
  try {
    await body(a, b, clock);
  } finally {
    await a.stop();
    await b.stop();
  }
}
