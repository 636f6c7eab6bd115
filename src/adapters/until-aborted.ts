/** What `untilAborted` answers when the signal fired first. */
export const ABORTED = Symbol('aborted');

/**
 * The work's result, or ABORTED as soon as the signal fires, without waiting for the work to notice (an SDK
 * between retries, a request hanging): a deadline that holds whatever the library below does.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T | typeof ABORTED> {
  if (signal.aborted) return Promise.resolve(ABORTED);
  return new Promise<T | typeof ABORTED>((resolve, reject) => {
    const abandon = () => resolve(ABORTED);
    signal.addEventListener('abort', abandon, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abandon));
  });
}
