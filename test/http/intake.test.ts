import { DEMO_COHORT_ID, DEMO_PEOPLE } from '../../src/demo/demo';
import { cardOf, type TeamsUser, readable, invokeCard } from '../helpers/teams-client';
import { embeddedStoreFor } from '../helpers/embedded-cosmos';
import { lastReply, startTestBot, testBotFor, withTestBot } from '../helpers/test-app';
import { allApplications } from '../helpers/store-reads';
import { sara, johan } from '../helpers/demo-users';

const henrik: TeamsUser = { aadObjectId: '00000000-0000-4000-8000-000000000010', name: 'Henrik Sjöberg', locale: 'en-GB' };

const refOf = (card: unknown): { applicationId: string; cohortId: string } => {
  const found = JSON.stringify(card).match(/"applicationId":"([^"]+)","cohortId":"([^"]+)"/);
  if (!found?.[1] || !found[2]) throw new Error(`no application reference in ${JSON.stringify(card).slice(0, 300)}`);
  return { applicationId: found[1], cohortId: found[2] };
};

const idea = {
  title: 'Trygg hemgång från sjukhuset',
  problem: 'Äldre som skrivs ut från sjukhuset blir ofta ensamma de första dygnen hemma.',
  description: 'En följeslagare från hemtjänsten möter upp vid utskrivningen och stannar första kvällen.',
};
const benefit = {
  targetGroups: 'residents,organisation',
  benefit: 'Färre återinläggningar och tryggare invånare; hemtjänsten planerar bättre.',
  applicability: 'Alla elva kommuner har hemtjänst och samma utskrivningsprocess med regionen.',
};
const about = { municipality: 'Höganäs', administration: 'Vård- och omsorgsförvaltningen', workplace: 'Hemtjänst Väst', managerEmail: '', permanentEmployment: 'true', employmentStart: '2018-03-01' };
const leave = () => {
  const start = new Date(Date.now() + 61 * 86400_000).toISOString().slice(0, 10);
  const end = new Date(Date.now() + 150 * 86400_000).toISOString().slice(0, 10);
  return { extentPercent: '50', leaveStart: start, leaveEnd: end, coApplicants: '' };
};

const bot = testBotFor('all');

async function storedApplication(personId: string) {
  return bot.app.services.applications.findByApplicant(DEMO_COHORT_ID, personId);
}

describe('applying through the bot, in Swedish', () => {
  it('goes from ansök to submitted; the application, its audit trail and the manager request are stored', async () => {
    await bot.teams.say(sara, 'ansök');
    const first = cardOf(lastReply(bot, sara)?.activity ?? {});
    expect(readable(first)).toContain('Pilot 1: Din idé');
    expect(readable(first)).toContain('Steg 1 av 5');
    const ref = refOf(first);

    const step2 = await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'idea', nav: 'next', ...idea });
    expect(readable(invokeCard(step2))).toContain('Steg 2 av 5');
    const step3 = await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'benefit', nav: 'next', ...benefit });
    const aboutCard = readable(invokeCard(step3));
    expect(aboutCard).toContain('Steg 3 av 5');
    expect(aboutCard).toContain('Enligt personalkatalogen är Johan Bergström din chef.');
    expect(JSON.stringify(invokeCard(step3))).toContain('"value":"Vård- och omsorgsförvaltningen"'); // prefilled from the directory
    const step4 = await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'about', nav: 'next', ...about });
    expect(readable(invokeCard(step4))).toContain('Tjänstledighet och team');
    const review = await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'leave', nav: 'next', ...leave() });
    expect(readable(invokeCard(review))).toContain('Allt ser bra ut.');

    const submitted = await bot.teams.execute(sara, 'intake.submit', { ...ref, step: 'review', privacyAcknowledged: 'true' });
    const done = readable(invokeCard(submitted));
    expect(done).toContain('Tack! Din ansökan är skickad.');
    expect(done).toContain('Johan Bergström får nu en förfrågan');

    const stored = await storedApplication(sara.aadObjectId);
    expect(stored?.value).toMatchObject({
      state: 'awaitingManager',
      idea,
      benefit: { targetGroups: ['residents', 'organisation'], benefit: benefit.benefit, applicability: benefit.applicability },
      about: { municipality: 'Höganäs', managerId: DEMO_PEOPLE.manager, managerFromDirectory: true, permanentEmployment: true, employmentStart: '2018-03-01' },
      leave: { extentPercent: 50 },
      privacyAcknowledgedAt: expect.any(String),
      submittedAt: expect.any(String),
    });
    const trail = await bot.app.services.applications.auditTrail(ref.cohortId, ref.applicationId);
    expect(trail.map((e) => [e.action, e.fromState, e.toState, e.actorId])).toEqual([
      ['create', null, 'draft', sara.aadObjectId],
      ['submit', 'draft', 'awaitingManager', sara.aadObjectId],
    ]);
    const { resources: outbox } = await bot.app.store.containers.applications.items
      .query({ query: "SELECT * FROM c WHERE c.type = 'outbox' AND c.applicationId = @id", parameters: [{ name: '@id', value: ref.applicationId }] })
      .fetchAll();
    // The manager's card now; a reminder and the escalation job wait for their due time (working days later).
    expect(outbox.map((o: { kind: string; recipientId: string }) => [o.kind, o.recipientId])).toEqual([
      ['managerApprovalRequest', DEMO_PEOPLE.manager],
      ['approvalReminder', DEMO_PEOPLE.manager],
      ['approvalEscalation', 'system'],
    ]);
    const due = (kind: string) => Date.parse(outbox.find((o: { kind: string }) => o.kind === kind).dueAt);
    expect(due('approvalReminder')).toBeGreaterThan(Date.now() + 24 * 3600_000);
    expect(due('approvalEscalation')).toBeGreaterThan(due('approvalReminder'));

    // status shows where it stands; a second ansök resumes the same application instead of starting another
    await bot.teams.say(sara, 'status');
    const status = readable(cardOf(lastReply(bot, sara)?.activity ?? {}));
    expect(status).toContain('Väntar på chefens beslut');
    expect(status).toContain('Du skickade ansökan');
    await bot.teams.say(sara, 'ansök');
    expect((await allApplications(bot.app.services.applications, DEMO_COHORT_ID)).filter((a) => a.applicantId === sara.aadObjectId)).toHaveLength(1);
  });
});

describe('the Ansök button on the welcome card', () => {
  it('opens the form as a new message and leaves the welcome card as it was', async () => {
    const elin: TeamsUser = { aadObjectId: '00000000-0000-4000-8000-000000000015', name: 'Elin Nilsson' };
    const res = await bot.teams.execute(elin, 'intake.start', {});
    expect(res.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Svaret kommer här i chatten.' });
    expect(readable(cardOf(lastReply(bot, elin)?.activity ?? {}))).toContain('Steg 1 av 5');
  });
});

describe('applying through the bot, in English', () => {
  it('goes from apply to submitted with a manager named by e-mail', async () => {
    await bot.teams.say(henrik, 'apply');
    const first = cardOf(lastReply(bot, henrik)?.activity ?? {});
    expect(readable(first)).toContain('Pilot 1: Your idea');
    const ref = refOf(first);
    await bot.teams.execute(henrik, 'intake.save', { ...ref, step: 'idea', nav: 'next', title: 'Library lending of tools', problem: 'Households buy tools they use once a year and then throw away.', description: 'Lend tools from the library like books, with booking in the app.' });
    await bot.teams.execute(henrik, 'intake.save', { ...ref, step: 'benefit', nav: 'next', targetGroups: 'residents,associations', benefit: 'Residents save money and associations get tools for their work.', applicability: 'Every municipality has a library and could share one catalogue.' });
    const noManager = await bot.teams.execute(henrik, 'intake.save', { ...ref, step: 'about', nav: 'next', municipality: 'Perstorp', administration: 'Kultur och fritid', workplace: 'Biblioteket', managerEmail: '', permanentEmployment: 'true', employmentStart: '2014-10-01' });
    expect(readable(invokeCard(noManager))).toContain('Please fill this in.'); // nobody in the directory, so the manager is needed
    await bot.teams.execute(henrik, 'intake.save', { ...ref, step: 'about', nav: 'next', municipality: 'Perstorp', administration: 'Kultur och fritid', workplace: 'Biblioteket', managerEmail: 'Karin.Aberg@hoganas.example.se', permanentEmployment: 'true', employmentStart: '2014-10-01' });
    await bot.teams.execute(henrik, 'intake.save', { ...ref, step: 'leave', nav: 'next', ...leave() });
    const withoutPrivacy = await bot.teams.execute(henrik, 'intake.submit', { ...ref, step: 'review', privacyAcknowledged: 'false' });
    expect(readable(invokeCard(withoutPrivacy))).toContain('that you have read how your data is handled');
    const submitted = await bot.teams.execute(henrik, 'intake.submit', { ...ref, step: 'review', privacyAcknowledged: 'true' });
    expect(readable(invokeCard(submitted))).toContain('Thank you! Your application has been sent.');
    expect((await storedApplication(henrik.aadObjectId))?.value).toMatchObject({
      state: 'awaitingManager',
      about: { managerId: '00000000-0000-4000-8000-000000000011', managerFromDirectory: false },
    });
  });
});

describe('bad input changes nothing and is explained', () => {
  const noor: TeamsUser = { aadObjectId: '00000000-0000-4000-8000-000000000013', name: 'Fatima Yilmaz' };
  let ref: { applicationId: string; cohortId: string };

  beforeAll(async () => {
    await bot.teams.say(noor, 'ansök');
    ref = refOf(cardOf(lastReply(bot, noor)?.activity ?? {}));
  });

  const unchanged = async () => {
    const stored = await bot.app.services.applications.get(ref.cohortId, ref.applicationId);
    expect(stored?.value.idea).toBeUndefined();
    expect(stored?.value.step).toBe('idea');
  };

  it.each([
    ['missing fields', { title: 'Bra idé' }, ['Fyll i det här.']],
    ['wrong types', { title: { nested: true }, problem: ['a'], description: 12 }, ['Fyll i det här.', 'Skriv minst 20 tecken.']],
    ['oversized text', { title: 'x'.repeat(500), problem: idea.problem, description: idea.description }, ['Skriv högst 120 tecken.']],
  ])('%s: the card comes back with the values kept and the message by the field', async (_name, values, expected) => {
    const res = await bot.teams.execute(noor, 'intake.save', { ...ref, step: 'idea', nav: 'next', ...values });
    const text = readable(invokeCard(res));
    expect(text).toContain('Något behöver rättas.');
    for (const e of expected) expect(text).toContain(e);
    if (typeof values.title === 'string') expect(JSON.stringify(invokeCard(res))).toContain(JSON.stringify(values.title).slice(0, 60));
    await unchanged();
  });

  it('a payload naming another person’s application is refused and changes nothing', async () => {
    const res = await bot.teams.execute(johan, 'intake.save', { ...ref, step: 'idea', nav: 'next', ...idea });
    expect(readable(invokeCard(res))).toContain('Du har inte behörighet att göra det här.');
    const submit = await bot.teams.execute(johan, 'intake.submit', { ...ref, step: 'review', privacyAcknowledged: 'true' });
    expect(readable(invokeCard(submit))).toContain('Du har inte behörighet att göra det här.');
    await unchanged();
  });

  it('a payload without a usable reference, or with an unknown verb, gets a clear message', async () => {
    for (const data of [{ step: 'idea' }, { ...ref, step: 'nope' }, { ...ref, applicationId: 'x'.repeat(500), step: 'idea' }]) {
      const res = await bot.teams.execute(noor, 'intake.save', data);
      expect(res.status).toBe(200);
    }
    await bot.teams.submit(noor, { verb: 'intake.delete', ...ref });
    expect(String(lastReply(bot, noor)?.activity.text)).toContain('Den här knappen fungerar inte längre.');
    await unchanged();
  });

  it.each([
    ['0 %', '0', 'Tjänstledigheten ska vara mellan 10 och 100 procent.'],
    ['101 %', '101', 'Tjänstledigheten ska vara mellan 10 och 100 procent.'],
    ['half a percent', '12.5', 'Det här ser inte rätt ut.'],
  ])('leave of %s is refused next to the field', async (_name, extent, expected) => {
    const res = await bot.teams.execute(noor, 'intake.save', { ...ref, step: 'leave', nav: 'next', ...leave(), extentPercent: extent });
    expect(readable(invokeCard(res))).toContain(expected);
    expect((await bot.app.services.applications.get(ref.cohortId, ref.applicationId))?.value.leave).toBeUndefined();
  });
});

describe('user text cannot format, link or mention in any card', () => {
  it('renders a markdown title as plain text on the review and status cards', async () => {
    const maja: TeamsUser = { aadObjectId: '00000000-0000-4000-8000-000000000009', name: 'Maja Ström' };
    const hostile = '[klicka här](https://example.org) **VIKTIGT**';
    await bot.teams.say(maja, 'ansök');
    const ref = refOf(cardOf(lastReply(bot, maja)?.activity ?? {}));
    await bot.teams.execute(maja, 'intake.save', { ...ref, step: 'idea', nav: 'next', title: hostile, problem: idea.problem, description: idea.description });
    const back = await bot.teams.execute(maja, 'intake.save', { ...ref, step: 'benefit', nav: 'back', ...benefit });
    expect(JSON.stringify(invokeCard(back))).toContain(JSON.stringify(hostile)); // the input keeps exactly what was typed
    await bot.teams.say(maja, 'status');
    const status = cardOf(lastReply(bot, maja)?.activity ?? {});
    const markdownTexts = JSON.stringify(status).match(/"type":"TextBlock","text":"[^"]*klicka[^"]*"/g) ?? [];
    expect(markdownTexts).toEqual([]); // never in a TextBlock (Markdown) ...
    expect(JSON.stringify(status)).toContain(`{"type":"TextRun","text":${JSON.stringify(hostile)}`); // ... only as a TextRun (plain)
  });
});

describe('intake outside the window', () => {
  it('says intake is closed and when the next cohort opens', () =>
    withTestBot(async (closed) => {
      const now = Date.now();
      const cohort = (iso: number) => new Date(iso).toISOString();
      await closed.app.services.cohorts.save({ id: 'pilot-2', name: 'Pilot 2', intakeOpensAt: cohort(now + 10 * 86400_000), intakeClosesAt: cohort(now + 40 * 86400_000), programmeStartsOn: '2027-09-01', capacity: 10, budgetPerParticipantOre: 5_000_000, jurorIds: [], mentorIds: [], sponsorIds: [] });
      await closed.teams.say(sara, 'ansök');
      const text = readable(cardOf(lastReply(closed, sara)?.activity ?? {}));
      expect(text).toContain('Intaget till acceleratorprogrammet är stängt just nu.');
      expect(text).toMatch(/Nästa intag öppnar \d{1,2} \w+ 20\d\d/);
      expect(await allApplications(closed.app.services.applications, 'pilot-2')).toEqual([]);
    }, { SEED_DEMO: 'false' }));
});

describe('stopping half-way and coming back after a restart', () => {
  const store = embeddedStoreFor('intake-restart');

  it('resumes at the same step with the values kept, in a new process on the same store', async () => {
    const first = await startTestBot({}, { store: store() });
    await first.teams.say(sara, 'ansök');
    const ref = refOf(cardOf(lastReply(first, sara)?.activity ?? {}));
    await first.teams.execute(sara, 'intake.save', { ...ref, step: 'idea', nav: 'next', ...idea });
    await first.stop();

    await withTestBot(async (second) => {
      await second.teams.say(sara, 'ansök');
      const resumed = cardOf(lastReply(second, sara)?.activity ?? {});
      expect(readable(resumed)).toContain('Välkommen tillbaka!');
      expect(readable(resumed)).toContain('Steg 2 av 5');
      expect(refOf(resumed)).toEqual(ref);
      const back = await second.teams.execute(sara, 'intake.save', { ...ref, step: 'benefit', nav: 'back', ...benefit });
      expect(JSON.stringify(invokeCard(back))).toContain(JSON.stringify(idea.title));
    }, {}, { store: store() });
  });
});
