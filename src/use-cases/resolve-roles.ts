import { isCoordinatorIn, rolesFromWork, type Role } from '../domain/person';
import type { ApplicationRepository, CohortRepository, Directory, SettingsRepository } from '../domain/ports';

export interface RoleDeps {
  readonly settings: SettingsRepository;
  readonly cohorts: CohortRepository;
  readonly directory: Directory;
  readonly applications: Pick<ApplicationRepository, 'findByDecider' | 'findTeamsOf'>;
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
 * HR contacts, steering group), the cohorts (jurors, mentors, sponsors), the directory and the decisions waiting
 * (managers) and the teams the person is on, as lead applicant or confirmed co-applicant (participants). Never from anything a client sends.
 */
export async function resolveRoles(deps: RoleDeps, personId: string): Promise<ReadonlySet<Role>> {
  const [settings, cohorts, reports, pending, own] = await Promise.all([
    deps.settings.get(),
    deps.cohorts.list(),
    deps.directory.directReports(personId),
    deps.applications.findByDecider(personId, 1),
    deps.applications.findTeamsOf(personId),
  ]);
  const roles = new Set<Role>(['employee']);
  const s = settings?.value;
  if (isCoordinatorIn(s, personId)) roles.add('coordinator');
  if (s && Object.values(s.hrContactIds).includes(personId)) roles.add('hrContact');
  if (s?.steeringGroupIds.includes(personId)) roles.add('steeringGroup');
  for (const role of rolesFromWork({ hasReports: reports.length > 0, decidesPending: pending.length > 0, ownStates: own.map((a) => a.value.state) })) roles.add(role);
  for (const c of cohorts) {
    if (c.jurorIds.includes(personId)) roles.add('juror');
    if (c.mentorIds.includes(personId)) roles.add('mentor');
    if (c.sponsorIds.includes(personId)) roles.add('sponsor');
  }
  return roles;
}
