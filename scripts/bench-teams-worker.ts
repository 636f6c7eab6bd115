/**
 * The outside world of the announcement bench in a thread of its own: the fake Bot Connector (Teams' limits) and the
 * fake Graph. Its own event loop stamps each request as it arrives, as Teams would; in the bot's thread, a busy
 * moment of the bot would also delay the stamps and make arrivals look bunched that were not. The bench asks it
 * questions by message (scripts/bench-announce.ts).
 */
import { parentPort } from 'node:worker_threads';
import { FakeBotConnector } from '../test/fakes/fake-bot-connector';
import { FakeGraph } from '../test/fakes/fake-graph';
import { COORDINATOR, receivedBy, TEAMS_APP, tenantOf } from '../test/helpers/announcement-rig';
import { cardOf, cardTexts } from '../test/helpers/teams-client';

const CEILING = 50;
const connector = new FakeBotConnector({ enforceRateLimits: true, perAppPerSecond: CEILING });
const graph = new FakeGraph({ catalog: TEAMS_APP, throttleInstallations: { every: 25, retryAfterSeconds: 1 } });
let employees: string[] = [];

const cards = () => connector.activities.map((a) => cardOf(a.activity));

const answers: Record<string, (arg: never) => unknown> = {
  async start(n: number) {
    const tenant = tenantOf(Number(n));
    employees = tenant.employees;
    graph.setUsers(tenant.users);
    return { serviceUrl: await connector.start(), graphUrl: await graph.start() };
  },
  /** The card that asks the coordinator to confirm, as JSON. */
  confirmCard: (verb: string) => JSON.stringify(cards().find((c) => JSON.stringify(c ?? {}).includes(String(verb))) ?? {}),
  progressText: () => cardTexts(cards().find((c) => cardTexts(c)[0]?.startsWith('Kungörelse:'))).join(' '),
  requestCount: () => connector.requests.length,
  stats({ before, heading }: { before: number; heading: string }) {
    // The announcements only: the coordinator's own chat (the progress card, a second ahead of them) is not counted.
    const sends = connector.requests
      .slice(before)
      .filter((r) => r.status < 300 && (r.operation === 'replyToActivity' || r.operation === 'sendToConversation') && r.conversationId !== `a:1:1-${COORDINATOR}`);
    const spanS = ((sends.at(-1)?.at ?? 0) - (sends[0]?.at ?? 0)) / 1000;
    const { lost, twice } = receivedBy(connector, graph, employees, heading);
    const arrivals = connector.requests.map((r) => r.at);
    const perAppFull = connector.requests.filter((r) => r.status === 429 && arrivals.filter((t) => t > r.at - 1_000 && t < r.at).length >= CEILING).length;
    const first = sends[0]?.at ?? 0;
    const perSecond = new Array<number>(Math.ceil(spanS) + 1).fill(0);
    for (const r of sends) {
      const i = Math.floor((r.at - first) / 1000);
      perSecond[i] = (perSecond[i] ?? 0) + 1;
    }
    return { perSecond, sends: sends.length, spanS, lost: lost.length, twice: twice.length, throttled: connector.throttledCount, perAppFull, graphRequests: graph.requests.length, graphThrottled: graph.throttledCount };
  },
  async stop() {
    await connector.stop();
    await graph.stop();
    return true;
  },
};

parentPort?.on('message', (m: { id: number; ask: string; arg: unknown }) => {
  void (async () => {
    try {
      parentPort?.postMessage({ id: m.id, value: await (answers[m.ask] as (arg: unknown) => unknown)(m.arg) });
    } catch (e) {
      parentPort?.postMessage({ id: m.id, error: String(e) });
    }
  })();
});
