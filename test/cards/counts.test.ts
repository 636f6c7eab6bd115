import type { AdaptiveCard } from '../../src/adapters/cards/card-kit';
import { cohortsCard } from '../../src/adapters/cards/cohorts.card';
import { meetingsListCard, NOTES_SHOWN } from '../../src/adapters/cards/candidate-meeting.cards';
import { applicationListCard, applicationViewCard, auditLogCard, LOG_SHOWN, participantsCard, phaseStartCard, statisticsCard } from '../../src/adapters/cards/programme.cards';
import type { Application } from '../../src/domain/application';
import type { AuditEvent } from '../../src/domain/audit-event';
import { funnelOf } from '../../src/domain/funnel';
import { messages, type Locale } from '../../src/i18n';
import { demoCohort } from '../../src/demo/demo';
import { cardTexts } from '../helpers/teams-client';

/**
 * Issue 13, must-show 3: every card that shows a count, rendered with 0, 1 and 2 in both languages, says each
 * count with the noun form the language wants ("1 ansökan", "2 ansökningar", "1 application", "0 applications").
 */

const application: Application = {
  id: 'A-COUNT1',
  cohortId: 'pilot-1',
  applicantId: 'p',
  applicantName: 'Sara Lindqvist',
  state: 'phase1',
  step: 'review',
  idea: { title: 'Idén', problem: 'Ett problem.', description: 'En idé.' },
  coApplicants: [],
  approvals: [],
  deciderIds: [],
  createdAt: '2026-03-01T00:00:00Z',
  updatedAt: '2026-03-01T00:00:00Z',
};
const cohort = demoCohort(new Date('2026-03-01T00:00:00Z'));
const event = (i: number): AuditEvent => ({ id: `e${i}`, applicationId: application.id, cohortId: 'pilot-1', at: '2026-03-01T10:00:00Z', actorId: 'p', actorKind: 'applicant', action: 'submit', fromState: 'draft', toState: 'awaitingManager' });

const text = (card: AdaptiveCard) => cardTexts(card).join('\n');

/** [card, what it shows for n, and what it must say in Swedish and English for 0, 1 and 2]. */
const COUNTED: [string, (n: number, l: Locale) => AdaptiveCard, Record<Locale, [string, string, string]>][] = [
  [
    'cohorts: the places',
    (n, l) => cohortsCard({ cohorts: [{ id: 'pilot-1', name: 'Pilot 1', intake: 'closed', intakeOpensAt: cohort.intakeOpensAt, intakeClosesAt: cohort.intakeClosesAt, capacity: n }] }, messages(l)),
    { sv: ['Plats för 0 deltagare.', 'Plats för 1 deltagare.', 'Plats för 2 deltagare.'], en: ['Room for 0 participants.', 'Room for 1 participant.', 'Room for 2 participants.'] },
  ],
  [
    'phase start confirmation: the applications that move on',
    (n, l) => phaseStartCard({ cohortName: 'Pilot 1', phase: 2, teams: n, people: 5 }, messages(l)),
    { sv: ['0 ansökningar går vidare', '1 ansökan går vidare', '2 ansökningar går vidare'], en: ['0 applications move on', '1 application moves on', '2 applications move on'] },
  ],
  [
    'phase start confirmation: the people told',
    (n, l) => phaseStartCard({ cohortName: 'Pilot 1', phase: 2, teams: 3, people: n }, messages(l)),
    { sv: ['0 personer får besked', '1 person får besked', '2 personer får besked'], en: ['0 people are told', '1 person is told', '2 people are told'] },
  ],
  [
    'application view: the jury so far',
    (n, l) => applicationViewCard({ application: { ...application, jury: { verdicts: {}, marks: {}, recused: [], count: n, mean: 3.5 } }, cohortName: 'Pilot 1', managerName: 'Johan' }, messages(l)),
    { sv: ['Inga bedömningar ännu', '1 bedömning, medelvärde 3,50', '2 bedömningar, medelvärde 3,50'], en: ['No scores yet', '1 score, mean 3.50', '2 scores, mean 3.50'] },
  ],
  [
    'log: the events beyond what is shown',
    (n, l) => auditLogCard(application, Array.from({ length: LOG_SHOWN + n }, (_, i) => event(i)), {}, messages(l)),
    { sv: ['', `Visar de ${LOG_SHOWN} senaste av ${LOG_SHOWN + 1} händelser.`, `Visar de ${LOG_SHOWN} senaste av ${LOG_SHOWN + 2} händelser.`], en: ['', `Showing the latest ${LOG_SHOWN} of ${LOG_SHOWN + 1} events.`, `Showing the latest ${LOG_SHOWN} of ${LOG_SHOWN + 2} events.`] },
  ],
  [
    'statistics: drafts and withdrawn beside the funnel',
    (n, l) => statisticsCard({ cohort, rows: [{ municipality: 'Bjuv', funnel: funnelOf({ draft: n, withdrawn: n, inReview: 1 }), budget: { allocated: 0, approved: 0, pending: 0 } }], total: { municipality: '', funnel: funnelOf({ draft: n, withdrawn: n, inReview: 1 }), budget: { allocated: 0, approved: 0, pending: 0 } }, waitingManagers: n, jurorsBehind: n, recommended: n }, messages(l)),
    {
      sv: ['Väntar på chefens beslut: 0', 'Dessutom: 1 påbörjad ansökan som inte har skickats, och 1 tillbakadragen.', 'Dessutom: 2 påbörjade ansökningar som inte har skickats, och 2 tillbakadragna.'],
      en: ["Waiting for the manager's decision: 0", 'Besides: 1 started application not sent, and 1 withdrawn.', 'Besides: 2 started applications not sent, and 2 withdrawn.'],
    },
  ],
  [
    'statistics: applications sent after a recommendation',
    (n, l) => statisticsCard({ cohort, rows: [{ municipality: 'Bjuv', funnel: funnelOf({ inReview: 1 }), budget: { allocated: 0, approved: 0, pending: 0 } }], total: { municipality: '', funnel: funnelOf({ inReview: 1 }), budget: { allocated: 0, approved: 0, pending: 0 } }, waitingManagers: 0, jurorsBehind: 0, recommended: n }, messages(l)),
    {
      sv: ['Efter rekommendation: 0 skickade ansökningar till Pilot 1.', 'Efter rekommendation: 1 skickad ansökan till Pilot 1.', 'Efter rekommendation: 2 skickade ansökningar till Pilot 1.'],
      en: ['After a recommendation: 0 applications sent to Pilot 1.', 'After a recommendation: 1 application sent to Pilot 1.', 'After a recommendation: 2 applications sent to Pilot 1.'],
    },
  ],
  [
    'candidate meetings: the notes of an application',
    (n, l) => meetingsListCard({ cohortName: 'Pilot 1', applications: [{ ...application, state: 'inReview', meeting: { id: 'M-1', at: '2026-04-01T11:30:00.000Z', place: 'Stadshuset', invitedBy: 'c', invitedAt: '2026-03-01T10:00:00.000Z', answers: [] }, meetingNotes: Array.from({ length: n }, () => ({ at: '2026-04-01T14:00:00.000Z', by: 'c', byName: 'Erik', text: 'Bra.' })) }], more: false }, messages(l)),
    { sv: ['Stadshuset\n', 'Stadshuset · 1 anteckning', 'Stadshuset · 2 anteckningar'], en: ['Stadshuset\n', 'Stadshuset · 1 note', 'Stadshuset · 2 notes'] },
  ],
  [
    'application view: earlier notes beyond what is shown',
    (n, l) => applicationViewCard({ application: { ...application, meetingNotes: Array.from({ length: NOTES_SHOWN + n }, () => ({ at: '2026-04-01T14:00:00.000Z', by: 'c', byName: 'Erik', text: 'Bra.' })) }, cohortName: 'Pilot 1', managerName: 'Johan' }, messages(l)),
    { sv: ['Anteckningar från mötet', 'och 1 tidigare anteckning', 'och 2 tidigare anteckningar'], en: ['Notes from the meeting', 'and 1 earlier note', 'and 2 earlier notes'] },
  ],
  [
    'participants: the teams beyond what is shown',
    (n, l) => participantsCard({ cohortName: 'Pilot 1', scope: 'Bjuv', teams: n === 0 ? [] : [application], total: n }, messages(l)),
    { sv: ['Inga team är med i programmet just nu.', 'Deltagare i Bjuv, Pilot 1', 'Visar 1 av 2 team.'], en: ['No team is in the programme right now.', 'Participants in Bjuv, Pilot 1', 'Showing 1 of 2 teams.'] },
  ],
  [
    'application list: how many match',
    (n, l) => applicationListCard({ cohortName: 'Pilot 1', applications: [], total: n, page: 1, pageSize: 20, filter: '' }, messages(l)),
    { sv: ['Ansökningar i Pilot 1 (0)', 'Ansökningar i Pilot 1 (1)', 'Ansökningar i Pilot 1 (2)'], en: ['Applications in Pilot 1 (0)', 'Applications in Pilot 1 (1)', 'Applications in Pilot 1 (2)'] },
  ],
];

describe('every count on a card is said with the right plural, for 0, 1 and 2, in both languages', () => {
  it.each(COUNTED.flatMap(([name, render, expected]) => (['sv', 'en'] as const).flatMap((l) => [0, 1, 2].map((n) => [name, l, n, render, expected[l][n]] as const))))(
    '%s (%s, %i)',
    (_name, l, n, render, expected) => {
      const shown = text(render(n, l));
      expect(shown).toContain(expected);
      // The wrong form beside a count, in either direction: "1 ansökningar", "2 ansökan", "1 applications".
      for (const wrong of l === 'sv' ? [/\b1 (ansökningar|bedömningar|personer|händelser|påbörjade)\b/, /\b[02-9] (ansökan|bedömning|person|händelse|påbörjad)\b/] : [/\b1 (applications|scores|people|events|participants|teams)\b/, /\b[02-9] (application|score|person|event|participant|team)\b/]) {
        expect(shown).not.toMatch(wrong);
      }
    },
  );
});
