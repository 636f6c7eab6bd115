import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';

/** Where the Bot Connector publishes the keys it signs Teams' requests with (public cloud). */
export const BOT_CONNECTOR_OPENID_METADATA = 'https://login.botframework.com/v1/.well-known/openidconfiguration';
/** The issuer of every token the Bot Connector sends a bot. */
export const BOT_CONNECTOR_ISSUER = 'https://api.botframework.com';

export type TokenCheck =
  | { readonly ok: true; readonly claims: JWTPayload & { readonly serviceurl?: string; readonly tid?: string } }
  | { readonly ok: false; readonly status: 401 | 503 };

const OpenIdMetadata = z.object({ jwks_uri: z.url({ protocol: /^https?$/ }) });

/**
 * Verifies the Bot Connector's JWT on /api/messages before the body is read: RS256 only, signed by a key the
 * Bot Connector publishes, issued by it to this bot, within its lifetime (five minutes' tolerance, as
 * botbuilder allows). botbuilder checks the same token again after us (and the key's endorsement of the
 * channel); this check exists so that every refused token is a plain 401 with no detail, never a 500 that
 * echoes the JWT library's reason, and so that nothing of an unauthenticated request is parsed.
 * Only an unreachable key service is our fault (503).
 */
export function botTokenVerifier(options: { readonly appId: string; readonly openIdMetadataUrl?: string; readonly timeoutMs?: number }): (token: string) => Promise<TokenCheck> {
  const metadataUrl = options.openIdMetadataUrl ?? BOT_CONNECTOR_OPENID_METADATA;
  const timeoutMs = options.timeoutMs ?? 5000;
  let keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;

  const loadKeys = async () => {
    const res = await fetch(metadataUrl, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new Error(`OpenID metadata answered ${res.status}`);
    const { jwks_uri } = OpenIdMetadata.parse(await res.json());
    // jose refetches the key set when a token names a key it does not know (at most every 30 s).
    return createRemoteJWKSet(new URL(jwks_uri), { timeoutDuration: timeoutMs, cacheMaxAge: 24 * 3600 * 1000 });
  };

  return async (token) => {
    let jwks: ReturnType<typeof createRemoteJWKSet>;
    try {
      keys ??= loadKeys();
      jwks = await keys;
    } catch {
      keys = undefined; // try again on the next request
      return { ok: false, status: 503 };
    }
    try {
      const { payload } = await jwtVerify(token, jwks, { issuer: BOT_CONNECTOR_ISSUER, audience: options.appId, algorithms: ['RS256'], clockTolerance: 300 });
      return { ok: true, claims: payload };
    } catch (e) {
      if (e instanceof errors.JWKSTimeout || !(e instanceof errors.JOSEError)) return { ok: false, status: 503 };
      return { ok: false, status: 401 };
    }
  };
}
