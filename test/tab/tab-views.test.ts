import { DEMO_COHORT_ID } from '../../src/demo/demo';
import type { Application } from '../../src/domain/application';
import { allocate } from '../../src/domain/budget';
import { anApplication, creationAudit } from '../builders/application.builder';
import { applyInChat } from '../helpers/apply-in-chat';
import { confirmed } from '../helpers/card-actions';
import { answerOf, callTab } from '../helpers/tab-client';
import { cardOf, said, type TeamsUser } from '../helpers/teams-client';
import { testBotFor, type TestBot } from '../helpers/test-app';
import { sara, johan, erik, lena, mikael } from '../helpers/demo-users';

/**
 * Issue 14: what the tab's API shows each person and what they do there, over HTTP against the whole bot (embedded
 * Cosmos, the fake connector), signed in with the local demo sign-in. The browser's part is in tab-browser.test.ts.
 */

const as = (user: TeamsUser) => ({ demo: user.aadObjectId });

const told = (bot: TestBot, user: TeamsUser, text: string) => bot.connector.waitFor((x) => x.conversationId === bot.teams.conversationIdFor(user) && said(x).includes(text));
const stateOf = async (bot: TestBot, ref: { cohortId: string; applicationId: string }) => (await bot.app.services.applications.get(ref.cohortId, ref.applicationId))?.value.state;

describe('the tab API, person by person', () => {
  const bot = testBotFor('each', { TAB_DEMO_SIGNIN: 'true' });

  it('a manager reads the whole application, is held to the attestations, approves, and the applicant is told in the chat', async () => {
    for (const person of [sara, johan]) await bot.teams.say(person, 'hej');
    const ref = await applyInChat(bot, sara);
    const request = await told(bot, johan, 'Sara Lindqvist vill vara med i acceleratorprogrammet');
    // The card links to the same decision in the tab.
    const link = JSON.stringify(cardOf(request.activity)).match(/"url":"([^"]+\/tab\/[^"]+)"/)?.[1];
    expect(decodeURIComponent(link ?? '')).toBe(`${bot.app.url}/tab/?view=approvals/${ref.cohortId}/${ref.applicationId}/${sara.aadObjectId}`);

    const waiting = answerOf('approvals', await callTab(bot.app.url, 'approvals', {}, as(johan)));
    expect(waiting.pending).toHaveLength(1);
    const item = waiting.pending[0]!;
    expect(item.application).toMatchObject({
      applicantName: 'Sara Lindqvist',
      idea: { title: 'Trygg hemgång från sjukhuset', description: expect.stringContaining('En följeslagare') },
      benefit: { targetGroups: ['residents'], applicability: expect.stringContaining('elva kommuner') },
      about: { municipality: 'Höganäs', managerName: 'Johan Bergström', managerFromDirectory: true, permanentEmployment: true, employmentStart: '2018-03-01' },
      leave: { extentPercent: 50 },
    });
    expect(item.namedByApplicant).toBeUndefined();
    expect(item.asHrContact).toBe(false);

    const decision = { ...ref, memberId: sara.aadObjectId, decision: 'approve' as const, extentPercent: '40', leaveStart: item.application.leave!.start, leaveEnd: item.application.leave!.end };
    const unattested = await callTab(bot.app.url, 'decide', decision, as(johan));
    expect(unattested.status).toBe(400);
    expect((unattested.body as { fields: { field: string }[] }).fields.map((f) => f.field).sort()).toEqual(['attestOneYear', 'attestPermanent']);
    expect(await stateOf(bot, ref)).toBe('awaitingManager');

    const after = answerOf('decide', await callTab(bot.app.url, 'decide', { ...decision, attestPermanent: true, attestOneYear: true }, as(johan)));
    expect(after.pending).toEqual([]);
    expect(after.history).toEqual([expect.objectContaining({ title: 'Trygg hemgång från sjukhuset', memberName: 'Sara Lindqvist', action: 'approved' })]);
    await told(bot, sara, 'Goda nyheter! Ansökan ”Trygg hemgång från sjukhuset” är godkänd av chefen.');
    expect(await stateOf(bot, ref)).toBe('approved');

    // Deciding again otherwise finds it decided: a conflict, and the decision stands.
    const again = await callTab(bot.app.url, 'decide', { ...decision, decision: 'decline', reason: 'Vi har inte råd i år.' }, as(johan));
    expect(again).toMatchObject({ status: 409, body: { facts: { status: 'approved', decidedByName: 'Johan Bergström' } } });
    expect(await stateOf(bot, ref)).toBe('approved');

    // Sara reads it all: the state, the leave asked for and approved, and the timeline with who did what.
    const mine = answerOf('application', await callTab(bot.app.url, 'application', {}, as(sara)));
    expect(mine.application).toMatchObject({ id: ref.applicationId, state: 'approved', leave: { extentPercent: 50 } });
    expect(mine.approvals).toEqual([expect.objectContaining({ memberName: 'Sara Lindqvist', managerName: 'Johan Bergström', status: 'approved', leave: expect.objectContaining({ extentPercent: 40 }) })]);
    expect(mine.timeline.map((e) => [e.action, e.actorName])).toEqual([
      ['create', 'Sara Lindqvist'],
      ['submit', 'Sara Lindqvist'],
      ['approveAsManager', 'Johan Bergström'],
    ]);
    expect(mine).toMatchObject({ lead: true, withdrawable: true });
  });

  it('a juror scores two applications, sees the others\' scores only after their own, and cannot score out of range', async () => {
    const approved = (title: string, applicantId: string, applicantName: string): Application =>
      anApplication({ cohortId: DEMO_COHORT_ID, applicantId, applicantName, state: 'approved', idea: { title, problem: 'Ett problem som många kommuner delar.', description: 'En idé som prövas i programmet.' }, about: { municipality: 'Bjuv', administration: 'Skola', workplace: 'Bjuvskolan', managerId: '00000000-0000-4000-8000-000000000012', managerFromDirectory: true, permanentEmployment: true, employmentStart: '2015-08-01' }, leave: { extentPercent: 20, start: '2027-03-01', end: '2027-06-30' } });
    const apps = [approved('Läxhjälp på biblioteket', '00000000-0000-4000-8000-000000000007', 'Noor Karimi'), approved('Cykelbibliotek', '00000000-0000-4000-8000-000000000009', 'Maja Ström')];
    for (const a of apps) await bot.app.services.applications.create(a, creationAudit(a));
    await confirmed(bot, erik, 'öppna juryrunda', 'jury.round.open');
    const refs = apps.map((a) => ({ cohortId: a.cohortId, applicationId: a.id }));
    await bot.teams.execute(mikael, 'jury.score', { ...refs[0], c_benefit: '4', c_boldness: '4', c_applicability: '4', c_feasibility: '4', c_drive: '4', comment: 'Enkelt att börja med.' });

    const list = answerOf('reviews', await callTab(bot.app.url, 'reviews', {}, as(lena)));
    expect(list).toMatchObject({ done: 0, total: 2 });
    expect(list.items.map((i) => [i.title, i.state])).toEqual(expect.arrayContaining([['Läxhjälp på biblioteket', 'todo'], ['Cykelbibliotek', 'todo']]));

    const before = answerOf('review', await callTab(bot.app.url, 'review', refs[0]!, as(lena)));
    expect(before).toMatchObject({ state: 'todo', round: 'open', done: 0, total: 2 });
    expect(before.others).toBeUndefined();
    expect(before.criteria.map((c) => c.id)).toEqual(['benefit', 'boldness', 'applicability', 'feasibility', 'drive']);
    // A juror reads who applies and where, not the leave or the employment facts.
    expect(before.application.about).toEqual({ municipality: 'Bjuv', administration: 'Skola', workplace: 'Bjuvskolan' });
    expect(before.application.leave).toBeUndefined();

    const values = { benefit: 5, boldness: 4, applicability: 5, feasibility: 3, drive: 4 };
    const outOfRange = await callTab(bot.app.url, 'score', { ...refs[0]!, values: { ...values, drive: 6 }, comment: '' }, as(lena));
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body).toMatchObject({ error: 'INVALID_SCORE', fields: [{ field: 'drive' }] });

    const scored = answerOf('score', await callTab(bot.app.url, 'score', { ...refs[0]!, values, comment: 'Modigt och tydligt.' }, as(lena)));
    expect(scored).toMatchObject({ state: 'scored', done: 1, total: 2, own: { values, comment: 'Modigt och tydligt.' } });
    expect(scored.others).toEqual([expect.objectContaining({ jurorName: 'Mikael Ek', comment: 'Enkelt att börja med.', mean: 4 })]);

    const second = answerOf('score', await callTab(bot.app.url, 'score', { ...refs[1]!, values, comment: '' }, as(lena)));
    expect(second).toMatchObject({ done: 2, total: 2, others: [] });

    const noReason = await callTab(bot.app.url, 'recuse', { ...refs[1]!, reason: ' ' }, as(lena));
    expect(noReason.status).toBe(400);
    // The applicant is no juror: the route is closed to her.
    expect((await callTab(bot.app.url, 'review', refs[0]!, as(sara))).status).toBe(403);
  });

  it('a participant reports an expense from the tab, held to the budget', async () => {
    const team = anApplication({ cohortId: DEMO_COHORT_ID, applicantId: sara.aadObjectId, applicantName: sara.name, state: 'phase1', about: { municipality: 'Höganäs', administration: 'Vård och omsorg', workplace: 'Hemtjänst Väst', managerId: johan.aadObjectId, managerFromDirectory: true, permanentEmployment: true, employmentStart: '2018-03-01' }, budget: allocate(5_000_000, 'team-sara') });
    await bot.app.services.applications.create(team, creationAudit(team));
    const mine = answerOf('application', await callTab(bot.app.url, 'application', {}, as(sara)));
    expect(mine.participant).toMatchObject({ mayReportExpense: true, budget: { allocatedOre: 5_000_000, leftOre: 5_000_000, expenses: [] } });
    const bad = await callTab(bot.app.url, 'expense', { amount: '12,345', description: 'Prototyp' }, as(sara));
    expect(bad).toMatchObject({ status: 400, body: { error: 'FIELDS', fields: [{ field: 'amount', code: 'invalid' }] } });
    const over = await callTab(bot.app.url, 'expense', { amount: '60 000 kr', description: 'Prototyp' }, as(sara));
    expect(over).toMatchObject({ status: 400, body: { error: 'OVERSPEND', facts: { remainingOre: '5000000' } } });
    const reported = answerOf('expense', await callTab(bot.app.url, 'expense', { amount: '1 250,50 kr', description: 'Prototyp i 3D-skrivare' }, as(sara)));
    expect(reported.participant?.budget).toMatchObject({ pendingOre: 125_050, leftOre: 5_000_000 - 125_050, expenses: [expect.objectContaining({ ore: 125_050, status: 'pending', reportedByName: 'Sara Lindqvist' })] });

    // Johan (not on the team) has no budget to spend: the use case says so, as utlägg does in the chat.
    expect((await callTab(bot.app.url, 'expense', { amount: '100', description: 'Fika' }, as(johan))).status).toBe(404);
  });

  it('an applicant withdraws from the tab, once', async () => {
    await bot.teams.say(johan, 'hej');
    const ref = await applyInChat(bot, sara);
    const withdrawn = answerOf('withdraw', await callTab(bot.app.url, 'withdraw', { ...ref, reason: 'Jag byter jobb.' }, as(sara)));
    expect(withdrawn.application).toMatchObject({ state: 'withdrawn' });
    expect(withdrawn.withdrawable).toBe(false);
    expect((await callTab(bot.app.url, 'withdraw', ref, as(sara))).status).toBe(409);
    // Someone else's application is not theirs to withdraw.
    expect((await callTab(bot.app.url, 'withdraw', ref, as(johan))).status).toBeGreaterThanOrEqual(403);
  });

  it('a co-applicant follows the team\'s application without the lead\'s leave, employment or decision', async () => {
    // Mikael (a demo person, so the demo sign-in has him) is on Sara's team.
    const member = mikael.aadObjectId;
    const now = new Date().toISOString();
    const team = anApplication({
      cohortId: DEMO_COHORT_ID,
      applicantId: sara.aadObjectId,
      applicantName: sara.name,
      state: 'awaitingManager',
      about: { municipality: 'Höganäs', administration: 'Vård och omsorg', workplace: 'Hemtjänst Väst', managerId: johan.aadObjectId, managerFromDirectory: true, permanentEmployment: true, employmentStart: '2018-03-01' },
      leave: { extentPercent: 50, start: '2027-02-01', end: '2027-06-30' },
      coApplicants: [{ personId: member, name: 'Mikael Ek', status: 'confirmed', invitedAt: now, respondedAt: now, permanentEmployment: true, employmentStart: '2016-01-01' }],
      approvals: [
        { memberId: sara.aadObjectId, memberName: sara.name, managerId: johan.aadObjectId, status: 'declined', requestedAt: now, decidedBy: johan.aadObjectId, decidedAt: now, reason: 'Inte i vår.' },
        { memberId: member, memberName: 'Mikael Ek', managerId: '00000000-0000-4000-8000-000000000012', status: 'pending', requestedAt: now },
      ],
    });
    await bot.app.services.applications.create(team, creationAudit(team));
    const hers = answerOf('application', await callTab(bot.app.url, 'application', {}, { demo: member }));
    expect(hers).toMatchObject({ lead: false, withdrawable: false });
    expect(hers.application?.leave).toBeUndefined();
    expect(hers.application?.about).toEqual({ municipality: 'Höganäs', administration: 'Vård och omsorg', workplace: 'Hemtjänst Väst' });
    expect(hers.approvals.map((x) => x.memberName)).toEqual(['Mikael Ek']);
    // Sara, the lead, reads it all.
    const sarasView = answerOf('application', await callTab(bot.app.url, 'application', {}, as(sara)));
    expect(sarasView.approvals.map((x) => x.memberName)).toEqual(['Sara Lindqvist', 'Mikael Ek']);
    expect(sarasView.application?.leave).toEqual({ extentPercent: 50, start: '2027-02-01', end: '2027-06-30' });
  });

  it('a person with no part yet sees the programme and whether intake is open', async () => {
    const me = answerOf('me', await callTab(bot.app.url, 'me', {}, as(sara)));
    expect(me).toMatchObject({ name: 'Sara Lindqvist', views: ['application', 'myData', 'privacy'], programme: { intakeOpen: true, cohortName: 'Pilot 1' } });
    const mine = answerOf('application', await callTab(bot.app.url, 'application', {}, as(sara)));
    expect(mine).toMatchObject({ application: null, programme: { intakeOpen: true } });
  });
});
