import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

const modules = join(__dirname, '..', '..', 'node_modules');

/**
 * Renders Adaptive Cards in Chromium with the `adaptivecards` renderer and Markdown processed by markdown-it
 * with autolinking on, the way Teams turns TextBlock text into formatting and links.
 */
export async function cardPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 520, height: 900 } });
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body style="font-family: DejaVu Sans, sans-serif; background:#f5f5f5"><div id="card" style="background:#fff;margin:8px;padding:4px"></div></body></html>');
  await page.addStyleTag({ path: join(modules, 'adaptivecards', 'dist', 'adaptivecards.css') });
  await page.addScriptTag({ path: join(modules, 'markdown-it', 'dist', 'markdown-it.min.js') });
  await page.addScriptTag({ path: join(modules, 'adaptivecards', 'dist', 'adaptivecards.min.js') });
  return page;
}

/** Renders one card into the page and returns the rendered HTML. */
export async function renderCard(page: Page, card: unknown): Promise<string> {
  return page.evaluate((json) => {
    // Runs in the browser; the project compiles without the DOM library, so the page's globals are typed here.
    interface Host {
      innerHTML: string;
      appendChild(node: unknown): void;
    }
    const w = globalThis as unknown as {
      AdaptiveCards: { AdaptiveCard: { new (): { parse(j: unknown): void; render(): unknown }; onProcessMarkdown: (t: string, r: { didProcess: boolean; outputHtml: string }) => void } };
      markdownit: (o: object) => { render(t: string): string };
      document: { getElementById(id: string): Host | null };
    };
    const md = w.markdownit({ linkify: true, breaks: true });
    w.AdaptiveCards.AdaptiveCard.onProcessMarkdown = (t, r) => {
      r.outputHtml = md.render(t);
      r.didProcess = true;
    };
    const c = new w.AdaptiveCards.AdaptiveCard();
    c.parse(json);
    const host = w.document.getElementById('card');
    if (!host) throw new Error('no host');
    host.innerHTML = '';
    host.appendChild(c.render());
    return host.innerHTML;
  }, card);
}
