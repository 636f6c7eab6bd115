import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';
import { ServiceClientCredentialsFactory, type ServiceClientCredentials } from 'botframework-connector';
import { startJsonServer, type JsonServer } from './json-server';

/**
 * Stands in for the Bot Connector's OpenID configuration and signing keys (login.botframework.com): an OpenID
 * metadata document naming a JWKS with one RS256 key endorsed for msteams. `token()` signs what Teams' channel
 * would send; tests sign wrong ones with the same helper. Nothing leaves the machine.
 */
export class FakeBotConnectorKeys {
  private server?: JsonServer;
  private key?: { privateKey: KeyLike; publicKey: KeyLike };
  /** A key the stand-in does not publish: a signature under the right kid but the wrong key. */
  private stranger?: { privateKey: KeyLike; publicKey: KeyLike };
  readonly kid = 'fake-connector-key-1';
  metadataUrl = '';
  /** Requests for the keys (botbuilder and our check each fetch once, then cache). */
  keyFetches = 0;

  async start(): Promise<string> {
    this.key = await generateKeyPair('RS256');
    this.stranger = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(this.key.publicKey)), kid: this.kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] };
    this.server = await startJsonServer((path, base) => {
      if (path === '/v1/.well-known/openidconfiguration') return { issuer: 'https://api.botframework.com', jwks_uri: `${base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] };
      if (path !== '/v1/.well-known/keys') return undefined;
      this.keyFetches++;
      return { keys: [jwk] };
    });
    this.metadataUrl = `${this.server.base}/v1/.well-known/openidconfiguration`;
    return this.metadataUrl;
  }

  /** A token as the Bot Connector issues it for `appId` and `serviceUrl`, valid for an hour; `claims` override. */
  async token(appId: string, serviceUrl: string, claims: JWTPayload = {}, how: { alg?: string; kid?: string; key?: 'stranger' } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const key = how.key === 'stranger' ? this.stranger : this.key;
    if (!key) throw new Error('start() first');
    return new SignJWT({ serviceurl: serviceUrl, ...claims })
      .setProtectedHeader({ alg: how.alg ?? 'RS256', kid: how.kid ?? this.kid, typ: 'JWT' })
      .setIssuer(typeof claims.iss === 'string' ? claims.iss : 'https://api.botframework.com')
      .setAudience(typeof claims.aud === 'string' ? claims.aud : appId)
      .setIssuedAt(now)
      .setNotBefore(typeof claims.nbf === 'number' ? claims.nbf : now - 60)
      .setExpirationTime(typeof claims.exp === 'number' ? claims.exp : now + 3600)
      .sign(key.privateKey);
  }

  async stop(): Promise<void> {
    await this.server?.stop();
  }
}

/** Stands in for Entra ID's token endpoint when the bot asks for its outbound token (to call the connector). */
export class FakeEntraCredentials extends ServiceClientCredentialsFactory {
  constructor(private readonly appId: string) {
    super();
  }
  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.appId;
  }
  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }
  async createCredentials(): Promise<ServiceClientCredentials> {
    return {
      signRequest: async (request) => {
        request.headers.set('authorization', 'Bearer outbound-token-from-fake-entra');
        return request;
      },
    };
  }
}
