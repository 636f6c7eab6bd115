import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { ENTRA_OBJECT_ID } from '../../domain/ids';

/**
 * The edge of /api/messages, before anything of ours or botbuilder's reads the request: the body is read
 * here with limits (never inflated, never past the cap), parsed as JSON no deeper than a Teams activity
 * goes, and checked against the envelope every activity we serve has. Each refusal is a 4xx with no detail.
 */

/** A Teams activity is at most about 100 KB (the connector's own limit); cards with forms stay far below. */
export const MAX_BODY_BYTES = 256 * 1024;
/** Teams activities nest about 8 levels (invoke value -> action -> data -> ...); 32 leaves room, and no stack at risk. */
export const MAX_JSON_DEPTH = 32;
/** An Authorization header longer than this is no Bot Connector token. */
const MAX_AUTHORIZATION = 8192;

/** 503 only when the Bot Connector's signing keys cannot be had: our side, not the caller's. */
export type Refusal = { readonly status: 400 | 401 | 403 | 413 | 415 | 503; readonly reason: string };
export type Read<T> = { readonly ok: true; readonly value: T } | ({ readonly ok: false } & Refusal);

const refuse = (status: Refusal['status'], reason: string): { ok: false } & Refusal => ({ ok: false, status, reason });

/** `Bearer <header>.<payload>.<signature>`, base64url: the shape of a JWT, checked before any byte of the body is read. */
const BEARER_JWT = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;

export function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string' || header.length > MAX_AUTHORIZATION) return undefined;
  return BEARER_JWT.exec(header)?.[1];
}

/**
 * Teams sends plain JSON. Any Content-Encoding is refused before reading (restify's own gzip handling has
 * crashed the process on a bad stream and inflated bombs past the size limit), and so is any other media type.
 */
export function checkHeaders(req: IncomingMessage): Refusal | undefined {
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') return { status: 415, reason: 'content-encoding' };
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return { status: 415, reason: 'content-type' };
  const length = Number(req.headers['content-length'] ?? 0);
  if (Number.isFinite(length) && length > MAX_BODY_BYTES) return { status: 413, reason: 'content-length' };
  return undefined;
}

/** Reads the raw body, stopping (and discarding the rest) as soon as it passes the limit. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Read<Buffer>> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: Read<Buffer>) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      if (!result.ok) req.resume(); // drain what is left so the connection can answer
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish(refuse(413, 'body too large'));
      else chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => finish({ ok: true, value: Buffer.concat(chunks, size) }));
    req.once('error', () => finish(refuse(400, 'request stream failed')));
    req.once('aborted', () => finish(refuse(400, 'request aborted')));
  });
}

/** Deepest nesting of arrays and objects in a JSON text, in one pass (brackets inside strings do not count). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function parseJson(raw: Buffer): Read<unknown> {
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    return refuse(400, 'not UTF-8');
  }
  if (jsonDepth(text) > MAX_JSON_DEPTH) return refuse(400, 'nested too deep');
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return refuse(400, 'not JSON');
  }
}

/** Entra object ids are GUIDs; anything else in `aadObjectId` is not a person of any tenant. */
const ObjectId = z.string().regex(ENTRA_OBJECT_ID);
const Id = z.string().min(1).max(1024);
const Account = z.looseObject({ id: Id, name: z.string().max(1024).optional(), aadObjectId: ObjectId.optional() });

/**
 * The envelope of every activity we serve (the rest is read by the bot with its own schemas). People act
 * only in messages and invokes, and always with their Entra object id: without one there is nobody to
 * decide for, so such an activity is refused rather than treated as person "".
 */
export const ActivityEnvelope = z
  .looseObject({
    type: z.string().min(1).max(64),
    id: z.string().max(1024).optional(),
    name: z.string().max(256).optional(),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
    from: Account,
    recipient: Account,
    conversation: z.looseObject({
      id: Id,
      conversationType: z.string().max(64).optional(),
      tenantId: z.string().max(128).optional(),
      isGroup: z.boolean().optional(),
    }),
    locale: z.string().max(64).optional(),
    text: z.string().max(MAX_BODY_BYTES).optional(),
    entities: z.array(z.unknown()).max(64).optional(),
    attachments: z.array(z.unknown()).max(64).optional(),
    membersAdded: z.array(Account).max(1000).optional(),
    membersRemoved: z.array(Account).max(1000).optional(),
    channelData: z.looseObject({ tenant: z.looseObject({ id: z.string().max(128) }).optional() }).optional(),
  })
  .refine((a) => (a.type !== 'message' && a.type !== 'invoke') || a.from.aadObjectId !== undefined, { message: 'a person acts with their object id' });
export type ActivityEnvelope = z.infer<typeof ActivityEnvelope>;

/**
 * The tenants an activity says it comes from (Teams sets both fields); every one must be allowed, and there
 * must be one. The activity is covered by the Bot Connector's token, so in production this is Teams' word.
 */
export function tenantAllowed(activity: ActivityEnvelope, allowed: ReadonlySet<string>, tokenTenant?: string): boolean {
  const named = [activity.channelData?.tenant?.id, activity.conversation.tenantId, tokenTenant].filter((t): t is string => typeof t === 'string');
  return named.length > 0 && named.every((t) => allowed.has(t.toLowerCase()));
}
