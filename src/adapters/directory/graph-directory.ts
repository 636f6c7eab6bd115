import type { TokenCredential } from '@azure/identity';
import {
  Client,
  GraphError,
  HTTPMessageHandler,
  RedirectHandler,
  RedirectHandlerOptions,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { z } from 'zod';
import { MUNICIPALITIES, type Municipality } from '../../domain/municipalities';
import type { EmployeeType, Person } from '../../domain/person';
import type { Directory } from '../../domain/ports';
import { defaultAzureCredential } from '../azure-credential';

export const GRAPH_BASE_URL = 'https://graph.microsoft.com';
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
const GRAPH_VERSION = 'v1.0';

/** The user properties the adapter reads; Graph returns only a default handful unless asked. */
export const USER_SELECT = [
  'id',
  'displayName',
  'mail',
  'userPrincipalName',
  'department',
  'officeLocation',
  'companyName',
  'jobTitle',
  'employeeHireDate',
  'employeeType',
  'userType',
] as const;

export const DEFAULT_PERMANENT_EMPLOYEE_TYPES: readonly string[] = ['Tillsvidareanställd', 'Tillsvidare', 'Permanent', 'Employee'];
export const DEFAULT_TEMPORARY_EMPLOYEE_TYPES: readonly string[] = ['Visstidsanställd', 'Vikarie', 'Timanställd', 'Temporary', 'Contractor'];

/** The Graph user property the municipality is read from. */
export type MunicipalitySource = 'companyName' | 'officeLocation' | 'department';

export interface GraphMappingOptions {
  /** Graph `employeeType` values (trimmed, case-insensitive) that mean a permanent employment. */
  readonly permanentEmployeeTypes?: readonly string[];
  /** Graph `employeeType` values (trimmed, case-insensitive) that mean a temporary employment. */
  readonly temporaryEmployeeTypes?: readonly string[];
  /** Where the tenant keeps the municipality; `companyName` unless told. */
  readonly municipalityFrom?: MunicipalitySource;
}

export interface GraphDirectoryOptions extends GraphMappingOptions {
  readonly client: Client;
  /** The service root the client talks to; `@odata.nextLink`s are only followed under it. */
  readonly baseUrl?: string;
}

export interface GraphClientOptions {
  /** Defaults to `defaultAzureCredential()`: a DefaultAzureCredential (managed identity in Azure, developer login locally), made at the first token. */
  readonly credential?: TokenCredential;
  /** Defaults to https://graph.microsoft.com; tests point it at a local fake. */
  readonly baseUrl?: string;
  /**
   * A 429/503/504 is retried (3 times) after the `Retry-After` it names; a longer wait than this is not
   * waited out but thrown, so a user in Teams is not left hanging. Default 10 seconds.
   */
  readonly maxRetryAfterSeconds?: number;
}

export type CreateGraphDirectoryOptions = GraphClientOptions & GraphMappingOptions;

/** A Graph call failed with something other than 404; `status` is undefined when no response came back. */
export class GraphDirectoryError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GraphDirectoryError';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The Graph client
// ---------------------------------------------------------------------------------------------------------------

const trimSlashes = (url: string): string => url.replace(/\/+$/, '');

/**
 * Adds the bearer token to requests for the configured service root, and to nothing else.
 *
 * The SDK's own AuthenticationHandler only adds it to `https://` URLs on the public Graph hosts (or configured
 * `customHosts`, again https only), so a client aimed at a local http fake would send no token at all.
 */
class BearerTokenHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly provider: TokenCredentialAuthenticationProvider,
    private readonly origin: string,
  ) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const headers = new Headers(context.options?.headers);
    if (new URL(url).origin === this.origin) headers.set('Authorization', `Bearer ${await this.provider.getAccessToken()}`);
    else headers.delete('Authorization');
    context.options = { ...context.options, headers };
    if (!this.next) throw new Error('BearerTokenHandler is not the last middleware');
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

function retryAfterSeconds(response: Response): number | undefined {
  const value = response.headers.get('Retry-After');
  if (value === null) return undefined;
  const seconds = Number(value);
  if (!Number.isNaN(seconds)) return seconds;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : (at - Date.now()) / 1000;
}

/**
 * A Graph client with the SDK's default pipeline (auth, retry honouring Retry-After, redirect, telemetry, fetch),
 * except that the token goes to `baseUrl` whatever its scheme (see BearerTokenHandler).
 */
export function createGraphClient(options: GraphClientOptions = {}): Client {
  const baseUrl = trimSlashes(options.baseUrl ?? GRAPH_BASE_URL);
  const credential = options.credential ?? defaultAzureCredential();
  const maxWait = options.maxRetryAfterSeconds ?? 10;
  const provider = new TokenCredentialAuthenticationProvider(credential, { scopes: [GRAPH_SCOPE] });
  const chain: Middleware[] = [
    new BearerTokenHandler(provider, new URL(baseUrl).origin),
    new RetryHandler(new RetryHandlerOptions(undefined, undefined, (_d, _a, _req, _opts, response) => (retryAfterSeconds(response) ?? 0) <= maxWait)),
    new RedirectHandler(new RedirectHandlerOptions()),
    new TelemetryHandler(),
    new HTTPMessageHandler(),
  ];
  chain.reduce((previous, next) => {
    previous.setNext?.(next);
    return next;
  });
  return Client.initWithMiddleware({ middleware: chain, baseUrl, defaultVersion: GRAPH_VERSION });
}

/** The production directory: Microsoft Graph through a client from `createGraphClient`. */
export function createGraphDirectory(options: CreateGraphDirectoryOptions = {}): GraphDirectory {
  return new GraphDirectory({ ...options, client: createGraphClient(options) });
}

// ---------------------------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------------------------

const nullableString = z.string().nullish();

const GraphUserSchema = z.object({
  id: z.string().min(1),
  displayName: nullableString,
  mail: nullableString,
  userPrincipalName: nullableString,
  department: nullableString,
  officeLocation: nullableString,
  companyName: nullableString,
  jobTitle: nullableString,
  employeeHireDate: nullableString,
  employeeType: nullableString,
  userType: nullableString.optional(),
});
type GraphUser = z.infer<typeof GraphUserSchema>;

const DirectoryObjectRefSchema = z.object({ id: z.string().min(1) });
const GraphUserWithManager = GraphUserSchema.extend({ manager: DirectoryObjectRefSchema.nullish() });

const CollectionSchema = z.object({
  value: z.array(z.unknown()),
  '@odata.nextLink': z.string().optional(),
});

/** In a directoryObject collection (directReports) an entry may be an orgContact or a device, not a user. */
const DirectoryObjectTypeSchema = z.object({ '@odata.type': z.string().optional() });

// ---------------------------------------------------------------------------------------------------------------
// Mapping
// ---------------------------------------------------------------------------------------------------------------

const letterBoundary = (name: string) => new RegExp(`(?<!\\p{L})${name}s?(?!\\p{L})`, 'iu');
const MUNICIPALITY_PATTERNS: readonly (readonly [Municipality, RegExp])[] = MUNICIPALITIES.map((m) => [m, letterBoundary(m.normalize('NFC'))]);

/**
 * The first of the municipalities (in MUNICIPALITIES order) named in `text`, as a word of its own, in any case,
 * optionally in the genitive ("Helsingborgs stad", "Höganäs kommun", "Ängelholms kommun").
 */
export function municipalityIn(text: string | null | undefined): Municipality | undefined {
  if (!text) return undefined;
  const normalised = text.normalize('NFC');
  return MUNICIPALITY_PATTERNS.find(([, pattern]) => pattern.test(normalised))?.[0];
}

const STOCKHOLM_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The calendar date of Graph's `employeeHireDate` (a DateTimeOffset). Midnight UTC, the usual form, is its date
 * part; an instant such as 2021-03-31T22:00:00Z (midnight in Sweden, written by an HR sync) is read as the
 * Swedish calendar date, 2021-04-01, which for midnight UTC is the same as the date part.
 */
export function hireDateOf(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return trimmed;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(trimmed)) return undefined;
  const instant = new Date(trimmed);
  if (Number.isNaN(instant.getTime())) return undefined;
  const parts = Object.fromEntries(STOCKHOLM_DATE.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const normaliseType = (value: string) => value.normalize('NFC').trim().toLowerCase();

/** Trimmed, or undefined when absent or blank (Graph has null for an unset property). */
const clean = (value: string | null | undefined): string | undefined => value?.trim() || undefined;

class PersonMapper {
  private readonly permanent: ReadonlySet<string>;
  private readonly temporary: ReadonlySet<string>;
  private readonly municipalityFrom: MunicipalitySource;

  constructor(options: GraphMappingOptions) {
    this.permanent = new Set((options.permanentEmployeeTypes ?? DEFAULT_PERMANENT_EMPLOYEE_TYPES).map(normaliseType));
    this.temporary = new Set((options.temporaryEmployeeTypes ?? DEFAULT_TEMPORARY_EMPLOYEE_TYPES).map(normaliseType));
    this.municipalityFrom = options.municipalityFrom ?? 'companyName';
  }

  employeeType(value: string | null | undefined): EmployeeType {
    if (!value) return 'unknown';
    const type = normaliseType(value);
    if (this.permanent.has(type)) return 'permanent';
    if (this.temporary.has(type)) return 'temporary';
    return 'unknown';
  }

  toPerson(user: GraphUser, managerId: string | undefined): Person {
    const email = clean(user.mail) ?? clean(user.userPrincipalName) ?? '';
    const municipality = municipalityIn(user[this.municipalityFrom]);
    const administration = clean(user.department);
    const workplace = clean(user.officeLocation);
    const jobTitle = clean(user.jobTitle);
    const hireDate = hireDateOf(user.employeeHireDate);
    return {
      id: user.id,
      name: clean(user.displayName) ?? (email || user.id),
      email,
      ...(municipality ? { municipality } : {}),
      ...(administration ? { administration } : {}),
      ...(workplace ? { workplace } : {}),
      ...(jobTitle ? { jobTitle } : {}),
      ...(managerId ? { managerId } : {}),
      ...(hireDate ? { hireDate } : {}),
      employeeType: this.employeeType(user.employeeType),
      ...(user.userType === 'Guest' ? { guest: true } : {}),
    };
  }
}

/** An OData string literal: in single quotes, a quote inside doubled. */
export const odataString = (value: string): string => `'${value.replace(/'/g, "''")}'`;

// ---------------------------------------------------------------------------------------------------------------
// The adapter
// ---------------------------------------------------------------------------------------------------------------

const SELECT = `$select=${USER_SELECT.join(',')}`;
const userPath = (id: string) => `/users/${encodeURIComponent(id)}`;

/**
 * The organisation's directory in Microsoft Entra ID, read through Microsoft Graph (application permission
 * User.Read.All). Every response is validated; a 404 means "nobody", anything else that fails is thrown as a
 * GraphDirectoryError carrying the HTTP status.
 */
export class GraphDirectory implements Directory {
  private readonly client: Client;
  private readonly serviceRoot: string;
  private readonly mapper: PersonMapper;

  constructor(options: GraphDirectoryOptions) {
    this.client = options.client;
    this.serviceRoot = `${trimSlashes(options.baseUrl ?? GRAPH_BASE_URL)}/${GRAPH_VERSION}/`;
    this.mapper = new PersonMapper(options);
  }

  async getPerson(id: string): Promise<Person | null> {
    const [user, managerId] = await Promise.all([this.user(id), this.managerOf(id)]);
    return user ? this.mapper.toPerson(user, managerId) : null;
  }

  async findByEmail(email: string): Promise<Person | null> {
    const wanted = email.trim();
    if (!wanted) return null;
    const literal = odataString(wanted);
    const filter = `mail eq ${literal} or userPrincipalName eq ${literal}`;
    const page = await this.get(`/users?${SELECT}&$filter=${encodeURIComponent(filter)}`, CollectionSchema);
    if (!page) return null;
    const users = page.value.map((u) => parse(GraphUserSchema, u, 'GET /users'));
    const [only] = users;
    if (users.length !== 1 || !only) return null;
    return this.mapper.toPerson(only, await this.managerOf(only.id));
  }

  async directReports(managerId: string): Promise<readonly Person[]> {
    const people: Person[] = [];
    let path: string | undefined = `${userPath(managerId)}/directReports?${SELECT}`;
    while (path !== undefined) {
      const page: z.infer<typeof CollectionSchema> | null = await this.get(path, CollectionSchema);
      if (!page) return [];
      for (const entry of page.value) {
        const type = parse(DirectoryObjectTypeSchema, entry, 'GET directReports')['@odata.type'];
        if (type !== undefined && type !== '#microsoft.graph.user') continue;
        people.push(this.mapper.toPerson(parse(GraphUserSchema, entry, 'GET directReports'), managerId));
      }
      const next: string | undefined = page['@odata.nextLink'];
      path = next === undefined ? undefined : this.relative(next);
    }
    return people;
  }

  /** GET /users with each user's manager, 999 a page (Graph's most), following `@odata.nextLink`. */
  async *everyone(): AsyncIterable<readonly Person[]> {
    let path: string | undefined = `/users?${SELECT}&$expand=manager($select=id)&$top=999`;
    while (path !== undefined) {
      const page: z.infer<typeof CollectionSchema> | null = await this.get(path, CollectionSchema);
      if (!page) return;
      yield page.value.map((entry) => {
        const user = parse(GraphUserWithManager, entry, 'GET /users');
        return this.mapper.toPerson(user, user.manager?.id);
      });
      const next: string | undefined = page['@odata.nextLink'];
      path = next === undefined ? undefined : this.relative(next);
    }
  }

  private async user(id: string): Promise<GraphUser | null> {
    return this.get(`${userPath(id)}?${SELECT}`, GraphUserSchema);
  }

  private async managerOf(id: string): Promise<string | undefined> {
    return (await this.get(`${userPath(id)}/manager?$select=id`, DirectoryObjectRefSchema))?.id;
  }

  /** A nextLink is absolute; the SDK only strips https roots from a path, so it is made relative here. */
  private relative(nextLink: string): string {
    if (!nextLink.startsWith(this.serviceRoot)) {
      throw new GraphDirectoryError(`Graph returned a nextLink outside ${this.serviceRoot}: ${nextLink}`, undefined, undefined);
    }
    return `/${nextLink.slice(this.serviceRoot.length)}`;
  }

  /** GET `path`, validated by `schema`; null on 404. */
  private async get<T>(path: string, schema: z.ZodType<T>): Promise<T | null> {
    let body: unknown;
    try {
      body = await this.client.api(path).get();
    } catch (error) {
      if (error instanceof GraphError) {
        if (error.statusCode === 404) return null;
        const status = error.statusCode > 0 ? error.statusCode : undefined;
        throw new GraphDirectoryError(`Graph GET ${path} failed: ${status ?? 'no response'} ${error.code ?? ''} ${error.message}`.trim(), status, error.code ?? undefined, {
          cause: error,
        });
      }
      throw error;
    }
    return parse(schema, body, `GET ${path}`);
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new GraphDirectoryError(`Graph answered ${what} with an unexpected body: ${z.prettifyError(result.error)}`, undefined, undefined, {
      cause: result.error,
    });
  }
  return result.data;
}
