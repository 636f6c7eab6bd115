import type { Messages } from '../../i18n';
import { card, facts, text, title, type AdaptiveCard } from './card-kit';

export interface HelpCardData {
  readonly roleNames: readonly string[];
  readonly commands: readonly { readonly word: string; readonly description: string }[];
  readonly inChannel: boolean;
}

/** What the caller may do: only the commands of the roles the server says they hold. */
export function helpCard(data: HelpCardData, m: Messages): AdaptiveCard {
  return card([
    title(m.help.title),
    // In a channel everyone reads the card: no roles there, only what the bot does in shared places.
    text(data.inChannel ? m.channel.help : m.help.yourRoles(m.list(data.roleNames)), { isSubtle: true }),
    facts(data.commands.map((c) => [c.word, c.description] as const)),
    text(data.inChannel ? m.help.inChannel : m.help.howTo, { isSubtle: true, size: 'Small' }),
  ]);
}
