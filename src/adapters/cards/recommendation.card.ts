import type { Cohort } from '../../domain/cohort';
import type { Recommendation } from '../../domain/recommendation';
import type { Messages } from '../../i18n';
import { card, executeAction, heading, plain, text, title, userText, type AdaptiveCard } from './card-kit';
import { VERBS } from './verbs';

export interface RecommendationCardData {
  readonly recommendation: Recommendation;
  readonly cohort: Pick<Cohort, 'id' | 'name' | 'intakeOpensAt'>;
  /** When the intake has not opened yet: the card says when it does. */
  readonly opensLater: boolean;
}

/**
 * To the person recommended: who thinks their idea belongs in the programme and why, "Ansök" (the ordinary
 * application, `ansök`) and "Nej tack". The decline carries the cohort only; whose recommendation it is comes from
 * the verified identity of the one who clicks.
 */
export function recommendationCard(data: RecommendationCardData, m: Messages): AdaptiveCard {
  const r = data.recommendation;
  const i = m.recommend.invitation;
  const manager = plain(r.recommenderName);
  return card(
    [
      title(i.title(manager)),
      text(i.body(manager, plain(data.cohort.name))),
      heading(i.why),
      userText(r.reason),
      ...(data.opensLater ? [text(i.opens(m.date(data.cohort.intakeOpensAt)), { isSubtle: true })] : []),
    ],
    [executeAction(i.apply, VERBS.intakeStart, {}, 'positive'), executeAction(i.noThanks, VERBS.recommendationDecline, { cohortId: r.cohortId })],
  );
}
