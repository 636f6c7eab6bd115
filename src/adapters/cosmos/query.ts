import type { Container, SqlParameter } from '@azure/cosmos';

/**
 * Every document a query finds, its parameters bound by name (never spliced into the text). Within one
 * partition when `partitionKey` is given (one request, no query plan), else across partitions. Reads the whole
 * result: callers bound it (a TOP, a count, a person's few documents), never a cohort (docs/decisions/0002).
 */
export async function queryAll(container: Container, query: string, parameters: Readonly<Record<string, string | number | readonly string[]>>, partitionKey?: string): Promise<unknown[]> {
  const bound: SqlParameter[] = Object.entries(parameters).map(([name, value]) => ({ name: `@${name}`, value: value as SqlParameter['value'] }));
  const { resources } = await container.items.query<unknown>({ query, parameters: bound }, partitionKey === undefined ? {} : { partitionKey }).fetchAll();
  return resources;
}
