import type { CriteriaProblem } from './criteria';
import type { RequiredPart } from './application';
import type { EligibilityFailure, EligibilityRule } from './eligibility';
import type { Result } from './result';
import type { ScoreProblem } from './scoring';

/**
 * Stable error codes. The Teams adapter maps each code to a sentence in the user's language
 * (src/i18n), so a code never changes meaning once shipped.
 */
export const ERROR_CODES = [
  'ILLEGAL_TRANSITION',
  'NOT_ALLOWED',
  'NOT_FOUND',
  'CONCURRENCY_CONFLICT',
  'ALREADY_EXISTS',
  'INVALID_INPUT',
  'NOT_EDITABLE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface DomainError {
  readonly code: ErrorCode;
  /** For logs and audit, in English; never shown to users as is. */
  readonly detail: string;
  readonly meta?: Readonly<Record<string, string>>;
}

export const domainError = (code: ErrorCode, detail: string, meta?: Record<string, string>): DomainError =>
  meta ? { code, detail, meta } : { code, detail };

/** A field the person must correct, with a stable code the card explains next to the field. */
export interface FieldError {
  readonly field: string;
  readonly code:
    | 'required'
    | 'tooShort'
    | 'tooLong'
    | 'invalid'
    | 'unknownPerson'
    | 'self'
    | 'tooMany'
    | 'duplicate'
    | 'rule'
    | 'notManager'
    | 'handOverNotManager'
    | 'tooManyInvitations'
    /** An address that is not an e-mail address, named in `facts.email`. */
    | 'notEmail'
    /** A check box that must be ticked. */
    | 'notChecked'
    /** A choice that must be made. */
    | 'notChosen';
  /** With code 'rule': the broken eligibility rule, explained like at submission. */
  readonly rule?: EligibilityRule;
  readonly facts?: Readonly<Record<string, string>>;
}

/**
 * The one catalogue of why a use case did not do what was asked. Every code is explained to the person in
 * their language by one table (adapters/teams/explain.ts), typed so that a code without a sentence does not compile.
 */
export type Refusal =
  | DomainError
  | { readonly code: 'INTAKE_CLOSED'; readonly nextOpensAt?: string }
  | { readonly code: 'FIELDS'; readonly fields: readonly FieldError[] }
  | { readonly code: 'NOT_ELIGIBLE'; readonly failures: readonly { readonly personName: string; readonly failure: EligibilityFailure }[] }
  | { readonly code: 'INCOMPLETE'; readonly missing: readonly RequiredPart[] }
  | { readonly code: 'CO_APPLICANTS_PENDING'; readonly names: readonly string[] }
  /** Nobody can decide for these members (no manager in the directory and no HR contact). */
  | { readonly code: 'NO_DECIDER'; readonly names: readonly string[] }
  /** The manager the applicant named is not a manager in the directory (any more). */
  | { readonly code: 'NAMED_MANAGER_NOT_MANAGER'; readonly name: string }
  /** An expense larger than what is left of the team's budget. */
  | { readonly code: 'OVERSPEND'; readonly remainingOre: number }
  /** One field of a coordinator's command or card is wrong (a person not found, a team that cannot be joined). */
  | { readonly code: 'FIELD'; readonly field: string; readonly reason: string }
  /** The person is not on the cohort's jury. */
  | { readonly code: 'NOT_JUROR' }
  | { readonly code: 'ROUND_NOT_OPEN' }
  | { readonly code: 'ROUND_LOCKED' }
  | { readonly code: 'RECUSED'; readonly automatic: boolean; readonly reason: string }
  | { readonly code: 'INVALID_SCORE'; readonly problems: readonly ScoreProblem[] }
  /** The cohort's criteria can no longer change: its jury round has opened. */
  | { readonly code: 'CRITERIA_LOCKED' }
  | { readonly code: 'INVALID_CRITERIA'; readonly problems: readonly CriteriaProblem[] };

export type RefusalCode = Refusal['code'];

/** What every use case answers: the result, or a refusal from the catalogue. */
export type UseCaseResult<T> = Result<T, Refusal>;

/**
 * Thrown only by adapters when a write lost an optimistic-concurrency race (Cosmos 412).
 * Use cases catch it and retry or turn it into the CONCURRENCY_CONFLICT value.
 */
export class ConcurrencyConflict extends Error {
  readonly code = 'CONCURRENCY_CONFLICT' as const;
  constructor(readonly entity: string, readonly id: string) {
    super(`${entity} ${id} was changed by someone else`);
    this.name = 'ConcurrencyConflict';
  }
}

/** Thrown by adapters when a create collides with an existing document (Cosmos 409). */
export class AlreadyExists extends Error {
  readonly code = 'ALREADY_EXISTS' as const;
  constructor(readonly entity: string, readonly id: string) {
    super(`${entity} ${id} already exists`);
    this.name = 'AlreadyExists';
  }
}
