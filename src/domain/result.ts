import type { DomainError } from './errors';

/** Expected outcomes are values (ARCHITECTURE.md, habit 5): a use case returns Ok or Err, never throws for them. */
export type Result<T, E = DomainError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
