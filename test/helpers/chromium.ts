import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** scripts/need-chromium.mjs checks the same path before `npm test` runs anything. */
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Debian's Chromium, headless, as ARCHITECTURE.md prescribes (no browser download on this machine). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Browser tests need Debian's chromium at ${CHROMIUM}: sudo apt-get install chromium (.ci/run does this), or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
