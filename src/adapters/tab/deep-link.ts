import { TAB_ENTITY_ID } from './contract';

/** A link into the tab at one view (its subEntityId): a Teams deep link in Teams, the local page under `npm start`. */
export type TabLink = (subEntityId: string) => string;

/** The tab's view of one approval, one application to score, or the person's own application. */
export const tabViews = {
  application: () => 'application',
  approval: (ref: { cohortId: string; applicationId: string; memberId: string }) => `approvals/${ref.cohortId}/${ref.applicationId}/${ref.memberId}`,
  review: (ref: { cohortId: string; applicationId: string }) => `reviews/${ref.cohortId}/${ref.applicationId}`,
  report: () => 'report',
  myData: () => 'myData',
  privacy: () => 'privacy',
} as const;

/** Teams' deep link to the personal tab (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-application). */
export function teamsTabLink(teamsAppId: string): TabLink {
  return (subEntityId) => `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${TAB_ENTITY_ID}?context=${encodeURIComponent(JSON.stringify({ subEntityId }))}`;
}

/** The local tab (no Teams to deep link into): the page reads `?view=` as Teams would hand it the subEntityId. */
export function localTabLink(baseUrl: () => string): TabLink {
  return (subEntityId) => `${baseUrl()}/tab/?view=${encodeURIComponent(subEntityId)}`;
}
