import type { Application } from '../../src/domain/application';
import { reviewStateOf, scoresSeenBy, type ReviewState } from '../../src/domain/jury';
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

describe("scoresSeenBy: the others' scores only after one's own", () => {
  const a = anApplication({ jury: { verdicts: { j1: 4, j2: 2, j3: 5 }, marks: {}, recused: [], count: 3, mean: 3.667 } });
  it.each<[string, Application, string, ReturnType<typeof scoresSeenBy>]>([
    ['nothing before scoring', a, 'j9', {}],
    ['nothing on an application nobody scored', anApplication(), 'j1', {}],
    ['own and the mean of the others after', a, 'j2', { own: 2, others: { mean: 4.5, count: 2 } }],
    ['own alone when nobody else scored', anApplication({ jury: { verdicts: { j1: 3 }, marks: {}, recused: [], count: 1, mean: 3 } }), 'j1', { own: 3 }],
  ])('%s', (_name, application, jurorId, expected) => {
    expect(scoresSeenBy(application, jurorId)).toEqual(expected);
  });
});
