import {
  ActivityTypes,
  CardFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationState,
  type InvokeResponse,
  type StatePropertyAccessor,
} from 'botbuilder';
import { z } from 'zod';
import { isIntakeOpen } from '../../domain/cohort';
import type { Role } from '../../domain/person';
import { ROLES } from '../../domain/person';
import type { ApplicationRepository, CampaignRepository, Clock, CohortRepository, ConversationAddressBook, Directory, FollowUpRepository, IdGenerator, JuryRepository, OnceLedger, OutboxStore, RecommendationRepository, SettingsRepository, DisposalStore, ExportLog, PersonalDataStore } from '../../domain/ports';
import { localeFrom, messages, type Locale } from '../../i18n';
import type { Logger } from '../../logger';
import { isCoordinator, resolveRoles, withWorkRoles } from '../../use-cases/resolve-roles';
import { aboutCard } from '../cards/about.card';
import { actionFailedCard } from '../cards/action-failed.card';
import type { AdaptiveCard } from '../cards/card-kit';
import { cohortsCard } from '../cards/cohorts.card';
import { helpCard } from '../cards/help.card';
import { VERBS, type Verb } from '../cards/verbs';
import { noticeCard } from '../cards/application.cards';
import { DisposalHandlers } from './disposal.handlers';
import { PrivacyHandlers } from './privacy.handlers';
import { cardRoutes, commandRoutes, type CardRoutes, type CommandRoutes } from './routes';
import { welcomeCard } from '../cards/welcome.card';
import { whoamiCard } from '../cards/whoami.card';
import { COMMANDS, MAX_COMMAND_LENGTH, mayUse, parseCommand, stripTags, type CommandId } from './commands';
import { plain } from '../cards/card-kit';
import { IntakeHandlers } from './intake.handlers';
import { ApprovalHandlers } from './approval.handlers';
import { JuryHandlers } from './jury.handlers';
import { ProgrammeHandlers } from './programme.handlers';
import { AnnouncementHandlers } from './announcement.handlers';
import { RecommendHandlers } from './recommend.handlers';
import { MeetingHandlers } from './meeting.handlers';
import type { ApprovalSchedule } from '../../domain/approval';
import { asReplies, type ActionOutcome, type Caller, type Reply } from './turn';
import type { TabLink } from '../tab/deep-link';

/** Everything the bot needs, as ports: the composition root wires Cosmos, the directory and the clock. */
export interface BotServices {
  readonly applications: ApplicationRepository;
  readonly cohorts: CohortRepository;
  readonly settings: SettingsRepository;
  readonly directory: Directory;
  readonly addresses: ConversationAddressBook;
  readonly once: OnceLedger;
  readonly outbox: OutboxStore;
  readonly jury: JuryRepository;
  readonly campaigns: CampaignRepository;
  readonly followUps: FollowUpRepository;
  readonly recommendations: RecommendationRepository;
  /** Disposal (gallring): the runs' records and the disposal write (ADR 0018). */
  readonly disposals: DisposalStore;
  /** What the store holds about one person (the register extract, ADR 0019). */
  readonly personalData: PersonalDataStore;
  /** The tab's exports and the privacy log (register extracts, restrictions): who, what, for whom, when. */
  readonly exportLog: ExportLog;
  readonly schedule?: ApprovalSchedule;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly log: Logger;
  /** Local demo only (config.ts LOCALE_OVERRIDE). */
  readonly localeOverride?: Locale;
  /** A link that opens the 1:1 chat with the bot (Teams deep link), offered where the bot will not answer. */
  readonly personalChatLink?: string;
  /** Links into the tab from cards (absent when the tab is off). */
  readonly tabLink?: TabLink;
}

/** What may be done in a channel or group chat: nothing personal, so nothing beyond the programme itself. */
const SHARED_COMMANDS: ReadonlySet<CommandId> = new Set(['help', 'about']);
const SHARED_VERBS: ReadonlySet<string> = new Set([VERBS.showHelp, VERBS.showAbout]);
const OUR_VERBS: ReadonlySet<string> = new Set(Object.values(VERBS));
/** A verb as it may be logged: one of ours by name; anything else came from outside and could be any text (a name). */
const loggedVerb = (verb: string | undefined): string | null => (verb === undefined ? null : OUR_VERBS.has(verb) ? verb : 'not one of ours');

/** A Map that forgets its oldest entries past `limit`: a per-instance hint, never the truth. */
class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }
  override set(key: K, value: V): this {
    this.delete(key);
    super.set(key, value);
    if (this.size > this.limit) this.delete(this.keys().next().value as K);
    return this;
  }
}

/** Kept per conversation in Cosmos: how many messages in a row the bot did not understand. */
interface ConversationMemory {
  misunderstood?: number;
}

/** After this many misunderstood messages in a row, the bot shows the whole help card instead of a hint. */
const MISUNDERSTOOD_BEFORE_HELP = 2;

/** Card data is untrusted: only the verb is read here, each handler parses the rest with its own schema. */
const CardActionData = z.looseObject({ verb: z.string().min(1).max(64) });

/** An Action.Execute invoke as the Universal Actions protocol has it; anything else is answered 400. */
const ExecuteInvoke = z.object({ action: z.looseObject({ type: z.literal('Action.Execute'), verb: z.string().min(1).max(64), data: z.record(z.string(), z.unknown()).optional() }) });
const badInvoke = (message: string): InvokeResponse => ({
  status: 400,
  body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message } },
});

/**
 * The Teams face of Acceleratorn: commands typed in chat, card actions (Action.Execute invokes and
 * their Action.Submit fallbacks), install events. Thin: parse, call a use case, render a card.
 */
export class AcceleratornBot extends TeamsActivityHandler {
  private readonly memory: StatePropertyAccessor<ConversationMemory>;
  /** The address this instance last saved per person, to skip a save that would change nothing. */
  private readonly savedAddresses = new BoundedMap<string, string>(50_000);
  /** Conversations where this instance counted a misunderstood message since the last command it understood. */
  private readonly counting = new BoundedMap<string, true>(10_000);
  private readonly cards: CardRoutes;
  private readonly commands: CommandRoutes;

  constructor(
    private readonly services: BotServices,
    private readonly conversationState: ConversationState,
  ) {
    super();
    this.memory = conversationState.createProperty<ConversationMemory>('memory');
    const handlers = { intake: new IntakeHandlers(services), approvals: new ApprovalHandlers(services), jury: new JuryHandlers(services), programme: new ProgrammeHandlers(services), announce: new AnnouncementHandlers(services), recommend: new RecommendHandlers(services), meeting: new MeetingHandlers(services), disposal: new DisposalHandlers(services), privacy: new PrivacyHandlers(services) };
    this.cards = cardRoutes({
      ...handlers,
      general: {
        help: async (caller) => ({ send: [{ card: this.helpFor(caller, await this.rolesOf(caller)) }], card: welcomeCard({ name: caller.name }, caller.m) }),
        about: async (caller) => ({ send: [{ card: aboutCard(caller.m) }], card: welcomeCard({ name: caller.name }, caller.m) }),
      },
    });
    this.commands = commandRoutes({
      ...handlers,
      general: {
        help: async (caller, roles) => [{ card: this.helpFor(caller, roles) }],
        about: async (caller) => [{ card: aboutCard(caller.m) }],
        whoami: (caller, roles) => this.whoami(caller, roles),
        cohorts: (caller) => this.cohorts(caller),
      },
    });

    this.onMessage(async (context, next) => {
      const caller = await this.caller(context);
      if (caller) {
        await this.rememberAddress(context, false);
        const value: unknown = context.activity.value;
        const replies = value !== undefined && value !== null && !context.activity.text ? asReplies(await this.cardAction(caller, value)) : await this.command(caller, context);
        await this.send(context, replies);
      }
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.rememberAddress(context);
      await this.welcomeOnce(context);
      await next();
    });

    this.onInstallationUpdateRemove(async (context, next) => {
      const id = context.activity.from?.aadObjectId;
      if (id) this.savedAddresses.delete(id);
      if (id) await this.services.addresses.remove(id);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) {
        await this.rememberAddress(context);
        await this.welcomeOnce(context);
      }
      await next();
    });
  }

  /** Runs the turn, then persists conversation state (in Cosmos) so a restart loses nothing. */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
  }

  /** Only Action.Execute is served; botbuilder's default answers other invokes 501 and fails the turn on a bad value. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') return badInvoke('This invoke is not supported.');
    if (!ExecuteInvoke.safeParse(context.activity.value).success) return badInvoke('Not an Action.Execute.');
    return super.onInvokeActivity(context);
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    try {
      const caller = await this.caller(context);
      if (!caller) return badInvoke('No person.').body as AdaptiveCardInvokeResponse;
      await this.rememberAddress(context, false);
      const outcome = await this.cardAction(caller, { ...(invokeValue.action?.data ?? {}), verb: invokeValue.action?.verb });
      await this.send(context, outcome.send);
      if (outcome.card) return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: outcome.card };
      // Nothing replaces the clicked card (e.g. "Ansök" on the welcome card): the answer came as a new message.
      const note = outcome.send.length > 0 ? caller.m.answeredBelow : caller.m.unknownAction;
      return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: note as unknown as AdaptiveCardInvokeResponse['value'] };
    } catch (error) {
      return this.failedAction(context, invokeValue, error);
    }
  }

  /**
   * A card action that failed on our side (Cosmos failing mid-action, say) is answered here and not left to
   * onTurnError: that one posts an apology and sets no invoke response, so Teams got 501 with no body and showed
   * its own error beside ours. Here the clicked card is replaced by one saying so in the person's language,
   * with the correlation id it was logged with and the click offered again; nothing is posted to the chat.
   */
  private failedAction(context: TurnContext, invokeValue: AdaptiveCardInvokeValue, error: unknown): AdaptiveCardInvokeResponse {
    const correlationId = this.services.ids.uuid().slice(0, 8);
    const verb = invokeValue.action?.verb;
    this.services.log.error('card action failed', { correlationId, verb: loggedVerb(verb), error, conversationId: context.activity.conversation?.id });
    const m = messages(localeFrom(context.activity.locale, this.services.localeOverride));
    const retry = verb ? { verb, data: invokeValue.action?.data ?? {} } : undefined;
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: actionFailedCard({ correlationId, ...(retry ? { retry } : {}) }, m) };
  }

  /** The person behind the turn; none without an Entra object id (refused at the HTTP edge too). */
  private async caller(context: TurnContext): Promise<Caller | undefined> {
    const locale = localeFrom(context.activity.locale, this.services.localeOverride);
    const id = context.activity.from?.aadObjectId;
    if (!id) return undefined;
    const person = await this.services.directory.getPerson(id);
    const conversationType = context.activity.conversation?.conversationType;
    return {
      id,
      name: person?.name ?? context.activity.from?.name ?? '',
      locale,
      m: messages(locale),
      personal: conversationType === 'personal' || (!conversationType && context.activity.conversation?.isGroup !== true),
    };
  }

  private async rolesOf(caller: Caller, scope: 'all' | 'fromSettings' = 'all'): Promise<ReadonlySet<Role>> {
    return resolveRoles(this.services, caller.id, scope);
  }

  private async command(caller: Caller, context: TurnContext): Promise<Reply[]> {
    const m = caller.m;
    const raw = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    // Every text operation below is linear; the cap keeps even those short (a command is a few words).
    const tooLong = () => [{ text: m.unknown.tooLong(MAX_COMMAND_LENGTH.toLocaleString(caller.locale === 'sv' ? 'sv-SE' : 'en-GB')) }];
    if (raw.length > MAX_COMMAND_LENGTH * 8) return tooLong(); // not even formatting makes this a command
    const stripped = stripTags(raw);
    if (stripped.trim().length > MAX_COMMAND_LENGTH) return tooLong();
    const parsed = parseCommand(stripped);
    if (!caller.personal) return this.sharedCommand(caller, parsed);
    // Every role for what lists or explains them (help, who am I, a message not understood); for a command, the roles
    // the settings, cohorts and directory give first, and all of them only if those do not allow it.
    const everyRole = parsed.kind !== 'command' || parsed.command.id === 'help' || parsed.command.id === 'whoami';
    let roles = await this.rolesOf(caller, everyRole ? 'all' : 'fromSettings');
    if (parsed.kind === 'command' && !everyRole && !mayUse(parsed.command, roles) && !('answersOthers' in parsed.command)) roles = await withWorkRoles(this.services, caller.id, roles);
    const conversationId = context.activity.conversation?.id ?? '';
    // The count of misunderstood messages is read only when it can matter: on a message not understood, or on a
    // command in a conversation where this instance counted one. A command that reaches another instance than
    // the one that counted leaves the count as it is, so help may come one message early there: a hint, no harm.
    if (parsed.kind !== 'command') {
      const memory = await this.memory.get(context, {});
      const misunderstood = (memory.misunderstood ?? 0) + 1;
      await this.memory.set(context, { ...memory, misunderstood });
      this.counting.set(conversationId, true);
      if (misunderstood >= MISUNDERSTOOD_BEFORE_HELP) return [{ text: m.unknown.showingHelp }, { card: this.helpFor(caller, roles) }];
    } else if (this.counting.delete(conversationId)) {
      const memory = await this.memory.get(context, {});
      if (memory.misunderstood) await this.memory.set(context, { ...memory, misunderstood: 0 });
    }
    if (parsed.kind === 'empty') return [{ text: m.unknown.empty }];
    if (parsed.kind === 'unknown') {
      const suggestion = parsed.suggestion && mayUse(parsed.suggestion, roles) ? m.unknown.suggestion(parsed.suggestion.words[caller.locale][0]) : '';
      return [{ text: [m.unknown.text(plain(parsed.input.slice(0, 80))), suggestion, m.unknown.hint].filter(Boolean).join(' ') }];
    }
    if (!mayUse(parsed.command, roles) && !('answersOthers' in parsed.command)) {
      return [{ text: m.notAllowed(m.list(parsed.command.roles.map((r) => m.roles[r]))) }];
    }
    return this.commands[parsed.command.id](caller, roles, parsed.args);
  }

  private async whoami(caller: Caller, roles: ReadonlySet<Role>): Promise<Reply[]> {
    const person = await this.services.directory.getPerson(caller.id);
    const data = {
      name: caller.name,
      ...(person ? { municipality: person.municipality } : {}),
      ...(person?.administration ? { administration: person.administration } : {}),
      roleNames: this.roleNames(caller, roles),
      known: Boolean(person),
    };
    return [{ card: whoamiCard(data, caller.m) }];
  }

  /** `kohorter` (coordinators): every cohort and its intake, with a button that opens each cohort's card. */
  private async cohorts(caller: Caller): Promise<Reply[]> {
    const now = this.services.clock.now();
    const cohorts = (await this.services.cohorts.list()).map((c) => ({
      name: c.name,
      intake: isIntakeOpen(c, now) ? ('open' as const) : Date.parse(c.intakeOpensAt) > now.getTime() ? ('notYet' as const) : ('closed' as const),
      intakeOpensAt: c.intakeOpensAt,
      intakeClosesAt: c.intakeClosesAt,
      capacity: c.capacity,
      id: c.id,
    }));
    return [{ card: cohortsCard({ cohorts }, caller.m) }];
  }

  /**
   * In a channel or group chat everyone reads the answer: the bot tells about the programme there and points
   * to the 1:1 chat for everything else, without looking at the sender's roles or data.
   */
  private sharedCommand(caller: Caller, parsed: ReturnType<typeof parseCommand>): Reply[] {
    if (parsed.kind === 'command' && SHARED_COMMANDS.has(parsed.command.id)) {
      return parsed.command.id === 'about' ? [{ card: aboutCard(caller.m) }] : [{ card: this.sharedHelp(caller) }];
    }
    return [{ text: this.pointerToPersonalChat(caller) }];
  }

  private sharedHelp(caller: Caller): AdaptiveCard {
    const m = caller.m;
    return helpCard(
      {
        roleNames: [],
        commands: COMMANDS.filter((c) => SHARED_COMMANDS.has(c.id)).map((c) => ({ word: c.words[caller.locale][0], description: m.commands[c.id] })),
        inChannel: true,
      },
      m,
    );
  }

  private pointerToPersonalChat(caller: Caller): string {
    const link = this.services.personalChatLink;
    return link ? `${caller.m.channel.personalOnly} [${caller.m.channel.openChat}](${link})` : caller.m.channel.personalOnly;
  }

  private async cardAction(caller: Caller, value: unknown): Promise<ActionOutcome> {
    const parsed = CardActionData.safeParse(value);
    const verb = parsed.success ? parsed.data.verb : undefined;
    if (!caller.personal) {
      if (verb === VERBS.showAbout) return { send: [{ card: aboutCard(caller.m) }] };
      return verb && SHARED_VERBS.has(verb) ? { send: [{ card: this.sharedHelp(caller) }] } : { send: [{ text: this.pointerToPersonalChat(caller) }] };
    }
    const entry = parsed.success && verb && Object.hasOwn(this.cards, verb) ? this.cards[verb as Verb] : undefined;
    if (!entry || !parsed.success) {
      this.services.log.warn('unknown card action', { verb: loggedVerb(verb) });
      return { send: [{ text: caller.m.unknownAction }] };
    }
    // Coordinators only, decided before anything is read: anyone else learns nothing, not even whether it exists.
    if (entry.coordinatorsOnly && !(await isCoordinator(this.services, caller.id))) return { send: [], card: noticeCard(caller.m.errors.NOT_ALLOWED) };
    return entry.run(caller, parsed.data);
  }

  private helpFor(caller: Caller, roles: ReadonlySet<Role>): AdaptiveCard {
    const m = caller.m;
    return helpCard(
      {
        roleNames: this.roleNames(caller, roles),
        commands: COMMANDS.filter((c) => mayUse(c, roles)).map((c) => ({ word: c.words[caller.locale][0], description: m.commands[c.id] })),
        inChannel: !caller.personal,
      },
      m,
    );
  }

  private roleNames(caller: Caller, roles: ReadonlySet<Role>): string[] {
    return ROLES.filter((r) => roles.has(r)).map((r) => caller.m.roles[r]);
  }

  private async welcomeOnce(context: TurnContext): Promise<void> {
    if (context.activity.conversation?.conversationType && context.activity.conversation.conversationType !== 'personal') return;
    // Teams sends installationUpdate and conversationUpdate together, possibly to two instances at once.
    if (!(await this.services.once.claim(`welcome/${context.activity.conversation.id}`))) return;
    const caller = await this.caller(context);
    if (caller) await this.send(context, [{ card: welcomeCard({ name: caller.name }, caller.m) }]);
  }

  /**
   * Saves where to reach this person later (proactive messages): on install and conversation update always, on a
   * message only when it changed since this instance last saved it (a message would otherwise write on every turn).
   */
  private async rememberAddress(context: TurnContext, always = true): Promise<void> {
    const id = context.activity.from?.aadObjectId;
    if (!id || context.activity.conversation?.conversationType !== 'personal') return;
    const reference = TurnContext.getConversationReference(context.activity);
    // The reference names the message it was taken from; where to reach the person is the rest of it.
    const { activityId: _activityId, ...address } = JSON.parse(JSON.stringify(reference)) as Record<string, unknown>;
    const locale = context.activity.locale;
    const fingerprint = JSON.stringify([address, locale ?? null]);
    if (!always && this.savedAddresses.get(id) === fingerprint) return;
    await this.services.addresses.save(id, address, locale);
    this.savedAddresses.set(id, fingerprint);
  }

  private async send(context: TurnContext, replies: readonly Reply[]): Promise<void> {
    for (const reply of replies) {
      await context.sendActivity(
        'card' in reply ? { type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(reply.card)] } : { type: ActivityTypes.Message, text: reply.text },
      );
    }
  }
}
