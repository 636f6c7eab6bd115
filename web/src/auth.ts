import { bearer, type Credentials } from './api';
import { naaRecommended, teamsSsoToken } from './teams';

/**
 * Sign-in inside Teams. Nested app authentication when the host recommends it: MSAL's nestable client asks the
 * Teams host for a token to `api://<appId>/access_as_user`, silently, and with a popup only when Entra wants an
 * interaction (consent, MFA). Elsewhere Teams SSO (`authentication.getAuthToken`). Either way a renewal (after a
 * 401) asks for a fresh token, not the cached one.
 *
 * MSAL is loaded only here, when the tab runs in Teams with NAA, so the local demo does not download it.
 */
export async function teamsCredentials(appId: string | undefined, tenantId: string | undefined): Promise<Credentials> {
  if (appId && (await naaRecommended())) {
    const msal = await import('./msal');
    const pca = await msal.createNestablePublicClientApplication({
      // The user's own tenant from the Teams context: the app registration is single-tenant.
      auth: { clientId: appId, authority: `https://login.microsoftonline.com/${tenantId ?? 'organizations'}` },
    });
    const scopes = [`api://${appId}/access_as_user`];
    return bearer(async (renew) => {
      const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
      const request = { scopes, ...(account ? { account } : {}), ...(renew ? { forceRefresh: true } : {}) };
      try {
        return (await pca.acquireTokenSilent(request)).accessToken;
      } catch (e) {
        if (e instanceof msal.InteractionRequiredAuthError) return (await pca.acquireTokenPopup({ scopes })).accessToken;
        throw e;
      }
    });
  }
  return bearer(() => teamsSsoToken());
}
