import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TeamsUser } from './teams-client';

/**
 * The tab in a fresh browser context (no cache, no storage), signed in with the demo sign-in as this person, in
 * Swedish and Stockholm time, in this theme, at this view.
 */
export async function openTab(browser: Browser, baseUrl: string, user: TeamsUser, options: { view?: string; theme?: 'dark' } = {}): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const query = new URLSearchParams({ as: user.aadObjectId, ...(options.view ? { view: options.view } : {}), ...(options.theme ? { theme: options.theme } : {}) });
  await page.goto(`${baseUrl}/tab/?${query.toString()}`);
  return { page, context };
}

/**
 * Every enabled control on the page is reached by pressing Tab from the top, in a bounded number of presses: the set of
 * elements focused along the way holds all of them. A radio group and a tab list are one stop each (the arrow keys
 * move inside them, WAI-ARIA); any member stands for the whole.
 */
export async function reachableByKeyboard(page: Page): Promise<void> {
  // In the page (as strings: the tests are compiled without the DOM's types): number every visible, enabled control.
  const count = (await page.evaluate(`(() => {
    const els = [...document.querySelectorAll('button:not([disabled]), input:not([disabled]):not([type=hidden]), textarea:not([disabled]), select:not([disabled]), a[href], [role=radio]:not([aria-disabled=true]), [role=tab]')]
      .filter((e) => e.offsetParent !== null);
    els.forEach((e, i) => { e.dataset.kbd = String(i); });
    return els.length;
  })()`)) as number;
  const groups = (await page.evaluate(`[...document.querySelectorAll('[role=radiogroup], [role=tablist]')].map((g) => [...g.querySelectorAll('[data-kbd]')].map((r) => r.dataset.kbd))`)) as string[][];
  const reached = new Set<string>();
  await page.evaluate(`document.activeElement && document.activeElement.blur()`);
  // Tab stops that are not controls (a table's scrolling region) add presses; half as many again covers them.
  for (let i = 0; i < count * 3 + 20; i++) {
    await page.keyboard.press('Tab');
    const at = (await page.evaluate(`(() => { const a = document.activeElement; const k = a && a.closest('[data-kbd]'); return k ? k.dataset.kbd : ''; })()`)) as string;
    if (at) reached.add(at);
  }
  const missing = Array.from({ length: count }, (_, i) => String(i)).filter((c) => !reached.has(c) && !groups.some((g) => g.includes(c) && g.some((r) => reached.has(r))));
  const names = await Promise.all(missing.map((c) => page.locator(`[data-kbd="${c}"]`).first().textContent()));
  expect({ missing: names }).toEqual({ missing: [] });
  expect(count).toBeGreaterThan(0);
}
