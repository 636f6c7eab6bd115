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
