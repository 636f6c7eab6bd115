import { madeForTests } from '../helpers/made-for-tests';

/**
 * The opening every contract suite shares: a describe block named `title`, its subject made by `make` before the
 * tests (once for all of them, or afresh for each) and, with `done`, let go after them. `tests` declares the tests;
 * they read the subject through the function it is given, inside a test.
 */
export function contractSuite<T>(
  title: string,
  make: () => Promise<T>,
  { scope, done }: { scope: 'all' | 'each'; done?: (made: T) => Promise<void> | undefined },
  tests: (subject: () => T) => void,
): void {
  describe(title, () => tests(madeForTests(scope, make, done)));
}
