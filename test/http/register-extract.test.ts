import { Workbook } from 'exceljs';
import type { Application } from '../../src/domain/application';
import { allocate, reportExpense } from '../../src/domain/budget';
import { PRIVACY_LOG_PARTITION } from '../../src/domain/ports';
import { XLSX_TYPE } from '../../src/adapters/tab/contract';
import { anApprovedApplication, creationAudit } from '../builders/application.builder';
import { lastCard } from '../helpers/card-actions';
import { erik, johan, lena, mikael, sara } from '../helpers/demo-users';
import { answerOf, callTab, downloadExport } from '../helpers/tab-client';
import { readable, type TeamsUser } from '../helpers/teams-client';
import { repliesText, testBotFor } from '../helpers/test-app';
import { cardProblems } from '../helpers/validate-card';

/**
 * Issue 18, must show 1: the register extract over HTTP. Lena applied (with an expense on her team's budget),
 * co-applied on another team's idea and scored as a juror; Mikael, beside her in the same cohort, did the same kind of
 * things. Lena's extract, in the chat and as the tab's JSON and Excel, holds every one of hers and nothing of his
 * (checked by content: his name, e-mail and id never appear). A coordinator gets the same for a named person, audited;
 * anyone else is refused, and hostile input gets a clear answer, never a 5xx.
 */

const MIKAEL_EMAIL = 'mikael.ek@angelholm.example.se';
const LENA_EMAIL = 'lena.holm@landskrona.example.se';
const as = (user: TeamsUser) => ({ demo: user.aadObjectId });

async function textOf(bytes: Buffer): Promise<string> {
  const book = new Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: string[] = [];
  book.eachSheet((ws) => {
    cells.push(`# ${ws.name}`);
    ws.eachRow((row) => row.eachCell((c) => cells.push(c.value instanceof Date ? c.value.toISOString() : String(c.value))));
  });
  return cells.join('\n');
}

describe('the register extract (mina uppgifter / registerutdrag)', () => {
  const bot = testBotFor('all', { TAB_DEMO_SIGNIN: 'true' });
  const s = () => bot.app.services;
  let lenasOwn: Application;
  let lenasCo: Application;
  let mikaels: Application;

  beforeAll(async () => {
    for (const who of [lena, mikael, erik, sara]) await bot.teams.say(who, 'hjälp');
    const at = '2026-04-01T09:00:00.000Z';
    const withExpense = (app: Application, by: string, what: string): Application => {
      const spent = reportExpense(allocate(5_000_000, `team-${app.id}`), { id: `x-${app.id}`, ore: 123_450, description: what, reportedBy: by, at: '2026-09-10T10:00:00.000Z' });
      if (!spent.ok) throw new Error('expense not taken');
      return { ...app, budget: spent.budget };
    };
    lenasOwn = withExpense(
      anApprovedApplication(lena, johan.aadObjectId, { state: 'phase1', idea: { title: 'Lenas lånecyklar', problem: 'Få cyklar att låna i kommunen.', description: 'Lånecyklar vid varje bibliotek.' } }, at),
      lena.aadObjectId,
      'Lenas cykelhjälmar',
    );
    mikaels = withExpense(
      anApprovedApplication(mikael, johan.aadObjectId, { state: 'phase1', idea: { title: 'Mikaels hemliga idé', problem: 'Ett problem bara Mikael ser.', description: 'Något bara Mikael vet.' } }, at),
      mikael.aadObjectId,
      'Mikaels kaffebryggare',
    );
    // Lena co-applies on a third person's idea (confirmed); Mikael is on none of Lena's.
    lenasCo = anApprovedApplication({ aadObjectId: 'person-tredje', name: 'Tredje Person' }, johan.aadObjectId, {
      idea: { title: 'Gemensam idé om skolvägar', problem: 'Otrygga skolvägar.', description: 'Trygga skolvägar tillsammans.' },
      coApplicants: [{ personId: lena.aadObjectId, name: 'Lena Holm', status: 'confirmed', invitedAt: at, respondedAt: at, permanentEmployment: true, employmentStart: '2015-08-01' }],
    }, at);
    for (const app of [lenasOwn, mikaels, lenasCo]) await s().applications.create(app, creationAudit(app));
    // Each juror scored the other's application: Lena's score is hers (it names Mikael's application by id only).
    const container = bot.app.store.containers.applications;
    const score = (juror: TeamsUser, app: Application, comment: string) =>
      container.items.create({ type: 'score', id: `score:${app.id}:${juror.aadObjectId}`, cohortId: app.cohortId, applicationId: app.id, jurorId: juror.aadObjectId, values: { benefit: 4, boldness: 5 }, comment, at });
    await score(lena, lenasCo, 'Lenas kommentar om skolvägar');
    await score(mikael, lenasOwn, 'Mikaels kommentar om cyklar');
  });

  const lenasThings = ['Lenas lånecyklar', 'Lenas cykelhjälmar', 'Gemensam idé om skolvägar', 'Lenas kommentar om skolvägar'];
  const mikaelsThings = ['Mikael', MIKAEL_EMAIL, mikael.aadObjectId, 'Mikaels hemliga idé', 'Mikaels kaffebryggare', 'Mikaels kommentar'];

  it('in the tab as JSON: every one of hers (applied, co-applied, scored, expense), nothing of anyone else', async () => {
    const extract = answerOf('myData', await callTab(bot.app.url, 'myData', {}, as(lena)));
    expect(extract.person).toMatchObject({ id: lena.aadObjectId, name: 'Lena Holm', email: LENA_EMAIL });
    expect(extract.applications.map((a) => [a.id, a.as]).sort()).toEqual([[lenasCo.id, 'coApplicant'], [lenasOwn.id, 'applicant']].sort());
    expect(extract.expenses).toEqual([expect.objectContaining({ applicationId: lenasOwn.id, amountOre: 123_450, description: 'Lenas cykelhjälmar' })]);
    expect(extract.scores).toEqual([expect.objectContaining({ applicationId: lenasCo.id, values: { benefit: 4, boldness: 5 }, comment: 'Lenas kommentar om skolvägar' })]);
    expect(extract.roles.jurorIn.length).toBeGreaterThan(0);
    expect(extract.conversation.stored).toBe(true);
    const json = JSON.stringify(extract);
    for (const thing of lenasThings) expect(json).toContain(thing);
    // The co-applied idea's lead is another person: named nowhere, nor is anyone's score on Lena's own application.
    for (const thing of [...mikaelsThings, 'Tredje Person', 'person-tredje']) expect(json).not.toContain(thing);
  });

  it('in the tab as Excel: the same records, nothing of anyone else', async () => {
    const reply = await downloadExport(bot.app.url, 'myData', {}, as(lena));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const text = await textOf(reply.bytes);
    for (const sheet of ['# Person', '# Ansökningar', '# Bedömningar', '# Utlägg', '# Logg']) expect(text).toContain(sheet);
    for (const thing of [...lenasThings, LENA_EMAIL, '123450']) expect(text).toContain(thing);
    for (const thing of [...mikaelsThings, 'Tredje Person']) expect(text).not.toContain(thing);
    const english = await textOf((await downloadExport(bot.app.url, 'myData', { lang: 'en' }, as(lena))).bytes);
    expect(english).toContain('# Applications');
  });

  it('in the chat: a summary card in Swedish and English, with nothing of anyone else', async () => {
    await bot.teams.say(lena, 'mina uppgifter');
    const card = lastCard(bot, lena);
    expect(cardProblems(card)).toEqual([]);
    const text = readable(card);
    expect(text).toContain('Mina uppgifter');
    expect(text).toContain('2 ansökningar');
    expect(text).toContain('1 bedömning som jurymedlem');
    expect(text).toContain('1 utlägg');
    expect(text).toContain(`${lenasOwn.id} Lenas lånecyklar (sökande)`);
    expect(text).toContain(`${lenasCo.id} Gemensam idé om skolvägar (medsökande)`);
    for (const thing of [...mikaelsThings, 'Tredje Person']) expect(text).not.toContain(thing);
    const lenaInEnglish = { ...lena, locale: 'en-US' };
    await bot.teams.say(lenaInEnglish, 'my data');
    const english = readable(lastCard(bot, lenaInEnglish));
    expect(english).toContain('My data');
    expect(english).toContain('2 applications');
    expect(english).toContain('1 score as jury member');
  });

  it('a coordinator gets a named person’s extract, audited (who asked for whom, when); nobody else does', async () => {
    await bot.teams.say(erik, `registerutdrag ${LENA_EMAIL}`);
    const card = lastCard(bot, erik);
    expect(cardProblems(card)).toEqual([]);
    expect(readable(card)).toContain('Registerutdrag: Lena Holm');
    const forErik = answerOf('dataExtract', await callTab(bot.app.url, 'dataExtract', { person: LENA_EMAIL }, as(erik)));
    expect(forErik.applications.map((a) => a.id).sort()).toEqual([lenasCo.id, lenasOwn.id].sort());
    expect((await downloadExport(bot.app.url, 'dataExtract', { person: lena.aadObjectId }, as(erik))).status).toBe(200);

    // The privacy log: who asked for whom, when, and through what.
    const log = (await bot.app.store.containers.applications.items.query<{ actorId: string; what: string; filter: { subjectId: string; via?: string } }>({ query: 'SELECT * FROM c WHERE c.cohortId = @p', parameters: [{ name: '@p', value: PRIVACY_LOG_PARTITION }] }).fetchAll()).resources;
    const erikFor = log.filter((x) => x.actorId === erik.aadObjectId && x.filter.subjectId === lena.aadObjectId).map((x) => `${x.what}/${x.filter.via ?? ''}`);
    expect(erikFor).toEqual(expect.arrayContaining(['registerExtract/chat', 'registerExtract/tab', 'registerExtract/excel', 'dataExtract/']));
    // Lena sees in her own extract that an extract was made about her.
    const again = answerOf('myData', await callTab(bot.app.url, 'myData', {}, as(lena)));
    expect(again.exports.some((x) => x.aboutYou)).toBe(true);
    expect(JSON.stringify(again)).not.toContain(erik.aadObjectId);

    // Sara is no coordinator: refused in the chat and the tab, and nothing about Lena is read out.
    await bot.teams.say(sara, `registerutdrag ${LENA_EMAIL}`);
    expect(repliesText(bot, sara)).not.toContain('Lena');
    expect((await callTab(bot.app.url, 'dataExtract', { person: LENA_EMAIL }, as(sara))).status).toBe(403);
    expect((await downloadExport(bot.app.url, 'dataExtract', { person: LENA_EMAIL }, as(sara))).status).toBe(403);
  });

  it('hostile or wrong input gets a clear answer, never a 5xx', async () => {
    await bot.teams.say(erik, 'registerutdrag');
    expect(repliesText(bot, erik)).toContain('Skriv registerutdrag <e-postadress>');
    await bot.teams.say(erik, 'registerutdrag ingen.alls@example.se');
    expect(repliesText(bot, erik)).toContain('Ingen i katalogen har den e-postadressen.');
    await bot.teams.say(erik, `registerutdrag ${'a@'.repeat(400)}`);
    expect(repliesText(bot, erik)).toMatch(/Skriv registerutdrag|Ingen i katalogen/);
    for (const person of ['x'.repeat(300), '', "'; SELECT * FROM c --", '../../etc/passwd', 'a@b']) {
      const reply = await callTab(bot.app.url, 'dataExtract', { person }, as(erik));
      expect([400, 404]).toContain(reply.status);
    }
    expect((await callTab(bot.app.url, 'myData', {}, { none: true })).status).toBe(401);
  });

  it('integritet: who is responsible, what and why, the retention in force, how to get an extract, the public-records notice', async () => {
    await bot.teams.say(sara, 'integritet');
    const card = lastCard(bot, sara);
    expect(cardProblems(card)).toEqual([]);
    const text = readable(card);
    expect(text).toContain('Personuppgiftsansvarig');
    expect(text).toContain('allmänt intresse');
    expect(text).toContain('Gallras 2 år efter att kohortens urval låstes');
    expect(text).toContain('Din ansökan och besluten om den blir allmänna handlingar hos kommunen.');
    expect(text).toContain('mina uppgifter');
    const privacy = answerOf('privacy', await callTab(bot.app.url, 'privacy', {}, as(sara)));
    expect(privacy.retention).toEqual({ notSelectedYears: 2, draftMonths: 6, expenseYears: 7 });
    const me = answerOf('me', await callTab(bot.app.url, 'me', {}, as(sara)));
    expect(me.views).toEqual(expect.arrayContaining(['myData', 'privacy']));
  });
});
