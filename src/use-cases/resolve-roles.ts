import { isCoordinatorIn, type Role } from '../domain/person';
import type { CohortRepository, Directory, SettingsRepository } from '../domain/ports';

export interface RoleDeps {
  readonly settings: SettingsRepository;
  readonly cohorts: CohortRepository;
  readonly directory: Directory;
}

/** A coordinator: named in the programme settings. */
export async function isCoordinator(deps: Pick<RoleDeps, 'settings'>, personId: string): Promise<boolean> {
  return isCoordinatorIn((await deps.settings.get())?.value, personId);
}

/** A manager in the directory: someone with direct reports (the manager role below). */
export async function isManager(directory: Directory, personId: string): Promise<boolean> {
  return (await directory.directReports(personId)).length > 0;
}

/**
 * The roles a person holds, decided from server-side state only: programme settings (coordinators,
 * HR contacts, steering group), the cohorts (jurors, mentors, sponsors) and the directory (managers).
 * Never from anything a client sends.
 */
export async function resolveRoles(deps: RoleDeps, personId: string): Promise<ReadonlySet<Role>> {
  const [settings, cohorts, reports] = await Promise.all([
    deps.settings.get(),
    deps.cohorts.list(),
    deps.directory.directReports(personId),
  ]);
  const roles = new Set<Role>(['employee']);
  const s = settings?.value;
  if (isCoordinatorIn(s, personId)) roles.add('coordinator');
  if (s && Object.values(s.hrContactIds).includes(personId)) roles.add('hrContact');
  if (s?.steeringGroupIds.includes(personId)) roles.add('steeringGroup');
  if (reports.length > 0) roles.add('manager');
  for (const c of cohorts) {
    if (c.jurorIds.includes(personId)) roles.add('juror');
    if (c.mentorIds.includes(personId)) roles.add('mentor');
    if (c.sponsorIds.includes(personId)) roles.add('sponsor');
  }
  return roles;
}
