import type { Application } from '../domain/application';
import type { AuditEvent } from '../domain/audit-event';
import type { EligibilityFailure, EligibilityRule } from '../domain/eligibility';
import { ConcurrencyConflict, domainError, type DomainError } from '../domain/errors';
import type { Notification } from '../domain/notification';
import type { ApplicationRepository, Clock, Versioned } from '../domain/ports';
import { err, ok, type Result } from '../domain/result';

/** A field the applicant must correct, with a stable code the card explains next to the field. */
export interface FieldError {
  readonly field: string;
  readonly code: 'required' | 'tooShort' | 'tooLong' | 'invalid' | 'unknownPerson' | 'self' | 'tooMany' | 'duplicate' | 'rule' | 'notManager' | 'handOverNotManager' | 'tooManyInvitations';
  /** With code 'rule': the broken eligibility rule, explained like at submission. */
  readonly rule?: EligibilityRule;
  readonly facts?: Readonly<Record<string, string>>;
}

/** Why an intake action did not happen; every variant is explained to the person in their language. */
export type IntakeError =
  | DomainError
  | { readonly code: 'INTAKE_CLOSED'; readonly nextOpensAt?: string }
  | { readonly code: 'FIELDS'; readonly fields: readonly FieldError[] }
  | { readonly code: 'NOT_ELIGIBLE'; readonly failures: readonly { readonly personName: string; readonly failure: EligibilityFailure }[] }
  | { readonly code: 'INCOMPLETE'; readonly missing: readonly string[] }
  | { readonly code: 'CO_APPLICANTS_PENDING'; readonly names: readonly string[] }
  /** Nobody can decide for these members (no manager in the directory and no HR contact). */
  | { readonly code: 'NO_DECIDER'; readonly names: readonly string[] }
  /** The manager the applicant named is not a manager in the directory (any more). */
  | { readonly code: 'NAMED_MANAGER_NOT_MANAGER'; readonly name: string };

export type IntakeResult<T> = Result<T, IntakeError>;

export interface ApplicationRef {
  readonly cohortId: string;
  readonly applicationId: string;
}

export interface Change {
  readonly application: Application;
  readonly audit: AuditEvent | null;
  readonly notifications: readonly Notification[];
}

const MAX_ATTEMPTS = 3;

/**
 * Load -> decide -> save guarded by the ETag, deciding again on a lost race. `decide` sees the fresh
 * application every time and either returns the change or refuses.
 */
export async function mutate<T = Application>(
  deps: { readonly applications: ApplicationRepository; readonly clock: Clock },
  ref: ApplicationRef,
  decide: (current: Application, now: Date) => Promise<IntakeResult<Change & { result?: T }>> | IntakeResult<Change & { result?: T }>,
): Promise<IntakeResult<{ application: Versioned<Application>; result?: T }>> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const current = await deps.applications.get(ref.cohortId, ref.applicationId);
    if (!current) return err(domainError('NOT_FOUND', `application ${ref.applicationId} not found`));
    const decided = await decide(current.value, deps.clock.now());
    if (!decided.ok) return decided;
    try {
      const saved = await deps.applications.update(decided.value.application, current.etag, decided.value.audit, decided.value.notifications);
      return ok(decided.value.result === undefined ? { application: saved } : { application: saved, result: decided.value.result });
    } catch (e) {
      if (!(e instanceof ConcurrencyConflict)) throw e;
    }
  }
  return err(domainError('CONCURRENCY_CONFLICT', `application ${ref.applicationId} kept changing`));
}


/** An intake error where only a DomainError can come back (a mutation that never returns field errors). */
export function asDomainError(e: IntakeError): DomainError {
  return 'detail' in e ? e : domainError('INVALID_INPUT', e.code);
}
