import type { disposalSv } from './disposal.sv';
import { enCount } from './plural';

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Stockholm' });
const AT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Stockholm' });
const day = (date: string) => DATE.format(new Date(`${date}T12:00:00Z`));

export const disposalEn: typeof disposalSv = {
  at: (iso) => AT.format(new Date(iso)),
  day,
  recordType: {
    sentApplication: 'Sent applications and decisions of selected participants',
    notSelected: 'Sent applications that did not lead to a place (not selected, declined by the manager, withdrawn)',
    draft: 'Drafts never sent',
    juryScores: "The jury's scores and recusals",
    expenses: 'Expenses',
    auditEvents: 'Log (who did what, when)',
    deliveredNotifications: "The bot's delivered messages",
    conversationState: "The bot's conversation state",
  },
  rule: {
    keep: 'Kept',
    notSelectedYears: (n) => `Disposed of ${enCount(n, 'year', 'years')} after the cohort's selection was locked`,
    draftMonths: (n) => `Disposed of ${enCount(n, 'month', 'months')} after the last change`,
    expenseYears: (n) => `Kept at least ${enCount(n, 'year', 'years')} after the end of the calendar year of the expense (Bookkeeping Act ch. 7 s. 2); not yet disposed of by the bot`,
    follows: 'Follows the application: disposed of with it, kept with it',
    ttl: (days) => `Not a public record: removed automatically ${enCount(days, 'day', 'days')} after the last change`,
  },
  ruleName: { notSelected: 'not selected', draft: 'draft' },
  period: { notSelectedYears: 'not-selected', draftMonths: 'drafts', expenseYears: 'expenses' },
  plan: {
    title: 'Disposal plan',
    intro: 'How long records are kept and when they are disposed of. Nothing is disposed of without a disposal decision (Archives Act s. 10).',
    rules: 'Rules per record type',
    decision: (reference, by, at) => `Disposal decision ${reference}, recorded by ${by} on ${at}.`,
    noDecision: 'No disposal decision is recorded: nothing is disposed of. Record it with disposal approve <reference>.',
    nextNotice: (at) => `The next disposal list is sent on ${at}; the disposal follows 14 days later.`,
    holds: 'Held from disposal',
    hold: (id, reason) => `${id}: ${reason}`,
    records: 'Disposals carried out',
    noRecords: 'No disposal has been carried out yet.',
    record: (cohortName, at, counts, reference) => `${cohortName}, ${at}: ${counts} (decision ${reference})`,
    planned: (cohortName, at, n) => `${cohortName}: ${enCount(n, 'application', 'applications')} to be disposed of on ${at} (announced)`,
    count: (n, rule) => `${enCount(n, 'application', 'applications')} ${rule}`,
    nothing: 'nothing',
    heldCount: (n) => `${enCount(n, 'held', 'held')}`,
    usage:
      'Type disposal to see the rules, disposal approve <reference> to record the disposal decision, ' +
      'or change a period with disposal not-selected <years>, disposal drafts <months> or disposal expenses <years>.',
    badNumber: (period, min, max) => `${period} must be a whole number from ${min} to ${max}.`,
    adopted: (reference, at) => `Done. Disposal decision ${reference} is recorded. The first disposal list is sent on ${at}.`,
    changed: 'Done. The period is changed. A changed rule needs the disposal decision recorded again before anything is disposed of: disposal approve <reference>.',
    badReference: "Type the disposal decision's reference (at most 60 characters), for example disposal approve KS 2026/123.",
  },
  hold: {
    usage: "Type hold disposal <application id> <reason>, for example hold disposal A-7K3QX2 Appeal in progress.",
    releaseUsage: 'Type release hold <application id>, for example release hold A-7K3QX2.',
    held: (id) => `Done. ${id} is not disposed of while the hold stands. Lift it with release hold ${id}.`,
    released: (id) => `Done. The hold on ${id} is lifted; the application is disposed of by the rules.`,
    badReason: 'Type a reason for the hold, at most 200 characters.',
  },
  list: {
    title: (cohortName) => `Disposal list: ${cohortName}`,
    intro: (n, at) => `${enCount(n, 'application', 'applications')} will be disposed of on ${at}, with their logs, jury scores and messages. Nothing has changed yet.`,
    decision: (reference) => `Under disposal decision ${reference}.`,
    hold: 'Should something not be disposed of, for example because an appeal is in progress? Type hold disposal <id> <reason> before the disposal date.',
    columns: { id: 'Application', rule: 'Rule', on: 'Disposable from' },
    more: (n) => `… and ${enCount(n, 'more application', 'more applications')}.`,
  },
};
