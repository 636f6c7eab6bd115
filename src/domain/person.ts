import type { Municipality } from './municipalities';

/** Roles a person can hold in the programme (PROGRAMME.md "Roles"). Everyone is an employee. */
export const ROLES = ['employee', 'manager', 'hrContact', 'coordinator', 'juror', 'mentor', 'sponsor', 'steeringGroup'] as const;
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
}

/** Programme-wide role assignments, kept in the store and changed by coordinators. */
export interface ProgrammeSettings {
  readonly coordinatorIds: readonly string[];
  readonly hrContactIds: Readonly<Partial<Record<Municipality, string>>>;
  readonly steeringGroupIds: readonly string[];
}
