import { SignJWT } from 'jose';
import { FakeBotConnectorKeys, FakeEntraCredentials } from '../fakes/fake-bot-connector-keys';
import { TEST_TENANT } from '../helpers/teams-client';
import { lastReply, startTestBot, type TestBot } from '../helpers/test-app';
import { sara } from '../helpers/demo-users';

/**
 * Production-mode authentication (finding 13): the bot has credentials, and the Bot Connector's keys come from a
 * local stand-in of its OpenID configuration. Every refused token is a plain 401 with no body; a correctly
 * signed one is served (the positive control, passing our check and botbuilder's).
 */
const APP_ID = '11111111-2222-4333-8444-555555555555';

const b64 = (x: unknown) => Buffer.from(JSON.stringify(x)).toString('base64url');

let keys: FakeBotConnectorKeys;
let bot: TestBot;
beforeAll(async () => {
  keys = new FakeBotConnectorKeys();
  await keys.start();
  bot = await startTestBot(
    { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'secret', MICROSOFT_APP_TENANT_ID: TEST_TENANT, BOT_OPENID_METADATA_URL: keys.metadataUrl },
    { botCredentials: new FakeEntraCredentials(APP_ID) },
  );
});
afterAll(async () => {
  await bot.stop();
  await keys.stop();
});
beforeEach(() => bot.connector.clear());

const hjalp = () => ({ ...bot.teams.base(sara), type: 'message', text: 'hjälp' });
const withToken = (token: string, activity: Record<string, unknown> = hjalp()) => bot.teams.post(activity, { authorization: `Bearer ${token}` });

describe('Bot Connector tokens in production mode', () => {
  it('serves a correctly signed token (positive control): our check and botbuilder\'s both pass, the reply arrives', async () => {
    const res = await withToken(await keys.token(APP_ID, bot.connector.serviceUrl));
    expect(res.status).toBe(200);
    expect(lastReply(bot, sara)).toBeDefined();
    expect(bot.connector.requests.every((r) => r.authorization)).toBe(true);
  });

  const now = () => Math.floor(Date.now() / 1000);
  const refused: [string, () => Promise<string>][] = [
    ['alg none', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: bot.connector.serviceUrl, exp: now() + 600 })}.`],
    ['HS256 with a guessed secret', () => new SignJWT({ serviceurl: bot.connector.serviceUrl }).setProtectedHeader({ alg: 'HS256', kid: keys.kid }).setIssuer('https://api.botframework.com').setAudience(APP_ID).setExpirationTime('10m').sign(new TextEncoder().encode('secret'))],
    ['PS256 under the real key', () => keys.token(APP_ID, bot.connector.serviceUrl, {}, { alg: 'PS256' })],
    ['a bad signature under the real kid', () => keys.token(APP_ID, bot.connector.serviceUrl, {}, { key: 'stranger' })],
    ['a kid nobody published', () => keys.token(APP_ID, bot.connector.serviceUrl, {}, { kid: 'unknown-kid' })],
    ['nbf in the future (beyond the tolerance)', () => keys.token(APP_ID, bot.connector.serviceUrl, { nbf: now() + 3600 })],
    ['expired', () => keys.token(APP_ID, bot.connector.serviceUrl, { exp: now() - 3600, nbf: now() - 7200 })],
    ['another bot\'s audience', () => keys.token(APP_ID, bot.connector.serviceUrl, { aud: '99999999-2222-4333-8444-555555555555' })],
    ['another issuer', () => keys.token(APP_ID, bot.connector.serviceUrl, { iss: 'https://sts.windows.net/evil/' })],
    ['a token for another serviceUrl', () => keys.token(APP_ID, 'https://smba.example/evil/')],
    ['a token with the signature cut off', async () => (await keys.token(APP_ID, bot.connector.serviceUrl)).split('.').slice(0, 2).join('.') + '.'],
  ];

  it.each(refused)('answers 401 with no detail to %s, and does nothing', async (_name, make) => {
    const res = await withToken(await make());
    expect(res.status).toBe(401);
    expect(res.body).toBeUndefined();
    expect(bot.connector.requests).toHaveLength(0);
  });

  it('refuses before reading the body: no token, or a header that is no JWT, with a 200 KB body', async () => {
    const big = { ...hjalp(), text: 'a'.repeat(200_000) };
    for (const authorization of [undefined, 'Bearer', 'Bearer not-a-jwt', `Bearer ${'a'.repeat(9000)}.b.c`]) {
      const res = await bot.teams.post(big, authorization ? { authorization } : {});
      expect(res.status).toBe(401);
    }
  });

  it('refuses a foreign tenant even with a valid token: no reply, no write', async () => {
    const foreign = bot.teams.base(sara);
    const activity = { ...foreign, type: 'message', text: 'hjälp', conversation: { ...foreign.conversation, tenantId: 'evil-tenant' }, channelData: { tenant: { id: 'evil-tenant' } } };
    const res = await withToken(await keys.token(APP_ID, bot.connector.serviceUrl), activity);
    expect(res.status).toBe(403);
    expect(bot.connector.requests).toHaveLength(0);
  });
});
