import type { Container } from '@azure/cosmos';
import { ABORTED, untilAborted } from '../until-aborted';
import { statusOf } from './errors';

/**
 * How long the read-back after an ambiguous write may take in all. A turn answers within Teams' 15 s, and the
 * write may already have taken the client's 10 s request timeout; the read-back is a point read or two.
 */
export const READ_BACK_DEADLINE_MS = 3000;

/**
 * Whether a failed write may nonetheless have been applied: no HTTP answer at all (connection reset, socket hang
 * up, the client's timeout), 408 (timed out in the service), 449 (retry with) or any 5xx. A 4xx other than those,
 * a 429 included, is an answer that the write was not done. @azure/cosmos rethrows every failed transactional
 * batch as a plain Error without its status ("Batch request error: ..."), so a thrown batch is always read back;
 * a batch's refused guard (409, 412) is not thrown but comes back in its results.
 */
export function ambiguous(e: unknown): boolean {
  const status = statusOf(e);
  return status === undefined || status === 408 || status === 449 || status >= 500;
}

/** JSON with every object's keys sorted: equal values give equal text whatever the order of their keys. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * Whether a stored document is the body we wrote: the same JSON once Cosmos' system properties (`_etag`, `_ts`,
 * `_rid`, ...) are set aside. Our documents have no property of their own that starts with an underscore.
 */
export function sameDocument(stored: unknown, written: object): boolean {
  if (stored === null || typeof stored !== 'object') return false;
  const own = Object.fromEntries(Object.entries(stored as Record<string, unknown>).filter(([k]) => !k.startsWith('_')));
  return canonical(own) === canonical(JSON.parse(JSON.stringify(written)));
}

/** A point read for a read-back: the document, or undefined when there is none. */
export type PointRead = (container: Container, id: string, partitionKey: string) => Promise<Record<string, unknown> | undefined>;

/**
 * After a write failed: when the failure is ambiguous, `landed` reads the store back (point reads, all cut off at
 * `deadlineMs`) and returns what the write gave if it finds the write there, or undefined if not. The write's own
 * error is thrown when the failure was not ambiguous, when the write is not there, and when the read-back fails
 * or takes too long: only a write seen in the store becomes a success.
 */
export async function settleAmbiguousWrite<T>(error: unknown, landed: (read: PointRead) => Promise<T | undefined>, deadlineMs = READ_BACK_DEADLINE_MS): Promise<T> {
  if (!ambiguous(error)) throw error;
  const signal = AbortSignal.timeout(deadlineMs);
  const read: PointRead = async (container, id, partitionKey) => {
    const { resource } = await container.item(id, partitionKey).read<Record<string, unknown>>({ abortSignal: signal });
    return resource ?? undefined;
  };
  // The answer does not wait for the SDK to notice the abort (it may be between retries of the read).
  const found = await untilAborted(landed(read).catch(() => undefined), signal);
  if (found === undefined || found === ABORTED) throw error;
  return found;
}
