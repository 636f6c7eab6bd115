import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Issue 14: on a fresh machine with only Node, `npm test` passes or stops at once with one line that says what to
 * install. The check is the test script's first step (package.json); here it is run without a Chromium.
 */
const root = join(__dirname, '..');

describe('a machine without Chromium', () => {
  it('stops npm test at its first step with one line naming the package to install', () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'need-chromium.mjs')], { env: { PATH: process.env.PATH ?? '', CHROMIUM_PATH: '/nonexistent/chromium' }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual(["npm test needs Debian's Chromium at /nonexistent/chromium for the browser tests: sudo apt-get install chromium (or set CHROMIUM_PATH)."]);
  });

  it('goes on quietly where Chromium is', () => {
    expect(execFileSync(process.execPath, [join(root, 'scripts', 'need-chromium.mjs')], { encoding: 'utf8' })).toBe('');
  });

  it('is the first thing npm test does', () => {
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.test?.startsWith('node scripts/need-chromium.mjs && ')).toBe(true);
  });
});
