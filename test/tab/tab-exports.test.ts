import { Workbook, ValueType, type Worksheet } from 'exceljs';
import { MUNICIPALITIES } from '../../src/domain/municipalities';
import { XLSX_TYPE, type TabExportId } from '../../src/adapters/tab/contract';
import { contentDisposition } from '../../src/adapters/tab/tab-http';
import { excelTime } from '../../src/adapters/tab/exports';
import { answerOf, callTab, downloadExport } from '../helpers/tab-client';
import type { TeamsUser } from '../helpers/teams-client';
import { testBotFor } from '../helpers/test-app';
import { birgitta, erik } from '../helpers/demo-users';
import { seedCohort } from '../helpers/seeded-cohort';

/**
 * Issue 15, must-show 3: each Excel export, downloaded with the same sign-in as the API, opens with exceljs with the
 * right rows and columns, Swedish headers, numbers as numbers, dates as dates, å/ä/ö intact; and each export is written
 * to the cohort's audit trail (who exported what, when).
 */

const as = (user: TeamsUser) => ({ demo: user.aadObjectId });

async function workbook(bytes: Buffer): Promise<Workbook> {
  const book = new Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

const headers = (ws: Worksheet): string[] => (ws.getRow(1).values as unknown[]).slice(1).map(String);
const column = (ws: Worksheet, header: string): unknown[] => {
  const index = headers(ws).indexOf(header) + 1;
  if (index === 0) throw new Error(`no column ${header} in ${headers(ws).join(', ')}`);
  const values: unknown[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) values.push(row.getCell(index).value);
  });
  return values;
};
const typeOf = (ws: Worksheet, header: string, row = 2) => ws.getRow(row).getCell(headers(ws).indexOf(header) + 1).type;

describe('the Excel exports', () => {
  const bot = testBotFor('all', { TAB_DEMO_SIGNIN: 'true' });
  let seeded: Awaited<ReturnType<typeof seedCohort>>;
  beforeAll(async () => {
    seeded = await seedCohort(bot, { n: 300 });
  });
  const download = async (id: TabExportId, request: Record<string, string>, user: TeamsUser = erik) => {
    const reply = await downloadExport(bot.app.url, id, request as never, as(user));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    return { book: await workbook(reply.bytes), disposition: reply.headers.get('content-disposition') ?? '' };
  };

  it('the applications as the table shows them filtered, with Swedish headers, real dates and numbers', async () => {
    const { book, disposition } = await download('applications', { municipality: 'Höganäs', state: 'inReview', sort: 'score', desc: '1' });
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('Ansökningar Pilot 1.xlsx')}`);
    const ws = book.getWorksheet('Ansökningar')!;
    expect(headers(ws)).toEqual(['Ansökans id', 'Idé', 'Sökande', 'Kommun', 'Förvaltning', 'Arbetsplats', 'Målgrupper', 'Antal i teamet', 'Status', 'Skickad', 'Väntar på', 'Medelpoäng', 'Antal bedömningar']);
    const expected = seeded.applications.filter((a) => a.about?.municipality === 'Höganäs' && a.state === 'inReview');
    expect(ws.rowCount - 1).toBe(expected.length);
    expect(new Set(column(ws, 'Kommun'))).toEqual(new Set(['Höganäs']));
    expect(new Set(column(ws, 'Status'))).toEqual(new Set(['Juryn bedömer']));
    expect(new Set(column(ws, 'Väntar på'))).toEqual(new Set(['Juryn']));
    const scores = column(ws, 'Medelpoäng') as number[];
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(typeOf(ws, 'Medelpoäng')).toBe(ValueType.Number);
    expect(typeOf(ws, 'Antal i teamet')).toBe(ValueType.Number);
    expect(typeOf(ws, 'Skickad')).toBe(ValueType.Date);
    expect(ws.getColumn(10).numFmt).toBe('yyyy-mm-dd hh:mm');
    // A date is the Swedish wall-clock time of the instant.
    const first = expected.find((a) => a.id === column(ws, 'Ansökans id')[0])!;
    expect(column(ws, 'Skickad')[0]).toEqual(excelTime(first.submittedAt));
  });

  it('the ranking with places and every score, and the English headers when the tab is in English', async () => {
    const { book } = await download('ranking', {});
    const ranking = book.getWorksheet('Rangordning')!;
    const judged = seeded.applications.filter((a) => a.jury && a.jury.count > 0 && a.state !== 'withdrawn');
    expect(ranking.rowCount - 1).toBe(judged.length);
    const places = column(ranking, 'Placering') as (number | null)[];
    expect(places.filter((p) => p !== null)).toEqual([...places.filter((p) => p !== null)].sort((a, b) => (a as number) - (b as number)));
    expect(typeOf(ranking, 'Medelpoäng')).toBe(ValueType.Number);
    expect(typeOf(ranking, 'Placering')).toBe(ValueType.Number);
    const scores = book.getWorksheet('Bedömningar')!;
    expect(headers(scores)).toEqual(['Ansökans id', 'Idé', 'Jurymedlem', 'Nytta för målgruppen', 'Djärvhet: utmanar idén kärnuppdraget?', 'Går att använda i alla elva kommuner', 'Går att genomföra inom programmet', 'Den sökandes driv', 'Viktat medel', 'Kommentar', 'Bedömd']);
    expect(scores.rowCount - 1).toBe(judged.reduce((n, a) => n + (a.jury?.count ?? 0), 0));
    expect(new Set(column(scores, 'Jurymedlem'))).toEqual(new Set(['Lena Holm', 'Mikael Ek', 'Erik Nyström']));

    const english = await download('ranking', { lang: 'en' });
    expect(headers(english.book.getWorksheet('Ranking')!)).toContain('Place');
    expect(english.disposition).toContain('Ranking%20Pilot%201.xlsx');
  });

  it('the budget ledger: every team\'s budget and every expense, amounts in kronor as numbers', async () => {
    const { book } = await download('ledger', {});
    const budgets = book.getWorksheet('Budgetar')!;
    const teams = seeded.applications.filter((a) => a.budget);
    expect(budgets.rowCount - 1).toBe(teams.length);
    expect(typeOf(budgets, 'Budget (kr)')).toBe(ValueType.Number);
    expect((column(budgets, 'Budget (kr)') as number[]).sort()).toEqual(teams.map((a) => a.budget!.allocatedOre / 100).sort());
    const expenses = book.getWorksheet('Utlägg')!;
    expect(expenses.rowCount - 1).toBe(teams.reduce((n, a) => n + a.budget!.expenses.length, 0));
    const first = teams[0]!.budget!.expenses[0]!;
    const row = column(expenses, 'Utläggets id').indexOf(first.id);
    expect(column(expenses, 'Belopp (kr)')[row]).toBe(first.ore / 100);
    expect(expenses.getColumn(5).numFmt).toBe('#,##0.00 "kr"');
    expect(new Set(column(expenses, 'Status'))).toEqual(new Set(['Godkänt', 'Väntar på HR']));
  });

  it('the steering group report, which the steering group may export too', async () => {
    const { book } = await download('report', {}, birgitta);
    const ws = book.getWorksheet('Per kommun')!;
    expect(ws.rowCount - 1).toBe(12);
    expect(column(ws, 'Kommun')).toEqual([...MUNICIPALITIES, 'Alla kommuner']);
    const sent = seeded.applications.filter((a) => a.state !== 'draft').length;
    expect(column(ws, 'Skickade').at(-1)).toBe(sent);
    expect(typeOf(ws, 'Dagar till chefens beslut (median)', 13)).toBe(ValueType.Number);
    expect(book.getWorksheet('Utfall')!.rowCount - 1).toBe(2);
    // The report is all she may export.
    expect((await downloadExport(bot.app.url, 'ranking', {}, as(birgitta))).status).toBe(403);
  });

  it('one application\'s audit trail in Swedish, and every export in the cohort\'s trail: who, what, when', async () => {
    const a = seeded.applications.find((x) => x.selection)!;
    const { book } = await download('audit', { cohortId: a.cohortId, applicationId: a.id });
    const ws = book.getWorksheet('Logg')!;
    expect(headers(ws)).toEqual(['Tidpunkt', 'Händelse', 'Vem', 'Från status', 'Till status', 'Skäl']);
    expect(column(ws, 'Händelse')).toEqual(expect.arrayContaining(['Ansökan påbörjades', 'Ansökan skickades in', 'Chefen godkände']));
    expect(column(ws, 'Vem')).toEqual(expect.arrayContaining(['Johan Bergström', 'Erik Nyström']));
    expect(typeOf(ws, 'Tidpunkt')).toBe(ValueType.Date);

    const programme = answerOf('programme', await callTab(bot.app.url, 'programme', {}, as(erik)));
    expect(programme.exports.map((x) => `${x.what} ${x.byName}`)).toEqual(expect.arrayContaining(['applications Erik Nyström', 'ranking Erik Nyström', 'ledger Erik Nyström', 'report Birgitta Holmgren', 'audit Erik Nyström']));
    const applicationsExport = programme.exports.find((x) => x.what === 'applications')!;
    expect(applicationsExport.rows).toBe(seeded.applications.filter((x) => x.about?.municipality === 'Höganäs' && x.state === 'inReview').length);
  });

  it('gives no file without sign-in, and names it safely', async () => {
    const none = await downloadExport(bot.app.url, 'applications', {}, { none: true });
    expect(none.status).toBe(401);
    expect(none.bytes.length).toBe(0);
    expect(contentDisposition('Rapport Höganäs "2027".xlsx')).toBe(`attachment; filename="Rapport Hoganas _2027_.xlsx"; filename*=UTF-8''Rapport%20H%C3%B6gan%C3%A4s%20%222027%22.xlsx`);
  });
});
