import { decidersOf, type Application, type SelectionDecision } from '../domain/application';
import { applyEvent } from '../domain/application.lifecycle';
import type { ApplicationEvent } from '../domain/application.state-machine';
import { auditFor } from '../domain/audit-event';
import type { Cohort } from '../domain/cohort';
import { AlreadyExists, ConcurrencyConflict, domainError, type DomainError } from '../domain/errors';
import type { Notification } from '../domain/notification';
import type { ApplicationRepository, Clock, CohortRepository, Directory, IdGenerator, JurorRecusal, JurorScore, JuryRepository, OutboxStore, SettingsRepository, Versioned } from '../domain/ports';
import { err, ok, type Result } from '../domain/result';
import { DEFAULT_CRITERIA, DEFAULT_QUORUM, missingScores, rank, validateScore, type Criterion, type RankingRow, type ScoreProblem } from '../domain/scoring';
import { asDomainError, mutate, type ApplicationRef } from './application-change';
import { isCoordinator } from './resolve-roles';

export interface JuryDeps {
  readonly applications: ApplicationRepository;
  readonly cohorts: CohortRepository;
  readonly jury: JuryRepository;
  readonly settings: SettingsRepository;
  readonly directory: Directory;
  readonly outbox: OutboxStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export type JuryError =
  | DomainError
  | { readonly code: 'ROUND_NOT_OPEN' }
  | { readonly code: 'ROUND_LOCKED' }
  | { readonly code: 'RECUSED'; readonly automatic: boolean; readonly reason: string }
  | { readonly code: 'INVALID_SCORE'; readonly problems: readonly ScoreProblem[] };

export type JuryResult<T> = Result<T, JuryError>;

export const criteriaOf = (cohort: Cohort): readonly Criterion[] => cohort.criteria ?? DEFAULT_CRITERIA;

/** The cohort the jury works on now: the newest one whose intake has opened. */
export async function currentCohort(deps: Pick<JuryDeps, 'cohorts' | 'clock'>): Promise<Versioned<Cohort> | null> {
  const now = deps.clock.now().getTime();
  const started = (await deps.cohorts.list()).filter((c) => Date.parse(c.intakeOpensAt) <= now).sort((a, b) => b.intakeOpensAt.localeCompare(a.intakeOpensAt));
  return started[0] ? deps.cohorts.get(started[0].id) : null;
}


/** Why a juror may not judge an application, decided from the stored application: they are part of it. */
export function conflictOf(application: Application, jurorId: string): 'applicant' | 'coApplicant' | 'manager' | null {
  if (application.applicantId === jurorId) return 'applicant';
  if (application.coApplicants.some((c) => c.personId === jurorId && c.status !== 'declined')) return 'coApplicant';
  if (application.about?.managerId === jurorId || application.approvals.some((a) => a.managerId === jurorId)) return 'manager';
  return null;
}

const cohortNotice = (cohort: Cohort, kind: Notification['kind'], recipientId: string, key: string): Notification => ({
  idempotencyKey: key,
  kind,
  recipientId,
  cohortId: cohort.id,
  applicationId: '',
  payload: { cohortName: cohort.name },
});

/** Changes the cohort's jury (coordinators only); a new juror is told by a card. */
export async function changeJury(deps: JuryDeps, coordinatorId: string, change: { add?: string; remove?: string }): Promise<JuryResult<{ cohort: Cohort; person: { id: string; name: string } }>> {
  if (!(await isCoordinator(deps, coordinatorId))) return err(domainError('NOT_ALLOWED', 'coordinators only'));
  const email = (change.add ?? change.remove ?? '').trim();
  const person = await deps.directory.findByEmail(email);
  if (!person) return err(domainError('NOT_FOUND', `nobody with ${email}`, { email }));
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await currentCohort(deps);
    if (!current) return err(domainError('NOT_FOUND', 'no cohort'));
    const jurorIds = change.add ? [...new Set([...current.value.jurorIds, person.id])] : current.value.jurorIds.filter((id) => id !== person.id);
    try {
      const saved = await deps.cohorts.save({ ...current.value, jurorIds }, current.etag);
      if (change.add && !current.value.jurorIds.includes(person.id)) {
        await deps.outbox.enqueue([cohortNotice(saved.value, 'jurorAdded', person.id, `${saved.value.id}/juror/${person.id}/${deps.clock.now().toISOString()}`)], deps.clock.now());
      }
      return ok({ cohort: saved.value, person: { id: person.id, name: person.name } });
    } catch (e) {
      if (!(e instanceof ConcurrencyConflict)) throw e;
    }
  }
  return err(domainError('CONCURRENCY_CONFLICT', 'cohort kept changing'));
}

async function setRound(deps: JuryDeps, cohort: Versioned<Cohort>, juryRound: 'open' | 'locked'): Promise<Versioned<Cohort>> {
  return deps.cohorts.save({ ...cohort.value, juryRound }, cohort.etag);
}

/**
 * Opens the jury round: every manager-approved application of the cohort goes to review (audited), and
 * each juror gets a card listing what waits for them.
 */
export async function openJuryRound(deps: JuryDeps, coordinatorId: string): Promise<JuryResult<{ cohort: Cohort; applications: number }>> {
  if (!(await isCoordinator(deps, coordinatorId))) return err(domainError('NOT_ALLOWED', 'coordinators only'));
  const current = await currentCohort(deps);
  if (!current) return err(domainError('NOT_FOUND', 'no cohort'));
  if (current.value.juryRound === 'locked') return err({ code: 'ROUND_LOCKED' });
  const cohort = current.value.juryRound === 'open' ? current : await setRound(deps, current, 'open');
  const approved = (await deps.applications.listByCohort(cohort.value.id)).filter((a) => a.state === 'approved');
  for (const a of approved) {
    await mutate(deps, { cohortId: a.cohortId, applicationId: a.id }, (fresh, now) => {
      const t = applyEvent(fresh, 'openReview', { id: coordinatorId, kind: 'coordinator' }, now, deps.ids.uuid());
      return t.ok ? ok({ ...t.value, notifications: [] }) : t;
    });
  }
  const now = deps.clock.now();
  await deps.outbox.enqueue(cohort.value.jurorIds.map((j) => cohortNotice(cohort.value, 'reviewAssignment', j, `${cohort.value.id}/review/${j}/${now.toISOString()}`)), now);
  return ok({ cohort: cohort.value, applications: approved.length });
}

/** Locks the round: scores are final and no more are taken. */
export async function lockJuryRound(deps: JuryDeps, coordinatorId: string): Promise<JuryResult<{ cohort: Cohort }>> {
  if (!(await isCoordinator(deps, coordinatorId))) return err(domainError('NOT_ALLOWED', 'coordinators only'));
  const current = await currentCohort(deps);
  if (!current) return err(domainError('NOT_FOUND', 'no cohort'));
  return ok({ cohort: (await setRound(deps, current, 'locked')).value });
}

/** What a juror may do with an application now, decided from stored state. */
async function jurorAccess(deps: JuryDeps, jurorId: string, ref: ApplicationRef): Promise<JuryResult<{ cohort: Cohort; application: Application }>> {
  const cohort = (await deps.cohorts.get(ref.cohortId))?.value;
  const application = (await deps.applications.get(ref.cohortId, ref.applicationId))?.value;
  if (!cohort || !application) return err(domainError('NOT_FOUND', 'no such application'));
  if (!cohort.jurorIds.includes(jurorId)) return err(domainError('NOT_ALLOWED', 'not a juror of this cohort'));
  if (cohort.juryRound === 'locked') return err({ code: 'ROUND_LOCKED' });
  if (cohort.juryRound !== 'open' || application.state !== 'inReview') return err({ code: 'ROUND_NOT_OPEN' });
  return ok({ cohort, application });
}

/**
 * A juror scores (or revises their score for) an application. A juror who is part of the application is
 * recused automatically; a score sent twice counts once (one document per juror and application).
 */
export async function scoreApplication(
  deps: JuryDeps,
  jurorId: string,
  ref: ApplicationRef,
  values: Readonly<Record<string, number>>,
  comment: string,
): Promise<JuryResult<{ score: JurorScore; changed: boolean }>> {
  const access = await jurorAccess(deps, jurorId, ref);
  if (!access.ok) return access;
  const { cohort, application } = access.value;
  const recused = await recusalOf(deps, jurorId, ref);
  if (recused) return err({ code: 'RECUSED', automatic: recused.automatic, reason: recused.reason });
  const conflict = conflictOf(application, jurorId);
  if (conflict) {
    await recordRecusal(deps, application, jurorId, conflict, true);
    return err({ code: 'RECUSED', automatic: true, reason: conflict });
  }
  const problems = validateScore(values, criteriaOf(cohort));
  if (problems.length > 0) return err({ code: 'INVALID_SCORE', problems });
  // Read, compare, write guarded by the version read: of identical scores sent at once one is stored (with one
  // audit event) and the others find it there; a different score sent at the same time is decided again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const previous = await deps.jury.scoreOf(ref.cohortId, ref.applicationId, jurorId);
    if (previous && sameScore(previous.value, values, comment)) return ok({ score: previous.value, changed: false });
    const now = deps.clock.now().toISOString();
    const score: JurorScore = { cohortId: ref.cohortId, applicationId: ref.applicationId, jurorId, values, ...(comment ? { comment } : {}), at: now };
    try {
      await deps.jury.saveScore(score, auditFor(application, application, 'scored', { id: jurorId, kind: 'juror' }, now, deps.ids.uuid()), previous?.etag);
      return ok({ score, changed: true });
    } catch (e) {
      if (!(e instanceof AlreadyExists) && !(e instanceof ConcurrencyConflict)) throw e;
    }
  }
  return err(domainError('CONCURRENCY_CONFLICT', `score of ${jurorId} for ${ref.applicationId} kept changing`));
}

function sameScore(stored: JurorScore, values: Readonly<Record<string, number>>, comment: string): boolean {
  const keys = Object.keys(values);
  return Object.keys(stored.values).length === keys.length && keys.every((k) => stored.values[k] === values[k]) && (stored.comment ?? '') === comment;
}

async function recusalOf(deps: JuryDeps, jurorId: string, ref: ApplicationRef): Promise<JurorRecusal | undefined> {
  return (await deps.jury.recusals(ref.cohortId)).find((r) => r.applicationId === ref.applicationId && r.jurorId === jurorId);
}

async function recordRecusal(deps: JuryDeps, application: Application, jurorId: string, reason: string, automatic: boolean): Promise<void> {
  const now = deps.clock.now().toISOString();
  try {
    await deps.jury.saveRecusal(
      { cohortId: application.cohortId, applicationId: application.id, jurorId, reason, automatic, at: now },
      auditFor(application, application, 'recused', { id: automatic ? 'system' : jurorId, kind: automatic ? 'system' : 'juror' }, now, deps.ids.uuid(), reason),
    );
  } catch (e) {
    if (!(e instanceof AlreadyExists)) throw e;
  }
}

/** A juror stands aside from an application, with a reason kept in the audit trail. */
export async function recuseFromApplication(deps: JuryDeps, jurorId: string, ref: ApplicationRef, reason: string): Promise<JuryResult<{ recused: true }>> {
  const access = await jurorAccess(deps, jurorId, ref);
  if (!access.ok) return access;
  await recordRecusal(deps, access.value.application, jurorId, reason, false);
  return ok({ recused: true });
}

export interface RankingView {
  readonly cohort: Cohort;
  readonly rows: readonly (RankingRow & { readonly application: Application })[];
  /** Per juror, the applications they have neither scored nor recused from. */
  readonly missing: Readonly<Record<string, readonly string[]>>;
  readonly selectedCount: number;
}

/** The ranking for coordinators: scores, spread, counts, ties, and who has not scored what. */
export async function rankingOf(deps: JuryDeps, coordinatorId: string): Promise<JuryResult<RankingView>> {
  if (!(await isCoordinator(deps, coordinatorId))) return err(domainError('NOT_ALLOWED', 'coordinators only'));
  const current = await currentCohort(deps);
  if (!current) return err(domainError('NOT_FOUND', 'no cohort'));
  const cohort = current.value;
  const applications = (await deps.applications.listByCohort(cohort.id)).filter((a) => ['inReview', 'selected', 'waitlisted', 'notSelected'].includes(a.state));
  const [scores, recusals] = await Promise.all([deps.jury.scores(cohort.id), deps.jury.recusals(cohort.id)]);
  const ids = applications.map((a) => a.id);
  const rows = rank({ applicationIds: ids, criteria: criteriaOf(cohort), scores, recusals, quorum: cohort.quorum ?? DEFAULT_QUORUM, normalise: cohort.normalise ?? false });
  const byId = new Map(applications.map((a) => [a.id, a]));
  return ok({
    cohort,
    rows: rows.flatMap((r) => {
      const application = byId.get(r.applicationId);
      return application ? [{ ...r, application }] : [];
    }),
    missing: missingScores(ids, cohort.jurorIds, scores, recusals),
    selectedCount: applications.filter((a) => a.state === 'selected').length,
  });
}

/** The coordinator records the selection for one application, with feedback the applicant gets at the lock. */
export async function decideSelection(
  deps: JuryDeps,
  coordinatorId: string,
  ref: ApplicationRef,
  decision: SelectionDecision['decision'],
  feedback: string,
): Promise<JuryResult<{ application: Application; selectedCount: number; overCapacity: boolean }>> {
  if (!(await isCoordinator(deps, coordinatorId))) return err(domainError('NOT_ALLOWED', 'coordinators only'));
  const cohort = (await deps.cohorts.get(ref.cohortId))?.value;
  if (!cohort) return err(domainError('NOT_FOUND', 'no cohort'));
  if (cohort.selectionLockedAt) return err({ code: 'ROUND_LOCKED' });
  const event: ApplicationEvent = decision === 'selected' ? 'select' : decision === 'waitlisted' ? 'waitlist' : 'notSelect';
  const done = await mutate(deps, ref, (current, now) => {
    const t = applyEvent(current, event, { id: coordinatorId, kind: 'coordinator' }, now, deps.ids.uuid(), feedback || undefined);
    if (!t.ok) return t;
    const selection: SelectionDecision = { decision, feedback, decidedBy: coordinatorId, decidedAt: now.toISOString() };
    return ok({ application: { ...t.value.application, selection }, audit: t.value.audit, notifications: [] });
  });
  if (!done.ok) return err(asDomainError(done.error));
  const selected = (await deps.applications.listByCohort(ref.cohortId)).filter((a) => a.state === 'selected').length;
  return ok({ application: done.value.application.value, selectedCount: selected, overCapacity: selected > cohort.capacity });
}

/**
 * Locks the selection: every applicant with a decision is told in their language (selected with next steps,
 * waitlisted, or not selected with the feedback), and the managers and the HR contact of each selected
 * participant learn that the leave starts with the programme. Runs once (idempotent keys).
 */
export async function lockSelection(deps: JuryDeps, coordinatorId: string): Promise<JuryResult<{ told: number }>> {
  if (!(await isCoordinator(deps, coordinatorId))) return err(domainError('NOT_ALLOWED', 'coordinators only'));
  const current = await currentCohort(deps);
  if (!current) return err(domainError('NOT_FOUND', 'no cohort'));
  const cohort = current.value.selectionLockedAt ? current.value : (await deps.cohorts.save({ ...current.value, selectionLockedAt: deps.clock.now().toISOString(), juryRound: 'locked' }, current.etag)).value;
  const settings = (await deps.settings.get())?.value;
  const decided = (await deps.applications.listByCohort(cohort.id)).filter((a) => a.selection && ['selected', 'waitlisted', 'notSelected'].includes(a.state));
  const notifications: Notification[] = decided.flatMap((a) => {
    const key = `${cohort.id}/selection/${a.id}`;
    const team = [a.applicantId, ...a.coApplicants.filter((c) => c.status === 'confirmed').map((c) => c.personId)];
    const base = { cohortId: a.cohortId, applicationId: a.id };
    const toTeam = team.map((recipientId): Notification => ({ ...base, idempotencyKey: `${key}/outcome/${recipientId}`, kind: 'selectionOutcome', recipientId, payload: { decision: a.selection?.decision ?? '' } }));
    if (a.state !== 'selected') return toTeam;
    const managers = a.approvals.map((p) => p.decidedBy ?? p.managerId).concat(a.approvals.flatMap(decidersOf));
    const hr = a.about ? settings?.hrContactIds[a.about.municipality] : undefined;
    const toLine = [...new Set([...managers, ...(hr ? [hr] : [])])].map((recipientId): Notification => ({ ...base, idempotencyKey: `${key}/leave/${recipientId}`, kind: 'leaveStarts', recipientId, payload: { programmeStartsOn: cohort.programmeStartsOn } }));
    return [...toTeam, ...toLine];
  });
  await deps.outbox.enqueue(notifications, deps.clock.now());
  return ok({ told: notifications.length });
}

/** `påminn jury`: each juror with applications left to score gets a reminder listing them. */
export async function remindJury(deps: JuryDeps, coordinatorId: string): Promise<JuryResult<{ reminded: number }>> {
  const view = await rankingOf(deps, coordinatorId);
  if (!view.ok) return view;
  const now = deps.clock.now();
  const due = Object.entries(view.value.missing).filter(([, apps]) => apps.length > 0);
  await deps.outbox.enqueue(due.map(([jurorId]) => cohortNotice(view.value.cohort, 'juryReminder', jurorId, `${view.value.cohort.id}/remind/${jurorId}/${now.toISOString()}`)), now);
  return ok({ reminded: due.length });
}

/** `att bedöma`: the applications in review for this juror, with their own state for each. */
export async function reviewsOf(deps: JuryDeps, jurorId: string): Promise<{ cohort: Cohort; items: { application: Application; state: 'todo' | 'scored' | 'recused' }[] } | null> {
  const current = await currentCohort(deps);
  if (!current || !current.value.jurorIds.includes(jurorId)) return null;
  const cohort = current.value;
  const [applications, scores, recusals] = await Promise.all([deps.applications.listByCohort(cohort.id), deps.jury.scores(cohort.id), deps.jury.recusals(cohort.id)]);
  const items = applications
    .filter((a) => a.state === 'inReview')
    .map((application) => ({
      application,
      state: recusals.some((r) => r.applicationId === application.id && r.jurorId === jurorId) || conflictOf(application, jurorId)
        ? ('recused' as const)
        : scores.some((s) => s.applicationId === application.id && s.jurorId === jurorId)
          ? ('scored' as const)
          : ('todo' as const),
    }));
  return { cohort, items };
}
