import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';

/**
 * `new DefaultAzureCredential()` (managed identity in Azure, developer login locally), made when the first token
 * is asked for. @azure/identity is loaded only then: a process that never asks (the embedded store, a key, the
 * JSON directory: development and the tests) does not load it at start-up. One credential per call of this
 * function, so the clients that share it share one token cache.
 */
export function defaultAzureCredential(managedIdentityClientId?: string): TokenCredential {
  let credential: Promise<TokenCredential> | undefined;
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      // A user-assigned identity must be named: without its client id DefaultAzureCredential asks for the system-assigned one.
      credential ??= import('@azure/identity').then(({ DefaultAzureCredential }) => (managedIdentityClientId ? new DefaultAzureCredential({ managedIdentityClientId }) : new DefaultAzureCredential()));
      return (await credential).getToken(scopes, options);
    },
  };
}
