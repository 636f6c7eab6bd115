import { DEMO_COHORT_ID } from '../../src/demo/demo';
import type { Application } from '../../src/domain/application';
import { cardOf, cardTexts, type TeamsUser, readable, invokeCard, said } from '../helpers/teams-client';
import { buttonData, confirmed, lastCard } from '../helpers/card-actions';
import { repliesText, testBotFor, type TestBot } from '../helpers/test-app';
import { erik, amira, sara, johan } from '../helpers/demo-users';

/**
 * Issue 13, the coordinators' and participants' part of the chat: each test is named after the defect it shows
 * fixed, and each failed on the main branch before the fix.
 */

const maja: TeamsUser = { aadObjectId: '00000000-0000-4000-8000-000000000009', name: 'Maja Ström' };

const NBSP = '\u00a0';
type Card = { body: Record<string, unknown>[] };

/** Two selected teams in the demo cohort, Sara's second: put in the store (intake, approval and jury are tested elsewhere). */
async function twoSelected(bot: TestBot): Promise<Application[]> {
  const now = new Date().toISOString();
  const apps: Application[] = [];
  for (const [i, applicantId, name] of [[0, '00000000-0000-4000-8000-000000000010', 'Henrik Sjöberg'], [1, sara.aadObjectId, sara.name]] as const) {
    const a: Application = {
      id: `A-CHAT0${i}`,
      cohortId: DEMO_COHORT_ID,
      applicantId,
      applicantName: name,
      state: 'selected',
      step: 'review',
      idea: { title: `Idé ${i}`, problem: 'Ett problem som många kommuner delar.', description: 'En idé som prövas i programmet.' },
      benefit: { targetGroups: ['residents'], benefit: 'Nytta för invånarna.', applicability: 'Fungerar i alla elva kommuner.' },
      about: { municipality: 'Höganäs', administration: 'Vård och omsorg', workplace: 'Hemtjänst Väst', managerId: johan.aadObjectId, managerFromDirectory: true, permanentEmployment: true, employmentStart: '2018-03-01' },
      leave: { extentPercent: 50, start: '2027-01-04', end: '2027-06-30' },
      coApplicants: [],
      approvals: [{ memberId: applicantId, memberName: name, managerId: johan.aadObjectId, status: 'approved', requestedAt: now }],
      deciderIds: [],
      createdAt: now,
      updatedAt: now,
    };
    await bot.app.services.applications.create(a, { id: `audit-${a.id}`, applicationId: a.id, cohortId: a.cohortId, at: now, actorId: a.applicantId, actorKind: 'applicant', action: 'create', fromState: null, toState: 'selected' });
    apps.push(a);
  }
  return apps;
}

const ref = (a: Application) => ({ applicationId: a.id, cohortId: a.cohortId });

/** `starta fas N` and yes on its confirmation card; the card's text and the answer. */
async function startPhase(bot: TestBot, phase: 1 | 2 | 3): Promise<string> {
  const { asked, answer } = await confirmed(bot, erik, `starta fas ${phase}`, 'phase.start');
  return `${asked}\n${answer}`;
}

/** The two teams through phase 1, the gate (both continue) and phase 2, into phase 3. */
async function intoPhase3(bot: TestBot, apps: readonly Application[]): Promise<void> {
  for (const a of apps) await bot.teams.execute(erik, 'gate.save', { ...ref(a), outcome: 'continue' });
  await startPhase(bot, 2);
  await startPhase(bot, 3);
}

/** The expense Sara reports, as HR's card carries it. */
async function reportedExpense(bot: TestBot, text: string, amount: string): Promise<{ expenseId: string; card: Card }> {
  await bot.teams.say(sara, text);
  const sent = await bot.connector.waitFor((x) => x.conversationId.includes(amira.aadObjectId) && said(x).includes(amount));
  const card = cardOf(sent.activity) as unknown as Card;
  return { expenseId: JSON.stringify(card).match(/"expenseId":"([^"]+)"/)?.[1] ?? '', card };
}

/** The element right after the input `id` on a card: where its error stands. */
function besideInput(card: unknown, id: string): { value: unknown; next: string } {
  const body = (card as Card).body;
  const at = body.findIndex((e) => e.id === id);
  if (at < 0) throw new Error(`no input ${id} on the card`);
  return { value: body[at]?.value, next: String(body[at + 1]?.text ?? '') };
}

/** An instant as Stockholm's wall clock reads it (UTC+1, or UTC+2 between the last Sundays of March and October at 01:00 UTC). */
function stockholmMinute(iso: string): string {
  const t = new Date(iso);
  const lastSunday = (month: number) => {
    const d = new Date(Date.UTC(t.getUTCFullYear(), month + 1, 0, 1));
    return d.getTime() - d.getUTCDay() * 86_400_000;
  };
  const summer = t.getTime() >= lastSunday(2) && t.getTime() < lastSunday(9);
  return new Date(t.getTime() + (summer ? 2 : 1) * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

describe('the programme in the chat, as coordinators, HR and participants need it (issue 13)', () => {
  const bot = testBotFor('each');

  it('defect 3: a repeated gate, outcome or expense decision answers with the saved result, also two clicks at once', async () => {
    const apps = await twoSelected(bot);
    await startPhase(bot, 1);
    const { expenseId } = await reportedExpense(bot, 'utlägg 100 kaffe till workshop', `100${NBSP}kr`);
    const expense = { ...ref(apps[1]!), expenseId, decision: 'approve' };
    const twice = await Promise.all([bot.teams.execute(amira, 'expense.decide', expense), bot.teams.execute(amira, 'expense.decide', expense)]);
    for (const answer of twice) expect(readable(invokeCard(answer))).toContain(`Godkänt: 100${NBSP}kr.`);
    const other = await bot.teams.execute(amira, 'expense.decide', { ...expense, decision: 'reject', reason: 'Ångrar mig.' });
    expect(readable(invokeCard(other))).toContain(`Utlägget är redan beslutat. Godkänt: 100${NBSP}kr.`);

    const gate = { ...ref(apps[0]!), outcome: 'continue' };
    const gates = await Promise.all([bot.teams.execute(erik, 'gate.save', gate), bot.teams.execute(erik, 'gate.save', gate)]);
    for (const answer of gates) expect(readable(invokeCard(answer))).toContain('Sparat: Går vidare till fas 2.');
    const otherGate = await bot.teams.execute(erik, 'gate.save', { ...gate, outcome: 'returnToJob' });
    expect(readable(invokeCard(otherGate))).toContain('Gallringen är redan beslutad: Går vidare till fas 2.');
    expect((await bot.app.services.applications.get(DEMO_COHORT_ID, apps[0]!.id))?.value.state).toBe('continuing');

    await intoPhase3(bot, [apps[1]!]);
    const outcome = { ...ref(apps[0]!), kind: 'keptAsProject', ipOwner: 'municipality' };
    const outcomes = await Promise.all([bot.teams.execute(erik, 'outcome.save', outcome), bot.teams.execute(erik, 'outcome.save', outcome)]);
    for (const answer of outcomes) expect(readable(invokeCard(answer))).toContain('Utfallet är sparat och slutgiltigt.');
    const trail = await bot.app.services.applications.auditTrail(DEMO_COHORT_ID, apps[0]!.id);
    expect(trail.filter((e) => e.action === 'keepAsProject' || e.action === 'gateContinue')).toHaveLength(2);
  }, 30_000);

  it('defect 4: the gate and outcome cards keep every choice on an error, put it beside its field, and offer joining only when there is a team to join', async () => {
    const apps = await twoSelected(bot);
    await startPhase(bot, 1);
    const noChoice = invokeCard(await bot.teams.execute(erik, 'gate.save', ref(apps[0]!)));
    expect(besideInput(noChoice, 'outcome').next).toBe('Välj ett beslut.');
    const noTeam = invokeCard(await bot.teams.execute(erik, 'gate.save', { ...ref(apps[0]!), outcome: 'joinOtherTeam' }));
    expect(besideInput(noTeam, 'outcome').value).toBe('joinOtherTeam');
    expect(besideInput(noTeam, 'joinedApplicationId').next).toBe('Välj vilket team deltagaren går med i.');

    // With the other team out of phase 1 there is nobody to join: the option and the team list are gone.
    await bot.teams.execute(erik, 'gate.save', { ...ref(apps[1]!), outcome: 'returnToJob' });
    const alone = invokeCard(await bot.teams.execute(erik, 'gate.open', ref(apps[0]!)));
    expect(JSON.stringify(alone)).not.toContain('joinOtherTeam');
    expect(JSON.stringify(alone)).not.toContain('joinedApplicationId');

    await bot.teams.execute(erik, 'gate.save', { ...ref(apps[0]!), outcome: 'continue' });
    await startPhase(bot, 2);
    await startPhase(bot, 3);
    const missing = invokeCard(await bot.teams.execute(erik, 'outcome.save', { ...ref(apps[0]!), kind: 'handedToLine', ipOwner: 'participant', receivingAdministration: ' ' }));
    expect(besideInput(missing, 'kind').value).toBe('handedToLine');
    expect(besideInput(missing, 'ipOwner').value).toBe('participant');
    expect(besideInput(missing, 'receivingAdministration').next).toBe('Skriv vilken förvaltning som tar över idén.');
    const nothing = invokeCard(await bot.teams.execute(erik, 'outcome.save', ref(apps[0]!)));
    expect([besideInput(nothing, 'kind').next, besideInput(nothing, 'ipOwner').next]).toEqual(['Välj vad som händer med idén.', 'Välj vem som äger idén.']);
  }, 30_000);

  it('defect 7: logg and visa speak about the applicant in Swedish local time, with words for every value, and the trail has the budget and the support', async () => {
    const apps = await twoSelected(bot);
    await startPhase(bot, 1);
    const { expenseId } = await reportedExpense(bot, 'utlägg 1 200 prototyp', `1${NBSP}200${NBSP}kr`);
    await bot.teams.execute(amira, 'expense.decide', { ...ref(apps[1]!), expenseId, decision: 'approve' });
    await bot.teams.say(erik, `mentor ${apps[1]!.id} elin.nilsson@orkelljunga.example.se`);
    await intoPhase3(bot, [apps[1]!]);
    await bot.teams.execute(erik, 'outcome.save', { ...ref(apps[1]!), kind: 'handedToLine', ipOwner: 'municipality', receivingAdministration: 'Vård- och omsorgsförvaltningen' });

    await bot.teams.say(erik, `logg ${apps[1]!.id}`);
    const log = repliesText(bot, erik);
    for (const applicantWords of ['Du ', 'Din ', 'IP:', 'municipality']) expect(log).not.toContain(applicantWords);
    expect(log).toContain(`Utlägg rapporterat (Sara Lindqvist) · 1${NBSP}200${NBSP}kr: prototyp`);
    expect(log).toContain(`Utlägg godkänt (Amira Haddad) · 1${NBSP}200${NBSP}kr: prototyp`);
    expect(log).toContain('Mentor utsedd (Erik Nyström) · Elin Nilsson');
    expect(log).toContain('En förvaltning tog över idén (Erik Nyström) · Kommunen äger idén · Vård- och omsorgsförvaltningen');
    const trail = await bot.app.services.applications.auditTrail(DEMO_COHORT_ID, apps[1]!.id);
    for (const e of trail) expect(log).toContain(stockholmMinute(e.at));

    await bot.teams.say(erik, `visa ${apps[1]!.id}`);
    const view = repliesText(bot, erik);
    for (const applicantWords of ['Du ', 'Din ', 'Dina ']) expect(view).not.toContain(applicantWords);
    expect(view).toContain('Sökande');
    expect(view).toContain('Sara Lindqvist');
    expect(view).toContain('Mentor');
    expect(view).toContain('Elin Nilsson');
  }, 30_000);

  it('defect 8: an expense after the programme has ended says so, not that there is no budget yet', async () => {
    const apps = await twoSelected(bot);
    await startPhase(bot, 1);
    await bot.teams.execute(erik, 'gate.save', { ...ref(apps[1]!), outcome: 'returnToJob' });
    await bot.teams.say(sara, 'utlägg 100 kaffe');
    expect(repliesText(bot, sara)).toContain('Programmet är slut för ert team, så det går inte att rapportera fler utlägg.');
    await bot.teams.say(johan, 'utlägg 100 kaffe');
    expect(repliesText(bot, johan)).toContain('Du har ingen budget i programmet ännu.');
  }, 30_000);

  it('defect 10: an amount too large for any expense is answered as over the budget, with what is left', async () => {
    await twoSelected(bot);
    await startPhase(bot, 1);
    await bot.teams.say(sara, 'utlägg 99999999 dator');
    expect(repliesText(bot, sara)).toContain(`Det här går över budgeten. Kvar att använda: 50${NBSP}000${NBSP}kr.`);
  }, 30_000);

  it('defect 11: ansökningar with a place that is not one of the eleven says so instead of ignoring it', async () => {
    await bot.teams.say(erik, 'ansökningar Malmö');
    expect(repliesText(bot, erik)).toContain('Jag känner inte igen ”Malmö”.');
    expect(repliesText(bot, erik)).toContain('Höganäs');
    await bot.teams.say(erik, 'ansökningar antagen Höganäs');
    expect(repliesText(bot, erik)).toContain('Ansökningar i Pilot 1');
  });

  it('defect 16: the outcome notice ends its sentences, names the administration that takes over, and reaches the manager and the HR contact', async () => {
    const apps = await twoSelected(bot);
    await startPhase(bot, 1);
    await intoPhase3(bot, apps);
    await bot.teams.execute(erik, 'outcome.save', { ...ref(apps[1]!), kind: 'handedToLine', ipOwner: 'municipality', receivingAdministration: 'Vård- och omsorgsförvaltningen' });
    const notice = 'Beslut om ”Idé 1”: Vård- och omsorgsförvaltningen tar över idén i sin ordinarie verksamhet. Kommunen äger idén.';
    for (const person of [sara, johan, amira]) await bot.connector.waitFor((x) => x.conversationId === bot.teams.conversationIdFor(person) && said(x).includes(notice));
    await bot.connector.waitFor((x) => x.conversationId === bot.teams.conversationIdFor(sara) && said(x).includes(`${notice} Tack för ert arbete i programmet!`));
  }, 30_000);

  it('defect 17: the expense card labels the amount', async () => {
    await twoSelected(bot);
    await startPhase(bot, 1);
    const { card } = await reportedExpense(bot, 'utlägg 2 500 lokalhyra', `2${NBSP}500${NBSP}kr`);
    const facts = card.body.flatMap((e) => (e.type === 'FactSet' ? (e.facts as { title: string; value: string }[]) : []));
    expect(facts).toContainEqual({ title: 'Belopp', value: `2${NBSP}500${NBSP}kr` });
    for (const f of facts) expect(f.title.trim()).not.toBe('');
  }, 30_000);

  it('defect 19: starta fas asks first on a card that says how many move on and how many are told; cancel changes nothing, yes twice moves once', async () => {
    const apps = await twoSelected(bot);
    await bot.teams.say(erik, 'starta fas 1');
    expect(repliesText(bot, erik)).toContain('Starta fas 1 i Pilot 1?');
    // Henrik, Sara, their manager Johan and Höganäs' HR contact Amira.
    expect(repliesText(bot, erik)).toContain('2 ansökningar går vidare till fas 1. 4 personer får besked: deltagarna, deras chefer och HR-ansvariga.');
    expect((await bot.app.services.applications.get(DEMO_COHORT_ID, apps[0]!.id))?.value.state).toBe('selected');
    const no = await bot.teams.execute(erik, 'phase.start', { phase: 1, answer: 'no' });
    expect(readable(invokeCard(no))).toContain('Inget har ändrats. Fas 1 har inte startat.');
    expect((await bot.app.services.applications.get(DEMO_COHORT_ID, apps[0]!.id))?.value.state).toBe('selected');

    const yes = await Promise.all([bot.teams.execute(erik, 'phase.start', { phase: 1, answer: 'yes' }), bot.teams.execute(erik, 'phase.start', { phase: 1, answer: 'yes' })]);
    for (const answer of yes) expect(readable(invokeCard(answer))).toContain('Fas 1 har startat för 2 ansökningar.');
    const trail = await bot.app.services.applications.auditTrail(DEMO_COHORT_ID, apps[0]!.id);
    expect(trail.filter((e) => e.action === 'startPhase1')).toHaveLength(1);
    await bot.teams.say(erik, 'starta fas 1');
    expect(repliesText(bot, erik)).toContain('Fas 1 har redan startat för 2 ansökningar.');
    await bot.teams.say(amira, 'starta fas 2');
    expect(repliesText(bot, amira)).toContain('Det här kan bara samordnare göra.');
    const refused = await bot.teams.execute(amira, 'phase.start', { phase: 2, answer: 'yes' });
    expect(readable(invokeCard(refused))).not.toContain('startat');
  }, 30_000);

  it('defect 20: a mentor or sponsor change is audited, and a team outside the programme is refused with the reason', async () => {
    const apps = await twoSelected(bot);
    await bot.teams.say(erik, `sponsor ${apps[0]!.id} elin.nilsson@orkelljunga.example.se`);
    expect(repliesText(bot, erik)).toContain('Elin Nilsson är affärsängel för A-CHAT00.');
    const trail = await bot.app.services.applications.auditTrail(DEMO_COHORT_ID, apps[0]!.id);
    expect(trail.at(-1)).toMatchObject({ action: 'sponsorAssigned', actorId: erik.aadObjectId, reason: 'Elin Nilsson' });

    await bot.teams.say(sara, 'dra tillbaka');
    await bot.teams.execute(sara, 'application.withdraw.confirm', ref(apps[1]!));
    await bot.teams.say(erik, `mentor ${apps[1]!.id} elin.nilsson@orkelljunga.example.se`);
    expect(repliesText(bot, erik)).toContain('A-CHAT01 kan inte få en mentor: ansökan är inte med i programmet (status: Tillbakadragen).');
  });

  it('defect 21: starting phase 1 closes an intake that is still open, and kohorter says so', async () => {
    await twoSelected(bot);
    await bot.teams.say(erik, 'kohorter');
    expect(repliesText(bot, erik)).toContain('Intaget är öppet till');
    await startPhase(bot, 1);
    expect((await bot.app.services.cohorts.get(DEMO_COHORT_ID))?.value.intakeClosedAt).toEqual(expect.any(String));
    await bot.teams.say(erik, 'kohorter');
    expect(repliesText(bot, erik)).toContain('Intaget är stängt.');
  }, 30_000);

  it('phase notices tell the team what the phase is, what comes next and the budget, and the line who is in the team', async () => {
    await twoSelected(bot);
    await startPhase(bot, 1);
    await bot.connector.waitFor((x) => x.conversationId === bot.teams.conversationIdFor(sara) && said(x).includes(`Teamet har en startbudget på 50${NBSP}000${NBSP}kr.`) && said(x).includes('Efter fas 1 kommer gallringen'));
    await bot.connector.waitFor((x) => x.conversationId === bot.teams.conversationIdFor(johan) && said(x).includes('Fas 1 har startat för ”Idé 1”. Med i teamet: Sara Lindqvist.'));
  }, 30_000);

  it('a co-applicant who confirmed is a participant too: deltagare in vem är jag, utlägg against the team budget, told the decision', async () => {
    const [henriks] = await twoSelected(bot);
    const current = (await bot.app.services.applications.get(DEMO_COHORT_ID, henriks!.id))!;
    const now = new Date().toISOString();
    await bot.app.services.applications.update({
      application: { ...current.value, applicantName: 'Henrik Sjöberg', coApplicants: [{ personId: maja.aadObjectId, name: maja.name, status: 'confirmed', invitedAt: now, respondedAt: now }] },
      previous: current,
      audit: null,
      notifications: [],
    });
    await startPhase(bot, 1);
    await bot.teams.say(maja, 'vem är jag');
    expect(repliesText(bot, maja)).toContain('deltagare');
    await bot.teams.say(maja, 'utlägg 500 material');
    expect(repliesText(bot, maja)).toContain(`Utlägget på 500${NBSP}kr väntar på HR:s godkännande. Kvar att använda: 99${NBSP}500${NBSP}kr.`);
    const sent = await bot.connector.waitFor((x) => x.conversationId === bot.teams.conversationIdFor(amira) && said(x).includes(`500${NBSP}kr`) && said(x).includes('Henrik Sjöberg'));
    await bot.teams.execute(amira, 'expense.decide', { ...ref(henriks!), expenseId: buttonData(cardOf(sent.activity), 'expense.decide').expenseId, decision: 'approve' });
    await bot.connector.waitFor((x) => x.conversationId === bot.teams.conversationIdFor(maja) && said(x).includes(`Ditt utlägg på 500${NBSP}kr är godkänt.`));
  }, 30_000);

  it('the HR contact reads deltagare: the teams of her municipality with leave, budget and the expenses waiting, each opening its card', async () => {
    const apps = await twoSelected(bot);
    await startPhase(bot, 1);
    await reportedExpense(bot, 'utlägg 1 200 prototyp', `1${NBSP}200${NBSP}kr`);
    await bot.teams.say(amira, 'hjälp');
    expect(repliesText(bot, amira)).toContain('deltagare');
    await bot.teams.say(amira, 'deltagare');
    const list = repliesText(bot, amira);
    expect(list).toContain('Deltagare i Höganäs, Pilot 1');
    expect(list).toContain('Sara Lindqvist');
    expect(list).toContain(`Budget 50${NBSP}000${NBSP}kr · godkänt 0${NBSP}kr · väntar 1${NBSP}200${NBSP}kr · kvar 48${NBSP}800${NBSP}kr`);
    expect(list).toContain('Utlägg som väntar på HR (1)');
    const card = lastCard(bot, amira);
    await bot.teams.execute(amira, 'expense.open', buttonData(card, 'expense.open'));
    const opened = await bot.connector.waitFor((x) => x.conversationId === bot.teams.conversationIdFor(amira) && said(x).includes('Utlägg att godkänna: Sara Lindqvist') && JSON.stringify(cardOf(x.activity)).includes('"verb":"expense.decide"'));
    expect(opened).toBeDefined();

    // A coordinator reads every municipality, and an expense's card without the buttons that are HR's.
    await bot.teams.say(amira, 'deltagare Bjuv');
    expect(repliesText(bot, amira)).toContain('Du har inte behörighet');
    await bot.teams.say(erik, 'deltagare Malmö');
    expect(repliesText(bot, erik)).toContain('Malmö är inte en av de elva kommunerna.');
    await bot.teams.say(erik, 'deltagare');
    expect(repliesText(bot, erik)).toContain('Deltagare i alla kommuner, Pilot 1');
    const before = bot.connector.activities.length;
    await bot.teams.execute(erik, 'expense.open', buttonData(lastCard(bot, erik), 'expense.open'));
    const readOnly = await bot.connector.waitFor((x) => x.conversationId === bot.teams.conversationIdFor(erik) && said(x).includes('Utlägg att godkänna'));
    expect(bot.connector.activities.length).toBeGreaterThan(before);
    expect(JSON.stringify(cardOf(readOnly.activity))).not.toContain('expense.decide');

    // Nobody else: not the participant, not her manager, not by a button.
    for (const person of [sara, johan]) {
      await bot.teams.say(person, 'deltagare');
      expect(repliesText(bot, person)).toContain('Det här kan bara');
    }
    const refused = await bot.teams.execute(johan, 'expense.open', { ...ref(apps[1]!), expenseId: buttonData(card, 'expense.open').expenseId });
    expect(readable(invokeCard(refused))).toContain('Det här utlägget godkänns av HR-ansvarig i deltagarens kommun.');
  }, 30_000);

  it('coordinators open an application from ansökningar and a cohort from kohorter; statistik has the funnel and the budget used', async () => {
    const apps = await twoSelected(bot);
    await startPhase(bot, 1);
    const { expenseId } = await reportedExpense(bot, 'utlägg 1 200 prototyp', `1${NBSP}200${NBSP}kr`);
    await bot.teams.execute(amira, 'expense.decide', { ...ref(apps[1]!), expenseId, decision: 'approve' });

    const lastCardTo = (user: TeamsUser) => JSON.stringify(cardOf([...bot.connector.activities].reverse().find((x) => x.conversationId === bot.teams.conversationIdFor(user))!.activity));
    await bot.teams.say(erik, 'ansökningar');
    expect(lastCardTo(erik)).toContain('"verb":"application.show"');
    await bot.teams.execute(erik, 'application.show', ref(apps[1]!));
    await bot.connector.waitFor((x) => x.conversationId === bot.teams.conversationIdFor(erik) && cardTexts(cardOf(x.activity)).includes('Sökande') && said(x).includes('Sara Lindqvist'));
    const notCoordinator = await bot.teams.execute(sara, 'application.show', ref(apps[0]!));
    expect(readable(invokeCard(notCoordinator))).not.toContain('Henrik');
    expect(readable(invokeCard(notCoordinator))).toContain('Du har inte behörighet att göra det här.');

    await bot.teams.say(erik, 'kohorter');
    expect(lastCardTo(erik)).toContain('"verb":"cohort.open"');
    const opened2 = await bot.teams.execute(erik, 'cohort.open', { cohortId: DEMO_COHORT_ID });
    expect(opened2.status).toBe(200);
    await bot.connector.waitFor((x) => x.conversationId === bot.teams.conversationIdFor(erik) && said(x).includes('Ändra kohort: Pilot 1'));

    await bot.teams.say(erik, 'statistik');
    const stats = repliesText(bot, erik);
    expect(stats).toContain('Hur långt ansökningarna har kommit');
    expect(stats).toContain('Alla kommuner');
    expect(stats).toContain(`100${NBSP}000${NBSP}kr`);
    expect(stats).toContain(`1${NBSP}200${NBSP}kr`);
  }, 30_000);
});
