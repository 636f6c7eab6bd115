import type { Clock, IdGenerator } from '../../src/domain/ports';

/** A clock that stands still until the test moves it (`advance`, or set `t`, in ms since the epoch). */
export class ManualClock implements Clock {
  constructor(public t: number) {}
  now = () => new Date(this.t);
  advance(ms: number) {
    this.t += ms;
  }
}

/**
 * Ids in the order they are asked for: `uuid()` gives well-formed UUIDs (…-000000000001, …-000000000002, …) and
 * `shortId('A')` gives "A-1", "A-2", … (the shapes of domain/ids.ts), one counter for both, so no two ever clash.
 */
export class SequentialIds implements IdGenerator {
  private n = 0;
  uuid() {
    return `00000000-0000-4000-8000-${String(++this.n).padStart(12, '0')}`;
  }
  shortId(prefix: string) {
    return `${prefix}-${(++this.n).toString(32).toUpperCase()}`;
  }
}
