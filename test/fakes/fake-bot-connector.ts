/**
 * A local fake of the Bot Framework Connector service as Microsoft Teams runs it.
 *
 * The bot under test gets `serviceUrl` pointing here; botbuilder's CloudAdapter (anonymous mode:
 * MicrosoftAppCredentials.Empty, so no Authorization header) then calls the v3 REST API below.
 * Routes mirror botframework-connector/lib/connectorApi/operations/conversations.js:
 *
 *   POST   v3/conversations                                      createConversation      -> 201/200 {id, activityId?, serviceUrl}
 *   GET    v3/conversations                                      getConversations        -> 200 {conversations}
 *   POST   v3/conversations/{cid}/activities                     sendToConversation      -> 201 {id}
 *   POST   v3/conversations/{cid}/activities/history             sendConversationHistory -> 201 {id}
 *   POST   v3/conversations/{cid}/activities/{aid}               replyToActivity         -> 201 {id}
 *   PUT    v3/conversations/{cid}/activities/{aid}               updateActivity          -> 200 {id}
 *   DELETE v3/conversations/{cid}/activities/{aid}               deleteActivity          -> 200 (empty)
 *   GET    v3/conversations/{cid}/activities/{aid}/members       getActivityMembers      -> 200 [ChannelAccount]
 *   GET    v3/conversations/{cid}/members                        getConversationMembers  -> 200 [ChannelAccount]
 *   GET    v3/conversations/{cid}/members/{mid}                  getConversationMember   -> 200 ChannelAccount | 404
 *   GET    v3/conversations/{cid}/pagedmembers                   getConversationPagedMembers -> 200 {members, continuationToken?}
 *
 * Path parameters arrive encodeURIComponent-ed (Teams ids contain ':', ';', '@', '='); they are decoded here.
 *
 * Checks, in order, for every request: scripted failure (failNext) -> 413 for message bodies over
 * `maxMessageBytes` -> rate limits (when `enforceRateLimits`) -> the route itself. A request answered
 * with an error is never recorded as a delivered activity; every request is recorded in `requests`.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity, TeamsChannelAccount } from 'botbuilder';

export type ConnectorOperation =
  | 'createConversation'
  | 'getConversations'
  | 'sendToConversation'
  | 'sendConversationHistory'
  | 'replyToActivity'
  | 'updateActivity'
  | 'deleteActivity'
  | 'getActivityMembers'
  | 'getConversationMembers'
  | 'getConversationMember'
  | 'getConversationPagedMembers'
  | 'deleteConversationMember'
  | 'uploadAttachment'
  | 'unknown';

/** A roster entry, as Teams returns it from the members endpoints. */
export type FakeMember = Partial<TeamsChannelAccount> & { id: string };

/** A sliding window: at most `limit` requests in any `windowMs` interval. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/** What a scripted failure's matcher (and `waitForRequest`) can look at. */
export interface RequestInfo {
  method: string;
  /** Raw path as received, including the query string. */
  path: string;
  operation: ConnectorOperation;
  conversationId?: string;
  activityId?: string;
  memberId?: string;
  /** Parsed JSON body (undefined when there is none or it is not JSON). */
  body: unknown;
}

/**
 * How a scripted failure behaves: `refuse` answers `status` and processes nothing; `hang` never answers and
 * processes nothing; `accept-then-hang` processes the request (a message is delivered) and never answers;
 * `accept-then-drop` processes it and then resets the connection. A request left hanging is held until the
 * client gives up or stop() is called.
 */
export type FaultMode = 'refuse' | 'hang' | 'accept-then-hang' | 'accept-then-drop';

export interface ScriptedFailure {
  status: number;
  /** Default `refuse`. */
  mode?: FaultMode;
  /** How many matching requests get this answer; default 1; `Infinity` for "until clearFailures()". */
  count?: number;
  headers?: Record<string, string>;
  /** Response body; default `{error: {code, message}}` derived from the status. */
  body?: unknown;
  /** Only requests for which this returns true are failed (and counted); default: every request. */
  match?: (request: RequestInfo) => boolean;
}

export type RequestOutcome = 'ok' | 'scripted' | 'throttled' | 'too-large' | 'rejected';

export interface RecordedRequest extends RequestInfo {
  /** Arrival order, starting at 1. */
  seq: number;
  status: number;
  outcome: RequestOutcome;
  /** Injected clock at arrival. */
  at: number;
  bodyBytes: number;
  /** Whether an Authorization header was sent (it is ignored either way). */
  authorization: boolean;
  /** Retry-After header value sent with the answer, in seconds. */
  retryAfterSeconds?: number;
  /** Error code in the answered `{error: {code}}` body, if any. */
  errorCode?: string;
}

export interface ActivityVersion {
  activity: Partial<Activity>;
  at: number;
}

export interface RecordedActivity {
  conversationId: string;
  /** Id generated by the fake and returned to the bot (ResourceResponse.id). */
  id: string;
  /** For replyToActivity: the {activityId} of the URL. For sends: the activity's own replyToId, if any. */
  replyToId?: string;
  operation: 'sendToConversation' | 'replyToActivity' | 'createConversation';
  /** The current version (after updates), with `id` set to the generated id. */
  activity: Partial<Activity>;
  /** Injected clock when first delivered. */
  receivedAt: number;
  /** Every version, oldest first; `versions.length - 1` is the number of updates. */
  versions: ActivityVersion[];
  updatedAt?: number;
  deleted: boolean;
  deletedAt?: number;
}

export interface FakeConversation {
  id: string;
  /** Present for conversations created through POST v3/conversations. */
  createdAt?: number;
  isGroup: boolean;
  tenantId?: string;
  members: FakeMember[];
}

export interface FakeBotConnectorOptions {
  /** Clock for rate limits and timestamps; default Date.now. */
  now?: () => number;
  /** Off by default. */
  enforceRateLimits?: boolean;
  /** Per-app limit across all conversations and operations; default 50. */
  perAppPerSecond?: number;
  /** Per conversation thread, for send/reply/update/delete and createConversation; default 7/1 s, 8/2 s, 60/30 s, 1800/h. */
  threadLimits?: RateWindow[];
  /** Per conversation thread, for member/conversation reads; default 14/1 s, 16/2 s, 120/30 s, 3600/h. */
  readLimits?: RateWindow[];
  /** Initial scripted failures (same as calling failNext). */
  failures?: ScriptedFailure[];
  /** Request bodies of message operations larger than this get 413 MessageSizeTooBig; default 100 KB (102400). */
  maxMessageBytes?: number;
  /** The tenant roster: answers the members endpoints (unless setMembers gave a conversation its own list). */
  members?: FakeMember[];
  /** Path prefix of the serviceUrl, like Teams' regional '/emea/'; default '/'. */
  basePath?: string;
  /** Delay before every answer, in real milliseconds; default 0. */
  latencyMs?: number;
  /** Id of the 1:1 conversation created for a member; default `a:1:1-<memberId>`. */
  conversationIdForMember?: (memberId: string) => string;
}

export const TEAMS_THREAD_LIMITS: readonly RateWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1800, windowMs: 3_600_000 },
];

export const TEAMS_READ_LIMITS: readonly RateWindow[] = [
  { limit: 14, windowMs: 1_000 },
  { limit: 16, windowMs: 2_000 },
  { limit: 120, windowMs: 30_000 },
  { limit: 3600, windowMs: 3_600_000 },
];

export const TEAMS_MAX_MESSAGE_BYTES = 100 * 1024;

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  outcome: RequestOutcome;
  /** A fault after deciding: no answer at all, or a reset connection. */
  fault?: 'hang' | 'drop';
}

interface Route {
  operation: ConnectorOperation;
  conversationId?: string;
  activityId?: string;
  memberId?: string;
}

interface QueuedFailure {
  status: number;
  mode: FaultMode;
  remaining: number;
  headers: Record<string, string>;
  body?: unknown;
  match?: (request: RequestInfo) => boolean;
}

type RateCheck = { ok: true } | { ok: false; retryAfterMs: number; reason: string };

const MESSAGE_OPERATIONS: ReadonlySet<ConnectorOperation> = new Set<ConnectorOperation>([
  'createConversation',
  'sendToConversation',
  'sendConversationHistory',
  'replyToActivity',
  'updateActivity',
]);

const WRITE_OPERATIONS: ReadonlySet<ConnectorOperation> = new Set<ConnectorOperation>([
  'sendToConversation',
  'sendConversationHistory',
  'replyToActivity',
  'updateActivity',
  'deleteActivity',
  'deleteConversationMember',
  'uploadAttachment',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(value: unknown, key: string): string | undefined {
  if (!isRecord(value)) return undefined;
  const field = value[key];
  return typeof field === 'string' ? field : undefined;
}

function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

function defaultErrorCode(status: number): string {
  if (status === 413) return 'MessageSizeTooBig';
  if (status === 400) return 'BadArgument';
  return (http.STATUS_CODES[status] ?? `Http${status}`).replace(/[^A-Za-z]/g, '');
}

function describeActivity(record: RecordedActivity): string {
  const text = typeof record.activity.text === 'string' ? record.activity.text : '';
  const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  const attachments = Array.isArray(record.activity.attachments) ? ` +${record.activity.attachments.length} attachment(s)` : '';
  const flags = `${record.deleted ? ' [deleted]' : ''}${record.versions.length > 1 ? ` [v${record.versions.length}]` : ''}`;
  return `${record.operation} ${record.conversationId} #${record.id} ${record.activity.type ?? '?'} ${JSON.stringify(shown)}${attachments}${flags}`;
}

export class FakeBotConnector {
  /** Every delivered activity, in delivery order (deleted ones stay, flagged). */
  readonly activities: RecordedActivity[] = [];
  /** Every request received, in answer order. */
  readonly requests: RecordedRequest[] = [];
  /** Conversations seen: created through createConversation, or first used by a send. */
  readonly conversations = new Map<string, FakeConversation>();

  private readonly now: () => number;
  private readonly enforceRateLimits: boolean;
  private readonly perAppWindows: RateWindow[];
  private readonly threadLimits: RateWindow[];
  private readonly readLimits: RateWindow[];
  private readonly maxMessageBytes: number;
  private readonly basePath: string[];
  private readonly latencyMs: number;
  private readonly conversationIdForMember: (memberId: string) => string;
  private readonly events = new EventEmitter();
  private readonly rateHits = new Map<string, number[]>();
  private failureQueue: QueuedFailure[] = [];
  private roster: FakeMember[];
  private readonly conversationMembers = new Map<string, FakeMember[]>();
  private server: http.Server | undefined;
  private url: string | undefined;
  private requestSeq = 0;
  private activitySeq = 0;
  private throttled = 0;
  private open = 0;
  private faulted = 0;
  private readonly held = new Set<http.ServerResponse>();

  constructor(options: FakeBotConnectorOptions = {}) {
    this.now = options.now ?? Date.now;
    this.enforceRateLimits = options.enforceRateLimits ?? false;
    this.perAppWindows = [{ limit: options.perAppPerSecond ?? 50, windowMs: 1_000 }];
    this.threadLimits = [...(options.threadLimits ?? TEAMS_THREAD_LIMITS)];
    this.readLimits = [...(options.readLimits ?? TEAMS_READ_LIMITS)];
    this.maxMessageBytes = options.maxMessageBytes ?? TEAMS_MAX_MESSAGE_BYTES;
    this.basePath = (options.basePath ?? '/').split('/').filter((s) => s.length > 0);
    this.latencyMs = options.latencyMs ?? 0;
    this.conversationIdForMember = options.conversationIdForMember ?? ((memberId) => `a:1:1-${memberId}`);
    this.roster = [...(options.members ?? [])];
    for (const failure of options.failures ?? []) {
      this.failNext(failure.count ?? 1, failure.status, failure.headers, failure.match, failure.body, failure.mode);
    }
    this.events.setMaxListeners(0);
  }

  /** Listens on 127.0.0.1, a free port; resolves with the serviceUrl (ends with '/'). */
  async start(): Promise<string> {
    if (this.url) return this.url;
    const server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify(errorBody('InternalServerError', `FakeBotConnector crashed: ${String(error)}`)));
        }
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    const prefix = this.basePath.length > 0 ? `${this.basePath.join('/')}/` : '';
    this.url = `http://127.0.0.1:${port}/${prefix}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.url = undefined;
    if (!server) return;
    for (const res of this.held) res.destroy();
    this.held.clear();
    await new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  }

  /** The serviceUrl; throws before start(). */
  get serviceUrl(): string {
    if (!this.url) throw new Error('FakeBotConnector is not started');
    return this.url;
  }

  get requestCount(): number {
    return this.requests.length;
  }

  /** Number of 429 answers (rate limits and scripted 429s). */
  get throttledCount(): number {
    return this.throttled;
  }

  /**
   * The next `n` requests (that satisfy `match`, if given) are answered with `status`, `headers`
   * and an `{error: {code, message}}` body (or `body`), and are not processed or recorded as delivered.
   * Note: botbuilder's HTTP pipeline retries any answer carrying Retry-After (after that many seconds)
   * and 5xx/408 with exponential backoff, up to 3 retries; a 429 without Retry-After is not retried.
   */
  failNext(
    n: number,
    status: number,
    headers: Record<string, string> = {},
    match?: (request: RequestInfo) => boolean,
    body?: unknown,
    mode: FaultMode = 'refuse',
  ): void {
    if (!(n > 0)) throw new Error(`failNext: n must be positive, got ${n}`);
    const entry: QueuedFailure = { status, mode, remaining: n, headers: { ...headers } };
    if (match) entry.match = match;
    if (body !== undefined) entry.body = body;
    this.failureQueue.push(entry);
  }

  /** Requests received and not answered yet (hanging ones included). */
  get openRequests(): number {
    return this.open;
  }

  /** Requests that reached the fake but got no answer (hang modes), and requests answered with a reset. */
  get faultedCount(): number {
    return this.faulted;
  }

  /** Drops all pending scripted failures. */
  clearFailures(): void {
    this.failureQueue = [];
  }

  /** Scripted failures not yet used up (sum of remaining counts). */
  get pendingFailures(): number {
    return this.failureQueue.reduce((sum, f) => sum + f.remaining, 0);
  }

  /** Replaces the tenant roster, or, with a conversationId, that conversation's member list. */
  setMembers(members: FakeMember[], conversationId?: string): void {
    if (conversationId === undefined) this.roster = [...members];
    else this.conversationMembers.set(conversationId, [...members]);
  }

  /** Delivered, not deleted activities of a conversation, in delivery order. */
  sentTo(conversationId: string): RecordedActivity[] {
    return this.activities.filter((a) => a.conversationId === conversationId && !a.deleted);
  }

  /**
   * Resolves with the first recorded activity matching `predicate`: already recorded, or delivered,
   * updated or deleted later. Rejects after `timeoutMs` (real time) listing what was received.
   */
  // Generous: on a loaded CI machine the outbox worker may take seconds; a passing wait returns at once.
  waitFor(predicate: (activity: RecordedActivity) => boolean, timeoutMs = 15_000): Promise<RecordedActivity> {
    return this.waitOn('activity', this.activities, predicate, timeoutMs, () => {
      const received = this.activities.map((a) => `  - ${describeActivity(a)}`);
      const failed = this.requests.filter((r) => r.status >= 400).map((r) => `  - ${r.method} ${r.path} -> ${r.status} (${r.outcome})`);
      return [
        `FakeBotConnector.waitFor: no matching activity within ${timeoutMs} ms.`,
        `Received ${received.length} activit${received.length === 1 ? 'y' : 'ies'}${received.length ? ':' : '.'}`,
        ...received,
        ...(failed.length ? [`Requests answered with errors (${failed.length}):`, ...failed] : []),
      ].join('\n');
    });
  }

  /** Resolves with the first answered request matching `predicate` (already answered or later). */
  waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs = 5_000): Promise<RecordedRequest> {
    return this.waitOn('request', this.requests, predicate, timeoutMs, () =>
      [
        `FakeBotConnector.waitForRequest: no matching request within ${timeoutMs} ms. Received ${this.requests.length}:`,
        ...this.requests.map((r) => `  - ${r.method} ${r.path} -> ${r.status} (${r.outcome})`),
      ].join('\n'),
    );
  }

  /** Forgets activities, requests, conversations, counters, rate-limit history and pending failures; keeps the roster. */
  clear(): void {
    this.activities.length = 0;
    this.requests.length = 0;
    this.conversations.clear();
    this.conversationMembers.clear();
    this.rateHits.clear();
    this.failureQueue = [];
    this.throttled = 0;
  }

  // ---------------------------------------------------------------------------------------------

  private waitOn<T>(
    event: 'activity' | 'request',
    existing: readonly T[],
    predicate: (item: T) => boolean,
    timeoutMs: number,
    describe: () => string,
  ): Promise<T> {
    const matches = (item: T): boolean | Error => {
      try {
        return predicate(item);
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    };
    for (const item of existing) {
      const result = matches(item);
      if (result instanceof Error) return Promise.reject(result);
      if (result) return Promise.resolve(item);
    }
    return new Promise<T>((resolve, reject) => {
      const listener = (item: T): void => {
        const result = matches(item);
        if (result === false) return;
        clearTimeout(timer);
        this.events.off(event, listener);
        if (result instanceof Error) reject(result);
        else resolve(item);
      };
      const timer = setTimeout(() => {
        this.events.off(event, listener);
        reject(new Error(describe()));
      }, timeoutMs);
      this.events.on(event, listener);
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.open++;
    let counted = true;
    const done = () => {
      if (counted) this.open--;
      counted = false;
    };
    res.once('close', done);
    const seq = ++this.requestSeq;
    const at = this.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const rawPath = req.url ?? '/';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);

    let body: unknown;
    let bodyIsJson = raw.length === 0;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
        bodyIsJson = true;
      } catch {
        body = undefined;
      }
    }

    const route = this.route(method, rawPath);
    const info: RequestInfo = { method, path: rawPath, operation: route.operation, body };
    if (route.conversationId !== undefined) info.conversationId = route.conversationId;
    if (route.activityId !== undefined) info.activityId = route.activityId;
    if (route.memberId !== undefined) info.memberId = route.memberId;

    const reply = this.decide(info, raw.length, bodyIsJson, at);

    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));

    const headers: Record<string, string> = { ...(reply.headers ?? {}) };
    if (reply.fault) {
      // Recorded with status 0: the client never gets an answer.
      this.faulted++;
      if (reply.fault === 'drop') res.destroy();
      else {
        this.held.add(res);
        res.once('close', () => this.held.delete(res));
      }
    } else {
      let payload = '';
      if (reply.body !== undefined) {
        payload = JSON.stringify(reply.body);
        headers['content-type'] = 'application/json; charset=utf-8';
      }
      headers['content-length'] = String(Buffer.byteLength(payload));
      res.writeHead(reply.status, headers);
      res.end(payload);
    }

    if (reply.status === 429) this.throttled++;
    const record: RecordedRequest = {
      ...info,
      seq,
      status: reply.fault ? 0 : reply.status,
      outcome: reply.outcome,
      at,
      bodyBytes: raw.length,
      authorization: typeof req.headers.authorization === 'string' && req.headers.authorization.length > 0,
    };
    const retryAfter = Object.entries(headers).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
    if (retryAfter !== undefined && Number.isFinite(Number(retryAfter))) record.retryAfterSeconds = Number(retryAfter);
    const code = isRecord(reply.body) ? stringField(reply.body.error, 'code') : undefined;
    if (code !== undefined) record.errorCode = code;
    this.requests.push(record);
    this.events.emit('request', record);
  }

  private route(method: string, rawPath: string): Route {
    const unknown: Route = { operation: 'unknown' };
    const pathname = rawPath.split('?')[0] ?? '';
    let segments: string[];
    try {
      segments = pathname.split('/').filter((s) => s.length > 0).map((s) => decodeURIComponent(s));
    } catch {
      return unknown;
    }
    for (const expected of this.basePath) {
      if (segments.shift() !== expected) return unknown;
    }
    if (segments[0]?.toLowerCase() !== 'v3' || segments[1]?.toLowerCase() !== 'conversations') return unknown;
    const [conversationId, sub, third, fourth, ...rest] = segments.slice(2);
    if (rest.length > 0) return unknown;
    if (conversationId === undefined) {
      if (method === 'GET') return { operation: 'getConversations' };
      if (method === 'POST') return { operation: 'createConversation' };
      return unknown;
    }
    const op = (operation: ConnectorOperation, extra: Partial<Route> = {}): Route => ({ operation, conversationId, ...extra });
    if (sub === 'activities') {
      if (third === undefined) return method === 'POST' ? op('sendToConversation') : unknown;
      if (fourth === 'members') return method === 'GET' ? op('getActivityMembers', { activityId: third }) : unknown;
      if (fourth !== undefined) return unknown;
      if (third === 'history' && method === 'POST') return op('sendConversationHistory');
      if (method === 'POST') return op('replyToActivity', { activityId: third });
      if (method === 'PUT') return op('updateActivity', { activityId: third });
      if (method === 'DELETE') return op('deleteActivity', { activityId: third });
      return unknown;
    }
    if (fourth !== undefined) return unknown;
    if (sub === 'members') {
      if (third === undefined) return method === 'GET' ? op('getConversationMembers') : unknown;
      if (method === 'GET') return op('getConversationMember', { memberId: third });
      if (method === 'DELETE') return op('deleteConversationMember', { memberId: third });
      return unknown;
    }
    if (sub === 'pagedmembers' && third === undefined && method === 'GET') return op('getConversationPagedMembers');
    if (sub === 'attachments' && third === undefined && method === 'POST') return op('uploadAttachment');
    return unknown;
  }

  private decide(info: RequestInfo, bodyBytes: number, bodyIsJson: boolean, at: number): Reply {
    const scripted = this.takeScriptedFailure(info, at);
    if (scripted) return scripted;

    if (info.operation === 'unknown') {
      return {
        status: 404,
        outcome: 'rejected',
        body: errorBody('NotFound', `FakeBotConnector: no route for ${info.method} ${info.path}`),
      };
    }

    if (MESSAGE_OPERATIONS.has(info.operation) && bodyBytes > this.maxMessageBytes) {
      return {
        status: 413,
        outcome: 'too-large',
        body: errorBody('MessageSizeTooBig', `Message size ${bodyBytes} bytes exceeds the limit of ${this.maxMessageBytes} bytes`),
      };
    }

    if (this.enforceRateLimits) {
      const check = this.checkRateLimits(info, at);
      if (!check.ok) {
        const seconds = Math.max(1, Math.ceil(check.retryAfterMs / 1000));
        return {
          status: 429,
          outcome: 'throttled',
          headers: { 'Retry-After': String(seconds) },
          body: errorBody('TooManyRequests', `${check.reason}; retry after ${seconds} s`),
        };
      }
    }

    if (!bodyIsJson) {
      return { status: 400, outcome: 'rejected', body: errorBody('BadSyntax', 'Request body is not valid JSON') };
    }
    return this.process(info, at);
  }

  private takeScriptedFailure(info: RequestInfo, at: number): Reply | undefined {
    const index = this.failureQueue.findIndex((f) => !f.match || f.match(info));
    if (index < 0) return undefined;
    const failure = this.failureQueue[index];
    if (!failure) return undefined;
    failure.remaining -= 1;
    if (failure.remaining <= 0) this.failureQueue.splice(index, 1);
    if (failure.mode === 'hang') return { status: 0, outcome: 'scripted', fault: 'hang' };
    if (failure.mode === 'accept-then-hang' || failure.mode === 'accept-then-drop') {
      return { ...this.process(info, at), fault: failure.mode === 'accept-then-hang' ? 'hang' : 'drop' };
    }
    const body =
      failure.body !== undefined
        ? failure.body
        : errorBody(defaultErrorCode(failure.status), `Scripted failure ${failure.status} for ${info.operation}`);
    return { status: failure.status, outcome: 'scripted', headers: failure.headers, body };
  }

  private checkRateLimits(info: RequestInfo, at: number): RateCheck {
    const buckets: Array<{ key: string; windows: RateWindow[]; scope: string }> = [
      { key: 'app', windows: this.perAppWindows, scope: 'per-app limit' },
    ];
    if (info.operation === 'createConversation') {
      const target = this.createTarget(info.body);
      buckets.push({ key: `create|${target}`, windows: this.threadLimits, scope: `per-thread createConversation limit for ${target}` });
    } else if (info.operation === 'getConversations') {
      buckets.push({ key: 'read|*', windows: this.readLimits, scope: 'getConversations limit' });
    } else if (info.conversationId !== undefined) {
      const write = WRITE_OPERATIONS.has(info.operation);
      buckets.push({
        key: `${write ? 'write' : 'read'}|${info.conversationId}`,
        windows: write ? this.threadLimits : this.readLimits,
        scope: `per-thread ${write ? 'send' : 'read'} limit for conversation ${info.conversationId}`,
      });
    }

    let worst: { retryAfterMs: number; reason: string } | undefined;
    for (const bucket of buckets) {
      const maxWindow = Math.max(...bucket.windows.map((w) => w.windowMs));
      const hits = (this.rateHits.get(bucket.key) ?? []).filter((t) => t > at - maxWindow).sort((a, b) => a - b);
      this.rateHits.set(bucket.key, hits);
      for (const window of bucket.windows) {
        const inWindow = hits.filter((t) => t > at - window.windowMs);
        if (inWindow.length < window.limit) continue;
        // The (count - limit + 1)-th oldest hit has to leave the window before one more fits.
        const mustExpire = inWindow[inWindow.length - window.limit] ?? at;
        const retryAfterMs = mustExpire + window.windowMs - at;
        if (!worst || retryAfterMs > worst.retryAfterMs) {
          worst = { retryAfterMs, reason: `Too many requests: ${bucket.scope} of ${window.limit} per ${window.windowMs / 1000} s exceeded` };
        }
      }
    }
    if (worst) return { ok: false, ...worst };
    for (const bucket of buckets) this.rateHits.get(bucket.key)?.push(at);
    return { ok: true };
  }

  private createTarget(body: unknown): string {
    if (!isRecord(body)) return '?';
    const channelId = isRecord(body.channelData) ? stringField(body.channelData.channel, 'id') : undefined;
    if (channelId) return channelId;
    const first = Array.isArray(body.members) ? stringField(body.members[0], 'id') : undefined;
    return first ? this.conversationIdForMember(first) : '?';
  }

  private process(info: RequestInfo, at: number): Reply {
    const conversationId = info.conversationId ?? '';
    switch (info.operation) {
      case 'createConversation':
        return this.createConversation(info.body, at);
      case 'getConversations':
        return {
          status: 200,
          outcome: 'ok',
          body: { conversations: [...this.conversations.values()].map((c) => ({ id: c.id, members: c.members })) },
        };
      case 'sendToConversation':
      case 'replyToActivity': {
        if (!isRecord(info.body)) return this.badArgument('Activity body must be a JSON object');
        const replyToId = info.operation === 'replyToActivity' ? info.activityId : stringField(info.body, 'replyToId');
        const record = this.deliver(conversationId, info.body as Partial<Activity>, info.operation, at, replyToId);
        return { status: 201, outcome: 'ok', body: { id: record.id } };
      }
      case 'sendConversationHistory':
        this.touchConversation(conversationId);
        return { status: 201, outcome: 'ok', body: { id: this.nextActivityId() } };
      case 'updateActivity': {
        if (!isRecord(info.body)) return this.badArgument('Activity body must be a JSON object');
        const record = this.findActivity(conversationId, info.activityId);
        if (!record) return this.activityNotFound(conversationId, info.activityId);
        const activity = { ...(info.body as Partial<Activity>), id: record.id };
        record.activity = activity;
        record.versions.push({ activity, at });
        record.updatedAt = at;
        this.events.emit('activity', record);
        return { status: 200, outcome: 'ok', body: { id: record.id } };
      }
      case 'deleteActivity': {
        const record = this.findActivity(conversationId, info.activityId);
        if (!record) return this.activityNotFound(conversationId, info.activityId);
        record.deleted = true;
        record.deletedAt = at;
        this.events.emit('activity', record);
        return { status: 200, outcome: 'ok' };
      }
      case 'getConversationMembers':
      case 'getActivityMembers':
        return { status: 200, outcome: 'ok', body: this.membersOf(conversationId) };
      case 'getConversationMember': {
        const memberId = info.memberId ?? '';
        const member = this.membersOf(conversationId).find((m) => m.id === memberId || m.aadObjectId === memberId);
        if (!member) {
          return {
            status: 404,
            outcome: 'rejected',
            body: errorBody('MemberNotFoundInConversation', `The member ${memberId} is not part of conversation ${conversationId}`),
          };
        }
        return { status: 200, outcome: 'ok', body: member };
      }
      case 'getConversationPagedMembers': {
        const query = new URLSearchParams(info.path.split('?')[1] ?? '');
        const pageSize = Math.max(1, Number(query.get('pageSize') ?? '') || 200);
        const start = Math.max(0, Number(query.get('continuationToken') ?? '') || 0);
        const all = this.membersOf(conversationId);
        const members = all.slice(start, start + pageSize);
        const next = start + pageSize < all.length ? String(start + pageSize) : undefined;
        return { status: 200, outcome: 'ok', body: next === undefined ? { members } : { members, continuationToken: next } };
      }
      case 'deleteConversationMember':
      case 'uploadAttachment':
      case 'unknown':
        return {
          status: 501,
          outcome: 'rejected',
          body: errorBody('NotImplemented', `FakeBotConnector does not implement ${info.operation}`),
        };
    }
  }

  private createConversation(body: unknown, at: number): Reply {
    if (!isRecord(body)) return this.badArgument('ConversationParameters must be a JSON object');
    const activity = isRecord(body.activity) ? (body.activity as Partial<Activity>) : undefined;
    const tenantId = stringField(body, 'tenantId') ?? stringField(isRecord(body.channelData) ? body.channelData.tenant : undefined, 'id');
    const channelId = isRecord(body.channelData) ? stringField(body.channelData.channel, 'id') : undefined;

    if (channelId) {
      // Teams: posting a new thread in a channel (TeamsInfo.sendMessageToTeamsChannel).
      if (!activity) return this.badArgument('Creating a channel thread requires an activity');
      const activityId = this.nextActivityId();
      const id = `${channelId};messageid=${activityId}`;
      const conversation: FakeConversation = { id, createdAt: at, isGroup: true, members: [] };
      if (tenantId !== undefined) conversation.tenantId = tenantId;
      this.conversations.set(id, conversation);
      this.deliver(id, activity, 'createConversation', at, undefined, activityId);
      return { status: 201, outcome: 'ok', body: { id, activityId, serviceUrl: this.serviceUrl } };
    }

    const members = Array.isArray(body.members) ? body.members.filter(isRecord) : [];
    const memberId = stringField(members[0], 'id');
    if (members.length !== 1 || memberId === undefined) {
      return this.badArgument(`Teams bots can only create 1:1 conversations: exactly one member with an id is required (got ${members.length})`);
    }
    if (body.isGroup === true) return this.badArgument('Teams bots cannot create group chats (isGroup: true)');

    const id = this.conversationIdForMember(memberId);
    const existing = this.conversations.get(id);
    if (!existing || existing.createdAt === undefined) {
      const known = this.roster.find((m) => m.id === memberId);
      const conversation: FakeConversation = {
        id,
        createdAt: at,
        isGroup: false,
        members: [{ ...(known ?? {}), ...(members[0] as Partial<TeamsChannelAccount>), id: memberId }],
      };
      if (tenantId !== undefined) conversation.tenantId = tenantId;
      this.conversations.set(id, conversation);
    }
    const response: { id: string; activityId?: string; serviceUrl: string } = { id, serviceUrl: this.serviceUrl };
    if (activity) response.activityId = this.deliver(id, activity, 'createConversation', at).id;
    return { status: existing?.createdAt !== undefined ? 200 : 201, outcome: 'ok', body: response };
  }

  private deliver(
    conversationId: string,
    activity: Partial<Activity>,
    operation: RecordedActivity['operation'],
    at: number,
    replyToId?: string,
    id: string = this.nextActivityId(),
  ): RecordedActivity {
    this.touchConversation(conversationId);
    const stored: Partial<Activity> = { ...activity, id };
    const record: RecordedActivity = {
      conversationId,
      id,
      operation,
      activity: stored,
      receivedAt: at,
      versions: [{ activity: stored, at }],
      deleted: false,
    };
    if (replyToId !== undefined) record.replyToId = replyToId;
    this.activities.push(record);
    this.events.emit('activity', record);
    return record;
  }

  private touchConversation(conversationId: string): void {
    if (!this.conversations.has(conversationId)) {
      this.conversations.set(conversationId, { id: conversationId, isGroup: false, members: [] });
    }
  }

  private membersOf(conversationId: string): FakeMember[] {
    const explicit = this.conversationMembers.get(conversationId);
    if (explicit) return explicit;
    const conversation = this.conversations.get(conversationId);
    if (conversation && conversation.members.length > 0) return conversation.members;
    return this.roster;
  }

  private findActivity(conversationId: string, activityId: string | undefined): RecordedActivity | undefined {
    return this.activities.find((a) => a.conversationId === conversationId && a.id === activityId && !a.deleted);
  }

  private nextActivityId(): string {
    // Teams message ids are numeric strings (epoch-millisecond-like); keep that shape, deterministically.
    return String(1_700_000_000_000 + ++this.activitySeq);
  }

  private badArgument(message: string): Reply {
    return { status: 400, outcome: 'rejected', body: errorBody('BadArgument', message) };
  }

  private activityNotFound(conversationId: string, activityId: string | undefined): Reply {
    return {
      status: 404,
      outcome: 'rejected',
      body: errorBody('NotFound', `Activity ${activityId ?? '?'} not found in conversation ${conversationId}`),
    };
  }
}
