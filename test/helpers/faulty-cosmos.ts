import { randomUUID } from 'node:crypto';
import { openCosmos, startEmbeddedCosmos, type CosmosStore } from '../../src/adapters/cosmos/connection';
import { CosmosFaultProxy } from '../fakes/cosmos-fault-proxy';
import { madeForTests } from './made-for-tests';

/** The embedded Cosmos server run apart from the bot and reached through a fault proxy (test/fakes/cosmos-fault-proxy.ts). */
export interface FaultyCosmos {
  readonly proxy: CosmosFaultProxy;
  /** The proxy's address: COSMOS_ENDPOINT for a bot (with COSMOS_EMULATOR). */
  readonly endpoint: string;
  /** The server's own address, never faulted. */
  readonly serverEndpoint: string;
  /** Opens a store through the proxy, the bot's own code path (openCosmos in emulator mode). */
  open(database?: string): Promise<CosmosStore>;
  /** Opens a store on the server itself, never faulted: for a test to read what was really written. */
  openDirect(database: string): Promise<CosmosStore>;
  stop(): Promise<void>;
}

export async function startFaultyCosmos(): Promise<FaultyCosmos> {
  const server = await startEmbeddedCosmos(0);
  const proxy = new CosmosFaultProxy(server.endpoint);
  const endpoint = await proxy.start();
  return {
    proxy,
    endpoint,
    serverEndpoint: server.endpoint,
    open: (database = `faulty-${randomUUID().slice(0, 8)}`) => openCosmos({ mode: 'emulator', endpoint, database }),
    openDirect: (database) => openCosmos({ mode: 'emulator', endpoint: server.endpoint, database }),
    async stop() {
      await proxy.stop();
      await server.close();
    },
  };
}

/**
 * The faulty Cosmos and a store opened through its proxy, for the tests of the enclosing describe block: started
 * before them, closed and stopped after them. Call what it returns inside a test.
 */
export function faultyStoreFor(): () => { readonly cosmos: FaultyCosmos; readonly store: CosmosStore } {
  return madeForTests(
    'all',
    async () => {
      const cosmos = await startFaultyCosmos();
      return { cosmos, store: await cosmos.open() };
    },
    async ({ cosmos, store }) => {
      await store.close();
      await cosmos.stop();
    },
  );
}
