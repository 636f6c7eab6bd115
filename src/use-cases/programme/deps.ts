import type { Cohort } from '../../domain/cohort';
import { domainError, type UseCaseResult } from '../../domain/errors';
import { aboutCohort, notify, SYSTEM_RECIPIENT, type Notification, type NotificationKind } from '../../domain/notification';
import type { ApplicationRepository, Clock, CohortRepository, Directory, FollowUpRepository, IdGenerator, JuryRepository, OutboxStore, SettingsRepository } from '../../domain/ports';
import { err, ok } from '../../domain/result';
import { currentCohort } from '../current-cohort';
import { isCoordinator } from '../resolve-roles';
import { isCoordinatorIn } from '../../domain/person';

/** What the programme's and the jury's use cases need: ports only. */
export interface ProgrammeDeps {
  readonly applications: ApplicationRepository;
  readonly cohorts: CohortRepository;
  readonly settings: SettingsRepository;
  readonly directory: Directory;
  readonly outbox: OutboxStore;
  readonly jury: JuryRepository;
  /** The follow-up rounds (uppföljning): who was asked, who answered, the answers without names. */
  readonly followUps: FollowUpRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** Coordinators only, decided from the stored programme settings before anything else is read. */
export async function coordinatorOnly(deps: Pick<ProgrammeDeps, 'settings'>, personId: string): Promise<UseCaseResult<true>> {
  return (await isCoordinator(deps, personId)) ? ok(true) : err(domainError('NOT_ALLOWED', 'coordinators only'));
}

/** A cohort named by id, or the one the programme works on now ('current', as the chat's commands have it). */
export type CohortChoice = string | 'current';

/** For coordinators only: the cohort asked for (the one the programme works on now by default), or why not. */
export async function coordinatorsCohort(deps: ProgrammeDeps, coordinatorId: string, which: CohortChoice = 'current'): Promise<UseCaseResult<Cohort>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  return cohortOf(deps, which);
}

/** The cohort asked for, or NOT_FOUND. */
export async function cohortOf(deps: Pick<ProgrammeDeps, 'cohorts' | 'clock'>, which: CohortChoice): Promise<UseCaseResult<Cohort>> {
  const found = which === 'current' ? await currentCohort(deps) : await deps.cohorts.get(which);
  return found ? ok(found.value) : err(domainError('NOT_FOUND', 'no cohort'));
}

/** Coordinators and the steering group read the programme's reports, decided from the stored programme settings. */
export async function reportReader(deps: Pick<ProgrammeDeps, 'settings'>, personId: string): Promise<UseCaseResult<true>> {
  const settings = (await deps.settings.get())?.value;
  return isCoordinatorIn(settings, personId) || settings?.steeringGroupIds.includes(personId) ? ok(true) : err(domainError('NOT_ALLOWED', 'coordinators and the steering group only'));
}

/** A message about a whole cohort, to each recipient once; every payload names the cohort. */
export const cohortNotes = (cohort: Cohort, kind: NotificationKind, recipients: readonly string[], key: string, payload: Record<string, string> = {}): Notification[] =>
  notify(aboutCohort(cohort), kind, recipients, key, { cohortName: cohort.name, ...payload });

/** The job that closes intake at the deadline; keyed by the deadline so a moved deadline gets its own job. */
export const closeJob = (cohort: Cohort): Notification[] => cohortNotes(cohort, 'intakeClose', [SYSTEM_RECIPIENT], `${cohort.id}/close/${cohort.intakeClosesAt}`).map((n) => ({ ...n, dueAt: cohort.intakeClosesAt }));
