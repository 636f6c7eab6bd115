/**
 * What may leave the process in a log line or a telemetry span: ids, codes and constants, never a person's name,
 * e-mail address or free text. Log fields and span attributes are made safe here by construction, whatever the
 * caller passed: an e-mail address anywhere becomes [email], an error keeps its kind and where it was thrown but
 * not what it quoted, long strings are cut and deep objects end in a marker.
 */

/** An e-mail address, also URL-encoded (`sara%40example.se` in a Graph path or query). */
const EMAIL = /[\p{L}\p{N}._%+-]+(?:@|%40)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/giu;
/**
 * Quoted text in an error message, from the first quote to the last of the same kind: what Node and the libraries
 * quote is the input (JSON.parse quotes the start of the text it could not read: a message someone typed).
 */
const QUOTED = /"[\s\S]*"|'[\s\S]*'|`[\s\S]*`|“[\s\S]*”|‘[\s\S]*’|«[\s\S]*»/g;
/** A query string in a URL or path quoted by a message (`GET /users?$filter=mail eq …`). */
const QUERY = /\?[^\s]*/g;

/** Longest string kept in a log field or span attribute; an id or a URL path fits, a pasted text does not. */
export const MAX_TEXT = 300;
/** How deep a logged object is followed; below that a marker stands for the rest. */
export const MAX_DEPTH = 4;
/** Items kept of a logged array, entries of a logged object, frames of a stack. */
const MAX_ITEMS = 20;

const cap = (s: string, max = MAX_TEXT): string => (s.length > max ? `${s.slice(0, max)}…` : s);

/**
 * A string with its e-mail addresses replaced, cut at `max` characters. Only the part that can be kept is searched
 * (plus an address's length, so one across the cut is still found): the pattern's cost grows with the text searched.
 */
export function redactText(s: string, max = MAX_TEXT): string {
  return cap(s.slice(0, max + 256).replace(EMAIL, '[email]'), max);
}

/**
 * An error message without what it quoted, query strings or e-mail addresses. Cut first: a quote with no partner
 * makes QUOTED scan to the end from each such quote, so the text it scans stays short whatever an error carries.
 */
export function redactMessage(message: string): string {
  const head = message.slice(0, MAX_TEXT * 4);
  return redactText(head.replace(QUOTED, (q) => `${q[0]}…${q[q.length - 1]}`).replace(QUERY, '?…'));
}

/** One frame of a V8 stack: `    at f (file:line:col)`, `    at file:line:col`, `    at new Promise (<anonymous>)`. */
const FRAME = /^\s+at (?:.*\()?(?:[^()]*:\d+:\d+|<anonymous>|native)\)?$/;

/**
 * The frames of a V8 stack without its first lines, which repeat the message (several lines when the message has
 * several); `header`, the error's `name: message`, is cut off first when the stack begins with it. File paths are
 * the code's, not anybody's data.
 */
export function stackFrames(stack: string, header?: string): string {
  return (header && stack.startsWith(header) ? stack.slice(header.length) : stack)
    .split('\n')
    .filter((line) => FRAME.test(line))
    .slice(0, MAX_ITEMS)
    .map((line) => redactText(line.trim()))
    .join('\n');
}

export interface SafeError {
  readonly name: string;
  readonly code?: string | number;
  readonly statusCode?: number;
  readonly message: string;
  readonly stack?: string;
  readonly cause?: unknown;
}

/** An error as it may be logged: its kind and code, a redacted message, its frames, and its cause likewise. */
export function safeError(e: Error, depth = 0): SafeError {
  const { code, statusCode } = e as { code?: unknown; statusCode?: unknown };
  return {
    name: redactText(e.name, 100),
    ...(typeof code === 'number' || typeof code === 'string' ? { code: typeof code === 'string' ? redactText(code, 100) : code } : {}),
    ...(typeof statusCode === 'number' ? { statusCode } : {}),
    message: redactMessage(e.message),
    ...(e.stack ? { stack: stackFrames(e.stack, `${e.name}: ${e.message}`) } : {}),
    ...(e.cause !== undefined ? { cause: safeValue(e.cause, depth + 1) } : {}),
  };
}

/** Any value as it may be logged: primitives kept (strings redacted), errors made safe, objects followed to MAX_DEPTH. */
export function safeValue(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return redactText(v);
  if (v === null || typeof v === 'number' || typeof v === 'boolean' || v === undefined) return v;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v !== 'object') return `[${typeof v}]`; // a function or a symbol: what it is, not what it says
  if (depth >= MAX_DEPTH) return '[…]';
  if (v instanceof Error) return safeError(v, depth);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  if (Array.isArray(v)) return v.slice(0, MAX_ITEMS).map((x) => safeValue(x, depth + 1));
  return Object.fromEntries(
    Object.entries(v)
      .slice(0, MAX_ITEMS)
      .map(([k, x]) => [redactText(k, 100), safeValue(x, depth + 1)]),
  );
}

/** A log call's fields, each made safe. */
export function safeFields(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [redactText(k, 100), safeValue(v)]));
}
