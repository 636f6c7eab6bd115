import type { Messages } from '../../i18n';
import { card, executeAction, plain, text, title, type AdaptiveCard } from './card-kit';
import { VERBS } from './verbs';

export interface WelcomeCardData {
  /** The person's display name from Teams or the directory: user-controlled, so escaped. */
  readonly name?: string;
}

/** Sent once when the app is installed in personal scope. */
export function welcomeCard(data: WelcomeCardData, m: Messages): AdaptiveCard {
  return card(
    [
      title(m.welcome.title),
      ...(data.name ? [text(plain(m.welcome.greeting(data.name)), { weight: 'Bolder' })] : []),
      text(m.welcome.body),
    ],
    [executeAction(m.intake.buttons.apply, VERBS.intakeStart, {}, 'positive'), executeAction(m.welcome.helpButton, VERBS.showHelp), executeAction(m.welcome.aboutButton, VERBS.showAbout)],
  );
}
