import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { DEMO_COHORT_ID } from '../../src/demo/demo';
import type { Application } from '../../src/domain/application';
import { allocate } from '../../src/domain/budget';
import { messages } from '../../src/i18n';
import { anApplication, creationAudit } from '../builders/application.builder';
import { applyInChat } from '../helpers/apply-in-chat';
import { confirmed } from '../helpers/card-actions';
import { launchChromium } from '../helpers/chromium';
import { openTab, reachableByKeyboard } from '../helpers/tab-page';
import { said, type TeamsUser } from '../helpers/teams-client';
import { testBotFor, type TestBot } from '../helpers/test-app';
import { shootPage } from '../helpers/screenshots';
import { sara, johan, amira, erik, lena, mikael } from '../helpers/demo-users';

/**
 * Issue 14, must-shows 1, 4 and 6: the tab in headless Chromium, served by the real bot (embedded Cosmos, the fake
 * connector) with `npm start`'s demo sign-in. Each demo role signs in and does their main task in the tab; the result
 * is checked in the chat (what the bot told the applicant) and in the store. Every view passes axe-core (no serious
 * or critical violation) in light and dark theme, every control is reached with the Tab key, and each view is
 * photographed for the README (`npm run screenshots`).
 */

const sv = messages('sv');

const told = (bot: TestBot, user: TeamsUser, text: string) => bot.connector.waitFor((x) => x.conversationId === bot.teams.conversationIdFor(user) && said(x).includes(text));
const stored = async (bot: TestBot, ref: { cohortId: string; applicationId: string }) => (await bot.app.services.applications.get(ref.cohortId, ref.applicationId))?.value;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const open = (bot: TestBot, user: TeamsUser, options: { view?: string; theme?: 'dark' } = {}) => openTab(browser, bot.app.url, user, options);

/** axe-core on the page as it is: no serious or critical violation (the rest is listed if one fails). */
async function accessible(page: Page, what: string): Promise<void> {
  // Fluent's focus trap puts `<i data-tabster-dummy>` sentinels beside TabList and Dialog; axe calls them
  // aria-hidden-focus, a false positive Fluent documents (fluentui #25133, #27517; tabster #288).
  const result = await new AxeBuilder({ page }).exclude('[data-tabster-dummy]').analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect({ what, violations: bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`) }).toEqual({ what, violations: [] });
}


/** Both themes: axe in each, the keyboard once (the controls are the same). */
async function checkView(bot: TestBot, user: TeamsUser, view: string, ready: (page: Page) => Promise<unknown>, shot: string): Promise<void> {
  for (const theme of [undefined, 'dark'] as const) {
    const { page, context } = await open(bot, user, { view, ...(theme ? { theme } : {}) });
    await ready(page);
    await accessible(page, `${shot} (${theme ?? 'light'})`);
    if (!theme) {
      await shootPage(`tab-${shot}`, page);
      await reachableByKeyboard(page);
    }
    await context.close();
  }
}

jest.setTimeout(90_000);

describe('the tab in Chromium, role by role', () => {
  const bot = testBotFor('each', { TAB_DEMO_SIGNIN: 'true', LOCALE_OVERRIDE: 'sv' });

  it('a newcomer picks a demo person, sees the programme and that intake is open', async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${bot.app.url}/tab/`);
    await page.getByRole('heading', { name: sv.tab.demo.title }).waitFor();
    await accessible(page, 'demo sign-in (light)');
    await shootPage('tab-demo-sign-in', page);
    await reachableByKeyboard(page);
    const darkContext = await browser.newContext();
    const dark = await darkContext.newPage();
    await dark.goto(`${bot.app.url}/tab/?theme=dark`);
    await dark.getByRole('heading', { name: sv.tab.demo.title }).waitFor();
    await accessible(dark, 'demo sign-in (dark)');
    await darkContext.close();
    await page.getByRole('button', { name: /Sara Lindqvist/ }).click();
    await page.getByRole('heading', { name: sv.tab.home.title }).waitFor();
    const cohort = (await bot.app.services.cohorts.get(DEMO_COHORT_ID))!.value;
    await page.getByText(sv.cohorts.intakeOpen(sv.date(cohort.intakeClosesAt))).waitFor();
    await page.getByText(sv.tab.home.cohort('Pilot 1')).waitFor();
    await context.close();
    await checkView(bot, sara, 'application', (p) => p.getByRole('heading', { name: sv.tab.home.title }).waitFor(), 'home');
  });

  it('the employee reads her application in full, its state and its timeline', async () => {
    for (const person of [sara, johan]) await bot.teams.say(person, 'hej');
    const ref = await applyInChat(bot, sara);
    const { page, context } = await open(bot, sara);
    await page.getByRole('heading', { name: sv.tab.application.title }).waitFor();
    for (const shown of ['Trygg hemgång från sjukhuset', 'En följeslagare från hemtjänsten', 'Alla elva kommuner har hemtjänst', 'Hemtjänst Väst', 'Johan Bergström', sv.states.awaitingManager, sv.tab.application.next.awaitingManager]) {
      await page.getByText(shown, { exact: false }).first().waitFor();
    }
    // The timeline: created and sent, in Swedish.
    const events = sv.programme.log.events as Readonly<Record<string, string>>;
    for (const event of ['create', 'submit']) await page.getByText(`${events[event]} (Sara Lindqvist)`, { exact: false }).first().waitFor();
    expect((await stored(bot, ref))?.state).toBe('awaitingManager');
    await context.close();
    await checkView(bot, sara, 'application', (p) => p.getByText('En följeslagare från hemtjänsten').first().waitFor(), 'my-application');

    // Withdrawing asks first, in a dialog; the reason is kept and Johan, who was to decide, is told.
    const again = await open(bot, sara);
    await again.page.getByRole('button', { name: sv.intake.buttons.withdraw }).click();
    await again.page.getByRole('dialog', { name: sv.intake.withdraw.title }).waitFor();
    await accessible(again.page, 'withdraw dialog');
    await again.page.getByRole('textbox', { name: sv.intake.fields.reason }).fill('Jag har fått ett nytt uppdrag i vår.');
    await again.page.getByRole('button', { name: sv.intake.buttons.confirmWithdraw }).click();
    await again.page.getByText(sv.intake.withdraw.done).first().waitFor();
    expect((await stored(bot, ref))?.state).toBe('withdrawn');
    await told(bot, johan, sv.intake.withdrawnNotice('Sara Lindqvist', 'Trygg hemgång från sjukhuset'));
    await again.context.close();
  });

  it('the manager reads the whole application and approves it with the attestations; Sara is told in the chat', async () => {
    for (const person of [sara, johan]) await bot.teams.say(person, 'hej');
    const ref = await applyInChat(bot, sara);
    await checkView(bot, johan, 'approvals', (p) => p.getByRole('heading', { name: sv.tab.approvals.title }).waitFor(), 'approvals');
    const { page, context } = await open(bot, johan, { view: 'approvals' });
    await page.getByText('En följeslagare från hemtjänsten').first().waitFor();
    // Without the attestations the decision is refused beside them, and nothing is saved.
    await page.getByRole('button', { name: sv.approval.approve, exact: true }).click();
    await page.getByText(sv.approval.attestRequired).first().waitFor();
    expect((await stored(bot, ref))?.state).toBe('awaitingManager');
    await page.getByRole('checkbox', { name: sv.approval.attestPermanent('Sara Lindqvist') }).check();
    await page.getByRole('checkbox', { name: sv.approval.attestOneYear('Sara Lindqvist') }).check();
    await page.getByRole('button', { name: sv.approval.approve, exact: true }).click();
    await page.getByText(sv.tab.approvals.saved.approve('Sara Lindqvist')).waitFor();
    await told(bot, sara, 'Goda nyheter! Ansökan ”Trygg hemgång från sjukhuset” är godkänd av chefen.');
    expect((await stored(bot, ref))?.state).toBe('approved');
    await context.close();
  });

  it('the manager recommends someone who reports to him (issue 17); she is invited in the chat; a second time is refused beside the form', async () => {
    const { page, context } = await open(bot, johan, { view: 'approvals' });
    const t = sv.recommend.tab;
    await page.getByRole('heading', { name: t.title }).waitFor();
    const recommend = async (reason: string) => {
      await page.getByRole('textbox', { name: t.email }).fill('sara.lindqvist@hoganas.example.se');
      await page.getByRole('textbox', { name: t.reason }).fill(reason);
      await page.getByRole('button', { name: t.send, exact: true }).click();
    };
    await recommend('Sara har en idé om trygg hemgång som alla kommuner behöver.');
    await page.getByText(sv.recommend.sent('Sara Lindqvist', 'Pilot 1')).waitFor();
    await told(bot, sara, 'Johan Bergström tror att din idé passar i Acceleratorn');
    await recommend('En gång till.');
    await page.getByText(sv.recommend.refused.alreadyRecommended('Sara Lindqvist', 'Pilot 1')).waitFor();
    await accessible(page, 'recommendation refused');
    await context.close();
  });

  it('the HR contact decides a decision that came to her when the manager did not answer', async () => {
    const now = new Date().toISOString();
    const waiting = anApplication({
      cohortId: DEMO_COHORT_ID,
      applicantId: sara.aadObjectId,
      applicantName: sara.name,
      state: 'awaitingManager',
      submittedAt: now,
      benefit: { targetGroups: ['residents'], benefit: 'Färre återinläggningar och tryggare invånare.', applicability: 'Alla elva kommuner har hemtjänst.' },
      about: { municipality: 'Höganäs', administration: 'Vård och omsorg', workplace: 'Hemtjänst Väst', managerId: johan.aadObjectId, managerFromDirectory: true, permanentEmployment: true, employmentStart: '2018-03-01' },
      leave: { extentPercent: 50, start: '2027-02-01', end: '2027-06-30' },
      approvals: [{ memberId: sara.aadObjectId, memberName: sara.name, managerId: johan.aadObjectId, escalatedTo: amira.aadObjectId, status: 'pending', requestedAt: now }],
      deciderIds: [johan.aadObjectId, amira.aadObjectId],
    });
    await bot.app.services.applications.create(waiting, creationAudit(waiting));
    await bot.teams.say(sara, 'hej');
    const { page, context } = await open(bot, amira, { view: 'approvals' });
    await page.getByText(sv.tab.approvals.asHrContact('Johan Bergström')).waitFor();
    await page.getByRole('textbox', { name: sv.approval.reason }).fill('Vi behöver Sara på avdelningen i vår. Sök gärna igen i höst.');
    await page.getByRole('button', { name: sv.approval.decline, exact: true }).click();
    await page.getByText(sv.tab.approvals.saved.decline('Sara Lindqvist')).waitFor();
    expect((await stored(bot, { cohortId: waiting.cohortId, applicationId: waiting.id }))?.state).toBe('declined');
    await told(bot, sara, 'Vi behöver Sara på avdelningen i vår.');
    await context.close();
  });

  it('the juror scores two applications with next and previous, and sees the others only after her own', async () => {
    const approved = (title: string, applicantId: string, applicantName: string): Application =>
      anApplication({
        cohortId: DEMO_COHORT_ID,
        applicantId,
        applicantName,
        state: 'approved',
        idea: { title, problem: 'Ett problem som många kommuner delar.', description: 'En idé som prövas i programmet.' },
        benefit: { targetGroups: ['residents'], benefit: 'Tydlig nytta för invånarna.', applicability: 'Passar alla elva kommuner.' },
        about: { municipality: 'Bjuv', administration: 'Skola', workplace: 'Bjuvskolan', managerId: '00000000-0000-4000-8000-000000000012', managerFromDirectory: true, permanentEmployment: true, employmentStart: '2015-08-01' },
      });
    const apps = [approved('Läxhjälp på biblioteket', '00000000-0000-4000-8000-000000000007', 'Noor Karimi'), approved('Cykelbibliotek', '00000000-0000-4000-8000-000000000009', 'Maja Ström')];
    for (const a of apps) await bot.app.services.applications.create(a, creationAudit(a));
    await confirmed(bot, erik, 'öppna juryrunda', 'jury.round.open');
    for (const a of apps) await bot.teams.execute(mikael, 'jury.score', { cohortId: a.cohortId, applicationId: a.id, c_benefit: '4', c_boldness: '4', c_applicability: '4', c_feasibility: '4', c_drive: '4', comment: 'Enkelt att börja med.' });

    await checkView(bot, lena, 'reviews', (p) => p.getByText(sv.tab.reviews.progress(0, 2)).waitFor(), 'reviews');
    const { page, context } = await open(bot, lena, { view: 'reviews' });
    await page.getByText(sv.tab.reviews.progress(0, 2)).waitFor();
    await page.getByRole('button', { name: apps[0]!.idea!.title }).click();
    const score = async (value: string) => {
      for (const id of ['benefit', 'boldness', 'applicability', 'feasibility', 'drive']) {
        await page.getByRole('radiogroup', { name: new RegExp(sv.jury.criteria[id] ?? id) }).getByRole('radio', { name: value }).check();
      }
      await page.getByRole('button', { name: sv.jury.save }).click();
      await page.getByText(sv.jury.saved).first().waitFor();
    };
    await page.getByText(sv.tab.reviews.othersLater).waitFor();
    await score(sv.jury.scale[5] ?? '5');
    await page.getByText('Enkelt att börja med.').waitFor();
    await page.getByRole('button', { name: sv.tab.reviews.next }).click();
    await page.getByRole('heading', { name: apps[1]!.idea!.title }).waitFor();
    await score(sv.jury.scale[3] ?? '3');
    await page.getByRole('button', { name: sv.tab.reviews.previous }).click();
    await page.getByRole('heading', { name: apps[0]!.idea!.title }).waitFor();
    await page.getByText('Enkelt att börja med.').waitFor();
    await page.getByRole('button', { name: sv.tab.reviews.back }).click();
    await page.getByText(sv.tab.reviews.progress(2, 2)).waitFor();
    const scores = await bot.app.services.jury.onApplication(DEMO_COHORT_ID, apps[0]!.id);
    expect(scores.scores.find((s) => s.jurorId === lena.aadObjectId)?.values).toEqual({ benefit: 5, boldness: 5, applicability: 5, feasibility: 5, drive: 5 });
    expect((await bot.app.services.jury.onApplication(DEMO_COHORT_ID, apps[1]!.id)).scores.find((s) => s.jurorId === lena.aadObjectId)?.values.benefit).toBe(3);
    await context.close();
    // The application beside the form, deep linked as a card links it, with the others' scores now shown.
    await checkView(bot, lena, `reviews/${DEMO_COHORT_ID}/${apps[0]!.id}`, (p) => p.getByText('Enkelt att börja med.').waitFor(), 'review');
  });

  it('a participant sees the team\'s budget and reports an expense as a form', async () => {
    const team = anApplication({
      cohortId: DEMO_COHORT_ID,
      applicantId: sara.aadObjectId,
      applicantName: sara.name,
      state: 'phase1',
      idea: { title: 'Trygg hemgång från sjukhuset', problem: 'Äldre som skrivs ut blir ensamma de första dygnen hemma.', description: 'En följeslagare från hemtjänsten möter upp vid utskrivningen och stannar första kvällen.' },
      benefit: { targetGroups: ['residents'], benefit: 'Färre återinläggningar och tryggare invånare.', applicability: 'Alla elva kommuner har hemtjänst och samma utskrivning.' },
      leave: { extentPercent: 50, start: '2027-02-01', end: '2027-06-30' },
      approvals: [{ memberId: sara.aadObjectId, memberName: sara.name, managerId: johan.aadObjectId, status: 'approved', requestedAt: '2026-11-02T09:00:00.000Z', decidedBy: johan.aadObjectId, decidedAt: '2026-11-03T09:00:00.000Z', leave: { extentPercent: 40, start: '2027-02-01', end: '2027-05-31' } }],
      about: { municipality: 'Höganäs', administration: 'Vård och omsorg', workplace: 'Hemtjänst Väst', managerId: johan.aadObjectId, managerFromDirectory: true, permanentEmployment: true, employmentStart: '2018-03-01' }, budget: allocate(5_000_000, 'team-sara') });
    await bot.app.services.applications.create(team, creationAudit(team));
    await checkView(bot, sara, 'application', (p) => p.getByRole('heading', { name: sv.tab.participant.budgetTitle }).waitFor(), 'participant');
    const { page, context } = await open(bot, sara);
    await page.getByRole('textbox', { name: sv.programme.expense.amount }).fill('1 250,50');
    await page.getByRole('textbox', { name: sv.tab.participant.description }).fill('Prototyp i 3D-skrivare');
    await page.getByRole('button', { name: sv.tab.participant.report }).click();
    await page.getByText('Prototyp i 3D-skrivare').waitFor();
    const budget = (await stored(bot, { cohortId: team.cohortId, applicationId: team.id }))?.budget;
    expect(budget?.expenses).toEqual([expect.objectContaining({ ore: 125_050, status: 'pending', description: 'Prototyp i 3D-skrivare' })]);
    await context.close();
  });
});
