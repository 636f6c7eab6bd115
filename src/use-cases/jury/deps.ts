import type { Cohort } from '../../domain/cohort';
import { type DomainError } from '../../domain/errors';
import type { Notification } from '../../domain/notification';
import type { ApplicationRepository, Clock, CohortRepository, Directory, IdGenerator, JuryRepository, OutboxStore, SettingsRepository, Versioned } from '../../domain/ports';
import { type Result } from '../../domain/result';
import { type ScoreProblem } from '../../domain/scoring';

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

export const cohortNotice = (cohort: Cohort, kind: Notification['kind'], recipientId: string, key: string): Notification => ({
  idempotencyKey: key,
  kind,
  recipientId,
  cohortId: cohort.id,
  applicationId: '',
  payload: { cohortName: cohort.name },
});

export async function setRound(deps: JuryDeps, cohort: Versioned<Cohort>, juryRound: 'open' | 'locked'): Promise<Versioned<Cohort>> {
  return deps.cohorts.save({ ...cohort.value, juryRound }, cohort.etag);
}
