import type { Application } from './application';
import type { Cohort } from './cohort';
import { addDays, addMonths, swedishDate, swedishInstant } from './dates';
import { isReportRun, nextReportDue, REPORT_HOUR } from './report-schedule';

/**
 * Retention and disposal (gallring) per record type (issue 18, docs/decisions/0018-retention-and-disposal.md).
 * A municipality may dispose of a public record (allmän handling) only by a decision (arkivlagen 10 §): the periods
 * below are the programme's proposal, which coordinators change and adopt with the decision's reference; until
 * then nothing is disposed of. Non-records (delivered notifications, the bot's conversation state) are not disposed
 * of by a decision: the store forgets them through Cosmos DB's own `ttl`.
 */
export const RECORD_TYPES = ['sentApplication', 'notSelected', 'draft', 'juryScores', 'expenses', 'auditEvents', 'deliveredNotifications', 'conversationState'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** The rules that dispose of something on a date (the others keep, follow another record, or expire by ttl). */
export const DISPOSAL_RULES = ['notSelected', 'draft'] as const;
export type DisposalRule = (typeof DISPOSAL_RULES)[number];

/** The periods an archivist may change, in whole years or months. */
export interface RetentionPeriods {
  /** Sent applications that did not lead to a place: years after the cohort's selection was locked (the cohort's end for them). */
  readonly notSelectedYears: number;
  /** Drafts never sent: months after the last change. */
  readonly draftMonths: number;
  /** Expenses: years after the end of the calendar year of the expense (bokföringslagen 7 kap. 2 §: at least seven). */
  readonly expenseYears: number;
}
export const RETENTION_PERIODS = ['notSelectedYears', 'draftMonths', 'expenseYears'] as const satisfies readonly (keyof RetentionPeriods)[];
export type RetentionPeriod = (typeof RETENTION_PERIODS)[number];

/** The defaults an archivist would recognise: two years for what did not lead anywhere, six months for drafts, seven years for accounts. */
export const DEFAULT_RETENTION: RetentionPeriods = { notSelectedYears: 2, draftMonths: 6, expenseYears: 7 };

/** The range each period may be set to; the bookkeeping act's seven years is a floor, not a default to go below. */
export const RETENTION_LIMITS: Readonly<Record<RetentionPeriod, readonly [number, number]>> = { notSelectedYears: [1, 10], draftMonths: [1, 24], expenseYears: [7, 10] };

/** Days a delivered notification or the bot's conversation state is kept after its last write (Cosmos `ttl`; not records). */
export const NOT_RECORD_TTL_DAYS = 30;
/** Days between the coordinators' dry-run list and the disposal it announces. */
export const NOTICE_DAYS = 14;

/** The disposal decision (gallringsbeslut) that adopted the periods: its reference (diarienummer), who recorded it and when. */
export interface RetentionDecision {
  readonly reference: string;
  readonly approvedBy: string;
  readonly approvedAt: string;
}

/** A record under an open case (an appeal, a request under OSL) is held: not disposed of until the hold is lifted. */
export interface DisposalHold {
  readonly cohortId: string;
  readonly applicationId: string;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

/** Retention as the programme settings keep it: the periods, the decision that adopted them, the holds. */
export interface RetentionSettings extends RetentionPeriods {
  readonly decision?: RetentionDecision;
  readonly holds?: readonly DisposalHold[];
}

/** What the rule of each record type is, for the plan shown to coordinators (and the ADR's table). */
export type RetentionRule =
  | { readonly kind: 'keep' }
  | { readonly kind: 'dispose'; readonly rule: DisposalRule; readonly period: RetentionPeriod; readonly n: number }
  | { readonly kind: 'afterYearEnd'; readonly period: 'expenseYears'; readonly n: number }
  | { readonly kind: 'follows'; readonly what: 'application' }
  | { readonly kind: 'ttl'; readonly days: number };

/** Every record type's rule under the settings: one table, the one place these rules live. */
export function retentionRules(settings: RetentionPeriods = DEFAULT_RETENTION): Readonly<Record<RecordType, RetentionRule>> {
  return {
    sentApplication: { kind: 'keep' },
    notSelected: { kind: 'dispose', rule: 'notSelected', period: 'notSelectedYears', n: settings.notSelectedYears },
    draft: { kind: 'dispose', rule: 'draft', period: 'draftMonths', n: settings.draftMonths },
    juryScores: { kind: 'follows', what: 'application' },
    expenses: { kind: 'afterYearEnd', period: 'expenseYears', n: settings.expenseYears },
    auditEvents: { kind: 'follows', what: 'application' },
    deliveredNotifications: { kind: 'ttl', days: NOT_RECORD_TTL_DAYS },
    conversationState: { kind: 'ttl', days: NOT_RECORD_TTL_DAYS },
  };
}

/** The retention in force: the stored settings, or the defaults (not adopted: no decision, so nothing is disposed of). */
export const retentionOf = (stored: RetentionSettings | undefined): RetentionSettings => stored ?? DEFAULT_RETENTION;

/** The settings with one period changed: a changed rule is a new rule, so the decision must be taken again. */
export function withPeriod(settings: RetentionSettings, period: RetentionPeriod, n: number): RetentionSettings | null {
  const [min, max] = RETENTION_LIMITS[period];
  if (!Number.isInteger(n) || n < min || n > max) return null;
  const { decision: _dropped, ...rest } = settings;
  return settings[period] === n ? settings : { ...rest, [period]: n };
}

/** The settings adopted by a decision (its reference, at most 60 characters, e.g. "KS 2026/123"). */
export function withDecision(settings: RetentionSettings, reference: string, approvedBy: string, now: Date): RetentionSettings | null {
  const ref = reference.trim();
  if (!ref || ref.length > 60) return null;
  return { ...settings, decision: { reference: ref, approvedBy, approvedAt: now.toISOString() } };
}

/** The settings with an application held (a new reason replaces the old) or released. */
export function withHold(settings: RetentionSettings, hold: DisposalHold | { readonly cohortId: string; readonly applicationId: string }, on: boolean): RetentionSettings {
  const others = (settings.holds ?? []).filter((h) => !(h.cohortId === hold.cohortId && h.applicationId === hold.applicationId));
  return { ...settings, holds: on && 'reason' in hold ? [...others, hold] : others };
}

/** The longest reason a hold keeps. */
export const HOLD_REASON_MAX = 200;

/**
 * Which record type an application is: a draft never sent; a sent application that did not lead to a place (not
 * selected, declined by the manager, or withdrawn without having been selected); otherwise a sent application kept
 * (selected participants' applications and decisions, and any that is still going).
 */
export function recordTypeOf(application: Application): 'draft' | 'notSelected' | 'sentApplication' {
  if (!application.submittedAt) return application.state === 'draft' || application.state === 'withdrawn' ? 'draft' : 'sentApplication';
  if (application.state === 'notSelected' || application.state === 'declined') return 'notSelected';
  if (application.state === 'withdrawn' && application.selection?.decision !== 'selected') return 'notSelected';
  return 'sentApplication';
}

/** The states of an application some rule may dispose of (recordTypeOf decides which rule, if any). */
export const DISPOSABLE_STATES = ['draft', 'withdrawn', 'notSelected', 'declined'] as const satisfies readonly Application['state'][];

/** What happens to one application: kept (no rule disposes of it, or not yet), held, or disposed of under a rule on a date (YYYY-MM-DD). */
export type Disposal =
  | { readonly kind: 'keep'; readonly why: 'record' | 'notYet' }
  | { readonly kind: 'held'; readonly hold: DisposalHold; readonly rule: DisposalRule; readonly on: string }
  | { readonly kind: 'dispose'; readonly rule: DisposalRule; readonly on: string };

/**
 * The disposal of one application under the settings. A draft goes `draftMonths` after its last change; an
 * application that did not lead to a place `notSelectedYears` after the cohort's selection was locked (before that,
 * the case is open and it is kept). Everything that follows the application (its audit events, jury scores and
 * recusals, messages) goes with it. Without an adopted decision, nothing is disposed of.
 */
export function disposalOf(application: Application, cohort: Cohort, settings: RetentionSettings | undefined): Disposal {
  const s = retentionOf(settings);
  const type = recordTypeOf(application);
  let on: string | undefined;
  if (type === 'draft') on = addMonths(swedishDate(new Date(application.updatedAt)), s.draftMonths);
  else if (type === 'notSelected' && cohort.selectionLockedAt) on = addMonths(swedishDate(new Date(cohort.selectionLockedAt)), 12 * s.notSelectedYears);
  if (type === 'sentApplication') return { kind: 'keep', why: 'record' };
  if (!on || !s.decision) return { kind: 'keep', why: 'notYet' };
  const hold = s.holds?.find((h) => h.cohortId === application.cohortId && h.applicationId === application.id);
  return hold ? { kind: 'held', hold, rule: type, on } : { kind: 'dispose', rule: type, on };
}

/** Whether a disposal is due on `date` (YYYY-MM-DD, Swedish). */
export const isDueBy = (disposal: Disposal, date: string): disposal is Extract<Disposal, { kind: 'dispose' }> => disposal.kind === 'dispose' && disposal.on <= date;

/** The first day an expense may be disposed of: `years` after the end of the calendar year it was reported in (bokföringslagen 7 kap. 2 §). */
export function expenseDisposalOn(reportedAt: string, years: number): string {
  const year = Number(swedishDate(new Date(reportedAt)).slice(0, 4));
  return `${year + years + 1}-01-01`;
}

/** The next notice (the dry-run list) strictly after `after`: the steering report's calendar, first working day of each month at 08:00. */
export const nextNoticeDue = (after: Date): Date => nextReportDue('monthly', after) as Date;

/** Whether `due` is one of the notice schedule's instants (a job from another rule finds nothing to do). */
export const isNoticeDue = (due: string): boolean => isReportRun('monthly', due);

/** The disposal a notice at `noticeAt` announces: NOTICE_DAYS later, at the notice's hour (Swedish time). */
export function disposalAfterNotice(noticeAt: Date): Date {
  return swedishInstant(addDays(swedishDate(noticeAt), NOTICE_DAYS), REPORT_HOUR);
}

/** One application on a run's list, with the rule it falls under and the date it is due. */
export interface PlannedDisposal {
  readonly applicationId: string;
  readonly rule: DisposalRule;
  readonly on: string;
}

/**
 * A run of disposal in one cohort, kept as a record of its own (never disposed of): the list announced to the
 * coordinators (planned), then what was disposed of under which rule, what was held, and the decision it ran under.
 */
export interface DisposalRecord {
  readonly id: string;
  readonly cohortId: string;
  /** When the list was sent, and the instant of the disposal it announced. */
  readonly noticeAt: string;
  readonly runAt: string;
  readonly status: 'planned' | 'done';
  readonly decision: RetentionDecision;
  readonly planned: readonly PlannedDisposal[];
  /** Once done: how many applications each rule disposed of (with everything that follows them), and which were held. */
  readonly disposed?: Readonly<Partial<Record<DisposalRule, number>>>;
  readonly held?: readonly string[];
  readonly doneAt?: string;
}

/** The record's id: one per cohort and run. */
export const disposalRecordId = (runAt: string) => `disposal:${runAt}`;
