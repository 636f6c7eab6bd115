import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  CallerIdConstants,
  MemoryStorage,
  ConversationState,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import {
  AuthenticationConstants,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type ConnectorFactory,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import { randomUUID } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { BotAuthConfig } from '../../config';
import { localeFrom, messages, type Locale } from '../../i18n';
import type { Logger } from '../../logger';

/** How the adapter's calls to the Bot Connector behave (docs/decisions/0005). */
export interface ConnectorCallPolicy {
  /** Every connector request is abandoned after this long (botbuilder sets no deadline at all). Default 10 s. */
  readonly timeoutMs?: number;
  /**
   * Throttled requests (429: Teams accepted nothing) are tried again this many times, after Retry-After
   * (at most 3 s). Nothing else is ever retried here: a timeout or a 5xx may have been accepted, and a
   * message post is not idempotent. Default 0 (the outbox retries proactive messages itself).
   */
  readonly throttledRetries?: number;
  /**
   * Awaited right before each request goes out (each try): the proactive adapter passes its pacer's go(), the last
   * gate of the app's rate, as close to the wire as the pipeline allows (request-pacer.ts).
   */
  readonly beforeRequest?: () => Promise<void>;
}

/** The slice of @azure/core-rest-pipeline this module uses (a transitive dependency of botbuilder). */
interface PipelineRequest {
  readonly url: string;
  timeout: number;
  agent?: HttpAgent;
}
interface PipelineResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | undefined };
}
interface PipelinePolicy {
  readonly name: string;
  sendRequest(request: PipelineRequest, next: (request: PipelineRequest) => Promise<PipelineResponse>): Promise<PipelineResponse>;
}
interface Pipeline {
  addPolicy(policy: PipelinePolicy, options?: { phase?: 'Retry' }): void;
  removePolicy(options: { phase?: 'Retry'; name?: string }): PipelinePolicy[];
}

/**
 * One keep-alive connection pool for every connector client: botbuilder makes a client (and with it a pool) per
 * conversation it continues, so each proactive message would otherwise open a connection (a TLS handshake) of its own.
 */
const POOLS = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Retry-After (seconds or an HTTP date), or retry-after-ms, from a response's headers. */
export function retryAfterFrom(headers: unknown): number | undefined {
  if (typeof headers !== 'object' || headers === null || !('get' in headers) || typeof headers.get !== 'function') return undefined;
  const get = (name: string): unknown => (headers.get as (n: string) => unknown).call(headers, name);
  const ms = Number(get('retry-after-ms') ?? get('x-ms-retry-after-ms'));
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = get('retry-after');
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/**
 * Takes botbuilder's retries out of a connector client's pipeline (it retries message posts after timeouts and
 * 5xx, which duplicates messages Teams had accepted) and puts our policy in: a deadline on every request,
 * retries of 429 only, and one shared connection pool. botbuilder keeps the pipeline private, so its absence is an error
 * at the first request rather than a silent return of the old behaviour.
 */
export function applyCallPolicy(client: ConnectorClient, policy: ConnectorCallPolicy): ConnectorClient {
  const pipeline = (client as unknown as { client?: { pipeline?: Pipeline } }).client?.pipeline;
  if (!pipeline || typeof pipeline.removePolicy !== 'function' || typeof pipeline.addPolicy !== 'function') {
    throw new Error('botbuilder changed: the connector client has no request pipeline to take its retries out of');
  }
  const timeoutMs = policy.timeoutMs ?? 10_000;
  const throttledRetries = policy.throttledRetries ?? 0;
  pipeline.removePolicy({ phase: 'Retry' });
  pipeline.addPolicy(
    {
      name: 'acceleratornCallPolicy',
      async sendRequest(request, next) {
        request.timeout = timeoutMs;
        request.agent ??= request.url.startsWith('https:') ? POOLS.https : POOLS.http;
        for (let attempt = 0; ; attempt++) {
          await policy.beforeRequest?.();
          const response = await next(request);
          if (response.status !== 429 || attempt >= throttledRetries) return response;
          await sleep(Math.min(3_000, retryAfterFrom(response.headers) ?? 1_000));
        }
      },
    },
    { phase: 'Retry' },
  );
  return client;
}

/** Every connector client the adapter makes (for turns and proactive sends alike) gets the call policy. */
class PolicedAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    settings: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0],
    credentials: ServiceClientCredentialsFactory | undefined,
    private readonly policy: ConnectorCallPolicy,
  ) {
    super(settings, credentials);
  }

  private policed(factory: ConnectorFactory): ConnectorFactory {
    return { create: async (serviceUrl: string, audience?: string) => applyCallPolicy(await factory.create(serviceUrl, audience), this.policy) };
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.policed(super.createConnectorFactory(claimsIdentity));
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: this.policed(result.connectorFactory) } : result;
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateStreamingRequest(authHeader, channelIdHeader);
    return result.connectorFactory ? { ...result, connectorFactory: this.policed(result.connectorFactory) } : result;
  }
}

/**
 * The Bot Framework adapter. With bot credentials every request must carry a valid Bot Connector JWT
 * (401 otherwise); without them (local runs and tests only, never production: see config.ts) requests
 * are accepted anonymously, as the Agents Playground needs. Connector calls follow `callPolicy`.
 */
export function createCloudAdapter(
  auth: BotAuthConfig | undefined,
  log: Logger,
  localeOverride?: Locale,
  outboundCredentials?: ServiceClientCredentialsFactory,
  callPolicy: ConnectorCallPolicy = {},
): CloudAdapter {
  const credentials = outboundCredentials ?? (auth
    ? new ConfigurationServiceClientCredentialFactory({
        MicrosoftAppId: auth.appId,
        MicrosoftAppPassword: auth.appPassword ?? '',
        MicrosoftAppType: auth.appType,
        MicrosoftAppTenantId: auth.tenantId ?? '',
      })
    : undefined);
  const settings = auth ? { MicrosoftAppId: auth.appId, ...(auth.openIdMetadataUrl ? keysFrom(auth.openIdMetadataUrl) : {}) } : {};
  const adapter = new CloudAdapter(new PolicedAuthentication(settings, credentials, callPolicy));

  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    const correlationId = randomUUID().slice(0, 8);
    log.error('turn failed', {
      correlationId,
      error,
      activityType: context.activity.type,
      conversationId: context.activity.conversation?.id,
    });
    try {
      await context.sendActivity(messages(localeFrom(context.activity.locale, localeOverride)).genericError(correlationId));
    } catch (sendError) {
      log.error('could not tell the user about a failed turn', { correlationId, error: sendError });
    }
  };
  return adapter;
}

/**
 * Tests only (config.ts refuses it in production): the public cloud's settings with the Bot Connector's keys
 * taken from a local stand-in. botbuilder treats any one of these as "all of them are given", so all are.
 */
function keysFrom(openIdMetadataUrl: string) {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: openIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/** Conversation state over the given storage (Cosmos in every mode; memory only where a caller asks). */
export function createConversationState(storage: Storage = new MemoryStorage()): ConversationState {
  return new ConversationState(storage);
}
