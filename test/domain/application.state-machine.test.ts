import {
  APPLICATION_EVENTS,
  APPLICATION_STATES,
  TERMINAL_STATES,
  TRANSITIONS,
  nextState,
  type ActorKind,
  type ApplicationEvent,
  type ApplicationState,
} from '../../src/domain/application.state-machine';
import { applyEvent } from '../../src/domain/application.lifecycle';
import { anApplication } from '../builders/application.builder';

/**
 * The programme's lifecycle written out by hand from PROGRAMME.md, independently of the implementation's
 * table: [from, event, to, who may do it]. The implementation must match it exactly.
 */
const EXPECTED: readonly [ApplicationState, ApplicationEvent, ApplicationState, ActorKind[]][] = [
  ['draft', 'submit', 'awaitingManager', ['applicant']],
  ['awaitingManager', 'reopen', 'draft', ['applicant']],
  ['awaitingManager', 'approveAsManager', 'approved', ['manager', 'hrContact']],
  ['awaitingManager', 'declineAsManager', 'declined', ['manager', 'hrContact']],
  ['awaitingManager', 'requestChanges', 'changesRequested', ['manager', 'hrContact']],
  ['changesRequested', 'resubmit', 'awaitingManager', ['applicant']],
  ['approved', 'openReview', 'inReview', ['coordinator', 'system']],
  ['inReview', 'select', 'selected', ['coordinator']],
  ['inReview', 'waitlist', 'waitlisted', ['coordinator']],
  ['inReview', 'notSelect', 'notSelected', ['coordinator']],
  ['waitlisted', 'select', 'selected', ['coordinator']],
  ['waitlisted', 'notSelect', 'notSelected', ['coordinator']],
  ['selected', 'startPhase1', 'phase1', ['coordinator']],
  ['phase1', 'gateContinue', 'continuing', ['coordinator']],
  ['phase1', 'gateJoinOtherTeam', 'joinedOtherTeam', ['coordinator']],
  ['phase1', 'gateReturnToJob', 'returnedToJob', ['coordinator']],
  ['continuing', 'startPhase2', 'phase2', ['coordinator']],
  ['phase2', 'startPhase3', 'phase3', ['coordinator']],
  ['phase3', 'keepAsProject', 'keptAsProject', ['coordinator']],
  ['phase3', 'handToLine', 'handedToLine', ['coordinator']],
  ['phase3', 'spinOut', 'spunOut', ['coordinator']],
  ['phase3', 'end', 'ended', ['coordinator']],
  ...(
    ['draft', 'awaitingManager', 'changesRequested', 'approved', 'inReview', 'selected', 'waitlisted', 'phase1', 'continuing', 'phase2', 'phase3'] as const
  ).map((from): [ApplicationState, ApplicationEvent, ApplicationState, ActorKind[]] => [from, 'withdraw', 'withdrawn', ['applicant']]),
];

const ACTORS: readonly ActorKind[] = ['applicant', 'manager', 'hrContact', 'coordinator', 'juror', 'system'];
const expectedFor = (from: ApplicationState, event: ApplicationEvent) => EXPECTED.find(([f, e]) => f === from && e === event);

describe('application lifecycle', () => {
  it('the implementation has exactly the expected transitions', () => {
    const actual = TRANSITIONS.map((t) => `${t.from} --${t.event}--> ${t.to} by ${[...t.by].sort().join(',')}`).sort();
    const expected = EXPECTED.map(([f, e, to, by]) => `${f} --${e}--> ${to} by ${[...by].sort().join(',')}`).sort();
    expect(actual).toEqual(expected);
  });

  // Every state x every event (20 x 21 cases), each tried by every kind of actor.
  const cases = APPLICATION_STATES.flatMap((from) => APPLICATION_EVENTS.map((event) => [from, event] as const));

  it.each(cases)('%s + %s', (from, event) => {
    const row = expectedFor(from, event);
    for (const actor of ACTORS) {
      const result = nextState(from, event, actor);
      if (!row) {
        expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }) });
      } else if (!row[3].includes(actor)) {
        expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'NOT_ALLOWED' }) });
      } else {
        expect(result).toEqual({ ok: true, value: row[2] });
      }
    }
  });

  it('every state is reachable from draft', () => {
    const reached = new Set<ApplicationState>(['draft']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const t of TRANSITIONS) {
        if (reached.has(t.from) && !reached.has(t.to)) {
          reached.add(t.to);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...APPLICATION_STATES].sort());
  });

  it('decisions and outcomes are final', () => {
    expect([...TERMINAL_STATES].sort()).toEqual(
      ['declined', 'notSelected', 'joinedOtherTeam', 'returnedToJob', 'keptAsProject', 'handedToLine', 'spunOut', 'ended', 'withdrawn'].sort(),
    );
  });

  it('an illegal transition returns its stable code and the states involved', () => {
    const result = nextState('declined', 'approveAsManager', 'manager');
    expect(result).toEqual({
      ok: false,
      error: { code: 'ILLEGAL_TRANSITION', detail: expect.any(String), meta: { from: 'declined', event: 'approveAsManager' } },
    });
  });
});

describe('applyEvent', () => {
  const at = new Date('2026-03-02T10:00:00.000Z');

  it('returns the new application and an audit event with who, what, when, why, before and after', () => {
    const app = anApplication({ state: 'awaitingManager' });
    const result = applyEvent(app, 'declineAsManager', { id: 'manager-1', kind: 'manager' }, at, 'audit-1', 'Inte nu, vi har för lite personal i vår.');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.application).toEqual({ ...app, state: 'declined', updatedAt: at.toISOString() });
    expect(result.value.audit).toEqual({
      id: 'audit-1',
      applicationId: app.id,
      cohortId: app.cohortId,
      at: at.toISOString(),
      actorId: 'manager-1',
      actorKind: 'manager',
      action: 'declineAsManager',
      fromState: 'awaitingManager',
      toState: 'declined',
      reason: 'Inte nu, vi har för lite personal i vår.',
    });
  });

  it('leaves the application untouched when refused', () => {
    const app = anApplication({ state: 'draft' });
    const result = applyEvent(app, 'select', { id: 'c', kind: 'coordinator' }, at, 'audit-2');
    expect(result.ok).toBe(false);
    expect(app.state).toBe('draft');
  });
});
