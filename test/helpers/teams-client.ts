import { randomUUID } from 'node:crypto';
import demoDirectory from '../../src/demo/directory.json';

/** The tenant the bot serves in tests and the demo (the Agents Playground's mock tenant). */
export const TEST_TENANT = demoDirectory.tenantId;

/** A person as Teams presents them in an activity. */
export interface TeamsUser {
  readonly aadObjectId: string;
  readonly name: string;
  readonly locale?: string;
}

/**
 * Plays the Teams side of the Bot Connector: posts activities to the bot's /api/messages over real HTTP,
 * with `serviceUrl` pointing at the fake connector that records what the bot sends back.
 */
export class TeamsClient {
  constructor(
    private readonly botUrl: string,
    private readonly serviceUrl: string,
    private readonly botId = '28:acceleratorn-bot',
    readonly tenantId: string = TEST_TENANT,
  ) {}

  conversationIdFor(user: TeamsUser): string {
    return `a:1:1-${user.aadObjectId}`;
  }

  base(user: TeamsUser, conversationType: 'personal' | 'groupChat' | 'channel' = 'personal') {
    return {
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: this.serviceUrl,
      timestamp: new Date().toISOString(),
      locale: user.locale ?? 'sv-SE',
      from: { id: `29:${user.aadObjectId}`, name: user.name, aadObjectId: user.aadObjectId },
      recipient: { id: this.botId, name: 'Acceleratorn' },
      conversation:
        conversationType === 'personal'
          ? { id: this.conversationIdFor(user), conversationType, tenantId: this.tenantId }
          : { id: `19:group-${conversationType}@thread.v2`, conversationType, isGroup: true, tenantId: this.tenantId },
      channelData: { tenant: { id: this.tenantId } },
    };
  }

  /** The id of the last activity each person sent, so a test can find the bot's replies to exactly that one. */
  readonly lastSent = new Map<string, string>();

  async post(activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
    const from = activity.from as { aadObjectId?: string } | undefined;
    if (from?.aadObjectId && typeof activity.id === 'string') this.lastSent.set(from.aadObjectId, activity.id);
    const res = await fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body };
  }

  /** A message; `<at>Acceleratorn</at>` in it is a mention of the bot, with the entity Teams sends beside it. */
  say(user: TeamsUser, text: string, conversationType: 'personal' | 'groupChat' | 'channel' = 'personal') {
    const mention = '<at>Acceleratorn</at>';
    const entities = text.includes(mention) ? [{ type: 'mention', text: mention, mentioned: { id: this.botId, name: 'Acceleratorn' } }] : undefined;
    return this.post({ ...this.base(user, conversationType), type: 'message', text, ...(entities ? { entities } : {}) });
  }

  install(user: TeamsUser) {
    return this.post({ ...this.base(user), type: 'installationUpdate', action: 'add' });
  }

  uninstall(user: TeamsUser) {
    return this.post({ ...this.base(user), type: 'installationUpdate', action: 'remove' });
  }

  botAdded(user: TeamsUser) {
    return this.post({ ...this.base(user), type: 'conversationUpdate', membersAdded: [{ id: this.botId }] });
  }

  /** Action.Execute: an invoke answered synchronously with the card that replaces the clicked one. */
  execute(user: TeamsUser, verb: string, data: Record<string, unknown> = {}) {
    return this.post({
      ...this.base(user),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
  }

  /** The Action.Submit fallback (Teams mobile): a message whose `value` is the button's data. */
  submit(user: TeamsUser, data: Record<string, unknown>) {
    return this.post({ ...this.base(user), type: 'message', value: data });
  }
}

/** The Adaptive Card in a recorded bot message, if it carries one. */
export function cardOf(activity: { attachments?: { contentType?: string; content?: unknown }[] }): Record<string, unknown> | undefined {
  const a = activity.attachments?.find((x) => x.contentType === 'application/vnd.microsoft.card.adaptive');
  return a?.content as Record<string, unknown> | undefined;
}

/** Every `text` in a card, depth-first, for assertions on what a person would read. */
export function cardTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if ((k === 'text' || k === 'title' || k === 'value') && typeof v === 'string') out.push(v);
        else walk(v);
      }
    }
  };
  walk(card);
  return out;
}

/** What a person reads on a card (or anything with texts). */
export const readable = (x: unknown): string => cardTexts(x).join('\n');

/** The card in an invoke response (Action.Execute replaces the clicked card with it). */
export const invokeCard = (res: { body: unknown }): unknown => (res.body as { value?: unknown }).value;

/** A recorded bot message as a person reads it: its text and its card's texts. */
export const said = (a: { activity: { text?: unknown; attachments?: { contentType?: string; content?: unknown }[] } }): string =>
  [String(a.activity.text ?? ''), readable(cardOf(a.activity) ?? {})].join('\n');
