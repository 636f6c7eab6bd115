import type { Application } from './application';

/**
 * What the coordinators' table of applications sorts, filters and searches by, derived from the application alone
 * so the store can keep it beside the document and answer a page of any order from an index (ADR 0013). Pure.
 */

/** Whose move it is: the applicant's (a draft, changes asked for), co-applicants' answers, a manager's, the HR contact's (escalated), the jury's. */
export const WAITING_FOR = ['applicant', 'coApplicants', 'manager', 'hrContact', 'jury'] as const;
export type WaitingFor = (typeof WAITING_FOR)[number];

export function waitingForOf(a: Application): WaitingFor | undefined {
  switch (a.state) {
    case 'draft':
      return a.coApplicants.some((c) => c.status === 'invited') ? 'coApplicants' : 'applicant';
    case 'changesRequested':
      return 'applicant';
    case 'awaitingManager':
      return a.approvals.some((x) => x.status === 'pending' && !x.escalatedTo) ? 'manager' : 'hrContact';
    case 'inReview':
      return 'jury';
    default:
      return undefined;
  }
}

/** The longest search text: a name is at most LIMITS.title.max; every operation on it is linear. */
export const SEARCH_MAX = 100;

/** How titles and searches are compared: lower case, single spaces (å, ä and ö stay letters of their own). */
export function searchKey(text: string): string {
  return text.slice(0, 200).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The sort and filter keys of one application; every key has a value, so an order by it never drops a row. */
export interface ListKeys {
  readonly title: string;
  readonly submittedAt: string;
  readonly municipality: string;
  readonly administration: string;
  /** The lead applicant and the co-applicants who have not said no. */
  readonly teamSize: number;
  readonly waitingFor: WaitingFor | '';
  /** The jury's mean so far; -1 before any score (sorts below every score). */
  readonly score: number;
}

export function listKeysOf(a: Application): ListKeys {
  const count = a.jury?.count ?? 0;
  return {
    title: searchKey(a.idea?.title ?? ''),
    submittedAt: a.submittedAt ?? '',
    municipality: a.about?.municipality ?? '',
    administration: searchKey(a.about?.administration ?? ''),
    teamSize: 1 + a.coApplicants.filter((c) => c.status !== 'declined').length,
    waitingFor: waitingForOf(a) ?? '',
    score: count > 0 && a.jury ? a.jury.mean : -1,
  };
}
