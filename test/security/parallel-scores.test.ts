import { DEMO_COHORT_ID } from '../../src/demo/demo';
import type { Application } from '../../src/domain/application';
import { invokeCard, readable } from '../helpers/teams-client';
import { repliesText, type TestBot, testBotFor } from '../helpers/test-app';
import { people } from './support';
import { allScores } from '../helpers/store-reads';

const { erik, lena, mikael, johan } = people;

const allAt = (n: number) => ({ c_benefit: String(n), c_boldness: String(n), c_applicability: String(n), c_feasibility: String(n), c_drive: String(n) });
const SAVED = 'Din bedömning är sparad.';
const UNCHANGED = 'Bedömningen är redan sparad med samma värden.';

/** Approved applications put straight into the store, then sent to the jury by the coordinator. */
async function inReview(bot: TestBot, n: number): Promise<Application[]> {
  const now = new Date().toISOString();
  const apps: Application[] = [];
  for (let i = 0; i < n; i++) {
    const a: Application = {
      id: `A-PAR${i}`,
      cohortId: DEMO_COHORT_ID,
      applicantId: `person-par-${i}`,
      applicantName: `Sökande ${i}`,
      state: 'approved',
      step: 'review',
      idea: { title: `Idé ${i}`, problem: 'Ett problem som många kommuner delar.', description: 'En idé som prövas i programmet.' },
      benefit: { targetGroups: ['residents'], benefit: 'Nytta för invånarna.', applicability: 'Fungerar i alla elva kommuner.' },
      about: { municipality: 'Höganäs', administration: 'Vård', workplace: 'Väst', managerId: johan.aadObjectId, managerFromDirectory: true, permanentEmployment: true, employmentStart: '2018-03-01' },
      leave: { extentPercent: 50, start: '2027-01-04', end: '2027-06-30' },
      coApplicants: [],
      approvals: [{ memberId: `person-par-${i}`, memberName: `Sökande ${i}`, managerId: johan.aadObjectId, status: 'approved', requestedAt: now, decidedBy: johan.aadObjectId, decidedAt: now }],
      deciderIds: [],
      createdAt: now,
      updatedAt: now,
    };
    await bot.app.services.applications.create(a, { id: `audit-${a.id}`, applicationId: a.id, cohortId: a.cohortId, at: now, actorId: a.applicantId, actorKind: 'applicant', action: 'create', fromState: null, toState: 'approved' });
    apps.push(a);
  }
  await bot.teams.say(erik, 'öppna juryrunda');
  expect(repliesText(bot, erik)).toContain('Öppna juryrundan för Pilot 1?');
  const opened = await bot.teams.execute(erik, 'jury.round.open', { cohortId: DEMO_COHORT_ID });
  expect(readable(invokeCard(opened))).toContain(`Juryrundan är öppen: ${n} ansökningar`);
  return apps;
}

const scoredEvents = async (bot: TestBot, a: Application) => (await bot.app.services.applications.auditTrail(a.cohortId, a.id)).filter((e) => e.action === 'scored');

const bot = testBotFor('all');

describe('one juror’s scores sent at the same time', () => {
  it('three identical first scores at once: one score, one audit event, and every answer says so', async () => {
    const apps = await inReview(bot, 4);
    for (const a of apps) {
      const ref = { applicationId: a.id, cohortId: a.cohortId };
      const results = await Promise.all([1, 2, 3].map(() => bot.teams.execute(lena, 'jury.score', { ...ref, ...allAt(4) })));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
      const texts = results.map((r) => readable(invokeCard(r)));
      expect(texts.filter((t) => t.includes(SAVED))).toHaveLength(1);
      expect(texts.filter((t) => t.includes(UNCHANGED))).toHaveLength(2);
      const scores = (await allScores(bot.app.store.containers.applications, DEMO_COHORT_ID)).filter((s) => s.applicationId === a.id);
      expect(scores.map((s) => [s.jurorId, s.values])).toEqual([[lena.aadObjectId, { benefit: 4, boldness: 4, applicability: 4, feasibility: 4, drive: 4 }]]);
      expect(await scoredEvents(bot, a)).toHaveLength(1);
    }
  });

  it('different scores at once: the audit trail has one event per change that was stored, and the last one stands', async () => {
    // A-PAR0 went to review in the test above; Mikael has not scored it.
    const a = (await bot.app.services.applications.get(DEMO_COHORT_ID, 'A-PAR0'))?.value;
    const ref = { applicationId: a!.id, cohortId: a!.cohortId };
    const results = await Promise.all([2, 3, 5].map((n) => bot.teams.execute(mikael, 'jury.score', { ...ref, ...allAt(n) })));
    const saved = results.filter((r) => readable(invokeCard(r)).includes(SAVED)).length;
    const mine = (await scoredEvents(bot, a!)).filter((e) => e.actorId === mikael.aadObjectId);
    expect(mine).toHaveLength(saved);
    expect(saved).toBeGreaterThanOrEqual(1);
    const stored = (await allScores(bot.app.store.containers.applications, DEMO_COHORT_ID)).filter((s) => s.applicationId === a!.id && s.jurorId === mikael.aadObjectId);
    expect(stored).toHaveLength(1);
    expect([2, 3, 5]).toContain(stored[0]!.values.benefit);
  });
});
