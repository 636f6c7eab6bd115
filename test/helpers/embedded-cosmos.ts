import { randomUUID } from 'node:crypto';
import { openCosmos, type CosmosStore } from '../../src/adapters/cosmos/connection';

/** A fresh embedded Cosmos server and database for one test file, through the real @azure/cosmos client. */
export async function openTestStore(): Promise<CosmosStore> {
  return openCosmos({ mode: 'embedded', database: `test-${randomUUID().slice(0, 8)}`, port: 0 });
}
