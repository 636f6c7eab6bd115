import { invokeCard, readable, cardOf, type TeamsUser } from './teams-client';
import { lastReply, type TestBot } from './test-app';

/** The data of the button with this verb on a card (Action.Execute), as the client would send it back. */
export function buttonData(card: unknown, verb: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (found) return;
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute' && o.verb === verb) found = (o.data as Record<string, unknown>) ?? {};
      else Object.values(o).forEach(walk);
    }
  };
  walk(card);
  if (!found) throw new Error(`no button ${verb} on the card: ${readable(card)}`);
  return found;
}

/** The card the bot answered the person's last message with. */
export const lastCard = (bot: TestBot, user: TeamsUser): unknown => cardOf(lastReply(bot, user)?.activity ?? {});

/** A command that asks first: the confirmation card's text, then the answer to its (first) confirm button. */
export async function confirmed(bot: TestBot, user: TeamsUser, command: string, verb: string): Promise<{ asked: string; answer: string }> {
  await bot.teams.say(user, command);
  const card = lastCard(bot, user);
  const answer = readable(invokeCard(await bot.teams.execute(user, verb, buttonData(card, verb))));
  return { asked: readable(card), answer };
}
