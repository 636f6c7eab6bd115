import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../logger';
import { bearerToken, checkHeaders, parseJson, readBody } from '../http/inbound';
import { mayAnswerAs, mayCall, rolesOf, TAB_ROUTES } from './api';
import { EXPORT_ROUTES, exportTexts, writeExport, type ExportPlan, type ExportRoute } from './exports';
import { PRIVACY_EXPORTS } from './privacy-api';

/** Every export, typed against TAB_EXPORTS: one without a route does not compile. */
export const ALL_EXPORTS: { readonly [E in TabExportId]: ExportRoute<E> } = { ...EXPORT_ROUTES, ...PRIVACY_EXPORTS };
import type { TabAnswer, TabServices } from './answers';
import { DEMO_PERSON_HEADER, TAB_API, TAB_EXPORTS, XLSX_TYPE, type TabConfig, type TabExportId, type TabRouteId } from './contract';
import type { TabTokenCheck } from './tab-token';

export interface TabHttpDeps {
  readonly services: TabServices;
  /** The Teams SSO token check; absent when no tab app is configured (locally: only the demo sign-in works). */
  readonly verifyToken?: (token: string) => Promise<TabTokenCheck>;
  /** `npm start`'s demo sign-in: the people one may pick. Absent everywhere else, and then the header is refused. */
  readonly demoPeople?: readonly { readonly id: string; readonly name: string; readonly role: string }[];
  readonly appId?: string;
  /** Where the built tab is (dist/web). */
  readonly staticDir: string;
  /** Runs one request with the reads it repeats remembered, as a bot turn runs (the turn cache). */
  readonly perRequest: <T>(run: () => Promise<T>) => Promise<T>;
  readonly log: Logger;
}

/** Who may frame the tab: Teams, Outlook and Microsoft 365 (web, desktop and mobile hosts), nobody else. */
export const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://*.office365.com',
  'https://*.microsoft365.com',
] as const;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Fluent UI (Griffel) inserts its style rules at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  // teams-js asks Microsoft's CDN which hosts may frame the tab (it falls back to its own list without it).
  "connect-src 'self' https://login.microsoftonline.com https://res.cdn.office.net",
  "frame-src 'self' https://login.microsoftonline.com",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
].join('; ');

/** The headers every tab response carries, the API's and the page's. */
function secure(res: Response, cache: 'no-store' | 'no-cache' | 'immutable'): void {
  res.header('content-security-policy', CONTENT_SECURITY_POLICY);
  res.header('x-content-type-options', 'nosniff');
  res.header('referrer-policy', 'no-referrer');
  res.header('cache-control', cache === 'immutable' ? 'public, max-age=31536000, immutable' : cache);
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

type Identity = { readonly ok: true; readonly personId: string } | { readonly ok: false; readonly status: 401 | 503 };

/** Registers the tab under /tab/ and its API under /api/tab/ on the bot's server. */
export function registerTab(server: Server, deps: TabHttpDeps): void {
  const demoIds = new Set(deps.demoPeople?.map((p) => p.id) ?? []);

  /** The person behind a request, from a verified token (or, in local mode only, a demo person); nothing else is read first. */
  const identify = async (req: Request): Promise<Identity> => {
    const demo = req.headers[DEMO_PERSON_HEADER];
    if (demo !== undefined) return typeof demo === 'string' && demoIds.has(demo) ? { ok: true, personId: demo } : { ok: false, status: 401 };
    const token = bearerToken(req.headers.authorization);
    if (!token || !deps.verifyToken) return { ok: false, status: 401 };
    const check = await deps.verifyToken(token);
    return check.ok ? { ok: true, personId: check.personId } : check;
  };

  const answer = (res: Response, status: number, body?: unknown) => {
    secure(res, 'no-store');
    if (status === 401 || status === 503) res.header('connection', 'close');
    if (body === undefined) res.send(status);
    else res.send(status, body);
  };

  const handler = (id: TabRouteId) => async (req: Request, res: Response) => deps.perRequest(() => serve(id, req, res));

  const serve = async (id: TabRouteId, req: Request, res: Response) => {
    const spec = TAB_API[id];
    try {
      const who = await identify(req);
      if (!who.ok) return answer(res, who.status);
      let input: unknown;
      if (spec.method === 'POST') {
        const header = checkHeaders(req);
        if (header) return answer(res, header.status);
        const body = await readBody(req);
        if (!body.ok) return answer(res, body.status);
        const json = parseJson(body.value);
        if (!json.ok) return answer(res, json.status);
        input = json.value;
      } else {
        input = Object.fromEntries(new URL(req.url ?? '/', 'http://tab.invalid').searchParams);
      }
      const request = spec.request.safeParse(input);
      if (!request.success) return answer(res, 400, { error: 'INVALID_INPUT' });
      const roles = await rolesOf(deps.services, who.personId);
      if (!mayCall(id, roles)) return answer(res, 403, { error: 'NOT_ALLOWED' });
      const route = TAB_ROUTES[id] as { handle(s: TabServices, c: { id: string; roles: typeof roles }, r: unknown): Promise<TabAnswer> };
      const out = await route.handle(deps.services, { id: who.personId, roles }, request.data);
      answer(res, out.status, out.body);
    } catch (error) {
      deps.log.error('tab request failed', { route: id, error });
      if (!res.headersSent) answer(res, 500, { error: 'INTERNAL' });
    }
  };

  for (const id of Object.keys(TAB_API) as TabRouteId[]) {
    const spec = TAB_API[id];
    if (spec.method === 'GET') server.get(spec.path, handler(id));
    else server.post(spec.path, handler(id));
  }

  /**
   * An export: the same sign-in and role gate as every route, the plan (authorization and first read) before a byte is
   * sent, then the workbook streamed into the response. A failure after the headers went out ends the response (the
   * browser sees a broken download, never half a file as whole).
   */
  const serveExport = async (id: TabExportId, req: Request, res: Response) => {
    try {
      const who = await identify(req);
      if (!who.ok) return answer(res, who.status);
      const request = TAB_EXPORTS[id].request.safeParse(Object.fromEntries(new URL(req.url ?? '/', 'http://tab.invalid').searchParams));
      if (!request.success) return answer(res, 400, { error: 'INVALID_INPUT' });
      const route = ALL_EXPORTS[id] as ExportRoute<TabExportId>;
      const roles = await rolesOf(deps.services, who.personId);
      if (!mayAnswerAs(route.as, roles)) return answer(res, 403, { error: 'NOT_ALLOWED' });
      const texts = exportTexts(request.data.lang);
      const plan = await route.plan(deps.services, { id: who.personId, roles }, request.data as never, texts.m, texts.x);
      if (!isPlan(plan)) return answer(res, plan.status, plan.body);
      secure(res, 'no-store');
      res.writeHead(200, { 'content-type': XLSX_TYPE, 'content-disposition': contentDisposition(plan.filename) });
      await writeExport(deps.services, who.personId, id, plan, res);
      res.end();
    } catch (error) {
      deps.log.error('tab export failed', { export: id, error });
      if (!res.headersSent) answer(res, 500, { error: 'INTERNAL' });
      else res.destroy();
    }
  };
  for (const id of Object.keys(TAB_EXPORTS) as TabExportId[]) server.get(TAB_EXPORTS[id].path, async (req: Request, res: Response) => deps.perRequest(() => serveExport(id, req, res)));

  server.get('/api/tab/config', async (_req: Request, res: Response) => {
    const config: TabConfig = { ...(deps.appId ? { appId: deps.appId } : {}), ...(deps.demoPeople ? { demo: [...deps.demoPeople] } : {}) };
    answer(res, 200, config);
  });

  const files = new Map<string, Buffer>();
  const serveFile = async (req: Request, res: Response) => {
    const path = new URL(req.url ?? '/', 'http://tab.invalid').pathname.replace(/^\/tab\/?/, '');
    const relative = normalize(path === '' ? 'index.html' : decodeURIComponent(path));
    const full = join(deps.staticDir, relative);
    if (relative.startsWith('..') || !full.startsWith(deps.staticDir + sep) || !TYPES[extname(full)]) return plain(res, 404, 'Not found');
    let content = files.get(full);
    if (!content) {
      try {
        content = await readFile(full);
        files.set(full, content);
      } catch {
        return plain(res, 404, relative === 'index.html' ? 'The tab is not built: run npm run build:web' : 'Not found');
      }
    }
    secure(res, relative.startsWith(`assets${sep}`) ? 'immutable' : 'no-cache');
    res.header('content-type', TYPES[extname(full)]);
    res.sendRaw(200, content);
  };
  const plain = (res: Response, status: number, text: string) => {
    secure(res, 'no-store');
    res.header('content-type', 'text/plain; charset=utf-8');
    res.sendRaw(status, text);
  };
  server.get('/tab', async (_req: Request, res: Response) => {
    secure(res, 'no-store');
    res.header('location', '/tab/');
    res.send(301);
  });
  server.get('/tab/*', async (req: Request, res: Response) => serveFile(req, res).catch(() => plain(res, 404, 'Not found')));
}

const isPlan = (x: ExportPlan | TabAnswer): x is ExportPlan => 'write' in x;

/** `attachment` with the name in ASCII for old clients and in UTF-8 (RFC 6266, 5987) for the rest: å, ä and ö kept. */
export function contentDisposition(filename: string): string {
  const ascii = filename.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
