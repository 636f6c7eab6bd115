import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Reads remembered for one turn (issue 12): a turn that asks for the same document twice (the programme's
 * settings for the roles and again for a coordinators-only check, an application before and after a change)
 * reads it from Cosmos once. Outside a turn (the outbox worker, scripts) nothing is remembered.
 *
 * Writes keep it true: a successful write remembers what it wrote, a failed or lost one forgets the document,
 * so a retry after a lost race reads the store again. Another instance's write in the same few milliseconds is
 * not seen, as it would not have been seen by a read a moment earlier either; every write is still guarded by
 * the ETag it was read at.
 */
const turns = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

/** Runs one turn with its own memory of reads. */
export function withTurnCache<T>(run: () => Promise<T>): Promise<T> {
  return turns.run(new Map(), run);
}

/**
 * Runs `run` outside any turn: for work a turn starts but that outlives it (the outbox worker woken by a turn's
 * write). Without this the worker's loop would keep the waking turn's memory and render later messages from
 * documents as that turn read them.
 */
export function outsideTurn<T>(run: () => T): T {
  return turns.exit(run);
}

/** The value for `key` read once in this turn (a failed read is not remembered). */
export function readOnce<T>(key: string, read: () => Promise<T>): Promise<T> {
  const memory = turns.getStore();
  if (!memory) return read();
  const known = memory.get(key);
  if (known) return known as Promise<T>;
  const reading = read();
  memory.set(key, reading);
  reading.catch(() => memory.delete(key));
  return reading;
}

/** What a write stored, so the rest of the turn reads it without asking again. */
export function remember(key: string, value: unknown): void {
  turns.getStore()?.set(key, Promise.resolve(value));
}

/** A document whose stored version is no longer known (a write refused, lost, or made elsewhere). */
export function forget(key: string): void {
  turns.getStore()?.delete(key);
}
