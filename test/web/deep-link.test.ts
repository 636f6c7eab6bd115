import { tabViews } from '../../src/adapters/tab/deep-link';
import { firstView, parseTarget } from '../../web/src/deep-link';

/** The page reads the deep links the server makes (src/adapters/tab/deep-link.ts), and nothing else. */
describe('where the tab opens', () => {
  const approval = { cohortId: 'pilot-1', applicationId: 'A-7K3QX2', memberId: '00000000-0000-4000-8000-000000000001' };
  const review = { cohortId: 'pilot-1', applicationId: 'A-7K3QX2' };

  it.each([
    [tabViews.application(), { view: 'application' }],
    ['approvals', { view: 'approvals' }],
    ['reviews', { view: 'reviews' }],
    [tabViews.review(review), { view: 'reviews', review }],
    [tabViews.approval(approval), { view: 'approvals', approval }],
  ])('%s', (link, target) => {
    expect(parseTarget(link)).toEqual(target);
  });

  it.each(['overview', 'applications', 'ranking', 'jury', 'programme', 'criteria', 'report'])('?view=%s', (view) => {
    expect(parseTarget(view)).toEqual({ view });
  });

  it.each([
    [null, {}],
    ['', {}],
    ['admin', {}],
    ['reviews/Pilot 1/A-7K3QX2', { view: 'reviews' }],
    ['reviews/pilot-1/not-an-id', { view: 'reviews' }],
    ['reviews/pilot-1/A-7K3QX2/extra/more', {}],
    ['approvals/pilot-1/A-7K3QX2', { view: 'approvals' }],
    ['approvals/pilot-1/A-7K3QX2/<script>', { view: 'approvals' }],
  ])('%j opens no more than it can vouch for', (link, target) => {
    expect(parseTarget(link)).toEqual(target);
  });

  it("opens the view asked for only when it is the person's", () => {
    expect(firstView(['application', 'reviews'], 'reviews')).toBe('reviews');
    expect(firstView(['application'], 'approvals')).toBe('application');
    expect(firstView(['application', 'approvals'], undefined)).toBe('application');
    expect(firstView([], 'reviews')).toBeUndefined();
    // The steering group's deep link to the report (the chat's `rapport` card); a coordinator's view is not hers.
    expect(firstView(['application', 'report'], 'report')).toBe('report');
    expect(firstView(['application', 'report'], 'ranking')).toBe('application');
  });
});
