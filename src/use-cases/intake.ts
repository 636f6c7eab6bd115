import {
  INTAKE_STEPS,
  LIMITS,
  isEditable,
  missingSections,
  type AboutSection,
  type Application,
  type BenefitSection,
  type CoApplicant,
  type IdeaSection,
  type IntakeStep,
  type LeaveSection,
} from '../domain/application';
import { applyEvent, type Actor } from '../domain/application.lifecycle';
import type { ApplicationEvent } from '../domain/application.state-machine';
import { TERMINAL_STATES } from '../domain/application.state-machine';
import type { AuditEvent } from '../domain/audit-event';
import { auditFor } from '../domain/audit-event';
import { isIntakeOpen, type Cohort } from '../domain/cohort';
import { swedishDate } from '../domain/dates';
import { eligibilityFailures, employmentFailures, leaveFailures, type EligibilityFailure } from '../domain/eligibility';
import { AlreadyExists, domainError, type FieldError, type UseCaseResult } from '../domain/errors';
import type { Notification } from '../domain/notification';
import type { Person } from '../domain/person';
import type { ApplicationRepository, Clock, CohortRepository, Directory, IdGenerator, SettingsRepository, Versioned } from '../domain/ports';
import { openApprovals, type ApprovalSchedule } from '../domain/approval';
import { resolveDeciders } from './approval';
import { isManager } from './resolve-roles';
import { decidersOf, withDeciders } from '../domain/application';
import { err, ok } from '../domain/result';
import { mutate, type ApplicationRef } from './change';

export interface IntakeDeps {
  readonly applications: ApplicationRepository;
  readonly cohorts: CohortRepository;
  readonly directory: Directory;
  readonly settings: SettingsRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** When silent managers are reminded and escalated (default: 3 and 5 working days). */
  readonly schedule?: ApprovalSchedule;
}

/** The cohort open for intake now (the one closing first, if several), and the next one to open. */
export async function intakeCohorts(deps: Pick<IntakeDeps, 'cohorts' | 'clock'>): Promise<{ open?: Cohort; next?: Cohort }> {
  const now = deps.clock.now();
  const cohorts = await deps.cohorts.list();
  const open = cohorts.filter((c) => isIntakeOpen(c, now)).sort((a, b) => a.intakeClosesAt.localeCompare(b.intakeClosesAt))[0];
  const next = cohorts.filter((c) => Date.parse(c.intakeOpensAt) > now.getTime()).sort((a, b) => a.intakeOpensAt.localeCompare(b.intakeOpensAt))[0];
  return { ...(open ? { open } : {}), ...(next ? { next } : {}) };
}

/**
 * `ansök`: resumes the person's application in the open cohort, or starts a draft. One application per
 * person per cohort (a second `ansök` resumes the first, even when two arrive at once). Outside the
 * intake window: INTAKE_CLOSED with the next opening, if known.
 */
export async function startOrResumeApplication(
  deps: IntakeDeps,
  person: { id: string; name: string },
): Promise<UseCaseResult<{ application: Versioned<Application>; cohort: Cohort; resumed: boolean }>> {
  const { open, next } = await intakeCohorts(deps);
  if (!open) return err(next ? { code: 'INTAKE_CLOSED', nextOpensAt: next.intakeOpensAt } : { code: 'INTAKE_CLOSED' });
  const existing = await deps.applications.findByApplicant(open.id, person.id);
  if (existing) return ok({ application: existing, cohort: open, resumed: true });

  const now = deps.clock.now().toISOString();
  const draft: Application = {
    id: deps.ids.shortId('A'),
    cohortId: open.id,
    applicantId: person.id,
    applicantName: person.name,
    state: 'draft',
    step: 'idea',
    coApplicants: [],
    approvals: [],
    deciderIds: [],
    createdAt: now,
    updatedAt: now,
  };
  try {
    const created = await deps.applications.create(draft, auditFor(null, draft, 'create', { id: person.id, kind: 'applicant' }, now, deps.ids.uuid()));
    return ok({ application: created, cohort: open, resumed: false });
  } catch (e) {
    if (!(e instanceof AlreadyExists)) throw e;
    const winner = await deps.applications.findByApplicant(open.id, person.id);
    if (!winner) throw e; // an id clash, not a second application: let the person try again
    return ok({ application: winner, cohort: open, resumed: true });
  }
}

/** The person's applications, newest first (status, edit, withdraw look here). */
export async function applicationsOf(deps: Pick<IntakeDeps, 'applications'>, personId: string): Promise<readonly Versioned<Application>[]> {
  return deps.applications.findAllByApplicant(personId);
}

/** The application a person is working on: the newest one that is not finished. */
export async function currentApplicationOf(deps: Pick<IntakeDeps, 'applications'>, personId: string): Promise<Versioned<Application> | null> {
  const all = await applicationsOf(deps, personId);
  return all.find((a) => !TERMINAL_STATES.includes(a.value.state)) ?? all[0] ?? null;
}

/** Only the lead applicant may change their application; decided from the stored application. */
function ownedBy(application: Application, personId: string): UseCaseResult<true> {
  return application.applicantId === personId ? ok(true) : err(domainError('NOT_ALLOWED', 'not the applicant', { applicationId: application.id }));
}

function editable(application: Application): UseCaseResult<true> {
  return isEditable(application) ? ok(true) : err(domainError('NOT_EDITABLE', `application is ${application.state}`, { state: application.state }));
}

function transition(application: Application, event: ApplicationEvent, actor: Actor, now: Date, auditId: string, reason?: string): UseCaseResult<{ application: Application; audit: AuditEvent }> {
  const outcome = applyEvent(application, event, actor, now, auditId, reason);
  return outcome.ok ? ok(outcome.value) : err(outcome.error);
}

/** Where the navigation buttons of a step lead. */
export function stepAfter(step: IntakeStep, nav: 'next' | 'back' | 'stay'): IntakeStep {
  const i = INTAKE_STEPS.indexOf(step);
  const j = nav === 'next' ? Math.min(i + 1, INTAKE_STEPS.length - 1) : nav === 'back' ? Math.max(i - 1, 0) : i;
  return INTAKE_STEPS[j] ?? step;
}

/** The content of one step, already shaped and length-checked at the edge (zod in the Teams adapter). */
export type StepInput =
  | { readonly step: 'idea'; readonly idea: IdeaSection }
  | { readonly step: 'benefit'; readonly benefit: BenefitSection }
  | { readonly step: 'about'; readonly about: Omit<AboutSection, 'managerId' | 'managerFromDirectory'> & { readonly managerEmail: string } }
  | { readonly step: 'leave'; readonly leave: LeaveSection; readonly coApplicantEmails: readonly string[] }
  | { readonly step: 'review'; readonly privacyAcknowledged: boolean };

/**
 * Saves one step of the form and moves to the next (or previous) one. Every step is stored, so the
 * applicant can stop and come back days later from any device. Names in the form (manager, co-applicants)
 * are looked up in the directory; new co-applicants are invited by a card.
 */
export async function saveIntakeStep(
  deps: IntakeDeps,
  personId: string,
  ref: ApplicationRef,
  input: StepInput,
  nav: 'next' | 'back' | 'stay',
): Promise<UseCaseResult<{ application: Versioned<Application> }>> {
  // Directory look-ups happen once, outside the retry loop.
  const resolved = await resolvePeople(deps.directory, personId, input);
  if (!resolved.ok) return resolved;

  return mutate(deps, ref, (current, now) => {
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
        const manager = resolved.value.manager;
        if (!manager) return err({ code: 'FIELDS', fields: [{ field: 'managerEmail', code: 'required' }] });
        next = { ...next, about: { ...about, managerId: manager.person.id, managerFromDirectory: manager.fromDirectory } };
        break;
      }
      case 'leave': {
        // The leave rules are checked as the applicant types them: nothing invalid is stored.
        const broken = leaveFailures(input.leave, swedishDate(now));
        if (broken.length > 0) {
          const fieldOf: Record<string, string> = { leaveExtent: 'extentPercent', leaveStartsInFuture: 'leaveStart', leaveEndsAfterStart: 'leaveEnd', leaveAtMostSixMonths: 'leaveEnd' };
          return err({ code: 'FIELDS', fields: broken.map((b) => ({ field: fieldOf[b.rule] ?? 'leaveEnd', code: 'rule', rule: b.rule, facts: b.facts })) });
        }
        const team = teamChange(current, resolved.value.coApplicants, at);
        if (!team.ok) return team;
        for (const c of team.value.invited) {
          notifications.push({
            // One invitation per person per application: the key is the same however often the step is saved.
            idempotencyKey: `${current.id}/invite/${c.personId}`,
            kind: 'coApplicantInvitation',
            recipientId: c.personId,
            cohortId: current.cohortId,
            applicationId: current.id,
            payload: { applicantName: current.applicantName },
          });
        }
        next = { ...next, leave: input.leave, coApplicants: team.value.coApplicants, formerCoApplicants: team.value.former };
        break;
      }
      case 'review':
        next = input.privacyAcknowledged ? { ...next, privacyAcknowledgedAt: current.privacyAcknowledgedAt ?? at } : next;
        break;
    }
    return ok({ application: next, audit: null, notifications });
  });
}

/**
 * Why the manager the applicant named cannot decide, if so: they are not the directory's manager and have
 * no direct reports. Checked again at submission (the directory changes; older drafts were not checked).
 */
export async function namedManagerProblem(deps: Pick<IntakeDeps, 'directory'>, application: Application): Promise<{ code: 'NAMED_MANAGER_NOT_MANAGER'; name: string } | null> {
  const about = application.about;
  if (!about || about.managerFromDirectory) return null;
  const me = await deps.directory.getPerson(application.applicantId);
  if (me?.managerId === about.managerId || (await isManager(deps.directory, about.managerId))) return null;
  const named = await deps.directory.getPerson(about.managerId);
  return { code: 'NAMED_MANAGER_NOT_MANAGER', name: named?.name ?? about.managerId };
}

/**
 * The team as the applicant now lists it. Who stays keeps their state; who was on the team before (and taken
 * off) comes back with the answer they gave, without a new card; only people never invited to this
 * application are invited, and at most LIMITS.invitations.max different people over the application's life.
 */
function teamChange(
  current: Application,
  listed: readonly Person[],
  at: string,
): UseCaseResult<{ coApplicants: CoApplicant[]; former: CoApplicant[]; invited: CoApplicant[] }> {
  const known = new Map([...(current.formerCoApplicants ?? []), ...current.coApplicants].map((c) => [c.personId, c]));
  const invited: CoApplicant[] = listed.filter((p) => !known.has(p.id)).map((p) => ({ personId: p.id, name: p.name, status: 'invited', invitedAt: at }));
  if (known.size + invited.length > LIMITS.invitations.max) {
    return err({ code: 'FIELDS', fields: [{ field: 'coApplicants', code: 'tooManyInvitations', facts: { max: String(LIMITS.invitations.max), invited: String(known.size) } }] });
  }
  const coApplicants = listed.map((p) => known.get(p.id) ?? invited.find((c) => c.personId === p.id)).filter((c): c is CoApplicant => c !== undefined);
  const former = [...known.values()].filter((c) => !listed.some((p) => p.id === c.personId));
  return ok({ coApplicants, former, invited });
}

interface ResolvedPeople {
  readonly manager?: { person: Person; fromDirectory: boolean };
  readonly coApplicants: readonly Person[];
}

async function resolvePeople(directory: Directory, personId: string, input: StepInput): Promise<UseCaseResult<ResolvedPeople>> {
  if (input.step === 'about') {
    const email = input.about.managerEmail.trim();
    const me = await directory.getPerson(personId);
    const fromDirectory = me?.managerId ? await directory.getPerson(me.managerId) : null;
    if (!email) {
      return fromDirectory ? ok({ manager: { person: fromDirectory, fromDirectory: true }, coApplicants: [] }) : err({ code: 'FIELDS', fields: [{ field: 'managerEmail', code: 'required' }] });
    }
    const named = await directory.findByEmail(email);
    if (!named) return err({ code: 'FIELDS', fields: [{ field: 'managerEmail', code: 'unknownPerson', facts: { email } }] });
    if (named.id === personId) return err({ code: 'FIELDS', fields: [{ field: 'managerEmail', code: 'self' }] });
    if (named.id === fromDirectory?.id) return ok({ manager: { person: named, fromDirectory: true }, coApplicants: [] });
    // Someone other than the directory's manager decides only if the directory has them as a manager:
    // otherwise an applicant could name a friendly colleague as their approver.
    if (!(await isManager(directory, named.id))) {
      return err({ code: 'FIELDS', fields: [{ field: 'managerEmail', code: 'notManager', facts: { name: named.name, directoryManager: fromDirectory?.name ?? '' } }] });
    }
    return ok({ manager: { person: named, fromDirectory: false }, coApplicants: [] });
  }
  if (input.step === 'leave') {
    const emails = [...new Set(input.coApplicantEmails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
    if (emails.length > LIMITS.coApplicants.max) return err({ code: 'FIELDS', fields: [{ field: 'coApplicants', code: 'tooMany', facts: { max: String(LIMITS.coApplicants.max) } }] });
    const people: Person[] = [];
    const fields: FieldError[] = [];
    for (const email of emails) {
      const p = await directory.findByEmail(email);
      if (!p) fields.push({ field: 'coApplicants', code: 'unknownPerson', facts: { email } });
      else if (p.id === personId) fields.push({ field: 'coApplicants', code: 'self' });
      else people.push(p);
    }
    return fields.length > 0 ? err({ code: 'FIELDS', fields }) : ok({ coApplicants: people });
  }
  return ok({ coApplicants: [] });
}

/**
 * Submits (or resubmits after requested changes): every section present, the privacy notice acknowledged,
 * every co-applicant confirmed, every rule met. Then the state becomes "waiting for the manager", the
 * audit event is written and the manager's approval request goes to the outbox, all in one batch.
 */
export async function submitApplication(deps: IntakeDeps, personId: string, ref: ApplicationRef): Promise<UseCaseResult<{ application: Versioned<Application> }>> {
  const cohort = await deps.cohorts.get(ref.cohortId);
  if (!cohort) return err(domainError('NOT_FOUND', `cohort ${ref.cohortId} not found`));
  const snapshot = await deps.applications.get(ref.cohortId, ref.applicationId);
  if (!snapshot) return err(domainError('NOT_FOUND', `application ${ref.applicationId} not found`));
  if (snapshot.value.applicantId !== personId) return err(domainError('NOT_ALLOWED', 'not the applicant', { applicationId: ref.applicationId }));
  const named = await namedManagerProblem(deps, snapshot.value);
  if (named) return err(named);
  const { deciders, missing: noDecider } = await resolveDeciders(deps, snapshot.value);
  return mutate(deps, ref, (current, now) => {
    const owner = ownedBy(current, personId);
    if (!owner.ok) return owner;
    const event: ApplicationEvent = current.state === 'changesRequested' ? 'resubmit' : 'submit';
    if (!isEditable(current)) return err(domainError('ILLEGAL_TRANSITION', `cannot submit from ${current.state}`, { from: current.state, event }));

    const missing = missingSections(current);
    if (missing.length > 0) return err({ code: 'INCOMPLETE', missing });
    const pending = current.coApplicants.filter((c) => c.status === 'invited');
    if (pending.length > 0) return err({ code: 'CO_APPLICANTS_PENDING', names: pending.map((c) => c.name) });

    const failures = eligibilityOf(current, cohort.value, now, event === 'submit');
    if (failures.length > 0) return err({ code: 'NOT_ELIGIBLE', failures });

    const unreachable = noDecider.filter((name) => current.coApplicants.some((c) => c.name === name && c.status === 'confirmed'));
    if (unreachable.length > 0) return err({ code: 'NO_DECIDER', names: unreachable });

    // The team is who confirmed; who said no is remembered (invited once per application, see teamChange).
    const team = {
      coApplicants: current.coApplicants.filter((c) => c.status === 'confirmed'),
      formerCoApplicants: [...(current.formerCoApplicants ?? []), ...current.coApplicants.filter((c) => c.status !== 'confirmed')],
    };
    const t = transition({ ...current, ...team }, event, { id: personId, kind: 'applicant' }, now, deps.ids.uuid());
    if (!t.ok) return t;
    // Every member's own manager decides; reminders and the escalation are scheduled in the same batch.
    const opened = openApprovals(t.value.application, deciders, t.value.audit, now, deps.schedule);
    const application = withDeciders({ ...t.value.application, approvals: opened.approvals, step: 'review' as const, submittedAt: now.toISOString() });
    return ok({ application, audit: t.value.audit, notifications: opened.notifications });
  });
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
 * `ändra` on a submitted application: before the manager decides, it goes back to draft (audited), and
 * is sent to the manager again on resubmission. A draft or an application with requested changes is
 * simply editable.
 */
export async function reopenForEditing(deps: IntakeDeps, personId: string, ref: ApplicationRef): Promise<UseCaseResult<{ application: Versioned<Application> }>> {
  return mutate(deps, ref, (current, now) => {
    const owner = ownedBy(current, personId);
    if (!owner.ok) return owner;
    if (isEditable(current)) return ok({ application: { ...current, step: 'idea', updatedAt: now.toISOString() }, audit: null, notifications: [] });
    if (current.state !== 'awaitingManager') return err(domainError('NOT_EDITABLE', `application is ${current.state}`, { state: current.state }));
    const t = transition(current, 'reopen', { id: personId, kind: 'applicant' }, now, deps.ids.uuid());
    if (!t.ok) return t;
    return ok({ application: { ...t.value.application, step: 'idea' }, audit: t.value.audit, notifications: [] });
  });
}

/** `dra tillbaka`: withdraws after confirmation; whoever was waiting on it (manager, co-applicants) is told. */
export async function withdrawApplication(deps: IntakeDeps, personId: string, ref: ApplicationRef, reason?: string): Promise<UseCaseResult<{ application: Versioned<Application> }>> {
  return mutate(deps, ref, (current, now) => {
    const owner = ownedBy(current, personId);
    if (!owner.ok) return owner;
    const t = transition(current, 'withdraw', { id: personId, kind: 'applicant' }, now, deps.ids.uuid(), reason);
    if (!t.ok) return t;
    const closed = withDeciders({ ...t.value.application, approvals: current.approvals.map((a) => (a.status === 'pending' ? { ...a, status: 'superseded' as const } : a)) });
    // Whoever was waiting on it: the managers with a pending decision, and the co-applicants.
    const waiting = [...current.approvals.flatMap(decidersOf), ...current.coApplicants.filter((c) => c.status !== 'declined').map((c) => c.personId)];
    const notifications: Notification[] = [...new Set(waiting)].map((recipientId) => ({
      idempotencyKey: `${t.value.audit.id}/withdrawn/${recipientId}`,
      kind: 'applicationWithdrawn',
      recipientId,
      cohortId: current.cohortId,
      applicationId: current.id,
      payload: { applicantName: current.applicantName },
    }));
    return ok({ application: closed, audit: t.value.audit, notifications });
  });
}

/**
 * A co-applicant answers their invitation. Only a person invited to this application may answer (decided
 * from the stored application, never from card data); to join they must meet the employment rules.
 */
export async function respondAsCoApplicant(
  deps: IntakeDeps,
  personId: string,
  ref: ApplicationRef,
  answer: { accept: true; permanentEmployment: boolean; employmentStart: string } | { accept: false },
): Promise<UseCaseResult<{ application: Versioned<Application> }>> {
  return mutate(deps, ref, (current, now) => {
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
      notifications: [
        {
          idempotencyKey: `${current.id}/response/${personId}/${invited.invitedAt}`,
          kind: 'coApplicantResponse',
          recipientId: current.applicantId,
          cohortId: current.cohortId,
          applicationId: current.id,
          payload: { coApplicantName: invited.name, answer: answer.accept ? 'confirmed' : 'declined' },
        },
      ],
    });
  });
}
