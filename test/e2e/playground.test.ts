import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from '../../src/app';
import { parseConfig } from '../../src/config';
import { launchChromium } from '../helpers/chromium';
import { freePort } from '../helpers/free-port';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { playgroundYaml } = require('../../scripts/playground-config.js') as { playgroundYaml: (role: string) => string };

/**
 * What a newcomer sees after `npm start`: the real bot with the demo data, the real Microsoft 365 Agents
 * Playground as the Teams-like client, and a real browser clicking in it.
 */
describe('the local demo in the Agents Playground', () => {
  let app: RunningApp;
  let playground: ChildProcess;
  let browser: Browser;
  let playgroundUrl: string;

  beforeAll(async () => {
    app = await startApp(parseConfig({ NODE_ENV: 'test', PORT: '0', SEED_DEMO: 'true', LOG_LEVEL: 'silent', LOCALE_OVERRIDE: 'sv' }));
    const dir = mkdtempSync(join(tmpdir(), 'playground-'));
    writeFileSync(join(dir, '.m365agentsplayground.yml'), playgroundYaml('employee'));
    const port = await freePort();
    const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
    playground = spawn(process.execPath, [cli, '-e', `${app.url}/api/messages`, '-c', 'msteams', '-p', String(port), '--disable-telemetry'], {
      cwd: dir,
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    playgroundUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the Playground did not start')), 30000);
      playground.stdout?.on('data', (chunk: Buffer) => {
        const m = /Listening on (\d+)/.exec(chunk.toString());
        if (m) {
          clearTimeout(timer);
          resolve(`http://localhost:${m[1]}`);
        }
      });
    });
    browser = await launchChromium();
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    playground?.kill('SIGTERM');
    await app?.close();
  });

  it('shows the welcome card in Swedish, answers hjälp and the card buttons', async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    await page.goto(playgroundUrl);
    await page.getByText('Välkommen till Acceleratorn!').first().waitFor({ timeout: 20000 });

    const input = page.locator('textarea, [contenteditable="true"], input[type="text"]').first();
    await input.click();
    await input.fill('hjälp');
    await input.press('Enter');
    await page.getByText('Det här kan du göra').first().waitFor({ timeout: 15000 });
    await expect(page.getByText('Dina roller: medarbetare').first().isVisible()).resolves.toBe(true);
    expect(await page.getByText('Välkommen till Acceleratorn!').count()).toBe(1); // install events arrive twice, one welcome

    await page.getByRole('button', { name: 'Om programmet' }).first().click();
    await page.getByText('Om det kommunala acceleratorprogrammet').first().waitFor({ timeout: 15000 });
  }, 60000);
});
