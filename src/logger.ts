import type { LogLevel } from './config';
import { redactText, safeFields } from './redact';

/**
 * JSON-lines logger: one object per line on stderr, so App Service and the local console both read it. Fields are
 * made safe on the way (src/redact.ts): no line carries a name, an e-mail address or free text, whatever was passed.
 */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export type WrittenLevel = Exclude<LogLevel, 'silent'>;

/** Where each line goes as well as stderr: OpenTelemetry's logs when telemetry is on (src/telemetry.ts). */
export type LogSink = (level: WrittenLevel, msg: string, fields: Record<string, unknown>) => void;

// One per process, as OpenTelemetry's own providers are; set by src/telemetry.ts, so this file loads no package.
let sink: LogSink | undefined;

/** Every logger also hands its lines (made safe) to `next`, or no longer to anything when it is undefined. */
export function alsoLogTo(next: LogSink | undefined): void {
  sink = next;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const at = (lvl: WrittenLevel) => (msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < ORDER[level]) return;
    const safeMsg = redactText(msg);
    const extra = fields ? safeFields(fields) : {};
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg: safeMsg, ...extra }));
    sink?.(lvl, safeMsg, extra);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
