import { stateId } from '../../src/adapters/cosmos/state.store';
import { DEMO_COHORT_ID } from '../../src/demo/demo';
import { isStorableId } from '../../src/domain/ids';
import { eventually } from '../helpers/eventually';
import { invokeCard, readable, type TeamsUser } from '../helpers/teams-client';
import { repliesText, startTestBot, type TestBot } from '../helpers/test-app';
import { people, saraSubmits } from './support';

const { sara, johan, erik, lena, amira } = people;

/** Ids Cosmos DB refuses in a document id or partition key (or that cannot even be put in a URL). */
const HOSTILE = ['A-12/34', 'A-12\\34', 'A-12#34', 'A-12?34', 'A-12 34', 'A-1234 ', '\tA-1234', 'A-12\n34', '\ud800', 'A-\udc00X', 'A-12\ud83d'];
const NOT_FOUND = 'Jag hittar inte det du frågade efter.';

let bot: TestBot;
let ref: { applicationId: string; cohortId: string };
beforeAll(async () => {
  bot = await startTestBot();
  ref = await saraSubmits(bot);
  // The manager's card has gone out: from here on the store changes only if a request changes it.
  await eventually(async () => expect((await bot.app.services.outbox.forApplication(ref.cohortId, ref.applicationId)).find((x) => x.kind === 'managerApprovalRequest')?.status).toBe('sent'));
});
afterAll(() => bot.stop());

async function storeSnapshot() {
  const { resources } = await bot.app.store.containers.applications.items.query('SELECT c.id, c._etag FROM c').fetchAll();
  const cohorts = await bot.app.store.containers.programme.items.query('SELECT c.id, c._etag FROM c').fetchAll();
  return JSON.stringify([resources, cohorts.resources]);
}

describe('ids that cannot exist are answered “not found”, never with a server error', () => {
  it.each(HOSTILE.map((id) => [JSON.stringify(id), id]))('card data with the id %s', async (_name, bad) => {
    const before = await storeSnapshot();
    const cases: [TeamsUser, string, Record<string, unknown>][] = [
      [johan, 'approval.open', { applicationId: bad, cohortId: ref.cohortId, memberId: sara.aadObjectId }],
      [johan, 'approval.open', { applicationId: ref.applicationId, cohortId: bad, memberId: sara.aadObjectId }],
      [johan, 'approval.decide', { applicationId: ref.applicationId, cohortId: ref.cohortId, memberId: bad, decision: 'decline', reason: 'Inte nu.' }],
      [sara, 'intake.save', { applicationId: bad, cohortId: ref.cohortId, step: 'idea', nav: 'next' }],
      [sara, 'intake.submit', { applicationId: ref.applicationId, cohortId: bad, step: 'review' }],
      [sara, 'application.withdraw.ask', { applicationId: bad, cohortId: ref.cohortId }],
      [sara, 'application.edit', { applicationId: ref.applicationId, cohortId: bad }],
      [sara, 'coapplicant.respond', { applicationId: bad, cohortId: bad, answer: 'decline' }],
      [lena, 'jury.open', { applicationId: bad, cohortId: ref.cohortId }],
      [lena, 'jury.score', { applicationId: ref.applicationId, cohortId: bad, c_benefit: '3' }],
      [erik, 'selection.open', { applicationId: bad, cohortId: ref.cohortId }],
      [erik, 'gate.open', { applicationId: bad, cohortId: ref.cohortId }],
      [erik, 'outcome.save', { applicationId: ref.applicationId, cohortId: bad, kind: 'ended', ipOwner: 'participant' }],
      [amira, 'expense.decide', { applicationId: bad, cohortId: ref.cohortId, expenseId: 'U-1', decision: 'approve' }],
      [erik, 'cohort.save', { cohortId: bad, name: 'Pilot 9', intakeOpensOn: '2030-01-01', intakeClosesOn: '2030-02-01', programmeStartsOn: '2030-03-01', capacity: '10', budgetKr: '10 000', quorum: '3' }],
    ];
    for (const [user, verb, data] of cases) {
      const res = await bot.teams.execute(user, verb, data);
      expect({ verb, data, status: res.status }).toEqual({ verb, data, status: 200 });
      expect({ verb, data, text: readable(invokeCard(res)) }).toEqual({ verb, data, text: expect.stringContaining(NOT_FOUND) });
    }
    expect(await storeSnapshot()).toBe(before);
  });

  it('a team to join with an impossible id is refused on the gate card', async () => {
    const now = new Date().toISOString();
    const submitted = (await bot.app.services.applications.get(ref.cohortId, ref.applicationId))!.value;
    const team = { ...submitted, id: 'A-GATE02', applicantId: 'person-gate', state: 'phase1' as const, createdAt: now, updatedAt: now };
    await bot.app.services.applications.create(team, { id: 'audit-A-GATE02', applicationId: team.id, cohortId: team.cohortId, at: now, actorId: team.applicantId, actorKind: 'applicant', action: 'create', fromState: null, toState: 'phase1' });
    const res = await bot.teams.execute(erik, 'gate.save', { applicationId: team.id, cohortId: team.cohortId, outcome: 'joinOtherTeam', joinedApplicationId: 'A-12/34' });
    expect(res.status).toBe(200);
    expect(readable(invokeCard(res))).toContain('Det finns inget annat team i fas 1 att gå med i.');
  });

  it.each(HOSTILE.filter((id) => id.trim() === id && !/\s/.test(id)).map((id) => [JSON.stringify(id), id]))('commands with the id %s', async (_name, bad) => {
    for (const command of [`visa ${bad}`, `logg ${bad}`, `utfall ${bad}`, `mentor ${bad} elin.nilsson@orkelljunga.example.se`, `sponsor ${bad} elin.nilsson@orkelljunga.example.se`]) {
      const res = await bot.teams.say(erik, command);
      expect({ command, status: res.status }).toEqual({ command, status: 200 });
      expect({ command, reply: repliesText(bot, erik) }).toEqual({ command, reply: expect.stringContaining('Jag hittar ingen ansökan med det numret.') });
    }
  });

  it('the well-formed unknown id gets the same answer as before, and the real one still works', async () => {
    await bot.teams.say(erik, 'visa A-NOSUCH');
    expect(repliesText(bot, erik)).toContain('Jag hittar ingen ansökan med numret A-NOSUCH.');
    await bot.teams.say(erik, `visa ${ref.applicationId.toLowerCase()}`);
    expect(repliesText(bot, erik)).toContain('Trygg hemgång från sjukhuset');
  });

  it('the Cosmos repositories answer an impossible id with “none” without asking Cosmos', async () => {
    const s = bot.app.services;
    for (const bad of HOSTILE) {
      expect(await s.applications.get(DEMO_COHORT_ID, bad)).toBeNull();
      expect(await s.applications.get(bad, ref.applicationId)).toBeNull();
      expect(await s.applications.findByApplicant(bad, sara.aadObjectId)).toBeNull();
      expect(await s.applications.findByApplicant(DEMO_COHORT_ID, bad)).toBeNull();
      expect(await s.applications.auditTrail(bad, ref.applicationId)).toEqual([]);
      expect((await s.applications.page(bad, {}, 10)).items).toEqual([]);
      expect(await s.applications.count(bad, {})).toBe(0);
      expect(await s.applications.counts(bad)).toEqual({ byState: {}, reviewed: {}, recommended: {} });
      expect(await s.cohorts.get(bad)).toBeNull();
      expect(await s.addresses.get(bad)).toBeNull();
      await s.addresses.remove(bad);
      expect(await s.outbox.forApplication(bad, ref.applicationId)).toEqual([]);
      expect(await s.jury.recusalOf(bad, ref.applicationId, lena.aadObjectId)).toBeNull();
      expect(await s.jury.recusalOf(DEMO_COHORT_ID, bad, lena.aadObjectId)).toBeNull();
      expect(await s.jury.scoreOf(DEMO_COHORT_ID, bad, lena.aadObjectId)).toBeNull();
      // Bot state is keyed by the activity's conversation id: a key that cannot be an id is stored under its hash.
      expect(isStorableId(stateId(`msteams/conversations/${bad}/`))).toBe(true);
    }
    expect(isStorableId(stateId(`msteams/conversations/${'x'.repeat(300)}/`))).toBe(true);
  });
});
