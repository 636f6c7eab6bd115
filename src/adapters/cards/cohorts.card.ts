import type { Messages } from '../../i18n';
import { card, executeAction, heading, plain, text, title, type AdaptiveCard } from './card-kit';
import { VERBS } from './verbs';

export interface CohortsCardData {
  readonly cohorts: readonly {
    readonly name: string;
    readonly intake: 'open' | 'notYet' | 'closed';
    readonly intakeOpensAt: string;
    readonly intakeClosesAt: string;
    readonly capacity: number;
    /** The cohort's id, for the button that opens its card. */
    readonly id: string;
  }[];
}

export function cohortsCard(data: CohortsCardData, m: Messages): AdaptiveCard {
  const c = m.cohorts;
  if (data.cohorts.length === 0) return card([title(c.title), text(c.none)]);
  return card([
    title(c.title),
    ...data.cohorts.flatMap((k) => [
      heading(plain(k.name)),
      text(
        `${k.intake === 'open' ? c.intakeOpen(m.date(k.intakeClosesAt)) : k.intake === 'notYet' ? c.intakeNotYet(m.date(k.intakeOpensAt)) : c.intakeClosed} ${c.capacity(k.capacity)}`,
      ),
      { type: 'ActionSet', actions: [executeAction(c.open, VERBS.cohortOpen, { cohortId: k.id })] },
    ]),
  ]);
}
