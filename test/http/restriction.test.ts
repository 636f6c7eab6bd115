import type { Application } from '../../src/domain/application';
import { HELD_RESTRICTED, RESTRICTION_HOLD_MINUTES } from '../../src/domain/restriction';
import { DEMO_COHORT_ID } from '../../src/demo/demo';
import { anApprovedApplication, creationAudit } from '../builders/application.builder';
import { ManualClock } from '../fakes/clock-and-ids';
import { erik, johan, lena, sara } from '../helpers/demo-users';
import { callTab, downloadExport } from '../helpers/tab-client';
import { said, type TeamsUser } from '../helpers/teams-client';
import { repliesText, startTestBot, type TestBot } from '../helpers/test-app';
import { Workbook } from 'exceljs';

/**
 * Issue 18, must show 4: restriction of processing (GDPR art. 18). A restricted person gets no notification (held in
 * the outbox, not lost) and appears in no list: the coordinators' table and its export, the ranking, the jury's queue,
 * the manager's approvals. Lifting the restriction restores every list at once and the held message goes at its next
 * look. Coordinators only; hostile input gets a clear answer.
 */

const SARA_EMAIL = 'sara.lindqvist@hoganas.example.se';
const as = (user: TeamsUser) => ({ demo: user.aadObjectId });
const TOLD = 'Sara blir godkänd-notisen';

describe('restriction (begränsning)', () => {
  let bot: TestBot;
  const clock = new ManualClock(Date.parse('2026-10-05T08:00:00Z'));
  let sarasOwn: Application;
  let sarasTeam: Application;
  let control: Application;

  beforeAll(async () => {
    bot = await startTestBot({ TAB_DEMO_SIGNIN: 'true', OUTBOX_WORKER: 'false' }, { clock });
    for (const who of [sara, erik, johan, lena]) await bot.teams.say(who, 'hjälp');
    const s = bot.app.services;
    const cohort = (await s.cohorts.get(DEMO_COHORT_ID))!;
    await s.cohorts.save({ ...cohort.value, juryRound: 'open' }, cohort.etag);
    const at = '2026-09-01T09:00:00.000Z';
    const jury = (mean: number) => ({ verdicts: { [lena.aadObjectId]: mean }, marks: {}, recused: [], count: 1, mean });
    // Sara's own application waits for Johan (another cohort); she is also on a team in review in the demo cohort.
    sarasOwn = anApprovedApplication(sara, johan.aadObjectId, {
      cohortId: 'host-2026',
      state: 'awaitingManager',
      idea: { title: TOLD, problem: 'Ett problem som många delar.', description: 'En idé.' },
      approvals: [{ memberId: sara.aadObjectId, memberName: 'Sara Lindqvist', managerId: johan.aadObjectId, status: 'pending', requestedAt: at }],
      deciderIds: [johan.aadObjectId],
    }, at);
    sarasTeam = anApprovedApplication({ aadObjectId: 'person-lag', name: 'Lagets Ledare' }, johan.aadObjectId, {
      cohortId: DEMO_COHORT_ID,
      state: 'inReview',
      idea: { title: 'Saras lag', problem: 'Ett problem.', description: 'En idé.' },
      coApplicants: [{ personId: sara.aadObjectId, name: 'Sara Lindqvist', status: 'confirmed', invitedAt: at, respondedAt: at }],
      jury: jury(4),
    }, at);
    control = anApprovedApplication({ aadObjectId: 'person-kontroll', name: 'Kontroll Person' }, johan.aadObjectId, {
      cohortId: DEMO_COHORT_ID,
      state: 'inReview',
      idea: { title: 'Kontrollens idé', problem: 'Ett problem.', description: 'En idé.' },
      jury: jury(3),
    }, at);
    for (const app of [sarasOwn, sarasTeam, control]) await s.applications.create(app, creationAudit(app));
  }, 60_000);
  afterAll(async () => bot?.stop());

  /** What each list shows, as the people who read them get it (ids found anywhere in the answer). */
  async function lists(): Promise<Record<string, string>> {
    const get = async (route: 'applications' | 'ranking' | 'reviews' | 'approvals', who: TeamsUser) => {
      const reply = await callTab(bot.app.url, route, {} as never, as(who));
      expect(reply.status).toBe(200);
      return JSON.stringify(reply.body);
    };
    const exported = await downloadExport(bot.app.url, 'applications', {}, as(erik));
    expect(exported.status).toBe(200);
    const book = new Workbook();
    await book.xlsx.load(exported.bytes as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value)))));
    await bot.teams.say(johan, 'att godkänna');
    return {
      table: await get('applications', erik),
      ranking: await get('ranking', erik),
      juryQueue: await get('reviews', lena),
      approvals: await get('approvals', johan),
      approvalsChat: repliesText(bot, johan),
      export: cells.join('\n'),
    };
  }

  const toSara = () => bot.connector.activities.filter((a) => a.conversationId === bot.teams.conversationIdFor(sara) && said(a).includes(TOLD));

  it('holds her messages and leaves her out of every list; lifting restores both', async () => {
    const before = await lists();
    expect(before.table).toContain(sarasTeam.id);
    expect(before.ranking).toContain(sarasTeam.id);
    expect(before.juryQueue).toContain(sarasTeam.id);
    expect(before.approvals).toContain(sarasOwn.id);
    expect(before.approvalsChat).toContain(TOLD);
    expect(before.export).toContain(sarasTeam.id);

    // Only a coordinator restricts, with a reason; wrong input gets a clear answer.
    await bot.teams.say(sara, `begränsa ${SARA_EMAIL} Jag vill inte`);
    expect(repliesText(bot, sara)).not.toContain('Klart');
    await bot.teams.say(erik, 'begränsa');
    expect(repliesText(bot, erik)).toContain('Ingen har begränsad behandling just nu.');
    await bot.teams.say(erik, `begränsa ${SARA_EMAIL}`);
    expect(repliesText(bot, erik)).toContain('Skriv ett skäl till begränsningen, högst 200 tecken.');
    await bot.teams.say(erik, `begränsa ${SARA_EMAIL} ${'x'.repeat(300)}`);
    expect(repliesText(bot, erik)).toContain('Skriv ett skäl till begränsningen, högst 200 tecken.');
    await bot.teams.say(erik, 'begränsa ingen@example.se Skäl');
    expect(repliesText(bot, erik)).toContain('Ingen i katalogen har den e-postadressen.');
    await bot.teams.say(erik, `begränsa ${SARA_EMAIL} Invändning mot behandlingen prövas`);
    expect(repliesText(bot, erik)).toContain('Klart. Behandlingen av uppgifterna om Sara Lindqvist är begränsad');
    await bot.teams.say(erik, 'begränsa');
    expect(repliesText(bot, erik)).toContain('Sara Lindqvist: Invändning mot behandlingen prövas');

    // In no list; the control beside her still is.
    const during = await lists();
    for (const [name, text] of Object.entries(during)) {
      expect([name, text.includes(sarasTeam.id) || text.includes(sarasOwn.id) || text.includes(TOLD)]).toEqual([name, false]);
    }
    expect(during.table).toContain(control.id);
    expect(during.ranking).toContain(control.id);
    expect(during.juryQueue).toContain(control.id);

    // No notification: the message is held in the outbox with the reason, no attempt spent.
    await bot.app.services.outbox.enqueue([{ idempotencyKey: `test/told/${sarasOwn.id}`, kind: 'applicationApproved', recipientId: sara.aadObjectId, cohortId: sarasOwn.cohortId, applicationId: sarasOwn.id, payload: {} }], clock.now());
    expect(await bot.app.outbox.runOnce()).toMatchObject({ held: 1, sent: 0 });
    expect(toSara()).toHaveLength(0);
    const held = (await bot.app.services.outbox.forApplication(sarasOwn.cohortId, sarasOwn.id)).find((x) => x.recipientId === sara.aadObjectId)!;
    expect(held).toMatchObject({ status: 'pending', attempts: 0, lastError: HELD_RESTRICTED });
    clock.advance(RESTRICTION_HOLD_MINUTES * 60_000 + 1000);
    await bot.app.outbox.runOnce();
    expect(toSara()).toHaveLength(0);

    // Her own extract still shows everything, and says that processing is restricted.
    const own = await callTab(bot.app.url, 'myData', {}, as(sara));
    expect(JSON.stringify(own.body)).toContain(sarasTeam.id);
    expect(JSON.stringify(own.body)).toContain('Invändning mot behandlingen prövas');

    // Lifted: every list shows her again, and the held message goes at its next look, once.
    await bot.teams.say(sara, `häv begränsning ${SARA_EMAIL}`);
    expect(repliesText(bot, sara)).not.toContain('Klart');
    await bot.teams.say(erik, `häv begränsning ${SARA_EMAIL}`);
    expect(repliesText(bot, erik)).toContain('Klart. Begränsningen för Sara Lindqvist är hävd.');
    await bot.teams.say(erik, `häv begränsning ${SARA_EMAIL}`);
    expect(repliesText(bot, erik)).toContain('Sara Lindqvist har ingen begränsning.');
    const after = await lists();
    expect(after).toEqual(before);
    clock.advance(RESTRICTION_HOLD_MINUTES * 60_000 + 1000);
    await bot.app.outbox.runOnce();
    await bot.app.outbox.runOnce();
    expect(toSara()).toHaveLength(1);

    // Both decisions are in the privacy log (who, for whom, when).
    const log = (await bot.app.store.containers.applications.items.query<{ what: string; actorId: string; filter: { subjectId: string } }>("SELECT * FROM c WHERE c.type = 'export' AND (c.what = 'restrict' OR c.what = 'unrestrict')").fetchAll()).resources;
    expect(log.map((x) => `${x.what}/${x.actorId}/${x.filter.subjectId}`).sort()).toEqual([`restrict/${erik.aadObjectId}/${sara.aadObjectId}`, `unrestrict/${erik.aadObjectId}/${sara.aadObjectId}`]);
  }, 60_000);
});
