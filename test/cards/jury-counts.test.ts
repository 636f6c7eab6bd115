import { rankingCard, reviewsCard, scoreCard, selectionCard } from '../../src/adapters/cards/jury.cards';
import { messages, type Locale } from '../../src/i18n';
import { DEFAULT_CRITERIA } from '../../src/domain/scoring';
import type { RankingRowView } from '../../src/use-cases/jury/ranking';
import { anApplication } from '../builders/application.builder';
import { readable } from '../helpers/teams-client';

/**
 * Issue 13, defect 12 (the jury's part): every jury card and answer that shows a count, rendered with 0, 1 and 2 in both
 * languages, with the plural form the language asks for.
 */

const application = anApplication({ id: 'A-COUNT1', state: 'inReview', applicantName: 'Sara Lindqvist' });
const row = (n: number, ranked: boolean): RankingRowView => ({
  application: { ...application, jury: { verdicts: {}, marks: {}, recused: [], count: n, mean: 3.5 } },
  score: ranked ? 3.5 : null,
  rank: ranked ? 1 : null,
  tiedWith: 0,
  scoreCount: n,
  recusalCount: n,
  spread: null,
  meanSoFar: n > 0 ? 3.5 : null,
});

type Case = [number, string, string];
const each = (name: string, cases: readonly Case[], render: (n: number, l: Locale) => string) =>
  describe(name, () => {
    it.each(cases)('%i: %s / %s', (n, sv, en) => {
      expect(render(n, 'sv')).toContain(sv);
      expect(render(n, 'en')).toContain(en);
    });
  });

describe('defect 12: jury counts in both languages, 0, 1 and 2', () => {
  each(
    'the ranking: its title, a ranked row, an unranked row, the places and what is missing',
    [
      [0, '(0 ansökningar)', '(0 applications)'],
      [1, '(1 ansökan)', '(1 application)'],
      [2, '(2 ansökningar)', '(2 applications)'],
    ],
    (n, l) => readable(rankingCard({ cohortName: 'Pilot 1', rows: [], quorum: 3, normalised: false, capacity: 12, selectedCount: 0, total: n, missing: [], page: 1, here: { page: 1 } }, messages(l))),
  );
  each(
    'a ranked row with 0, 1 or 2 scores and recusals',
    [
      [0, '#1 · 3,50 poäng · spridning – · 0 bedömningar · 0 avstår', '#1 · 3.50 points · spread – · 0 scores · 0 standing aside'],
      [1, '#1 · 3,50 poäng · spridning – · 1 bedömning · 1 avstår', '#1 · 3.50 points · spread – · 1 score · 1 standing aside'],
      [2, '#1 · 3,50 poäng · spridning – · 2 bedömningar · 2 avstår', '#1 · 3.50 points · spread – · 2 scores · 2 standing aside'],
    ],
    (n, l) => readable(rankingCard({ cohortName: 'Pilot 1', rows: [row(n, true)], quorum: 1, normalised: false, capacity: 12, selectedCount: 0, total: 1, missing: [], page: 1, here: { page: 1 } }, messages(l))),
  );
  each(
    'an unranked row under a quorum of 3 (the quorum decides the noun), with 0, 1 or 2 scores so far',
    [
      [0, 'Inte rangordnad än: 0 av minst 3 bedömningar', 'Not ranked yet: 0 of at least 3 scores'],
      [1, 'Inte rangordnad än: 1 av minst 3 bedömningar · medelvärde hittills 3,50', 'Not ranked yet: 1 of at least 3 scores · mean so far 3.50'],
      [2, 'Inte rangordnad än: 2 av minst 3 bedömningar · medelvärde hittills 3,50', 'Not ranked yet: 2 of at least 3 scores · mean so far 3.50'],
    ],
    (n, l) => readable(rankingCard({ cohortName: 'Pilot 1', rows: [row(n, false)], quorum: 3, normalised: false, capacity: 12, selectedCount: 0, total: 1, missing: [], page: 1, here: { page: 1 } }, messages(l))),
  );
  each(
    'a quorum of one',
    [
      [0, 'Inte rangordnad än: 0 av minst 1 bedömning', 'Not ranked yet: 0 of at least 1 score'],
      [1, '· 1 bedömning ·', '· 1 score ·'],
      [2, '· 2 bedömningar ·', '· 2 scores ·'],
    ],
    (n, l) => readable(rankingCard({ cohortName: 'Pilot 1', rows: [row(n, n > 0)], quorum: 1, normalised: false, capacity: 12, selectedCount: 0, total: 1, missing: [], page: 1, here: { page: 1 } }, messages(l))),
  );
  each(
    'the places and who has scores left',
    [
      [0, 'Antagna: 0 av 0 platser.', 'Selected: 0 of 0 places.'],
      [1, 'Antagna: 1 av 1 plats.', 'Selected: 1 of 1 place.'],
      [2, 'Antagna: 2 av 2 platser.', 'Selected: 2 of 2 places.'],
    ],
    (n, l) => readable(rankingCard({ cohortName: 'Pilot 1', rows: [], quorum: 3, normalised: false, capacity: n, selectedCount: n, total: 0, missing: [{ juror: 'Lena Holm', count: n }], page: 1, here: { page: 1 } }, messages(l))),
  );
  each(
    'over capacity',
    [
      [0, 'Obs! 1 antagna, men det finns bara 0 platser.', 'Note: 1 selected, but there are only 0 places.'],
      [1, 'Obs! 2 antagna, men det finns bara 1 plats.', 'Note: 2 selected, but there is only 1 place.'],
      [2, 'Obs! 3 antagna, men det finns bara 2 platser.', 'Note: 3 selected, but there are only 2 places.'],
    ],
    (n, l) => readable(rankingCard({ cohortName: 'Pilot 1', rows: [], quorum: 3, normalised: false, capacity: n, selectedCount: n + 1, total: 0, missing: [], page: 1, here: { page: 1 } }, messages(l))),
  );
  each(
    "a juror's list: their progress",
    [
      [0, 'Bedömda: 0 av 2. Kvar att bedöma: 2.', 'Scored: 0 of 2. Left to score: 2.'],
      [1, 'Bedömda: 1 av 2. Kvar att bedöma: 1.', 'Scored: 1 of 2. Left to score: 1.'],
      [2, 'Bedömda: 2 av 2. Kvar att bedöma: 0.', 'Scored: 2 of 2. Left to score: 0.'],
    ],
    (n, l) => readable(reviewsCard({ cohortName: 'Pilot 1', items: [{ application, state: 'todo' }], left: 2 - n, total: 2, page: 1 }, messages(l))),
  );
  each(
    "a juror's card: the mean so far, theirs included",
    [
      [0, 'Medelvärde hittills: 3,50 (0 bedömningar, din egen medräknad).', 'Mean so far: 3.50 (0 scores, yours included).'],
      [1, 'Medelvärde hittills: 3,50 (1 bedömning, din egen medräknad).', 'Mean so far: 3.50 (1 score, yours included).'],
      [2, 'Medelvärde hittills: 3,50 (2 bedömningar, din egen medräknad).', 'Mean so far: 3.50 (2 scores, yours included).'],
    ],
    (n, l) => readable(scoreCard({ application, criteria: DEFAULT_CRITERIA, mode: 'closed', own: 3.5, jury: { mean: 3.5, count: n } }, messages(l))),
  );
  each(
    "the decision card: the jury's scores against the quorum",
    [
      [0, '0 av minst 3 bedömningar (inte rangordnad än)', '0 of at least 3 scores (not ranked yet)'],
      [1, '1 av minst 3 bedömningar, medelvärde 3,50 (inte rangordnad än)', '1 of at least 3 scores, mean 3.50 (not ranked yet)'],
      [2, '2 av minst 3 bedömningar, medelvärde 3,50 (inte rangordnad än)', '2 of at least 3 scores, mean 3.50 (not ranked yet)'],
    ],
    (n, l) => readable(selectionCard({ application: row(n, false).application, locked: false, jury: { criteria: DEFAULT_CRITERIA, quorum: 3, scores: [], recused: [] } }, messages(l))),
  );
  each(
    'the answers and the confirmation cards',
    [
      [0, '0 ansökningar går till juryn', '0 applications go to the jury'],
      [1, '1 ansökan går till juryn', '1 application goes to the jury'],
      [2, '2 ansökningar går till juryn', '2 applications go to the jury'],
    ],
    (n, l) => messages(l).jury.commands.opened(n),
  );
  each(
    'reminders',
    [
      [0, 'Alla i juryn har bedömt allt.', 'Every jury member has scored everything.'],
      [1, '1 jurymedlem har fått en påminnelse.', '1 jury member has been reminded.'],
      [2, '2 jurymedlemmar har fått en påminnelse.', '2 jury members have been reminded.'],
    ],
    (n, l) => messages(l).jury.commands.reminded(n),
  );
  each(
    'the selection locked',
    [
      [0, 'Urvalet är låst. 0 meddelanden skickas', 'The selection is locked. 0 messages go'],
      [1, 'Urvalet är låst. 1 meddelande skickas', 'The selection is locked. 1 message goes'],
      [2, 'Urvalet är låst. 2 meddelanden skickas', 'The selection is locked. 2 messages go'],
    ],
    (n, l) => messages(l).jury.commands.selectionLocked(n),
  );
  each(
    'who is told at the selection lock',
    [
      [0, '0 chefer och 0 HR-ansvariga får besked', '0 managers and 0 HR contacts are told'],
      [1, '1 chef och 1 HR-ansvarig får besked', '1 manager and 1 HR contact are told'],
      [2, '2 chefer och 2 HR-ansvariga får besked', '2 managers and 2 HR contacts are told'],
    ],
    (n, l) => messages(l).jury.confirm.selectionLine(n, n),
  );
  each(
    'what opening the round moves and tells',
    [
      [0, 'Just nu finns inga godkända ansökningar som väntar på juryn. 0 jurymedlemmar får', 'No approved applications are waiting for the jury right now. 0 jury members are told'],
      [1, '1 godkänd ansökan går till juryn. 1 jurymedlem får', '1 approved application goes to the jury. 1 jury member is told'],
      [2, '2 godkända ansökningar går till juryn. 2 jurymedlemmar får', '2 approved applications go to the jury. 2 jury members are told'],
    ],
    (n, l) => `${messages(l).jury.confirm.openApplications(n)} ${messages(l).jury.confirm.openJurors(n)}`,
  );
  each(
    'undecided at the selection lock, and more comments than fit',
    [
      [0, '0 ansökningar i juryrundan saknar beslut', '0 applications in the jury round have no decision and are told nothing now. 0 more comments do not fit here.'],
      [1, '1 ansökan i juryrundan saknar beslut', '1 application in the jury round has no decision and is told nothing now. 1 more comment does not fit here.'],
      [2, '2 ansökningar i juryrundan saknar beslut', '2 applications in the jury round have no decision and are told nothing now. 2 more comments do not fit here.'],
    ],
    (n, l) => `${messages(l).jury.confirm.selectionUndecided(n)} ${messages(l).jury.moreComments(n)}`,
  );
});
