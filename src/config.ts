import { z } from 'zod';
import { MUNICIPALITIES, type Municipality } from './domain/municipalities';
import demoDirectory from './demo/directory.json';

/**
 * The only reader of process.env. Parsed once at start; a missing or malformed variable stops the
 * process with one line naming it. Local mode needs no variables at all.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const ids = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[0-9a-zA-Z-]{1,64}$/, 'comma-separated object ids')));

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().min(1).optional(),
  MICROSOFT_APP_ID: z.string().min(1).optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
  MICROSOFT_APP_TENANT_ID: z.string().min(1).optional(),
  ALLOWED_TENANT_IDS: ids.optional(),
  BOT_OPENID_METADATA_URL: z.url().optional(),
  COSMOS_ENDPOINT: z.url().optional(),
  COSMOS_KEY: z.string().min(1).optional(),
  /** The endpoint is an emulator with a self-signed certificate (the Azure Cosmos DB emulator, or the embedded server run apart in tests). */
  COSMOS_EMULATOR: bool.default(false),
  COSMOS_DATABASE: z.string().regex(/^[A-Za-z0-9_-]{1,255}$/).default('acceleratorn'),
  COSMOS_EMBEDDED_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  DIRECTORY: z.enum(['file', 'graph']).default('file'),
  DIRECTORY_FILE: z.string().min(1).optional(),
  GRAPH_BASE_URL: z.url().optional(),
  GRAPH_MUNICIPALITY_FROM: z.enum(['companyName', 'officeLocation', 'department']).default('companyName'),
  GRAPH_PERMANENT_EMPLOYEE_TYPES: z.string().optional(),
  SEED_DEMO: bool.default(false),
  COORDINATOR_IDS: ids.default([]),
  HR_CONTACTS: z
    .string()
    .transform((s) => s.split(/[;,]/).map((x) => x.trim()).filter(Boolean).map((pair) => pair.split('=').map((x) => x.trim())))
    .pipe(z.array(z.tuple([z.enum(MUNICIPALITIES), z.string().regex(/^[0-9a-zA-Z-]{1,64}$/)])))
    .default([]),
  LOCALE_OVERRIDE: z.enum(['sv', 'en']).optional(),
  APPROVAL_REMINDER_DAYS: z.coerce.number().int().min(1).max(30).default(3),
  APPROVAL_ESCALATION_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  OUTBOX_WORKER: bool.default(true),
  OUTBOX_SEND_RATE: z.coerce.number().positive().max(50).default(48),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(2000),
  CONNECTOR_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  SHUTDOWN_DEADLINE_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
  TEAMS_SERVICE_URL: z.url().optional(),
  /** The personal tab (served under /tab/ with its API under /api/tab/). */
  TAB_ENABLED: bool.default(true),
  TAB_APP_ID: z.string().regex(/^[0-9a-fA-F-]{36}$/, 'the tab app registration\'s client id (a GUID)').optional(),
  TAB_APP_ID_URI: z.string().regex(/^api:\/\/[^\s]{1,300}$/, 'api://<host>/<client id>').optional(),
  /** Local mode only (`npm start`): the tab offers the demo people to sign in as. Production refuses to start with it. */
  TAB_DEMO_SIGNIN: bool.default(false),
  /** Tests only: where the keys that sign tab tokens are published (Entra ID's otherwise). */
  TAB_JWKS_URL: z.url().optional(),
  /** The Teams app's id (the manifest's `id`): cards link to the tab with Teams deep links. */
  TEAMS_APP_ID: z.string().regex(/^[0-9a-fA-F-]{36}$/, 'the Teams app id (a GUID)').optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Application Insights: when set, requests, dependencies and the logs go there too (src/telemetry.ts). */
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.string().max(1000).regex(/^(?=.*InstrumentationKey=[0-9a-fA-F-]{36})[^\s]+$/, 'an Application Insights connection string (InstrumentationKey=…;IngestionEndpoint=…)').optional(),
});

type Env = z.infer<typeof EnvSchema>;

/** Every variable src/config.ts reads: nothing else in process.env is the app's configuration. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);

/**
 * What production needs, and when (the other variables decide): parseConfig refuses to start without each
 * that applies, and the deployment (infra/main.bicep) writes each of them (test/infra).
 */
export const PRODUCTION_REQUIRES: readonly { readonly name: keyof Env; readonly shown?: string; readonly when: (e: Env) => boolean }[] = [
  { name: 'MICROSOFT_APP_ID', when: () => true },
  { name: 'MICROSOFT_APP_PASSWORD', when: (e) => e.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' },
  { name: 'MICROSOFT_APP_TENANT_ID', when: (e) => e.MICROSOFT_APP_TYPE !== 'MultiTenant' },
  { name: 'COSMOS_ENDPOINT', when: () => true },
  { name: 'DIRECTORY_FILE', shown: 'DIRECTORY=graph or DIRECTORY_FILE', when: (e) => e.DIRECTORY === 'file' },
  { name: 'ALLOWED_TENANT_IDS', when: () => true },
  { name: 'TAB_APP_ID', shown: 'TAB_APP_ID (or TAB_ENABLED=false)', when: (e) => e.TAB_ENABLED },
  { name: 'TEAMS_APP_ID', shown: 'TEAMS_APP_ID (or TAB_ENABLED=false)', when: (e) => e.TAB_ENABLED },
];

/** Variables for local runs and tests only: production refuses to start with any of them set. */
export const NOT_IN_PRODUCTION: Readonly<Partial<Record<keyof Env, string>>> = {
  BOT_OPENID_METADATA_URL: 'is for tests only; in production the Bot Connector publishes its own keys',
  COSMOS_EMULATOR: 'is for local runs and tests only; it accepts any certificate',
  TAB_DEMO_SIGNIN: 'is for npm start only; in production people sign in with Teams',
  TAB_JWKS_URL: 'is for tests only; in production Entra ID publishes its own keys',
  LOCALE_OVERRIDE: 'is for local demos only; in production Teams tells each user\'s language',
};

export type LogLevel = z.infer<typeof EnvSchema>['LOG_LEVEL'];

export interface BotAuthConfig {
  readonly appId: string;
  readonly appPassword?: string;
  readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  readonly tenantId?: string;
  /** Tests only (refused in production): where the Bot Connector's signing keys are published. */
  readonly openIdMetadataUrl?: string;
}

export type CosmosConfig =
  | { readonly mode: 'embedded'; readonly database: string; readonly port: number }
  | { readonly mode: 'azure'; readonly database: string; readonly endpoint: string; readonly key?: string }
  /** A Cosmos-compatible server on this machine with a self-signed certificate; never in production. */
  | { readonly mode: 'emulator'; readonly database: string; readonly endpoint: string };

export interface Config {
  readonly env: 'development' | 'test' | 'production';
  readonly port: number;
  readonly host: string;
  /** Absent only outside production: then /api/messages accepts unauthenticated requests (Playground, tests). */
  readonly botAuth?: BotAuthConfig;
  /**
   * The Entra tenants whose activities are served; every other tenant gets no reply and no write. Required in
   * production; locally the Agents Playground's mock tenant (src/demo/directory.json).
   */
  readonly allowedTenantIds: readonly string[];
  readonly cosmos: CosmosConfig;
  /** The staff directory: Microsoft Graph, or a JSON file (the demo people when no file is named). */
  readonly directory:
    | { readonly source: 'file'; readonly file?: string }
    | { readonly source: 'graph'; readonly baseUrl?: string; readonly municipalityFrom: 'companyName' | 'officeLocation' | 'department'; readonly permanentEmployeeTypes?: readonly string[] };
  readonly seedDemo: boolean;
  readonly coordinatorIds: readonly string[];
  /** The first HR contact per municipality, written with the coordinators when no programme settings exist. */
  readonly hrContactIds: Readonly<Partial<Record<Municipality, string>>>;
  readonly logLevel: LogLevel;
  /**
   * Local demo only: answer in this language whatever the client says. The Agents Playground reports
   * en-US for every user, so `npm start` sets Swedish; Teams itself sends the user's real locale.
   */
  readonly localeOverride?: 'sv' | 'en';
  /**
   * Proactive delivery: run the outbox worker here (it delivers only while it holds the sender lease, so one
   * instance sends at a time), at this many connector requests a second (Teams allows 50 per app).
   */
  readonly outbox: { readonly worker: boolean; readonly sendRate: number; readonly pollMs: number };
  /** Where to open 1:1 chats with people who never wrote to the bot, until an incoming activity tells (e.g. https://smba.trafficmanager.net/emea/). */
  readonly teamsServiceUrl?: string;
  /** Every request to the Bot Connector is abandoned after this long. */
  readonly connectorTimeoutMs: number;
  /** SIGTERM to exit: turns and deliveries in flight finish or are abandoned within this. */
  readonly shutdownDeadlineMs: number;
  /** The personal tab: off, or on with the token settings (`appId` absent only locally: then only the demo sign-in works). */
  readonly tab: TabConfig;
  /**
   * The user-assigned managed identity that signs in to Cosmos DB and Microsoft Graph (its client id): under
   * MICROSOFT_APP_TYPE=UserAssignedMSI the bot's own identity. Absent: DefaultAzureCredential's own choice.
   */
  readonly managedIdentityClientId?: string;
  /** Application Insights (src/telemetry.ts), when a connection string is set. */
  readonly telemetry?: { readonly connectionString: string };
  /** Working days before a silent manager is reminded, and before the task goes to the HR contact. */
  readonly approvalSchedule: { readonly reminderWorkingDays: number; readonly escalationWorkingDays: number };
}

export interface TabConfig {
  readonly enabled: boolean;
  readonly appId?: string;
  readonly appIdUri?: string;
  /** `npm start`'s demo sign-in; never in production (parseConfig refuses). */
  readonly demoSignIn: boolean;
  readonly jwksUrl?: string;
  /** The Teams app's id, for deep links from cards into the tab; absent locally (cards link to the local tab). */
  readonly teamsAppId?: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Parses an environment; throws ConfigError whose message is the one line to print. */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(blanksRemoved);
  if (!parsed.success) {
    const parts = parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${parts.join('; ')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';

  const missing: string[] = [];
  if (production) {
    const given = (value: unknown) => (Array.isArray(value) ? value.length > 0 : Boolean(value));
    for (const need of PRODUCTION_REQUIRES) if (need.when(e) && !given(e[need.name])) missing.push(need.shown ?? need.name);
    const refused = Object.entries(NOT_IN_PRODUCTION).find(([name]) => given(e[name as keyof Env]));
    if (refused) throw new ConfigError(`Invalid configuration: ${refused[0]} ${refused[1]}`);
  } else if (e.MICROSOFT_APP_ID && e.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !e.MICROSOFT_APP_PASSWORD) {
    missing.push('MICROSOFT_APP_PASSWORD');
  }
  if (missing.length > 0) {
    const why = production ? 'NODE_ENV=production refuses to start without' : 'MICROSOFT_APP_ID is set, so also set';
    throw new ConfigError(`Missing configuration: ${why} ${missing.join(', ')}`);
  }

  const botAuth: BotAuthConfig | undefined = e.MICROSOFT_APP_ID
    ? {
        appId: e.MICROSOFT_APP_ID,
        appType: e.MICROSOFT_APP_TYPE,
        ...(e.MICROSOFT_APP_PASSWORD ? { appPassword: e.MICROSOFT_APP_PASSWORD } : {}),
        ...(e.MICROSOFT_APP_TENANT_ID ? { tenantId: e.MICROSOFT_APP_TENANT_ID } : {}),
        ...(e.BOT_OPENID_METADATA_URL ? { openIdMetadataUrl: e.BOT_OPENID_METADATA_URL } : {}),
      }
    : undefined;

  const cosmos: CosmosConfig = e.COSMOS_ENDPOINT && e.COSMOS_EMULATOR
    ? { mode: 'emulator', database: e.COSMOS_DATABASE, endpoint: e.COSMOS_ENDPOINT }
    : e.COSMOS_ENDPOINT
    ? { mode: 'azure', database: e.COSMOS_DATABASE, endpoint: e.COSMOS_ENDPOINT, ...(e.COSMOS_KEY ? { key: e.COSMOS_KEY } : {}) }
    : { mode: 'embedded', database: e.COSMOS_DATABASE, port: e.COSMOS_EMBEDDED_PORT };

  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    ...(botAuth ? { botAuth } : {}),
    allowedTenantIds: e.ALLOWED_TENANT_IDS && e.ALLOWED_TENANT_IDS.length > 0 ? e.ALLOWED_TENANT_IDS : [demoDirectory.tenantId],
    cosmos,
    directory:
      e.DIRECTORY === 'graph'
        ? {
            source: 'graph',
            municipalityFrom: e.GRAPH_MUNICIPALITY_FROM,
            ...(e.GRAPH_BASE_URL ? { baseUrl: e.GRAPH_BASE_URL } : {}),
            ...(e.GRAPH_PERMANENT_EMPLOYEE_TYPES ? { permanentEmployeeTypes: e.GRAPH_PERMANENT_EMPLOYEE_TYPES.split(',').map((t) => t.trim()).filter(Boolean) } : {}),
          }
        : { source: 'file', ...(e.DIRECTORY_FILE ? { file: e.DIRECTORY_FILE } : {}) },
    seedDemo: e.SEED_DEMO,
    coordinatorIds: e.COORDINATOR_IDS,
    hrContactIds: Object.fromEntries(e.HR_CONTACTS),
    logLevel: e.LOG_LEVEL,
    ...(e.LOCALE_OVERRIDE ? { localeOverride: e.LOCALE_OVERRIDE } : {}),
    tab: {
      enabled: e.TAB_ENABLED,
      demoSignIn: e.TAB_DEMO_SIGNIN,
      ...(e.TAB_APP_ID ? { appId: e.TAB_APP_ID } : {}),
      ...(e.TAB_APP_ID_URI ? { appIdUri: e.TAB_APP_ID_URI } : {}),
      ...(e.TAB_JWKS_URL ? { jwksUrl: e.TAB_JWKS_URL } : {}),
      ...(e.TEAMS_APP_ID ? { teamsAppId: e.TEAMS_APP_ID } : {}),
    },
    ...(e.MICROSOFT_APP_ID && e.MICROSOFT_APP_TYPE === 'UserAssignedMSI' ? { managedIdentityClientId: e.MICROSOFT_APP_ID } : {}),
    ...(e.APPLICATIONINSIGHTS_CONNECTION_STRING ? { telemetry: { connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING } } : {}),
    approvalSchedule: { reminderWorkingDays: e.APPROVAL_REMINDER_DAYS, escalationWorkingDays: Math.max(e.APPROVAL_ESCALATION_DAYS, e.APPROVAL_REMINDER_DAYS) },
    outbox: { worker: e.OUTBOX_WORKER, sendRate: e.OUTBOX_SEND_RATE, pollMs: e.OUTBOX_POLL_MS },
    connectorTimeoutMs: e.CONNECTOR_TIMEOUT_MS,
    shutdownDeadlineMs: e.SHUTDOWN_DEADLINE_MS,
    // Where new 1:1 chats are opened: Teams' global endpoint unless configured (never learnt from an activity).
    ...(e.TEAMS_SERVICE_URL || production ? { teamsServiceUrl: e.TEAMS_SERVICE_URL ?? 'https://smba.trafficmanager.net/teams/' } : {}),
  };
}

/** Reads process.env once. */
export function loadConfig(): Config {
  return parseConfig(process.env);
}
