import { DEMO_PERSON_HEADER, XLSX_TYPE } from '../../src/adapters/tab/contract';
import { bearer, createCall, createDownload, demoPerson, fileNameOf, type Credentials } from '../../web/src/api';

/** The tab's API client (web/src/api.ts) against a fetch that answers from a script, as the browser would call. */
type Reply = Response | Error;
interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

function scripted(replies: Reply[]) {
  const sent: Sent[] = [];
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    sent.push({ url: String(input), method: init?.method ?? 'GET', headers: { ...(init?.headers as Record<string, string>) }, ...(typeof init?.body === 'string' ? { body: init.body } : {}) });
    const next = replies.shift();
    if (!next) throw new Error('no more replies');
    if (next instanceof Error) throw next;
    return next;
  }) as typeof fetch;
  return { sent, fetchFn };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const me = { id: 'p-1', name: 'Sara Lindqvist', roles: ['employee'], views: ['application'], programme: { intakeOpen: false } };

/** A token source that counts its calls and whether each asked for a fresh token. */
function tokens(answer: (renew: boolean, n: number) => string | Error = (renew, n) => `token-${n}${renew ? '-fresh' : ''}`) {
  const asked: boolean[] = [];
  const credentials: Credentials = bearer(async (renew) => {
    asked.push(renew);
    const a = answer(renew, asked.length);
    if (a instanceof Error) throw a;
    return a;
  });
  return { asked, credentials };
}

describe('the tab API client', () => {
  it('GETs a route at its path with the demo person header, and parses the answer with the contract', async () => {
    const { sent, fetchFn } = scripted([json(200, me)]);
    const result = await createCall(demoPerson('p-1'), fetchFn)('me', {});
    expect(result).toEqual({ ok: true, data: me });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ url: '/api/tab/me', method: 'GET' });
    expect(sent[0]!.headers[DEMO_PERSON_HEADER]).toBe('p-1');
    expect(sent[0]!.headers.Authorization).toBeUndefined();
  });

  it("sends a GET's request as the query string and a POST's as a JSON body", async () => {
    const reviews = { cohort: null, done: 0, total: 0, items: [] };
    const approvals = { pending: [], more: false, history: [] };
    const { sent, fetchFn } = scripted([json(200, reviews), json(200, approvals)]);
    const call = createCall(demoPerson('p-1'), fetchFn);
    await call('reviews', { after: 'A-7K3QX2' });
    const decision = { cohortId: 'pilot-1', applicationId: 'A-7K3QX2', memberId: 'p-2', decision: 'decline' as const, reason: 'Inte i år.' };
    await call('decide', decision);
    expect(sent[0]).toMatchObject({ url: '/api/tab/reviews?after=A-7K3QX2', method: 'GET' });
    expect(sent[1]).toMatchObject({ url: '/api/tab/approvals/decide', method: 'POST' });
    expect(sent[1]!.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(sent[1]!.body!)).toEqual(decision);
  });

  it('renews the token once after a 401 and tries again with the fresh one', async () => {
    const { asked, credentials } = tokens();
    const { sent, fetchFn } = scripted([new Response(null, { status: 401 }), json(200, me)]);
    const result = await createCall(credentials, fetchFn)('me', {});
    expect(result.ok).toBe(true);
    expect(asked).toEqual([false, true]);
    expect(sent.map((s) => s.headers.Authorization)).toEqual(['Bearer token-1', 'Bearer token-2-fresh']);
  });

  it('says the sign-in has expired after a second 401, or when the token cannot be renewed, and never tries a third time', async () => {
    const twice = scripted([new Response(null, { status: 401 }), new Response(null, { status: 401 }), json(200, me)]);
    expect(await createCall(tokens().credentials, twice.fetchFn)('me', {})).toEqual({ ok: false, failure: { kind: 'expired' } });
    expect(twice.sent).toHaveLength(2);

    const unrenewable = scripted([new Response(null, { status: 401 })]);
    const refusing = tokens((renew) => (renew ? new Error('interaction required') : 'token'));
    expect(await createCall(refusing.credentials, unrenewable.fetchFn)('me', {})).toEqual({ ok: false, failure: { kind: 'expired' } });
  });

  it('tells a failed sign-in (no token at all) from an expired one', async () => {
    const { sent, fetchFn } = scripted([]);
    const result = await createCall(tokens(() => new Error('no SSO')).credentials, fetchFn)('me', {});
    expect(result).toEqual({ ok: false, failure: { kind: 'signIn' } });
    expect(sent).toHaveLength(0);
  });

  it('calls a server error or no answer at all unreachable', async () => {
    const { fetchFn } = scripted([json(500, { error: 'INTERNAL' }), new Response('', { status: 503 }), new TypeError('Failed to fetch')]);
    const call = createCall(demoPerson('p-1'), fetchFn);
    for (let i = 0; i < 3; i++) expect(await call('me', {})).toEqual({ ok: false, failure: { kind: 'unreachable' } });
  });

  it('calls an answer it cannot read broken: the wrong shape, not JSON, or a 400 without an error body', async () => {
    const { fetchFn } = scripted([json(200, { id: 'p-1' }), new Response('<html>', { status: 200 }), new Response('nope', { status: 400 }), new Response(null, { status: 418 })]);
    const call = createCall(demoPerson('p-1'), fetchFn);
    for (let i = 0; i < 4; i++) expect(await call('me', {})).toEqual({ ok: false, failure: { kind: 'broken' } });
  });

  it('hands over the refusal of a 400, 403, 404 and 409 with its code, fields and facts', async () => {
    const fields = { error: 'FIELDS', fields: [{ field: 'attestPermanent', code: 'notChecked' }] };
    const { fetchFn } = scripted([json(400, fields), json(400, { error: 'OVERSPEND', facts: { remainingOre: '125050' } }), json(403, { error: 'NOT_ALLOWED' }), json(404, { error: 'NOT_FOUND' }), json(409, { error: 'ILLEGAL_TRANSITION' }), new Response(null, { status: 409 })]);
    const call = createCall(demoPerson('p-1'), fetchFn);
    expect(await call('me', {})).toEqual({ ok: false, failure: { kind: 'refused', error: fields } });
    expect(await call('me', {})).toEqual({ ok: false, failure: { kind: 'refused', error: { error: 'OVERSPEND', facts: { remainingOre: '125050' } } } });
    expect(await call('me', {})).toEqual({ ok: false, failure: { kind: 'forbidden', error: { error: 'NOT_ALLOWED' } } });
    expect(await call('me', {})).toEqual({ ok: false, failure: { kind: 'notFound', error: { error: 'NOT_FOUND' } } });
    expect(await call('me', {})).toEqual({ ok: false, failure: { kind: 'conflict', error: { error: 'ILLEGAL_TRANSITION' } } });
    expect(await call('me', {})).toEqual({ ok: false, failure: { kind: 'conflict' } });
  });
});

describe('the Excel download (web/src/api.ts download)', () => {
  const xlsx = (body: string, disposition?: string, type = XLSX_TYPE) =>
    new Response(body, { status: 200, headers: { 'content-type': type, ...(disposition ? { 'content-disposition': disposition } : {}) } });

  /** A save that keeps what it was given instead of clicking a link. */
  function saver() {
    const saved: { name: string; type: string; text: Promise<string> }[] = [];
    return { saved, save: (blob: Blob, name: string) => void saved.push({ name, type: blob.type, text: blob.text() }) };
  }

  it("GETs the export's path with the filters as the query and the credentials, and saves the file under its UTF-8 name", async () => {
    const { sent, fetchFn } = scripted([xlsx('PK-bytes', "attachment; filename=\"Ansokningar.xlsx\"; filename*=UTF-8''Ans%C3%B6kningar%20Pilot%201.xlsx")]);
    const { saved, save } = saver();
    const result = await createDownload(demoPerson('p-4'), fetchFn, save)('applications', { cohortId: 'pilot-1', municipality: 'Höganäs', state: 'inReview', sort: 'score', desc: '1', q: 'hemgång' });
    expect(result).toEqual({ ok: true, data: 'Ansökningar Pilot 1.xlsx' });
    expect(sent).toHaveLength(1);
    const url = new URL(sent[0]!.url, 'http://tab');
    expect(url.pathname).toBe('/api/tab/export/applications');
    expect(Object.fromEntries(url.searchParams)).toEqual({ cohortId: 'pilot-1', municipality: 'Höganäs', state: 'inReview', sort: 'score', desc: '1', q: 'hemgång' });
    expect(sent[0]!.method).toBe('GET');
    expect(sent[0]!.headers[DEMO_PERSON_HEADER]).toBe('p-4');
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toBe('Ansökningar Pilot 1.xlsx');
    expect(saved[0]!.type).toBe(XLSX_TYPE);
    expect(await saved[0]!.text).toBe('PK-bytes');
  });

  it('takes the plain file name without filename*, and names the file after the export without either', async () => {
    const { fetchFn } = scripted([xlsx('a', 'attachment; filename="Rangordning.xlsx"'), xlsx('b')]);
    const { saved, save } = saver();
    const download = createDownload(demoPerson('p-4'), fetchFn, save);
    expect(await download('ranking', {})).toEqual({ ok: true, data: 'Rangordning.xlsx' });
    expect(await download('audit', { cohortId: 'pilot-1', applicationId: 'A-7K3QX2' })).toEqual({ ok: true, data: 'audit.xlsx' });
    expect(saved.map((s) => s.name)).toEqual(['Rangordning.xlsx', 'audit.xlsx']);
  });

  it('reads a file name as a name, never a path, and survives a broken encoding', () => {
    expect(fileNameOf("attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd")).toBe('.._.._etc_passwd');
    expect(fileNameOf("attachment; filename*=UTF-8''%E0%A4%A; filename=\"Rapport.xlsx\"")).toBe('Rapport.xlsx');
    expect(fileNameOf('attachment; filename=Budget.xlsx')).toBe('Budget.xlsx');
    expect(fileNameOf('attachment')).toBeUndefined();
    expect(fileNameOf(null)).toBeUndefined();
  });

  it('renews the token once after a 401, like a call', async () => {
    const { asked, credentials } = tokens();
    const { sent, fetchFn } = scripted([new Response(null, { status: 401 }), xlsx('x', 'attachment; filename="Rapport.xlsx"')]);
    const { saved, save } = saver();
    expect(await createDownload(credentials, fetchFn, save)('report', { cohortId: 'pilot-1' })).toEqual({ ok: true, data: 'Rapport.xlsx' });
    expect(asked).toEqual([false, true]);
    expect(sent.map((s) => s.headers.Authorization)).toEqual(['Bearer token-1', 'Bearer token-2-fresh']);
    expect(saved).toHaveLength(1);
  });

  it('saves nothing on a failure, and names it as a call would', async () => {
    const { fetchFn } = scripted([
      new Response(null, { status: 401 }),
      new Response(null, { status: 401 }),
      json(403, { error: 'NOT_ALLOWED' }),
      json(404, { error: 'NOT_FOUND' }),
      json(500, { error: 'INTERNAL' }),
      new TypeError('Failed to fetch'),
      new Response('<html>', { status: 200, headers: { 'content-type': 'text/html' } }),
      json(400, { error: 'FIELDS', fields: [{ field: 'state', code: 'invalid' }] }),
    ]);
    const { saved, save } = saver();
    const download = createDownload(tokens().credentials, fetchFn, save);
    expect(await download('ledger', {})).toEqual({ ok: false, failure: { kind: 'expired' } });
    expect(await download('ledger', {})).toEqual({ ok: false, failure: { kind: 'forbidden', error: { error: 'NOT_ALLOWED' } } });
    expect(await download('ledger', {})).toEqual({ ok: false, failure: { kind: 'notFound', error: { error: 'NOT_FOUND' } } });
    expect(await download('ledger', {})).toEqual({ ok: false, failure: { kind: 'unreachable' } });
    expect(await download('ledger', {})).toEqual({ ok: false, failure: { kind: 'unreachable' } });
    expect(await download('ledger', {})).toEqual({ ok: false, failure: { kind: 'broken' } });
    expect(await download('applications', {})).toEqual({ ok: false, failure: { kind: 'refused', error: { error: 'FIELDS', fields: [{ field: 'state', code: 'invalid' }] } } });
    expect(saved).toHaveLength(0);
  });
});
