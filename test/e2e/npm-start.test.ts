import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TabConfig } from '../../src/adapters/tab/contract';
import { DEMO_PEOPLE } from '../../src/demo/demo';
import { freePort } from '../helpers/free-port';

/**
 * Issue 14, must-show 1 (its first half): what `npm start` starts on a fresh clone — the bot, the Playgrounds and the
 * tab — is up, and the tab with its demo sign-in is served at the addresses it prints. `npm start` is
 * `npm run build && node scripts/start-local.mjs`; `npm test` builds first (package.json), so this runs the
 * script on what was just built.
 */
const root = join(__dirname, '..', '..');

describe('npm start', () => {
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('serves the tab beside the Playgrounds and prints each demo person\'s address', async () => {
    expect(existsSync(join(root, 'dist', 'web', 'index.html'))).toBe(true);
    const port = await freePort();
    child = spawn(process.execPath, [join(root, 'scripts', 'start-local.mjs')], { cwd: root, env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not say it was ready:\n${out}`)), 60_000);
      child?.stdout?.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('Stop with Ctrl-C')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child?.on('exit', (code) => reject(new Error(`npm start stopped (${code}):\n${out}`)));
    });
    const addresses = [...out.matchAll(/(http:\/\/localhost:\d+\/tab\/\?as=([0-9a-f-]+))\s+(.+)/g)].map((m) => ({ url: m[1] ?? '', id: m[2] ?? '', name: (m[3] ?? '').trim() }));
    expect(addresses.map((a) => a.id)).toEqual([DEMO_PEOPLE.employee, DEMO_PEOPLE.manager, DEMO_PEOPLE.hrContact, DEMO_PEOPLE.coordinator, DEMO_PEOPLE.juror, DEMO_PEOPLE.steeringGroup]);
    expect(addresses[0]?.name).toBe('Sara Lindqvist');

    const page = await fetch(addresses[0]?.url ?? '');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<script type="module"[^>]* src="\/tab\/assets\/[^"]+\.js"/);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const config = TabConfig.parse(await (await fetch(`http://localhost:${port}/api/tab/config`)).json());
    expect(config.demo?.map((p) => p.name)).toContain('Johan Bergström');
  }, 90_000);
});
