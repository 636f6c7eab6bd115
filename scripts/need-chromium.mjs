#!/usr/bin/env node
// `npm test` starts here: the browser tests (the tab, the cards, the Playground) drive Debian's Chromium, and
// without it the run stops at once with the one line that says what to install, rather than failing test by test.
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.error(`npm test needs Debian's Chromium at ${CHROMIUM} for the browser tests: sudo apt-get install chromium (or set CHROMIUM_PATH).`);
  process.exit(1);
}
