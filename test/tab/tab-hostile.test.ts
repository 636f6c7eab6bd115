import { DEMO_PERSON_HEADER, TAB_API, TAB_EXPORTS, type TabRouteId } from '../../src/adapters/tab/contract';
import { DEMO_PEOPLE } from '../../src/demo/demo';
import { seeded } from '../helpers/seeded';
import { testBotFor } from '../helpers/test-app';

/**
 * Issue 14: tab requests are untrusted. Whatever a signed-in person sends (the demo sign-in stands for any valid
 * token here), the answer is a 4xx with nothing written, never a crash or a 5xx; the page's own path is held to
 * its folder.
 */
const bot = testBotFor('all', { TAB_DEMO_SIGNIN: 'true' });
const who = { [DEMO_PERSON_HEADER]: DEMO_PEOPLE.juror };
const POSTS = (Object.keys(TAB_API) as TabRouteId[]).filter((r) => TAB_API[r].method === 'POST');
const GETS = (Object.keys(TAB_API) as TabRouteId[]).filter((r) => TAB_API[r].method === 'GET');

const post = (path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => fetch(`${bot.app.url}${path}`, { method: 'POST', headers: { ...who, ...headers }, body });

describe('hostile requests to the tab', () => {
  it.each(POSTS)('%s: malformed bodies get a 4xx', async (route) => {
    const path = TAB_API[route].path;
    const bodies = ['', 'null', '[]', '"x"', '{', '{"cohortId":{"$ne":1}}', `{"cohortId":"${'a'.repeat(5000)}"}`, '{"__proto__":{"admin":true}}', `${'['.repeat(200)}${']'.repeat(200)}`, JSON.stringify({ cohortId: 'pilot-1', applicationId: 'A-1', values: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`c${i}`, 3])), comment: '', reason: 'x'.repeat(5000) })];
    for (const body of bodies) {
      const res = await post(path, body);
      expect([400, 403, 404, 409, 413]).toContain(res.status);
    }
    expect((await post(path, '{}', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post(path, 'x'.repeat(300 * 1024))).status).toBe(413);
  });

  it('a seeded fuzz of every route answers 4xx or 200, never 5xx', async () => {
    const random = seeded(14);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const values = ['', 'pilot-1', 'A-0001', '../../etc/passwd', '<script>', 'ä'.repeat(300), '1e309', 'null', '-1', '{"a":1}', '\u0000', 'A-'.repeat(40)];
    const keys = ['cohortId', 'applicationId', 'memberId', 'decision', 'reason', 'amount', 'description', 'comment', 'values', 'after', 'extentPercent', 'leaveStart'];
    const statuses: Record<number, number> = {};
    for (let i = 0; i < 300; i++) {
      const route = pick([...POSTS, ...GETS]);
      const input = Object.fromEntries(Array.from({ length: 1 + Math.floor(random() * 5) }, () => [pick(keys), random() < 0.2 ? { x: pick(values) } : random() < 0.1 ? [pick(values)] : pick(values)]));
      const res =
        TAB_API[route].method === 'POST'
          ? await post(TAB_API[route].path, JSON.stringify(input))
          : await fetch(`${bot.app.url}${TAB_API[route].path}?${new URLSearchParams(Object.entries(input).map(([k, v]): [string, string] => [k, String(v)])).toString()}`, { headers: who });
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      expect(res.status).toBeLessThan(500);
    }
    expect(Object.keys(statuses).length).toBeGreaterThan(1);
  });

  it('a seeded fuzz as a coordinator, of every route and every export, answers 4xx or 200, never 5xx', async () => {
    const random = seeded(15);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const coordinator = { [DEMO_PERSON_HEADER]: DEMO_PEOPLE.coordinator };
    const values = ['', 'pilot-1', 'A-S000001', '1', '0', '2', 'title', 'score', 'Höganäs', 'inReview', 'team', 'manager', 'lånecyklar', '%', "' OR 1=1 --", 'ä'.repeat(300), '1e309', 'eyJrZXkiOjEsImlkIjoiQS0xIn0', '\u0000', 'x@y.se'];
    const keys = ['cohortId', 'applicationId', 'after', 'sort', 'desc', 'q', 'state', 'municipality', 'administration', 'targetGroup', 'team', 'waitingFor', 'phase', 'decision', 'feedback', 'email', 'add', 'jurorId', 'deciderId', 'criteria', 'outcome', 'kind', 'ipOwner', 'role', 'lang'];
    type Target = { readonly route: TabRouteId } | { readonly path: string };
    const targets: Target[] = [...POSTS, ...GETS].map((route) => ({ route }));
    for (const e of Object.values(TAB_EXPORTS)) targets.push({ path: e.path });
    const statuses: Record<number, number> = {};
    for (let i = 0; i < 300; i++) {
      const target = pick(targets);
      const input = Object.fromEntries(Array.from({ length: 1 + Math.floor(random() * 6) }, () => [pick(keys), random() < 0.15 ? [{ name: pick(values), weight: random() * 20 - 5 }] : random() < 0.1 ? random() < 0.5 : pick(values)]));
      const query = new URLSearchParams(Object.entries(input).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString();
      const res =
        'path' in target
          ? await fetch(`${bot.app.url}${target.path}?${query}`, { headers: coordinator })
          : TAB_API[target.route].method === 'POST'
            ? await fetch(`${bot.app.url}${TAB_API[target.route].path}`, { method: 'POST', headers: { ...coordinator, 'content-type': 'application/json' }, body: JSON.stringify(input) })
            : await fetch(`${bot.app.url}${TAB_API[target.route].path}?${query}`, { headers: coordinator });
      await res.arrayBuffer();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      // Named when it fails: which request answered 5xx.
      expect(res.status < 500 ? 'below 500' : `${JSON.stringify(target)} ${JSON.stringify(input)} answered ${res.status}`).toBe('below 500');
    }
    expect(statuses[200]).toBeGreaterThan(0);
    expect(statuses[400]).toBeGreaterThan(0);
  });

  it('serves only the built files, never a path outside them', async () => {
    for (const path of ['/tab/../package.json', '/tab/%2e%2e/package.json', '/tab/..%2fpackage.json', '/tab/%E0%A4%A', '/tab/assets/../../src/config.ts', '/tab/nothing.js', '/tab/index.html%00.js']) {
      const res = await fetch(`${bot.app.url}${path}`);
      expect([301, 400, 404]).toContain(res.status);
      expect(await res.text()).not.toContain('"name": "acceleratorn"');
    }
  });
});
