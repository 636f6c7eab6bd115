import { randomUUID } from 'node:crypto';

/**
 * A value as a document store gives it back: a JSON round trip, so undefined properties are gone and the caller's
 * object is never shared with what is stored (as with Cosmos, a later change to either does not reach the other).
 */
export function stored<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A new version for a write (Cosmos' `_etag`: opaque, different on every write). */
export const newEtag = (): string => randomUUID();

/** Like a request to a store, this answers after the event loop has turned: racing callers interleave. */
export const aTurn = (): Promise<void> => new Promise(setImmediate);
