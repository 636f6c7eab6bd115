import type { Person } from '../../src/domain/person';
import type { Directory } from '../../src/domain/ports';
import { contractSuite } from './contract-suite';

/** The people every Directory under contract is loaded with (each adapter in its own form). */
export const CONTRACT_PEOPLE: readonly Person[] = [
  {
    id: '3b0c7e4a-1111-4a6e-9b1e-00000000c001',
    name: 'Maria Lindqvist',
    email: 'maria.lindqvist@helsingborg.se',
    municipality: 'Helsingborg',
    administration: 'Stadsledningsförvaltningen',
    workplace: 'Rådhuset',
    jobTitle: 'Avdelningschef',
    hireDate: '2012-09-01',
    employeeType: 'permanent',
  },
  {
    id: '3b0c7e4a-1111-4a6e-9b1e-00000000c002',
    name: 'Åsa Öhrn',
    email: 'asa.ohrn@engelholm.se',
    municipality: 'Ängelholm',
    administration: 'Socialförvaltningen',
    workplace: 'Hemtjänst Centrum',
    jobTitle: 'Undersköterska',
    managerId: '3b0c7e4a-1111-4a6e-9b1e-00000000c001',
    hireDate: '2023-04-01',
    employeeType: 'temporary',
  },
  {
    id: '3b0c7e4a-1111-4a6e-9b1e-00000000c003',
    name: 'Nils Bååth',
    email: 'nils.baath@bastad.se',
    municipality: 'Båstad',
    managerId: '3b0c7e4a-1111-4a6e-9b1e-00000000c001',
    employeeType: 'unknown',
  },
  {
    id: '3b0c7e4a-1111-4a6e-9b1e-00000000c004',
    name: 'Karl-Göran Ek',
    email: 'karl-goran.ek@orkelljunga.se',
    municipality: 'Örkelljunga',
    jobTitle: 'Vaktmästare',
    managerId: '3b0c7e4a-1111-4a6e-9b1e-00000000c001',
    employeeType: 'permanent',
  },
  { id: '3b0c7e4a-1111-4a6e-9b1e-00000000c005', name: 'Solveig Ström', email: 'solveig.strom@hoganas.se', municipality: 'Höganäs', employeeType: 'permanent' },
  { id: '3b0c7e4a-1111-4a6e-9b1e-00000000c006', name: 'Delad Brevlåda Ett', email: 'delad@bjuv.se', municipality: 'Bjuv', employeeType: 'unknown' },
  { id: '3b0c7e4a-1111-4a6e-9b1e-00000000c007', name: 'Delad Brevlåda Två', email: 'DELAD@bjuv.se', municipality: 'Bjuv', employeeType: 'unknown' },
];

const at = (index: number): Person => {
  const person = CONTRACT_PEOPLE[index];
  if (!person) throw new Error(`no contract person #${index}`);
  return person;
};
const manager = at(0);
const asa = at(1);
const nils = at(2);
const karl = at(3);
const solveig = at(4);

/**
 * One suite, every Directory (ARCHITECTURE.md, habit 8): the local file used in development and the demo and the
 * Microsoft Graph adapter must answer the same questions the same way. `make` loads CONTRACT_PEOPLE.
 */
export function directoryContract(name: string, make: () => Promise<{ directory: Directory; done?: () => Promise<void> }>) {
  contractSuite(`Directory contract: ${name}`, make, { scope: 'all', done: (made) => made.done?.() }, (made) => {
    const directory = () => made().directory;

    it('reads back every person exactly as given', async () => {
      for (const person of CONTRACT_PEOPLE) expect(await directory().getPerson(person.id)).toStrictEqual(person);
    });

    it('answers null for an id nobody has', async () => {
      expect(await directory().getPerson('00000000-0000-0000-0000-000000000000')).toBeNull();
    });

    it('finds a person by e-mail, in any case and with spaces around it', async () => {
      expect(await directory().findByEmail('asa.ohrn@engelholm.se')).toStrictEqual(asa);
      expect(await directory().findByEmail('  Asa.Ohrn@Engelholm.SE ')).toStrictEqual(asa);
      expect(await directory().findByEmail('maria.lindqvist@helsingborg.se')).toStrictEqual(manager);
    });

    it('answers null for an address nobody has, and for one that two people share', async () => {
      expect(await directory().findByEmail('ingen@helsingborg.se')).toBeNull();
      expect(await directory().findByEmail('delad@bjuv.se')).toBeNull();
    });

    it("lists a manager's direct reports, each as getPerson gives them", async () => {
      const reports = await directory().directReports(manager.id);
      const byId = (a: Person, b: Person) => a.id.localeCompare(b.id);
      expect([...reports].sort(byId)).toStrictEqual([asa, nils, karl].sort(byId));
    });

    it('lists no reports for someone without any, nor for an unknown id', async () => {
      expect(await directory().directReports(solveig.id)).toEqual([]);
      expect(await directory().directReports(asa.id)).toEqual([]);
      expect(await directory().directReports('00000000-0000-0000-0000-000000000000')).toEqual([]);
    });
  });
}
