/**
 * The span processor (src/telemetry.ts) on real OpenTelemetry spans, registered before an exporting processor as
 * useAzureMonitor registers it. The attributes are those @opentelemetry/instrumentation-http 0.219 records (its
 * utils.js), in the old conventions (the default) and the stable ones (OTEL_SEMCONV_STABILITY_OPT_IN=http).
 */
import { SpanKind, type Attributes } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { PrivateDataSpanProcessor } from '../../src/telemetry';

const exporter = new InMemorySpanExporter();
const tracer = new BasicTracerProvider({ spanProcessors: [new PrivateDataSpanProcessor(), new SimpleSpanProcessor(exporter)] }).getTracer('test');

/** One span through the processors: started with `atStart`, given `atEnd` before it ends; what was exported. */
function exported(kind: SpanKind, atStart: Attributes, atEnd: Attributes = {}, error?: Error) {
  exporter.reset();
  const span = tracer.startSpan('span', { kind, attributes: atStart });
  span.setAttributes(atEnd);
  if (error) span.recordException(error);
  span.end();
  const [done] = exporter.getFinishedSpans();
  return { attributes: done?.attributes ?? {}, events: done?.events.map((e) => e.attributes ?? {}) ?? [] };
}

const SEARCH = '/api/tab/applications?cohortId=pilot-1&q=Thorvald+Quixbergsson';
const GRAPH = "/v1.0/users?$select=id,displayName&$filter=mail%20eq%20'thorvald.q%40kommun.example.se'";

describe('what could identify a person is gone from every span before it is exported', () => {
  const cases: [string, SpanKind, Attributes, Attributes, Attributes, string[]][] = [
    [
      'an incoming request, old conventions: URL and target without the query, no client or peer address',
      SpanKind.SERVER,
      { 'http.url': `http://bot.example.se${SEARCH}`, 'http.target': SEARCH, 'http.host': 'bot.example.se', 'http.client_ip': '203.0.113.7', 'http.method': 'GET' },
      { 'net.host.ip': '10.0.0.4', 'net.peer.ip': '203.0.113.7', 'net.peer.port': 53211, 'http.status_code': 200 },
      { 'http.url': 'http://bot.example.se/api/tab/applications', 'http.target': '/api/tab/applications', 'http.host': 'bot.example.se', 'net.host.ip': '10.0.0.4', 'http.status_code': 200 },
      ['http.client_ip', 'net.peer.ip'],
    ],
    [
      'an incoming request, stable conventions: no query, no client or peer address',
      SpanKind.SERVER,
      { 'url.path': '/api/tab/applications', 'url.query': 'cohortId=pilot-1&q=Thorvald+Quixbergsson', 'url.scheme': 'https', 'client.address': '203.0.113.7', 'network.peer.address': '169.254.129.3', 'server.address': 'bot.example.se' },
      { 'http.response.status_code': 200 },
      { 'url.path': '/api/tab/applications', 'server.address': 'bot.example.se', 'http.response.status_code': 200 },
      ['url.query', 'client.address', 'network.peer.address'],
    ],
    [
      "a call to Graph looking a person up by address: no query; the server's address stays",
      SpanKind.CLIENT,
      { 'http.url': `https://graph.microsoft.com${GRAPH}`, 'url.full': `https://graph.microsoft.com${GRAPH}`, 'http.target': GRAPH, 'net.peer.name': 'graph.microsoft.com' },
      { 'net.peer.ip': '20.190.0.1', 'network.peer.address': '20.190.0.1', 'http.status_code': 200 },
      { 'http.url': 'https://graph.microsoft.com/v1.0/users', 'url.full': 'https://graph.microsoft.com/v1.0/users', 'http.target': '/v1.0/users', 'net.peer.ip': '20.190.0.1', 'network.peer.address': '20.190.0.1' },
      [],
    ],
    [
      'a person by address in a path, and in any other string, in any attribute',
      SpanKind.CLIENT,
      { 'url.full': 'https://graph.microsoft.com/v1.0/users/thorvald.q%40kommun.example.se/manager', 'app.note': 'for thorvald.q@kommun.example.se', 'app.list': ['a@b.example.se', 'id-1'] },
      {},
      { 'url.full': 'https://graph.microsoft.com/v1.0/users/[email]/manager', 'app.note': 'for [email]', 'app.list': ['[email]', 'id-1'] },
      [],
    ],
  ];

  it.each(cases)('%s', (_what, kind, atStart, atEnd, kept, gone) => {
    const { attributes } = exported(kind, atStart, atEnd);
    expect(attributes).toMatchObject(kept);
    for (const key of gone) expect(attributes).not.toHaveProperty(key);
    expect(JSON.stringify(attributes)).not.toMatch(/Quixbergsson|thorvald|203\.0\.113\.7/i);
  });

  it("an error's message keeps no quoted input, its stack no message lines (span attribute and exception event)", () => {
    let error: Error = new Error('none');
    try {
      JSON.parse('Thorvald Quixbergsson vill bygga ett Zeppelinbibliotek');
    } catch (e) {
      error = e as Error;
    }
    const { attributes, events } = exported(SpanKind.SERVER, {}, { 'http.error_name': error.name, 'http.error_message': error.message }, error);
    expect(attributes['http.error_message']).toBe(`Unexpected token '…', "…"... is not valid JSON`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ 'exception.type': 'SyntaxError', 'exception.message': `Unexpected token '…', "…"... is not valid JSON`, 'exception.stacktrace': expect.stringMatching(/^at /) });
    expect(JSON.stringify({ attributes, events })).not.toMatch(/Quixbergsson|Thorvald|Zeppelin/i);
  });
});
