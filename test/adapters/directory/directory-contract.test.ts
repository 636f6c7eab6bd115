import type { TokenCredential } from '@azure/identity';
import { createGraphDirectory } from '../../../src/adapters/directory/graph-directory';
import { LocalDirectory } from '../../../src/adapters/directory/local-directory';
import type { EmployeeType, Person } from '../../../src/domain/person';
import { CONTRACT_PEOPLE, directoryContract } from '../../contracts/directory.contract';
import { FakeGraph, type FakeGraphUser } from '../../fakes/fake-graph';

const credential: TokenCredential = { getToken: async () => ({ token: 'test-token', expiresOnTimestamp: Date.now() + 3600_000 }) };

const GRAPH_EMPLOYEE_TYPE: Record<EmployeeType, string | null> = { permanent: 'Tillsvidareanställd', temporary: 'Visstidsanställd', unknown: null };

/** A person as a tenant would hold them in Entra ID: "Helsingborgs stad" / "X kommun", hire date at midnight UTC. */
function asGraphUser(p: Person): FakeGraphUser {
  return {
    id: p.id,
    displayName: p.name,
    mail: p.email,
    userPrincipalName: `${p.id.slice(-4)}@familjenhelsingborg.onmicrosoft.com`,
    companyName: p.municipality === undefined ? null : p.municipality === 'Helsingborg' ? 'Helsingborgs stad' : `${p.municipality} kommun`,
    department: p.administration ?? null,
    officeLocation: p.workplace ?? null,
    jobTitle: p.jobTitle ?? null,
    employeeHireDate: p.hireDate === undefined ? null : `${p.hireDate}T00:00:00Z`,
    employeeType: GRAPH_EMPLOYEE_TYPE[p.employeeType],
    ...(p.managerId === undefined ? {} : { managerId: p.managerId }),
  };
}

directoryContract('local file', async () => ({ directory: new LocalDirectory({ people: CONTRACT_PEOPLE }) }));

directoryContract('Microsoft Graph (fake Graph over HTTP, real Graph SDK client)', async () => {
  const fake = new FakeGraph({ pageSize: 2, token: 'test-token' });
  const baseUrl = await fake.start();
  fake.setUsers(CONTRACT_PEOPLE.map(asGraphUser));
  return { directory: createGraphDirectory({ credential, baseUrl }), done: () => fake.stop() };
});
