import { domainError, type DomainError } from './errors';
import { err, ok, type Result } from './result';

/** Every state an application can be in (PROGRAMME.md, "The process"). */
export const APPLICATION_STATES = [
  'draft',
  'awaitingManager',
  'changesRequested',
  'approved',
  'declined',
  'inReview',
  'selected',
  'waitlisted',
  'notSelected',
  'phase1',
  'continuing',
  'joinedOtherTeam',
  'returnedToJob',
  'phase2',
  'phase3',
  'keptAsProject',
  'handedToLine',
  'spunOut',
  'ended',
  'withdrawn',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

/** What can happen to an application, named after the intention, not the resulting state. */
export const APPLICATION_EVENTS = [
  'submit',
  'reopen',
  'approveAsManager',
  'declineAsManager',
  'requestChanges',
  'resubmit',
  'openReview',
  'select',
  'waitlist',
  'notSelect',
  'startPhase1',
  'gateContinue',
  'gateJoinOtherTeam',
  'gateReturnToJob',
  'startPhase2',
  'startPhase3',
  'keepAsProject',
  'handToLine',
  'spinOut',
  'end',
  'withdraw',
] as const;
export type ApplicationEvent = (typeof APPLICATION_EVENTS)[number];

/** Who performs a transition. `system` is the scheduler (deadlines) and never a person. */
export const ACTOR_KINDS = ['applicant', 'manager', 'hrContact', 'coordinator', 'juror', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export interface Transition {
  readonly from: ApplicationState;
  readonly event: ApplicationEvent;
  readonly to: ApplicationState;
  readonly by: readonly ActorKind[];
}

const APPLICANT = ['applicant'] as const;
const DECIDER = ['manager', 'hrContact'] as const;
const COORDINATOR = ['coordinator'] as const;
const PROGRAMME = ['coordinator', 'system'] as const;

/** States from which the applicant may withdraw: anything that is still going and not yet an outcome. */
const WITHDRAWABLE: readonly ApplicationState[] = [
  'draft',
  'awaitingManager',
  'changesRequested',
  'approved',
  'inReview',
  'selected',
  'waitlisted',
  'phase1',
  'continuing',
  'phase2',
  'phase3',
];

/**
 * The lifecycle, every legal transition in one table. Anything not listed is illegal and refused
 * with ILLEGAL_TRANSITION. "Approve" here means every manager has approved: partial approvals of a
 * team idea are recorded on the application without a state change.
 */
export const TRANSITIONS: readonly Transition[] = [
  { from: 'draft', event: 'submit', to: 'awaitingManager', by: APPLICANT },
  // The applicant changes a submitted application before the manager decides: it goes back to draft and
  // is sent to the manager again when resubmitted.
  { from: 'awaitingManager', event: 'reopen', to: 'draft', by: APPLICANT },
  { from: 'awaitingManager', event: 'approveAsManager', to: 'approved', by: DECIDER },
  { from: 'awaitingManager', event: 'declineAsManager', to: 'declined', by: DECIDER },
  { from: 'awaitingManager', event: 'requestChanges', to: 'changesRequested', by: DECIDER },
  { from: 'changesRequested', event: 'resubmit', to: 'awaitingManager', by: APPLICANT },
  { from: 'approved', event: 'openReview', to: 'inReview', by: PROGRAMME },
  { from: 'inReview', event: 'select', to: 'selected', by: COORDINATOR },
  { from: 'inReview', event: 'waitlist', to: 'waitlisted', by: COORDINATOR },
  { from: 'inReview', event: 'notSelect', to: 'notSelected', by: COORDINATOR },
  { from: 'waitlisted', event: 'select', to: 'selected', by: COORDINATOR },
  { from: 'waitlisted', event: 'notSelect', to: 'notSelected', by: COORDINATOR },
  { from: 'selected', event: 'startPhase1', to: 'phase1', by: COORDINATOR },
  { from: 'phase1', event: 'gateContinue', to: 'continuing', by: COORDINATOR },
  { from: 'phase1', event: 'gateJoinOtherTeam', to: 'joinedOtherTeam', by: COORDINATOR },
  { from: 'phase1', event: 'gateReturnToJob', to: 'returnedToJob', by: COORDINATOR },
  { from: 'continuing', event: 'startPhase2', to: 'phase2', by: COORDINATOR },
  { from: 'phase2', event: 'startPhase3', to: 'phase3', by: COORDINATOR },
  { from: 'phase3', event: 'keepAsProject', to: 'keptAsProject', by: COORDINATOR },
  { from: 'phase3', event: 'handToLine', to: 'handedToLine', by: COORDINATOR },
  { from: 'phase3', event: 'spinOut', to: 'spunOut', by: COORDINATOR },
  { from: 'phase3', event: 'end', to: 'ended', by: COORDINATOR },
  ...WITHDRAWABLE.map((from): Transition => ({ from, event: 'withdraw', to: 'withdrawn', by: APPLICANT })),
];

/** States with no way out: decisions and outcomes are final (and public records). */
export const TERMINAL_STATES: readonly ApplicationState[] = APPLICATION_STATES.filter(
  (s) => !TRANSITIONS.some((t) => t.from === s),
);

export function findTransition(from: ApplicationState, event: ApplicationEvent): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.event === event);
}

/** Decides the next state; refuses an illegal event or the wrong kind of actor with a stable code. */
export function nextState(
  from: ApplicationState,
  event: ApplicationEvent,
  actor: ActorKind,
): Result<ApplicationState, DomainError> {
  const transition = findTransition(from, event);
  if (!transition) {
    return err(domainError('ILLEGAL_TRANSITION', `${event} is not possible from ${from}`, { from, event }));
  }
  if (!transition.by.includes(actor)) {
    return err(domainError('NOT_ALLOWED', `${actor} may not ${event}`, { from, event, actor }));
  }
  return ok(transition.to);
}
