import { RECOMMEND_REFUSALS, REASON_MAX, type RecommendRefusal } from '../domain/recommendation';
import type { Messages } from './sv';

/** The names a refusal is told with (the chat makes them plain first; the tab shows them as text). */
export interface RefusalFacts {
  readonly personName?: string;
  readonly cohortName?: string;
  readonly email?: string;
}

/** The sentence for a refused recommendation, in the chat and in the tab alike; undefined for a reason we do not know. */
export function recommendRefusalText(reason: string | undefined, facts: RefusalFacts, m: Messages): string | undefined {
  const r = m.recommend.refused;
  const code = RECOMMEND_REFUSALS.find((x): x is RecommendRefusal => x === reason);
  const person = facts.personName ?? '';
  const cohort = facts.cohortName ?? '';
  switch (code) {
    case 'self':
      return r.self;
    case 'notYourReport':
      return r.notYourReport(facts.email ?? '');
    case 'noCohort':
      return r.noCohort;
    case 'alreadyRecommended':
      return r.alreadyRecommended(person, cohort);
    case 'alreadyApplied':
      return r.alreadyApplied(person, cohort);
    case 'reasonMissing':
      return r.reasonMissing;
    case 'reasonTooLong':
      return r.reasonTooLong(REASON_MAX);
    case undefined:
      return undefined;
  }
}
