import type { Browser, Page } from 'playwright-core';
import { statusCard } from '../../src/adapters/cards/application.cards';
import { reviewCard, formValues } from '../../src/adapters/cards/intake.card';
import { invitationCard } from '../../src/adapters/cards/application.cards';
import { welcomeCard } from '../../src/adapters/cards/welcome.card';
import { scoreCard, selectionCard } from '../../src/adapters/cards/jury.cards';
import { DEFAULT_CRITERIA } from '../../src/domain/scoring';
import type { Application } from '../../src/domain/application';
import { messages } from '../../src/i18n';
import { launchChromium } from '../helpers/chromium';
import { cardPage, renderCard } from '../helpers/render-card';

const hostile = '[klicka här](https://example.org) **VIKTIGT**';
const application: Application = {
  id: 'A-7K3QX2',
  cohortId: 'pilot-1',
  applicantId: 'p1',
  applicantName: `<at>Alla</at> ${hostile}`,
  state: 'awaitingManager',
  step: 'review',
  idea: { title: hostile, problem: `Besök www.example.org eller https://example.org/x för *mer*.\n# Rubrik\n- punkt`, description: hostile },
  benefit: { targetGroups: ['residents'], benefit: hostile, applicability: hostile },
  about: { municipality: 'Höganäs', administration: hostile, workplace: hostile, managerId: 'm', managerFromDirectory: true, permanentEmployment: true, employmentStart: '2018-03-01' },
  leave: { extentPercent: 50, start: '2026-04-01', end: '2026-09-30' },
  coApplicants: [{ personId: 'c', name: hostile, status: 'invited', invitedAt: '2026-03-01T00:00:00Z' }],
  approvals: [],
  deciderIds: [],
  createdAt: '2026-03-01T00:00:00Z',
  updatedAt: '2026-03-01T00:00:00Z',
};

/** User text rendered in a real browser, with Markdown and autolinks processed as Teams does. */
describe('user text renders as plain text in every card that shows it', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await cardPage(browser);
  }, 30000);
  afterAll(() => browser?.close());

  const m = messages('sv');
  const cards: [string, unknown][] = [
    ['status', statusCard({ application, cohortName: hostile, trail: [], unreachable: [hostile] }, m)],
    [
      'review',
      reviewCard(
        { applicationId: application.id, cohortId: application.cohortId, cohortName: hostile, step: 'review', values: formValues(application, {}), application, managerName: hostile, missing: [], blockers: [], },
        m,
      ),
    ],
    ['invitation', invitationCard({ application, permanent: true, employmentStart: '2018-03-01' }, m)],
    ['welcome', welcomeCard({ name: hostile }, m)],
    ['a juror\'s card, with who applies and the others\' comments', scoreCard({ application: { ...application, state: 'inReview' }, criteria: DEFAULT_CRITERIA, mode: 'score', own: 4, jury: { mean: 4, count: 2 }, comments: [{ juror: hostile, comment: hostile }] }, m)],
    ['the decision card, with the jury\'s comments', selectionCard({ application: { ...application, state: 'inReview' }, locked: false, jury: { criteria: DEFAULT_CRITERIA, quorum: 3, scores: [{ juror: hostile, values: {}, verdict: 3, comment: hostile }], recused: [hostile] } }, m)],
  ];

  it.each(cards)('%s: no links, no bold, no headings, no lists from user text; the text reads as typed', async (_name, card) => {
    const html = await renderCard(page, card);
    expect(html).not.toMatch(/<a\b/);
    expect(html).not.toMatch(/<strong>VIKTIGT<\/strong>|<em>mer<\/em>|<h1|<li>punkt/);
    const visible = await page.locator('#card').innerText();
    expect(visible.replace(/\u200B/g, '')).toContain(hostile);
  });

  it('the check itself catches Markdown that is not escaped', async () => {
    const html = await renderCard(page, { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: hostile }] });
    expect(html).toMatch(/<a\b/);
    expect(html).toMatch(/<strong>VIKTIGT<\/strong>/);
  });
});
