import type { z } from 'zod';
import { ApiError, DEMO_PERSON_HEADER, TAB_API, TAB_EXPORTS, XLSX_TYPE, type TabExportId, type TabRouteId } from '../../src/adapters/tab/contract';

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
 * Sends one request with the credentials' headers; a 401 renews the credentials once and sends it again. Answers the
 * response (any status but a second 401) or why there is none.
 */
async function sendRenewing(credentials: Credentials, fetchFn: typeof fetch, url: string, init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string }): Promise<Response | Failure> {
  const send = async (renew: boolean): Promise<Response | Failure> => {
    let headers: Record<string, string>;
    try {
      headers = await credentials.headers(renew);
    } catch {
      return { kind: renew ? 'expired' : 'signIn' };
    }
    try {
      return await fetchFn(url, { ...init, headers: { ...init.headers, ...headers }, credentials: 'same-origin' });
    } catch {
      return { kind: 'unreachable' };
    }
  };
  const response = await send(false);
  if (!isResponse(response) || response.status !== 401) return response;
  const again = await send(true);
  return isResponse(again) && again.status === 401 ? { kind: 'expired' } : again;
}

/** What an answer that is not a success means: 5xx unreachable, 400/403/404/409 with their refusal, else broken. */
async function failureOf(response: Response): Promise<Failure> {
  const status = response.status;
  if (status >= 500) return { kind: 'unreachable' };
  const error = await errorBody(response);
  if (status === 400) return error ? { kind: 'refused', error } : { kind: 'broken' };
  if (status === 403) return error ? { kind: 'forbidden', error } : { kind: 'forbidden' };
  if (status === 404) return error ? { kind: 'notFound', error } : { kind: 'notFound' };
  if (status === 409) return error ? { kind: 'conflict', error } : { kind: 'conflict' };
  return { kind: 'broken' };
}

/**
 * The one function that calls the tab's API: the route's method and path from TAB_API, a GET's request as the query,
 * a POST's as a JSON body, the answer parsed with the route's schema. A 401 renews the credentials once and tries
 * again; a second 401 means the sign-in has expired.
 */
export function createCall(credentials: Credentials, fetchFn: typeof fetch = (input, init) => fetch(input, init)): Call {
  return async (route, request) => {
    const spec = TAB_API[route];
    const response =
      spec.method === 'GET'
        ? await sendRenewing(credentials, fetchFn, `${spec.path}${query(request as Record<string, unknown>)}`, { method: 'GET', headers: { Accept: 'application/json' } })
        : await sendRenewing(credentials, fetchFn, spec.path, { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
    if (!isResponse(response)) return { ok: false, failure: response };
    if (response.status >= 200 && response.status < 300) {
      try {
        const parsed = spec.response.safeParse(await response.json());
        return parsed.success ? { ok: true, data: parsed.data as ResponseOf<typeof route> } : { ok: false, failure: { kind: 'broken' } };
      } catch {
        return { ok: false, failure: { kind: 'broken' } };
      }
    }
    return { ok: false, failure: await failureOf(response) };
  };
}

export type ExportRequestOf<E extends TabExportId> = z.input<(typeof TAB_EXPORTS)[E]['request']>;

/** Downloads one Excel export and saves it; answers the file's name. */
export type Download = <E extends TabExportId>(exportId: E, request: ExportRequestOf<E>) => Promise<Result<string>>;

/**
 * What saving a file needs of the page's document. (Typed here: the node tests compile this file without the DOM's
 * types, and never call it.)
 */
interface SaveDocument {
  createElement(tag: 'a'): { href: string; download: string; rel: string; style: { display: string }; click(): void; remove(): void };
  readonly body: { appendChild(node: unknown): unknown };
}

/** Saves a file the way a browser does: an object URL behind a temporary `<a download>`, clicked once. */
export function saveFile(blob: Blob, fileName: string): void {
  const doc = (globalThis as unknown as { document: SaveDocument }).document;
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The click has handed the file to the browser's download; the URL is let go once it has read it.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/**
 * The file name a Content-Disposition header gives: `filename*=UTF-8''…` (percent-encoded, so å, ä and ö survive)
 * first, else `filename="…"`; without either, undefined. Path separators are dropped: a name, never a path.
 */
export function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const clean = (name: string) => name.replace(/[/\\]/g, '_').trim() || undefined;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(disposition);
  if (star?.[2]) {
    try {
      return clean(decodeURIComponent(star[2].trim().replace(/^"|"$/g, '')));
    } catch {
      // A broken encoding: try the plain name.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(disposition);
  const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2];
  return name ? clean(name) : undefined;
}

/**
 * The Excel exports (TAB_EXPORTS): a GET of the export's path with the request as the query and the same credentials
 * as every call (a 401 renews them once), the answer read as an .xlsx file, named by its Content-Disposition, and
 * saved. Failures are the same as a call's.
 */
export function createDownload(credentials: Credentials, fetchFn: typeof fetch = (input, init) => fetch(input, init), save: (blob: Blob, fileName: string) => void = saveFile): Download {
  return async (exportId, request) => {
    const spec = TAB_EXPORTS[exportId];
    const response = await sendRenewing(credentials, fetchFn, `${spec.path}${query(request as Record<string, unknown>)}`, { method: 'GET', headers: { Accept: XLSX_TYPE } });
    if (!isResponse(response)) return { ok: false, failure: response };
    if (response.status < 200 || response.status >= 300) return { ok: false, failure: await failureOf(response) };
    // An answer that says it is something else (an HTML error page, JSON) is not the file.
    const type = response.headers.get('content-type');
    if (type && !type.toLowerCase().startsWith(XLSX_TYPE)) return { ok: false, failure: { kind: 'broken' } };
    let blob: Blob;
    try {
      blob = new Blob([await response.arrayBuffer()], { type: XLSX_TYPE });
    } catch {
      return { ok: false, failure: { kind: 'unreachable' } };
    }
    const fileName = fileNameOf(response.headers.get('content-disposition')) ?? `${exportId}.xlsx`;
    save(blob, fileName);
    return { ok: true, data: fileName };
  };
}

/** A fetch answer (also one made by a test's fetch), told apart from a Failure. */
function isResponse(x: Response | Failure): x is Response {
  return typeof (x as Response).status === 'number' && typeof (x as Response).json === 'function';
}
