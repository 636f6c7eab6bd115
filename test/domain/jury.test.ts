import type { Application } from '../../src/domain/application';
import { ADMITTED_STATES, jurorRefusal, RANKED_STATES, repeatsSelection, reviewStateOf, scoresSeenBy, SELECTION_STATES, type ReviewState } from '../../src/domain/jury';
import { withRecusal, withVerdict } from '../../src/domain/tally';
import { anApplication } from '../builders/application.builder';

describe('reviewStateOf: where an application stands for one juror, from its jury summary', () => {
  const mine = anApplication({ id: 'A', applicantId: 'j1' });
  const coApplied = anApplication({ id: 'B', coApplicants: [{ personId: 'j1', name: 'J1', status: 'confirmed', invitedAt: '2026-03-01T09:00:00.000Z' }] });
  const declined = anApplication({ id: 'C', coApplicants: [{ personId: 'j1', name: 'J1', status: 'declined', invitedAt: '2026-03-01T09:00:00.000Z' }] });
  const plain = anApplication({ id: 'D' });
  const other = anApplication({ id: 'E' });
  const list = [mine, coApplied, declined, plain, other];
  const scored = (a: Application, jurorId: string) => ({ ...a, jury: withVerdict(a.jury, jurorId, 4, 'm') });
  const recused = (a: Application, jurorId: string) => ({ ...a, jury: withRecusal(a.jury, jurorId) });

  it.each<[string, (a: Application) => Application, ReviewState[]]>([
    ['nothing done: a conflict is recused, the rest to do', (a) => a, ['recused', 'recused', 'todo', 'todo', 'todo']],
    ['a score', (a) => (a.id === 'D' ? scored(a, 'j1') : a), ['recused', 'recused', 'todo', 'scored', 'todo']],
    ['a recusal by hand', (a) => (a.id === 'E' ? recused(a, 'j1') : a), ['recused', 'recused', 'todo', 'todo', 'recused']],
    ['a recusal after a score takes the score back', (a) => (a.id === 'E' ? recused(scored(a, 'j1'), 'j1') : a), ['recused', 'recused', 'todo', 'todo', 'recused']],
    ['a conflict wins over a score', (a) => (a.id === 'A' ? scored(a, 'j1') : a), ['recused', 'recused', 'todo', 'todo', 'todo']],
    ['other jurors do not count', (a) => (a.id === 'E' ? recused(a, 'j2') : a.id === 'D' ? scored(a, 'j2') : a), ['recused', 'recused', 'todo', 'todo', 'todo']],
  ])('%s', (_name, change, expected) => {
    expect(list.map((a) => reviewStateOf(change(a), 'j1'))).toEqual(expected);
  });
});

describe("scoresSeenBy (defect 15): the jury's mean with one's own score and the others' comments, only after one's own", () => {
  const a = anApplication({ jury: { verdicts: { j1: 4, j2: 2, j3: 5 }, marks: {}, recused: ['j4'], count: 3, mean: 3.667 } });
  it.each<[string, Application, string, ReturnType<typeof scoresSeenBy>]>([
    ['nothing before scoring', a, 'j9', {}],
    ['nothing for a juror who stands aside', a, 'j4', {}],
    ['nothing on an application nobody scored', anApplication(), 'j1', {}],
    ['defect 15: own, the mean of every score including their own, and whose comments to read', a, 'j2', { own: 2, jury: { mean: 3.667, count: 3 }, others: ['j1', 'j3'] }],
    ['own alone when nobody else scored: the mean is their own', anApplication({ jury: { verdicts: { j1: 3 }, marks: {}, recused: [], count: 1, mean: 3 } }), 'j1', { own: 3, jury: { mean: 3, count: 1 }, others: [] }],
  ])('%s', (_name, application, jurorId, expected) => {
    expect(scoresSeenBy(application, jurorId)).toEqual(expected);
  });
});

describe('jurorRefusal: who may score what, and when', () => {
  const cohort = { id: 'c', name: 'c', intakeOpensAt: '', intakeClosesAt: '', programmeStartsOn: '', capacity: 1, budgetPerParticipantOre: 0, jurorIds: ['j1'], mentorIds: [], sponsorIds: [] };
  it.each<[string, Partial<typeof cohort> & { juryRound?: 'open' | 'locked'; selectionLockedAt?: string }, Application['state'], string, string | null]>([
    ['in review, round open', { juryRound: 'open' }, 'inReview', 'j1', null],
    ['decided before the round is locked: the jury may still score it', { juryRound: 'open' }, 'selected', 'j1', null],
    ['waitlisted, round open', { juryRound: 'open' }, 'waitlisted', 'j1', null],
    ['approved, not yet in the round', { juryRound: 'open' }, 'approved', 'j1', 'ROUND_NOT_OPEN'],
    ['moved on to phase 1', { juryRound: 'open' }, 'phase1', 'j1', 'ROUND_NOT_OPEN'],
    ['round not open', {}, 'inReview', 'j1', 'ROUND_NOT_OPEN'],
    ['round locked', { juryRound: 'locked' }, 'inReview', 'j1', 'ROUND_LOCKED'],
    ['selection locked', { juryRound: 'open', selectionLockedAt: '2026-05-01T00:00:00Z' }, 'selected', 'j1', 'ROUND_LOCKED'],
    ['not on the jury', { juryRound: 'open' }, 'inReview', 'j9', 'NOT_JUROR'],
  ])('%s', (_name, over, state, jurorId, code) => {
    expect(jurorRefusal({ ...cohort, ...over }, anApplication({ state }), jurorId)?.code ?? null).toBe(code);
  });
});

describe('the states the ranking and the selection count (defect 5)', () => {
  it('admitted: selected and every state a selected application moves on to; not the waitlist, not the rejected, not the withdrawn', () => {
    expect(ADMITTED_STATES).toEqual(['selected', 'phase1', 'continuing', 'joinedOtherTeam', 'returnedToJob', 'phase2', 'phase3', 'keptAsProject', 'handedToLine', 'spunOut', 'ended']);
    expect(RANKED_STATES).toEqual(['inReview', ...SELECTION_STATES, ...ADMITTED_STATES.slice(1)]);
  });

  it.each<[string, string, string, boolean]>([
    ['the same decision and feedback', 'selected', 'Bra.', true],
    ['another decision', 'waitlisted', 'Bra.', false],
    ['other feedback', 'selected', 'Mycket bra.', false],
  ])('repeatsSelection: %s', (_name, decision, feedback, expected) => {
    const a = anApplication({ state: 'selected', selection: { decision: 'selected', feedback: 'Bra.', decidedBy: 'c', decidedAt: '2026-05-01T00:00:00Z' } });
    expect(repeatsSelection(a, decision, feedback)).toBe(expected);
    expect(repeatsSelection(anApplication(), decision, feedback)).toBe(false);
  });
});
