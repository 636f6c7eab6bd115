import type { z } from 'zod';
import { DEMO_PERSON_HEADER, TAB_API, TAB_EXPORTS, type TabExportId, type TabRouteId } from '../../src/adapters/tab/contract';

export type TabAuth = { readonly token: string } | { readonly demo: string } | { readonly none: true };

export interface TabReply {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
}

/** One call of a tab API route as the browser makes it: a GET's request as its query, a POST's as its JSON body. */
export async function callTab<R extends TabRouteId>(baseUrl: string, route: R, request: z.input<(typeof TAB_API)[R]['request']>, auth: TabAuth): Promise<TabReply> {
  const spec = TAB_API[route];
  const headers: Record<string, string> = {};
  if ('token' in auth) headers.authorization = `Bearer ${auth.token}`;
  if ('demo' in auth) headers[DEMO_PERSON_HEADER] = auth.demo;
  let url = `${baseUrl}${spec.path}`;
  let body: string | undefined;
  if (spec.method === 'GET') {
    const query = new URLSearchParams(Object.entries(request as Record<string, string>)).toString();
    if (query) url += `?${query}`;
  } else {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request);
  }
  const res = await fetch(url, { method: spec.method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined, headers: res.headers };
}

/** The route's answer, parsed by its contract schema (a shape the browser could not read fails the test). */
export function answerOf<R extends TabRouteId>(route: R, reply: TabReply): z.output<(typeof TAB_API)[R]['response']> {
  if (reply.status !== 200) throw new Error(`${route} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  return TAB_API[route].response.parse(reply.body) as z.output<(typeof TAB_API)[R]['response']>;
}

/** One export as the browser downloads it: GET with the same sign-in, the answer as bytes (an .xlsx) or an error body. */
export async function downloadExport<E extends TabExportId>(baseUrl: string, id: E, request: z.input<(typeof TAB_EXPORTS)[E]['request']>, auth: TabAuth): Promise<{ status: number; headers: Headers; bytes: Buffer; body?: unknown }> {
  const headers: Record<string, string> = {};
  if ('token' in auth) headers.authorization = `Bearer ${auth.token}`;
  if ('demo' in auth) headers[DEMO_PERSON_HEADER] = auth.demo;
  const query = new URLSearchParams(Object.entries(request as Record<string, string>)).toString();
  const res = await fetch(`${baseUrl}${TAB_EXPORTS[id].path}${query ? `?${query}` : ''}`, { headers });
  const bytes = Buffer.from(await res.arrayBuffer());
  const json = (res.headers.get('content-type') ?? '').includes('json');
  return { status: res.status, headers: res.headers, bytes, ...(json && bytes.length > 0 ? { body: JSON.parse(bytes.toString('utf8')) as unknown } : {}) };
}
