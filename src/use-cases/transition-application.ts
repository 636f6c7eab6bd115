import { applyEvent, type Actor } from '../domain/application.lifecycle';
import type { Application } from '../domain/application';
import type { ApplicationEvent } from '../domain/application.state-machine';
import { ConcurrencyConflict, domainError, type DomainError } from '../domain/errors';
import type { ApplicationRepository, Clock, IdGenerator, Versioned } from '../domain/ports';
import { err, type Result } from '../domain/result';

export interface TransitionDeps {
  readonly applications: ApplicationRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export interface TransitionRequest {
  readonly cohortId: string;
  readonly applicationId: string;
  readonly event: ApplicationEvent;
  readonly actor: Actor;
  readonly reason?: string;
}

const MAX_ATTEMPTS = 3;

/**
 * Load -> domain transition -> save with the ETag, writing the audit event in the same batch.
 * On a lost race the application is read again and the event re-decided against the fresh state, so
 * two clicks at once end in one transition and one audit event: the loser sees ILLEGAL_TRANSITION
 * (the state has moved on) rather than a silent double write.
 */
export async function transitionApplication(
  deps: TransitionDeps,
  request: TransitionRequest,
): Promise<Result<Versioned<Application>, DomainError>> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const current = await deps.applications.get(request.cohortId, request.applicationId);
    if (!current) return err(domainError('NOT_FOUND', `application ${request.applicationId} not found`));
    const outcome = applyEvent(current.value, request.event, request.actor, deps.clock.now(), deps.ids.uuid(), request.reason);
    if (!outcome.ok) return outcome;
    try {
      const saved = await deps.applications.update({ application: outcome.value.application, previous: current, audit: outcome.value.audit });
      return { ok: true, value: saved };
    } catch (e) {
      if (!(e instanceof ConcurrencyConflict)) throw e;
    }
  }
  return err(domainError('CONCURRENCY_CONFLICT', `application ${request.applicationId} kept changing`));
}
