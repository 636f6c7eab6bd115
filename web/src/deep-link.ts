import { TAB_VIEWS, type ApplicationRef, type ApprovalRef, type TabView } from '../../src/adapters/tab/contract';
import { isApplicationId, isCohortId, isPersonId } from '../../src/domain/ids';

/** Where the tab opens: a view, and perhaps one application to score or one decision to make in it. */
export interface Target {
  readonly view?: TabView;
  readonly review?: ApplicationRef;
  readonly approval?: ApprovalRef;
}

/**
 * Reads a deep link's sub-entity id (Teams `page.subPageId`), or the local `?view=` parameter, which take the same
 * forms (src/adapters/tab/deep-link.ts makes them): `application`, `approvals`, `reviews`,
 * `reviews/<cohortId>/<applicationId>` or `approvals/<cohortId>/<applicationId>/<memberId>`. Anything else opens
 * the person's first view.
 */
export function parseTarget(raw: string | null | undefined): Target {
  if (!raw) return {};
  const [view, cohortId, applicationId, memberId, ...rest] = raw.trim().split('/');
  if (!view || !(TAB_VIEWS as readonly string[]).includes(view) || rest.length > 0) return {};
  const tabView = view as TabView;
  if (cohortId === undefined) return { view: tabView };
  if (!isCohortId(cohortId) || !isApplicationId(applicationId)) return { view: tabView };
  if (tabView === 'reviews' && memberId === undefined) return { view: tabView, review: { cohortId, applicationId } };
  if (tabView === 'approvals' && isPersonId(memberId)) return { view: tabView, approval: { cohortId, applicationId, memberId } };
  return { view: tabView };
}

/** The view to show first: the one asked for when the person has it, else their first. */
export function firstView(views: readonly TabView[], asked: TabView | undefined): TabView | undefined {
  if (asked && views.includes(asked)) return asked;
  // 'home' and 'application' show the same page: a deep link to one opens the other when only that one is there.
  if (asked === 'application' && views.includes('home')) return 'home';
  if (asked === 'home' && views.includes('application')) return 'application';
  return views[0];
}
