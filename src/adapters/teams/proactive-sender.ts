import { ActivityTypes, CardFactory, TurnContext, type Activity, type CloudAdapter, type ConversationParameters, type ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { OutboxMessage } from '../../domain/notification';
import type { ConversationAddressBook, MessageSender, SendAttempt, SendOutcome } from '../../domain/ports';
import { localeFrom, type Locale } from '../../i18n';
import type { Logger } from '../../logger';
import type { AdaptiveCard } from '../cards/card-kit';
import { ABORTED, untilAborted } from '../until-aborted';
import { retryAfterFrom } from './cloud-adapter';
import { PacerBusy, RequestPacer } from './request-pacer';


/** What the renderer makes of an outbox message: a card, a plain text, or nothing (nothing to say any more). */
export type RenderedMessage = AdaptiveCard | { readonly text: string };

export interface TeamsProactiveSenderOptions {
  readonly adapter: CloudAdapter;
  /** The bot's app id; '' when the adapter runs anonymously (local runs and tests). */
  readonly appId: string;
  readonly addresses: ConversationAddressBook;
  readonly render: (message: OutboxMessage, locale: Locale) => Promise<RenderedMessage | null>;
  /**
   * Where to create conversations for people with no stored address: from the configuration only, never
   * learnt from an incoming activity (an activity from another tenant once moved a real user's chat there).
   */
  readonly defaults?: { readonly serviceUrl?: string; readonly tenantId?: string };
  /** Shared by everything that calls the connector proactively; default: a pacer of its own with Teams' limits. */
  readonly pacer?: RequestPacer;
  /**
   * OAuth scope of the token for createConversation. Default: the public cloud's Bot Framework scope
   * (botframework-connector's AuthenticationConstants.ToChannelFromBotOAuthScope) with an app id, '' without.
   */
  readonly audience?: string;
  /** LOCALE_OVERRIDE, as for turns. */
  readonly localeOverride?: Locale;
  readonly log?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /**
   * Installs the app for a person who has no conversation with the bot yet and finds the 1:1 chat (Microsoft Graph,
   * app-installer.ts), the way Company Communicator reaches everyone. Without it, such a person is reached by
   * creating the conversation, which Teams allows only when the app is already installed for them.
   */
  readonly installer?: AppInstaller;
}

/** Installs the bot for a person (if it is not) and answers the 1:1 chat's id; null when the person cannot have it. */
export interface AppInstaller {
  chatWith(userId: string, signal: AbortSignal): Promise<string | null>;
}

/** A Graph call of the installer failed: `status` undefined when no answer came; `retryAfterMs` from a 429. */
export class InstallFailed extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'InstallFailed';
  }
}

const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

/** A stored address, as the bot saved it (TurnContext.getConversationReference); only what a send needs is required. */
const StoredReference = z.object({
  serviceUrl: z.string().min(1),
  channelId: z.string().optional(),
  activityId: z.string().optional(),
  locale: z.string().optional(),
  conversation: z.object({
    id: z.string().min(1),
    isGroup: z.boolean().optional(),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
    name: z.string().optional(),
  }),
  bot: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  user: z.object({ id: z.string(), name: z.string().optional(), aadObjectId: z.string().optional() }).optional(),
});

/** An error from the connector client (RestError) as far as we read it. */
interface ConnectorError {
  readonly status?: number;
  readonly code?: string;
  readonly message: string;
  readonly retryAfterMs?: number;
}

function readConnectorError(e: unknown): ConnectorError {
  if (typeof e !== 'object' || e === null) return { message: String(e) };
  const fields = e as Record<string, unknown>;
  const response = typeof fields.response === 'object' && fields.response !== null ? (fields.response as Record<string, unknown>) : undefined;
  const status = typeof fields.statusCode === 'number' ? fields.statusCode : typeof response?.status === 'number' ? response.status : undefined;
  const retryAfterMs = retryAfterFrom(response?.headers);
  return {
    message: typeof fields.message === 'string' ? fields.message : String(e),
    ...(status !== undefined ? { status } : {}),
    ...(typeof fields.code === 'string' ? { code: fields.code } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}

function describe(error: ConnectorError): string {
  return `${error.status ?? error.code ?? 'error'}${error.code && error.status !== undefined ? ` ${error.code}` : ''}: ${error.message}`.slice(0, 500);
}

function activityOf(content: RenderedMessage): Partial<Activity> {
  return 'type' in content && content.type === 'AdaptiveCard'
    ? { type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(content)] }
    : { type: ActivityTypes.Message, text: 'text' in content && typeof content.text === 'string' ? content.text : '' };
}

/** Stops waiting for a request when the worker abandons its sends (shutdown's deadline); the request itself runs out at its own deadline. */
async function abandonedAtShutdown<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  const result = await untilAborted(work, signal);
  if (result === ABORTED) throw new Error('abandoned at shutdown: the request was in flight and may have reached Teams');
  return result;
}

const TRANSIENT = (status: number) => status === 408 || status === 412 || status === 429 || status >= 500;

/**
 * Delivers outbox messages in Teams, proactively. With a stored conversation reference: continue that
 * conversation and send. Without one (or when Teams refuses the stored one with 403/404): create the 1:1
 * conversation (possible when the app is installed for the person), save its reference, send. Someone
 * Teams will not let us reach is `unreachable`.
 *
 * Every connector request waits for the pacer first, then claims the message (attempt.begin()), then goes
 * out once, through the pacer's last gate in the adapter's pipeline (app.ts passes go() as its beforeRequest): the adapter's connector clients have a deadline and no retries of their own (cloud-adapter.ts),
 * the outbox decides when to try again. Errors inside the turn logic are caught there: the adapter's
 * onTurnError would otherwise answer the recipient with an apology.
 */
export class TeamsProactiveSender implements MessageSender {
  private readonly adapter: CloudAdapter;
  private readonly appId: string;
  private readonly addresses: ConversationAddressBook;
  private readonly render: TeamsProactiveSenderOptions['render'];
  private readonly pacer: RequestPacer;
  private readonly audience: string;
  private readonly localeOverride: Locale | undefined;
  private readonly log: Pick<Logger, 'info' | 'warn' | 'error'> | undefined;
  private readonly serviceUrl: string | undefined;
  private readonly tenantId: string | undefined;
  private readonly installer: AppInstaller | undefined;

  constructor(options: TeamsProactiveSenderOptions) {
    this.adapter = options.adapter;
    this.appId = options.appId;
    this.addresses = options.addresses;
    this.render = options.render;
    this.pacer = options.pacer ?? new RequestPacer();
    this.audience = options.audience ?? (options.appId ? BOT_FRAMEWORK_AUDIENCE : '');
    this.localeOverride = options.localeOverride;
    this.log = options.log;
    this.serviceUrl = options.defaults?.serviceUrl || undefined;
    this.tenantId = options.defaults?.tenantId || undefined;
    this.installer = options.installer;
  }

  async send(message: OutboxMessage, attempt: SendAttempt): Promise<SendOutcome> {
    const stored = await this.addresses.get(message.recipientId);
    const parsed = stored ? StoredReference.safeParse(stored.address) : undefined;
    if (parsed && !parsed.success) this.log?.warn('stored conversation reference is unusable; creating a conversation instead', { recipientId: message.recipientId });
    const reference = parsed?.success ? parsed.data : undefined;

    const content = await this.render(message, localeFrom(stored?.locale, this.localeOverride));
    if (!content) return { kind: 'cancelled', reason: `nothing to send: ${message.kind} no longer applies` };
    const activity = activityOf(content);

    try {
      if (reference) {
        try {
          return await this.continueAndSend(reference, activity, attempt);
        } catch (e) {
          const status = readConnectorError(e).status;
          if (status !== 403 && status !== 404) throw e;
          this.log?.warn('Teams refused the stored conversation; trying to create a new one', { recipientId: message.recipientId, status });
        }
      }
      if (this.installer && !reference) return await this.installAndSend(message.recipientId, activity, stored?.locale, attempt);
      return await this.createAndSend(message.recipientId, activity, stored?.locale, reference, attempt);
    } catch (e) {
      return this.classify(e);
    }
  }

  private async continueAndSend(stored: z.infer<typeof StoredReference>, activity: Partial<Activity>, attempt: SendAttempt): Promise<SendOutcome> {
    const reference: Partial<ConversationReference> = {
      channelId: stored.channelId ?? 'msteams',
      serviceUrl: stored.serviceUrl,
      conversation: {
        id: stored.conversation.id,
        isGroup: stored.conversation.isGroup ?? false,
        conversationType: stored.conversation.conversationType ?? 'personal',
        name: stored.conversation.name ?? '',
        ...(stored.conversation.tenantId ? { tenantId: stored.conversation.tenantId } : {}),
      },
      ...(stored.bot ? { bot: { id: stored.bot.id, name: stored.bot.name ?? '' } } : {}),
      ...(stored.user ? { user: { id: stored.user.id, name: stored.user.name ?? '', ...(stored.user.aadObjectId ? { aadObjectId: stored.user.aadObjectId } : {}) } } : {}),
      ...(stored.activityId ? { activityId: stored.activityId } : {}),
      ...(stored.locale ? { locale: stored.locale } : {}),
    };
    await this.pacer.acquire(stored.conversation.id);
    await attempt.begin();
    let activityId: string | undefined;
    let failure: unknown;
    await abandonedAtShutdown(
      this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
        try {
          activityId = (await context.sendActivity(activity))?.id;
        } catch (e) {
          failure = e;
        }
      }),
      attempt.signal,
    );
    if (failure !== undefined) throw failure;
    return this.sent(activityId, stored.conversation.id);
  }

  /**
   * Someone the bot has never talked to: install the app for them through Graph (nothing is sent to Teams' Bot
   * Connector yet, so a failure here is safe to try again), save the 1:1 chat as their address, then send to it.
   */
  private async installAndSend(recipientId: string, activity: Partial<Activity>, locale: string | undefined, attempt: SendAttempt): Promise<SendOutcome> {
    const serviceUrl = this.serviceUrl;
    if (!serviceUrl || !this.installer) return { kind: 'unreachable', error: 'no conversation with this person and no known serviceUrl to reach them' };
    const chatId = await this.installer.chatWith(recipientId, attempt.signal);
    if (!chatId) return { kind: 'unreachable', error: 'the app could not be installed for this person (not in the directory, or no Teams licence)' };
    const reference = {
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: chatId, isGroup: false, conversationType: 'personal', ...(this.tenantId ? { tenantId: this.tenantId } : {}) },
      bot: { id: this.appId ? `28:${this.appId}` : 'bot', name: '' },
      user: { id: recipientId, name: '', aadObjectId: recipientId },
    };
    await this.addresses.save(recipientId, reference, locale);
    return this.continueAndSend(reference, activity, attempt);
  }

  /** Replaces a card sent earlier (a campaign's progress) in place; paced like every request to the connector. */
  async update(recipientId: string, conversationId: string, activityId: string, content: RenderedMessage): Promise<void> {
    const stored = await this.addresses.get(recipientId);
    const parsed = stored ? StoredReference.safeParse(stored.address) : undefined;
    const serviceUrl = parsed?.success ? parsed.data.serviceUrl : this.serviceUrl;
    if (!serviceUrl) throw new Error('no serviceUrl to update the card with');
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      ...(parsed?.success && parsed.data.bot ? { bot: { id: parsed.data.bot.id, name: parsed.data.bot.name ?? '' } } : {}),
    };
    await this.pacer.acquire(conversationId);
    let failure: unknown;
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      try {
        await context.updateActivity({ ...activityOf(content), id: activityId, conversation: reference.conversation as Activity['conversation'] });
      } catch (e) {
        failure = e;
      }
    });
    if (failure !== undefined) throw failure;
  }

  private async createAndSend(
    recipientId: string,
    activity: Partial<Activity>,
    locale: string | undefined,
    stale: z.infer<typeof StoredReference> | undefined,
    attempt: SendAttempt,
  ): Promise<SendOutcome> {
    const serviceUrl = this.serviceUrl ?? stale?.serviceUrl;
    const tenantId = this.tenantId ?? stale?.conversation.tenantId;
    if (!serviceUrl) return { kind: 'unreachable', error: 'no conversation with this person and no known serviceUrl to create one' };

    const parameters: ConversationParameters = {
      isGroup: false,
      bot: stale?.bot ? { id: stale.bot.id, name: stale.bot.name ?? '' } : { id: this.appId ? `28:${this.appId}` : 'bot', name: '' },
      // The Entra object id: Teams accepts it as the member of a new 1:1 conversation.
      members: [{ id: recipientId, name: '' }],
      ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : { channelData: {} }),
    };

    await this.pacer.acquire(`create:${recipientId}`);
    await attempt.begin();
    let conversationId: string | undefined;
    let activityId: string | undefined;
    let failure: unknown;
    try {
      await abandonedAtShutdown(this.adapter.createConversationAsync(this.appId, 'msteams', serviceUrl, this.audience, parameters, async (context) => {
        try {
          const conversation = { ...context.activity.conversation, conversationType: 'personal' };
          conversationId = conversation.id;
          const reference = { ...TurnContext.getConversationReference(context.activity), conversation, user: { id: recipientId, name: '', aadObjectId: recipientId } };
          await this.addresses.save(recipientId, JSON.parse(JSON.stringify(reference)) as Record<string, unknown>, locale);
          await this.pacer.acquire(conversation.id);
                activityId = (await context.sendActivity(activity))?.id;
        } catch (e) {
          failure = e;
        }
      }), attempt.signal);
    } catch (e) {
      // Thrown by the createConversation request itself (errors in the logic are caught above).
      const error = readConnectorError(e);
      if (error.status === 403 || error.status === 404) {
        if (stale) await this.addresses.remove(recipientId);
        return { kind: 'unreachable', error: `cannot create a conversation (the app is not installed for this person?): ${describe(error)}` };
      }
      throw e;
    }
    if (failure !== undefined) throw failure;
    return this.sent(activityId, conversationId ?? '');
  }

  private sent(activityId: string | undefined, conversationId: string): SendOutcome {
    if (!activityId) this.log?.warn('Teams accepted a message without returning its id; the card cannot be updated later', { conversationId });
    return { kind: 'sent', activityId: activityId ?? '', conversationId };
  }

  private classify(e: unknown): SendOutcome {
    if (e instanceof PacerBusy) return { kind: 'retry', retryAfterMs: e.retryAfterMs, error: e.message, notSent: true };
    if (e instanceof InstallFailed) {
      // Graph, before anything went to Teams: a new try cannot duplicate.
      if (e.status === 403 || e.status === 404) return { kind: 'unreachable', error: e.message };
      if (e.status === undefined || TRANSIENT(e.status)) return { kind: 'retry', error: e.message, notSent: true, ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}) };
      return { kind: 'failed', error: e.message };
    }
    const error = readConnectorError(e);
    // Teams took nothing: throttled, a conflict, or the connection was refused before a byte went.
    const notSent = error.status === 429 || error.status === 412 || error.code === 'ECONNREFUSED';
    const text = describe(error);
    // No HTTP status: the connector could not be reached (ECONNREFUSED, timeouts), or something else failed.
    if (error.status === undefined || TRANSIENT(error.status)) {
      return { kind: 'retry', error: text, ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}), ...(notSent ? { notSent } : {}) };
    }
    return { kind: 'failed', error: text };
  }
}

/**
 * A sender and its adapter sharing one pacer, as every proactive path needs them: the pacer's slots before the
 * outbox's claim, its last gate (`go()`) in the adapter's pipeline right before each request goes out.
 */
export function pacedProactiveSender(
  perSecond: number | undefined,
  adapterWith: (policy: { readonly beforeRequest: () => Promise<void> }) => CloudAdapter,
  options: Omit<TeamsProactiveSenderOptions, 'adapter' | 'pacer'>,
): TeamsProactiveSender {
  const pacer = new RequestPacer(perSecond === undefined ? {} : { perSecond });
  return new TeamsProactiveSender({ ...options, adapter: adapterWith({ beforeRequest: () => pacer.go() }), pacer });
}
