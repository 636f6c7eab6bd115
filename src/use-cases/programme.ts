import type { Application, GateDecision, OutcomeDecision, TeamBudget } from '../domain/application';
import { applyEvent } from '../domain/application.lifecycle';
import type { ApplicationEvent, ApplicationState } from '../domain/application.state-machine';
import { allocate, decideExpense as decideBudgetExpense, reportExpense as reportBudgetExpense } from '../domain/budget';
import type { Cohort } from '../domain/cohort';
import { AlreadyExists, ConcurrencyConflict, domainError, type DomainError } from '../domain/errors';
import { applicationIdFrom } from '../domain/ids';
import { isCoordinator } from './resolve-roles';
import { MUNICIPALITIES, type Municipality } from '../domain/municipalities';
import { SYSTEM_RECIPIENT, type Notification } from '../domain/notification';
import type { ApplicationRepository, Clock, CohortRepository, Directory, IdGenerator, JuryRepository, OutboxStore, SettingsRepository, Versioned } from '../domain/ports';
import { missingScores } from '../domain/scoring';
import { err, ok, type Result } from '../domain/result';
import { asDomainError, mutate, type ApplicationRef } from './application-change';
import { currentCohort } from './jury';

export interface ProgrammeDeps {
  readonly applications: ApplicationRepository;
  readonly cohorts: CohortRepository;
  readonly settings: SettingsRepository;
  readonly directory: Directory;
  readonly outbox: OutboxStore;
  readonly jury: JuryRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export type ProgrammeError = DomainError | { readonly code: 'OVERSPEND'; readonly remainingOre: number } | { readonly code: 'FIELD'; readonly field: string; readonly reason: string };
export type ProgrammeResult<T> = Result<T, ProgrammeError>;

async function coordinatorOnly(deps: Pick<ProgrammeDeps, 'settings'>, personId: string): Promise<ProgrammeResult<true>> {
  return (await isCoordinator(deps, personId)) ? ok(true) : err(domainError('NOT_ALLOWED', 'coordinators only'));
}

const cohortNote = (cohort: Cohort, kind: Notification['kind'], recipientId: string, key: string, payload: Record<string, string> = {}): Notification => ({
  idempotencyKey: key,
  kind,
  recipientId,
  cohortId: cohort.id,
  applicationId: '',
  payload: { cohortName: cohort.name, ...payload },
});

/** The job that closes intake at the deadline; keyed by the deadline so a moved deadline gets its own job. */
const closeJob = (cohort: Cohort): Notification => ({ ...cohortNote(cohort, 'intakeClose', SYSTEM_RECIPIENT, `${cohort.id}/close/${cohort.intakeClosesAt}`), dueAt: cohort.intakeClosesAt });

/** What the cohort card sets; jury, mentors and round state are kept from the stored cohort. */
export type CohortInput = Pick<Cohort, 'name' | 'intakeOpensAt' | 'intakeClosesAt' | 'programmeStartsOn' | 'capacity' | 'budgetPerParticipantOre'> & {
  readonly id?: string;
  readonly quorum: number;
  readonly normalise: boolean;
};

/** Creates a cohort, or edits one guarded by its ETag; the intake close at the deadline is scheduled. */
export async function saveCohort(deps: ProgrammeDeps, coordinatorId: string, input: CohortInput, expectedEtag?: string): Promise<ProgrammeResult<Versioned<Cohort>>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  if (Date.parse(input.intakeClosesAt) <= Date.parse(input.intakeOpensAt)) return err({ code: 'FIELD', field: 'intakeClosesAt', reason: 'closesBeforeOpens' });
  const existing = input.id ? await deps.cohorts.get(input.id) : null;
  // The id is a slug of the name (domain/ids.ts COHORT_ID); a name with no letters or digits gets a short id.
  const slug = input.name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').slice(0, 60).replace(/^-+|-+$/g, '');
  const id = input.id ?? (slug || deps.ids.shortId('k').toLowerCase());
  const base: Cohort = existing?.value ?? { id, name: input.name, intakeOpensAt: '', intakeClosesAt: '', programmeStartsOn: '', capacity: 0, budgetPerParticipantOre: 0, jurorIds: [], mentorIds: [], sponsorIds: [] };
  const { intakeClosedAt: _closed, ...rest } = base;
  const reopened = Date.parse(input.intakeClosesAt) > deps.clock.now().getTime();
  const cohort: Cohort = { ...(reopened ? rest : base), ...input, id };
  try {
    const saved = await deps.cohorts.save(cohort, existing ? (expectedEtag ?? existing.etag) : undefined);
    await deps.outbox.enqueue([closeJob(saved.value)], deps.clock.now());
    return ok(saved);
  } catch (e) {
    if (e instanceof ConcurrencyConflict) return err(domainError('CONCURRENCY_CONFLICT', 'cohort changed'));
    if (e instanceof AlreadyExists) return err(domainError('ALREADY_EXISTS', `cohort ${id} exists`));
    throw e;
  }
}

/**
 * `öppna intag` / `stäng intag` [kohort]. Without a name: opening takes the next cohort that has not opened
 * yet (else the current one); closing takes the current one. Opening again gives 30 days if the deadline has passed.
 */
export async function setIntake(deps: ProgrammeDeps, coordinatorId: string, open: boolean, cohortName = ''): Promise<ProgrammeResult<Cohort>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const now = deps.clock.now();
  const all = await deps.cohorts.list();
  const wanted = cohortName.toLowerCase();
  const named = wanted ? all.find((c) => c.name.toLowerCase() === wanted || c.id === wanted) : undefined;
  const upcoming = all.filter((c) => Date.parse(c.intakeOpensAt) > now.getTime()).sort((a, b) => a.intakeOpensAt.localeCompare(b.intakeOpensAt))[0];
  const target = named ?? (open ? upcoming : undefined);
  const current = target ? await deps.cohorts.get(target.id) : wanted ? null : await currentCohort(deps);
  if (!current) return err(domainError('NOT_FOUND', 'no cohort'));
  const iso = now.toISOString();
  const c = current.value;
  const { intakeClosedAt: _closed, ...withoutClosed } = c;
  const next: Cohort = open
    ? { ...withoutClosed, intakeOpensAt: Date.parse(c.intakeOpensAt) > now.getTime() ? iso : c.intakeOpensAt, intakeClosesAt: Date.parse(c.intakeClosesAt) > now.getTime() ? c.intakeClosesAt : new Date(now.getTime() + 30 * 86400_000).toISOString() }
    : { ...c, intakeClosesAt: iso, intakeClosedAt: iso };
  try {
    const saved = await deps.cohorts.save(next, current.etag);
    if (open) await deps.outbox.enqueue([closeJob(saved.value)], now);
    return ok(saved.value);
  } catch (e) {
    if (e instanceof ConcurrencyConflict) return err(domainError('CONCURRENCY_CONFLICT', 'cohort changed'));
    throw e;
  }
}

/**
 * The scheduled close: at the deadline the cohort is marked closed once, and the coordinators are told how
 * many applications came in. A deadline that was moved leaves this job with nothing to do.
 */
export async function closeIntakeAtDeadline(deps: ProgrammeDeps, cohortId: string, deadline: string): Promise<{ closed: boolean }> {
  const current = await deps.cohorts.get(cohortId);
  if (!current || current.value.intakeClosedAt || current.value.intakeClosesAt !== deadline || Date.parse(deadline) > deps.clock.now().getTime()) return { closed: false };
  try {
    const saved = await deps.cohorts.save({ ...current.value, intakeClosedAt: deps.clock.now().toISOString() }, current.etag);
    const submitted = (await deps.applications.listByCohort(cohortId)).filter((a) => a.state !== 'draft' && a.state !== 'withdrawn').length;
    const coordinators = (await deps.settings.get())?.value.coordinatorIds ?? [];
    await deps.outbox.enqueue(coordinators.map((id) => cohortNote(saved.value, 'intakeClosed', id, `${cohortId}/closed/${deadline}/${id}`, { count: String(submitted) })), deps.clock.now());
    return { closed: true };
  } catch (e) {
    if (e instanceof ConcurrencyConflict) return { closed: false };
    throw e;
  }
}

const PHASE_EVENTS: Record<1 | 2 | 3, { from: ApplicationState; event: ApplicationEvent }> = {
  1: { from: 'selected', event: 'startPhase1' },
  2: { from: 'continuing', event: 'startPhase2' },
  3: { from: 'phase2', event: 'startPhase3' },
};

const teamOf = (a: Application) => [a.applicantId, ...a.coApplicants.filter((c) => c.status === 'confirmed').map((c) => c.personId)];

/**
 * `starta fas N`: the cohort's participants move on (audited); with phase 1 each team gets its budget for
 * initial costs (per participant). Participants, their managers and the HR contacts are told.
 */
export async function startPhase(deps: ProgrammeDeps, coordinatorId: string, phase: 1 | 2 | 3): Promise<ProgrammeResult<{ moved: number }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const current = await currentCohort(deps);
  if (!current) return err(domainError('NOT_FOUND', 'no cohort'));
  const cohort = current.value;
  const settings = (await deps.settings.get())?.value;
  const { from, event } = PHASE_EVENTS[phase];
  let moved = 0;
  for (const a of (await deps.applications.listByCohort(cohort.id)).filter((x) => x.state === from)) {
    const done = await mutate(deps, { cohortId: a.cohortId, applicationId: a.id }, (fresh, now) => {
      const t = applyEvent(fresh, event, { id: coordinatorId, kind: 'coordinator' }, now, deps.ids.uuid());
      if (!t.ok) return t;
      const budget: TeamBudget | undefined = phase === 1 && !fresh.budget ? allocate(cohort.budgetPerParticipantOre * teamOf(fresh).length, fresh.id) : fresh.budget;
      const hr = fresh.about ? settings?.hrContactIds[fresh.about.municipality as Municipality] : undefined;
      const line = [...fresh.approvals.map((p) => p.managerId), ...(hr ? [hr] : [])];
      const notifications: Notification[] = [...new Set([...teamOf(fresh), ...line])].map((recipientId) => ({
        idempotencyKey: `${t.value.audit.id}/phase/${recipientId}`,
        kind: 'phaseStarted',
        recipientId,
        cohortId: fresh.cohortId,
        applicationId: fresh.id,
        payload: { phase: String(phase) },
      }));
      return ok({ application: { ...t.value.application, ...(budget ? { budget } : {}) }, audit: t.value.audit, notifications });
    });
    if (done.ok) moved++;
  }
  return ok({ moved });
}

/** The gate after phase 1 for one application: continue, back to the ordinary job, or join another team. */
export async function recordGate(deps: ProgrammeDeps, coordinatorId: string, ref: ApplicationRef, outcome: GateDecision['outcome'], joinedApplicationId?: string): Promise<ProgrammeResult<Application>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  if (outcome === 'joinOtherTeam') {
    const team = joinedApplicationId ? await deps.applications.get(ref.cohortId, joinedApplicationId) : null;
    if (!team || team.value.id === ref.applicationId || !['phase1', 'continuing'].includes(team.value.state)) return err({ code: 'FIELD', field: 'joinedApplicationId', reason: 'team' });
  }
  const event: ApplicationEvent = outcome === 'continue' ? 'gateContinue' : outcome === 'returnToJob' ? 'gateReturnToJob' : 'gateJoinOtherTeam';
  const done = await mutate(deps, ref, (current, now) => {
    const t = applyEvent(current, event, { id: coordinatorId, kind: 'coordinator' }, now, deps.ids.uuid(), joinedApplicationId);
    if (!t.ok) return t;
    const gate: GateDecision = { outcome, ...(joinedApplicationId && outcome === 'joinOtherTeam' ? { joinedApplicationId } : {}), decidedBy: coordinatorId, decidedAt: now.toISOString() };
    const notifications: Notification[] = teamOf(current).map((recipientId) => ({ idempotencyKey: `${t.value.audit.id}/gate/${recipientId}`, kind: 'gateOutcome', recipientId, cohortId: current.cohortId, applicationId: current.id, payload: { outcome, joined: joinedApplicationId ?? '' } }));
    return ok({ application: { ...t.value.application, gate }, audit: t.value.audit, notifications });
  });
  return done.ok ? ok(done.value.application.value) : err(asDomainError(done.error));
}

/** The final outcome of an idea in phase 3, with who owns it (IP). Final and audited. */
export async function recordOutcome(
  deps: ProgrammeDeps,
  coordinatorId: string,
  ref: ApplicationRef,
  kind: OutcomeDecision['kind'],
  ipOwner: OutcomeDecision['ipOwner'],
  receivingAdministration?: string,
): Promise<ProgrammeResult<Application>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  if (kind === 'handedToLine' && !receivingAdministration?.trim()) return err({ code: 'FIELD', field: 'receivingAdministration', reason: 'required' });
  const event: ApplicationEvent = kind === 'keptAsProject' ? 'keepAsProject' : kind === 'handedToLine' ? 'handToLine' : kind === 'spunOut' ? 'spinOut' : 'end';
  const done = await mutate(deps, ref, (current, now) => {
    const t = applyEvent(current, event, { id: coordinatorId, kind: 'coordinator' }, now, deps.ids.uuid(), `IP: ${ipOwner}${receivingAdministration ? `; ${receivingAdministration}` : ''}`);
    if (!t.ok) return t;
    const outcome: OutcomeDecision = { kind, ipOwner, ...(kind === 'handedToLine' && receivingAdministration ? { receivingAdministration: receivingAdministration.trim() } : {}), decidedBy: coordinatorId, decidedAt: now.toISOString() };
    const notifications: Notification[] = teamOf(current).map((recipientId) => ({ idempotencyKey: `${t.value.audit.id}/outcome/${recipientId}`, kind: 'finalOutcome', recipientId, cohortId: current.cohortId, applicationId: current.id, payload: { kind } }));
    return ok({ application: { ...t.value.application, outcome }, audit: t.value.audit, notifications });
  });
  return done.ok ? ok(done.value.application.value) : err(asDomainError(done.error));
}

/** A participant reports an expense against the team's budget; the municipality's HR contact decides. */
export async function reportExpense(deps: ProgrammeDeps, personId: string, ore: number, description: string): Promise<ProgrammeResult<{ application: Application; expenseId: string }>> {
  const mine = (await deps.applications.findAllByApplicant(personId)).find((a) => a.value.budget && ['phase1', 'continuing', 'phase2', 'phase3'].includes(a.value.state));
  if (!mine) return err(domainError('NOT_FOUND', 'no budget'));
  const settings = (await deps.settings.get())?.value;
  const hr = mine.value.about ? settings?.hrContactIds[mine.value.about.municipality] : undefined;
  const expenseId = deps.ids.shortId('U');
  const done = await mutate<{ remainingOre?: number }>(deps, { cohortId: mine.value.cohortId, applicationId: mine.value.id }, (current, now) => {
    if (!current.budget) return err(domainError('NOT_FOUND', 'no budget'));
    const reported = reportBudgetExpense(current.budget, { id: expenseId, ore, description, reportedBy: personId, at: now.toISOString() });
    if (!reported.ok) return err(reported.code === 'OVERSPEND' ? domainError('INVALID_INPUT', 'overspend', { remaining: String(reported.remaining) }) : domainError('INVALID_INPUT', reported.reason));
    const notifications: Notification[] = hr ? [{ idempotencyKey: `${current.id}/expense/${expenseId}`, kind: 'expenseToApprove', recipientId: hr, cohortId: current.cohortId, applicationId: current.id, payload: { expenseId } }] : [];
    return ok({ application: { ...current, budget: reported.budget, updatedAt: now.toISOString() }, audit: null, notifications });
  });
  if (!done.ok) {
    const e = done.error;
    if ('meta' in e && e.meta?.remaining !== undefined) return err({ code: 'OVERSPEND', remainingOre: Number(e.meta.remaining) });
    return err(asDomainError(e));
  }
  return ok({ application: done.value.application.value, expenseId });
}

/** The HR contact of the team's municipality approves or rejects an expense (decided from stored state). */
export async function decideExpense(deps: ProgrammeDeps, personId: string, ref: ApplicationRef, expenseId: string, decision: 'approve' | 'reject', reason?: string): Promise<ProgrammeResult<Application>> {
  const settings = (await deps.settings.get())?.value;
  const done = await mutate(deps, ref, (current, now) => {
    const hr = current.about ? settings?.hrContactIds[current.about.municipality] : undefined;
    if (!hr || hr !== personId) return err(domainError('NOT_ALLOWED', 'not the HR contact'));
    if (!current.budget) return err(domainError('NOT_FOUND', 'no budget'));
    const decided = decideBudgetExpense(current.budget, expenseId, decision, personId, now.toISOString(), reason);
    if (!decided.ok) return err(decided.code === 'NOT_FOUND' ? domainError('NOT_FOUND', 'no expense') : domainError('ILLEGAL_TRANSITION', decided.code));
    const notifications: Notification[] = [{ idempotencyKey: `${current.id}/expense/${expenseId}/decided`, kind: 'expenseDecided', recipientId: current.applicantId, cohortId: current.cohortId, applicationId: current.id, payload: { expenseId, decision } }];
    return ok({ application: { ...current, budget: decided.budget, updatedAt: now.toISOString() }, audit: null, notifications });
  });
  return done.ok ? ok(done.value.application.value) : err(asDomainError(done.error));
}

/** The cohort's funnel per municipality and what is stuck, for `statistik`. */
export async function statistics(deps: ProgrammeDeps, coordinatorId: string): Promise<ProgrammeResult<{ cohort: Cohort; rows: { municipality: string; counts: Partial<Record<ApplicationState, number>> }[]; waitingManagers: number; jurorsBehind: number }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const current = await currentCohort(deps);
  if (!current) return err(domainError('NOT_FOUND', 'no cohort'));
  const apps = await deps.applications.listByCohort(current.value.id);
  const rows = MUNICIPALITIES.map((municipality) => {
    const counts: Partial<Record<ApplicationState, number>> = {};
    for (const a of apps.filter((x) => x.about?.municipality === municipality)) counts[a.state] = (counts[a.state] ?? 0) + 1;
    return { municipality, counts };
  }).filter((r) => Object.keys(r.counts).length > 0);
  const inReview = apps.filter((a) => a.state === 'inReview').map((a) => a.id);
  const [scores, recusals] = await Promise.all([deps.jury.scores(current.value.id), deps.jury.recusals(current.value.id)]);
  const behind = Object.values(missingScores(inReview, current.value.jurorIds, scores, recusals)).filter((left) => left.length > 0).length;
  return ok({ cohort: current.value, rows, waitingManagers: apps.filter((a) => a.state === 'awaitingManager').length, jurorsBehind: behind });
}

/** Any application by its short id as a person typed it, across cohorts (for `visa` and `logg`). */
export async function findApplicationById(deps: Pick<ProgrammeDeps, 'cohorts' | 'applications'>, typed: string): Promise<Application | null> {
  const id = applicationIdFrom(typed);
  if (!id) return null;
  for (const c of await deps.cohorts.list()) {
    const found = await deps.applications.get(c.id, id);
    if (found) return found.value;
  }
  return null;
}

/** `samordnare lägg till/ta bort <e-post>`, `hr <kommun> <e-post>`: roles kept in the programme settings. */
export async function changeRole(
  deps: ProgrammeDeps,
  coordinatorId: string,
  change: { kind: 'coordinator'; add: boolean; email: string } | { kind: 'hrContact'; municipality: Municipality; email: string },
): Promise<ProgrammeResult<{ name: string }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const person = await deps.directory.findByEmail(change.email);
  if (!person) return err({ code: 'FIELD', field: 'email', reason: change.email });
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await deps.settings.get();
    const s = current?.value ?? { coordinatorIds: [], hrContactIds: {}, steeringGroupIds: [] };
    const next =
      change.kind === 'coordinator'
        ? { ...s, coordinatorIds: change.add ? [...new Set([...s.coordinatorIds, person.id])] : s.coordinatorIds.filter((id) => id !== person.id) }
        : { ...s, hrContactIds: { ...s.hrContactIds, [change.municipality]: person.id } };
    if (change.kind === 'coordinator' && next.coordinatorIds.length === 0) return err(domainError('NOT_ALLOWED', 'the last coordinator cannot be removed'));
    try {
      await deps.settings.save(next, current?.etag);
      return ok({ name: person.name });
    } catch (e) {
      if (!(e instanceof ConcurrencyConflict) && !(e instanceof AlreadyExists)) throw e;
    }
  }
  return err(domainError('CONCURRENCY_CONFLICT', 'settings kept changing'));
}

/** `mentor <id> <e-post>`, `sponsor <id> <e-post>`: the person and the team are told. */
export async function assignSupport(deps: ProgrammeDeps, coordinatorId: string, applicationId: string, role: 'mentor' | 'sponsor', email: string): Promise<ProgrammeResult<{ name: string; application: Application }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const person = await deps.directory.findByEmail(email);
  if (!person) return err({ code: 'FIELD', field: 'email', reason: email });
  const found = await findApplicationById(deps, applicationId);
  if (!found) return err(domainError('NOT_FOUND', applicationId));
  const done = await mutate(deps, { cohortId: found.cohortId, applicationId: found.id }, (current, now) => {
    if (!['selected', 'phase1', 'continuing', 'phase2', 'phase3'].includes(current.state)) return err(domainError('ILLEGAL_TRANSITION', `not a participant team (${current.state})`));
    const key = `${current.id}/${role}/${person.id}/${now.toISOString()}`;
    const notifications: Notification[] = [person.id, ...teamOf(current)].map((recipientId) => ({
      idempotencyKey: `${key}/${recipientId}`,
      kind: 'supportAssigned',
      recipientId,
      cohortId: current.cohortId,
      applicationId: current.id,
      payload: { role, personId: person.id },
    }));
    return ok({ application: { ...current, ...(role === 'mentor' ? { mentorId: person.id } : { sponsorId: person.id }), updatedAt: now.toISOString() }, audit: null, notifications });
  });
  return done.ok ? ok({ name: person.name, application: done.value.application.value }) : err(asDomainError(done.error));
}

/** `ansökningar [status] [kommun]`: the current cohort's applications, filtered. */
export async function listApplications(deps: ProgrammeDeps, coordinatorId: string, filter: { state?: ApplicationState; municipality?: Municipality }): Promise<ProgrammeResult<{ cohort: Cohort; applications: Application[] }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const current = await currentCohort(deps);
  if (!current) return err(domainError('NOT_FOUND', 'no cohort'));
  const applications = (await deps.applications.listByCohort(current.value.id))
    .filter((a) => (!filter.state || a.state === filter.state) && (!filter.municipality || a.about?.municipality === filter.municipality))
    .sort((a, b) => a.id.localeCompare(b.id));
  return ok({ cohort: current.value, applications });
}
