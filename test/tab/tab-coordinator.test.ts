import { DEMO_COHORT_ID } from '../../src/demo/demo';
import { FUNNEL_STAGES } from '../../src/domain/funnel';
import { MUNICIPALITIES } from '../../src/domain/municipalities';
import { answerOf, callTab } from '../helpers/tab-client';
import { cardOf, said, type TeamsUser } from '../helpers/teams-client';
import { testBotFor, type TestBot } from '../helpers/test-app';
import { birgitta, erik, johan, lena } from '../helpers/demo-users';
import { seedCohort } from '../helpers/seeded-cohort';

/**
 * Issue 15: the coordinators' and the steering group's views over HTTP against the whole bot (embedded Cosmos, the
 * fake connector), on a cohort of 300 made-up applications across the eleven municipalities. Each action is the chat's
 * own use case: the people concerned are told through the outbox, and the audit trail records it.
 */

const as = (user: TeamsUser) => ({ demo: user.aadObjectId });
const told = (bot: TestBot, user: TeamsUser, text: string) => bot.connector.waitFor((x) => x.conversationId === bot.teams.conversationIdFor(user) && said(x).includes(text));

describe('the coordinators\' overview, table, ranking and report', () => {
  const bot = testBotFor('all', { TAB_DEMO_SIGNIN: 'true' });
  let seeded: Awaited<ReturnType<typeof seedCohort>>;
  beforeAll(async () => {
    seeded = await seedCohort(bot, { n: 300 });
  });

  it('shows the funnel per municipality, whose decisions wait and how far each juror has come', async () => {
    const o = answerOf('overview', await callTab(bot.app.url, 'overview', {}, as(erik)));
    expect(o.cohort).toMatchObject({ id: DEMO_COHORT_ID, capacity: 20, round: 'open' });
    expect(o.rows.map((r) => r.municipality)).toEqual([...MUNICIPALITIES]);
    // The total is the sum of the rows, stage by stage, and the funnel never widens.
    for (const stage of FUNNEL_STAGES) expect(o.total.stages[stage]).toBe(o.rows.reduce((n, r) => n + (r.stages[stage] ?? 0), 0));
    const sent = seeded.applications.filter((a) => a.state !== 'draft').length;
    expect(o.total.stages.submitted).toBe(sent);
    expect(o.total.drafts).toBe(seeded.applications.length - sent);
    const waiting = seeded.applications.filter((a) => a.state === 'awaitingManager').length;
    expect(o.waitingDecisions).toBe(waiting);
    expect(o.waitingDeciders).toEqual([expect.objectContaining({ name: 'Johan Bergström', waiting, late: true, asHrContact: false })]);
    expect(o.jurors.map((j) => j.name).sort()).toEqual(['Erik Nyström', 'Lena Holm', 'Mikael Ek']);
    expect(o.jurors.every((j) => j.left === 0 && j.done > 200)).toBe(true);
  });

  it('reminds a late manager with one message saying how many wait, once a day however often the button is pressed', async () => {
    await bot.teams.say(johan, 'hej');
    const waiting = seeded.applications.filter((a) => a.state === 'awaitingManager').length;
    const first = answerOf('remindDeciders', await callTab(bot.app.url, 'remindDeciders', { cohortId: DEMO_COHORT_ID, deciderId: johan.aadObjectId }, as(erik)));
    expect(first.reminded).toBe(1);
    await told(bot, johan, `${waiting} ansökningar till Pilot 1 väntar på ditt beslut`);
    const reminders = () => bot.connector.activities.filter((x) => x.conversationId === bot.teams.conversationIdFor(johan) && said(x).includes('Påminnelse från programmets samordnare')).length;
    answerOf('remindDeciders', await callTab(bot.app.url, 'remindDeciders', { cohortId: DEMO_COHORT_ID }, as(erik)));
    await bot.app.outbox.runOnce();
    expect(reminders()).toBe(1);
    const nobody = await callTab(bot.app.url, 'remindDeciders', { cohortId: DEMO_COHORT_ID, deciderId: lena.aadObjectId }, as(erik));
    expect(nobody.status).toBe(404);
  });

  it('pages, filters, sorts and searches the applications on the server, and counts what matches', async () => {
    const all = answerOf('applications', await callTab(bot.app.url, 'applications', {}, as(erik)));
    const sent = seeded.applications.filter((a) => a.state !== 'draft');
    expect(all.total).toBe(sent.length);
    expect(all.items).toHaveLength(50);
    // The latest sent first, by default.
    const times = all.items.map((r) => r.submittedAt ?? '');
    expect(times).toEqual([...times].sort().reverse());

    // Every page after the first follows on: together they hold each sent application once.
    const seen = new Set(all.items.map((r) => r.ref.applicationId));
    let next = all.next;
    while (next) {
      const page = answerOf('applications', await callTab(bot.app.url, 'applications', { after: next }, as(erik)));
      for (const r of page.items) {
        expect(seen.has(r.ref.applicationId)).toBe(false);
        seen.add(r.ref.applicationId);
      }
      next = page.next;
    }
    expect(seen.size).toBe(sent.length);

    const inHoganas = answerOf('applications', await callTab(bot.app.url, 'applications', { municipality: 'Höganäs', state: 'inReview', sort: 'score', desc: '1' }, as(erik)));
    const expected = sent.filter((a) => a.about?.municipality === 'Höganäs' && a.state === 'inReview');
    expect(inHoganas.total).toBe(expected.length);
    expect(inHoganas.items.every((r) => r.municipality === 'Höganäs' && r.state === 'inReview')).toBe(true);
    const scores = inHoganas.items.map((r) => r.score ?? -1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    const byTitle = answerOf('applications', await callTab(bot.app.url, 'applications', { sort: 'title', desc: '0', q: 'LÅNECYKLAR' }, as(erik)));
    expect(byTitle.total).toBe(sent.filter((a) => a.idea?.title.startsWith('Lånecyklar')).length);
    expect(byTitle.items.every((r) => r.title.startsWith('Lånecyklar för hemtjänsten'))).toBe(true);
    const titles = byTitle.items.map((r) => r.title.toLowerCase());
    expect(titles).toEqual([...titles].sort());

    const teams = answerOf('applications', await callTab(bot.app.url, 'applications', { team: 'team', targetGroup: 'businesses', administration: 'socialförvaltningen' }, as(erik)));
    expect(teams.total).toBe(sent.filter((a) => a.coApplicants.length > 0 && a.benefit?.targetGroups.includes('businesses') && a.about?.administration === 'Socialförvaltningen').length);
    expect(teams.items.every((r) => r.teamSize > 1 && r.administration === 'Socialförvaltningen')).toBe(true);

    const waiting = answerOf('applications', await callTab(bot.app.url, 'applications', { waitingFor: 'manager' }, as(erik)));
    expect(waiting.total).toBe(sent.filter((a) => a.state === 'awaitingManager').length);

    // A cursor that is not one of ours is refused, not followed.
    expect((await callTab(bot.app.url, 'applications', { after: 'bm90LWEtY3Vyc29y' }, as(erik))).status).toBe(400);
  });

  it('opens one application in full with its whole audit trail', async () => {
    const a = seeded.applications.find((x) => x.selection)!;
    const one = answerOf('applicationOne', await callTab(bot.app.url, 'applicationOne', { cohortId: a.cohortId, applicationId: a.id }, as(erik)));
    expect(one.application).toMatchObject({ id: a.id, applicantName: a.applicantName, about: { managerName: 'Johan Bergström' } });
    expect(one.timeline.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'submit', 'approveAsManager', 'scored']));
    expect(one.selection).toMatchObject({ decision: a.selection!.decision, decidedByName: 'Erik Nyström' });
    expect(one.jury).toMatchObject({ count: 3 });
  });

  it('gives the steering group the report per municipality, with medians, teams and outcomes', async () => {
    const r = answerOf('report', await callTab(bot.app.url, 'report', {}, as(birgitta)));
    const sent = seeded.applications.filter((a) => a.state !== 'draft');
    expect(r.total.submitted).toBe(sent.length);
    expect(r.rows).toHaveLength(11);
    expect(r.total.approved).toBe(sent.filter((a) => a.state !== 'awaitingManager').length);
    expect(r.total.medianDaysToDecision).toBeGreaterThan(0);
    expect(r.total.medianDaysToSelection).toBeGreaterThanOrEqual(30);
    expect(r.total.allocatedOre).toBeGreaterThan(0);
    expect(r.outcomes.map((o) => o.kind).sort()).toEqual(['handedToLine', 'keptAsProject']);
    expect(r.outcomes.find((o) => o.kind === 'handedToLine')).toMatchObject({ ipOwner: 'municipality', receivingAdministration: expect.any(String) });
    expect(r.teams.length).toBeGreaterThan(0);
    expect(r.recommended).toBe(seeded.applications.filter((a) => a.state !== 'draft' && a.recommendedBy).length);
    // The chat answers `rapport` with the key figures and the way to the tab's report.
    await bot.teams.say(birgitta, 'rapport');
    const card = await told(bot, birgitta, 'Rapport: Pilot 1');
    expect(JSON.stringify(cardOf(card.activity))).toContain('/tab/?view=report');
  });
});

describe('the selection decided in the tab and locked', () => {
  const bot = testBotFor('all', { TAB_DEMO_SIGNIN: 'true' });

  it('decides three from the ranking, shows capacity filling, locks with who will be told, and the applicants hear it in the chat', async () => {
    const { applicants } = await seedCohort(bot, { n: 300 });
    for (const person of applicants.slice(0, 3)) await bot.teams.say(person, 'hej');
    const ranking = answerOf('ranking', await callTab(bot.app.url, 'ranking', {}, as(erik)));
    expect(ranking.rows.length).toBeGreaterThan(0);
    const places = ranking.rows.map((r) => r.place ?? Infinity);
    expect(places).toEqual([...places].sort((a, b) => a - b));
    // Ties are shown as ties: equal scores share a place.
    for (const [i, r] of ranking.rows.entries()) if (i > 0 && r.score === ranking.rows[i - 1]!.score) expect(r.place).toBe(ranking.rows[i - 1]!.place);

    const picks = applicants.slice(0, 3).map((p, i) => ({ p, id: `A-S${String(i).padStart(6, '0')}`, decision: (['selected', 'selected', 'waitlisted'] as const)[i]! }));
    const row = answerOf('rankingRow', await callTab(bot.app.url, 'rankingRow', { cohortId: DEMO_COHORT_ID, applicationId: picks[0]!.id }, as(erik)));
    expect(row.scores).toHaveLength(3);
    expect(Object.keys(row.criterionMeans).sort()).toEqual(['applicability', 'benefit', 'boldness', 'drive', 'feasibility']);

    const tooShort = await callTab(bot.app.url, 'decideSelection', { cohortId: DEMO_COHORT_ID, applicationId: picks[0]!.id, decision: 'selected', feedback: 'ok' }, as(erik));
    expect(tooShort).toMatchObject({ status: 400, body: { fields: [{ field: 'feedback', code: 'tooShort' }] } });

    let count = ranking.selectedCount;
    for (const pick of picks) {
      const done = answerOf('decideSelection', await callTab(bot.app.url, 'decideSelection', { cohortId: DEMO_COHORT_ID, applicationId: pick.id, decision: pick.decision, feedback: `Återkoppling till ${pick.p.name}: tack för en stark ansökan!` }, as(erik)));
      expect(done).toMatchObject({ selection: { decision: pick.decision }, changed: true, capacity: 20 });
      count += pick.decision === 'selected' ? 1 : 0;
      expect(done.selectedCount).toBe(count);
    }
    const preview = answerOf('lockPreview', await callTab(bot.app.url, 'lockPreview', {}, as(erik)));
    expect(preview.decided.selected).toBeGreaterThanOrEqual(2);
    expect(preview.alreadyLocked).toBe(false);
    const locked = answerOf('lockSelection', await callTab(bot.app.url, 'lockSelection', { cohortId: DEMO_COHORT_ID }, as(erik)));
    expect(locked.alreadyLocked).toBe(false);
    expect(locked.told).toBeGreaterThan(0);

    await told(bot, picks[0]!.p, 'Återkoppling till');
    await told(bot, picks[2]!.p, 'Återkoppling till');
    for (const pick of picks) {
      const trail = await bot.app.services.applications.auditTrail(DEMO_COHORT_ID, pick.id);
      expect(trail.filter((e) => e.actorId === erik.aadObjectId && e.toState === pick.decision)).toHaveLength(1);
    }
    // Locked: the decisions stand.
    const late = await callTab(bot.app.url, 'decideSelection', { cohortId: DEMO_COHORT_ID, applicationId: picks[2]!.id, decision: 'selected', feedback: 'Ändrade mig, välkommen!' }, as(erik));
    expect(late.status).toBe(409);
  });
});
