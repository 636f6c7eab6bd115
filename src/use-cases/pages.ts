import type { Application } from '../domain/application';
import type { ApplicationFilter, ApplicationRepository, Versioned } from '../domain/ports';

/** How many applications a fan-out reads at a time: one page in memory, whatever the cohort's size. */
export const FAN_OUT_PAGE = 100;

/**
 * Calls `each` for every page of the cohort's applications that `filter` keeps, one page at a time. The next page
 * starts after the last id read, so applications that `each` moves out of the filter are neither skipped nor seen twice.
 */
export async function forEachPage(applications: Pick<ApplicationRepository, 'page'>, cohortId: string, filter: ApplicationFilter, each: (page: readonly Versioned<Application>[]) => Promise<void>): Promise<void> {
  let after: string | undefined;
  do {
    const page = await applications.page(cohortId, filter, FAN_OUT_PAGE, after);
    if (page.items.length > 0) await each(page.items);
    after = page.next;
  } while (after !== undefined);
}

/**
 * Runs `each` over `items` with at most `limit` running at once, in order of start, and waits for all: a fan-out
 * with a bounded number of requests in flight. The first failure is thrown once every started call has ended.
 */
export async function inParallel<T>(items: readonly T[], limit: number, each: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await each(item);
      } catch (e) {
        failures.push(e);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failures.length > 0) throw failures[0];
}

/** `items` cut into runs of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
