import { decidersOf, INTAKE_STEPS, isEditable, LIMITS, missingSections, withDeciders, type AboutSection, type Application, type BenefitSection, type CoApplicant, type IdeaSection, type IntakeStep, type LeaveSection } from './application';
import { applyEvent, type Change } from './application.lifecycle';
import { findTransition, type ApplicationEvent } from './application.state-machine';
import { openApprovals, type ApprovalSchedule, type MemberDecider } from './approval';
import type { Cohort } from './cohort';
import { swedishDate } from './dates';
import { eligibilityFailures, employmentFailures, leaveFieldErrors, type EligibilityFailure } from './eligibility';
import { domainError, type FieldError, type Refusal } from './errors';
import { aboutApplication, notify, type Notification } from './notification';
import type { Person } from './person';
import { err, ok, type Result } from './result';

/**
 * The intake (PROGRAMME.md steps 1–2): the form step by step, the team and its invitations, the eligibility of
 * everyone on it, submission, reopening, withdrawal and the co-applicants' answers. Pure: each rule takes the
 * stored application and answers the change to write, or a refusal.
 */

/** A co-applicant's answer: yes with their own declarations, or no. */
export type CoApplicantAnswer = { readonly accept: true; readonly permanentEmployment: boolean; readonly employmentStart: string } | { readonly accept: false };

/** The content of one step, already shaped and length-checked at the edge (zod in the Teams adapter). */
export type StepInput =
  | { readonly step: 'idea'; readonly idea: IdeaSection }
  | { readonly step: 'benefit'; readonly benefit: BenefitSection }
  | { readonly step: 'about'; readonly about: Omit<AboutSection, 'managerId' | 'managerFromDirectory'> & { readonly managerEmail: string } }
  | {
      readonly step: 'leave';
      readonly leave: LeaveSection;
      readonly coApplicantEmails: readonly string[];
      /** What was wrong with the addresses as typed (each named), shown with every other problem of the step at once. */
      readonly coApplicantProblems?: readonly FieldError[];
    }
  | { readonly step: 'review'; readonly privacyAcknowledged: boolean };

/** The people the form names, as found in the directory. */
export interface ResolvedPeople {
  readonly manager?: { person: Person; fromDirectory: boolean };
  readonly coApplicants: readonly Person[];
  /** Addresses the directory does not know, or the applicant's own: shown with the step's other problems. */
  readonly problems?: readonly FieldError[];
}

/** Only the lead applicant may change their application; decided from the stored application. */
export function ownedBy(application: Application, personId: string): Result<true, Refusal> {
  return application.applicantId === personId ? ok(true) : err(domainError('NOT_ALLOWED', 'not the applicant', { applicationId: application.id }));
}

export function editable(application: Application): Result<true, Refusal> {
  return isEditable(application) ? ok(true) : err(domainError('NOT_EDITABLE', `application is ${application.state}`, { state: application.state }));
}

/** Where the navigation buttons of a step lead. */
export function stepAfter(step: IntakeStep, nav: 'next' | 'back' | 'stay'): IntakeStep {
  const i = INTAKE_STEPS.indexOf(step);
  const j = nav === 'next' ? Math.min(i + 1, INTAKE_STEPS.length - 1) : nav === 'back' ? Math.max(i - 1, 0) : i;
  return INTAKE_STEPS[j] ?? step;
}

/**
 * The team as the applicant now lists it. Who stays keeps their state; who was on the team before (and taken
 * off) comes back with the answer they gave, without a new card; only people never invited to this
 * application are invited, and at most LIMITS.invitations.max different people over the application's life.
 */
export function teamChange(
  current: Application,
  listed: readonly Person[],
  at: string,
): Result<{ coApplicants: CoApplicant[]; former: CoApplicant[]; invited: CoApplicant[] }, Refusal> {
  const known = new Map([...(current.formerCoApplicants ?? []), ...current.coApplicants].map((c) => [c.personId, c]));
  const invited: CoApplicant[] = listed.filter((p) => !known.has(p.id)).map((p) => ({ personId: p.id, name: p.name, status: 'invited', invitedAt: at }));
  if (known.size + invited.length > LIMITS.invitations.max) {
    return err({ code: 'FIELDS', fields: [{ field: 'coApplicants', code: 'tooManyInvitations', facts: { max: String(LIMITS.invitations.max), invited: String(known.size) } }] });
  }
  const coApplicants = listed.map((p) => known.get(p.id) ?? invited.find((c) => c.personId === p.id)).filter((c): c is CoApplicant => c !== undefined);
  const former = [...known.values()].filter((c) => !listed.some((p) => p.id === c.personId));
  return ok({ coApplicants, former, invited });
}

/**
 * One step saved by the applicant: the draft with the step's content, and the invitations it sends. Every
 * problem of the step is answered at once (the leave rules, with the programme's start, and each address).
 */
export function stepSavedOf(
  current: Application,
  personId: string,
  input: StepInput,
  resolved: ResolvedPeople,
  nav: 'next' | 'back' | 'stay',
  now: Date,
  programmeStartsOn?: string,
): Result<Change, Refusal> {
  const owner = ownedBy(current, personId);
  if (!owner.ok) return owner;
  const canEdit = editable(current);
  if (!canEdit.ok) return canEdit;
  const at = now.toISOString();
  let next: Application = { ...current, step: stepAfter(input.step, nav), updatedAt: at };
  const notifications: Notification[] = [];
  switch (input.step) {
    case 'idea':
      next = { ...next, idea: input.idea };
      break;
    case 'benefit':
      next = { ...next, benefit: input.benefit };
      break;
    case 'about': {
      const { managerEmail: _ignored, ...about } = input.about;
      const manager = resolved.manager;
      if (!manager) return err({ code: 'FIELDS', fields: [{ field: 'managerEmail', code: 'required' }] });
      next = { ...next, about: { ...about, managerId: manager.person.id, managerFromDirectory: manager.fromDirectory } };
      break;
    }
    case 'leave': {
      // The leave rules are checked as the applicant types them: nothing invalid is stored.
      const broken = [...leaveFieldErrors(input.leave, swedishDate(now), programmeStartsOn), ...(input.coApplicantProblems ?? []), ...(resolved.problems ?? [])];
      if (broken.length > 0) return err({ code: 'FIELDS', fields: broken });
      const team = teamChange(current, resolved.coApplicants, at);
      if (!team.ok) return team;
      // One invitation per person per application: the key is the same however often the step is saved.
      notifications.push(...notify(aboutApplication(current), 'coApplicantInvitation', team.value.invited.map((c) => c.personId), `${current.id}/invite`, { applicantName: current.applicantName }));
      next = { ...next, leave: input.leave, coApplicants: team.value.coApplicants, formerCoApplicants: team.value.former };
      break;
    }
    case 'review':
      next = input.privacyAcknowledged ? { ...next, privacyAcknowledgedAt: current.privacyAcknowledgedAt ?? at } : next;
      break;
  }
  return ok({ application: next, audit: null, notifications });
}

/** Every rule the applicant and the confirmed co-applicants break, with whose it is. */
export function eligibilityOf(application: Application, cohort: Cohort, now: Date, requireOpenIntake = true): { personName: string; failure: EligibilityFailure }[] {
  const { about, leave, benefit } = application;
  if (!about || !leave || !benefit) return [];
  const own = eligibilityFailures(
    { employment: { permanentEmployment: about.permanentEmployment, employmentStart: about.employmentStart }, leave, applicability: benefit.applicability },
    cohort,
    now,
    requireOpenIntake,
  ).map((failure) => ({ personName: application.applicantName, failure }));
  const today = swedishDate(now);
  const team = application.coApplicants
    .filter((c) => c.status === 'confirmed' && c.permanentEmployment !== undefined && c.employmentStart)
    .flatMap((c) =>
      employmentFailures({ permanentEmployment: c.permanentEmployment ?? false, employmentStart: c.employmentStart ?? '' }, today).map((failure) => ({ personName: c.name, failure })),
    );
  return [...own, ...team];
}

/**
 * Submission (or resubmission after requested changes): every section present, the privacy notice acknowledged,
 * every co-applicant confirmed, every rule met, someone to decide for each member. The team is who confirmed; the
 * approvals open with their reminders and escalations.
 */
export function submissionOf(current: Application, cohort: Cohort, personId: string, deciders: readonly MemberDecider[], noDecider: readonly string[], now: Date, auditId: string, schedule?: ApprovalSchedule): Result<Change, Refusal> {
  const owner = ownedBy(current, personId);
  if (!owner.ok) return owner;
  const event: ApplicationEvent = current.state === 'changesRequested' ? 'resubmit' : 'submit';
  if (!isEditable(current)) return err(domainError('ILLEGAL_TRANSITION', `cannot submit from ${current.state}`, { from: current.state, event }));

  const missing = missingSections(current);
  if (missing.length > 0) return err({ code: 'INCOMPLETE', missing });
  const pending = current.coApplicants.filter((c) => c.status === 'invited');
  if (pending.length > 0) return err({ code: 'CO_APPLICANTS_PENDING', names: pending.map((c) => c.name) });

  const failures = eligibilityOf(current, cohort, now, event === 'submit');
  if (failures.length > 0) return err({ code: 'NOT_ELIGIBLE', failures });

  const unreachable = noDecider.filter((name) => current.coApplicants.some((c) => c.name === name && c.status === 'confirmed'));
  if (unreachable.length > 0) return err({ code: 'NO_DECIDER', names: unreachable });

  // The team is who confirmed; who said no is remembered (invited once per application, see teamChange).
  const team = {
    coApplicants: current.coApplicants.filter((c) => c.status === 'confirmed'),
    formerCoApplicants: [...(current.formerCoApplicants ?? []), ...current.coApplicants.filter((c) => c.status !== 'confirmed')],
  };
  const t = applyEvent({ ...current, ...team }, event, { id: personId, kind: 'applicant' }, now, auditId);
  if (!t.ok) return t;
  // Every member's own manager decides; reminders and the escalation are scheduled in the same batch.
  const opened = openApprovals(t.value.application, deciders, t.value.audit, now, schedule);
  const application = withDeciders({ ...t.value.application, approvals: opened.approvals, step: 'review' as const, submittedAt: now.toISOString() });
  return ok({ application, audit: t.value.audit, notifications: opened.notifications });
}

/** Back to the form: a draft is simply editable; a submitted application goes back to draft before the manager decides (audited). */
export function reopeningOf(current: Application, personId: string, now: Date, auditId: string): Result<Change, Refusal> {
  const owner = ownedBy(current, personId);
  if (!owner.ok) return owner;
  if (isEditable(current)) return ok({ application: { ...current, step: 'idea', updatedAt: now.toISOString() }, audit: null, notifications: [] });
  if (current.state !== 'awaitingManager') return err(domainError('NOT_EDITABLE', `application is ${current.state}`, { state: current.state }));
  const t = applyEvent(current, 'reopen', { id: personId, kind: 'applicant' }, now, auditId);
  if (!t.ok) return t;
  return ok({ application: { ...t.value.application, step: 'idea' }, audit: t.value.audit, notifications: [] });
}

/** Whether the applicant may still withdraw: the lifecycle allows it from the state the application is in (not once decided). */
export function isWithdrawable(application: Application): boolean {
  return findTransition(application.state, 'withdraw') !== undefined;
}

/** Withdrawn by the applicant: pending approvals are superseded, and whoever was waiting on it is told. */
export function withdrawalOf(current: Application, personId: string, now: Date, auditId: string, reason?: string): Result<Change, Refusal> {
  const owner = ownedBy(current, personId);
  if (!owner.ok) return owner;
  const t = applyEvent(current, 'withdraw', { id: personId, kind: 'applicant' }, now, auditId, reason);
  if (!t.ok) return t;
  const closed = withDeciders({ ...t.value.application, approvals: current.approvals.map((a) => (a.status === 'pending' ? { ...a, status: 'superseded' as const } : a)) });
  // Whoever was waiting on it: the managers with a pending decision, and the co-applicants.
  const waiting = [...current.approvals.flatMap(decidersOf), ...current.coApplicants.filter((c) => c.status !== 'declined').map((c) => c.personId)];
  const notifications = notify(aboutApplication(current), 'applicationWithdrawn', waiting, `${t.value.audit.id}/withdrawn`, { applicantName: current.applicantName });
  return ok({ application: closed, audit: t.value.audit, notifications });
}

/** A co-applicant's answer to their invitation: only a person invited to this application, and to join they must meet the employment rules. */
export function coApplicantAnswerOf(current: Application, personId: string, answer: CoApplicantAnswer, now: Date): Result<Change, Refusal> {
  const invited = current.coApplicants.find((c) => c.personId === personId);
  if (!invited) return err(domainError('NOT_ALLOWED', 'not invited to this application', { applicationId: current.id }));
  if (invited.status !== 'invited') return err(domainError('ALREADY_EXISTS', `already ${invited.status}`, { status: invited.status }));
  if (!isEditable(current)) return err(domainError('NOT_EDITABLE', `application is ${current.state}`, { state: current.state }));
  const at = now.toISOString();
  if (answer.accept) {
    const failures = employmentFailures({ permanentEmployment: answer.permanentEmployment, employmentStart: answer.employmentStart }, swedishDate(now));
    if (failures.length > 0) return err({ code: 'NOT_ELIGIBLE', failures: failures.map((failure) => ({ personName: invited.name, failure })) });
  }
  const updated: CoApplicant = answer.accept
    ? { ...invited, status: 'confirmed', respondedAt: at, permanentEmployment: answer.permanentEmployment, employmentStart: answer.employmentStart }
    : { ...invited, status: 'declined', respondedAt: at };
  const application: Application = { ...current, coApplicants: current.coApplicants.map((c) => (c.personId === personId ? updated : c)), updatedAt: at };
  return ok({
    application,
    audit: null,
    notifications: notify(aboutApplication(current), 'coApplicantResponse', [current.applicantId], `${current.id}/response/${personId}/${invited.invitedAt}`, {
      coApplicantName: invited.name,
      answer: answer.accept ? 'confirmed' : 'declined',
    }),
  });
}
