import { AlreadyExists, ConcurrencyConflict } from '../../domain/errors';

/** The HTTP status an @azure/cosmos error carries, if any. */
export function statusOf(e: unknown): number | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e) {
    const code = (e as { code: unknown }).code;
    if (typeof code === 'number') return code;
  }
  return undefined;
}

/** Maps Cosmos' 412 and 409 to the domain's errors; anything else is a bug or an outage and stays thrown. */
export function translateWriteError(e: unknown, entity: string, id: string): never {
  const status = statusOf(e);
  if (status === 412) throw new ConcurrencyConflict(entity, id);
  if (status === 409) throw new AlreadyExists(entity, id);
  throw e;
}
