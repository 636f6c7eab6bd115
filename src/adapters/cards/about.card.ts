import type { Messages } from '../../i18n';
import { card, heading, text, title, type AdaptiveCard } from './card-kit';

/** The programme's rules in plain words (PROGRAMME.md §1–9). */
export function aboutCard(m: Messages): AdaptiveCard {
  const a = m.about;
  return card([
    title(a.title),
    text(a.intro),
    heading(a.whoTitle),
    text(a.who),
    heading(a.leaveTitle),
    text(a.leave),
    heading(a.ideaTitle),
    text(a.idea),
    heading(a.stepsTitle),
    text(a.steps),
  ]);
}
