import { aboutCard } from '../../src/adapters/cards/about.card';
import { actionFailedCard } from '../../src/adapters/cards/action-failed.card';
import { VERBS } from '../../src/adapters/cards/verbs';
import { plain, type AdaptiveCard } from '../../src/adapters/cards/card-kit';
import { cohortsCard } from '../../src/adapters/cards/cohorts.card';
import { helpCard } from '../../src/adapters/cards/help.card';
import { welcomeCard } from '../../src/adapters/cards/welcome.card';
import { whoamiCard } from '../../src/adapters/cards/whoami.card';
import { messages, type Locale } from '../../src/i18n';
import { INTAKE_STEPS, LIMITS, type Application } from '../../src/domain/application';
import { formValues, intakeClosedCard, intakeStepCard, reviewCard, submittedCard } from '../../src/adapters/cards/intake.card';
import { invitationCard, noticeCard, statusCard, withdrawCard } from '../../src/adapters/cards/application.cards';
import { recommendationCard } from '../../src/adapters/cards/recommendation.card';
import { MEETINGS_SHOWN, meetingFormCard, meetingInvitationCard, meetingsListCard } from '../../src/adapters/cards/candidate-meeting.cards';
import { MEETING_LIMITS, type CandidateMeeting, type MeetingNote } from '../../src/domain/candidate-meeting';
import { REASON_MAX } from '../../src/domain/recommendation';
import { APPLICATION_EVENTS, APPLICATION_STATES } from '../../src/domain/application.state-machine';
import { approvalCard, approvalListCard, type ApprovalMode } from '../../src/adapters/cards/approval.card';
import { confirmationCard, rankingCard, reviewsCard, scoreCard, selectionCard } from '../../src/adapters/cards/jury.cards';
import { DEFAULT_CRITERIA } from '../../src/domain/scoring';
import { applicationListCard, applicationViewCard, auditLogCard, cohortCard, expenseCard, gateCard, gateListCard, outcomeCard, participantsCard, phaseStartCard, reportCard, statisticsCard } from '../../src/adapters/cards/programme.cards';
import { followUpCard } from '../../src/adapters/cards/follow-up.cards';
import type { ReportLine } from '../../src/use-cases/programme/coordinator-views';
import { funnelOf } from '../../src/domain/funnel';
import type { Statistics } from '../../src/use-cases/programme/statistics';
import { MUNICIPALITIES } from '../../src/domain/municipalities';
import { demoCohort } from '../../src/demo/demo';
import { cardBytes, cardProblems, MAX_CARD_BYTES } from '../helpers/validate-card';
import { RANKING_PAGE } from '../../src/use-cases/jury/ranking';
import { REVIEWS_PAGE } from '../../src/use-cases/jury/reviews';
import { APPLICATIONS_PAGE } from '../../src/use-cases/programme/list-applications';
import { PARTICIPANTS_SHOWN } from '../../src/use-cases/programme/participants';

const hostile = '[klicka här](https://example.org) **VIKTIGT** <at>Alla</at> # Rubrik';
const long = 'Å'.repeat(2000);

/** Statistics with every state counted in all eleven municipalities, and a budget in each. */
const everyState = Object.fromEntries(APPLICATION_STATES.map((st, i) => [st, (i + 1) * 1000]));
const budgetOf = { allocated: 123_456_789_00, approved: 12_345_678_00, pending: 1_234_567_00 };
const allEleven: Statistics = {
  cohort: { ...demoCohort(new Date('2026-03-01T00:00:00Z')), name: hostile },
  rows: MUNICIPALITIES.map((municipality) => ({ municipality, funnel: funnelOf(everyState), budget: budgetOf })),
  total: { municipality: '', funnel: funnelOf(everyState), budget: budgetOf },
  waitingManagers: 7,
  jurorsBehind: 3,
  recommended: 5,
};

/** A report line with every figure `n` (the municipality's, or the total without one). */
const reportLine = (municipality: (typeof MUNICIPALITIES)[number] | undefined, n: number): ReportLine => ({
  ...(municipality ? { municipality } : {}),
  submitted: n * 10_000, approved: n, declined: n, selected: n, waitlisted: n, notSelected: n, phase1: n, phase2: n, phase3: n, continued: n, returnedToJob: n, joinedOtherTeam: n, outcomes: n, withdrawn: n,
  allocatedOre: n * 123_456_789, spentOre: n * 98_765_432, pendingOre: n, medianDaysToDecision: 4.5, medianDaysToSelection: null,
});
const elevenReport = {
  cohortName: hostile,
  rows: MUNICIPALITIES.map((m, i) => reportLine(m, i + 1)),
  total: reportLine(undefined, 66),
  followUp: [
    { round: 'phase1' as const, questions: null, asked: 120, answered: 2 },
    { round: 'phase2' as const, questions: [hostile, long.slice(0, 200), 'Tre?', 'Fyra?'], asked: 120, answered: 97, figures: [1, 2, 3, 4].map((q) => ({ mean: 3.4 + q / 10, distribution: [1, 2, 30, 40, 24] })), comments: [hostile] },
    { round: 'outcome' as const, questions: null, asked: 3, answered: 3, figures: [1, 2, 3].map(() => ({ mean: 5, distribution: [0, 0, 0, 0, 3] })), comments: [] },
  ],
};

/** Every card, in a plain and a demanding version, in both languages. */
const cards: [string, (l: Locale) => AdaptiveCard][] = [
  ['welcome', (l) => welcomeCard({ name: 'Sara Lindqvist' }, messages(l))],
  ['welcome, hostile name', (l) => welcomeCard({ name: hostile }, messages(l))],
  ['welcome, no name', (l) => welcomeCard({}, messages(l))],
  ['help', (l) => helpCard({ roleNames: ['medarbetare', 'samordnare'], commands: [{ word: 'hjälp', description: 'Visar vad du kan göra.' }], inChannel: false }, messages(l))],
  ['help in a channel', (l) => helpCard({ roleNames: ['medarbetare'], commands: [], inChannel: true }, messages(l))],
  ['about', (l) => aboutCard(messages(l))],
  ['whoami', (l) => whoamiCard({ name: hostile, municipality: 'Örkelljunga', administration: long, roleNames: ['chef'], known: true }, messages(l))],
  ['whoami, unknown person', (l) => whoamiCard({ name: 'Okänd', roleNames: ['medarbetare'], known: false }, messages(l))],
  ['cohorts, none', (l) => cohortsCard({ cohorts: [] }, messages(l))],
  [
    'cohorts, twelve of every kind',
    (l) =>
      cohortsCard(
        {
          cohorts: Array.from({ length: 12 }, (_, i) => ({
            id: `pilot-${i}`,
            name: `${hostile} ${i}`,
            intake: (['open', 'notYet', 'closed'] as const)[i % 3] ?? 'open',
            intakeOpensAt: '2027-02-01T00:00:00Z',
            intakeClosesAt: '2027-03-15T00:00:00Z',
            capacity: 12,
          })),
        },
        messages(l),
      ),
  ],
  ['action failed, offering the click again', (l) => actionFailedCard({ correlationId: '1a2b3c4d', retry: { verb: VERBS.intakeSave, data: { step: 'idea', title: hostile, description: long } } }, messages(l))],
  ['action failed, nothing to offer again', (l) => actionFailedCard({ correlationId: '1a2b3c4d' }, messages(l))],
  // A form's inputs too large to carry twice (button and fallback): the card is the message alone.
  ['action failed, a click too large to carry', (l) => actionFailedCard({ correlationId: '1a2b3c4d', retry: { verb: VERBS.intakeSave, data: { description: long.repeat(4) } } }, messages(l))],
];

/** The largest application the limits allow, in the widest characters (Å is two bytes in UTF-8). */
const fill = (n: number) => 'Å'.repeat(n);
const biggest: Application = {
  id: 'A-7K3QX2',
  cohortId: 'pilot-1',
  applicantId: 'p1',
  applicantName: hostile,
  recommendedBy: { id: 'm1', name: hostile },
  state: 'draft',
  step: 'review',
  idea: { title: fill(LIMITS.title.max), problem: fill(LIMITS.problem.max), description: fill(LIMITS.description.max) },
  benefit: { targetGroups: ['residents', 'businesses', 'associations', 'organisation'], benefit: fill(LIMITS.benefit.max), applicability: fill(LIMITS.applicability.max) },
  about: { municipality: 'Örkelljunga', administration: fill(LIMITS.administration.max), workplace: fill(LIMITS.workplace.max), managerId: 'm', managerFromDirectory: true, permanentEmployment: true, employmentStart: '2018-03-01' },
  leave: { extentPercent: 100, start: '2026-04-01', end: '2026-09-30' },
  coApplicants: [1, 2, 3, 4].map((i) => ({ personId: `c${i}`, name: `${hostile} ${i}`, status: 'invited' as const, invitedAt: '2026-03-01T00:00:00Z' })),
  approvals: [],
  deciderIds: [],
  createdAt: '2026-03-01T00:00:00Z',
  updatedAt: '2026-03-01T00:00:00Z',
};

/** A meeting with the longest place and link, every member of the largest team answered with the longest comment. */
const bigMeeting: CandidateMeeting = {
  id: 'M-7K3QX2',
  at: '2026-04-01T11:30:00.000Z',
  place: fill(MEETING_LIMITS.place),
  link: `https://teams.microsoft.com/${'a'.repeat(MEETING_LIMITS.link - 30)}`,
  invitedBy: 'c',
  invitedAt: '2026-03-20T10:00:00.000Z',
  answers: [biggest.applicantId, ...biggest.coApplicants.map((c) => c.personId)].map((personId, i) => ({ personId, name: hostile, answer: i % 2 ? 'otherTime' : 'coming', comment: fill(MEETING_LIMITS.comment), at: '2026-03-21T10:00:00.000Z' })),
};
const bigNote: MeetingNote = { at: '2026-04-01T14:00:00.000Z', by: 'c', byName: hostile, text: fill(MEETING_LIMITS.note) };
const allErrors = (l: Locale) => ({
  ...Object.fromEntries(['title', 'problem', 'description', 'targetGroups', 'benefit', 'applicability', 'municipality', 'administration', 'workplace', 'managerEmail', 'employmentStart', 'extentPercent', 'leaveStart', 'leaveEnd', 'coApplicants', 'privacyAcknowledged'].map((f) => [f, [messages(l).intake.fieldErrors.required(), messages(l).intake.rules.leaveAtMostSixMonths({ lastAllowed: '2026-09-30' })]])),
  managerEmail: [messages(l).intake.fieldErrors.notManager({ name: plain(hostile), directoryManager: plain(hostile) })],
  coApplicants: [messages(l).intake.fieldErrors.tooManyInvitations({ invited: '8', max: '8' })],
});
const stepData = (l: Locale, step: (typeof INTAKE_STEPS)[number]) => ({
  applicationId: biggest.id,
  cohortId: biggest.cohortId,
  cohortName: hostile,
  step,
  values: { ...formValues(biggest, { coApplicantEmails: ['a@b.se', 'c@d.se', 'e@f.se', 'g@h.se'] }), managerEmail: fill(LIMITS.email.max) },
  errors: allErrors(l),
  notice: { text: messages(l).intake.fixFields, attention: true },
  directoryManagerName: hostile,
});
cards.push(
  ...INTAKE_STEPS.filter((s) => s !== 'review').map((step): [string, (l: Locale) => AdaptiveCard] => [`intake step ${step}, full and with every error`, (l) => intakeStepCard(stepData(l, step), messages(l))]),
  [
    'review of the largest application, everything blocked',
    (l) =>
      reviewCard(
        { ...stepData(l, 'review'), application: biggest, managerName: hostile, managerNamedByApplicant: true, missing: Object.values(messages(l).intake.missingSection), blockers: Object.values(messages(l).intake.rules).map((r) => r({ qualifiesOn: '2026-11-03', min: '10', max: '100', earliest: '2026-03-02', lastAllowed: '2026-09-30' })), },
        messages(l),
      ),
  ],
  ['submitted', (l) => submittedCard({ applicationId: biggest.id, title: fill(LIMITS.title.max), managerName: hostile, managerNamedByApplicant: true }, messages(l))],
  ['intake closed, next known', (l) => intakeClosedCard({ nextOpensAt: '2027-02-01T00:00:00Z' }, messages(l))],
  ['intake closed, next unknown', (l) => intakeClosedCard({}, messages(l))],
  [
    'status with every event in the timeline',
    (l) => statusCard({ application: { ...biggest, state: 'awaitingManager' }, cohortName: hostile, trail: [...APPLICATION_EVENTS, 'create' as const].map((action, i) => ({ id: `e${i}`, applicationId: biggest.id, cohortId: biggest.cohortId, at: '2026-03-01T10:00:00Z', actorId: 'x', actorKind: 'applicant' as const, action, fromState: null, toState: 'draft' as const })), unreachable: [hostile], manager: { name: hostile, namedByApplicant: true } }, messages(l)),
  ],
  ['withdraw confirmation', (l) => withdrawCard(biggest, messages(l))],
  ['co-applicant invitation with errors', (l) => invitationCard({ application: biggest, permanent: false, employmentStart: '2025-01-01', errors: [messages(l).intake.rules.employedOneYear({ qualifiesOn: '2026-01-01' })] }, messages(l))],
  ['notice', (l) => noticeCard(messages(l).intake.withdraw.done, messages(l).intake.withdraw.body)],
  ['candidate meeting form, empty', (l) => meetingFormCard({}, [], messages(l))],
  [
    'candidate meeting form with every error',
    (l) =>
      meetingFormCard(
        { applications: hostile, date: '2020-01-01', time: '25:00', place: fill(MEETING_LIMITS.place + 1), link: hostile },
        [
          { field: 'applications', reason: 'unknown', ids: Array.from({ length: MEETING_LIMITS.shortlist }, () => hostile) },
          { field: 'applications', reason: 'tooMany' },
          { field: 'date', reason: 'past' },
          { field: 'time', reason: 'invalid' },
          { field: 'place', reason: 'tooLong' },
          { field: 'link', reason: 'notHttps' },
        ],
        messages(l),
      ),
  ],
  ['candidate meeting invitation, largest application, place and link', (l) => meetingInvitationCard(biggest, bigMeeting, messages(l))],
  [
    'candidate meetings, a page of the largest teams, every answer',
    (l) => meetingsListCard({ cohortName: hostile, applications: Array.from({ length: MEETINGS_SHOWN }, (_, i) => ({ ...biggest, id: `A-LIST${i}`, meeting: bigMeeting, meetingNotes: [bigNote] })), more: true }, messages(l)),
  ],
  ['application view with the meeting and the most notes', (l) => applicationViewCard({ application: { ...biggest, state: 'inReview', meeting: bigMeeting, meetingNotes: Array.from({ length: MEETING_LIMITS.notes }, () => bigNote) }, cohortName: hostile, managerName: hostile }, messages(l))],
  [
    'recommendation, hostile names, the longest reason, intake opening later',
    (l) =>
      recommendationCard(
        {
          recommendation: { cohortId: 'pilot-1', personId: 'p', personName: hostile, recommenderId: 'm', recommenderName: hostile, reason: fill(REASON_MAX), at: '2026-03-01T10:00:00Z', status: 'open' },
          cohort: { id: 'pilot-1', name: hostile, intakeOpensAt: '2026-04-01T00:00:00Z' },
          opensLater: true,
        },
        messages(l),
      ),
  ],
  ...(['decide', 'readOnly', 'decided', 'closed'] as ApprovalMode[]).map((mode): [string, (l: Locale) => AdaptiveCard] => [
    `manager approval, ${mode}, largest application, escalated, with every error`,
    (l) =>
      approvalCard(
        {
          application: { ...biggest, state: mode === 'closed' ? 'withdrawn' : 'awaitingManager' },
          approval: { memberId: 'p1', memberName: hostile, managerId: 'm', escalatedTo: 'hr', status: mode === 'decided' ? 'declined' : 'pending', requestedAt: '2026-03-01T00:00:00Z', decidedBy: 'm', decidedAt: '2026-03-02T00:00:00Z', reason: fill(LIMITS.reason.max) },
          mode,
          deciderNames: [hostile, hostile],
          managerName: hostile,
          decidedByName: hostile,
          namedByApplicant: { directoryManagerName: hostile },
          viewerIsHr: true,
          reminder: true,
          values: { reason: fill(LIMITS.reason.max), managerEmail: 'x@y.se' },
          errors: Object.fromEntries(['attestPermanent', 'attestOneYear', 'extentPercent', 'leaveStart', 'leaveEnd', 'reason', 'managerEmail'].map((f) => [f, [messages(l).approval.attestRequired]])),
          notice: messages(l).approval.alreadyDecided,
        },
        messages(l),
      ),
  ]),
  [
    'approval list, a full page and more waiting',
    (l) => approvalListCard({ items: Array.from({ length: 25 }, (_, i) => ({ application: { ...biggest, id: `A-${i}` }, approval: { memberId: 'p', memberName: hostile, managerId: 'm', status: 'pending' as const, requestedAt: '2026-03-01T00:00:00Z' } })), more: true }, messages(l)),
  ],
  ['approval list, empty', (l) => approvalListCard({ items: [], more: false }, messages(l))],
  ...(['score', 'recused', 'closed'] as const).map((mode): [string, (l: Locale) => AdaptiveCard] => [
    `jury score card, ${mode}, largest application`,
    (l) =>
      scoreCard(
        {
          application: { ...biggest, state: 'inReview' },
          criteria: DEFAULT_CRITERIA,
          mode,
          values: { c_benefit: '5', comment: fill(LIMITS.reason.max), recuseReason: fill(LIMITS.reason.max) },
          errors: { score: [messages(l).jury.invalidScore], c_boldness: [messages(l).jury.chooseValue], recuseReason: [messages(l).jury.reasonRequired] },
          notice: messages(l).jury.saved,
          own: 4.2,
          jury: { mean: 3.5, count: 4 },
          comments: Array.from({ length: 30 }, (_, i) => ({ juror: `${hostile} ${i}`, comment: fill(LIMITS.reason.max) })),
        },
        messages(l),
      ),
  ]),
  [
    'jury reviews, a full page of many',
    (l) => reviewsCard({ cohortName: hostile, items: Array.from({ length: REVIEWS_PAGE }, (_, i) => ({ application: { ...biggest, id: `A-${i}` }, state: (['todo', 'scored', 'recused'] as const)[i % 3] ?? 'todo' })), left: 9_999, total: 10_000, page: 2, next: 'A-ZZZZZZ' }, messages(l)),
  ],
  ['jury reviews, none', (l) => reviewsCard({ cohortName: 'Pilot 1', items: [], left: 0, total: 0, page: 1 }, messages(l))],
  ...[1, 2].map((page): [string, (l: Locale) => AdaptiveCard] => [
    `ranking, a full page ${page} with ties and missing scores`,
    (l) =>
      rankingCard(
        {
          cohortName: hostile,
          rows: Array.from({ length: RANKING_PAGE }, (_, i) => ({
            application: { ...biggest, id: `A-${String(i).padStart(6, '0')}`, state: 'inReview' as const, ...(i % 4 === 0 ? { selection: { decision: 'selected' as const, feedback: 'x', decidedBy: 'c', decidedAt: '2026-03-01' } } : {}) },
            score: i < 10 ? 5 - i / 20 : null,
            rank: i < 10 ? 9_990 + i : null,
            tiedWith: i % 5 === 0 ? 9_999 : 0,
            scoreCount: i < 10 ? 6 : 1,
            recusalCount: 1,
            spread: 1.5,
            meanSoFar: i < 10 ? 5 - i / 20 : 2.5,
          })),
          quorum: 3,
          normalised: true,
          capacity: 12,
          selectedCount: 15,
          total: 10_000,
          missing: Array.from({ length: 40 }, (_, i) => ({ juror: `${hostile} ${i}`, count: 9_000 + i })),
          page,
          here: { part: 'ranked', page, mean: 4.5, after: 'A-YYYYYY', seen: 15 * (page - 1), tiedBefore: 0 },
          next: { part: 'ranked', page: page + 1, mean: 4.125, after: 'A-ZZZZZZ' },
        },
        messages(l),
      ),
  ]),
  ['selection card', (l) => selectionCard({ application: { ...biggest, state: 'inReview' }, current: { decision: 'waitlisted', feedback: fill(LIMITS.reason.max), decidedBy: 'c', decidedAt: '2026-03-01' }, errors: [messages(l).jury.selection.feedbackRequired], notice: 'x', locked: false }, messages(l))],
  ['selection card, locked', (l) => selectionCard({ application: { ...biggest, state: 'selected' }, locked: true }, messages(l))],
  [
    'selection card with a whole jury: scores per criterion, comments, recusals, the way back',
    (l) =>
      selectionCard(
        {
          application: { ...biggest, state: 'inReview', jury: { verdicts: {}, marks: {}, recused: [], count: 30, mean: 3.5 } },
          locked: false,
          back: { part: 'ranked', page: 9_999, mean: 4.125, after: 'A-ZZZZZZ', seen: 149_985, tiedBefore: 3 },
          jury: {
            criteria: DEFAULT_CRITERIA,
            quorum: 3,
            scores: Array.from({ length: 30 }, (_, i) => ({ juror: `${hostile} ${i}`, values: { benefit: 5, boldness: 4, applicability: 3, feasibility: 2, drive: 1 }, verdict: 3, comment: fill(LIMITS.reason.max) })),
            recused: Array.from({ length: 10 }, (_, i) => `${hostile} ${i}`),
          },
        },
        messages(l),
      ),
  ],
  [
    'confirmation before a lock, with forty jurors behind',
    (l) =>
      confirmationCard(
        {
          title: messages(l).jury.confirm.lockTitle(hostile),
          warnings: [messages(l).jury.confirm.lockBehind, Array.from({ length: 40 }, (_, i) => messages(l).jury.ranking.missing(`${hostile} ${i}`, 9_000 + i)).join('\n\n')],
          lines: [messages(l).jury.confirm.lockFinal, messages(l).jury.confirm.lockTold],
          confirm: { label: messages(l).jury.confirm.lockConfirm, verb: VERBS.juryRoundLock, data: { cohortId: 'pilot-1' } },
        },
        messages(l),
      ),
  ],
  ['confirmation, nothing to confirm', (l) => confirmationCard({ title: messages(l).jury.confirm.selectionTitle('Pilot 1'), lines: [messages(l).jury.confirm.selectionAlready] }, messages(l))],
  ['cohort card, new', (l) => cohortCard({}, messages(l))],
  ['cohort card, edit with every error', (l) => cohortCard({ cohort: { ...demoCohort(new Date('2026-03-01T00:00:00Z')), name: hostile }, values: { name: fill(80) }, errors: Object.fromEntries(['name', 'intakeOpensOn', 'intakeClosesOn', 'programmeStartsOn', 'capacity', 'budgetKr', 'quorum'].map((f) => [f, [messages(l).programme.cohortCard.invalid]])) }, messages(l))],
  ['gate list of thirty', (l) => gateListCard(Array.from({ length: 35 }, (_, i) => ({ ...biggest, id: `A-${i}`, state: 'phase1' as const })), messages(l))],
  ['gate list, empty', (l) => gateListCard([], messages(l))],
  ['gate card with forty teams', (l) => gateCard({ application: { ...biggest, state: 'phase1' }, teams: Array.from({ length: 40 }, (_, i) => ({ ...biggest, id: `A-${i}` })), values: { outcome: 'joinOtherTeam' }, errors: { joinedApplicationId: [messages(l).programme.gate.teamRequired] } }, messages(l))],
  ['gate card, decided', (l) => gateCard({ application: { ...biggest, state: 'continuing' }, teams: [], notice: 'x' }, messages(l))],
  ['outcome card', (l) => outcomeCard({ application: { ...biggest, state: 'phase3' }, values: { kind: 'handedToLine', receivingAdministration: fill(LIMITS.administration.max) }, errors: { kind: [messages(l).programme.outcome.kindRequired], receivingAdministration: [messages(l).programme.outcome.administrationRequired], ipOwner: [messages(l).programme.outcome.ipRequired] } }, messages(l))],
  ['outcome card, final', (l) => outcomeCard({ application: { ...biggest, state: 'spunOut' }, notice: messages(l).programme.outcome.saved }, messages(l))],
  ...(['pending', 'approved'] as const).map((status): [string, (l: Locale) => AdaptiveCard] => [
    `expense card, ${status}`,
    (l) => expenseCard({ application: biggest, expense: { id: 'U-1', ore: 123_456_78, description: fill(200), status, reportedBy: 'p', reportedAt: '2026-03-01' }, ledgerLine: messages(l).programme.expense.ledger('50 000 kr', '1 kr', '2 kr', '3 kr'), errors: [messages(l).approval.reasonRequired] }, messages(l)),
  ]),
  [
    'application list, a full page of ten thousand',
    (l) => applicationListCard({ cohortName: hostile, applications: Array.from({ length: APPLICATIONS_PAGE }, (_, i) => ({ ...biggest, id: `A-${i}` })), total: 10_000, page: 2, pageSize: APPLICATIONS_PAGE, filter: 'antagen', next: 'A-ZZZZZZ' }, messages(l)),
  ],
  ['statistics for all eleven municipalities', (l) => statisticsCard(allEleven, messages(l))],
  ['statistics, before any budget', (l) => statisticsCard({ ...allEleven, rows: allEleven.rows.map((r) => ({ ...r, budget: { allocated: 0, approved: 0, pending: 0 } })), total: { ...allEleven.total, budget: { allocated: 0, approved: 0, pending: 0 } } }, messages(l))],
  ['statistics, none', (l) => statisticsCard({ ...allEleven, rows: [] }, messages(l))],
  ['report for all eleven municipalities, three follow-up rounds (one below three answers), with a tab link', (l) => reportCard(elevenReport, messages(l), 'https://teams.microsoft.com/l/entity/app/report?context=%7B%7D')],
  ['report, nothing yet', (l) => reportCard({ cohortName: hostile, rows: [], total: reportLine(undefined, 0), followUp: [] }, messages(l))],
  ['follow-up, default questions', (l) => followUpCard({ cohortId: 'pilot-1', cohortName: hostile, round: 'phase1', questions: messages(l).followUp.defaultQuestions, reminder: false }, messages(l))],
  ['follow-up reminder, four long own questions', (l) => followUpCard({ cohortId: 'pilot-1', cohortName: 'Pilot 1', round: 'outcome', questions: [hostile, long.slice(0, 200), 'Tre?', 'Fyra?'], reminder: true }, messages(l))],
  ['application view, every part', (l) => applicationViewCard({ application: { ...biggest, state: 'phase3' }, cohortName: hostile, managerName: hostile, mentorName: hostile, sponsorName: hostile }, messages(l))],
  ['participants, a full card of teams with expenses waiting', (l) => participantsCard({ cohortName: hostile, scope: hostile, teams: Array.from({ length: PARTICIPANTS_SHOWN }, (_, i) => ({ ...biggest, id: `A-${i}`, state: 'phase1' as const, budget: { teamId: `A-${i}`, allocatedOre: 250_000_00, expenses: Array.from({ length: 8 }, (_, k) => ({ id: `U-${k}`, ore: 1_000_00, description: fill(200), status: 'pending' as const, reportedBy: 'p', reportedAt: '2026-03-01' })) } })), total: 40 }, messages(l))],
  ['participants, none', (l) => participantsCard({ cohortName: 'Pilot 1', scope: 'Bjuv', teams: [], total: 0 }, messages(l))],
  ['phase start confirmation', (l) => phaseStartCard({ cohortName: hostile, phase: 1, teams: 12, people: 40 }, messages(l))],
  ['audit log of sixty events', (l) => auditLogCard(biggest, Array.from({ length: 80 }, (_, i) => ({ id: `e${i}`, applicationId: biggest.id, cohortId: biggest.cohortId, at: '2026-03-01T10:00:00Z', actorId: 'x', actorKind: 'coordinator' as const, action: 'withdraw' as const, fromState: null, toState: 'draft' as const, reason: fill(300) })), { x: hostile }, messages(l))],
);

/**
 * Universal Actions need a verb, and each button needs an Action.Submit fallback with the same data for mobile.
 * The `refresh` action is not a button (a client without Universal Actions simply shows the card as sent).
 */
function actionProblems(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => actionProblems(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Execute') {
      const fb = o.fallback as Record<string, unknown> | undefined;
      if (typeof o.verb !== 'string' || !o.verb) out.push('Action.Execute without verb');
      if (!fb || fb.type !== 'Action.Submit') out.push(`Action.Execute ${String(o.verb)} without Action.Submit fallback`);
      else if (JSON.stringify(fb.data) !== JSON.stringify(o.data)) out.push(`fallback data differs for ${String(o.verb)}`);
    }
    Object.entries(o).forEach(([k, v]) => {
      if (k !== 'refresh') actionProblems(v, out);
    });
  }
  return out;
}

describe.each(['sv', 'en'] as const)('cards in %s', (locale) => {
  it.each(cards)('%s validates as Adaptive Card 1.5 and stays under 28 KB', (_name, make) => {
    const json = make(locale);
    expect(cardProblems(json)).toEqual([]);
    expect(actionProblems(json)).toEqual([]);
    expect(cardBytes(json)).toBeLessThan(MAX_CARD_BYTES);
  });
});

describe('the validator itself', () => {
  it('reports a card that is not valid 1.5', () => {
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x', size: 'Enormous' }] })).not.toEqual([]);
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.6', body: [] })).toContain('version is not 1.5');
    expect(actionProblems({ actions: [{ type: 'Action.Execute', verb: 'x', data: { verb: 'x' } }] })).toEqual(['Action.Execute x without Action.Submit fallback']);
  });
});

describe('plain(): user text cannot format, link or mention', () => {
  it.each([
    ['[klicka här](https://example.org) **VIKTIGT**', '\\[klicka här\\](https\u200B://example.org) \\*\\*VIKTIGT\\*\\*'],
    ['<at>Alla</at>', '\\<at\\>Alla\\</at\\>'],
    ['# Rubrik', '\\# Rubrik'],
    ['- punkt\n1. nummer', '\\- punkt\n\\1. nummer'],
    ['besök www.example.org', 'besök www\u200B.example.org'],
    ['`kod` _kursiv_ ~~struken~~ | tabell', '\\`kod\\` \\_kursiv\\_ \\~\\~struken\\~\\~ \\| tabell'],
    ['Åsa i Ängelholm, 3.5 mil från Örkelljunga.', 'Åsa i Ängelholm, 3.5 mil från Örkelljunga.'],
  ])('%j', (input, expected) => {
    expect(plain(input)).toBe(expected);
  });
});

describe('the card for a failed card action', () => {
  it('offers the same click again, with its verb and data, unless that would make the card heavy', () => {
    const small = actionFailedCard({ correlationId: '1a2b3c4d', retry: { verb: VERBS.approvalDecide, data: { applicationId: 'A-7K3QX2', cohortId: 'pilot-1', decision: 'approve' } } }, messages('sv'));
    expect(small.actions).toEqual([expect.objectContaining({ type: 'Action.Execute', title: 'Försök igen', verb: VERBS.approvalDecide, data: { applicationId: 'A-7K3QX2', cohortId: 'pilot-1', decision: 'approve', verb: VERBS.approvalDecide } })]);
    const large = actionFailedCard({ correlationId: '1a2b3c4d', retry: { verb: VERBS.intakeSave, data: { description: long.repeat(4) } } }, messages('en'));
    expect(large.actions).toBeUndefined();
    expect(JSON.stringify(large)).toContain('error code 1a2b3c4d');
  });
});

describe('counts on the intake’s and the approval’s cards, with 0, 1 and 2 in both languages (issue 13, plurals)', () => {
  const listOf = (n: number) => ({
    items: Array.from({ length: n }, (_, i) => ({ application: { ...biggest, id: `A-${i}` }, approval: { memberId: 'p1', memberName: 'Sara', managerId: 'm', status: 'pending' as const, requestedAt: '2026-03-01T00:00:00Z' } })),
    more: true,
  });
  it.each([
    [0, 'sv', 'Här är de 0 ansökningar som har väntat längst.'],
    [1, 'sv', 'Här är den 1 ansökan som har väntat längst.'],
    [2, 'sv', 'Här är de 2 ansökningar som har väntat längst.'],
    [0, 'en', 'Here are the 0 applications that have waited longest.'],
    [1, 'en', 'Here is the 1 application that has waited longest.'],
    [2, 'en', 'Here are the 2 applications that have waited longest.'],
  ] as const)('att godkänna with %i shown, more waiting (%s)', (n, l, expected) => {
    // With none shown the card says nothing waits; the sentence itself still counts right.
    if (n > 0) expect(JSON.stringify(approvalListCard(listOf(n), messages(l)))).toContain(expected);
    expect(messages(l).approval.list.more(n)).toContain(expected);
  });
  it.each([
    [0, 'sv', 'bjudit in 0 olika personer'],
    [1, 'sv', 'bjudit in 1 person'],
    [2, 'sv', 'bjudit in 2 olika personer'],
    [0, 'en', 'invited 0 different people'],
    [1, 'en', 'invited 1 person'],
    [2, 'en', 'invited 2 different people'],
  ] as const)('the invitations already sent, %i (%s)', (n, l, expected) => {
    const text = messages(l).intake.fieldErrors.tooManyInvitations({ invited: String(n), max: '8' });
    expect(text).toContain(expected);
    expect(JSON.stringify(intakeStepCard({ ...stepData(l, 'leave'), errors: { coApplicants: [text] } }, messages(l)))).toContain(expected);
  });
});
