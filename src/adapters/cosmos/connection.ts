import { CosmosClient, type Container, type Database } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';
import createCosmosServer from '@vercel/cosmosdb-server';
import { Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { CosmosConfig } from '../../config';
import { CONTAINERS, type ContainerName } from './containers';

export interface CosmosStore {
  readonly client: CosmosClient;
  readonly database: Database;
  readonly containers: Readonly<Record<ContainerName, Container>>;
  readonly endpoint: string;
  /** True when data lives in memory in this process (the embedded server). */
  readonly inMemory: boolean;
  /** Reachability for /healthz: one cheap read of the database. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

interface EmbeddedServer {
  readonly endpoint: string;
  close(): Promise<void>;
}

/** Starts @vercel/cosmosdb-server in this process over HTTPS (self-signed), on loopback only. */
export async function startEmbeddedCosmos(port = 0): Promise<EmbeddedServer> {
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

/** A client for an endpoint: the embedded server or an emulator (self-signed TLS), a key, or a managed identity. */
export function createCosmosClient(endpoint: string, auth: { key?: string; embedded?: boolean }): CosmosClient {
  if (auth.embedded) {
    return new CosmosClient({
      endpoint,
      key: 'embedded-server-accepts-any-key',
      // The embedded server's certificate is self-signed and it listens on loopback only.
      agent: new Agent({ rejectUnauthorized: false, keepAlive: true }),
      connectionPolicy: { ...CONNECTION_POLICY, enableEndpointDiscovery: false },
    });
  }
  return auth.key
    ? new CosmosClient({ endpoint, key: auth.key, connectionPolicy: CONNECTION_POLICY })
    : new CosmosClient({ endpoint, aadCredentials: new DefaultAzureCredential(), connectionPolicy: CONNECTION_POLICY });
}

/** Creates the database and every container if missing. */
export async function ensureSchema(client: CosmosClient, databaseId: string): Promise<CosmosStore['containers'] & { database: Database }> {
  const { database } = await client.databases.createIfNotExists({ id: databaseId });
  const entries = await Promise.all(
    (Object.keys(CONTAINERS) as ContainerName[]).map(async (name) => {
      const def = CONTAINERS[name];
      const { container } = await database.containers.createIfNotExists({ id: def.id, partitionKey: { paths: [def.partitionKey] } });
      return [name, container] as const;
    }),
  );
  return Object.assign(Object.fromEntries(entries) as Record<ContainerName, Container>, { database });
}

/** Opens the store the configuration names; with no endpoint, starts the embedded server first. */
export async function openCosmos(config: CosmosConfig): Promise<CosmosStore> {
  const embedded = config.mode === 'embedded' ? await startEmbeddedCosmos(config.port) : undefined;
  const endpoint = embedded ? embedded.endpoint : config.mode === 'embedded' ? '' : config.endpoint;
  const client = createCosmosClient(endpoint, config.mode === 'azure' ? (config.key ? { key: config.key } : {}) : { embedded: true });
  try {
    const { database, ...containers } = await ensureSchema(client, config.database);
    return {
      client,
      database,
      containers,
      endpoint,
      inMemory: Boolean(embedded),
      async ping() {
        try {
          await database.read();
          return true;
        } catch {
          return false;
        }
      },
      async close() {
        client.dispose();
        await embedded?.close();
      },
    };
  } catch (e) {
    client.dispose();
    await embedded?.close();
    throw e;
  }
}
