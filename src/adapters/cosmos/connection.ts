import { CosmosClient, type Container, type Database } from '@azure/cosmos';
import type { TokenCredential } from '@azure/identity';
import { Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { CosmosConfig } from '../../config';
import type { StoreProbe } from '../http/health';
import { CONTAINERS, type ContainerName } from './containers';
import { ABORTED, untilAborted } from '../until-aborted';
import { defaultAzureCredential } from '../azure-credential';
import { statusOf } from './errors';

/** What one ping of the store found: the shape /healthz reads (ok, slow, throttled or unreachable). */
export type StorePing = StoreProbe;

/** How long a ping may take: /healthz answers within it whatever the store does. */
export const PING_DEADLINE_MS = 1000;

export interface CosmosStore {
  readonly client: CosmosClient;
  readonly database: Database;
  readonly containers: Readonly<Record<ContainerName, Container>>;
  readonly endpoint: string;
  /** True when data lives in memory in this process (the embedded server). */
  readonly inMemory: boolean;
  /** For /healthz: one cheap read of the database, answered within `deadlineMs` (default PING_DEADLINE_MS). */
  ping(deadlineMs?: number): Promise<StorePing>;
  close(): Promise<void>;
}

interface EmbeddedServer {
  readonly endpoint: string;
  close(): Promise<void>;
}

/**
 * Starts @vercel/cosmosdb-server in this process over HTTPS (self-signed), on loopback only. The package is loaded
 * here, not at start-up: only development and the tests run the embedded server.
 */
export async function startEmbeddedCosmos(port = 0): Promise<EmbeddedServer> {
  const { default: createCosmosServer } = await import('@vercel/cosmosdb-server');
  // keepAlive: without it the server answers "connection: close" and every request pays a new TLS handshake.
  const server = createCosmosServer({ keepAlive: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    endpoint: `https://127.0.0.1:${address.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Every request has a deadline (the SDK's default is 60 s), and throttled requests are retried for at most
 * 10 s in all: a turn must answer within Teams' 15 s, and the outbox retries on its own. The SDK retries
 * reads after connection errors; writes it never retries, so an ambiguous write reaches the caller.
 */
const CONNECTION_POLICY = { requestTimeout: 10_000, retryOptions: { maxRetryAttemptCount: 9, fixedRetryIntervalInMilliseconds: 0, maxWaitTimeInSeconds: 10 } };

/**
 * The health ping's own client: a 429 comes back at once instead of being waited out, so /healthz can say
 * "throttled" within its deadline (the SDK sleeps between throttle retries, and no abort signal cuts that sleep).
 * Its deadline is the ping's abort signal, not the request timeout.
 */
const PING_POLICY = { ...CONNECTION_POLICY, retryOptions: { maxRetryAttemptCount: 0, fixedRetryIntervalInMilliseconds: 0, maxWaitTimeInSeconds: 0 } };

/** How a client authenticates: the embedded server or an emulator (self-signed TLS), a key, or a managed identity. */
export interface CosmosAuth {
  readonly key?: string;
  readonly embedded?: boolean;
  /** A managed identity's credential, shared by the clients of one store (one token cache). */
  readonly credential?: TokenCredential;
}

/** A client for an endpoint; `forPing` gives the health ping's client (no throttle retries). */
export function createCosmosClient(endpoint: string, auth: CosmosAuth, forPing = false): CosmosClient {
  const policy = forPing ? PING_POLICY : CONNECTION_POLICY;
  if (auth.embedded) {
    return new CosmosClient({
      endpoint,
      key: 'embedded-server-accepts-any-key',
      // The embedded server's certificate is self-signed and it listens on loopback only.
      agent: new Agent({ rejectUnauthorized: false, keepAlive: true }),
      connectionPolicy: { ...policy, enableEndpointDiscovery: false },
    });
  }
  return auth.key
    ? new CosmosClient({ endpoint, key: auth.key, connectionPolicy: policy })
    : new CosmosClient({ endpoint, aadCredentials: auth.credential ?? defaultAzureCredential(), connectionPolicy: policy });
}

/**
 * Reads the database once and says what happened within `deadlineMs`, whatever the SDK does meanwhile: the
 * request is aborted at the deadline, and the answer does not wait for the SDK to notice.
 */
export async function pingDatabase(database: Database, deadlineMs = PING_DEADLINE_MS): Promise<StorePing> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const signal = AbortSignal.timeout(deadlineMs);
  const read = database.read({ abortSignal: signal }).then(
    () => ({ ok: true as const }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const outcome = await untilAborted(read, signal);
  if (outcome === ABORTED || (!outcome.ok && signal.aborted)) return { state: 'slow', ms: elapsed() };
  if (outcome.ok) return { state: 'ok', ms: elapsed() };
  const status = statusOf(outcome.error);
  if (status === 429) {
    const retryAfterMs = (outcome.error as { retryAfterInMs?: unknown }).retryAfterInMs;
    return { state: 'throttled', ms: elapsed(), ...(typeof retryAfterMs === 'number' && retryAfterMs > 0 ? { retryAfterMs } : {}) };
  }
  return { state: 'unreachable', ms: elapsed(), reason: failureCode(outcome.error, status) };
}

/** A short, stable name for a failure (an HTTP status or a Node error code), safe to show on /healthz. */
function failureCode(error: unknown, status: number | undefined): string {
  if (status !== undefined) return `HTTP ${status}`;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(code)) return code;
  const cause = typeof error === 'object' && error !== null ? (error as { cause?: { code?: unknown } }).cause?.code : undefined;
  if (typeof cause === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(cause)) return cause;
  return error instanceof Error && /^[A-Za-z]{1,40}$/.test(error.name) ? error.name : 'error';
}

type Schema = CosmosStore['containers'] & { database: Database };

/** Every container of CONTAINERS, each opened by `open`, all at once, with the database. */
async function eachContainer(database: Database, open: (def: (typeof CONTAINERS)[ContainerName]) => Promise<Container>): Promise<Schema> {
  const entries = await Promise.all((Object.keys(CONTAINERS) as ContainerName[]).map(async (name) => [name, await open(CONTAINERS[name])] as const));
  return Object.assign(Object.fromEntries(entries) as Record<ContainerName, Container>, { database });
}

/** Creates the database and every container if missing. */
export async function ensureSchema(client: CosmosClient, databaseId: string): Promise<Schema> {
  const { database } = await client.databases.createIfNotExists({ id: databaseId });
  return eachContainer(database, async (def) => {
    const { container } = await database.containers.createIfNotExists({ id: def.id, partitionKey: { paths: [def.partitionKey] }, ...('indexingPolicy' in def ? { indexingPolicy: def.indexingPolicy } : {}), ...('defaultTtl' in def ? { defaultTtl: def.defaultTtl } : {}) });
    return container;
  });
}

/**
 * Under a managed identity (Azure's data-plane roles, no keys) the app may not create a database or a container:
 * infra/main.bicep creates them. So it only checks that each is there with its partition key, and says which is not.
 */
export async function verifySchema(client: CosmosClient, databaseId: string): Promise<Schema> {
  const database = client.database(databaseId);
  const missing = (what: string) =>
    new Error(`Cosmos DB has no ${what}. With a managed identity the app cannot create it (data-plane roles do not allow that): deploy infra/main.bicep, which does.`);
  await database.read().catch((e: unknown) => {
    throw statusOf(e) === 404 ? missing(`database "${databaseId}"`) : e;
  });
  return eachContainer(database, async (def) => {
    const container = database.container(def.id);
    const { resource } = await container.read().catch((e: unknown) => {
      throw statusOf(e) === 404 ? missing(`container "${def.id}" in the database "${databaseId}"`) : e;
    });
    const paths = resource?.partitionKey?.paths ?? [];
    if (paths.length !== 1 || paths[0] !== def.partitionKey) throw new Error(`Cosmos DB's container "${def.id}" is partitioned by ${paths.join(', ') || 'nothing'}, not ${def.partitionKey} (docs/decisions/0002-cosmos-containers.md)`);
    return container;
  });
}

/**
 * Opens the store the configuration names; with no endpoint, starts the embedded server first. Azure without a key
 * signs in with `credential` (default: DefaultAzureCredential) and checks the schema instead of creating it.
 */
export async function openCosmos(config: CosmosConfig, credential?: TokenCredential): Promise<CosmosStore> {
  const embedded = config.mode === 'embedded' ? await startEmbeddedCosmos(config.port) : undefined;
  const endpoint = embedded ? embedded.endpoint : config.mode === 'embedded' ? '' : config.endpoint;
  const auth: CosmosAuth = config.mode === 'azure' ? (config.key ? { key: config.key } : { credential: credential ?? defaultAzureCredential() }) : { embedded: true };
  const client = createCosmosClient(endpoint, auth);
  const pingClient = createCosmosClient(endpoint, auth, true);
  const pingTarget = pingClient.database(config.database);
  try {
    const { database, ...containers } = await (auth.credential ? verifySchema : ensureSchema)(client, config.database);
    return {
      client,
      database,
      containers,
      endpoint,
      inMemory: Boolean(embedded),
      ping: (deadlineMs) => pingDatabase(pingTarget, deadlineMs),
      async close() {
        client.dispose();
        pingClient.dispose();
        await embedded?.close();
      },
    };
  } catch (e) {
    client.dispose();
    pingClient.dispose();
    await embedded?.close();
    throw e;
  }
}
