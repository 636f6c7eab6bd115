import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';
import { startJsonServer, type JsonServer } from './json-server';

/**
 * Stands in for Entra ID's published signing keys (login.microsoftonline.com/…/discovery/v2.0/keys): one RS256 key
 * in a JWKS on this machine. `token()` signs what Teams SSO (NAA or getAuthToken) hands the tab — a v2 access token
 * for the tab app with `access_as_user` — and, with overrides, every wrong token the tests need. Nothing leaves the machine.
 */
export class FakeEntraKeys {
  private server?: JsonServer;
  private key?: { privateKey: KeyLike; publicKey: KeyLike };
  readonly kid = 'fake-entra-key-1';
  jwksUrl = '';
  keyFetches = 0;

  constructor(readonly tenantId: string, readonly appId: string) {}

  async start(): Promise<string> {
    this.key = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(this.key.publicKey)), kid: this.kid, use: 'sig', alg: 'RS256' };
    this.server = await startJsonServer((path) => {
      if (path !== '/common/discovery/v2.0/keys') return undefined;
      this.keyFetches++;
      return { keys: [jwk] };
    });
    this.jwksUrl = `${this.server.base}/common/discovery/v2.0/keys`;
    return this.jwksUrl;
  }

  /** The public key as PEM: what an attacker has, and signs HS256 tokens with. */
  async publicPem(): Promise<string> {
    if (!this.key) throw new Error('start() first');
    return exportSPKI(this.key.publicKey);
  }

  /** A token for `oid` as Entra ID issues it to the tab (an hour's life); `claims` override, `how` signs it wrong. */
  async token(oid: string, claims: JWTPayload = {}, how: { alg?: string; kid?: string; secret?: Uint8Array } = {}): Promise<string> {
    if (!this.key) throw new Error('start() first');
    const now = Math.floor(Date.now() / 1000);
    const tid = typeof claims.tid === 'string' ? claims.tid : this.tenantId;
    return new SignJWT({ oid, tid, scp: 'access_as_user', ver: '2.0', name: 'Test Person', ...claims })
      .setProtectedHeader({ alg: how.alg ?? 'RS256', kid: how.kid ?? this.kid, typ: 'JWT' })
      .setIssuer(typeof claims.iss === 'string' ? claims.iss : `https://login.microsoftonline.com/${tid}/v2.0`)
      .setAudience(typeof claims.aud === 'string' ? claims.aud : this.appId)
      .setIssuedAt(typeof claims.iat === 'number' ? claims.iat : now)
      .setNotBefore(typeof claims.nbf === 'number' ? claims.nbf : now - 60)
      .setExpirationTime(typeof claims.exp === 'number' ? claims.exp : now + 3600)
      .sign(how.secret ?? this.key.privateKey);
  }

  async stop(): Promise<void> {
    await this.server?.stop();
  }
}
