import { DEMO_COHORT_ID } from '../../src/demo/demo';
import type { Application } from '../../src/domain/application';
import type { ApplicationState } from '../../src/domain/application.state-machine';
import { invokeCard, readable, type TeamsUser } from '../helpers/teams-client';
import { type TestBot, testBotFor } from '../helpers/test-app';
import { IDEA, people, saraSubmits, startApplication } from './support';

const { sara, johan, amira, erik, lena, henrik } = people;

/** An application in a later state, put straight into the store (how it got there is tested elsewhere). */
async function stored(bot: TestBot, id: string, state: ApplicationState, extra: Partial<Application> = {}): Promise<Application> {
  const now = new Date().toISOString();
  const a: Application = {
    id,
    cohortId: DEMO_COHORT_ID,
    applicantId: sara.aadObjectId,
    applicantName: sara.name,
    state,
    step: 'review',
    idea: { title: `Hemlig idé ${id}`, problem: 'Ett problem som bara teamet och programmet ska läsa om.', description: 'Idén i detalj.' },
    about: { municipality: 'Höganäs', administration: 'Vård', workplace: 'Väst', managerId: johan.aadObjectId, managerFromDirectory: true, permanentEmployment: true, employmentStart: '2018-03-01' },
    leave: { extentPercent: 50, start: '2027-01-04', end: '2027-06-30' },
    coApplicants: [],
    approvals: [{ memberId: sara.aadObjectId, memberName: sara.name, managerId: johan.aadObjectId, status: 'approved', requestedAt: now }],
    deciderIds: [],
    createdAt: now,
    updatedAt: now,
    ...extra,
  };
  await bot.app.services.applications.create(a, { id: `audit-${a.id}`, applicationId: a.id, cohortId: a.cohortId, at: now, actorId: a.applicantId, actorKind: 'applicant', action: 'create', fromState: null, toState: state });
  return a;
}

/** What the person was shown: the card that replaced the clicked one, as JSON (every string in it). */
const shown = (res: { body: unknown }) => JSON.stringify(invokeCard(res));

const bot = testBotFor('all');

describe('card verbs that show an application authorize the reader from stored state', () => {
  it('approval.open, refresh, a half-filled decide and reassign show nothing of the application to someone outside it', async () => {
    const ref = await saraSubmits(bot);
    const member = { ...ref, memberId: sara.aadObjectId };
    const attempts: [string, Record<string, unknown>][] = [
      ['approval.open', member],
      ['approval.refresh', member],
      ['approval.decide', { ...member, decision: 'approve', extentPercent: 'x' }],
      ['approval.decide', { ...member, decision: 'nonsense' }],
      ['approval.reassign', { ...member, managerEmail: '' }],
      ['approval.reassign', { ...member, managerEmail: 'henrik.sjoberg@perstorp.example.se' }],
    ];
    for (const outsider of [henrik, lena] satisfies TeamsUser[]) {
      for (const [verb, data] of attempts) {
        const res = await bot.teams.execute(outsider, verb, data);
        expect(res.status).toBe(200);
        const card = shown(res);
        expect(card).not.toContain(IDEA.title);
        expect(card).not.toContain(IDEA.problem);
        expect(card).not.toContain('Hemtjänst Väst');
        expect(card).not.toContain('Johan Bergström'); // not even who decides
        expect(readable(invokeCard(res))).toContain('Det här gäller någon annan');
      }
    }
    // The people it concerns still see it: the manager on record, and the applicant (read-only).
    expect(shown(await bot.teams.execute(johan, 'approval.open', member))).toContain(IDEA.title);
    const own = await bot.teams.execute(sara, 'approval.refresh', member);
    expect(shown(own)).toContain(IDEA.title);
    expect(readable(invokeCard(own))).toContain('Du kan läsa men inte besluta.');
    // Nothing was decided or handed over on the way.
    const after = await bot.app.services.applications.get(ref.cohortId, ref.applicationId);
    expect(after?.value.approvals).toEqual([expect.objectContaining({ managerId: johan.aadObjectId, status: 'pending' })]);
  });

  it('gate.open, gate.save without an outcome and outcome.save without a kind are for coordinators only', async () => {
    const gate = await stored(bot, 'A-GATE01', 'phase1', { applicantId: 'person-gate' });
    const outcome = await stored(bot, 'A-OUTC01', 'phase3', { applicantId: 'person-outcome' });
    for (const outsider of [henrik, sara, johan] satisfies TeamsUser[]) {
      for (const [verb, a, data] of [
        ['gate.open', gate, {}],
        ['gate.save', gate, {}],
        ['outcome.save', outcome, {}],
        ['outcome.save', outcome, { kind: 'ended' }],
      ] as const) {
        const res = await bot.teams.execute(outsider, verb, { applicationId: a.id, cohortId: a.cohortId, ...data });
        expect(shown(res)).not.toContain(a.idea?.title);
        expect(readable(invokeCard(res))).toContain('Du har inte behörighet att göra det här.');
      }
    }
    expect(shown(await bot.teams.execute(erik, 'gate.open', { applicationId: gate.id, cohortId: gate.cohortId }))).toContain(gate.idea?.title);
    expect(shown(await bot.teams.execute(erik, 'outcome.save', { applicationId: outcome.id, cohortId: outcome.cohortId }))).toContain(outcome.idea?.title);
  });

  it('cohort.save with a cohort id shows the cohort to coordinators only', async () => {
    const res = await bot.teams.execute(henrik, 'cohort.save', { cohortId: DEMO_COHORT_ID });
    expect(shown(res)).not.toContain('Pilot 1');
    expect(shown(res)).not.toContain('"50000"');
    expect(readable(invokeCard(res))).toContain('Du har inte behörighet att göra det här.');
    expect(shown(await bot.teams.execute(erik, 'cohort.save', { cohortId: DEMO_COHORT_ID }))).toContain('Pilot 1');
  });

  it('expense.decide shows the expense to the HR contact of the team’s municipality only', async () => {
    const a = await stored(bot, 'A-BUDG01', 'phase1', {
      applicantId: 'person-budget',
      budget: { teamId: 'A-BUDG01', allocatedOre: 5_000_000, expenses: [{ id: 'U-1', ore: 120_000, description: 'Hyra av lokal hos Ica Kvantum', status: 'pending', reportedBy: 'person-budget', reportedAt: new Date().toISOString() }] },
    });
    for (const outsider of [henrik, erik, johan] satisfies TeamsUser[]) {
      const res = await bot.teams.execute(outsider, 'expense.decide', { applicationId: a.id, cohortId: a.cohortId, expenseId: 'U-1', decision: 'reject' });
      expect(shown(res)).not.toContain('Ica Kvantum');
      expect(shown(res)).not.toContain('Budget 50');
      expect(readable(invokeCard(res))).toContain('Det här utlägget godkänns av HR-ansvarig');
    }
    expect(shown(await bot.teams.execute(amira, 'expense.decide', { applicationId: a.id, cohortId: a.cohortId, expenseId: 'U-1', decision: 'reject' }))).toContain('Ica Kvantum');
  });

  it('jury.open shows a juror only applications that have gone to the jury', async () => {
    const draft = await startApplication(bot, people.fatima);
    const res = await bot.teams.execute(lena, "jury.open", { ...draft });
    expect(shown(res)).not.toContain(IDEA.title);
    expect(shown(res)).not.toContain(IDEA.problem);
    expect(readable(invokeCard(res))).toContain('Jag hittar inte det du frågade efter.');
    const inReview = await stored(bot, 'A-JURY09', 'inReview', { applicantId: 'person-review' });
    expect(shown(await bot.teams.execute(lena, 'jury.open', { applicationId: inReview.id, cohortId: inReview.cohortId }))).toContain(inReview.idea?.title);
  });

  it('selection.open answers a non-coordinator the same whether the application exists or not', async () => {
    const a = await stored(bot, 'A-SELE01', 'inReview', { applicantId: 'person-selection' });
    const existing = await bot.teams.execute(lena, 'selection.open', { applicationId: a.id, cohortId: a.cohortId });
    const missing = await bot.teams.execute(lena, 'selection.open', { applicationId: 'A-NOSUCH', cohortId: a.cohortId });
    expect(shown(existing)).not.toContain(a.idea?.title);
    expect(readable(invokeCard(existing))).toBe(readable(invokeCard(missing)));
  });
});
