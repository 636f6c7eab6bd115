import type { Container, SqlParameter } from '@azure/cosmos';

/**
 * Every document a query finds, its parameters bound by name (never spliced into the text). Within one
 * partition when `partitionKey` is given, else across partitions. Reads the whole result: callers keep
 * results small (issue 12 pages the lists that grow with a cohort).
 */
export async function queryAll(container: Container, query: string, parameters: Readonly<Record<string, string | number>>, partitionKey?: string): Promise<unknown[]> {
  const bound: SqlParameter[] = Object.entries(parameters).map(([name, value]) => ({ name: `@${name}`, value }));
  const { resources } = await container.items.query<unknown>({ query, parameters: bound }, partitionKey === undefined ? {} : { partitionKey }).fetchAll();
  return resources;
}
