import { DEMO_PEOPLE } from '../../src/demo/demo';
import type { TeamsUser } from './teams-client';

/** The demo people as Teams users (src/demo/directory.json), as the tests talk to the bot and the tab as them. */
export const sara: TeamsUser = { aadObjectId: DEMO_PEOPLE.employee, name: 'Sara Lindqvist' };
export const johan: TeamsUser = { aadObjectId: DEMO_PEOPLE.manager, name: 'Johan Bergström' };
export const amira: TeamsUser = { aadObjectId: DEMO_PEOPLE.hrContact, name: 'Amira Haddad' };
export const erik: TeamsUser = { aadObjectId: DEMO_PEOPLE.coordinator, name: 'Erik Nyström' };
export const lena: TeamsUser = { aadObjectId: DEMO_PEOPLE.juror, name: 'Lena Holm' };
export const mikael: TeamsUser = { aadObjectId: DEMO_PEOPLE.juror2, name: 'Mikael Ek' };
export const birgitta: TeamsUser = { aadObjectId: DEMO_PEOPLE.steeringGroup, name: 'Birgitta Holmgren' };
