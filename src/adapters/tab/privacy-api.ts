import { PRIVACY_LOG_PARTITION } from '../../domain/ports';
import type { RegisterExtract } from '../../domain/register-extract';
import { retentionOf } from '../../domain/retention';
import type { Messages } from '../../i18n';
import { registerExtract, type PrivacyChannel } from '../../use-cases/privacy';
import { ok, refusalAnswer, type TabAnswer, type TabRoute, type TabServices } from './answers';
import type { PrivacyResponse, RegisterExtractResponse } from './contract';
import { excelTime, fileName, put, sheet, type ExportPlan, type ExportRoute } from './exports';

/** What the contract's answer is, read-only all the way down (the domain's extract is). */
type Deep<T> = T extends readonly (infer U)[] ? readonly Deep<U>[] : T extends object ? { readonly [K in keyof T]: Deep<T[K]> } : T;

/** The extract as the tab hears it: NOT_FOUND for nobody by that address, 403 for anyone but a coordinator asking for another. */
async function extractFor(s: TabServices, callerId: string, named: string | null, via: PrivacyChannel): Promise<{ ok: true; value: RegisterExtract } | { ok: false; answer: TabAnswer }> {
  const done = await registerExtract(s, callerId, named, via);
  return done.ok ? done : { ok: false, answer: refusalAnswer(done.error) };
}

/** The tab's privacy routes (ADR 0019): the person's own extract, a named person's for coordinators, and the notice's figures. */
export const PRIVACY_ROUTES: { readonly myData: TabRoute<'myData'>; readonly dataExtract: TabRoute<'dataExtract'>; readonly privacy: TabRoute<'privacy'> } = {
  myData: {
    as: 'myData',
    async handle(s, caller) {
      const found = await extractFor(s, caller.id, null, 'tab');
      return found.ok ? ok(found.value satisfies Deep<RegisterExtractResponse>) : found.answer;
    },
  },
  dataExtract: {
    as: 'dataExtract',
    async handle(s, caller, r) {
      const found = await extractFor(s, caller.id, r.person, 'tab');
      return found.ok ? ok(found.value satisfies Deep<RegisterExtractResponse>) : found.answer;
    },
  },
  privacy: {
    as: 'privacy',
    async handle(s) {
      const retention = retentionOf((await s.settings.get())?.value.retention);
      return ok({ retention: { notSelectedYears: retention.notSelectedYears, draftMonths: retention.draftMonths, expenseYears: retention.expenseYears }, ...(retention.decision ? { decisionReference: retention.decision.reference } : {}) } satisfies PrivacyResponse);
    },
  },
};

/** An instant-like field written as an Excel date in Swedish time; everything else as text or number. */
const INSTANTS = new Set(['at', 'createdAt', 'updatedAt', 'submittedAt', 'decidedAt', 'reportedAt', 'sentAt', 'privacyAcknowledgedAt', 'generatedAt']);

function cell(key: string, value: unknown, m: Messages): unknown {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? m.privacy.excel.yes : m.privacy.excel.no;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return INSTANTS.has(key) ? (excelTime(value) ?? value) : value;
  if (Array.isArray(value)) return value.map(String).join(', ');
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('; ');
}

const SECTIONS = ['applications', 'approvalsDecided', 'scores', 'recusals', 'expenses', 'recommendationsGiven', 'recommendationsReceived', 'meetingInvitations', 'supportRoles', 'audit', 'messages', 'exports'] as const;

/** The extract as a workbook: the person and their roles on the first sheet, then one sheet per kind of record. */
function extractPlan(extract: RegisterExtract, m: Messages): ExportPlan {
  const x = m.privacy.excel;
  const label = (key: string) => x.fields[key] ?? key;
  return {
    filename: fileName(x.file(extract.person.name || extract.person.id)),
    cohortId: PRIVACY_LOG_PARTITION,
    filter: { subjectId: extract.person.id },
    async write(book, tally) {
      const first = sheet(book, x.sheets.person, [
        { header: x.field, key: 'field', width: 28 },
        { header: x.value, key: 'value', width: 60 },
      ]);
      const person: [string, unknown][] = [
        ['generatedAt', extract.generatedAt],
        ...Object.entries(extract.person),
        ['roles', extract.roles],
        ['conversation', extract.conversation],
        ...(extract.restriction ? [['restriction', extract.restriction] as [string, unknown]] : []),
      ];
      for (const [key, value] of person) put(first, { field: label(key), value: cell(key, value, m) });
      first.commit();
      for (const section of SECTIONS) {
        const rows = extract[section] as readonly Record<string, unknown>[];
        const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
        const ws = sheet(book, x.sheets[section], (keys.length > 0 ? keys : ['id']).map((k) => ({ header: label(k), key: k, ...(INSTANTS.has(k) ? { format: 'instant' as const, width: 17 } : { width: 30 }) })));
        for (const row of rows) {
          tally.rows++;
          put(ws, Object.fromEntries(keys.map((k) => [k, cell(k, row[k], m)])));
        }
        ws.commit();
      }
    },
  };
}

/** The extract as Excel: the person's own, or a named person's for coordinators (the same gate as the JSON). */
export const PRIVACY_EXPORTS: { readonly myData: ExportRoute<'myData'>; readonly dataExtract: ExportRoute<'dataExtract'> } = {
  myData: {
    as: 'myData',
    async plan(s, caller, _r, m) {
      const found = await extractFor(s, caller.id, null, 'excel');
      return found.ok ? extractPlan(found.value, m) : found.answer;
    },
  },
  dataExtract: {
    as: 'dataExtract',
    async plan(s, caller, r, m) {
      const found = await extractFor(s, caller.id, r.person, 'excel');
      return found.ok ? extractPlan(found.value, m) : found.answer;
    },
  },
};
