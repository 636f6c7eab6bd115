import type { Application } from '../../domain/application';
import { answeredOf, invitedOf, mayMeetCandidates, meetingIdOf, meetingWhenWhere, MEETING_LIMITS, notedOf, shortlistOf, type MeetingAnswerKind, type MeetingFieldError, type MeetingRefusal } from '../../domain/candidate-meeting';
import type { Change } from '../../domain/application.lifecycle';
import type { Cohort } from '../../domain/cohort';
import { domainError, type Refusal, type UseCaseResult } from '../../domain/errors';
import { applicationIdFrom, isApplicationId } from '../../domain/ids';
import { err, ok, type Result } from '../../domain/result';
import { JUDGED_STATES } from '../../domain/tally';
import { mutate, type ApplicationRef } from '../change';
import { coordinatorOnly, coordinatorsCohort, type ProgrammeDeps } from './deps';

/** Why a meeting step was not done: a refusal of the programme's (not a coordinator, no cohort), of the meeting's rules, or the card's fields. */
export type MeetingProblem = { readonly kind: 'refusal'; readonly refusal: Refusal } | { readonly kind: 'meeting'; readonly refusal: MeetingRefusal } | { readonly kind: 'fields'; readonly errors: readonly MeetingFieldError[] };

const refused = (refusal: Refusal): MeetingProblem => ({ kind: 'refusal', refusal });
const meetingRefused = (refusal: MeetingRefusal): MeetingProblem => ({ kind: 'meeting', refusal });

/** `mutate` with a meeting rule: the rule's own refusal is kept beside the domain's. */
async function changeWith(deps: ProgrammeDeps, ref: ApplicationRef, rule: (current: Application, now: Date) => Result<Change, MeetingRefusal>): Promise<Result<{ application: Application; changed: boolean }, MeetingProblem>> {
  let ruleSaid: MeetingRefusal | undefined;
  const done = await mutate(deps, ref, (current, now) => {
    const r = rule(current, now);
    if (r.ok) return ok(r.value);
    ruleSaid = r.error;
    return err(domainError('NOT_ALLOWED', r.error));
  });
  if (done.ok) return ok({ application: done.value.application.value, changed: done.value.changed });
  return err(ruleSaid ? meetingRefused(ruleSaid) : refused(done.error));
}

export interface MeetingInput {
  readonly applications: string;
  readonly date: string;
  readonly time: string;
  readonly place: string;
  readonly link: string;
}

/**
 * `kandidatmöte`, the card sent: coordinators only (from the stored settings), after the ranking and before the
 * selection is locked. Every typed id must be one of the current cohort's applications in the jury round; the date
 * and time must be to come, a link https. Each application is then invited on its own write (its audit event, and a
 * card to each member of its team); one invitation that loses a race is retried, and an application already invited
 * to this meeting is left as it is.
 */
export async function inviteToMeeting(deps: ProgrammeDeps, coordinatorId: string, input: MeetingInput): Promise<Result<{ cohort: Cohort; meetingId: string; invited: readonly Application[] }, MeetingProblem>> {
  const cohort = await coordinatorsCohort(deps, coordinatorId, 'current');
  if (!cohort.ok) return err(refused(cohort.error));
  const allowed = mayMeetCandidates(cohort.value);
  if (!allowed.ok) return err(meetingRefused(allowed.error));
  const errors: MeetingFieldError[] = [];
  const typed = shortlistOf(input.applications);
  if (typed.length === 0) errors.push({ field: 'applications', reason: 'none' });
  if (typed.length > MEETING_LIMITS.shortlist) errors.push({ field: 'applications', reason: 'tooMany' });
  const when = meetingWhenWhere(input, deps.clock.now());
  if (!when.ok) errors.push(...when.error);
  const found: Application[] = [];
  const unknown: string[] = [];
  if (typed.length <= MEETING_LIMITS.shortlist) {
    for (const id of typed) {
      const a = isApplicationId(id) ? await deps.applications.get(cohort.value.id, id) : null;
      if (a && JUDGED_STATES.includes(a.value.state)) found.push(a.value);
      else unknown.push(id.slice(0, 40));
    }
  }
  if (unknown.length > 0) errors.push({ field: 'applications', reason: 'unknown', ids: unknown });
  if (errors.length > 0 || !when.ok) return err({ kind: 'fields', errors });
  const now = deps.clock.now();
  const meeting = { id: meetingIdOf(when.value), ...when.value, invitedBy: coordinatorId, invitedAt: now.toISOString() };
  const invited: Application[] = [];
  for (const a of found) {
    const done = await changeWith(deps, { cohortId: a.cohortId, applicationId: a.id }, (current, at) => invitedOf(current, meeting, { id: coordinatorId, kind: 'coordinator' }, at, deps.ids.uuid()));
    if (!done.ok) return done;
    invited.push(done.value.application);
  }
  return ok({ cohort: cohort.value, meetingId: meeting.id, invited });
}

/**
 * "Jag kommer" / "Jag behöver en annan tid" on the invitation: decided by the verified person, who must be on the
 * application's team; the card names only the application and the meeting.
 */
export async function answerMeeting(
  deps: ProgrammeDeps,
  person: { readonly id: string; readonly name: string },
  ref: ApplicationRef,
  meetingId: string,
  answer: MeetingAnswerKind,
  comment: string,
): Promise<Result<{ application: Application; changed: boolean }, MeetingProblem>> {
  const done = await changeWith(deps, ref, (current, now) => answeredOf(current, person, meetingId, answer, comment, now, deps.ids.uuid()));
  // Someone outside every application learns nothing of whether it exists.
  if (!done.ok && done.error.kind === 'refusal' && done.error.refusal.code === 'NOT_FOUND') return err(meetingRefused('notYours'));
  return done;
}

/** `kandidatmöten`: the current cohort's applications invited to a meeting, with each member's answer (the first `limit`, by id). */
export async function meetingsOf(deps: ProgrammeDeps, coordinatorId: string, limit: number): Promise<UseCaseResult<{ cohort: Cohort; applications: readonly Application[]; more: boolean }>> {
  const cohort = await coordinatorsCohort(deps, coordinatorId, 'current');
  if (!cohort.ok) return cohort;
  const page = await deps.applications.page(cohort.value.id, { invitedToMeeting: true }, limit);
  return ok({ cohort: cohort.value, applications: page.items.map((v) => v.value), more: page.next !== undefined });
}

/** `anteckning <id> <text>`: a coordinator's note of the meeting on one of the current cohort's applications. */
export async function noteMeeting(deps: ProgrammeDeps, coordinator: { readonly id: string; readonly name: string }, typedId: string, text: string): Promise<Result<{ application: Application }, MeetingProblem>> {
  const allowed = await coordinatorOnly(deps, coordinator.id);
  if (!allowed.ok) return err(refused(allowed.error));
  const cohort = await coordinatorsCohort(deps, coordinator.id, 'current');
  if (!cohort.ok) return err(refused(cohort.error));
  const id = applicationIdFrom(typedId);
  if (!id) return err(refused(domainError('NOT_FOUND', 'no such application')));
  const done = await changeWith(deps, { cohortId: cohort.value.id, applicationId: id }, (current, now) => notedOf(current, { id: coordinator.id, kind: 'coordinator', name: coordinator.name }, text, now, deps.ids.uuid()));
  return done.ok ? ok({ application: done.value.application }) : done;
}
