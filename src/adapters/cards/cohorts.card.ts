import type { Messages } from '../../i18n';
import { card, heading, plain, text, title, type AdaptiveCard } from './card-kit';

export interface CohortsCardData {
  readonly cohorts: readonly {
    readonly name: string;
    readonly intake: 'open' | 'notYet' | 'closed';
    readonly intakeOpensAt: string;
    readonly intakeClosesAt: string;
    readonly capacity: number;
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
    ]),
  ]);
}
