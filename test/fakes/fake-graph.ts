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

const KNOWN_QUERY_OPTIONS = new Set(['$select', '$filter', '$top', '$skiptoken', '$count']);

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
  private faults: Fault[] = [];
  private readonly log: RecordedRequest[] = [];
  private base = '';

  constructor(options: FakeGraphOptions = {}) {
    this.pageSize = options.pageSize ?? 100;
    this.token = options.token;
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
    this.users = [];
    this.faults = [];
    this.clearRequests();
  }

  // -------------------------------------------------------------------------------------------------------------

  private handle(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    const rawUrl = req.url ?? '/';
    const url = new URL(rawUrl, this.base);
    const query: Record<string, string> = {};
    for (const [key, value] of url.searchParams) query[key.toLowerCase().startsWith('$') ? key.toLowerCase() : key] = value;
    const record: RecordedRequest = { method: req.method ?? 'GET', rawUrl, path: decodeURIComponent(url.pathname), query, headers: req.headers, status: 0 };
    this.log.push(record);

    const reply = this.route(req, url, query);
    record.status = reply.status;
    const clientRequestId = req.headers['client-request-id'];
    res.writeHead(reply.status, {
      'content-type': GRAPH_CONTENT_TYPE,
      'request-id': randomUUID(),
      ...(typeof clientRequestId === 'string' ? { 'client-request-id': clientRequestId } : {}),
      ...reply.headers,
    });
    res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  }

  private route(req: IncomingMessage, url: URL, query: Record<string, string>): Reply {
    const fault = this.faults.shift();
    if (fault) return { status: fault.status, headers: fault.headers, body: fault.body };

    const auth = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    if (!auth) {
      return { status: 401, headers: { 'www-authenticate': 'Bearer realm=""' }, body: graphError('InvalidAuthenticationToken', 'Access token is empty.') };
    }
    if (this.token !== undefined && auth[1] !== this.token) {
      return { status: 401, body: graphError('InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.') };
    }
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

  private listUsers(url: URL, query: Record<string, string>, select: readonly string[]): Reply {
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
    const value = items.slice(offset, offset + size).map((u) => ({ ...(typed ? { '@odata.type': '#microsoft.graph.user' } : {}), ...project(u, select) }));
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
    const wanted = key.toLowerCase();
    return this.users.find((u) => u.id.toLowerCase() === wanted || u.userPrincipalName.toLowerCase() === wanted);
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
