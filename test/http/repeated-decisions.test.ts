import { DEMO_COHORT_ID } from '../../src/demo/demo';
import type { Application } from '../../src/domain/application';
import type { ApplicationState } from '../../src/domain/application.state-machine';
import type { AuditAction } from '../../src/domain/audit-event';
import type { Cohort } from '../../src/domain/cohort';
import { invokeCard, readable, type TeamsUser } from '../helpers/teams-client';
import { testBotFor, type TestBot } from '../helpers/test-app';
import { sara, johan, amira, erik } from '../helpers/demo-users';

/**
 * Issue 13, must-show 4: every decision card answers a repeat of the same decision (a double click, two clicks at
 * once, a click on an old copy of the card) with the saved result, never an error, and the decision is taken once.
 * One table over every decision verb; each row puts what the decision needs in the store, sends the identical
 * decision twice at once and once more, and checks the three answers and what was written.
 */


const NBSP = '\u00a0';
const ID = 'A-TWICE1';
const ref = { applicationId: ID, cohortId: DEMO_COHORT_ID };
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Sara's application in `state`, with what that state carries, put straight into the store. */
async function stored(bot: TestBot, state: ApplicationState, extra: Partial<Application> = {}): Promise<void> {
  const now = new Date().toISOString();
  const pending = state === 'awaitingManager';
  const a: Application = {
    id: ID,
    cohortId: DEMO_COHORT_ID,
    applicantId: sara.aadObjectId,
    applicantName: sara.name,
    state,
    step: 'review',
    idea: { title: 'Trygg hemgång', problem: 'Äldre som skrivs ut blir ensamma hemma.', description: 'En följeslagare möter upp vid utskrivningen.' },
    benefit: { targetGroups: ['residents'], benefit: 'Tryggare invånare.', applicability: 'Alla elva kommuner har hemtjänst.' },
    about: { municipality: 'Höganäs', administration: 'Vård och omsorg', workplace: 'Hemtjänst Väst', managerId: johan.aadObjectId, managerFromDirectory: true, permanentEmployment: true, employmentStart: '2018-03-01' },
    leave: { extentPercent: 50, start: day(61), end: day(150) },
    coApplicants: [],
    approvals: [
      pending
        ? { memberId: sara.aadObjectId, memberName: sara.name, managerId: johan.aadObjectId, status: 'pending', requestedAt: now }
        : { memberId: sara.aadObjectId, memberName: sara.name, managerId: johan.aadObjectId, status: 'approved', requestedAt: now, decidedBy: johan.aadObjectId, decidedAt: now, leave: { extentPercent: 50, start: day(61), end: day(150) } },
    ],
    deciderIds: pending ? [johan.aadObjectId] : [],
    submittedAt: now,
    createdAt: now,
    updatedAt: now,
    ...extra,
  };
  await bot.app.services.applications.create(a, { id: `audit-${ID}`, applicationId: ID, cohortId: DEMO_COHORT_ID, at: now, actorId: sara.aadObjectId, actorKind: 'applicant', action: 'create', fromState: null, toState: state });
}

async function cohortWith(bot: TestBot, change: Partial<Cohort>): Promise<void> {
  const current = (await bot.app.services.cohorts.get(DEMO_COHORT_ID))!;
  await bot.app.services.cohorts.save({ ...current.value, ...change }, current.etag);
}

const budget = { teamId: ID, allocatedOre: 50_000_00, expenses: [{ id: 'U-TWICE1', ore: 1_200_00, description: 'prototyp', status: 'pending' as const, reportedBy: sara.aadObjectId, reportedAt: new Date().toISOString() }] };

interface Row {
  /** Puts in the store what the decision is taken on. */
  readonly given: (bot: TestBot) => Promise<void>;
  readonly by: TeamsUser;
  readonly verb: string;
  readonly data: Record<string, unknown>;
  /** What the saved result says, in every answer (the first may say "saved", a repeat "already saved"). */
  readonly saved: string | RegExp;
  /** The decision as stored, written once: its audit event, or what else it changed. */
  readonly once: (bot: TestBot) => Promise<unknown>;
  readonly expected: unknown;
}

const auditCount = (action: AuditAction) => async (bot: TestBot) => (await bot.app.services.applications.auditTrail(DEMO_COHORT_ID, ID)).filter((e) => e.action === action).length;
const cohortValue = (key: keyof Cohort) => async (bot: TestBot) => Boolean((await bot.app.services.cohorts.get(DEMO_COHORT_ID))?.value[key]);

const ROWS: [string, Row][] = [
  ['approval.decide: approve', { given: (b) => stored(b, 'awaitingManager'), by: johan, verb: 'approval.decide', data: { ...ref, memberId: sara.aadObjectId, decision: 'approve', extentPercent: '50', leaveStart: day(61), leaveEnd: day(150), attestPermanent: 'true', attestOneYear: 'true' }, saved: 'Godkänd av Johan Bergström', once: auditCount('approveAsManager'), expected: 1 }],
  ['approval.decide: decline', { given: (b) => stored(b, 'awaitingManager'), by: johan, verb: 'approval.decide', data: { ...ref, memberId: sara.aadObjectId, decision: 'decline', reason: 'Vi har för lite personal i vår.' }, saved: 'Nekad av Johan Bergström', once: auditCount('declineAsManager'), expected: 1 }],
  ['approval.decide: ask for changes', { given: (b) => stored(b, 'awaitingManager'), by: johan, verb: 'approval.decide', data: { ...ref, memberId: sara.aadObjectId, decision: 'requestChanges', reason: 'Beskriv nyttan tydligare.' }, saved: 'Johan Bergström bad om ändringar', once: auditCount('requestChanges'), expected: 1 }],
  ['selection.save', { given: (b) => stored(b, 'inReview').then(() => cohortWith(b, { juryRound: 'open' })), by: erik, verb: 'selection.save', data: { ...ref, decision: 'selected', feedback: 'Juryn gillade nyttan.' }, saved: /[Ss]parat: Antagen/, once: auditCount('select'), expected: 1 }],
  ['gate.save', { given: (b) => stored(b, 'phase1', { budget: { teamId: ID, allocatedOre: 50_000_00, expenses: [] } }), by: erik, verb: 'gate.save', data: { ...ref, outcome: 'continue' }, saved: 'Sparat: Går vidare till fas 2.', once: auditCount('gateContinue'), expected: 1 }],
  ['outcome.save', { given: (b) => stored(b, 'phase3'), by: erik, verb: 'outcome.save', data: { ...ref, kind: 'spunOut', ipOwner: 'participant' }, saved: 'Utfallet är sparat och slutgiltigt.', once: auditCount('spinOut'), expected: 1 }],
  ['expense.decide: approve', { given: (b) => stored(b, 'phase1', { budget }), by: amira, verb: 'expense.decide', data: { ...ref, expenseId: 'U-TWICE1', decision: 'approve' }, saved: `Godkänt: 1${NBSP}200${NBSP}kr.`, once: auditCount('expenseApproved'), expected: 1 }],
  ['expense.decide: reject', { given: (b) => stored(b, 'phase1', { budget }), by: amira, verb: 'expense.decide', data: { ...ref, expenseId: 'U-TWICE1', decision: 'reject', reason: 'Ingår inte i fas 1.' }, saved: `Avslaget: 1${NBSP}200${NBSP}kr.`, once: auditCount('expenseRejected'), expected: 1 }],
  ['phase.start', { given: (b) => stored(b, 'selected', { selection: { decision: 'selected', feedback: '', decidedBy: erik.aadObjectId, decidedAt: new Date().toISOString() } }), by: erik, verb: 'phase.start', data: { phase: 1, answer: 'yes' }, saved: 'Fas 1 har startat för 1 ansökan.', once: auditCount('startPhase1'), expected: 1 }],
  ['jury.round.open', { given: (b) => stored(b, 'approved'), by: erik, verb: 'jury.round.open', data: { cohortId: DEMO_COHORT_ID }, saved: /Juryrundan (är|var redan) öppen/, once: auditCount('openReview'), expected: 1 }],
  ['jury.round.lock', { given: (b) => stored(b, 'inReview').then(() => cohortWith(b, { juryRound: 'open' })), by: erik, verb: 'jury.round.lock', data: { cohortId: DEMO_COHORT_ID }, saved: 'Juryrundan är låst.', once: async (b) => (await b.app.services.cohorts.get(DEMO_COHORT_ID))?.value.juryRound, expected: 'locked' }],
  [
    'selection.lock',
    {
      given: (b) => stored(b, 'selected', { selection: { decision: 'selected', feedback: 'Välkommen!', decidedBy: erik.aadObjectId, decidedAt: new Date().toISOString() } }).then(() => cohortWith(b, { juryRound: 'locked' })),
      by: erik,
      verb: 'selection.lock',
      data: { cohortId: DEMO_COHORT_ID },
      saved: 'Urvalet är låst.',
      once: async (b) => [await cohortValue('selectionLockedAt')(b), (await b.app.store.containers.applications.items.query(`SELECT VALUE COUNT(1) FROM c WHERE c.type = 'outbox' AND c.kind = 'selectionOutcome' AND c.applicationId = '${ID}'`).fetchAll()).resources[0]],
      expected: [true, 1],
    },
  ],
];

/** Wording that would mean the repeat was taken for an error or a refusal. */
const ERRORS = /Det går inte|Något gick fel|Försök igen|inte behörighet|Jag hittar inte|ändrade samtidigt/;

describe('every decision card answers a repeated identical decision with the saved result, and decides once', () => {
  const bot = testBotFor('each');

  it.each(ROWS)('%s', async (_name, row) => {
    await row.given(bot);
    const atOnce = await Promise.all([bot.teams.execute(row.by, row.verb, row.data), bot.teams.execute(row.by, row.verb, row.data)]);
    const later = await bot.teams.execute(row.by, row.verb, row.data);
    const answers = [...atOnce, later].map((x) => {
      expect(x.status).toBe(200);
      return readable(invokeCard(x));
    });
    for (const answer of answers) {
      expect(answer).toMatch(row.saved);
      expect(answer).not.toMatch(ERRORS);
    }
    expect(await row.once(bot)).toEqual(row.expected);
  });
});
