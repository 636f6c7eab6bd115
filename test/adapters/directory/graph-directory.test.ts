import type { AccessToken, TokenCredential } from '@azure/identity';
import {
  createGraphDirectory,
  GraphDirectory,
  GraphDirectoryError,
  GRAPH_SCOPE,
  hireDateOf,
  municipalityIn,
  odataString,
  USER_SELECT,
  type CreateGraphDirectoryOptions,
} from '../../../src/adapters/directory/graph-directory';
import { z } from 'zod';
import { FakeGraph, type FakeGraphUser } from '../../fakes/fake-graph';

const scopesAsked: string[][] = [];
const credential: TokenCredential = {
  getToken: async (scopes: string | string[]): Promise<AccessToken> => {
    scopesAsked.push(typeof scopes === 'string' ? [scopes] : scopes);
    return { token: 'test-token', expiresOnTimestamp: Date.now() + 3600_000 };
  },
};

const manager: FakeGraphUser = {
  id: '6f1c0a52-0000-4000-8000-00000000b0b1',
  displayName: 'Björn Ström',
  mail: 'bjorn.strom@hoganas.se',
  userPrincipalName: 'bjorn.strom@hoganas.se',
  department: 'Samhällsbyggnadsförvaltningen',
  officeLocation: 'Stadshuset Höganäs',
  companyName: 'Höganäs kommun',
  jobTitle: 'Enhetschef',
  employeeHireDate: '2011-02-01T00:00:00Z',
  employeeType: '  PERMANENT ',
};
const anna: FakeGraphUser = {
  id: '0a8d1c3e-0000-4000-8000-0000000a0a0a',
  displayName: 'Anna Åkesson-Öhrn',
  givenName: 'Anna',
  surname: 'Åkesson-Öhrn',
  mail: 'Anna.Akesson-Ohrn@helsingborg.se',
  userPrincipalName: 'anak01@helsingborg.se',
  department: 'Vård- och omsorgsförvaltningen',
  officeLocation: 'Ödåkra vårdboende',
  companyName: 'Helsingborgs stad',
  jobTitle: 'Undersköterska',
  employeeHireDate: '2019-08-26T00:00:00Z',
  employeeType: 'Tillsvidareanställd',
  mobilePhone: '+46 70 000 00 00',
  managerId: manager.id,
};
const erik: FakeGraphUser = {
  id: 'e1e1e1e1-0000-4000-8000-0000000e0e0e',
  displayName: 'Erik Öberg',
  mail: null,
  userPrincipalName: 'erik.oberg@nsva.se',
  companyName: 'Nordvästra Skånes Vatten och Avlopp',
  employeeType: 'Vikarie',
  managerId: manager.id,
};
/** The accelerator partner's representative on the jury: a guest in the tenant. */
const partner: FakeGraphUser = { id: 'g-1', displayName: 'Jonas Wikström', mail: 'jonas@acceleratorpartner.se', userPrincipalName: 'jonas_acceleratorpartner.se#EXT#@helsingborg.onmicrosoft.com', userType: 'Guest' };
const obrien: FakeGraphUser = { id: 'o-1', displayName: "Siobhán O'Brien", mail: "o'brien@x.se", userPrincipalName: 'sobr01@x.se', employeeType: 'Konsult' };
const twins: FakeGraphUser[] = [
  { id: 'twin-1', displayName: 'Delad Ett', mail: 'delad@bjuv.se', userPrincipalName: 'delad1@bjuv.se' },
  { id: 'twin-2', displayName: 'Delad Två', mail: 'delad2@bjuv.se', userPrincipalName: 'DELAD@bjuv.se' },
];
const moreReports: FakeGraphUser[] = ['Åke', 'Märta', 'Örjan'].map((name, i) => ({
  id: `r-${i}`,
  displayName: `${name} Svensson`,
  mail: `r${i}@landskrona.se`,
  userPrincipalName: `r${i}@landskrona.se`,
  companyName: 'Landskrona stad',
  managerId: manager.id,
}));

describe('GraphDirectory on a fake Microsoft Graph over HTTP', () => {
  const fake = new FakeGraph({ pageSize: 2, token: 'test-token' });
  let baseUrl: string;
  const directory = (options: Omit<CreateGraphDirectoryOptions, 'baseUrl' | 'credential'> = {}) => createGraphDirectory({ ...options, credential, baseUrl });

  beforeAll(async () => {
    baseUrl = await fake.start();
  });
  afterAll(async () => {
    await fake.stop();
  });
  beforeEach(() => {
    fake.reset();
    fake.setUsers([manager, anna, erik, obrien, partner, ...twins, ...moreReports]);
  });

  const requestsTo = (suffix: string) => fake.requests.filter((r) => r.path.endsWith(suffix));

  describe('getPerson', () => {
    it('maps every field, with Swedish letters intact', async () => {
      expect(await directory().getPerson(anna.id)).toEqual({
        id: anna.id,
        name: 'Anna Åkesson-Öhrn',
        email: 'Anna.Akesson-Ohrn@helsingborg.se',
        municipality: 'Helsingborg',
        administration: 'Vård- och omsorgsförvaltningen',
        workplace: 'Ödåkra vårdboende',
        jobTitle: 'Undersköterska',
        managerId: manager.id,
        hireDate: '2019-08-26',
        employeeType: 'permanent',
      });
    });

    it('marks a guest in the tenant (userType Guest), and nobody else', async () => {
      expect(await directory().getPerson(partner.id)).toEqual({ id: partner.id, name: 'Jonas Wikström', email: 'jonas@acceleratorpartner.se', employeeType: 'unknown', guest: true });
      expect((await directory().getPerson(anna.id))?.guest).toBeUndefined();
    });

    it('asks for exactly the properties it maps, and for the manager by id only', async () => {
      await directory().getPerson(anna.id);
      const [user] = requestsTo(anna.id);
      expect(user?.query.$select).toBe(USER_SELECT.join(','));
      const [mgr] = requestsTo('/manager');
      expect(mgr?.path).toBe(`/v1.0/users/${anna.id}/manager`);
      expect(mgr?.query.$select).toBe('id');
    });

    it('reads the municipality from "Höganäs kommun"; without a manager (Graph 404) there is no managerId', async () => {
      const person = await directory().getPerson(manager.id);
      expect(person).toEqual({
        id: manager.id,
        name: 'Björn Ström',
        email: 'bjorn.strom@hoganas.se',
        municipality: 'Höganäs',
        administration: 'Samhällsbyggnadsförvaltningen',
        workplace: 'Stadshuset Höganäs',
        jobTitle: 'Enhetschef',
        hireDate: '2011-02-01',
        employeeType: 'permanent',
      });
      expect(person).not.toHaveProperty('managerId');
      expect(requestsTo('/manager').map((r) => r.status)).toEqual([404]);
    });

    it('leaves the municipality out for a company that is none of the 11; falls back to the UPN without mail', async () => {
      const person = await directory().getPerson(erik.id);
      expect(person).toEqual({ id: erik.id, name: 'Erik Öberg', email: 'erik.oberg@nsva.se', managerId: manager.id, employeeType: 'temporary' });
      expect(person).not.toHaveProperty('municipality');
      expect(person).not.toHaveProperty('hireDate');
    });

    it("calls an employee type it does not know 'unknown'", async () => {
      expect((await directory().getPerson(obrien.id))?.employeeType).toBe('unknown');
    });

    it('takes the permanent types and the municipality source from its options', async () => {
      const custom = directory({ permanentEmployeeTypes: ['Konsult'], temporaryEmployeeTypes: [], municipalityFrom: 'officeLocation' });
      expect(await custom.getPerson(obrien.id)).toMatchObject({ employeeType: 'permanent' });
      expect(await custom.getPerson(anna.id)).toMatchObject({ employeeType: 'unknown' });
      expect(await custom.getPerson(anna.id)).not.toHaveProperty('municipality');
      expect(await custom.getPerson(manager.id)).toMatchObject({ municipality: 'Höganäs' });
      expect(await custom.getPerson(erik.id)).toMatchObject({ employeeType: 'unknown' });
    });

    it('answers null for a user Graph does not know (404), and escapes the id in the path', async () => {
      expect(await directory().getPerson('no-such-user')).toBeNull();
      expect(await directory().getPerson('a/b?c')).toBeNull();
      expect(fake.requests.map((r) => r.status)).toEqual([404, 404, 404, 404]);
      expect(fake.requests.some((r) => r.rawUrl.startsWith('/v1.0/users/a%2Fb%3Fc?'))).toBe(true);
    });
  });

  describe('findByEmail', () => {
    it('finds by mail, trimmed and in any case, and brings the manager', async () => {
      const found = await directory().findByEmail('  anna.akesson-ohrn@HELSINGBORG.se ');
      expect(found).toMatchObject({ id: anna.id, managerId: manager.id });
    });

    it('finds by user principal name', async () => {
      expect((await directory().findByEmail('ANAK01@helsingborg.se'))?.id).toBe(anna.id);
    });

    it('sends one OData filter, URL-encoded, with a single quote doubled', async () => {
      expect((await directory().findByEmail("O'Brien@x.se"))?.id).toBe(obrien.id);
      const [search] = requestsTo('/v1.0/users');
      expect(search?.query.$filter).toBe("mail eq 'O''Brien@x.se' or userPrincipalName eq 'O''Brien@x.se'");
      expect(search?.rawUrl).toContain('$filter=mail%20eq%20');
      expect(search?.rawUrl).not.toMatch(/[ ']/);
      expect(odataString("it's")).toBe("'it''s'");
    });

    it('answers null when nobody matches, or when two people do (one by mail, one by UPN)', async () => {
      expect(await directory().findByEmail('nobody@helsingborg.se')).toBeNull();
      expect(await directory().findByEmail('delad@bjuv.se')).toBeNull();
      expect(await directory().findByEmail('   ')).toBeNull();
      expect(requestsTo('/manager')).toEqual([]);
    });

    it('keeps an address with & and + in one piece', async () => {
      fake.setUsers([{ id: 'amp', mail: 'a&b+c@x.se', userPrincipalName: 'amp@x.se' }]);
      expect((await directory().findByEmail('a&b+c@x.se'))?.id).toBe('amp');
    });
  });

  describe('directReports', () => {
    it('follows @odata.nextLink across pages and gives every report the managerId', async () => {
      const reports = await directory().directReports(manager.id);
      expect(reports.map((p) => p.id)).toEqual([anna.id, erik.id, 'r-0', 'r-1', 'r-2']);
      expect(reports.every((p) => p.managerId === manager.id)).toBe(true);
      expect(reports[2]).toEqual({ id: 'r-0', name: 'Åke Svensson', email: 'r0@landskrona.se', municipality: 'Landskrona', managerId: manager.id, employeeType: 'unknown' });
      const pages = requestsTo('/directReports');
      expect(pages).toHaveLength(3);
      expect(pages.map((p) => p.query.$skiptoken === undefined)).toEqual([true, false, false]);
      expect(pages.every((p) => p.query.$select === USER_SELECT.join(','))).toBe(true);
      expect(requestsTo('/manager')).toEqual([]);
    });

    it('is empty for someone without reports, and for an unknown manager (404)', async () => {
      expect(await directory().directReports(anna.id)).toEqual([]);
      expect(await directory().directReports('no-such-user')).toEqual([]);
    });

    it('skips entries that are not users (an orgContact among the reports)', async () => {
      fake.failNext(1, 200, {}, { value: [{ '@odata.type': '#microsoft.graph.orgContact', id: 'c-1', displayName: 'Extern' }, { '@odata.type': '#microsoft.graph.user', ...anna }] });
      expect((await directory().directReports(manager.id)).map((p) => p.id)).toEqual([anna.id]);
    });

    it('refuses to follow a nextLink to another host', async () => {
      fake.failNext(1, 200, {}, { value: [], '@odata.nextLink': 'https://evil.example/v1.0/users?$skiptoken=x' });
      await expect(directory().directReports(manager.id)).rejects.toThrow(/nextLink outside/);
      expect(fake.requests).toHaveLength(1);
    });
  });

  describe('failures', () => {
    it('throws a Graph error other than 404, with its status and code', async () => {
      fake.failNext(2, 500);
      const error = await directory()
        .getPerson(anna.id)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GraphDirectoryError);
      expect(error).toMatchObject({ status: 500, code: 'generalException' });
    });

    it('throws on a response that is not the shape it expects', async () => {
      fake.failNext(1, 200, {}, { value: [{ id: 42 }] });
      await expect(directory().findByEmail('anak01@helsingborg.se')).rejects.toThrow(/unexpected body/);
    });

    it('waits out a 429 with Retry-After: 1 and then succeeds (the SDK RetryHandler)', async () => {
      fake.failNext(1, 429, { 'Retry-After': '1' });
      const started = Date.now();
      expect((await directory().findByEmail('anak01@helsingborg.se'))?.id).toBe(anna.id);
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      const searches = requestsTo('/v1.0/users');
      expect(searches.map((r) => r.status)).toEqual([429, 200]);
      expect(searches[1]?.headers['retry-attempt']).toBe('1');
      expect(searches[1]?.rawUrl).toBe(searches[0]?.rawUrl);
    });

    it('gives up on a 503 after three retries, and throws it', async () => {
      fake.failNext(10, 503, { 'Retry-After': '0' });
      await expect(directory().directReports(manager.id)).rejects.toMatchObject({ status: 503 });
      expect(fake.requests).toHaveLength(4);
    });

    it('does not wait out a Retry-After longer than maxRetryAfterSeconds', async () => {
      fake.failNext(1, 429, { 'Retry-After': '120' });
      const started = Date.now();
      await expect(directory().findByEmail('anak01@helsingborg.se')).rejects.toMatchObject({ status: 429, code: 'Request_ThrottledTemporarily' });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(fake.requests).toHaveLength(1);
    });

    it('throws without a status when Graph cannot be reached', async () => {
      const unreachable = createGraphDirectory({ credential, baseUrl: 'http://127.0.0.1:1' });
      await expect(unreachable.getPerson(anna.id)).rejects.toMatchObject({ name: 'GraphDirectoryError', status: undefined });
    });
  });

  describe('authentication', () => {
    it('sends the bearer token from the credential, asked for the Graph scope, on every request', async () => {
      scopesAsked.length = 0;
      await directory().getPerson(anna.id);
      await directory().directReports(manager.id);
      expect(fake.requests.length).toBeGreaterThan(3);
      expect(fake.requests.map((r) => r.headers.authorization)).toEqual(fake.requests.map(() => 'Bearer test-token'));
      expect(scopesAsked.length).toBeGreaterThan(0);
      expect(scopesAsked.every((s) => s.length === 1 && s[0] === GRAPH_SCOPE)).toBe(true);
    });

    it('is refused by Graph with a wrong token, and says so', async () => {
      const wrong: TokenCredential = { getToken: async () => ({ token: 'stolen', expiresOnTimestamp: Date.now() + 3600_000 }) };
      await expect(createGraphDirectory({ credential: wrong, baseUrl }).getPerson(anna.id)).rejects.toMatchObject({ status: 401, code: 'InvalidAuthenticationToken' });
    });

    it('can be built over a client of its own', async () => {
      const { createGraphClient } = await import('../../../src/adapters/directory/graph-directory');
      const own = new GraphDirectory({ client: createGraphClient({ credential, baseUrl }), baseUrl });
      expect((await own.directReports(manager.id)).length).toBe(5);
    });
  });

  describe('the fake itself behaves like Graph', () => {
    const get = async (path: string, headers: Record<string, string> = { Authorization: 'Bearer test-token' }) => {
      const res = await fetch(`${baseUrl}${path}`, { headers });
      return { status: res.status, body: z.record(z.string(), z.unknown()).parse(await res.json()) };
    };

    it('refuses a request without a bearer token', async () => {
      const { status, body } = await get(`/v1.0/users/${anna.id}`, {});
      expect(status).toBe(401);
      expect(body).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
    });

    it('returns only the selected properties plus id, null for what the user lacks, and a default set without $select', async () => {
      const selected = await get(`/v1.0/users/${erik.id}?$select=displayName,mail`);
      expect(Object.keys(selected.body).sort()).toEqual(['@odata.context', 'displayName', 'id', 'mail']);
      expect(selected.body.mail).toBeNull();
      const plain = await get(`/v1.0/users/${anna.id}`);
      expect(plain.body).toMatchObject({ displayName: anna.displayName, officeLocation: anna.officeLocation });
      expect(plain.body).not.toHaveProperty('department');
      expect(plain.body).not.toHaveProperty('companyName');
    });

    it('answers 400 for an unknown property, an unsupported filter or a broken literal, 404 with Graph’s body for nobody', async () => {
      expect((await get('/v1.0/users/x?$select=displayName,shoeSize')).status).toBe(400);
      expect((await get(`/v1.0/users?$filter=${encodeURIComponent("startswith(mail,'a')")}`)).status).toBe(400);
      expect((await get(`/v1.0/users?$filter=${encodeURIComponent("mail eq 'o'brien@x.se' or userPrincipalName eq 'o'brien@x.se'")}`)).status).toBe(400);
      const missing = await get('/v1.0/users/nobody');
      expect(missing).toMatchObject({ status: 404, body: { error: { code: 'Request_ResourceNotFound', message: expect.any(String) } } });
    });
  });
});

describe('mapping helpers', () => {
  it.each([
    ['Helsingborgs stad', 'Helsingborg'],
    ['Höganäs kommun', 'Höganäs'],
    ['ÄNGELHOLMS KOMMUN', 'Ängelholm'],
    ['Åstorps kommun', 'Åstorp'],
    ['båstad', 'Båstad'],
    ['Örkelljunga kommun', 'Örkelljunga'],
    ['Ho\u0308gana\u0308s kommun', 'Höganäs'],
    ['Bjuvs kommun, Kultur', 'Bjuv'],
    ['Helsingborgshem', undefined],
    ['Region Skåne', undefined],
    ['', undefined],
    [null, undefined],
  ])('municipalityIn(%p) is %p', (text, expected) => {
    expect(municipalityIn(text)).toBe(expected);
  });

  it.each([
    ['2019-08-26T00:00:00Z', '2019-08-26'],
    ['2021-03-31T22:00:00Z', '2021-04-01'],
    ['2024-01-15', '2024-01-15'],
    ['not a date', undefined],
    [null, undefined],
  ])('hireDateOf(%p) is %p', (value, expected) => {
    expect(hireDateOf(value)).toBe(expected);
  });
});
