import { currentCohort } from './current-cohort';
import { LIMITS, type Application } from '../domain/application';
import { TERMINAL_STATES } from '../domain/application.state-machine';
import { auditFor } from '../domain/audit-event';
import { isIntakeOpen, type Cohort } from '../domain/cohort';
import { AlreadyExists, domainError, type FieldError, type UseCaseResult } from '../domain/errors';
import { coApplicantAnswerOf, reopeningOf, stepSavedOf, submissionOf, withdrawalOf, type CoApplicantAnswer, type ResolvedPeople, type StepInput } from '../domain/intake';
import type { Person } from '../domain/person';
import type { ApplicationRepository, Clock, CohortRepository, Directory, IdGenerator, RecommendationRepository, SettingsRepository, Versioned } from '../domain/ports';
import { recommendedByOf } from './recommend';
import type { ApprovalSchedule } from '../domain/approval';
import { resolveDeciders } from './approval';
import { isManager } from './resolve-roles';
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
  /** Managers' recommendations: an application started after one keeps who recommended (issue 17). */
  readonly recommendations?: RecommendationRepository;
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
  const recommendedBy = deps.recommendations ? await recommendedByOf({ recommendations: deps.recommendations }, open.id, person.id) : undefined;
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
    ...(recommendedBy ? { recommendedBy } : {}),
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

/**
 * The application a person is working on: the newest one that is not finished. Looked for in the current cohort first
 * (two point reads), where it almost always is; over every cohort only when it is not there or is finished.
 */
export async function currentApplicationOf(deps: Pick<IntakeDeps, 'applications' | 'cohorts' | 'clock'>, personId: string): Promise<Versioned<Application> | null> {
  const cohort = await currentCohort(deps);
  const here = cohort ? await deps.applications.findByApplicant(cohort.value.id, personId) : null;
  if (here && !TERMINAL_STATES.includes(here.value.state)) return here;
  const all = await applicationsOf(deps, personId);
  return all.find((a) => !TERMINAL_STATES.includes(a.value.state)) ?? all[0] ?? null;
}

/**
 * The application a person follows in the tab: their own (currentApplicationOf), else the newest of a team they
 * joined as a co-applicant who confirmed. `lead` says whether it is their own.
 */
export async function followedApplicationOf(deps: Pick<IntakeDeps, 'applications' | 'cohorts' | 'clock'>, personId: string): Promise<{ application: Versioned<Application>; lead: boolean } | null> {
  const own = await currentApplicationOf(deps, personId);
  if (own && !TERMINAL_STATES.includes(own.value.state)) return { application: own, lead: true };
  const joined = (await deps.applications.findTeamsOf(personId)).find((a) => a.value.applicantId !== personId);
  if (joined && (!own || !TERMINAL_STATES.includes(joined.value.state))) return { application: joined, lead: false };
  return own ? { application: own, lead: true } : null;
}

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
  // The leave is checked against the programme's start (docs/decisions/0010).
  const programmeStartsOn = input.step === 'leave' ? (await deps.cohorts.get(ref.cohortId))?.value.programmeStartsOn : undefined;

  return mutate(deps, ref, (current, now) => stepSavedOf(current, personId, input, resolved.value, nav, now, programmeStartsOn));
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
    if (emails.length > LIMITS.coApplicants.max) return ok({ coApplicants: [], problems: [{ field: 'coApplicants', code: 'tooMany', facts: { max: String(LIMITS.coApplicants.max) } }] });
    const people: Person[] = [];
    const problems: FieldError[] = [];
    for (const email of emails) {
      const p = await directory.findByEmail(email);
      if (!p) problems.push({ field: 'coApplicants', code: 'unknownPerson', facts: { email } });
      else if (p.id === personId) problems.push({ field: 'coApplicants', code: 'self' });
      else people.push(p);
    }
    // Not a refusal here: the domain answers these with the step's other problems, all at once.
    return ok({ coApplicants: people, problems });
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
  return mutate(deps, ref, (current, now) => submissionOf(current, cohort.value, personId, deciders, noDecider, now, deps.ids.uuid(), deps.schedule));
}

/**
 * `ändra` on a submitted application: before the manager decides, it goes back to draft (audited), and
 * is sent to the manager again on resubmission. A draft or an application with requested changes is
 * simply editable.
 */
export async function reopenForEditing(deps: IntakeDeps, personId: string, ref: ApplicationRef): Promise<UseCaseResult<{ application: Versioned<Application> }>> {
  return mutate(deps, ref, (current, now) => reopeningOf(current, personId, now, deps.ids.uuid()));
}

/** `dra tillbaka`: withdraws after confirmation; whoever was waiting on it (manager, co-applicants) is told. */
export async function withdrawApplication(deps: IntakeDeps, personId: string, ref: ApplicationRef, reason?: string): Promise<UseCaseResult<{ application: Versioned<Application> }>> {
  return mutate(deps, ref, (current, now) => withdrawalOf(current, personId, now, deps.ids.uuid(), reason));
}

/**
 * A co-applicant answers their invitation. Only a person invited to this application may answer (decided
 * from the stored application, never from card data); to join they must meet the employment rules.
 */
export async function respondAsCoApplicant(
  deps: IntakeDeps,
  personId: string,
  ref: ApplicationRef,
  answer: CoApplicantAnswer,
): Promise<UseCaseResult<{ application: Versioned<Application> }>> {
  return mutate(deps, ref, (current, now) => coApplicantAnswerOf(current, personId, answer, now));
}
