import { hrMunicipalitiesOf, isCoordinatorIn, rolesFromWork, type Role } from '../domain/person';
import type { ApplicationState } from '../domain/application.state-machine';
import type { ApplicationRepository, CohortRepository, Directory, SettingsRepository } from '../domain/ports';

export interface RoleDeps {
  readonly settings: SettingsRepository;
  readonly cohorts: CohortRepository;
  readonly directory: Directory;
  readonly applications: Pick<ApplicationRepository, 'workOf'>;
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
 * The roles a person holds, decided from server-side state only, never from anything a client sends: programme
 * settings (coordinators, HR contacts, steering group), the cohorts (jurors, mentors, sponsors), the directory and
 * the decisions waiting (managers), and the teams the person is on, as lead applicant or confirmed co-applicant
 * (participants).
 *
 * `'fromSettings'` leaves out what only the applications tell (one cross-partition query, two Cosmos requests):
 * a manager without reports who has a decision waiting, and a participant. It answers every command open to all
 * employees or to a role the settings, the cohorts or the directory give; `withWorkRoles` adds the rest to it.
 */
export async function resolveRoles(deps: RoleDeps, personId: string, scope: 'all' | 'fromSettings' = 'all'): Promise<ReadonlySet<Role>> {
  const [settings, cohorts, reports, work] = await Promise.all([
    deps.settings.get(),
    deps.cohorts.list(),
    deps.directory.directReports(personId),
    scope === 'all' ? deps.applications.workOf(personId) : undefined,
  ]);
  const roles = new Set<Role>(['employee']);
  const s = settings?.value;
  if (isCoordinatorIn(s, personId)) roles.add('coordinator');
  if (hrMunicipalitiesOf(s, personId).length > 0) roles.add('hrContact');
  if (s?.steeringGroupIds.includes(personId)) roles.add('steeringGroup');
  for (const role of rolesFromWork({ hasReports: reports.length > 0, decidesPending: false, ownStates: [] })) roles.add(role);
  for (const c of cohorts) {
    if (c.jurorIds.includes(personId)) roles.add('juror');
    if (c.mentorIds.includes(personId)) roles.add('mentor');
    if (c.sponsorIds.includes(personId)) roles.add('sponsor');
  }
  return work ? addWork(roles, work) : roles;
}

/** The roles `'fromSettings'` gave, with those the person's applications add: one query, nothing read again. */
export async function withWorkRoles(deps: Pick<RoleDeps, 'applications'>, personId: string, known: ReadonlySet<Role>): Promise<ReadonlySet<Role>> {
  return addWork(new Set(known), await deps.applications.workOf(personId));
}

function addWork(roles: Set<Role>, work: { readonly decidesPending: boolean; readonly teamStates: readonly ApplicationState[] }): Set<Role> {
  for (const role of rolesFromWork({ hasReports: roles.has('manager'), decidesPending: work.decidesPending, ownStates: work.teamStates })) roles.add(role);
  return roles;
}
