import { localTabLink, tabViews, teamsTabLink } from '../../src/adapters/tab/deep-link';
import { TAB_ENTITY_ID } from '../../src/adapters/tab/contract';

/** Issue 14: cards link into the tab — a Teams deep link to the personal tab's entity with the view as subEntityId. */
describe('links into the tab', () => {
  const approval = tabViews.approval({ cohortId: 'pilot-1', applicationId: 'A-X1', memberId: 'p-1' });

  it('in Teams, opens the app\'s personal tab at the view', () => {
    const url = new URL(teamsTabLink('66666666-7777-4888-8999-000000000000')(approval));
    expect(`${url.origin}${url.pathname}`).toBe(`https://teams.microsoft.com/l/entity/66666666-7777-4888-8999-000000000000/${TAB_ENTITY_ID}`);
    expect(JSON.parse(url.searchParams.get('context') ?? '')).toEqual({ subEntityId: 'approvals/pilot-1/A-X1/p-1' });
  });

  it('locally, opens the tab on this server with the view as the page reads it', () => {
    const url = new URL(localTabLink(() => 'http://127.0.0.1:3978')(tabViews.review({ cohortId: 'pilot-1', applicationId: 'A-X1' })));
    expect(url.pathname).toBe('/tab/');
    expect(url.searchParams.get('view')).toBe('reviews/pilot-1/A-X1');
    expect(tabViews.application()).toBe('application');
  });
});
