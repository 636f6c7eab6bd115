import type { Writable } from 'node:stream';
import { stream as excelStream, type Worksheet } from 'exceljs';
import type { Application } from '../../domain/application';
import { listKeysOf } from '../../domain/application-list';
import { ledger } from '../../domain/budget';
import type { UseCaseResult } from '../../domain/errors';
import { criteriaOf } from '../../domain/jury';
import type { ExportRecord } from '../../domain/ports';
import { weightedMean } from '../../domain/scoring';
import { juryOf } from '../../domain/tally';
import { messages, type Messages } from '../../i18n';
import { exportEn } from '../../i18n/export.en';
import { exportSv, type ExportMessages } from '../../i18n/export.sv';
import { rankingOf, type RankingCursor } from '../../use-cases/jury/ranking';
import { applicationsTable, programmeOf, reportOf, type ReportLine } from '../../use-cases/programme/coordinator-views';
import type { CohortChoice } from '../../use-cases/programme/deps';
import { criterionName } from '../cards/jury.cards';
import type { CommandId } from '../teams/commands';
import { refusalAnswer, type TabAnswer, type TabCaller, type TabServices } from './answers';
import { readAsCoordinator, tableFilter, tableOrder } from './coordinator-api';
import type { TAB_EXPORTS, TabExportId } from './contract';
import type { z } from 'zod';
import { campaignFailures } from '../../use-cases/announcements';
import { chunks } from '../../use-cases/pages';
import { failureReason } from '../cards/announcement.cards';

/**
 * The tab's Excel exports (issue 15): each is authorized and its first read done before a byte is sent (a refusal is
 * a plain 4xx), then written with exceljs' streaming writer straight into the response, a page of rows at a time, so
 * the memory it takes does not grow with the cohort. Dates are Excel dates in Swedish local time, amounts numbers in
 * kronor, each with a Swedish format; the headers are in the tab's language (Swedish unless asked).
 */

export type Book = InstanceType<typeof excelStream.xlsx.WorkbookWriter>;

/** An export ready to write: its file name, what the audit trail records, and the writer. */
export interface ExportPlan {
  readonly filename: string;
  readonly cohortId: string;
  readonly filter?: Readonly<Record<string, string>>;
  /** Writes the sheets, counting the rows of the main one in `tally` as they are written. */
  write(book: Book, tally: { rows: number }): Promise<void>;
}

type ExportRequest<E extends TabExportId> = z.output<(typeof TAB_EXPORTS)[E]['request']>;

export interface ExportRoute<E extends TabExportId> {
  readonly as: CommandId;
  plan(s: TabServices, caller: TabCaller, request: ExportRequest<E>, m: Messages, x: ExportMessages): Promise<ExportPlan | TabAnswer>;
}

const FORMATS = { instant: 'yyyy-mm-dd hh:mm', date: 'yyyy-mm-dd', kronor: '#,##0.00 "kr"', decimal: '0.00', integer: '0' } as const;

/** An instant as Excel holds a date: the Swedish wall-clock time (Excel has no time zones). */
export function excelTime(iso: string | undefined): Date | null {
  if (!iso) return null;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)));
}

const kronor = (ore: number) => ore / 100;

/** How many rows an export reads at a time: the largest page a query may ask for (MAX_PAGE_SIZE). */
const EXPORT_PAGE = 100;

interface Column {
  readonly header: string;
  readonly key: string;
  readonly width?: number;
  readonly format?: keyof typeof FORMATS;
}

/** A sheet with its columns, a bold frozen header row, and each column's Swedish number or date format. */
export function sheet(book: Book, name: string, columns: readonly Column[]): Worksheet {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? Math.max(12, Math.min(50, c.header.length + 4)), ...(c.format ? { style: { numFmt: FORMATS[c.format] } } : {}) }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

/** Adds a row and lets it go (a committed row leaves memory at once). */
export const put = (ws: Worksheet, row: Record<string, unknown>) => ws.addRow(row).commit();

const FILE_NAME = /[^\p{L}\p{N} ._-]+/gu;
export const fileName = (base: string) => `${base.replace(FILE_NAME, '').trim().slice(0, 80) || 'export'}.xlsx`;

const fromUseCase = async <T>(r: Promise<UseCaseResult<T>>): Promise<{ ok: true; value: T } | { ok: false; answer: TabAnswer }> => {
  const done = await r;
  return done.ok ? { ok: true, value: done.value } : { ok: false, answer: refusalAnswer(done.error) };
};

const which = (r: { cohortId?: string | undefined }): CohortChoice => r.cohortId ?? 'current';

/** The filters an export was made with, for the audit trail: the fields that have a value. */
const filterOf = (r: Record<string, unknown>): Record<string, string> => Object.fromEntries(Object.entries(r).flatMap(([k, v]) => (v === undefined || k === 'lang' ? [] : [[k, String(v)]])));

/** The applications as the coordinators' table shows them, filtered and ordered as it is. */
const applications: ExportRoute<'applications'> = {
  as: 'applications',
  async plan(s, caller, r, m, x) {
    const first = await fromUseCase(applicationsTable(s, caller.id, which(r), tableFilter(r), tableOrder(r), undefined, EXPORT_PAGE));
    if (!first.ok) return first.answer;
    const { cohort } = first.value;
    return {
      filename: fileName(x.files.applications(cohort.name)),
      cohortId: cohort.id,
      filter: filterOf(r),
      async write(book, tally) {
        const c = x.columns;
        const ws = sheet(book, x.sheets.applications, [
          { header: c.id, key: 'id', width: 14 },
          { header: c.title, key: 'title', width: 50 },
          { header: c.applicant, key: 'applicant', width: 24 },
          { header: c.municipality, key: 'municipality', width: 16 },
          { header: c.administration, key: 'administration', width: 30 },
          { header: c.workplace, key: 'workplace', width: 24 },
          { header: c.targetGroups, key: 'targetGroups', width: 30 },
          { header: c.teamSize, key: 'teamSize', format: 'integer' },
          { header: c.state, key: 'state', width: 26 },
          { header: c.submittedAt, key: 'submittedAt', format: 'instant', width: 17 },
          { header: c.waitingFor, key: 'waitingFor', width: 16 },
          { header: c.score, key: 'score', format: 'decimal' },
          { header: c.scoreCount, key: 'scoreCount', format: 'integer' },
        ]);
        let page = first.value;
        for (;;) {
          for (const a of page.items) {
            const keys = listKeysOf(a);
            const jury = juryOf(a);
            put(ws, {
              id: a.id,
              title: a.idea?.title ?? '',
              applicant: a.applicantName,
              municipality: a.about?.municipality ?? '',
              administration: a.about?.administration ?? '',
              workplace: a.about?.workplace ?? '',
              targetGroups: (a.benefit?.targetGroups ?? []).map((g) => m.intake.targetGroups[g]).join(', '),
              teamSize: keys.teamSize,
              state: m.states[a.state],
              submittedAt: excelTime(a.submittedAt),
              waitingFor: keys.waitingFor ? x.waitingFor[keys.waitingFor] : '',
              score: jury.count > 0 ? jury.mean : null,
              scoreCount: jury.count,
            });
            tally.rows++;
          }
          if (!page.next) break;
          const more = await fromUseCase(applicationsTable(s, caller.id, cohort.id, tableFilter(r), tableOrder(r), page.next, EXPORT_PAGE));
          if (!more.ok) break;
          page = more.value;
        }
        ws.commit();
      },
    };
  },
};

/** The whole ranking with places and ties, and on a second sheet every score with its values and comment. */
const ranking: ExportRoute<'ranking'> = {
  as: 'ranking',
  async plan(s, caller, r, m, x) {
    const first = await fromUseCase(rankingOf(s, caller.id, undefined, which(r), EXPORT_PAGE));
    if (!first.ok) return first.answer;
    const cohort = first.value.cohort;
    return {
      filename: fileName(x.files.ranking(cohort.name)),
      cohortId: cohort.id,
      filter: filterOf(r),
      async write(book, tally) {
        const c = x.columns;
        const ws = sheet(book, x.sheets.ranking, [
          { header: c.place, key: 'place', format: 'integer' },
          { header: c.tiedWith, key: 'tiedWith', format: 'integer' },
          { header: c.id, key: 'id', width: 14 },
          { header: c.title, key: 'title', width: 50 },
          { header: c.applicant, key: 'applicant', width: 24 },
          { header: c.municipality, key: 'municipality', width: 16 },
          { header: c.score, key: 'score', format: 'decimal' },
          { header: c.spread, key: 'spread', format: 'decimal' },
          { header: c.scoreCount, key: 'scoreCount', format: 'integer' },
          { header: c.recusals, key: 'recusals', format: 'integer' },
          { header: c.selection, key: 'selection', width: 16 },
          { header: c.feedback, key: 'feedback', width: 50 },
        ]);
        let view = first.value;
        const titles = new Map<string, string>();
        for (;;) {
          for (const row of view.rows) {
            const a = row.application;
            titles.set(a.id, a.idea?.title ?? '');
            put(ws, {
              place: row.rank,
              tiedWith: row.rank === null ? null : row.tiedWith,
              id: a.id,
              title: a.idea?.title ?? '',
              applicant: a.applicantName,
              municipality: a.about?.municipality ?? '',
              score: row.score ?? row.meanSoFar,
              spread: row.spread,
              scoreCount: row.scoreCount,
              recusals: row.recusalCount,
              selection: a.selection ? x.selection[a.selection.decision] : '',
              feedback: a.selection?.feedback ?? '',
            });
            tally.rows++;
          }
          const next: RankingCursor | undefined = view.next;
          if (!next) break;
          const more = await fromUseCase(rankingOf(s, caller.id, next, cohort.id, EXPORT_PAGE));
          if (!more.ok) break;
          view = more.value;
        }
        ws.commit();
        const criteria = criteriaOf(cohort);
        const scores = sheet(book, x.sheets.scores, [
          { header: c.id, key: 'id', width: 14 },
          { header: c.title, key: 'title', width: 40 },
          { header: c.juror, key: 'juror', width: 24 },
          ...criteria.map((k) => ({ header: criterionName(k, m), key: `c_${k.id}`, format: 'integer' as const })),
          { header: c.weightedMean, key: 'mean', format: 'decimal' },
          { header: c.comment, key: 'comment', width: 50 },
          { header: c.scoredAt, key: 'at', format: 'instant', width: 17 },
        ]);
        const jurorNames = new Map<string, string>();
        let after: string | undefined;
        do {
          const page = await s.jury.scoresIn(cohort.id, EXPORT_PAGE, after);
          for (const score of page.items) {
            if (!jurorNames.has(score.jurorId)) jurorNames.set(score.jurorId, (await s.directory.getPerson(score.jurorId))?.name ?? '');
            put(scores, {
              id: score.applicationId,
              title: titles.get(score.applicationId) ?? '',
              juror: jurorNames.get(score.jurorId) ?? '',
              ...Object.fromEntries(criteria.map((k) => [`c_${k.id}`, score.values[k.id] ?? null])),
              mean: weightedMean(score.values, criteria),
              comment: score.comment ?? '',
              at: excelTime(score.at),
            });
          }
          after = page.next;
        } while (after !== undefined);
        scores.commit();
      },
    };
  },
};

/** Every team's budget, and every expense with its state, who reported it and when it was decided. */
const ledgerExport: ExportRoute<'ledger'> = {
  as: 'cohorts',
  async plan(s, caller, r, _m, x) {
    const found = await fromUseCase(programmeOf(s, caller.id, which(r)));
    if (!found.ok) return found.answer;
    const { cohort } = found.value;
    const teams = found.value.teams.map((t) => t.application).filter((a) => a.budget);
    return {
      filename: fileName(x.files.ledger(cohort.name)),
      cohortId: cohort.id,
      filter: filterOf(r),
      async write(book, tally) {
        const c = x.columns;
        const budgets = sheet(book, x.sheets.budgets, [
          { header: c.id, key: 'id', width: 14 },
          { header: c.title, key: 'title', width: 40 },
          { header: c.lead, key: 'lead', width: 24 },
          { header: c.municipality, key: 'municipality', width: 16 },
          { header: c.allocated, key: 'allocated', format: 'kronor', width: 16 },
          { header: c.spent, key: 'spent', format: 'kronor', width: 16 },
          { header: c.pending, key: 'pending', format: 'kronor', width: 18 },
          { header: c.left, key: 'left', format: 'kronor', width: 16 },
        ]);
        for (const a of teams) {
          const l = ledger(a.budget as NonNullable<Application['budget']>);
          put(budgets, { id: a.id, title: a.idea?.title ?? '', lead: a.applicantName, municipality: a.about?.municipality ?? '', allocated: kronor(l.allocated), spent: kronor(l.approved), pending: kronor(l.pending), left: kronor(l.remaining) });
        }
        budgets.commit();
        const expenses = sheet(book, x.sheets.expenses, [
          { header: c.id, key: 'id', width: 14 },
          { header: c.title, key: 'title', width: 40 },
          { header: c.expenseId, key: 'expenseId', width: 14 },
          { header: c.description, key: 'description', width: 40 },
          { header: c.amount, key: 'amount', format: 'kronor', width: 16 },
          { header: c.expenseStatus, key: 'status', width: 14 },
          { header: c.reportedBy, key: 'reportedBy', width: 24 },
          { header: c.reportedAt, key: 'reportedAt', format: 'instant', width: 17 },
          { header: c.decidedAt, key: 'decidedAt', format: 'instant', width: 17 },
          { header: c.reason, key: 'reason', width: 30 },
        ]);
        const names = new Map<string, string>();
        for (const a of teams) {
          for (const e of a.budget?.expenses ?? []) {
            if (!names.has(e.reportedBy)) names.set(e.reportedBy, (await s.directory.getPerson(e.reportedBy))?.name ?? '');
            put(expenses, {
              id: a.id,
              title: a.idea?.title ?? '',
              expenseId: e.id,
              description: e.description,
              amount: kronor(e.ore),
              status: x.expenseStatus[e.status],
              reportedBy: names.get(e.reportedBy) ?? '',
              reportedAt: excelTime(e.reportedAt),
              decidedAt: excelTime(e.decidedAt),
              reason: e.reason ?? '',
            });
            tally.rows++;
          }
        }
        expenses.commit();
      },
    };
  },
};

/** The steering group's report: per municipality and in all, the teams in the programme, and the outcomes. */
const report: ExportRoute<'report'> = {
  as: 'report',
  async plan(s, caller, r, m, x) {
    const found = await fromUseCase(reportOf(s, caller.id, which(r)));
    if (!found.ok) return found.answer;
    const rep = found.value;
    return {
      filename: fileName(x.files.report(rep.cohort.name)),
      cohortId: rep.cohort.id,
      filter: filterOf(r),
      async write(book, tally) {
        const c = x.columns;
        const figures = ['submitted', 'approved', 'declined', 'selected', 'waitlisted', 'notSelected', 'phase1', 'phase2', 'phase3', 'continued', 'returnedToJob', 'joinedOtherTeam', 'outcomes', 'withdrawn'] as const;
        const ws = sheet(book, x.sheets.report, [
          { header: c.municipality, key: 'municipality', width: 18 },
          ...figures.map((f) => ({ header: c[f], key: f, format: 'integer' as const })),
          { header: c.allocated, key: 'allocatedOre', format: 'kronor', width: 16 },
          { header: c.spent, key: 'spentOre', format: 'kronor', width: 16 },
          { header: c.pending, key: 'pendingOre', format: 'kronor', width: 18 },
          { header: c.medianDaysToDecision, key: 'medianDaysToDecision', format: 'decimal' },
          { header: c.medianDaysToSelection, key: 'medianDaysToSelection', format: 'decimal' },
        ]);
        const line = (name: string, l: ReportLine) => put(ws, { municipality: name, ...Object.fromEntries(figures.map((f) => [f, l[f]])), allocatedOre: kronor(l.allocatedOre), spentOre: kronor(l.spentOre), pendingOre: kronor(l.pendingOre), medianDaysToDecision: l.medianDaysToDecision, medianDaysToSelection: l.medianDaysToSelection });
        for (const l of rep.rows) line(l.municipality ?? '', l);
        line(x.total, rep.total);
        tally.rows = rep.rows.length + 1;
        ws.commit();
        const teams = sheet(book, x.sheets.teams, [
          { header: c.title, key: 'title', width: 50 },
          { header: c.lead, key: 'lead', width: 24 },
          { header: c.municipality, key: 'municipality', width: 16 },
          { header: c.state, key: 'state', width: 26 },
        ]);
        for (const a of rep.teams) put(teams, { title: a.idea?.title ?? '', lead: a.applicantName, municipality: a.about?.municipality ?? '', state: m.states[a.state] });
        teams.commit();
        const outcomes = sheet(book, x.sheets.outcomes, [
          { header: c.title, key: 'title', width: 50 },
          { header: c.lead, key: 'lead', width: 24 },
          { header: c.municipality, key: 'municipality', width: 16 },
          { header: c.outcome, key: 'outcome', width: 30 },
          { header: c.ipOwner, key: 'ipOwner', width: 16 },
          { header: c.receivingAdministration, key: 'receiving', width: 30 },
          { header: c.decidedAt, key: 'decidedAt', format: 'instant', width: 17 },
        ]);
        for (const a of rep.outcomes) {
          if (!a.outcome) continue;
          put(outcomes, { title: a.idea?.title ?? '', lead: a.applicantName, municipality: a.about?.municipality ?? '', outcome: x.outcome[a.outcome.kind], ipOwner: x.ipOwner[a.outcome.ipOwner], receiving: a.outcome.receivingAdministration ?? '', decidedAt: excelTime(a.outcome.decidedAt) });
        }
        outcomes.commit();
      },
    };
  },
};

/** One application's whole audit trail, in Swedish local time, with who did what and why. */
const audit: ExportRoute<'audit'> = {
  as: 'log',
  async plan(s, caller, r, m, x) {
    const read = await readAsCoordinator(s, caller.id, r);
    if (!read.ok) return read.answer;
    const { application: a, trail } = read;
    return {
      filename: fileName(x.files.audit(a.id)),
      cohortId: a.cohortId,
      filter: { applicationId: a.id },
      async write(book, tally) {
        const c = x.columns;
        const ws = sheet(book, x.sheets.audit, [
          { header: c.at, key: 'at', format: 'instant', width: 17 },
          { header: c.event, key: 'event', width: 40 },
          { header: c.actor, key: 'actor', width: 24 },
          { header: c.fromState, key: 'from', width: 26 },
          { header: c.toState, key: 'to', width: 26 },
          { header: c.reason, key: 'reason', width: 50 },
        ]);
        const names = new Map<string, string>();
        for (const e of trail) {
          if (e.actorKind !== 'system' && !names.has(e.actorId)) names.set(e.actorId, (await s.directory.getPerson(e.actorId))?.name ?? '');
          tally.rows++;
          put(ws, { at: excelTime(e.at), event: m.programme.log.events[e.action], actor: e.actorKind === 'system' ? x.system : (names.get(e.actorId) ?? ''), from: e.fromState ? m.states[e.fromState] : '', to: m.states[e.toState], reason: e.reason ?? '' });
        }
        ws.commit();
      },
    };
  },
};

/** Who an announcement did not reach, and why (the progress card names the first ten). */
const announcement: ExportRoute<'announcement'> = {
  as: 'announce',
  async plan(s, caller, r, m, x) {
    const found = await fromUseCase(campaignFailures(s, caller.id, r.campaignId));
    if (!found.ok) return found.answer;
    const { campaign, failures } = found.value;
    return {
      filename: fileName(x.files.announcement(campaign.title)),
      cohortId: campaign.cohortId,
      filter: { campaignId: campaign.id },
      async write(book, tally) {
        const c = x.columns;
        const ws = sheet(book, x.sheets.announcement, [
          { header: c.name, key: 'name', width: 28 },
          { header: c.email, key: 'email', width: 34 },
          { header: c.municipality, key: 'municipality', width: 16 },
          { header: c.reason, key: 'reason', width: 50 },
          { header: c.attempts, key: 'attempts', format: 'integer' },
        ]);
        for (const batch of chunks(failures, EXPORT_PAGE)) {
          const people = await Promise.all(batch.map((f) => s.directory.getPerson(f.recipientId)));
          batch.forEach((f, i) => {
            const person = people[i];
            tally.rows++;
            put(ws, { name: person?.name ?? f.recipientId, email: person?.email ?? '', municipality: person?.municipality ?? '', reason: failureReason(f, m), attempts: f.attempts });
          });
        }
        ws.commit();
      },
    };
  },
};

/** The programme's exports; the register extract's (privacy-api.ts, which builds on the helpers here) join them in tab-http.ts. */
export const EXPORT_ROUTES: { readonly [E in Exclude<TabExportId, 'myData' | 'dataExtract'>]: ExportRoute<E> } = { applications, ranking, ledger: ledgerExport, report, audit, announcement };

/**
 * Writes a planned export into `out` (the response) as an .xlsx, then records it in the cohort's audit trail with the
 * rows written — also when the writing stopped half-way (the person may have received part of it).
 */
export async function writeExport(s: TabServices, callerId: string, what: TabExportId, plan: ExportPlan, out: Writable): Promise<number> {
  const book = new excelStream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const tally = { rows: 0 };
  try {
    await plan.write(book, tally);
    await book.commit();
    return tally.rows;
  } finally {
    const entry: ExportRecord = { id: s.ids.uuid(), cohortId: plan.cohortId, at: s.clock.now().toISOString(), actorId: callerId, what, rows: tally.rows, ...(plan.filter ? { filter: { ...plan.filter } } : {}) };
    await s.exportLog.record(entry);
  }
}

/** The catalogue and the export's own texts in the language asked for (Swedish unless English). */
export const exportTexts = (lang: 'sv' | 'en' | undefined): { m: Messages; x: ExportMessages } => (lang === 'en' ? { m: messages('en'), x: exportEn } : { m: messages('sv'), x: exportSv });
