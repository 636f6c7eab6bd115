import { DEMO_COHORT_ID } from '../../src/demo/demo';
import { messages } from '../../src/i18n';
import { buttonData, confirmed, lastCard } from '../helpers/card-actions';
import { cardOf, invokeCard, readable, said, type TeamsUser } from '../helpers/teams-client';
import { closeScreenshots, shoot } from '../helpers/screenshots';
import { lastReply, repliesText, testBotFor, type TestBot } from '../helpers/test-app';
import { sara, johan, amira, erik, lena, mikael } from '../helpers/demo-users';

/**
 * Issue 13, must-show 2: the whole programme through the bot over HTTP, from `ansök` to the phase 3 outcome, with
 * a jury of three (quorum 3): Lena, Mikael and Erik. What each of the five people in the flow is told (Sara the
 * applicant, Johan her manager, Amira the HR contact, Erik the coordinator and juror, Lena a juror), in Swedish,
 * with the leave the same everywhere: requested 50 %, approved 40 % over the programme's first five months.
 * `npm run screenshots` runs it to take the README's pictures of the cards as they were sent (helpers/screenshots.ts).
 */


const sv = messages('sv');
const NBSP = '\u00a0';
const TITLE = 'Trygg hemgång från sjukhuset';
const scores = (n: number) => ({ c_benefit: String(n), c_boldness: String(n), c_applicability: String(n), c_feasibility: String(n), c_drive: String(n) });
const plusDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Everything the bot sent into one person's chat, in order: what they were told, read as text. */
function toldTo(bot: TestBot, user: TeamsUser): string[] {
  return bot.connector.activities.filter((x) => x.conversationId === bot.teams.conversationIdFor(user)).map(said);
}

/** Waits until the person has been told `text` (delivery through the outbox is asynchronous). */
const told = (bot: TestBot, user: TeamsUser, text: string) => bot.connector.waitFor((x) => x.conversationId === bot.teams.conversationIdFor(user) && said(x).includes(text));

describe('the whole programme through the bot, as the five people in it are told', () => {
  const bot = testBotFor('each');
  afterAll(() => closeScreenshots());

  it('ansök → manager approval → jury of three → selection → phases 1–3 with budget and gate → outcome', async () => {
    const cohort = (await bot.app.services.cohorts.get(DEMO_COHORT_ID))!.value;
    const starts = cohort.programmeStartsOn;
    const requested = { extent: 50, from: starts, to: plusDays(starts, 150) };
    const approved = { extent: 40, from: starts, to: plusDays(starts, 120) };
    const period = (l: { extent: number; from: string; to: string }) => `${l.extent} %, ${sv.date(l.from)}–${sv.date(l.to)}`;
    for (const person of [sara, johan, amira, erik, lena, mikael]) await bot.teams.say(person, 'hej');

    // Sara applies: five steps; the leave step says when the programme starts.
    await bot.teams.say(sara, 'ansök');
    const ref = buttonData(lastCard(bot, sara), 'intake.save') as { applicationId: string; cohortId: string };
    const app = { applicationId: ref.applicationId, cohortId: ref.cohortId };
    await bot.teams.execute(sara, 'intake.save', { ...app, step: 'idea', nav: 'next', title: TITLE, problem: 'Äldre som skrivs ut blir ensamma de första dygnen hemma.', description: 'En följeslagare från hemtjänsten möter upp vid utskrivningen och stannar första kvällen.' });
    await bot.teams.execute(sara, 'intake.save', { ...app, step: 'benefit', nav: 'next', targetGroups: 'residents', benefit: 'Färre återinläggningar och tryggare invånare.', applicability: 'Alla elva kommuner har hemtjänst och samma utskrivning.' });
    const leaveStep = readable(invokeCard(await bot.teams.execute(sara, 'intake.save', { ...app, step: 'about', nav: 'next', municipality: 'Höganäs', administration: 'Vård och omsorg', workplace: 'Hemtjänst Väst', managerEmail: '', permanentEmployment: 'true', employmentStart: '2018-03-01' })));
    expect(leaveStep).toContain(sv.date(starts));
    // A leave that starts before the programme is refused beside the date, with the programme's start.
    const early = invokeCard(await bot.teams.execute(sara, 'intake.save', { ...app, step: 'leave', nav: 'next', extentPercent: String(requested.extent), leaveStart: plusDays(starts, -20), leaveEnd: requested.to, coApplicants: '' }));
    expect(readable(early)).toContain(sv.date(starts));
    await shoot('intake-leave-step-with-error', early);
    const review = invokeCard(await bot.teams.execute(sara, 'intake.save', { ...app, step: 'leave', nav: 'next', extentPercent: String(requested.extent), leaveStart: requested.from, leaveEnd: requested.to, coApplicants: '' }));
    expect(readable(review)).toContain(period(requested));
    await shoot('intake-review', review);
    const sent = readable(invokeCard(await bot.teams.execute(sara, 'intake.submit', { ...app, step: 'review', privacyAcknowledged: 'true' })));
    expect(sent).toContain('Tack! Din ansökan är skickad.');

    // Johan reads the whole idea and the leave asked for, lowers it to 40 % and four months, and approves.
    const request = await told(bot, johan, 'Sara Lindqvist vill vara med i acceleratorprogrammet');
    await shoot('manager-card', cardOf(request.activity));
    for (const shown of ['En följeslagare från hemtjänsten', 'Färre återinläggningar', period(requested)]) expect(said(request)).toContain(shown);
    const decided = await bot.teams.execute(johan, 'approval.decide', { ...app, memberId: sara.aadObjectId, decision: 'approve', extentPercent: String(approved.extent), leaveStart: approved.from, leaveEnd: approved.to, attestPermanent: 'true', attestOneYear: 'true' });
    expect(readable(invokeCard(decided))).toContain(period(approved));
    await told(bot, sara, `Goda nyheter! Ansökan ”${TITLE}” är godkänd av chefen.`);
    await bot.teams.say(sara, 'status');
    const status = cardOf(lastReply(bot, sara)!.activity);
    for (const shown of [period(requested), period(approved)]) expect(readable(status)).toContain(shown);
    await shoot('status', status);

    // Erik opens the jury round (intake closes with it); the three jurors score; the ranking has it first.
    const open = await confirmed(bot, erik, 'öppna juryrunda', 'jury.round.open');
    expect(open.answer).toContain('Juryrundan är öppen: 1 ansökan går till juryn');
    for (const juror of [lena, mikael, erik]) await told(bot, juror, 'Juryrundan för Pilot 1 är öppen.');
    expect((await bot.app.services.cohorts.get(DEMO_COHORT_ID))?.value.intakeClosedAt).toEqual(expect.any(String));
    await bot.teams.say(lena, 'att bedöma');
    expect(repliesText(bot, lena)).toContain(TITLE);
    const lenasCard = readable(invokeCard(await bot.teams.execute(lena, 'jury.open', app)));
    for (const shown of ['Sara Lindqvist', 'Höganäs', 'Hemtjänst Väst']) expect(lenasCard).toContain(shown);
    const lenaScored = readable(invokeCard(await bot.teams.execute(lena, 'jury.score', { ...app, ...scores(5), comment: 'Tydlig nytta för invånarna.' })));
    expect(lenaScored).toContain('1 av 1');
    await bot.teams.execute(mikael, 'jury.score', { ...app, ...scores(4) });
    const eriksScore = invokeCard(await bot.teams.execute(erik, 'jury.score', { ...app, ...scores(4) }));
    expect(readable(eriksScore)).toContain('Tydlig nytta för invånarna.');
    await shoot('jury-score-card', eriksScore);
    await bot.teams.say(erik, 'rangordning');
    expect(repliesText(bot, erik)).toMatch(/#1 · 4,33 poäng · spridning 1,00 · 3 bedömningar · 0 avstår/);
    const ranking = lastCard(bot, erik);
    await shoot('jury-ranking', ranking);
    const row = invokeCard(await bot.teams.execute(erik, 'selection.open', buttonData(ranking, 'selection.open')));
    expect(readable(row)).toContain('Tydlig nytta för invånarna.');
    await shoot('jury-selection-card', row);

    // Erik locks the round, selects Sara with feedback and locks the selection: Sara, Johan and Amira are told.
    expect((await confirmed(bot, erik, 'lås juryrunda', 'jury.round.lock')).answer).toContain('Juryrundan är låst');
    await bot.teams.execute(erik, 'selection.save', { ...app, decision: 'selected', feedback: 'Juryn gillade tydligheten i nyttan.' });
    await bot.teams.say(erik, 'lås urval');
    await shoot('jury-lock-selection', lastCard(bot, erik));
    const lock = await confirmed(bot, erik, 'lås urval', 'selection.lock');
    expect(lock.answer).toContain('Urvalet är låst.');
    await told(bot, sara, `Grattis! ”${TITLE}” är antagen till acceleratorprogrammet. Juryn gillade tydligheten i nyttan.`);
    for (const line of [johan, amira]) await told(bot, line, period(approved));

    // Phase 1: the team gets its budget; Sara reports an expense, Amira approves it.
    await bot.teams.say(erik, 'starta fas 1');
    await shoot('phase-start', lastCard(bot, erik));
    await confirmed(bot, erik, 'starta fas 1', 'phase.start');
    await told(bot, sara, `Teamet har en startbudget på 50${NBSP}000${NBSP}kr.`);
    for (const line of [johan, amira]) await told(bot, line, `Fas 1 har startat för ”${TITLE}”. Med i teamet: Sara Lindqvist.`);
    await bot.teams.say(sara, 'utlägg 1 200 prototyp');
    expect(repliesText(bot, sara)).toContain(`Utlägget på 1${NBSP}200${NBSP}kr väntar på HR:s godkännande.`);
    const expenseCard = await told(bot, amira, 'Utlägg att godkänna: Sara Lindqvist');
    const expenseId = JSON.stringify(cardOf(expenseCard.activity)).match(/"expenseId":"([^"]+)"/)?.[1];
    await bot.teams.execute(amira, 'expense.decide', { ...app, expenseId, decision: 'approve' });
    await told(bot, sara, `Ditt utlägg på 1${NBSP}200${NBSP}kr är godkänt.`);
    await bot.teams.say(erik, 'statistik');
    expect(repliesText(bot, erik)).toContain(`1${NBSP}200${NBSP}kr`);
    await shoot('statistics', lastCard(bot, erik));

    // The gate, phases 2 and 3, and the outcome: an administration takes the idea over.
    await bot.teams.execute(erik, 'gate.save', { ...app, outcome: 'continue' });
    await told(bot, sara, `”${TITLE}” går vidare till fas 2. Grattis!`);
    await confirmed(bot, erik, 'starta fas 2', 'phase.start');
    await told(bot, sara, `Fas 2 har startat för ”${TITLE}”`);
    await confirmed(bot, erik, 'starta fas 3', 'phase.start');
    await told(bot, sara, `Fas 3 har startat för ”${TITLE}”`);
    await bot.teams.execute(erik, 'outcome.save', { ...app, kind: 'handedToLine', ipOwner: 'municipality', receivingAdministration: 'Vård- och omsorgsförvaltningen' });
    const outcome = `Beslut om ”${TITLE}”: Vård- och omsorgsförvaltningen tar över idén i sin ordinarie verksamhet. Kommunen äger idén.`;
    for (const person of [sara, johan, amira]) await told(bot, person, outcome);
    await bot.teams.say(erik, `visa ${app.applicationId}`);
    await shoot('application-view', lastCard(bot, erik));
    await bot.teams.say(erik, `logg ${app.applicationId}`);
    expect(repliesText(bot, erik)).toContain('En förvaltning tog över idén (Erik Nyström) · Kommunen äger idén · Vård- och omsorgsförvaltningen');
    await shoot('log', lastCard(bot, erik));

    // What each was told, whole: in Swedish, and the leave always the same.
    const all = { sara: toldTo(bot, sara), johan: toldTo(bot, johan), amira: toldTo(bot, amira), erik: toldTo(bot, erik), lena: toldTo(bot, lena) };
    for (const [who, texts] of Object.entries(all)) {
      expect({ who, english: texts.filter((t) => /\b(the|your|has been|application)\b/i.test(t)) }).toEqual({ who, english: [] });
      expect({ who, plural: texts.filter((t) => /\b1 (ansökningar|bedömningar|personer|jurymedlemmar)\b/.test(t)) }).toEqual({ who, plural: [] });
      // Every leave mentioned is the request (shown as requested) or the approval: no third period anywhere.
      const periods = texts.flatMap((t) => [...t.matchAll(/(\d{2,3}) %, (\d{1,2} \p{L}+ \d{4})–(\d{1,2} \p{L}+ \d{4})/gu)].map((x) => x[0]));
      for (const p of periods) expect({ who, period: p }).toEqual({ who, period: expect.stringMatching(new RegExp(`^(${period(requested)}|${period(approved)})$`)) });
    }
    // Nobody is told the leave starts on another day than the one approved, and the line hears the approved period.
    for (const texts of [all.johan, all.amira]) expect(texts.join('\n')).toContain(period(approved));
    expect(all.sara.join('\n')).toContain(period(approved));
    expect(all.lena.join('\n')).not.toContain('%');
  }, 60_000);
});
