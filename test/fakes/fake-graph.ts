import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * A Microsoft Graph user as the fake stores it: Graph's own property names (absent means null in Graph),
 * plus `managerId` for the manager / directReports relation.
 */
export type FakeGraphUser = {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly businessPhones?: readonly string[];
  readonly accountEnabled?: boolean;
  readonly managerId?: string;
} & { readonly [K in FakeGraphText]?: string | null };

/** The user's text properties in Graph, each a string or null. */
type FakeGraphText = 'displayName' | 'mail' | 'givenName' | 'surname' | 'department' | 'officeLocation' | 'companyName' | 'jobTitle' | 'employeeHireDate' | 'employeeType' | 'employeeId' | 'mobilePhone' | 'preferredLanguage' | 'userType';

export interface FakeGraphOptions {
  /** Entries per page of a collection when the request names no `$top` (Graph: 100). */
  readonly pageSize?: number;
  /**
   * Graph's throttling of the app-installation routes: every `every`-th request to them is answered 429 with
   * `Retry-After: retryAfterSeconds` (Teams' installation APIs throttle per app and tenant).
   */
  readonly throttleInstallations?: { readonly every: number; readonly retryAfterSeconds: number };
  /** The tenant's app catalogue: the Teams app's manifest id (externalId) and the catalogue id it gets. */
  readonly catalog?: { readonly externalId: string; readonly id: string };
  /** When set, the only bearer token accepted; otherwise any non-empty one. */
  readonly token?: string;
}

export interface RecordedRequest {
  readonly method: string;
  /** As it came over the wire (path and query, still percent-encoded). */
  readonly rawUrl: string;
  /** Decoded path, e.g. `/v1.0/users/u-1/manager`. */
  readonly path: string;
  /** Decoded query options, e.g. `{ $select: 'id', $filter: "mail eq 'a@b.se' or ..." }`. */
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  status: number;
}

interface Fault {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

type Reply = { readonly status: number; readonly body?: unknown; readonly headers?: Readonly<Record<string, string>> };

/** Properties of microsoft.graph.user the fake knows; `$select` of anything else is a 400, as in Graph. */
const USER_PROPERTIES = [
  'id',
  'accountEnabled',
  'businessPhones',
  'companyName',
  'department',
  'displayName',
  'employeeHireDate',
  'employeeId',
  'employeeType',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'userType',
] as const;

/** What Graph returns for a user when no `$select` is given (department, companyName and the like are not among them). */
const DEFAULT_USER_PROPERTIES = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'];

const KNOWN_QUERY_OPTIONS = new Set(['$select', '$filter', '$top', '$skiptoken', '$count', '$expand']);
/** The one `$expand` of the users list the adapter uses. */
const MANAGER_EXPAND = 'manager($select=id)';
const INSTALLED_APPS = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps(?:\/([^/]+)(\/chat)?)?$/;

/** Exactly `mail eq '…' or userPrincipalName eq '…'`, each an OData string literal (a quote inside is doubled). */
const FILTER = /^mail eq '((?:[^']|'')*)' or userPrincipalName eq '((?:[^']|'')*)'$/;

const GRAPH_CONTENT_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

const defaultFaultCode = (status: number): string =>
  status === 429 ? 'Request_ThrottledTemporarily' : status === 503 ? 'serviceNotAvailable' : status === 504 ? 'UnknownError' : 'generalException';

/**
 * A local Microsoft Graph (v1.0) for the directory adapter, on node's http: the user routes the bot reads, with
 * Graph's `$select`, `$filter` (the e-mail lookup form only), paging by `@odata.nextLink`, error bodies and
 * bearer-token check, plus fault injection and a log of requests.
 */
export class FakeGraph {
  private readonly server: Server;
  private readonly pageSize: number;
  private readonly token: string | undefined;
  private users: FakeGraphUser[] = [];
  /** The users by id and by user principal name, lower case. */
  private byKey = new Map<string, FakeGraphUser>();
  private faults: Fault[] = [];
  private readonly log: RecordedRequest[] = [];
  private base = '';
  private readonly throttle: FakeGraphOptions['throttleInstallations'];
  private readonly catalog: FakeGraphOptions['catalog'];
  private installationRequests = 0;
  /** Installations of the catalogue app, by user id: the installation id. */
  private readonly installations = new Map<string, string>();
  /** Called when the app is installed for a user, with the 1:1 chat's id (a fake Bot Connector learns the chat). */
  onInstalled: (userId: string, chatId: string) => void = () => undefined;
  /** 429s answered by the installation routes. */
  throttledCount = 0;

  constructor(options: FakeGraphOptions = {}) {
    this.pageSize = options.pageSize ?? 100;
    this.token = options.token;
    this.throttle = options.throttleInstallations;
    this.catalog = options.catalog;
    this.server = createServer((req, res) => this.handle(req, res));
  }

  /** Starts on a free port of 127.0.0.1; resolves to the base URL (no trailing slash, no version). */
  async start(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('FakeGraph: not listening on a TCP port');
    this.base = `http://127.0.0.1:${address.port}`;
    return this.base;
  }

  async stop(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
    this.server.closeAllConnections();
    await closed;
  }

  get baseUrl(): string {
    return this.base;
  }

  setUsers(users: readonly FakeGraphUser[]): void {
    this.users = [...users];
    this.byKey = new Map(users.flatMap((u) => [[u.id.toLowerCase(), u] as const, [u.userPrincipalName.toLowerCase(), u] as const]));
  }

  /** Whether the catalogue app is installed for a user (by an earlier test step or the app itself). */
  installedFor(userId: string): boolean {
    return this.installations.has(userId);
  }

  /** The 1:1 chat of a user with the bot, as Graph names it (`19:<user>_<app>@unq.gbl.spaces`). */
  chatOf(userId: string): string {
    return `19:${userId}_${this.catalog?.id ?? 'app'}@unq.gbl.spaces`;
  }

  /** The next `count` requests (whatever they ask) are answered with `status`, `headers` and a Graph error body. */
  failNext(count: number, status: number, headers: Readonly<Record<string, string>> = {}, body?: unknown): void {
    const fault: Fault = { status, headers, body: body ?? graphError(defaultFaultCode(status), `Injected failure ${status}.`) };
    for (let i = 0; i < count; i++) this.faults.push(fault);
  }

  get requests(): readonly RecordedRequest[] {
    return this.log;
  }

  clearRequests(): void {
    this.log.length = 0;
  }

  /** Forgets users, pending faults and the request log. */
  reset(): void {
    this.setUsers([]);
    this.faults = [];
    this.clearRequests();
  }

  // -------------------------------------------------------------------------------------------------------------

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => this.answer(req, res, Buffer.concat(chunks).toString('utf8')));
  }

  private answer(req: IncomingMessage, res: ServerResponse, body: string): void {
    const rawUrl = req.url ?? '/';
    const url = new URL(rawUrl, this.base);
    const query: Record<string, string> = {};
    for (const [key, value] of url.searchParams) query[key.toLowerCase().startsWith('$') ? key.toLowerCase() : key] = value;
    const record: RecordedRequest = { method: req.method ?? 'GET', rawUrl, path: decodeURIComponent(url.pathname), query, headers: req.headers, status: 0 };
    this.log.push(record);

    const reply = this.route(req, url, query, body);
    record.status = reply.status;
    const clientRequestId = req.headers['client-request-id'];
    res.writeHead(reply.status, {
      // A 201 without a body (an installation) comes with no content type, as from Graph.
      ...(reply.body === undefined ? { 'content-length': '0' } : { 'content-type': GRAPH_CONTENT_TYPE }),
      'request-id': randomUUID(),
      ...(typeof clientRequestId === 'string' ? { 'client-request-id': clientRequestId } : {}),
      ...reply.headers,
    });
    res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  }

  private route(req: IncomingMessage, url: URL, query: Record<string, string>, body: string): Reply {
    const fault = this.faults.shift();
    if (fault) return { status: fault.status, headers: fault.headers, body: fault.body };

    const auth = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    if (!auth) {
      return { status: 401, headers: { 'www-authenticate': 'Bearer realm=""' }, body: graphError('InvalidAuthenticationToken', 'Access token is empty.') };
    }
    if (this.token !== undefined && auth[1] !== this.token) {
      return { status: 401, body: graphError('InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.') };
    }
    const path = decodeURIComponent(url.pathname);
    if (path === '/v1.0/appCatalogs/teamsApps' && req.method === 'GET') return this.catalogApps(query);
    const installed = INSTALLED_APPS.exec(path);
    if (installed) return this.installedApps(req.method ?? 'GET', installed[1] ?? '', installed[2], installed[3] !== undefined, query, body);
    if (req.method !== 'GET') return { status: 405, body: graphError('Request_BadRequest', 'Specified HTTP method is not allowed for the request target.') };

    const segments = url.pathname.split('/').filter((s) => s !== '').map(decodeURIComponent);
    const [version, entitySet, key, navigation, ...rest] = segments;
    if (version !== 'v1.0') return badRequest(`Invalid version: ${version ?? ''}`);
    if (entitySet !== 'users') return badRequest(`Resource not found for the segment '${entitySet ?? ''}'.`);
    if (rest.length > 0) return badRequest(`Resource not found for the segment '${rest[0] ?? ''}'.`);
    const unknownOption = Object.keys(query).find((k) => k.startsWith('$') && !KNOWN_QUERY_OPTIONS.has(k));
    if (unknownOption) return badRequest(`Query option '${unknownOption}' is not allowed.`);
    const select = parseSelect(query.$select);
    if (typeof select === 'string') return badRequest(select);

    if (key === undefined) return this.listUsers(url, query, select);
    const user = this.find(key);
    if (!user) return notFound(key);
    if (navigation === undefined) return ok({ '@odata.context': this.context(`users(${select.join(',')})/$entity`), ...project(user, select) });
    if (navigation === 'manager') {
      const manager = user.managerId === undefined ? undefined : this.find(user.managerId);
      if (!manager) return notFound('manager');
      return ok({ '@odata.context': this.context('directoryObjects/$entity'), '@odata.type': '#microsoft.graph.user', ...project(manager, select) });
    }
    if (navigation === 'directReports') {
      const reports = this.users.filter((u) => u.managerId === user.id);
      return this.page(url, query, reports, select, 'directoryObjects', true);
    }
    return badRequest(`Resource not found for the segment '${navigation}'.`);
  }

  /** GET /appCatalogs/teamsApps?$filter=externalId eq '…': the catalogue entry of the app, by its manifest id. */
  private catalogApps(query: Record<string, string>): Reply {
    const match = /^externalId eq '((?:[^']|'')*)'$/.exec(query.$filter ?? '');
    if (!match) return badRequest(`Invalid filter clause: ${query.$filter ?? ''}`);
    const app = this.catalog && unquote(match[1] ?? '') === this.catalog.externalId ? [{ id: this.catalog.id, externalId: this.catalog.externalId, displayName: 'Acceleratorn', distributionMethod: 'organization' }] : [];
    return ok({ '@odata.context': this.context('appCatalogs/teamsApps'), value: app });
  }

  /**
   * A user's installed apps (teamwork/installedApps): POST installs the catalogue app (409 when it is already
   * there), GET lists the installation filtered by `teamsApp/id`, GET …/{installation}/chat answers the 1:1 chat.
   */
  private installedApps(method: string, userId: string, installationId: string | undefined, chat: boolean, query: Record<string, string>, body: string): Reply {
    if (this.throttle && ++this.installationRequests % this.throttle.every === 0) {
      this.throttledCount++;
      return { status: 429, headers: { 'retry-after': String(this.throttle.retryAfterSeconds) }, body: graphError('TooManyRequests', 'Too many requests.') };
    }
    const user = this.find(userId);
    if (!user || !this.catalog) return notFound(userId);
    const installation = `${user.id}##${this.catalog.id}`;
    if (method === 'POST' && installationId === undefined) {
      let bind: unknown;
      try {
        bind = (JSON.parse(body) as Record<string, unknown>)['teamsApp@odata.bind'];
      } catch {
        return badRequest('Invalid JSON body.');
      }
      if (bind !== `${this.base}/v1.0/appCatalogs/teamsApps/${this.catalog.id}`) return badRequest(`Invalid teamsApp@odata.bind: ${String(bind)}`);
      if (this.installations.has(user.id)) return { status: 409, body: graphError('Conflict', 'App is already installed for the user.') };
      this.installations.set(user.id, installation);
      this.onInstalled(user.id, this.chatOf(user.id));
      return { status: 201 };
    }
    if (method !== 'GET') return { status: 405, body: graphError('Request_BadRequest', 'Specified HTTP method is not allowed for the request target.') };
    if (installationId === undefined) {
      if (query.$filter !== `teamsApp/id eq '${this.catalog.id}'`) return badRequest(`Invalid filter clause: ${query.$filter ?? ''}`);
      const value = this.installations.has(user.id) ? [{ id: installation, teamsApp: { id: this.catalog.id, externalId: this.catalog.externalId } }] : [];
      return ok({ '@odata.context': this.context(`users('${user.id}')/teamwork/installedApps`), value });
    }
    if (!chat || this.installations.get(user.id) !== installationId) return notFound(installationId);
    return ok({ '@odata.context': this.context('chats/$entity'), id: this.chatOf(user.id), chatType: 'oneOnOne' });
  }

  private listUsers(url: URL, query: Record<string, string>, select: readonly string[]): Reply {
    if (query.$expand !== undefined && query.$expand !== MANAGER_EXPAND) return badRequest(`Expand clause not supported: ${query.$expand}`);
    const filter = query.$filter;
    if (filter === undefined) return this.page(url, query, this.users, select, 'users', false);
    const match = FILTER.exec(filter);
    if (!match) return badRequest(`Invalid filter clause: ${filter}`);
    const mail = unquote(match[1] ?? '').toLowerCase();
    const upn = unquote(match[2] ?? '').toLowerCase();
    const found = this.users.filter((u) => u.mail?.toLowerCase() === mail || u.userPrincipalName.toLowerCase() === upn);
    return this.page(url, query, found, select, 'users', false);
  }

  /** One page of `items` from the `$skiptoken` on, with an absolute `@odata.nextLink` when more remain. */
  private page(url: URL, query: Record<string, string>, items: readonly FakeGraphUser[], select: readonly string[], set: string, typed: boolean): Reply {
    const size = query.$top === undefined ? this.pageSize : Number(query.$top);
    if (!Number.isInteger(size) || size < 1 || size > 999) return badRequest(`Invalid page size specified: '${query.$top ?? ''}'. Must be between 1 and 999 inclusive.`);
    const offset = query.$skiptoken === undefined ? 0 : decodeSkipToken(query.$skiptoken);
    if (offset === undefined) return badRequest('Unable to read the skip token.');
    const manager = (u: FakeGraphUser) => {
      const found = u.managerId === undefined ? undefined : this.find(u.managerId);
      return { manager: found ? { '@odata.type': '#microsoft.graph.user', id: found.id } : null };
    };
    const value = items
      .slice(offset, offset + size)
      .map((u) => ({ ...(typed ? { '@odata.type': '#microsoft.graph.user' } : {}), ...project(u, select), ...(query.$expand === MANAGER_EXPAND ? manager(u) : {}) }));
    const more = offset + size < items.length;
    return ok({
      '@odata.context': this.context(`${set}(${select.join(',')})`),
      ...(more ? { '@odata.nextLink': this.nextLink(url, offset + size) } : {}),
      value,
    });
  }

  private nextLink(url: URL, offset: number): string {
    const kept = url.search
      .slice(1)
      .split('&')
      .filter((p) => p !== '' && !p.toLowerCase().startsWith('$skiptoken='));
    return `${this.base}${url.pathname}?${[...kept, `$skiptoken=${encodeSkipToken(offset)}`].join('&')}`;
  }

  private find(key: string): FakeGraphUser | undefined {
    return this.byKey.get(key.toLowerCase());
  }

  private context(fragment: string): string {
    return `${this.base}/v1.0/$metadata#${fragment}`;
  }
}

function parseSelect(select: string | undefined): readonly string[] | string {
  if (select === undefined) return DEFAULT_USER_PROPERTIES;
  const names: string[] = ['id'];
  for (const raw of select.split(',')) {
    const name = USER_PROPERTIES.find((p) => p.toLowerCase() === raw.trim().toLowerCase());
    if (!name) return `Could not find a property named '${raw.trim()}' on type 'microsoft.graph.user'.`;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** The selected properties (and id) of `user`; what the user lacks is null, as in Graph (businessPhones: []). */
function project(user: FakeGraphUser, select: readonly string[]): Record<string, unknown> {
  const stored = new Map<string, unknown>(Object.entries(user));
  return Object.fromEntries(select.map((name) => [name, stored.get(name) ?? (name === 'businessPhones' ? [] : null)]));
}

const unquote = (literal: string): string => literal.replace(/''/g, "'");

const encodeSkipToken = (offset: number): string => Buffer.from(`fake-skip:${offset}`).toString('base64url');

function decodeSkipToken(token: string): number | undefined {
  const match = /^fake-skip:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

function graphError(code: string, message: string): unknown {
  return { error: { code, message, innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': randomUUID(), 'client-request-id': randomUUID() } } };
}

const ok = (body: unknown): Reply => ({ status: 200, body });
const badRequest = (message: string): Reply => ({ status: 400, body: graphError('BadRequest', message) });
const notFound = (what: string): Reply => ({
  status: 404,
  body: graphError('Request_ResourceNotFound', `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`),
});
