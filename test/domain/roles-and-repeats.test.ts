import type { ManagerApproval } from '../../src/domain/application';
import type { ApplicationState } from '../../src/domain/application.state-machine';
import { isRepeatOf, type ManagerDecision } from '../../src/domain/approval';
import { rolesFromWork } from '../../src/domain/person';

describe('defect 13: the roles that come from the work (manager, participant), from server-side state', () => {
  it.each([
    // name, has reports, decides pending, own application states, roles
    ['an employee with a draft', false, false, ['draft'], []],
    ['a manager in the directory', true, false, [], ['manager']],
    ['no reports, but a decision handed to them', false, true, [], ['manager']],
    ['selected', false, false, ['selected'], ['participant']],
    ...(['phase1', 'continuing', 'phase2', 'phase3'] as const).map((s) => [`in ${s}`, false, false, [s], ['participant']] as const),
    ['approved, waiting for the jury', false, false, ['approved'], []],
    ['not selected, or back at the job, or the idea ended', false, false, ['notSelected', 'returnedToJob', 'ended'], []],
    ['an old application ended and a new one selected', false, false, ['ended', 'selected'], ['participant']],
    ['a participating manager', true, false, ['phase2'], ['participant', 'manager']],
  ] as const)('%s', (_name, hasReports, decidesPending, ownStates, expected) => {
    expect(rolesFromWork({ hasReports, decidesPending, ownStates: ownStates as readonly ApplicationState[] })).toEqual(expected);
  });
});

describe('defect 3: the same decision again is a repeat, answered with the saved result', () => {
  const leave = { extentPercent: 50, start: '2027-02-01', end: '2027-06-30' };
  const base: ManagerApproval = { memberId: 's', memberName: 'Sara', managerId: 'j', status: 'pending', requestedAt: '2026-12-01T00:00:00Z' };
  const approve: ManagerDecision = { kind: 'approve', leave, attestPermanent: true, attestOneYear: true };
  const decline: ManagerDecision = { kind: 'decline', reason: 'Inte nu.' };
  const changes: ManagerDecision = { kind: 'requestChanges', reason: 'Tydligare nytta.' };
  it.each([
    ['approved by j, approve by j', { status: 'approved', decidedBy: 'j' }, 'j', approve, true],
    ['declined by j, decline by j', { status: 'declined', decidedBy: 'j' }, 'j', decline, true],
    ['changes asked by j, ask again', { status: 'changesRequested', decidedBy: 'j' }, 'j', changes, true],
    ['approved by j, decline by j', { status: 'approved', decidedBy: 'j' }, 'j', decline, false],
    ['approved by the HR contact, approve by j', { status: 'approved', decidedBy: 'hr' }, 'j', approve, false],
    ['still pending', {}, 'j', approve, false],
    ['superseded', { status: 'superseded' }, 'j', approve, false],
  ] as const)('%s', (_name, state, personId, decision, expected) => {
    expect(isRepeatOf({ ...base, ...state }, personId, decision)).toBe(expected);
  });
});
