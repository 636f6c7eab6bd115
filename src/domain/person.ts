import type { ApplicationState } from './application.state-machine';
import type { Municipality } from './municipalities';
import { PARTICIPANT_STATES } from './programme';
import type { RetentionSettings } from './retention';
import type { Restriction } from './restriction';

/**
 * Roles a person can hold in the programme (PROGRAMME.md "Roles"). Everyone is an employee; a participant is a
 * lead applicant whose application takes part in the programme (PARTICIPANT_STATES).
 */
export const ROLES = ['employee', 'participant', 'manager', 'hrContact', 'coordinator', 'juror', 'mentor', 'sponsor', 'steeringGroup'] as const;
export type Role = (typeof ROLES)[number];

export type EmployeeType = 'permanent' | 'temporary' | 'unknown';

/**
 * An employee as the directory knows them. `id` is the Entra ID object id (`from.aadObjectId` in Teams),
 * the only identity the bot trusts.
 */
export interface Person {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  /** Absent when the directory cannot tell (the applicant then chooses on the form). */
  readonly municipality?: Municipality;
  readonly administration?: string;
  readonly workplace?: string;
  readonly jobTitle?: string;
  readonly managerId?: string;
  /** ISO date (YYYY-MM-DD) of employment start, from Graph `employeeHireDate` where the tenant has it. */
  readonly hireDate?: string;
  readonly employeeType: EmployeeType;
  /** A guest in the tenant (Graph `userType` Guest), such as the accelerator partner's representative on the jury. */
  readonly guest?: boolean;
}

/** Programme-wide role assignments, kept in the store and changed by coordinators. */
export interface ProgrammeSettings {
  readonly coordinatorIds: readonly string[];
  readonly hrContactIds: Readonly<Partial<Record<Municipality, string>>>;
  readonly steeringGroupIds: readonly string[];
  /** Retention per record type, the disposal decision that adopted it and the holds (retention.ts); the defaults, not adopted, when absent. */
  readonly retention?: RetentionSettings;
  /** People whose data is restricted (kept, not processed: GDPR art. 18, restriction.ts), with who decided, when and why. */
  readonly restrictions?: readonly Restriction[];
}

/** What the store knows of a person's own part in applications, read on the server (never from a client). */
export interface WorkFacts {
  /** Direct reports in the directory. */
  readonly hasReports: boolean;
  /** Decisions waiting for this person (as the manager on record or the HR contact it went to). */
  readonly decidesPending: boolean;
  /** The states of the applications this person leads. */
  /** The states of the applications whose team the person is on (lead applicant or confirmed co-applicant). */
  readonly ownStates: readonly ApplicationState[];
}

/**
 * The roles that come from the work itself: a manager has reports or a decision waiting; a participant leads an
 * application that takes part in the programme (selected, phase 1, continuing, phase 2, phase 3).
 */
export function rolesFromWork(facts: WorkFacts): Role[] {
  return [
    ...(facts.ownStates.some((s) => PARTICIPANT_STATES.includes(s)) ? (['participant'] as const) : []),
    ...(facts.hasReports || facts.decidesPending ? (['manager'] as const) : []),
  ];
}

/** A coordinator: named in the programme settings. */
export function isCoordinatorIn(settings: ProgrammeSettings | null | undefined, personId: string): boolean {
  return Boolean(settings?.coordinatorIds.includes(personId));
}

/** The municipality's HR contact, who decides expenses and takes over an approval a manager leaves unanswered. */
export function hrContactOf(settings: ProgrammeSettings | null | undefined, municipality: Municipality | undefined): string | undefined {
  return municipality ? settings?.hrContactIds[municipality] : undefined;
}

/** The municipalities whose HR contact the person is (most have one; a person may cover several). */
export function hrMunicipalitiesOf(settings: ProgrammeSettings | null | undefined, personId: string): Municipality[] {
  return (Object.entries(settings?.hrContactIds ?? {}) as [Municipality, string][]).filter(([, id]) => id === personId).map(([municipality]) => municipality);
}

/** Settings with a coordinator added or removed; null when that would leave the programme without one. */
export function withCoordinator(settings: ProgrammeSettings, personId: string, add: boolean): ProgrammeSettings | null {
  const coordinatorIds = add ? [...new Set([...settings.coordinatorIds, personId])] : settings.coordinatorIds.filter((id) => id !== personId);
  return coordinatorIds.length === 0 ? null : { ...settings, coordinatorIds };
}

/**
 * Settings with a person added to or removed from the steering group, who read the programme's reports. Adding a
 * member again or removing someone who is not one changes nothing; the steering group may be empty.
 */
export function withSteeringGroupMember(settings: ProgrammeSettings, personId: string, add: boolean): ProgrammeSettings {
  const steeringGroupIds = add ? [...new Set([...settings.steeringGroupIds, personId])] : settings.steeringGroupIds.filter((id) => id !== personId);
  return { ...settings, steeringGroupIds };
}

/** Settings with the municipality's HR contact set (one per municipality). */
export function withHrContact(settings: ProgrammeSettings, municipality: Municipality, personId: string): ProgrammeSettings {
  return { ...settings, hrContactIds: { ...settings.hrContactIds, [municipality]: personId } };
}
