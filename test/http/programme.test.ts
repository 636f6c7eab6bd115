import { DEMO_COHORT_ID, DEMO_PEOPLE } from '../../src/demo/demo';
import type { Application } from '../../src/domain/application';
import type { ApplicationState } from '../../src/domain/application.state-machine';
import { embeddedStoreFor } from '../helpers/embedded-cosmos';
import { cardOf, readable, invokeCard, said } from '../helpers/teams-client';
import { confirmed } from '../helpers/card-actions';
import { repliesText, testBotFor, withTestBot, withTwoInstances, type TestBot } from '../helpers/test-app';
import { erik, amira, sara, johan, birgitta, mikael } from '../helpers/demo-users';
import { callTab } from '../helpers/tab-client';


const day = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);

/** Selected applications put straight into the store (intake, approval and jury are tested elsewhere). */
async function selected(bot: TestBot, cohortId: string, n: number, applicant = (i: number) => `person-${i}`): Promise<Application[]> {
  const now = new Date().toISOString();
  const apps: Application[] = [];
  for (let i = 0; i < n; i++) {
    const a: Application = {
      id: `A-PROG0${i}`,
      cohortId,
      applicantId: applicant(i),
      applicantName: `Deltagare ${i}`,
      state: 'selected',
      step: 'review',
      idea: { title: `Idé ${i}`, problem: 'Ett problem.', description: 'En idé.' },
      about: { municipality: 'Höganäs', administration: 'Vård', workplace: 'Väst', managerId: johan.aadObjectId, managerFromDirectory: true, permanentEmployment: true, employmentStart: '2018-03-01' },
      leave: { extentPercent: 50, start: '2027-01-04', end: '2027-06-30' },
      coApplicants: [],
      approvals: [{ memberId: applicant(i), memberName: `Deltagare ${i}`, managerId: johan.aadObjectId, status: 'approved', requestedAt: now }],
      deciderIds: [],
      createdAt: now,
      updatedAt: now,
    };
    await bot.app.services.applications.create(a, { id: `audit-${a.id}`, applicationId: a.id, cohortId, at: now, actorId: a.applicantId, actorKind: 'applicant', action: 'create', fromState: null, toState: 'selected' });
    apps.push(a);
  }
  return apps;
}

/** `starta fas N` and yes on its confirmation card; the card's text and the answer. */
async function startPhase(bot: TestBot, phase: 1 | 2 | 3): Promise<string> {
  const { asked, answer } = await confirmed(bot, erik, `starta fas ${phase}`, 'phase.start');
  return `${asked}\n${answer}`;
}

describe('coordinators run the programme over HTTP', () => {
  const bot = testBotFor('each');

  it('creates a cohort on a card, opens and closes intake, starts phase 1, records every gate outcome and a phase 3 outcome', async () => {
    await bot.teams.say(erik, 'ny kohort');
    expect(repliesText(bot, erik)).toContain('Ny kohort');
    const bad = await bot.teams.execute(erik, 'cohort.save', { cohortId: '', name: 'Pilot 2', intakeOpensOn: day(10), intakeClosesOn: day(5), programmeStartsOn: day(60), capacity: '10', budgetKr: '40 000', quorum: '3', normalise: 'false' });
    expect(readable(invokeCard(bad))).toContain('Intaget måste stänga efter att det öppnar.');
    const saved = await bot.teams.execute(erik, 'cohort.save', { cohortId: '', name: 'Pilot 2', intakeOpensOn: day(10), intakeClosesOn: day(40), programmeStartsOn: day(60), capacity: '10', budgetKr: '40 000', quorum: '3', normalise: 'true' });
    expect(readable(invokeCard(saved))).toContain('Ändra kohort: Pilot 2');
    const cohort = (await bot.app.services.cohorts.get('pilot-2'))?.value;
    expect(cohort).toMatchObject({ name: 'Pilot 2', capacity: 10, budgetPerParticipantOre: 4_000_000, quorum: 3, normalise: true });
    const outbox = await bot.app.store.containers.applications.items.query("SELECT * FROM c WHERE c.type = 'outbox' AND c.kind = 'intakeClose' AND c.cohortId = 'pilot-2'").fetchAll();
    expect(outbox.resources.map((o: { dueAt: string }) => o.dueAt)).toEqual([cohort?.intakeClosesAt]);

    await bot.teams.say(erik, 'stäng intag pilot 1');
    expect(repliesText(bot, erik)).toContain('Intaget till Pilot 1 är stängt.');
    await bot.teams.say(erik, 'öppna intag');
    expect(repliesText(bot, erik)).toContain('Intaget till Pilot 2 är öppet till');
    await bot.teams.say(sara, 'ansök');
    expect(repliesText(bot, sara)).toContain('Pilot 2: Din idé');
    await bot.teams.say(erik, 'stäng  intag');
    expect(repliesText(bot, erik)).toContain('Intaget till Pilot 2 är stängt.');
    expect((await bot.app.services.cohorts.get('pilot-2'))?.value.intakeClosedAt).toEqual(expect.any(String));

    const apps = await selected(bot, 'pilot-2', 4);
    expect(await startPhase(bot, 1)).toContain('Fas 1 har startat för 4 ansökningar.');
    const after = await bot.app.services.applications.get('pilot-2', apps[0]!.id);
    expect(after?.value).toMatchObject({ state: 'phase1', budget: { allocatedOre: 4_000_000, expenses: [] } });
    await bot.connector.waitFor((x) => x.conversationId.includes(johan.aadObjectId) && said(x).includes('Fas 1 har startat för ”Idé 0”'));

    await bot.teams.say(erik, 'gallring');
    expect(repliesText(bot, erik)).toContain('Gallring efter fas 1');
    const ref = (a: Application) => ({ applicationId: a.id, cohortId: a.cohortId });
    const noTeam = await bot.teams.execute(erik, 'gate.save', { ...ref(apps[2]!), outcome: 'joinOtherTeam' });
    expect(readable(invokeCard(noTeam))).toContain('Välj vilket team deltagaren går med i.');
    await bot.teams.execute(erik, 'gate.save', { ...ref(apps[0]!), outcome: 'continue' });
    await bot.teams.execute(erik, 'gate.save', { ...ref(apps[1]!), outcome: 'returnToJob' });
    await bot.teams.execute(erik, 'gate.save', { ...ref(apps[2]!), outcome: 'joinOtherTeam', joinedApplicationId: apps[0]!.id });
    const states = async () => Promise.all(apps.map(async (a) => (await bot.app.services.applications.get(a.cohortId, a.id))?.value.state));
    expect(await states()).toEqual<(ApplicationState | undefined)[]>(['continuing', 'returnedToJob', 'joinedOtherTeam', 'phase1']);
    expect((await bot.app.services.applications.get('pilot-2', apps[2]!.id))?.value.gate).toMatchObject({ outcome: 'joinOtherTeam', joinedApplicationId: apps[0]!.id, decidedBy: erik.aadObjectId });

    await startPhase(bot, 2);
    expect(await startPhase(bot, 3)).toContain('Fas 3 har startat för 1 ansökan.');
    await bot.teams.say(erik, `utfall ${apps[0]!.id.toLowerCase()}`);
    expect(repliesText(bot, erik)).toContain('Utfall: Idé 0');
    const missingAdmin = await bot.teams.execute(erik, 'outcome.save', { ...ref(apps[0]!), kind: 'handedToLine', ipOwner: 'municipality' });
    expect(readable(invokeCard(missingAdmin))).toContain('Skriv vilken förvaltning som tar över idén.');
    const outcome = await bot.teams.execute(erik, 'outcome.save', { ...ref(apps[0]!), kind: 'handedToLine', ipOwner: 'municipality', receivingAdministration: 'Vård- och omsorgsförvaltningen' });
    expect(readable(invokeCard(outcome))).toContain('Utfallet är sparat och slutgiltigt.');
    const final = (await bot.app.services.applications.get('pilot-2', apps[0]!.id))?.value;
    expect(final).toMatchObject({ state: 'handedToLine', outcome: { kind: 'handedToLine', ipOwner: 'municipality', receivingAdministration: 'Vård- och omsorgsförvaltningen', decidedBy: erik.aadObjectId } });
    const again = await bot.teams.execute(erik, 'outcome.save', { ...ref(apps[0]!), kind: 'ended', ipOwner: 'participant' });
    expect(readable(invokeCard(again))).not.toContain('Utfallet är sparat');
    const trail = await bot.app.services.applications.auditTrail('pilot-2', apps[0]!.id);
    expect(trail.map((e) => [e.action, e.actorId])).toEqual([
      ['create', 'person-0'],
      ['startPhase1', erik.aadObjectId],
      ['gateContinue', erik.aadObjectId],
      ['startPhase2', erik.aadObjectId],
      ['startPhase3', erik.aadObjectId],
      ['handToLine', erik.aadObjectId],
    ]);
    await bot.teams.say(erik, `logg ${apps[0]!.id}`);
    expect(repliesText(bot, erik)).toContain('Logg för A-PROG00');
    await bot.teams.say(erik, 'statistik');
    expect(repliesText(bot, erik)).toContain('Statistik: Pilot 2');
  }, 30000);

  it('budgets: an approved and a rejected expense, an overspend refused, amounts exact to the öre', async () => {
    const [app] = await selected(bot, DEMO_COHORT_ID, 1, () => sara.aadObjectId);
    await startPhase(bot, 1);
    await bot.teams.say(sara, 'utlägg 30 000 prototyp');
    expect(repliesText(bot, sara)).toContain('Utlägget på 30\u00a0000\u00a0kr väntar på HR:s godkännande. Kvar att använda: 20\u00a0000\u00a0kr.');
    const card = await bot.connector.waitFor((x) => x.conversationId.includes(amira.aadObjectId) && said(x).includes('Utlägg att godkänna: Deltagare 0'));
    const expenseId = JSON.stringify(cardOf(card.activity)).match(/"expenseId":"([^"]+)"/)?.[1];
    const ref = { applicationId: app!.id, cohortId: app!.cohortId };

    const byOther = await bot.teams.execute(erik, 'expense.decide', { ...ref, expenseId, decision: 'approve' });
    expect(readable(invokeCard(byOther))).toContain('Det här utlägget godkänns av HR-ansvarig');
    const approved = await bot.teams.execute(amira, 'expense.decide', { ...ref, expenseId, decision: 'approve' });
    expect(readable(invokeCard(approved))).toContain('Godkänt: 30\u00a0000\u00a0kr.');
    await bot.connector.waitFor((x) => x.conversationId === bot.teams.conversationIdFor(sara) && said(x).includes('Ditt utlägg på 30\u00a0000\u00a0kr är godkänt.'));

    await bot.teams.say(sara, 'utlägg 20 000,01 lokalhyra');
    expect(repliesText(bot, sara)).toContain('Det här går över budgeten. Kvar att använda: 20\u00a0000\u00a0kr.');
    await bot.teams.say(sara, 'utlägg 1 200,50 kr material');
    const second = await bot.connector.waitFor((x) => x.conversationId.includes(amira.aadObjectId) && said(x).includes('1\u00a0200,50\u00a0kr'));
    const secondId = JSON.stringify(cardOf(second.activity)).match(/"expenseId":"([^"]+)"/)?.[1];
    const noReason = await bot.teams.execute(amira, 'expense.decide', { ...ref, expenseId: secondId, decision: 'reject' });
    expect(readable(invokeCard(noReason))).toContain('Skriv en kort motivering.');
    await bot.teams.execute(amira, 'expense.decide', { ...ref, expenseId: secondId, decision: 'reject', reason: 'Material ingår i fas 2.' });
    const budget = (await bot.app.services.applications.get(ref.cohortId, ref.applicationId))?.value.budget;
    expect(budget?.expenses.map((e) => [e.ore, e.status])).toEqual([
      [3_000_000, 'approved'],
      [120_050, 'rejected'],
    ]);
    await bot.teams.say(sara, 'utlägg hundra kronor');
    expect(repliesText(bot, sara)).toContain('Skriv **utlägg** följt av belopp');
  });
});

describe('roles, mentors and the application list', () => {
  it('a coordinator changes roles and assigns a mentor; the others are refused', () =>
    withTestBot(async (bot) => {
      const [app] = await selected(bot, DEMO_COHORT_ID, 1, () => sara.aadObjectId);
      await bot.teams.say(amira, 'samordnare lägg till lena.holm@landskrona.example.se');
      expect(repliesText(bot, amira)).toContain('Det här kan bara samordnare göra.');
      await bot.teams.say(erik, 'samordnare lägg till lena.holm@landskrona.example.se');
      expect(repliesText(bot, erik)).toContain('Lena Holm är nu samordnare.');
      expect((await bot.app.services.settings.get())?.value.coordinatorIds).toContain(DEMO_PEOPLE.juror);
      await bot.teams.say(erik, 'hr Bjuv peter.lund@bjuv.example.se');
      expect(repliesText(bot, erik)).toContain('Peter Lund är nu HR-ansvarig för Bjuv.');
      await bot.teams.say(erik, 'hr Malmö peter.lund@bjuv.example.se');
      expect(repliesText(bot, erik)).toContain('Malmö är inte en av de elva kommunerna.');

      await bot.teams.say(erik, `mentor ${app!.id} elin.nilsson@orkelljunga.example.se`);
      expect(repliesText(bot, erik)).toContain('Elin Nilsson är mentor för A-PROG00.');
      await bot.connector.waitFor((x) => x.conversationId.includes('00000000-0000-4000-8000-000000000015') && said(x).includes('Du är mentor för ”Idé 0”. Teamet: Deltagare 0.'));
      await bot.connector.waitFor((x) => x.conversationId === bot.teams.conversationIdFor(sara) && said(x).includes('Elin Nilsson är mentor för ”Idé 0”.'));

      await bot.teams.say(erik, 'ansökningar antagen');
      expect(repliesText(bot, erik)).toContain('Ansökningar i Pilot 1 (1)');
      const page = await bot.teams.execute(erik, 'list.page', { page: '1', filter: 'antagen' });
      expect(readable(invokeCard(page))).toContain('Ansökningar i Pilot 1 (1)');
      await bot.teams.say(erik, 'ansökningar Bjuv');
      expect(repliesText(bot, erik)).toContain('Inga ansökningar matchar.');
    }));
});

describe('the steering group, set by the coordinators', () => {
  const MIKAEL = 'mikael.ek@angelholm.example.se';

  it('a coordinator adds a person, who can then read the report in the chat and the tab, and removes them again; others are refused', () =>
    withTestBot(
      async (bot) => {
        const steeringGroup = async () => (await bot.app.services.settings.get())?.value.steeringGroupIds;
        const tabReport = async () => (await callTab(bot.app.url, 'report', {}, { demo: mikael.aadObjectId })).status;
        expect(await steeringGroup()).toEqual([birgitta.aadObjectId]);

        // Before: Mikael is a juror, not in the steering group, and may not read the report.
        await bot.teams.say(mikael, 'rapport');
        expect(repliesText(bot, mikael)).toContain('Det här kan bara samordnare och styrgruppen göra.');
        expect(await tabReport()).toBe(403);

        // Only a coordinator sets the steering group; its own members cannot.
        for (const someone of [birgitta, mikael, amira]) {
          await bot.teams.say(someone, `styrgrupp lägg till ${MIKAEL}`);
          expect(repliesText(bot, someone)).toContain('Det här kan bara samordnare göra.');
        }
        expect(await steeringGroup()).toEqual([birgitta.aadObjectId]);

        await bot.teams.say(erik, `styrgrupp lägg till ${MIKAEL}`);
        expect(repliesText(bot, erik)).toContain('Mikael Ek är nu med i styrgruppen och kan läsa rapporten.');
        expect(await steeringGroup()).toEqual([birgitta.aadObjectId, mikael.aadObjectId]);
        await bot.teams.say(erik, `Styrgruppen lägg till ${MIKAEL}`);
        expect(await steeringGroup()).toEqual([birgitta.aadObjectId, mikael.aadObjectId]);

        await bot.teams.say(mikael, 'rapport');
        expect(repliesText(bot, mikael)).toContain('Rapport: Pilot 1');
        expect(await tabReport()).toBe(200);
        await bot.teams.say(mikael, 'hjälp');
        expect(repliesText(bot, mikael)).toContain('Dina roller: medarbetare, jurymedlem och styrgruppen');

        await bot.teams.say(erik, `styrgrupp ta bort ${MIKAEL}`);
        expect(repliesText(bot, erik)).toContain('Mikael Ek är inte längre med i styrgruppen.');
        expect(await steeringGroup()).toEqual([birgitta.aadObjectId]);
        await bot.teams.say(mikael, 'rapport');
        expect(repliesText(bot, mikael)).toContain('Det här kan bara samordnare och styrgruppen göra.');
        expect(await tabReport()).toBe(403);

        // In English, two words for the command.
        await bot.teams.say({ ...erik, locale: 'en-US' }, `steering group add ${MIKAEL}`);
        expect(repliesText(bot, erik)).toContain('Mikael Ek is now in the steering group and can read the report.');
        await bot.teams.say({ ...erik, locale: 'en-US' }, `steering group remove ${MIKAEL}`);
        expect(repliesText(bot, erik)).toContain('Mikael Ek is no longer in the steering group.');
        expect(await steeringGroup()).toEqual([birgitta.aadObjectId]);
      },
      { TAB_DEMO_SIGNIN: 'true' },
    ));

  it('answers an e-mail nobody has, and a command without one, clearly and without changing anything', () =>
    withTestBot(async (bot) => {
      const before = await bot.app.services.settings.get();
      await bot.teams.say(erik, 'styrgrupp lägg till ingen.alls@helsingborg.example.se');
      expect(repliesText(bot, erik)).toContain('Vi hittar ingen med adressen ingen.alls@helsingborg.example.se i personalkatalogen.');
      await bot.teams.say(erik, 'styrgrupp ta bort namn@@bjuv.se');
      expect(repliesText(bot, erik)).toContain('Vi hittar ingen med adressen namn@@bjuv.se i personalkatalogen.');
      await bot.teams.say(erik, 'styrgrupp');
      expect(repliesText(bot, erik)).toContain('**styrgrupp lägg till** eller **styrgrupp ta bort** med en e-postadress');
      expect(await bot.app.services.settings.get()).toEqual(before);
      // The coordinators' help tells about the command; an employee's does not.
      await bot.teams.say(erik, 'hjälp');
      expect(repliesText(bot, erik)).toContain('Lägger till eller tar bort någon i styrgruppen');
      await bot.teams.say(sara, 'hjälp');
      expect(repliesText(bot, sara)).not.toContain('styrgrupp');
    }));
});

describe('the automatic intake close', () => {
  const store = embeddedStoreFor('intake-close');

  it('runs once at the deadline, with a controllable clock and two instances', () =>
    withTwoInstances(store(), async (a, b, clock) => {
      await a.teams.say(erik, 'hjälp');
      await b.teams.say(erik, 'hjälp');
      const deadline = (await a.app.services.cohorts.get(DEMO_COHORT_ID))!.value.intakeClosesAt;
      await a.teams.execute(erik, 'cohort.save', { cohortId: DEMO_COHORT_ID, name: 'Pilot 1', intakeOpensOn: day(-7), intakeClosesOn: day(30), programmeStartsOn: day(60), capacity: '12', budgetKr: '50 000', quorum: '3', normalise: 'false' });
      const scheduled = (await a.app.services.cohorts.get(DEMO_COHORT_ID))!.value.intakeClosesAt;
      expect(scheduled).not.toBe(deadline);
      const both = () => Promise.all([a.app.outbox.runOnce(), b.app.outbox.runOnce()]);
      await both();
      expect((await a.app.services.cohorts.get(DEMO_COHORT_ID))?.value.intakeClosedAt).toBeUndefined();

      clock.t = Date.parse(scheduled) + 1000;
      await Promise.all([a.app.outbox.runOnce(), b.app.outbox.runOnce(), a.app.outbox.runOnce(), b.app.outbox.runOnce()]);
      await both();
      expect((await a.app.services.cohorts.get(DEMO_COHORT_ID))?.value.intakeClosedAt).toEqual(clock.now().toISOString());
      const told = [...a.connector.activities, ...b.connector.activities].filter((x) => said(x).includes('Intaget till Pilot 1 har stängt.'));
      expect(told).toHaveLength(1);
      const jobs = await store().containers.applications.items.query("SELECT * FROM c WHERE c.type = 'outbox' AND c.kind = 'intakeClose'").fetchAll();
      expect(jobs.resources.map((j: { status: string; dueAt: string }) => [j.dueAt === scheduled ? 'new' : 'old', j.status]).sort()).toEqual([['new', 'sent']]);
    }), 30000);
});
