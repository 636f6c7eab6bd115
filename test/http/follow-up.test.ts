import { Workbook } from 'exceljs';
import { TAB_API, TAB_EXPORTS, type TabExportId } from '../../src/adapters/tab/contract';
import { DEMO_COHORT_ID } from '../../src/demo/demo';
import type { Application } from '../../src/domain/application';
import { ManualClock } from '../fakes/clock-and-ids';
import { confirmed, lastCard } from '../helpers/card-actions';
import { amira, birgitta, erik, johan, lena, sara } from '../helpers/demo-users';
import { answerOf, callTab, downloadExport } from '../helpers/tab-client';
import { cardOf, invokeCard, readable, said, type TeamsUser } from '../helpers/teams-client';
import { repliesText, startTestBot, type TestBot } from '../helpers/test-app';
import { cardProblems } from '../helpers/validate-card';

/**
 * Issue 17 B: the follow-up of the pilot (uppföljning). Asked when a phase ends and at the outcome; answers kept
 * without names; the report shows a round only as aggregates, and only from three answers.
 */

const henrik: TeamsUser = { aadObjectId: '00000000-0000-4000-8000-000000000010', name: 'Henrik Sjöberg' };
const maja: TeamsUser = { aadObjectId: '00000000-0000-4000-8000-000000000009', name: 'Maja Ström' };
const SECRET = 'UNIK-KOMMENTAR-7Q';

/** Three selected one-person teams (Sara, Henrik, Maja) under Johan; Lena mentors Sara's team. */
async function threeSelected(bot: TestBot): Promise<Application[]> {
  const now = new Date().toISOString();
  const apps: Application[] = [];
  for (const [i, who] of [sara, henrik, maja].entries()) {
    const a: Application = {
      id: `A-FOLL0${i}`,
      cohortId: DEMO_COHORT_ID,
      applicantId: who.aadObjectId,
      applicantName: who.name,
      state: 'selected',
      step: 'review',
      idea: { title: `Idé ${i}`, problem: 'Ett problem som många kommuner delar.', description: 'En idé som prövas i programmet.' },
      about: { municipality: 'Höganäs', administration: 'Vård och omsorg', workplace: 'Hemtjänst Väst', managerId: johan.aadObjectId, managerFromDirectory: true, permanentEmployment: true, employmentStart: '2018-03-01' },
      leave: { extentPercent: 50, start: '2027-01-04', end: '2027-06-30' },
      coApplicants: [],
      approvals: [{ memberId: who.aadObjectId, memberName: who.name, managerId: johan.aadObjectId, status: 'approved', requestedAt: now }],
      deciderIds: [],
      ...(i === 0 ? { mentorId: lena.aadObjectId } : {}),
      createdAt: now,
      updatedAt: now,
    };
    await bot.app.services.applications.create(a, { id: `audit-${a.id}`, applicationId: a.id, cohortId: a.cohortId, at: now, actorId: a.applicantId, actorKind: 'applicant', action: 'create', fromState: null, toState: 'selected' });
    apps.push(a);
  }
  return apps;
}

const followUpCards = (bot: TestBot, who: TeamsUser) => bot.connector.activities.filter((x) => x.conversationId === `a:1:1-${who.aadObjectId}` && /(Uppföljning|Follow-up): Pilot 1/.test(said(x)));
/** Lena, the mentor, uses Teams in English. */
const lenaInEnglish: TeamsUser = { ...lena, locale: 'en-GB' };

/** Everything the tab's GET routes and its exports give this person, as text (each workbook's cells read out). */
async function everythingInTheTab(bot: TestBot, who: TeamsUser, application: Application): Promise<string> {
  const as = { demo: who.aadObjectId };
  const out: string[] = [];
  for (const [route, spec] of Object.entries(TAB_API)) {
    if (spec.method !== 'GET') continue;
    const reply = await callTab(bot.app.url, route as 'report', { cohortId: DEMO_COHORT_ID, applicationId: application.id } as never, as);
    out.push(JSON.stringify(reply.body));
  }
  for (const id of Object.keys(TAB_EXPORTS) as TabExportId[]) {
    const got = await downloadExport(bot.app.url, id, { cohortId: DEMO_COHORT_ID, applicationId: application.id, lang: 'sv' } as never, as);
    if (got.status !== 200) {
      out.push(JSON.stringify(got.body));
      continue;
    }
    const book = new Workbook();
    await book.xlsx.load(got.bytes as unknown as ArrayBuffer);
    book.eachSheet((ws) => ws.eachRow((row) => out.push(JSON.stringify(row.values))));
  }
  return out.join('\n');
}

describe('the follow-up of the pilot', () => {
  let bot: TestBot;
  const clock = new ManualClock(Date.parse('2027-03-10T10:00:00Z'));
  beforeAll(async () => {
    bot = await startTestBot({ OUTBOX_WORKER: 'false', TAB_DEMO_SIGNIN: 'true' }, { clock });
  });
  afterAll(() => bot.stop());

  const answer = (who: TeamsUser, data: Record<string, unknown>) => bot.teams.execute(who, 'followUp.answer', { cohortId: DEMO_COHORT_ID, round: 'phase1', ...data });
  const reportAs = async (who: TeamsUser) => answerOf('report', await callTab(bot.app.url, 'report', {}, { demo: who.aadObjectId }));
  const chatReport = async (who: TeamsUser) => {
    await bot.teams.say(who, 'rapport');
    return readable(lastCard(bot, who));
  };

  it('asks at the end of phase 1, takes one answer per person asked, refuses tampering, and shows aggregates only from three answers', async () => {
    for (const who of [sara, henrik, maja, johan, lenaInEnglish, erik, birgitta, amira]) await bot.teams.say(who, 'hjälp');
    const apps = await threeSelected(bot);
    await confirmed(bot, erik, 'starta fas 1', 'phase.start');
    await bot.app.outbox.runOnce();
    expect(followUpCards(bot, sara)).toHaveLength(0);
    for (const a of apps) await bot.teams.execute(erik, 'gate.save', { applicationId: a.id, cohortId: a.cohortId, outcome: 'continue' });
    await confirmed(bot, erik, 'starta fas 2', 'phase.start');
    await bot.app.outbox.runOnce();
    await bot.app.outbox.runOnce();

    // The participants, their manager and the mentor are asked, once each; nobody else.
    for (const who of [sara, henrik, maja, johan, lena]) expect(followUpCards(bot, who)).toHaveLength(1);
    for (const who of [erik, birgitta, amira]) expect(followUpCards(bot, who)).toHaveLength(0);
    const card = cardOf(followUpCards(bot, sara)[0]!.activity)!;
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('Hur väl har programmet hjälpt er att pröva idén?');
    expect(JSON.stringify(card)).not.toContain(sara.aadObjectId);
    const english = cardOf(followUpCards(bot, lena)[0]!.activity)!;
    expect(readable(english)).toContain('Phase 1 has ended.');
    expect(JSON.stringify(english)).toContain('How well has the programme helped you test the idea?');

    // Tampering: someone not asked, scores outside 1–5, a missing score, another round, a made-up round.
    const refusedWith = async (who: TeamsUser, data: Record<string, unknown>) => readable(invokeCard(await answer(who, data))) + repliesText(bot, who);
    expect(await refusedWith(amira, { q1: '3', q2: '3', q3: '3' })).toContain('Den här uppföljningen är inte till dig.');
    expect(await refusedWith(erik, { q1: '3', q2: '3', q3: '3' })).toContain('inte till dig');
    for (const bad of [{ q1: '6', q2: '3', q3: '3' }, { q1: '0', q2: '3', q3: '3' }, { q1: '-1', q2: '3', q3: '3' }, { q1: '2.5', q2: '3', q3: '3' }, { q1: 'fem', q2: '3', q3: '3' }, { q1: '3', q2: '3' }, { q1: '3', q2: '3', q3: '3', q4: '3' }]) {
      expect(await refusedWith(sara, bad)).toContain('Välj ett betyg från 1 till 5 på varje fråga.');
    }
    expect(await refusedWith(sara, { round: 'phase2', q1: '3', q2: '3', q3: '3' })).toContain('inte till dig');
    expect(await refusedWith(sara, { q1: '3', q2: '3', q3: '3', comment: 'x'.repeat(5000) })).toContain('Kommentaren får vara högst 500 tecken.');
    const unknown = await refusedWith(sara, { round: 'everything', q1: '3', q2: '3', q3: '3' });
    expect(unknown).not.toContain('Tack');
    expect((await reportAs(erik)).followUp).toEqual([{ round: 'phase1', questions: null, asked: 5, answered: 0 }]);

    // Sara answers, naming Henrik in the card data: it is Sara's answer (who answers is the verified caller).
    expect(readable(invokeCard(await answer(sara, { q1: '5', q2: '4', q3: '3', comment: SECRET, personId: henrik.aadObjectId, memberId: henrik.aadObjectId })))).toContain('Tack för ditt svar!');
    expect(readable(invokeCard(await answer(sara, { q1: '1', q2: '1', q3: '1' })))).toContain('Du har redan svarat');
    expect(readable(invokeCard(await answer(henrik, { q1: '3', q2: '4', q3: '1' })))).toContain('Tack för ditt svar!');

    // Two answers: the response rate, no figures, no comments, for coordinators and the steering group alike.
    for (const who of [erik, birgitta]) {
      expect((await reportAs(who)).followUp).toEqual([{ round: 'phase1', questions: null, asked: 5, answered: 2 }]);
      const text = await chatReport(who);
      expect(text).toContain('Fas 1: 2 av 5 har svarat');
      expect(text).toContain('Resultatet visas när minst tre har svarat.');
      expect(text).not.toContain('medel');
    }
    // No route, export or card gives anyone one person's answer (the comment is the one thing that would show).
    for (const who of [erik, birgitta]) {
      const tab = await everythingInTheTab(bot, who, apps[0]!);
      // What was read is real: the report with its follow-up, and the report's workbook.
      expect(tab).toContain('"answered":2');
      expect(tab).toContain('Höganäs');
      expect(tab).not.toContain(SECRET);
    }
    for (const command of [`visa ${apps[0]!.id}`, `logg ${apps[0]!.id}`, 'statistik', 'deltagare', 'rapport']) {
      await bot.teams.say(erik, command);
      expect(repliesText(bot, erik)).not.toContain(SECRET);
    }

    // The third answer: the aggregates appear, computed here from the scores given.
    expect(readable(invokeCard(await answer(maja, { q1: '4', q2: '4', q3: '2', comment: 'Bra stöd från mentorn' })))).toContain('Tack');
    const given = [
      [5, 4, 3],
      [3, 4, 1],
      [4, 4, 2],
    ];
    const expected = [0, 1, 2].map((q) => {
      const scores = given.map((g) => g[q]!);
      return { mean: Math.round((scores.reduce((x, y) => x + y, 0) / scores.length) * 10) / 10, distribution: [1, 2, 3, 4, 5].map((s) => scores.filter((x) => x === s).length) };
    });
    for (const who of [erik, birgitta]) {
      const round = (await reportAs(who)).followUp;
      expect(round).toEqual([{ round: 'phase1', questions: null, asked: 5, answered: 3, figures: expected, comments: ['Bra stöd från mentorn', SECRET] }]);
      expect(JSON.stringify(round)).not.toMatch(/00000000-0000-4000-8000|Sara|Henrik|Maja|Johan|Lena/);
      const text = await chatReport(who);
      expect(text).toContain('Fas 1: 3 av 5 har svarat');
      expect(text).toContain('Fråga 1: medel 4: Hur väl har programmet hjälpt er att pröva idén?');
      expect(text).toContain('1: 0 · 2: 0 · 3: 1 · 4: 1 · 5: 1');
      expect(text).toContain('2 kommentarer utan namn, i fliken.');
      // The chat card shows no comment itself.
      expect(text).not.toContain(SECRET);
    }
    // Stored: who answered, and the answers without names.
    const stored = (await bot.app.services.followUps.get(DEMO_COHORT_ID, 'phase1'))!.value;
    expect([...stored.answeredIds].sort()).toEqual([henrik, maja, sara].map((p) => p.aadObjectId).sort());
    expect(JSON.stringify(stored.answers)).not.toContain('00000000-0000-4000-8000');
  }, 60_000);

  it('reminds once, a few working days later, only those who have not answered', async () => {
    const reminders = (who: TeamsUser) => followUpCards(bot, who).filter((x) => /Påminnelse|Reminder/.test(said(x)));
    clock.advance(2 * 86_400_000);
    await bot.app.outbox.runOnce();
    for (const who of [johan, lena]) expect(reminders(who)).toHaveLength(0);
    clock.advance(5 * 86_400_000);
    await bot.app.outbox.runOnce();
    await bot.app.outbox.runOnce();
    for (const who of [johan, lena]) expect(reminders(who)).toHaveLength(1);
    for (const who of [sara, henrik, maja]) expect(reminders(who)).toHaveLength(0);
    clock.advance(30 * 86_400_000);
    await bot.app.outbox.runOnce();
    for (const who of [johan, lena]) expect(reminders(who)).toHaveLength(1);
    // Johan answers from the reminder; the response rate moves, nothing names him.
    expect(readable(invokeCard(await answer(johan, { q1: '2', q2: '5', q3: '4' })))).toContain('Tack');
    expect((await reportAs(erik)).followUp[0]).toMatchObject({ asked: 5, answered: 4 });
  }, 60_000);

  it('coordinators set the questions (three or four), the steering group may not', async () => {
    await bot.teams.say(birgitta, 'uppföljningsfrågor Ett? | Två? | Tre?');
    expect(repliesText(bot, birgitta)).not.toContain('Klart');
    await bot.teams.say(erik, 'uppföljningsfrågor Ett? | Två?');
    expect(repliesText(bot, erik)).toContain('Skriv tre eller fyra frågor');
    await bot.teams.say(erik, 'uppföljningsfrågor Hur gick demodagen? | Hur var utbildningen? | Hur var budgeten? | Skulle du rekommendera programmet?');
    expect(repliesText(bot, erik)).toContain('Klart. Nya frågor för Pilot 1.');
    await bot.teams.say(erik, 'uppföljningsfrågor');
    expect(repliesText(bot, erik)).toContain('4. Skulle du rekommendera programmet?');
    // The round already asked keeps its questions: its answers are never counted with others.
    expect((await bot.app.services.followUps.get(DEMO_COHORT_ID, 'phase1'))?.value.questions).toBeNull();
  }, 30_000);
});
