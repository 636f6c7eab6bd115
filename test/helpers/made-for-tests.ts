/**
 * Something the tests of the enclosing describe block (or file) share, made by jest hooks: by `make` before them
 * (once for all, or afresh for each), let go by `dispose` after them. Call what it returns inside a test.
 */
export function madeForTests<T>(scope: 'all' | 'each', make: () => Promise<T>, dispose?: (made: T) => Promise<void> | undefined): () => T {
  let made: T | undefined;
  const [start, stop] = scope === 'each' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  start(async () => {
    made = await make();
  });
  if (dispose) stop(async () => {
    if (made !== undefined) await dispose(made);
  });
  return () => {
    if (made === undefined) throw new Error('made only for the tests: read it inside a test');
    return made;
  };
}
