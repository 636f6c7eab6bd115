import type { Application } from '../../domain/application';
import type { Cohort } from '../../domain/cohort';
import { domainError, type DomainError } from '../../domain/errors';
import { isCoordinator } from '../resolve-roles';
import { SYSTEM_RECIPIENT, type Notification } from '../../domain/notification';
import type { ApplicationRepository, Clock, CohortRepository, Directory, IdGenerator, JuryRepository, OutboxStore, SettingsRepository } from '../../domain/ports';
import { err, ok, type Result } from '../../domain/result';

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

export async function coordinatorOnly(deps: Pick<ProgrammeDeps, 'settings'>, personId: string): Promise<ProgrammeResult<true>> {
  return (await isCoordinator(deps, personId)) ? ok(true) : err(domainError('NOT_ALLOWED', 'coordinators only'));
}

export const cohortNote = (cohort: Cohort, kind: Notification['kind'], recipientId: string, key: string, payload: Record<string, string> = {}): Notification => ({
  idempotencyKey: key,
  kind,
  recipientId,
  cohortId: cohort.id,
  applicationId: '',
  payload: { cohortName: cohort.name, ...payload },
});

/** The job that closes intake at the deadline; keyed by the deadline so a moved deadline gets its own job. */
export const closeJob = (cohort: Cohort): Notification => ({ ...cohortNote(cohort, 'intakeClose', SYSTEM_RECIPIENT, `${cohort.id}/close/${cohort.intakeClosesAt}`), dueAt: cohort.intakeClosesAt });

export const teamOf = (a: Application) => [a.applicantId, ...a.coApplicants.filter((c) => c.status === 'confirmed').map((c) => c.personId)];
