import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { DEMO_COHORT_ID } from '../../src/demo/demo';
import { messages } from '../../src/i18n';
import { coordinatorSv } from '../../src/i18n/coordinator.sv';
import { answerOf, callTab } from '../helpers/tab-client';
import { launchChromium } from '../helpers/chromium';
import { openTab, reachableByKeyboard } from '../helpers/tab-page';
import { said, type TeamsUser } from '../helpers/teams-client';
import { testBotFor, type TestBot } from '../helpers/test-app';
import { shootPage } from '../helpers/screenshots';
import { seedCohort } from '../helpers/seeded-cohort';
import { birgitta, erik } from '../helpers/demo-users';

/**
 * Issue 15: the coordinators' and the steering group's views in headless Chromium, served by the real bot (embedded
 * Cosmos, the fake connector) with the demo sign-in, on a cohort of 300 made-up applications. Erik filters, sorts and
 * searches the applications and reads one's whole audit trail; decides three applications from the ranking and locks
 * the selection; the applicants hear it in the chat and each decision is in the audit trail. The steering group sees
 * the report and nothing to act on. Every new view passes axe-core in light and dark theme.
 */

const sv = messages('sv');
const t = sv.tab;
/** The coordinators' own catalogue (loaded with their views only). */
const c = coordinatorSv;
const COORDINATOR_VIEWS = ['overview', 'applications', 'ranking', 'jury', 'programme', 'criteria', 'report'] as const;

const told = (bot: TestBot, user: TeamsUser, text: string) => bot.connector.waitFor((x) => x.conversationId === bot.teams.conversationIdFor(user) && said(x).includes(text));

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const open = (bot: TestBot, user: TeamsUser, options: { view?: string; theme?: 'dark' } = {}) => openTab(browser, bot.app.url, user, options);

/** axe-core itself, put into the page once (the views change in place, so it stays there between them). */
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core on the page as it is: no serious or critical violation (the rest is listed if one fails). As
 * @axe-core/playwright runs it (tab-browser.test.ts), less its cost: injected once per page, violations only.
 */
async function accessible(page: Page, what: string): Promise<void> {
  if (!(await page.evaluate(`typeof window.axe !== 'undefined'`))) await page.evaluate(AXE);
  // Left out: Fluent's focus-trap sentinels beside TabList and Dialog (a false positive, see tab-browser.test.ts); a
  // long table's rows after the tenth (the first ten again: same cells, controls and colours); a chart's picture,
  // which is inert (the table beside it is what is read).
  const context = { exclude: [['[data-tabster-dummy]'], ['main table tbody > tr:nth-child(n+11)'], ['figure [inert]']] };
  const violations = (await page.evaluate(`axe.run(${JSON.stringify(context)}, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) })))`)) as { id: string; impact: string; help: string; nodes: string[] }[];
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect({ what, violations: bad.map((v) => `${v.id}: ${v.help} (${v.nodes.join(', ')})`) }).toEqual({ what, violations: [] });
}


/** The view's title is there, and what it loaded (its first table or list) with it. */
const ready = (view: (typeof COORDINATOR_VIEWS)[number]) => async (page: Page) => {
  await page.getByRole('heading', { level: 1, name: c[view].title }).waitFor();
  await page.locator('main table, main ol, main ul').first().waitFor();
};

/** Reads until what it reads passes (the page reloads its table after a click), at most five seconds. */
async function until<T>(read: () => Promise<T>, passes: (value: T) => boolean): Promise<T> {
  const end = Date.now() + 5_000;
  for (;;) {
    const value = await read();
    if (passes(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The names in one column of the table, top to bottom. */
const column = (page: Page, index: number) => page.locator(`main table >> nth=0 >> tbody tr > :nth-child(${index})`).allTextContents();

jest.setTimeout(150_000);

describe('the coordinators\' and the steering group\'s tab in Chromium', () => {
  const bot = testBotFor('all', { TAB_DEMO_SIGNIN: 'true', LOCALE_OVERRIDE: 'sv' });
  let seeded: Awaited<ReturnType<typeof seedCohort>>;
  beforeAll(async () => {
    seeded = await seedCohort(bot, { n: 300 });
  });

  it('every new view and everyone\'s own views pass axe-core in light and dark theme, and Ansökningar and Urval are reached with Tab', async () => {
    for (const theme of [undefined, 'dark'] as const) {
      // One page per theme, going from view to view by the tab list as a person does.
      const { page, context } = await open(bot, erik, { view: 'overview', ...(theme ? { theme } : {}) });
      for (const view of COORDINATOR_VIEWS) {
        await page.getByRole('tab', { name: t.nav.views[view], exact: true }).click();
        await ready(view)(page);
        await accessible(page, `${view} (${theme ?? 'light'})`);
        if (!theme && view === 'overview') await shootPage('tab-overview', page);
        if (!theme && (view === 'applications' || view === 'ranking')) await reachableByKeyboard(page);
      }
      // Everyone's own views (issue 18): the register extract and the privacy notice.
      for (const [view, title] of [['myData', sv.privacy.extract.title], ['privacy', sv.privacy.notice.title]] as const) {
        await page.getByRole('tab', { name: t.nav.views[view], exact: true }).click();
        await page.getByRole('heading', { level: 1, name: title }).waitFor();
        await accessible(page, `${view} (${theme ?? 'light'})`);
        if (!theme) await shootPage(`tab-${view}`, page);
      }
      await context.close();
    }
  });

  it('Ansökningar: filters, sorts and searches on the server, downloads what it shows, and opens one with its whole audit trail', async () => {
    const { page, context } = await open(bot, erik, { view: 'applications' });
    const sent = seeded.applications.filter((a) => a.state !== 'draft');
    await page.getByText(c.applications.found(sent.length)).waitFor();
    await shootPage('tab-applications', page);

    // Höganäs and in the jury's hands: the count says how many, and every row is one.
    const hoganas = sent.filter((a) => a.about?.municipality === 'Höganäs' && a.state === 'inReview');
    await page.getByRole('combobox', { name: c.applications.municipality }).selectOption('Höganäs');
    await page.getByRole('combobox', { name: c.applications.state }).selectOption('inReview');
    await page.getByText(c.applications.found(hoganas.length), { exact: true }).waitFor();
    expect(new Set(await column(page, 3))).toEqual(new Set(['Höganäs']));

    // By title, A to Ö, then Ö to A: the order on the page is the server's (names as written in lower case, letter by letter).
    const ordinal = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0);
    await page.getByRole('button', { name: c.applications.columns.title }).click();
    await page.locator('th[aria-sort="ascending"]').waitFor();
    const sorted = (list: string[], order: (a: string, b: string) => number) => list.length > 1 && list.join('\n') === [...list].sort(order).join('\n');
    const titles = await until(() => column(page, 1), (list) => sorted(list, ordinal));
    expect(titles).toEqual([...titles].sort(ordinal));
    await page.getByRole('button', { name: c.applications.columns.title }).click();
    await page.locator('th[aria-sort="descending"]').waitFor();
    const down = await until(() => column(page, 1), (list) => sorted(list, (a, b) => ordinal(b, a)));
    expect(down).toEqual([...down].sort((a, b) => ordinal(b, a)));

    // The filtered table downloads as an Excel file, named as the server names it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: c.coordinator.exportExcel }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.getByText(c.coordinator.exported(download.suggestedFilename())).waitFor();

    // Searching the idea's name narrows further.
    const wanted = hoganas.find((a) => a.idea!.title.startsWith('Lånecyklar')) ?? hoganas[0]!;
    const name = wanted.idea!.title;
    await page.getByRole('searchbox', { name: c.applications.search }).fill(name);
    await page.getByText(c.applications.found(hoganas.filter((a) => a.idea!.title.toLowerCase().includes(name.toLowerCase())).length), { exact: true }).waitFor();
    await page.getByRole('button', { name, exact: true }).click();

    // The application in full, with the audit trail: sent, approved by the manager, scored by the jury.
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByRole('heading', { name: c.applications.auditTitle }).waitFor();
    const events = sv.programme.log.events as Readonly<Record<string, string>>;
    for (const action of ['create', 'submit', 'approveAsManager', 'scored']) await page.getByRole('listitem').filter({ hasText: events[action]! }).first().waitFor();
    await page.getByRole('button', { name: c.applications.exportAudit }).waitFor();
    await page.getByRole('button', { name: c.applications.back }).click();
    await page.getByRole('button', { name, exact: true }).waitFor();
    await context.close();
  });

  it('Urval: three decisions fill the capacity, the lock says who is told, the applicants hear it and the audit trail keeps each', async () => {
    const { applicants } = seeded;
    for (const person of applicants) await bot.teams.say(person, 'hej');
    // The seeded people's own applications (A-S000000 …) as the ranking orders them: the first three decided here.
    const ranked: string[] = [];
    let next: string | undefined;
    do {
      const page = answerOf('ranking', await callTab(bot.app.url, 'ranking', next ? { after: next } : {}, { demo: erik.aadObjectId }));
      ranked.push(...page.rows.map((r) => r.ref.applicationId));
      next = page.next;
    } while (next && ranked.filter((id) => /^A-S00000\d$/.test(id)).length < 3);
    const ids = ranked.filter((id) => /^A-S00000\d$/.test(id)).slice(0, 3);
    const picks = ids.map((id, i) => ({ id, person: applicants[Number(id.slice(-1))]!, app: seeded.applications.find((a) => a.id === id)!, decision: (['selected', 'selected', 'waitlisted'] as const)[i]! }));
    const pages = Math.floor(Math.max(...ids.map((id) => ranked.indexOf(id))) / 15);

    const { page, context } = await open(bot, erik, { view: 'ranking' });
    const start = answerOf('ranking', await callTab(bot.app.url, 'ranking', {}, { demo: erik.aadObjectId }));
    await page.getByText(sv.jury.ranking.capacity(start.selectedCount, start.cohort.capacity)).waitFor();
    for (let i = 0; i < pages; i++) {
      const rows = await page.locator('main table >> nth=0 >> tbody > tr').count();
      await page.getByRole('button', { name: c.coordinator.more }).click();
      await page.locator(`main table >> nth=0 >> tbody > tr >> nth=${rows}`).waitFor();
    }
    let count = start.selectedCount;
    for (const pick of picks) {
      const title = pick.app.idea!.title;
      await page.getByRole('button', { name: c.ranking.openLabel(title), exact: true }).click();
      const form = page.getByRole('form', { name: c.ranking.decisionTitle }).last();
      await form.waitFor();
      // Each juror's scores are there beside the form.
      await page.getByRole('heading', { name: c.ranking.meansTitle }).last().waitFor();
      await form.getByRole('radio', { name: sv.jury.ranking.decision[pick.decision], exact: true }).check();
      await form.getByRole('textbox', { name: new RegExp(sv.jury.selection.feedback.replace(/[()]/g, '.')) }).fill(`Återkoppling till ${pick.person.name}: tack för en stark ansökan!`);
      await form.getByRole('button', { name: sv.jury.selection.save }).click();
      await page.getByText(c.ranking.saved(title, sv.jury.ranking.decision[pick.decision])).waitFor();
      count += pick.decision === 'selected' ? 1 : 0;
      await page.getByText(sv.jury.ranking.capacity(count, start.cohort.capacity)).waitFor();
      await page.getByRole('button', { name: c.ranking.hideLabel(title), exact: true }).click();
    }
    await shootPage('tab-ranking', page);

    // The lock asks first and names who will be told.
    await page.getByRole('button', { name: c.ranking.lock, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: sv.jury.confirm.selectionTitle('Pilot 1') });
    await dialog.waitFor();
    const preview = answerOf('lockPreview', await callTab(bot.app.url, 'lockPreview', {}, { demo: erik.aadObjectId }));
    for (const d of ['selected', 'waitlisted', 'notSelected'] as const) await dialog.getByText(c.ranking.told[d](preview.decided[d] ?? 0), { exact: true }).waitFor();
    await dialog.getByText(sv.jury.confirm.selectionLine(preview.managers, preview.hrContacts)).waitFor();
    await accessible(page, 'lock dialog');
    await dialog.getByRole('button', { name: sv.jury.confirm.selectionConfirm }).click();
    await page.getByText(/Urvalet är låst\./).first().waitFor();
    await page.getByRole('button', { name: c.ranking.lock, exact: true }).waitFor({ state: 'detached' });
    await context.close();

    for (const pick of picks) await told(bot, pick.person, `Återkoppling till ${pick.person.name}`);
    for (const pick of picks) {
      const trail = await bot.app.services.applications.auditTrail(DEMO_COHORT_ID, pick.id);
      expect(trail.filter((e) => e.actorId === erik.aadObjectId && e.toState === pick.decision)).toHaveLength(1);
    }
  });

  it('the steering group sees only the report: figures and charts, printable, and nothing to act on', async () => {
    // A follow-up round with three answers (issue 17): shown as aggregates only.
    await bot.app.services.followUps.save({
      cohortId: DEMO_COHORT_ID,
      round: 'phase1',
      questions: null,
      askedIds: ['p1', 'p2', 'p3', 'p4'],
      answeredIds: ['p1', 'p2', 'p3'],
      answers: [{ scores: [5, 4, 3] }, { scores: [3, 4, 1], comment: 'Bra stöd' }, { scores: [4, 4, 2] }],
      createdAt: '2026-05-04T08:00:00.000Z',
      updatedAt: '2026-05-04T08:00:00.000Z',
    });
    for (const theme of [undefined, 'dark'] as const) {
      const { page, context } = await open(bot, birgitta, { view: 'report', ...(theme ? { theme } : {}) });
      await ready('report')(page);
      // Her own application's view, her data and the privacy notice (everyone has those) and the report: nothing of the coordinators'.
      expect(await page.getByRole('tab').count()).toBe(4);
      await page.getByRole('tab', { name: t.nav.views.report }).waitFor();
      const r = answerOf('report', await callTab(bot.app.url, 'report', {}, { demo: birgitta.aadObjectId }));
      await page.getByRole('cell', { name: c.coordinator.number(r.total.submitted), exact: true }).first().waitFor();
      expect(await page.locator('main figure svg').count()).toBe(2);
      await page.getByText('Fas 1: 3 av 4 har svarat').waitFor();
      await page.getByText('Fråga 1: medel 4: Hur väl har programmet hjälpt er att pröva idén? (1: 0 · 2: 0 · 3: 1 · 4: 1 · 5: 1)').waitFor();
      await page.getByText('Bra stöd', { exact: true }).waitFor();
      // The only buttons: download and print (the demo's "Byt person" is in the header, not the report).
      // (The charts' legends are inside the inert picture, not controls.)
      expect((await page.locator('main button:not(figure button)').allTextContents()).sort()).toEqual([c.report.exportReport, c.report.print].sort());
      // The report's axe run in both themes is the coordinator's above; her page differs only in its tab list.
      if (!theme) await accessible(page, 'steering group report');
      await shootPage(theme ? 'tab-report-dark' : 'tab-report', page);
      await context.close();
    }
  });
});
