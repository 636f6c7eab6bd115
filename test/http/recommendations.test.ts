import demoDirectory from '../../src/demo/directory.json';
import { DEMO_COHORT_ID } from '../../src/demo/demo';
import { LocalDirectory } from '../../src/adapters/directory/local-directory';
import type { Person } from '../../src/domain/person';
import type { Directory } from '../../src/domain/ports';
import { cardOf, invokeCard, readable, said, type TeamsUser } from '../helpers/teams-client';
import { lastReply, testBotFor, type TestBot } from '../helpers/test-app';
import { erik, johan, lena, sara } from '../helpers/demo-users';
import { answerOf, callTab } from '../helpers/tab-client';

/** Two more people of the demo directory: Peter Lund is Noor Karimi's manager (Bjuv). */
const peter: TeamsUser = { aadObjectId: '00000000-0000-4000-8000-000000000012', name: 'Peter Lund' };
const noor: TeamsUser = { aadObjectId: '00000000-0000-4000-8000-000000000007', name: 'Noor Karimi' };

/** The demo directory, where a test can give a person a new manager (someone moves to another workplace). */
class MovableDirectory implements Directory {
  private readonly inner = new LocalDirectory(demoDirectory);
  readonly managers = new Map<string, string>();
  private moved(p: Person | null): Person | null {
    const to = p ? this.managers.get(p.id) : undefined;
    return p && to ? { ...p, managerId: to } : p;
  }
  async getPerson(id: string) {
    return this.moved(await this.inner.getPerson(id));
  }
  async findByEmail(email: string) {
    return this.moved(await this.inner.findByEmail(email));
  }
  async directReports(managerId: string) {
    return this.inner.all().map((p) => this.moved(p) as Person).filter((p) => p.managerId === managerId);
  }
  async *everyone() {
    yield this.inner.all().map((p) => this.moved(p) as Person);
  }
}

const isoDay = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);
const inChatOf = (bot: TestBot, user: TeamsUser) => (a: { conversationId: string }) => a.conversationId === bot.teams.conversationIdFor(user);

async function answer(bot: TestBot, user: TeamsUser, text: string): Promise<string> {
  await bot.teams.say(user, text);
  return said(lastReply(bot, user)!);
}

const directory = new MovableDirectory();

describe('a manager recommends someone who reports to them (issue 17), over HTTP with the fake Bot Connector', () => {
  const bot = testBotFor('each', {}, { directory });
  afterEach(() => directory.managers.clear());

  it('the employee gets the invitation, applies with its button, and the manager’s approval card says recommended; statistik counts it', async () => {
    expect(await answer(bot, johan, 'rekommendera sara.lindqvist@hoganas.example.se Sara har en idé om trygg hemgång som alla elva kommuner behöver.')).toContain(
      'Tack! Sara Lindqvist får en inbjudan att söka till Pilot 1, med det du skrev.',
    );
    const invitation = await bot.connector.waitFor((a) => inChatOf(bot, sara)(a) && said(a).includes('Johan Bergström tror att din idé passar i Acceleratorn'));
    expect(said(invitation)).toContain('Sara har en idé om trygg hemgång som alla elva kommuner behöver.');
    const card = JSON.stringify(cardOf(invitation.activity));
    expect(card).toContain('"verb":"intake.start"');
    expect(card).toContain('"verb":"recommendation.decline"');

    // "Ansök" on the invitation is the ordinary application.
    const form = await bot.teams.execute(sara, 'intake.start', {});
    // The form replaces the invitation, or comes as a new message beside it.
    const formCard = JSON.stringify(invokeCard(form) ?? '').includes('applicationId') ? invokeCard(form) : cardOf(lastReply(bot, sara)?.activity ?? {});
    const ref = JSON.parse(JSON.stringify(formCard).match(/\{"applicationId":"[^"]+","cohortId":"[^"]+"/)?.[0] + '}') as { applicationId: string; cohortId: string };
    expect((await bot.app.services.applications.get(ref.cohortId, ref.applicationId))?.value.recommendedBy).toEqual({ id: johan.aadObjectId, name: 'Johan Bergström' });
    await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'idea', nav: 'next', title: 'Trygg hemgång från sjukhuset', problem: 'Äldre som skrivs ut blir ensamma de första dygnen hemma.', description: 'En följeslagare från hemtjänsten möter upp vid utskrivningen.' });
    await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'benefit', nav: 'next', targetGroups: 'residents', benefit: 'Färre återinläggningar och tryggare invånare.', applicability: 'Alla elva kommuner har hemtjänst och samma utskrivning.' });
    await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'about', nav: 'next', municipality: 'Höganäs', administration: 'Vård och omsorg', workplace: 'Hemtjänst Väst', managerEmail: '', permanentEmployment: 'true', employmentStart: '2018-03-01' });
    await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'leave', nav: 'next', extentPercent: '50', leaveStart: isoDay(61), leaveEnd: isoDay(150), coApplicants: '' });
    const sent = await bot.teams.execute(sara, 'intake.submit', { ...ref, step: 'review', privacyAcknowledged: 'true' });
    expect(readable(invokeCard(sent))).toContain('Tack! Din ansökan är skickad.');

    const approval = await bot.connector.waitFor((a) => inChatOf(bot, johan)(a) && said(a).includes('Sara Lindqvist vill vara med i acceleratorprogrammet'));
    expect(said(approval)).toContain('Ansökan skickades efter en rekommendation från Johan Bergström.');

    expect(await answer(bot, erik, 'statistik')).toContain('Efter rekommendation: 1 skickad ansökan till Pilot 1.');
    expect(await answer(bot, { ...erik, locale: 'en-GB' }, 'statistics')).toContain('After a recommendation: 1 application sent to Pilot 1.');
    expect(await answer(bot, erik, 'rapport')).toContain('Efter rekommendation: 1 skickad ansökan till Pilot 1.');
    expect(await answer(bot, erik, `visa ${ref.applicationId}`)).toMatch(/Rekommenderad av\s+Johan Bergström/);
  });

  it('someone who does not report to you is refused, and so is a second recommendation of the same person in the cohort, also by another manager', async () => {
    expect(await answer(bot, johan, 'rekommendera noor.karimi@bjuv.example.se Noor har en idé om läxhjälp på biblioteken.')).toContain(
      'Du kan bara rekommendera någon som har dig som chef, och noor.karimi@bjuv.example.se har inte det enligt personalkatalogen.',
    );
    expect(await answer(bot, johan, 'rekommendera johan.bergstrom@hoganas.example.se Jag själv.')).toContain('Du kan inte rekommendera dig själv.');
    expect(await answer(bot, johan, 'rekommendera sara.lindqvist@hoganas.example.se')).toContain('Skriv några ord om varför efter e-postadressen.');
    expect(await answer(bot, johan, `rekommendera sara.lindqvist@hoganas.example.se ${'Å'.repeat(301)}`)).toContain('högst 300 tecken');
    expect(await bot.app.services.recommendations.get(DEMO_COHORT_ID, noor.aadObjectId)).toBeNull();

    expect(await answer(bot, peter, 'rekommendera noor.karimi@bjuv.example.se Noor har en idé om läxhjälp på biblioteken.')).toContain('Tack! Noor Karimi får en inbjudan');
    expect(await answer(bot, peter, 'rekommendera noor.karimi@bjuv.example.se En gång till.')).toContain(
      'Noor Karimi är redan rekommenderad till Pilot 1. Var och en kan bara rekommenderas en gång per kohort.',
    );
    // Noor moves to Johan's team: Johan is her manager now, and she is still recommended once in the cohort.
    directory.managers.set(noor.aadObjectId, johan.aadObjectId);
    expect(await answer(bot, { ...johan, locale: 'en-US' }, 'recommend noor.karimi@bjuv.example.se Her idea for homework help in libraries.')).toContain(
      'Noor Karimi has already been recommended to Pilot 1. Each person can be recommended once per cohort.',
    );
    const stored = await bot.app.services.recommendations.get(DEMO_COHORT_ID, noor.aadObjectId);
    expect(stored?.value).toMatchObject({ recommenderId: peter.aadObjectId, reason: 'Noor har en idé om läxhjälp på biblioteken.', status: 'open' });
    // One invitation reached Noor.
    await bot.connector.waitFor((a) => inChatOf(bot, noor)(a) && said(a).includes('Peter Lund tror att din idé passar i Acceleratorn'));
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.connector.activities.filter((a) => inChatOf(bot, noor)(a) && said(a).includes('tror att din idé passar'))).toHaveLength(1);
  });

  it('the employee declines; the manager is told; nobody else can decline for them (card data names only the cohort)', async () => {
    await answer(bot, peter, 'rekommendera noor.karimi@bjuv.example.se Noor har en idé om läxhjälp på biblioteken.');
    await bot.connector.waitFor((a) => inChatOf(bot, noor)(a) && said(a).includes('Peter Lund tror att din idé passar i Acceleratorn'));

    // Someone else sends the decline with the cohort (a forwarded card, or tampered data): nothing of Noor's changes.
    const tampered = await bot.teams.execute(lena, 'recommendation.decline', { cohortId: DEMO_COHORT_ID, personId: noor.aadObjectId });
    expect(readable(invokeCard(tampered))).toBe('Det finns ingen rekommendation till dig att svara på.');
    const bad = await bot.teams.execute(noor, 'recommendation.decline', { cohortId: '../../etc' });
    expect(readable(invokeCard(bad))).not.toContain('Du har tackat nej');
    expect((await bot.app.services.recommendations.get(DEMO_COHORT_ID, noor.aadObjectId))?.value.status).toBe('open');

    const no = await bot.teams.execute(noor, 'recommendation.decline', { cohortId: DEMO_COHORT_ID });
    expect(readable(invokeCard(no))).toContain('Du har tackat nej');
    const again = await bot.teams.execute(noor, 'recommendation.decline', { cohortId: DEMO_COHORT_ID });
    expect(readable(invokeCard(again))).toContain('Du har tackat nej');
    expect((await bot.app.services.recommendations.get(DEMO_COHORT_ID, noor.aadObjectId))?.value).toMatchObject({ status: 'declined', declinedAt: expect.any(String) });
    await bot.connector.waitFor((a) => inChatOf(bot, peter)(a) && said(a).includes('Noor Karimi har tackat nej till din rekommendation till Pilot 1.'));
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.connector.activities.filter((a) => inChatOf(bot, peter)(a) && said(a).includes('har tackat nej'))).toHaveLength(1);
  });

  it('the command is in a manager’s help, in both languages, and not in an employee’s', async () => {
    expect(await answer(bot, johan, 'hjälp')).toContain('rekommendera');
    expect(await answer(bot, { ...johan, locale: 'en-US' }, 'help')).toContain('recommend');
    expect(await answer(bot, sara, 'hjälp')).not.toContain('rekommendera');
  });
});

describe('a manager recommends in the tab, on the chat’s own rules', () => {
  const bot = testBotFor('each', { TAB_DEMO_SIGNIN: 'true' }, { directory });
  const as = (user: TeamsUser) => ({ demo: user.aadObjectId });

  it('recommends a report (the invitation goes out), refuses a second time and someone who does not report to the manager; not for employees', async () => {
    const done = answerOf('recommend', await callTab(bot.app.url, 'recommend', { email: ' sara.lindqvist@hoganas.example.se ', reason: 'Sara har en idé om trygg hemgång.' }, as(johan)));
    expect(done).toEqual({ personName: 'Sara Lindqvist', cohortName: 'Pilot 1' });
    await bot.connector.waitFor((a) => inChatOf(bot, sara)(a) && said(a).includes('Johan Bergström tror att din idé passar i Acceleratorn'));

    const again = await callTab(bot.app.url, 'recommend', { email: 'sara.lindqvist@hoganas.example.se', reason: 'En gång till.' }, as(johan));
    expect(again).toMatchObject({ status: 409, body: { error: 'RECOMMEND', facts: { reason: 'alreadyRecommended', personName: 'Sara Lindqvist', cohortName: 'Pilot 1' } } });
    const notMine = await callTab(bot.app.url, 'recommend', { email: 'noor.karimi@bjuv.example.se', reason: 'Noor har en idé.' }, as(johan));
    expect(notMine).toMatchObject({ status: 400, body: { error: 'RECOMMEND', facts: { reason: 'notYourReport' } } });
    const byEmployee = await callTab(bot.app.url, 'recommend', { email: 'sara.lindqvist@hoganas.example.se', reason: 'Jag själv.' }, as(sara));
    expect(byEmployee).toMatchObject({ status: 403, body: { error: 'NOT_ALLOWED' } });
    const tooLong = await callTab(bot.app.url, 'recommend', { email: 'x@example.se', reason: 'å'.repeat(10_000) }, as(johan));
    expect(tooLong.status).toBe(400);
    // Sara starts her application: the tab shows her who recommended it.
    await bot.teams.say(sara, 'ansök');
    const mine = answerOf('application', await callTab(bot.app.url, 'application', {}, as(sara)));
    expect(mine.application?.recommendedByName).toBe('Johan Bergström');
  });
});
