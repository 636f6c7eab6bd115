import type { z } from 'zod';
import { ApiError, DEMO_PERSON_HEADER, TAB_API, type TabRouteId } from '../../src/adapters/tab/contract';

/**
 * Who is calling: the headers that prove it. `renew` asks for a fresh token (after a 401); a provider without
 * tokens (the local demo) answers the same headers again.
 */
export interface Credentials {
  headers(renew: boolean): Promise<Record<string, string>>;
}

/** A bearer token from a token source (Teams SSO or MSAL's nested app authentication). */
export const bearer = (token: (renew: boolean) => Promise<string>): Credentials => ({
  headers: async (renew) => ({ Authorization: `Bearer ${await token(renew)}` }),
});

/** The local demo's sign-in: the chosen demo person in the header the server honours in local mode only. */
export const demoPerson = (personId: string): Credentials => ({
  headers: async () => ({ [DEMO_PERSON_HEADER]: personId }),
});

/** Why a call did not give an answer, in the terms the page explains to people. */
export type Failure =
  /** 400: fields to correct (`error.fields`) or a refusal with a code and facts. */
  | { readonly kind: 'refused'; readonly error: ApiError }
  /** 403: not the caller's. */
  | { readonly kind: 'forbidden'; readonly error?: ApiError }
  /** 404. */
  | { readonly kind: 'notFound'; readonly error?: ApiError }
  /** 409: someone else decided first, or the state moved. Reload and show what stands. */
  | { readonly kind: 'conflict'; readonly error?: ApiError }
  /** 401 twice (the token was renewed once in between), or the token could not be renewed: reload the tab. */
  | { readonly kind: 'expired' }
  /** No token at all (sign-in failed). */
  | { readonly kind: 'signIn' }
  /** 5xx or no answer: the server is unreachable. Retry. */
  | { readonly kind: 'unreachable' }
  /** An answer that does not have the agreed shape. */
  | { readonly kind: 'broken' };

export type Result<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly failure: Failure };

export type RequestOf<R extends TabRouteId> = z.input<(typeof TAB_API)[R]['request']>;
export type ResponseOf<R extends TabRouteId> = z.output<(typeof TAB_API)[R]['response']>;

export type Call = <R extends TabRouteId>(route: R, request: RequestOf<R>) => Promise<Result<ResponseOf<R>>>;

/** Reads an error body; a body that is not an ApiError is no body. */
async function errorBody(response: Response): Promise<ApiError | undefined> {
  try {
    const parsed = ApiError.safeParse(await response.json());
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A GET's request as a query string: every field that has a value, as text. */
function query(request: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(request)) if (value !== undefined && value !== null) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The one function that calls the tab's API: the route's method and path from TAB_API, a GET's request as the query,
 * a POST's as a JSON body, the answer parsed with the route's schema. A 401 renews the credentials once and tries
 * again; a second 401 means the sign-in has expired.
 */
export function createCall(credentials: Credentials, fetchFn: typeof fetch = (input, init) => fetch(input, init)): Call {
  return async (route, request) => {
    const spec = TAB_API[route];
    const send = async (renew: boolean): Promise<Response | Failure> => {
      let headers: Record<string, string>;
      try {
        headers = await credentials.headers(renew);
      } catch {
        return { kind: renew ? 'expired' : 'signIn' };
      }
      const init: RequestInit =
        spec.method === 'GET'
          ? { method: 'GET', headers: { Accept: 'application/json', ...headers } }
          : { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(request) };
      const url = spec.method === 'GET' ? `${spec.path}${query(request as Record<string, unknown>)}` : spec.path;
      try {
        return await fetchFn(url, { ...init, credentials: 'same-origin' });
      } catch {
        return { kind: 'unreachable' };
      }
    };

    let response = await send(false);
    if (isResponse(response) && response.status === 401) {
      response = await send(true);
      if (isResponse(response) && response.status === 401) return { ok: false, failure: { kind: 'expired' } };
    }
    if (!isResponse(response)) return { ok: false, failure: response };

    const status = response.status;
    if (status >= 200 && status < 300) {
      try {
        const parsed = spec.response.safeParse(await response.json());
        return parsed.success ? { ok: true, data: parsed.data as ResponseOf<typeof route> } : { ok: false, failure: { kind: 'broken' } };
      } catch {
        return { ok: false, failure: { kind: 'broken' } };
      }
    }
    if (status >= 500) return { ok: false, failure: { kind: 'unreachable' } };
    const error = await errorBody(response);
    if (status === 400) return { ok: false, failure: error ? { kind: 'refused', error } : { kind: 'broken' } };
    if (status === 403) return { ok: false, failure: error ? { kind: 'forbidden', error } : { kind: 'forbidden' } };
    if (status === 404) return { ok: false, failure: error ? { kind: 'notFound', error } : { kind: 'notFound' } };
    if (status === 409) return { ok: false, failure: error ? { kind: 'conflict', error } : { kind: 'conflict' } };
    return { ok: false, failure: { kind: 'broken' } };
  };
}

/** A fetch answer (also one made by a test's fetch), told apart from a Failure. */
function isResponse(x: Response | Failure): x is Response {
  return typeof (x as Response).status === 'number' && typeof (x as Response).json === 'function';
}
