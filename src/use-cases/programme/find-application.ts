import type { Application } from '../../domain/application';
import { applicationIdFrom } from '../../domain/ids';
import type { ProgrammeDeps } from './deps';

/** Any application by its short id as a person typed it, across cohorts (for `visa` and `logg`). */
export async function findApplicationById(deps: Pick<ProgrammeDeps, 'cohorts' | 'applications'>, typed: string): Promise<Application | null> {
  const id = applicationIdFrom(typed);
  if (!id) return null;
  for (const c of await deps.cohorts.list()) {
    const found = await deps.applications.get(c.id, id);
    if (found) return found.value;
  }
  return null;
}
