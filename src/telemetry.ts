import type { RequestOptions } from 'node:http';
import type { SpanKind } from '@opentelemetry/api';
import type { AnyValueMap, SeverityNumber } from '@opentelemetry/api-logs';
import type { Config } from './config';
import { alsoLogTo, type WrittenLevel } from './logger';
import { redactMessage, redactText, stackFrames } from './redact';

/**
 * Application Insights, through Azure Monitor's OpenTelemetry distro: incoming requests, Cosmos DB and connector
 * calls as dependencies, and the log lines as traces in the operation of the request that wrote them. Started by
 * src/index.ts before anything else is loaded (the instrumentations hook `require`: http, restify and botbuilder
 * loaded earlier would go unseen); without a connection string nothing here loads a package or starts anything.
 */
export interface Telemetry {
  /** Sends what is buffered and stops; the caller bounds how long it waits. */
  shutdown(): Promise<void>;
}

export async function startTelemetry(telemetry: Config['telemetry']): Promise<Telemetry | undefined> {
  if (!telemetry) return undefined;
  const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
  // The distro also turns the Azure SDKs' own logging on at "warning", printed to stdout: every expected 404 and
  // 412 of Cosmos DB would become a line with its request path. Their level stays what it was (AZURE_LOG_LEVEL, or
  // none), as without telemetry. (@azure/logger is the one copy the Azure SDKs and the distro share.)
  const azureLogger = await import('@azure/logger');
  const azureLogLevel = azureLogger.getLogLevel();
  const off = { enabled: false };
  // The distro asks the Azure VM metadata service what it runs on (its resource detector): not a call of ours.
  // (@opentelemetry/instrumentation-http's own option, which the distro's InstrumentationConfig type does not name.)
  const http = { enabled: true, ignoreOutgoingRequestHook: (req: RequestOptions) => req.hostname === '169.254.169.254' && (req.path ?? '').startsWith('/metadata/instance') };
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString: telemetry.connectionString },
    // Live metrics would get each span from the distro's own processor, which runs before ours (and before the
    // scrubbing below), and it sends request URLs as they were: off.
    enableLiveMetrics: false,
    instrumentationOptions: {
      http,
      azureSdk: { enabled: true },
      mongoDb: off,
      mySql: off,
      postgreSql: off,
      redis: off,
      redis4: off,
      bunyan: off,
      winston: off,
    },
    spanProcessors: [new PrivateDataSpanProcessor()],
  });
  azureLogger.setLogLevel(azureLogLevel);
  // Loaded after the distro has registered its logger provider, which this API hands on to.
  const { logs } = await import('@opentelemetry/api-logs');
  const otel = logs.getLogger('acceleratorn');
  // The fields are already made safe by the logger; the record is emitted in the active context, so Application
  // Insights files it under the operation (the request) being handled.
  alsoLogTo((level, msg, fields) => otel.emit({ severityNumber: SEVERITY[level], severityText: level.toUpperCase(), body: msg, attributes: fields as AnyValueMap }));
  return {
    async shutdown() {
      alsoLogTo(undefined);
      await shutdownAzureMonitor();
    },
  };
}

/** OpenTelemetry's SeverityNumber DEBUG, INFO, WARN and ERROR, checked against its type without loading it. */
const SEVERITY = { debug: 5, info: 9, warn: 13, error: 17 } satisfies Record<WrittenLevel, SeverityNumber>;
/** SpanKind.SERVER, checked against the enum's type without loading @opentelemetry/api. */
const SERVER: SpanKind.SERVER = 1;

/** Attributes that hold a URL or a path with its query string, in the old and the stable HTTP conventions. */
const URL_ATTRIBUTES = ['http.url', 'http.target', 'url.full', 'url.original'];
/** The query string alone (stable conventions): the tab's search text (?q=), Graph's $filter=mail eq '…'. */
const QUERY_ATTRIBUTES = ['url.query'];
/** Who called, on any span. */
const CLIENT_ATTRIBUTES = ['http.client_ip', 'client.address'];
/** The other end of a connection: on a server span that is the caller (a person's browser for the tab). */
const PEER_ATTRIBUTES = ['net.peer.ip', 'net.sock.peer.addr', 'network.peer.address'];
/** Error messages, which may quote input (the http instrumentation's http.error_message, exception events). */
const MESSAGE_ATTRIBUTES = ['http.error_message', 'exception.message'];
/** Spans keep URLs whole up to this length (the exporter cuts at 8192 anyway). */
const MAX_SPAN_TEXT = 2048;

/** The part of a span this processor reads and changes (a structural view of sdk-trace-base's Span/ReadableSpan). */
interface SpanLike {
  attributes: Record<string, unknown>;
  readonly kind: number;
  readonly events?: readonly { attributes?: Record<string, unknown> }[];
}

/**
 * Removes what could identify a person from every span before it is exported: query strings from URLs, the
 * client's IP address, e-mail addresses in any string, and what error messages quoted. Registered through
 * useAzureMonitor's spanProcessors, so it runs before the distro's exporting processor (which holds the same
 * span object); it scrubs at the start too, so that nothing reading the span in between sees the raw values.
 */
export class PrivateDataSpanProcessor {
  onStart(span: SpanLike): void {
    scrub(span.attributes, span.kind === SERVER);
  }

  onEnd(span: SpanLike): void {
    scrub(span.attributes, span.kind === SERVER);
    for (const event of span.events ?? []) if (event.attributes) scrub(event.attributes, false);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Scrubs attributes in place: the span is already made, and the exporter reads this very object. */
export function scrub(attributes: Record<string, unknown>, server: boolean): void {
  for (const key of [...QUERY_ATTRIBUTES, ...CLIENT_ATTRIBUTES, ...(server ? PEER_ATTRIBUTES : [])]) delete attributes[key];
  for (const [key, value] of Object.entries(attributes)) {
    if (typeof value === 'string') attributes[key] = scrubString(key, value);
    else if (Array.isArray(value)) attributes[key] = value.map((v: unknown) => (typeof v === 'string' ? scrubString(key, v) : v));
  }
}

function scrubString(key: string, value: string): string {
  if (URL_ATTRIBUTES.includes(key)) return redactText(value.replace(/[?#].*$/s, ''), MAX_SPAN_TEXT);
  if (MESSAGE_ATTRIBUTES.includes(key)) return redactMessage(value);
  if (key === 'exception.stacktrace') return stackFrames(value);
  return redactText(value, MAX_SPAN_TEXT);
}
