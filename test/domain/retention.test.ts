import type { Application } from '../../src/domain/application';
import type { Cohort } from '../../src/domain/cohort';
import { DEFAULT_RETENTION, disposalAfterNotice, disposalOf, expenseDisposalOn, isNoticeDue, nextNoticeDue, recordTypeOf, retentionRules, withDecision, withHold, withPeriod, type RetentionSettings } from '../../src/domain/retention';
import { anApplication } from '../builders/application.builder';

const cohort = { id: 'pilot-1', selectionLockedAt: '2024-05-15T10:00:00.000Z' } as Cohort;
const open = { id: 'pilot-1' } as Cohort;
const adopted: RetentionSettings = { ...DEFAULT_RETENTION, decision: { reference: 'KS 2027/42', approvedBy: 'erik', approvedAt: '2027-03-10T10:00:00.000Z' } };
const sent = '2024-03-01T09:00:00.000Z';
const app = (o: Partial<Application>) => anApplication({ cohortId: 'pilot-1', ...o });

describe('retention per record type', () => {
  it.each<[string, Partial<Application>, ReturnType<typeof recordTypeOf>]>([
    ['a draft never sent', { state: 'draft' }, 'draft'],
    ['a draft withdrawn before it was sent', { state: 'withdrawn' }, 'draft'],
    ['a draft reopened after sending (received once: a record)', { state: 'draft', submittedAt: sent }, 'sentApplication'],
    ['not selected', { state: 'notSelected', submittedAt: sent }, 'notSelected'],
    ['declined by the manager', { state: 'declined', submittedAt: sent }, 'notSelected'],
    ['withdrawn after sending, never selected', { state: 'withdrawn', submittedAt: sent }, 'notSelected'],
    ['withdrawn after being selected', { state: 'withdrawn', submittedAt: sent, selection: { decision: 'selected', feedback: '', decidedBy: 'e', decidedAt: sent } }, 'sentApplication'],
    ['selected and in phase 1', { state: 'phase1', submittedAt: sent }, 'sentApplication'],
    ['waitlisted', { state: 'waitlisted', submittedAt: sent }, 'sentApplication'],
    ['still with the manager', { state: 'awaitingManager', submittedAt: sent }, 'sentApplication'],
  ])('%s is %s', (_name, o, type) => expect(recordTypeOf(app(o))).toBe(type));

  it.each<[string, Partial<Application>, Cohort, RetentionSettings | undefined, ReturnType<typeof disposalOf>]>([
    ['nothing without a decision (arkivlagen 10 §)', { state: 'notSelected', submittedAt: sent }, cohort, DEFAULT_RETENTION, { kind: 'keep', why: 'notYet' }],
    ['nothing without settings at all', { state: 'draft' }, cohort, undefined, { kind: 'keep', why: 'notYet' }],
    ['not selected: two years after the selection was locked', { state: 'notSelected', submittedAt: sent }, cohort, adopted, { kind: 'dispose', rule: 'notSelected', on: '2026-05-15' }],
    ['not selected, three years when so decided', { state: 'notSelected', submittedAt: sent }, cohort, { ...adopted, notSelectedYears: 3 }, { kind: 'dispose', rule: 'notSelected', on: '2027-05-15' }],
    ['not selected in a cohort whose selection is not locked: the case is open', { state: 'declined', submittedAt: sent }, open, adopted, { kind: 'keep', why: 'notYet' }],
    ['a draft: six months after its last change (Swedish date)', { state: 'draft', updatedAt: '2026-05-31T22:30:00.000Z' }, open, adopted, { kind: 'dispose', rule: 'draft', on: '2026-12-01' }],
    ['a selected participant: kept', { state: 'phase2', submittedAt: sent }, cohort, adopted, { kind: 'keep', why: 'record' }],
  ])('%s', (_name, o, c, settings, expected) => expect(disposalOf(app(o), c, settings)).toEqual(expected));

  it('holds an application under an open case, and lifting the hold lets the rule apply again', () => {
    const a = app({ state: 'notSelected', submittedAt: sent });
    const hold = { cohortId: 'pilot-1', applicationId: a.id, reason: 'Överklagande', by: 'erik', at: sent };
    const held = withHold(adopted, hold, true);
    expect(disposalOf(a, cohort, held)).toEqual({ kind: 'held', hold, rule: 'notSelected', on: '2026-05-15' });
    expect(disposalOf(a, cohort, withHold(held, hold, false)).kind).toBe('dispose');
  });

  it.each<[keyof typeof DEFAULT_RETENTION, number, boolean]>([
    ['notSelectedYears', 0, false],
    ['notSelectedYears', 1, true],
    ['notSelectedYears', 11, false],
    ['draftMonths', 2.5, false],
    ['draftMonths', 24, true],
    ['expenseYears', 6, false],
    ['expenseYears', 7, true],
  ])('%s = %s is %s, and a changed period needs the decision again', (period, n, valid) => {
    const changed = withPeriod(adopted, period, n);
    if (!valid) return expect(changed).toBeNull();
    expect(changed?.[period]).toBe(n);
    expect(changed?.decision).toBe(DEFAULT_RETENTION[period] === n ? adopted.decision : undefined);
  });

  it('adopts a decision only with a reference', () => {
    expect(withDecision(DEFAULT_RETENTION, '  ', 'erik', new Date())).toBeNull();
    expect(withDecision(DEFAULT_RETENTION, 'x'.repeat(61), 'erik', new Date())).toBeNull();
    expect(withDecision(DEFAULT_RETENTION, ' KS 2027/42 ', 'erik', new Date('2027-03-10T10:00:00Z'))?.decision).toEqual({ reference: 'KS 2027/42', approvedBy: 'erik', approvedAt: '2027-03-10T10:00:00.000Z' });
  });

  it.each([
    ['2026-03-15T10:00:00Z', 7, '2034-01-01'],
    // New Year's Eve at 23:30 Swedish time is still the old year.
    ['2026-12-31T22:30:00Z', 7, '2034-01-01'],
    ['2026-12-31T23:30:00Z', 7, '2035-01-01'],
  ])('an expense reported %s may go %s years after its year ends: from %s (bokföringslagen 7 kap. 2 §)', (at, years, on) => expect(expenseDisposalOn(at, years)).toBe(on));

  it('keeps non-records only by ttl, and audit events and scores follow the application', () => {
    const rules = retentionRules(DEFAULT_RETENTION);
    expect(rules.deliveredNotifications).toEqual({ kind: 'ttl', days: 30 });
    expect(rules.conversationState).toEqual({ kind: 'ttl', days: 30 });
    expect(rules.auditEvents).toEqual({ kind: 'follows', what: 'application' });
    expect(rules.juryScores).toEqual({ kind: 'follows', what: 'application' });
    expect(rules.sentApplication).toEqual({ kind: 'keep' });
  });

  it.each([
    ['2027-03-10T10:00:00Z', '2027-04-01T06:00:00.000Z', '2027-04-15T06:00:00.000Z'],
    // 1 May 2027 is a Saturday and a holiday: Monday 3 May; 17 May is in summer time too.
    ['2027-04-01T06:00:00Z', '2027-05-03T06:00:00.000Z', '2027-05-17T06:00:00.000Z'],
    // Winter time: 08:00 is 07:00 UTC.
    ['2027-11-15T10:00:00Z', '2027-12-01T07:00:00.000Z', '2027-12-15T07:00:00.000Z'],
  ])('after %s the next notice is %s and its disposal %s (08:00 Swedish time)', (after, notice, run) => {
    const next = nextNoticeDue(new Date(after));
    expect(next.toISOString()).toBe(notice);
    expect(isNoticeDue(notice)).toBe(true);
    expect(isNoticeDue(run)).toBe(false);
    expect(disposalAfterNotice(next).toISOString()).toBe(run);
  });
});
