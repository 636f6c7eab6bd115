import type { Directory } from '../../src/domain/ports';
import { LocalDirectory } from '../../src/adapters/directory/local-directory';
import demoDirectory from '../../src/demo/directory.json';
import { startTestBot, withTestBot } from '../helpers/test-app';
import { sara } from '../helpers/demo-users';


describe('/api/messages with bot credentials configured', () => {
  it('answers 401 to a request without a valid token and touches nothing', () =>
    withTestBot(async (bot) => {
      const noToken = await bot.teams.say(sara, 'hjälp');
      const notBearer = await bot.teams.post({ ...bot.teams.base(sara), type: 'message', text: 'hjälp' }, { authorization: 'Basic c2FyYTpzYXJh' });
      expect([noToken.status, notBearer.status]).toEqual([401, 401]);
      expect([noToken.body, notBearer.body]).toEqual([undefined, undefined]);
      expect(bot.connector.requests).toHaveLength(0);
      expect(await bot.app.services.addresses.get(sara.aadObjectId)).toBeNull();
    }, { MICROSOFT_APP_ID: '11111111-2222-4333-8444-555555555555', MICROSOFT_APP_PASSWORD: 'secret', MICROSOFT_APP_TENANT_ID: 'tenant-1' }));
});

describe('/healthz', () => {
  it('reports the store ok, and degraded, naming it, once it is gone', () =>
    withTestBot(async (bot) => {
      const ok = await fetch(`${bot.app.url}/healthz`);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ status: 'ok', store: { state: 'ok', consecutiveFailures: 0 }, storeInMemory: true });
      await bot.app.store.close();
      await new Promise((r) => setTimeout(r, 1600)); // past the reuse of the last probe
      const started = Date.now();
      const gone = await fetch(`${bot.app.url}/healthz`);
      expect(Date.now() - started).toBeLessThan(2500);
      // One failed probe is not "down" (health.ts): 503 comes after three in a row (test/http/healthz.test.ts).
      expect(gone.status).toBe(200);
      expect(await gone.json()).toMatchObject({ status: 'degraded', failing: ['store'], store: { state: 'unreachable', reason: 'ECONNREFUSED', consecutiveFailures: 1 }, storeInMemory: true });
    }));
});

describe('graceful shutdown', () => {
  it('finishes the turn in flight, then stops taking requests', async () => {
    let release: () => void = () => undefined;
    let entered: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const demo = new LocalDirectory(demoDirectory);
    const slow: Directory = {
      getPerson: async (id) => {
        entered();
        await gate;
        return demo.getPerson(id);
      },
      findByEmail: (email) => demo.findByEmail(email),
      directReports: (id) => demo.directReports(id),
      everyone: () => demo.everyone(),
    };
    const bot = await startTestBot({}, { directory: slow });
    const inFlight = bot.teams.say(sara, 'hjälp');
    await inside; // the turn is running (it waits on the directory)
    const closing = bot.app.close();
    await new Promise((r) => setTimeout(r, 50));
    // A new request is refused: the connection is not accepted, or (on a kept-alive connection) it gets 503.
    const late = await fetch(`${bot.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).catch(() => null);
    expect(late === null || late.status === 503).toBe(true);
    release();
    const res = await inFlight;
    await closing;
    expect(res.status).toBe(200);
    expect(bot.connector.sentTo(bot.teams.conversationIdFor(sara))).toHaveLength(1);
    await bot.connector.stop();
  });
});
