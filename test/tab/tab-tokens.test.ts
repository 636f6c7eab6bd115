import { base64url } from 'jose';
import { DEMO_PEOPLE } from '../../src/demo/demo';
import { FakeEntraKeys } from '../fakes/fake-entra-keys';
import { answerOf, callTab } from '../helpers/tab-client';
import { startTestBot, type TestBot } from '../helpers/test-app';

/**
 * Issue 14, must-show 2: the tab's API verifies every request's Teams SSO token against the tenant's keys (a local
 * JWKS here, no network). A valid token gets its answer; every forged, stale, misdirected or foreign one a bare 401
 * before anything is read; a valid token of a person without the role a 403 with no data.
 */

const TENANT = '00000000-0000-4000-8000-00000000a11a';
const OTHER_TENANT = '99999999-0000-4000-8000-00000000b22b';
const TAB_APP = '11111111-2222-4333-8444-555555555555';
const keys = new FakeEntraKeys(TENANT, TAB_APP);
const sara = DEMO_PEOPLE.employee;

let tab: TestBot;
beforeAll(async () => {
  await keys.start();
  // No TAB_DEMO_SIGNIN: as in production, the demo sign-in does not exist here.
  tab = await startTestBot({ TAB_APP_ID: TAB_APP, TAB_JWKS_URL: keys.jwksUrl, ALLOWED_TENANT_IDS: TENANT });
});
afterAll(async () => {
  await tab.stop();
  await keys.stop();
});
afterEach(() => jest.restoreAllMocks());

/** Everything a request could read before its answer: none may be touched for a refused token. */
function spyOnReads() {
  const s = tab.app.services;
  return [
    jest.spyOn(s.settings, 'get'),
    jest.spyOn(s.cohorts, 'list'),
    jest.spyOn(s.cohorts, 'get'),
    jest.spyOn(s.directory, 'getPerson'),
    jest.spyOn(s.directory, 'directReports'),
    jest.spyOn(s.applications, 'workOf'),
    jest.spyOn(s.applications, 'findAllByApplicant'),
    jest.spyOn(s.applications, 'findByDecider'),
  ];
}

const now = () => Math.floor(Date.now() / 1000);
const parts = (token: string) => token.split('.') as [string, string, string];

/** [what is wrong, how the token is made]. */
const refused: [string, () => Promise<string>][] = [
  ['expired (past the minute of tolerance)', () => keys.token(sara, { exp: now() - 120, iat: now() - 3720, nbf: now() - 3720 })],
  ['not yet valid', () => keys.token(sara, { nbf: now() + 600 })],
  ['issued for another audience', () => keys.token(sara, { aud: '22222222-2222-4222-8222-222222222222' })],
  ['from another issuer (v1 tokens)', () => keys.token(sara, { iss: `https://sts.windows.net/${TENANT}/` })],
  ['of another tenant', () => keys.token(sara, { tid: OTHER_TENANT })],
  ['of another tenant, under our issuer', () => keys.token(sara, { tid: OTHER_TENANT, iss: `https://login.microsoftonline.com/${TENANT}/v2.0` })],
  ['without access_as_user in scp', () => keys.token(sara, { scp: 'User.Read' })],
  ['without scp at all', () => keys.token(sara, { scp: undefined })],
  ['without oid', () => keys.token(sara, { oid: undefined })],
  [
    'unsigned (alg: none)',
    async () => {
      const [, payload] = parts(await keys.token(sara));
      return `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${payload}.`;
    },
  ],
  ['HS256 signed with the public key', async () => keys.token(sara, {}, { alg: 'HS256', secret: new TextEncoder().encode(await keys.publicPem()) })],
  ['under a key id nobody published', () => keys.token(sara, {}, { kid: 'unknown-key' })],
  [
    'with a tampered payload (another person)',
    async () => {
      const [header, payload, signature] = parts(await keys.token(sara));
      const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as Record<string, unknown>;
      return `${header}.${base64url.encode(JSON.stringify({ ...claims, oid: DEMO_PEOPLE.coordinator }))}.${signature}`;
    },
  ],
  ['not a token at all', async () => 'not.a.token'],
];

describe('tokens on the tab API', () => {
  it('answers a valid token with the person it names (oid) and their views', async () => {
    const me = answerOf('me', await callTab(tab.app.url, 'me', {}, { token: await keys.token(sara) }));
    expect(me).toMatchObject({ id: sara, name: 'Sara Lindqvist', roles: ['employee'], views: ['application', 'myData', 'privacy'] });
  });

  it('accepts a token within the minute of clock skew', async () => {
    const reply = await callTab(tab.app.url, 'me', {}, { token: await keys.token(sara, { exp: now() - 20, iat: now() - 3620, nbf: now() - 3620 }) });
    expect(reply.status).toBe(200);
  });

  it.each(refused)('refuses a token %s: 401, no detail, nothing read', async (_what, make) => {
    const token = await make();
    const reads = spyOnReads();
    const reply = await callTab(tab.app.url, 'application', {}, { token });
    expect(reply.status).toBe(401);
    expect(reply.body).toBeUndefined();
    for (const read of reads) expect(read).not.toHaveBeenCalled();
  });

  it('refuses a request without a token, and the demo sign-in where it is not switched on (as in production)', async () => {
    const reads = spyOnReads();
    expect((await callTab(tab.app.url, 'me', {}, { none: true })).status).toBe(401);
    expect((await callTab(tab.app.url, 'me', {}, { demo: sara })).status).toBe(401);
    for (const read of reads) expect(read).not.toHaveBeenCalled();
    // …and says nothing of demo people.
    const config = await (await fetch(`${tab.app.url}/api/tab/config`)).json();
    expect(config).toEqual({ appId: TAB_APP });
  });

  it('answers a valid token of a person without the role with 403 and no data', async () => {
    const reply = await callTab(tab.app.url, 'approvals', {}, { token: await keys.token(sara) });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ error: 'NOT_ALLOWED' });
    const review = await callTab(tab.app.url, 'review', { cohortId: 'pilot-1', applicationId: 'A-NOPE' }, { token: await keys.token(sara) });
    expect(review.status).toBe(403);
    expect(review.body).toEqual({ error: 'NOT_ALLOWED' });
  });
});

