import { TAB_ROUTES } from '../../src/adapters/tab/api';
import { TAB_API, TAB_EXPORTS, XLSX_TYPE, type TabExportId, type TabRouteId } from '../../src/adapters/tab/contract';
import { ALL_EXPORTS as EXPORT_ROUTES } from '../../src/adapters/tab/tab-http';
import { COMMANDS, mayUse } from '../../src/adapters/teams/commands';
import { DEMO_COHORT_ID, DEMO_PEOPLE } from '../../src/demo/demo';
import type { Application } from '../../src/domain/application';
import { allocate } from '../../src/domain/budget';
import { resolveRoles } from '../../src/use-cases/resolve-roles';
import { anApplication, creationAudit } from '../builders/application.builder';
import { FakeEntraKeys } from '../fakes/fake-entra-keys';
import { callTab, downloadExport } from '../helpers/tab-client';
import { startTestBot, type TestBot } from '../helpers/test-app';

/**
 * Issue 14, must-show 3, and issue 15, must-show 2: every API route and export × every role, and a stranger. Whether a route opens is not written down
 * here a second time: it is the bot's own table (COMMANDS: the roles of the command the route answers) applied to
 * the roles the bot resolves for the person (resolveRoles). The test checks that the API keeps to it.
 */

const TENANT = '00000000-0000-4000-8000-00000000a11a';
const TAB_APP = '11111111-2222-4333-8444-555555555555';
const keys = new FakeEntraKeys(TENANT, TAB_APP);

const PEOPLE = {
  stranger: '00000000-0000-4000-8000-0000000000ff', // not in the directory
  employee: '00000000-0000-4000-8000-000000000008', // Oskar Dahl: no reports, no part
  applicant: DEMO_PEOPLE.employee, // Sara, waiting for Johan
  participant: '00000000-0000-4000-8000-000000000010', // Henrik, in phase 1 with a budget
  manager: DEMO_PEOPLE.manager,
  hrContact: DEMO_PEOPLE.hrContact,
  juror: DEMO_PEOPLE.juror,
  coordinator: DEMO_PEOPLE.coordinator,
  steeringGroup: DEMO_PEOPLE.steeringGroup,
} as const;
type Who = keyof typeof PEOPLE;

const NOWHERE = { cohortId: DEMO_COHORT_ID, applicationId: 'A-NOSUCH' };
const NO_COHORT = 'ingen-kohort';
/** A request of the right shape for each route; where it names an application, one that does not exist. */
const REQUESTS: { [R in TabRouteId]: Record<string, unknown> } = {
  me: {},
  application: {},
  withdraw: NOWHERE,
  expense: { amount: '120 kr', description: 'Tågresa till Helsingborg' },
  approvals: {},
  decide: { ...NOWHERE, memberId: DEMO_PEOPLE.employee, decision: 'decline', reason: 'Inte nu, tyvärr.' },
  reviews: {},
  review: NOWHERE,
  score: { ...NOWHERE, values: { benefit: 3 }, comment: '' },
  recuse: { ...NOWHERE, reason: 'Jag känner den sökande.' },
  // Issue 15: the coordinators' and the steering group's routes. A write names a cohort or an application that does not
  // exist where it would otherwise change the demo (lock the selection, start a phase), so every cell sees the same state.
  overview: {},
  remindDeciders: { cohortId: DEMO_COHORT_ID, deciderId: DEMO_PEOPLE.manager },
  applications: { sort: 'title', q: 'idé' },
  applicationOne: NOWHERE,
  ranking: {},
  rankingRow: NOWHERE,
  decideSelection: { ...NOWHERE, decision: 'selected', feedback: 'En stark idé, välkommen!' },
  lockPreview: {},
  lockSelection: { cohortId: NO_COHORT },
  jury: {},
  juryMember: { cohortId: DEMO_COHORT_ID, email: 'ingen@example.se', add: true },
  remindJury: { cohortId: DEMO_COHORT_ID },
  programme: {},
  phasePreview: { phase: '2' },
  startPhase: { cohortId: NO_COHORT, phase: '2' },
  gate: { ...NOWHERE, outcome: 'continue' },
  outcome: { ...NOWHERE, kind: 'ended', ipOwner: 'municipality' },
  assign: { ...NOWHERE, role: 'mentor', email: 'ingen@example.se' },
  criteria: {},
  saveCriteria: { cohortId: NO_COHORT, criteria: [{ name: 'Nytta för invånarna', weight: 2 }] },
  report: {},
  announcements: {},
  recommend: { email: 'ingen@example.se', reason: 'En idé som alla kommuner behöver.' },
  myData: {},
  dataExtract: { person: 'ingen@example.se' },
  privacy: {},
};

/** The exports, each with a request of the right shape. */
const EXPORT_REQUESTS: { [E in TabExportId]: Record<string, unknown> } = { applications: { state: 'awaitingManager' }, ranking: {}, ledger: {}, report: {}, audit: NOWHERE, announcement: { campaignId: 'K-NOSUCH' }, myData: {}, dataExtract: { person: 'ingen@example.se' } };

let tab: TestBot;
beforeAll(async () => {
  await keys.start();
  tab = await startTestBot({ TAB_APP_ID: TAB_APP, TAB_JWKS_URL: keys.jwksUrl, ALLOWED_TENANT_IDS: TENANT });
  const now = new Date().toISOString();
  const store = (a: Application) => tab.app.services.applications.create(a, creationAudit(a));
  await store(
    anApplication({
      cohortId: DEMO_COHORT_ID,
      applicantId: PEOPLE.applicant,
      applicantName: 'Sara Lindqvist',
      state: 'awaitingManager',
      approvals: [{ memberId: PEOPLE.applicant, memberName: 'Sara Lindqvist', managerId: PEOPLE.manager, status: 'pending', requestedAt: now }],
      deciderIds: [PEOPLE.manager],
    }),
  );
  await store(anApplication({ cohortId: DEMO_COHORT_ID, applicantId: PEOPLE.participant, applicantName: 'Henrik Sjöberg', state: 'phase1', budget: allocate(5_000_000, 'team-henrik') }));
});
afterAll(async () => {
  await tab.stop();
  await keys.stop();
});

const ROUTES = Object.keys(TAB_API) as TabRouteId[];
const cells = ROUTES.flatMap((route) => (Object.keys(PEOPLE) as Who[]).map((who) => [route, who] as const));

/** The bot's rule for the route, for this person: the command's roles against the roles resolveRoles gives them. */
async function botAllows(route: TabRouteId, who: Who): Promise<boolean> {
  const command = COMMANDS.find((c) => c.id === TAB_ROUTES[route].as);
  if (!command) throw new Error(`route ${route} answers no command`);
  return 'answersOthers' in command || mayUse(command, await resolveRoles(tab.app.services, PEOPLE[who]));
}

describe('who may call which tab route', () => {
  const seen = new Map<string, boolean>();

  it.each(cells)('%s as %s: opens exactly when the bot would answer its command', async (route, who) => {
    const allowed = await botAllows(route, who);
    seen.set(`${route}/${who}`, allowed);
    const reply = await callTab(tab.app.url, route, REQUESTS[route] as never, { token: await keys.token(PEOPLE[who]) });
    if (!allowed) {
      expect(reply.status).toBe(403);
      expect(reply.body).toEqual({ error: 'NOT_ALLOWED' });
    } else {
      // Past the gate the use case answers: the view, or (for an application or cohort that does not exist, a budget
      // the person does not have, an address nobody has) "not found" or the field to correct — never the role gate's
      // refusal, and never a failure.
      expect([200, 400, 404]).toContain(reply.status);
      expect(reply.body).not.toEqual({ error: 'NOT_ALLOWED' });
      if (reply.status === 200) expect(TAB_API[route].response.safeParse(reply.body).success).toBe(true);
    }
  });

  const exportCells = (Object.keys(TAB_EXPORTS) as TabExportId[]).flatMap((id) => (Object.keys(PEOPLE) as Who[]).map((who) => [id, who] as const));

  it.each(exportCells)('export %s as %s: opens exactly when the bot would answer its command', async (id, who) => {
    const command = COMMANDS.find((c) => c.id === EXPORT_ROUTES[id].as);
    if (!command) throw new Error(`export ${id} answers no command`);
    const allowed = mayUse(command, await resolveRoles(tab.app.services, PEOPLE[who]));
    seen.set(`export-${id}/${who}`, allowed);
    const reply = await downloadExport(tab.app.url, id, EXPORT_REQUESTS[id] as never, { token: await keys.token(PEOPLE[who]) });
    if (!allowed) {
      expect(reply.status).toBe(403);
      expect(reply.body).toEqual({ error: 'NOT_ALLOWED' });
    } else {
      expect([200, 404]).toContain(reply.status);
      if (reply.status === 200) expect(reply.headers.get('content-type')).toBe(XLSX_TYPE);
    }
  });

  it('gives the steering group the report and nothing else: past what every employee has (their own application), every write and every other export is refused with 403', () => {
    expect(ROUTES.filter((r) => seen.get(`${r}/steeringGroup`) !== seen.get(`${r}/employee`))).toEqual(['report']);
    expect(ROUTES.filter((r) => TAB_API[r].method === 'POST' && seen.get(`${r}/steeringGroup`))).toEqual(ROUTES.filter((r) => TAB_API[r].method === 'POST' && seen.get(`${r}/employee`)));
    // Past the export everyone has of their own data (myData, the register extract), the report only.
    expect((Object.keys(TAB_EXPORTS) as TabExportId[]).filter((id) => seen.get(`export-${id}/steeringGroup`) && !seen.get(`export-${id}/employee`))).toEqual(['report']);
    expect(seen.get('export-myData/employee')).toBe(true);
  });

  it('is not trivial: some routes open to everyone, some to a few, and the use cases answer for the rest', () => {
    expect(seen.get('me/stranger')).toBe(true);
    expect(seen.get('approvals/manager')).toBe(true);
    expect(seen.get('approvals/employee')).toBe(false);
    expect(seen.get('reviews/juror')).toBe(true);
    expect(seen.get('score/applicant')).toBe(false);
    expect(seen.get('expense/employee')).toBe(true);
    expect(seen.get('ranking/coordinator')).toBe(true);
    expect(seen.get('ranking/juror')).toBe(false);
    expect(seen.get('report/coordinator')).toBe(true);
  });
});
