import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';

/** Entra ID's signing keys (the same set for every tenant); tests publish their own (TAB_JWKS_URL). */
export const ENTRA_JWKS = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';
/** The scope the tab asks for (manifest webApplicationInfo, the app registration's exposed API). */
export const TAB_SCOPE = 'access_as_user';
/** How far the server's clock and Entra ID's may disagree. */
export const CLOCK_TOLERANCE_S = 60;

export type TabTokenCheck = { readonly ok: true; readonly personId: string; readonly name?: string } | { readonly ok: false; readonly status: 401 | 503 };

/** The claims that make a person of a verified token; anything else in it is ignored. */
const Claims = z.object({
  oid: z.string().regex(/^[0-9A-Za-z-]{1,64}$/),
  tid: z.string().min(1).max(64),
  scp: z.string().max(2000),
  name: z.string().max(200).optional(),
});

export interface TabTokenOptions {
  /** The tab's app registration (client id): the audience of a v2 token. */
  readonly appId: string;
  /** Its application ID URI (`api://<host>/<client id>`), also accepted as the audience. */
  readonly appIdUri?: string;
  /** The tenants served: `tid`, and the v2 issuer `https://login.microsoftonline.com/<tid>/v2.0`, must name one. */
  readonly tenantIds: readonly string[];
  readonly jwksUrl?: string;
  readonly timeoutMs?: number;
}

/**
 * Verifies the Teams SSO token (NAA or getAuthToken) on every tab request: RS256 only, a key Entra ID publishes,
 * a v2 issuer of a served tenant, the tab app as audience, `access_as_user` in `scp`, `tid` a served tenant, within
 * its lifetime (CLOCK_TOLERANCE_S). The person is `oid`. Every refusal is a bare 401; only an unreachable key service
 * is ours (503).
 */
export function tabTokenVerifier(options: TabTokenOptions, keys?: JWTVerifyGetKey): (token: string) => Promise<TabTokenCheck> {
  const jwks = keys ?? createRemoteJWKSet(new URL(options.jwksUrl ?? ENTRA_JWKS), { timeoutDuration: options.timeoutMs ?? 5000, cacheMaxAge: 24 * 3600 * 1000 });
  const tenants = new Set(options.tenantIds.map((t) => t.toLowerCase()));
  const issuers = options.tenantIds.map((t) => `https://login.microsoftonline.com/${t}/v2.0`);
  const audience = [options.appId, ...(options.appIdUri ? [options.appIdUri] : [])];
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, jwks, { algorithms: ['RS256'], issuer: issuers, audience, clockTolerance: CLOCK_TOLERANCE_S, requiredClaims: ['exp', 'iat'] });
      const claims = Claims.safeParse(payload);
      if (!claims.success) return { ok: false, status: 401 };
      const { oid, tid, scp, name } = claims.data;
      // The issuer names a served tenant; the token's own tenant must be that one.
      if (!tenants.has(tid.toLowerCase()) || payload.iss !== `https://login.microsoftonline.com/${tid}/v2.0`) return { ok: false, status: 401 };
      if (!scp.split(' ').includes(TAB_SCOPE)) return { ok: false, status: 401 };
      return { ok: true, personId: oid, ...(name ? { name } : {}) };
    } catch (e) {
      if (e instanceof errors.JWKSTimeout || !(e instanceof errors.JOSEError)) return { ok: false, status: 503 };
      return { ok: false, status: 401 };
    }
  };
}
