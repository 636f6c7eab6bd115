import { alsoLogTo, createLogger } from '../../src/logger';
import { MAX_TEXT, redactMessage, redactText } from '../../src/redact';

/** What the logger wrote for one call with these fields: the JSON line, parsed. */
function logged(fields: Record<string, unknown>): Record<string, unknown> {
  const lines: string[] = [];
  createLogger('debug', (l) => lines.push(l)).error('something failed', fields);
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] ?? '') as Record<string, unknown>;
}

/** JSON.parse's own error for this text: Node quotes the start of the text in its message. */
function jsonParseError(text: string): Error {
  try {
    JSON.parse(text);
  } catch (e) {
    return e as Error;
  }
  throw new Error('parsed');
}

/** n levels of { inner: … } around a value. */
const nested = (n: number, value: unknown): unknown => (n === 0 ? value : { inner: nested(n - 1, value) });

const PERSONAL = ['Thorvald', 'Quixbergsson', 'thorvald.q@kommun.example.se', 'thorvald.q%40kommun.example.se', 'Zeppelinbibliotek'];

describe('log fields are made safe: no name, e-mail address or free text in a line, whatever was passed', () => {
  const graphError = Object.assign(new Error("Graph GET /users?$select=id&$filter=mail%20eq%20'thorvald.q%40kommun.example.se' failed: 503"), { name: 'GraphDirectoryError', code: 'serviceNotAvailable', statusCode: 503 });
  const cases: [string, Record<string, unknown>, (line: Record<string, unknown>) => void][] = [
    ['an e-mail address in a string', { note: 'ask thorvald.q@kommun.example.se' }, (l) => expect(l.note).toBe('ask [email]')],
    [
      "JSON.parse's error for free text keeps its kind and frames, not the text it quoted",
      { error: jsonParseError('Thorvald Quixbergsson wants a Zeppelinbibliotek') },
      (l) => {
        const error = l.error as { name: string; message: string; stack: string };
        expect(error.name).toBe('SyntaxError');
        expect(error.message).toMatch(/^Unexpected token '…', "…"\.\.\. is not valid JSON$/);
        expect(error.stack.split('\n').every((frame) => frame.startsWith('at '))).toBe(true);
        expect(error.stack).toContain('logger-fields.test.ts');
      },
    ],
    [
      'an error with a code and a status, whose message quotes a query with an e-mail address',
      { error: graphError },
      (l) => expect(l.error).toMatchObject({ name: 'GraphDirectoryError', code: 'serviceNotAvailable', statusCode: 503, message: 'Graph GET /users?… failed: 503' }),
    ],
    [
      'an error nested in an object, and an error as the cause of another',
      { outcome: { failed: jsonParseError('{"idea": Zeppelinbibliotek') }, error: new Error('saving failed', { cause: jsonParseError('Quixbergsson') }) },
      (l) => {
        expect(l.outcome).toMatchObject({ failed: { name: 'SyntaxError', message: expect.stringContaining('is not valid JSON') } });
        expect(l.error).toMatchObject({ message: 'saving failed', cause: { name: 'SyntaxError' } });
      },
    ],
    [
      'a message over several lines: the stack keeps only its frames, not the lines repeating the message',
      { error: new Error('could not read the answer\n  "Thorvald Quixbergsson"\n  at the second line') },
      (l) => expect(l.error).toMatchObject({ message: 'could not read the answer\n  "…"\n  at the second line', stack: expect.stringMatching(/^at .*logger-fields\.test\.ts/) }),
    ],
    [
      'a long string is cut',
      { text: 'x'.repeat(10_000) },
      (l) => expect(l.text).toBe(`${'x'.repeat(MAX_TEXT)}…`),
    ],
    [
      'deep objects end in a marker; ids and numbers stay as they were',
      { deep: nested(10, 'Zeppelinbibliotek'), correlationId: 'ab12cd34', count: 3, ok: true, none: null },
      (l) => {
        expect(l).toMatchObject({ correlationId: 'ab12cd34', count: 3, ok: true, none: null });
        expect(JSON.stringify(l.deep)).toBe('{"inner":{"inner":{"inner":{"inner":"[…]"}}}}');
      },
    ],
  ];

  it.each(cases)('%s', (_what, fields, check) => {
    const line = logged(fields);
    check(line);
    const text = JSON.stringify(line).toLowerCase();
    for (const p of PERSONAL) expect(text).not.toContain(p.toLowerCase());
  });

  it('hands the same safe fields to the telemetry sink, and stops when told', () => {
    const records: unknown[] = [];
    alsoLogTo((level, msg, fields) => records.push({ level, msg, fields }));
    try {
      const log = createLogger('info', () => undefined);
      log.debug('not at this level');
      log.warn('refused', { from: 'thorvald.q@kommun.example.se' });
      alsoLogTo(undefined);
      log.warn('after');
    } finally {
      alsoLogTo(undefined);
    }
    expect(records).toEqual([{ level: 'warn', msg: 'refused', fields: { from: '[email]' } }]);
  });
});

describe('redaction of long input stays linear', () => {
  it('scans only what can be kept: a megabyte of letters or of lone quotes costs no more than a short text', () => {
    const long = 'a'.repeat(1_000_000);
    const quotes = '“x'.repeat(500_000);
    // Searched whole, each of these would take minutes (a scan to the end from every position): jest's timeout fails it.
    expect(redactText(long)).toHaveLength(301);
    expect(redactMessage(quotes).length).toBeLessThanOrEqual(301);
    expect(redactText(`${'b'.repeat(290)} anna.andersson@hoganas.example.se`)).not.toContain('anna.andersson');
  });
});
