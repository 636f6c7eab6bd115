import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';

/**
 * `new DefaultAzureCredential()` (managed identity in Azure, developer login locally), made when the first token
 * is asked for. @azure/identity is loaded only then: a process that never asks (the embedded store, a key, the
 * JSON directory: development and the tests) does not load it at start-up. One credential per call of this
 * function, so the clients that share it share one token cache.
 */
export function defaultAzureCredential(): TokenCredential {
  let credential: Promise<TokenCredential> | undefined;
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      credential ??= import('@azure/identity').then(({ DefaultAzureCredential }) => new DefaultAzureCredential());
      return (await credential).getToken(scopes, options);
    },
  };
}
