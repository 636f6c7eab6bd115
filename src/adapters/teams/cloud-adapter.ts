import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  CallerIdConstants,
  MemoryStorage,
  ConversationState,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationConstants, type ServiceClientCredentialsFactory } from 'botframework-connector';
import { randomUUID } from 'node:crypto';
import type { BotAuthConfig } from '../../config';
import { localeFrom, messages, type Locale } from '../../i18n';
import type { Logger } from '../../logger';

/**
 * The Bot Framework adapter. With bot credentials every request must carry a valid Bot Connector JWT
 * (401 otherwise); without them (local runs and tests only, never production: see config.ts) requests
 * are accepted anonymously, as the Agents Playground needs.
 */
export function createCloudAdapter(auth: BotAuthConfig | undefined, log: Logger, localeOverride?: Locale, outboundCredentials?: ServiceClientCredentialsFactory): CloudAdapter {
  const credentials = outboundCredentials ?? (auth
    ? new ConfigurationServiceClientCredentialFactory({
        MicrosoftAppId: auth.appId,
        MicrosoftAppPassword: auth.appPassword ?? '',
        MicrosoftAppType: auth.appType,
        MicrosoftAppTenantId: auth.tenantId ?? '',
      })
    : undefined);
  const settings = auth ? { MicrosoftAppId: auth.appId, ...(auth.openIdMetadataUrl ? keysFrom(auth.openIdMetadataUrl) : {}) } : {};
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(settings, credentials));

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
