import type { ManagerApproval } from '../../src/domain/application';
import { figuresOf, managersDecidedAt, median, StepTimes } from '../../src/domain/report';
import { listKeysOf, searchKey, waitingForOf } from '../../src/domain/application-list';
import { anApplication } from '../builders/application.builder';

const approval = (status: ManagerApproval['status'], decidedAt?: string): ManagerApproval => ({ memberId: 'm', memberName: 'M', managerId: 'boss', status, requestedAt: '2026-03-01T08:00:00Z', ...(decidedAt ? { decidedAt } : {}) });

describe('the steering group report', () => {
  it.each<[string, number[], number | null]>([
    ['none', [], null],
    ['one', [4], 4],
    ['odd count: the middle', [9, 1, 5], 5],
    ['even count: the mean of the two middle, to one decimal', [1, 2, 3, 10], 2.5],
    ['rounded', [1.04, 1.06], 1.1],
  ])('median of %s', (_name, values, expected) => expect(median(values)).toBe(expected));

  it.each<[string, string, ManagerApproval[], string | undefined]>([
    ['waiting: no decision yet', 'awaitingManager', [approval('pending')], undefined],
    ['changes asked for is not a decision on taking part', 'changesRequested', [approval('changesRequested', '2026-03-02T08:00:00Z')], undefined],
    ['approved: when it was', 'approved', [approval('approved', '2026-03-03T08:00:00Z')], '2026-03-03T08:00:00Z'],
    ['a team: the last member decided', 'inReview', [approval('approved', '2026-03-03T08:00:00Z'), approval('approved', '2026-03-05T08:00:00Z'), approval('superseded', '2026-03-09T08:00:00Z')], '2026-03-05T08:00:00Z'],
    ['declined', 'declined', [approval('declined', '2026-03-04T08:00:00Z')], '2026-03-04T08:00:00Z'],
  ])('the managers decided: %s', (_name, state, approvals, expected) => {
    expect(managersDecidedAt({ state: state as never, approvals })).toBe(expected);
  });

  it('times each step from submission, per application', () => {
    const times = new StepTimes();
    times.add({ id: 'A-1', state: 'selected', submittedAt: '2026-03-01T08:00:00Z', approvals: [approval('approved', '2026-03-03T08:00:00Z')], selection: { decision: 'selected', feedback: '', decidedBy: 'c', decidedAt: '2026-03-31T08:00:00Z' } });
    times.add({ id: 'A-2', state: 'approved', submittedAt: '2026-03-01T08:00:00Z', approvals: [approval('approved', '2026-03-02T20:00:00Z')] });
    times.add({ id: 'A-3', state: 'awaitingManager', submittedAt: '2026-03-01T08:00:00Z', approvals: [approval('pending')] });
    expect(times.medians()).toEqual({ medianDaysToDecision: 1.8, medianDaysToSelection: 30 });
  });

  it('counts from the counters by state: the funnel\'s stages, where the teams are, and the gate', () => {
    expect(figuresOf({ awaitingManager: 2, declined: 1, inReview: 4, selected: 1, phase1: 2, continuing: 1, phase2: 1, returnedToJob: 1, keptAsProject: 1, withdrawn: 3 })).toEqual({
      submitted: 14, approved: 11, declined: 1, selected: 7, waitlisted: 0, notSelected: 0, phase1: 2, phase2: 1, phase3: 0, continued: 3, returnedToJob: 1, joinedOtherTeam: 0, outcomes: 1, withdrawn: 3,
    });
  });
});

describe('the keys of the coordinators\' table', () => {
  it.each<[string, Parameters<typeof anApplication>[0], string | undefined]>([
    ['a draft waits for its applicant', { state: 'draft' }, 'applicant'],
    ['a draft with an invitation unanswered waits for the co-applicant', { state: 'draft', coApplicants: [{ personId: 'p', name: 'P', status: 'invited', invitedAt: '2026-03-01T08:00:00Z' }] }, 'coApplicants'],
    ['changes asked for: the applicant', { state: 'changesRequested' }, 'applicant'],
    ['waiting for the manager', { state: 'awaitingManager', approvals: [approval('pending')] }, 'manager'],
    ['escalated: the HR contact', { state: 'awaitingManager', approvals: [{ ...approval('pending'), escalatedTo: 'hr' }] }, 'hrContact'],
    ['in review: the jury', { state: 'inReview' }, 'jury'],
    ['selected: nobody in particular', { state: 'selected' }, undefined],
  ])('%s', (_name, fields, expected) => expect(waitingForOf(anApplication(fields))).toBe(expected));

  it('keeps every key with a value, so an order by any of them drops nobody', () => {
    const keys = listKeysOf(anApplication({ state: 'draft', idea: undefined, about: undefined, submittedAt: undefined }));
    expect(keys).toEqual({ title: '', submittedAt: '', municipality: '', administration: '', teamSize: 1, waitingFor: 'applicant', score: -1 });
  });

  it('compares titles and searches in lower case with single spaces, å, ä and ö kept, in linear time on a capped text', () => {
    expect(searchKey('  Lånecyklar   för HEMTJÄNSTEN ')).toBe('lånecyklar för hemtjänsten');
    expect(searchKey('x'.repeat(100_000))).toHaveLength(200);
  });
});
