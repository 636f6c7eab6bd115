import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { cardPage, renderCard } from './render-card';

/**
 * The README's screenshots, taken from the cards the bot really sent in a test: with SCREENSHOTS_DIR set
 * (`npm run screenshots`), `shoot` renders a card with the `adaptivecards` renderer in Debian's Chromium and saves
 * it as a PNG there; without it (`npm test`, CI) it does nothing.
 */
const dir = process.env.SCREENSHOTS_DIR ? resolve(process.env.SCREENSHOTS_DIR) : undefined;
let opened: Promise<{ browser: Browser; page: Page }> | undefined;

export async function shoot(name: string, card: unknown): Promise<void> {
  if (!dir || !card) return;
  opened ??= launchChromium().then(async (browser) => ({ browser, page: await cardPage(browser) }));
  const { page } = await opened;
  await renderCard(page, card);
  await page.locator('#card').screenshot({ path: join(dir, `${name}.png`) });
}

/** Closes the browser if a screenshot opened it. */
export async function closeScreenshots(): Promise<void> {
  if (opened) await (await opened).browser.close();
  opened = undefined;
}

/** A page of the tab as it is on screen (the whole page), saved under SCREENSHOTS_DIR; nothing without it. */
export async function shootPage(name: string, page: Page): Promise<void> {
  if (!dir) return;
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
