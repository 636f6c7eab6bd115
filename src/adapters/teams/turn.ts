import type { Locale, Messages } from '../../i18n';
import type { AdaptiveCard } from '../cards/card-kit';

/** One message the bot sends back: plain text or a card. */
export type Reply = { readonly text: string } | { readonly card: AdaptiveCard };

/**
 * The person behind a turn, as the server knows them (never from card data). Their roles are resolved only
 * where a command needs them (resolveRoles reads the settings, the cohorts, the directory, the decisions waiting
 * and the person's own applications): card actions decide from stored state.
 */
export interface Caller {
  readonly id: string;
  readonly name: string;
  readonly locale: Locale;
  readonly m: Messages;
  readonly personal: boolean;
}

/** What a card action does: messages to send, and the card that replaces the clicked one (Action.Execute). */
export interface ActionOutcome {
  readonly send: readonly Reply[];
  readonly card?: AdaptiveCard;
}

/** Shows an outcome as the clicked card's replacement when there is one, else as a message. */
export function asReplies(outcome: ActionOutcome): Reply[] {
  return outcome.card ? [...outcome.send, { card: outcome.card }] : [...outcome.send];
}

/** A command's answer as a card action's: its card replaces the clicked one, else its replies are sent. */
export function firstCard(replies: readonly Reply[]): ActionOutcome {
  const first = replies[0];
  return first && 'card' in first ? { send: [], card: first.card } : { send: replies };
}
