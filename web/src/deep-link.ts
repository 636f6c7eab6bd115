import { TAB_VIEWS, type ApplicationRef, type TabView } from '../../src/adapters/tab/contract';

/** Where the tab opens: a view, and for 'reviews' perhaps one application. */
export interface Target {
  readonly view?: TabView;
  readonly review?: ApplicationRef;
}

const ID = /^[0-9A-Za-z-]{1,64}$/;

/**
 * Reads a deep link's sub-entity id (Teams `page.subPageId`), or the local `?view=` parameter, which take the same
 * form: `application`, `approvals`, `reviews`, `home` or `reviews/<cohortId>/<applicationId>`. Anything else opens
 * the first view the person has.
 */
export function parseTarget(raw: string | null | undefined): Target {
  if (!raw) return {};
  const parts = raw.trim().split('/');
  const [view, cohortId, applicationId] = parts;
  if (!view || !(TAB_VIEWS as readonly string[]).includes(view)) return {};
  if (view === 'reviews' && parts.length === 3 && cohortId && applicationId && ID.test(cohortId) && ID.test(applicationId)) {
    return { view, review: { cohortId, applicationId } };
  }
  return { view: view as TabView };
}

/** The view to show first: the one asked for when the person has it, else their first. */
export function firstView(views: readonly TabView[], asked: TabView | undefined): TabView | undefined {
  if (asked && views.includes(asked)) return asked;
  // 'home' and 'application' show the same page: a deep link to one opens the other when only that one is there.
  if (asked === 'application' && views.includes('home')) return 'home';
  if (asked === 'home' && views.includes('application')) return 'application';
  return views[0];
}
