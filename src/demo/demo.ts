import demoDirectory from './directory.json';
import type { Cohort } from '../domain/cohort';
import type { ProgrammeSettings } from '../domain/person';
import type { CohortRepository, SettingsRepository } from '../domain/ports';
import { AlreadyExists } from '../domain/errors';

/**
 * The fictional people of the demo, by the role a newcomer plays in the Playground. Kept in directory.json
 * beside the people themselves, so the Playground's mock users (scripts/playground-config.js) read the same.
 */
export const DEMO_PEOPLE = demoDirectory.demoRoles;

export const DEMO_COHORT_ID = 'pilot-1';

export function demoCohort(now: Date): Cohort {
  const day = 24 * 3600 * 1000;
  const at = (days: number) => new Date(now.getTime() + days * day).toISOString();
  return {
    id: DEMO_COHORT_ID,
    name: 'Pilot 1',
    intakeOpensAt: at(-7),
    intakeClosesAt: at(30),
    programmeStartsOn: at(60).slice(0, 10),
    capacity: 12,
    budgetPerParticipantOre: 50_000_00,
    jurorIds: [DEMO_PEOPLE.juror, DEMO_PEOPLE.juror2, DEMO_PEOPLE.coordinator],
    mentorIds: [],
    sponsorIds: [],
  };
}

export const DEMO_SETTINGS: ProgrammeSettings = {
  coordinatorIds: [DEMO_PEOPLE.coordinator],
  hrContactIds: { Höganäs: DEMO_PEOPLE.hrContact, Landskrona: DEMO_PEOPLE.juror },
  steeringGroupIds: [DEMO_PEOPLE.steeringGroup],
};

/** Seeds the demo once; running it again changes nothing. */
export async function seedDemo(deps: { cohorts: CohortRepository; settings: SettingsRepository }, now: Date): Promise<void> {
  const ignoreExisting = (e: unknown) => {
    if (!(e instanceof AlreadyExists)) throw e;
  };
  await deps.settings.save(DEMO_SETTINGS).catch(ignoreExisting);
  await deps.cohorts.save(demoCohort(now)).catch(ignoreExisting);
}
