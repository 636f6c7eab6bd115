import { randomUUID } from 'node:crypto';
import { openCosmos, type CosmosStore } from '../../src/adapters/cosmos/connection';
import { madeForTests } from './made-for-tests';

/** A fresh embedded Cosmos server and database for one test file, through the real @azure/cosmos client. */
export async function openTestStore(): Promise<CosmosStore> {
  return openCosmos({ mode: 'embedded', database: `test-${randomUUID().slice(0, 8)}`, port: 0 });
}

/**
 * An embedded Cosmos store with the database `database` for the tests of the enclosing describe block: opened
 * before them, closed after them. Call what it returns inside a test for the open store.
 */
export function embeddedStoreFor(database: string): () => CosmosStore {
  return madeForTests('all', () => openCosmos({ mode: 'embedded', database, port: 0 }), (store) => store.close());
}
