import { reviewStateOf, reviewStates, type ReviewState } from '../../src/domain/jury';
import type { Recusal, Score } from '../../src/domain/scoring';
import { anApplication } from '../builders/application.builder';
import { seeded } from '../helpers/seeded';

const score = (jurorId: string, applicationId: string): Score => ({ jurorId, applicationId, values: {} });
const recusal = (jurorId: string, applicationId: string): Recusal => ({ jurorId, applicationId });

describe('reviewStates: where each application of a list stands for one juror', () => {
  const mine = anApplication({ id: 'A', applicantId: 'j1' });
  const coApplied = anApplication({ id: 'B', coApplicants: [{ personId: 'j1', name: 'J1', status: 'confirmed', invitedAt: '2026-03-01T09:00:00.000Z' }] });
  const declined = anApplication({ id: 'C', coApplicants: [{ personId: 'j1', name: 'J1', status: 'declined', invitedAt: '2026-03-01T09:00:00.000Z' }] });
  const plain = anApplication({ id: 'D' });
  const other = anApplication({ id: 'E' });
  const list = [mine, coApplied, declined, plain, other];

  it.each<[string, Score[], Recusal[], ReviewState[]]>([
    ['nothing done: a conflict is recused, the rest to do', [], [], ['recused', 'recused', 'todo', 'todo', 'todo']],
    ['a score', [score('j1', 'D')], [], ['recused', 'recused', 'todo', 'scored', 'todo']],
    ['a recusal by hand', [], [recusal('j1', 'E')], ['recused', 'recused', 'todo', 'todo', 'recused']],
    ['a recusal wins over a score', [score('j1', 'E')], [recusal('j1', 'E')], ['recused', 'recused', 'todo', 'todo', 'recused']],
    ['a conflict wins over a score', [score('j1', 'A')], [], ['recused', 'recused', 'todo', 'todo', 'todo']],
    ['other jurors do not count', [score('j2', 'C'), score('j2', 'D')], [recusal('j2', 'E')], ['recused', 'recused', 'todo', 'todo', 'todo']],
  ])('%s', (_name, scores, recusals, expected) => {
    const states = reviewStates(list, 'j1', scores, recusals);
    expect(states.map((s) => s.application)).toEqual(list);
    expect(states.map((s) => s.state)).toEqual(expected);
    expect(list.map((a) => reviewStateOf(a, 'j1', scores, recusals))).toEqual(expected);
  });

  it('answers as reviewStateOf, application by application, on seeded random lists', () => {
    for (let seed = 0; seed < 100; seed++) {
      const rnd = seeded(seed);
      const jurors = ['j1', 'j2', 'j3'];
      const pick = (): string => jurors[Math.floor(rnd() * jurors.length)] as string;
      const apps = Array.from({ length: Math.floor(rnd() * 12) }, (_, i) =>
        anApplication({
          id: `X${i}`,
          ...(rnd() < 0.2 ? { applicantId: pick() } : {}),
          ...(rnd() < 0.2 ? { coApplicants: [{ personId: pick(), name: 'N', status: rnd() < 0.5 ? 'confirmed' : 'declined', invitedAt: '2026-03-01T09:00:00.000Z' }] } : {}),
        }),
      );
      const marks = apps.flatMap((a) => jurors.filter(() => rnd() < 0.4).map((j) => ({ jurorId: j, applicationId: a.id })));
      const scores = marks.filter(() => rnd() < 0.7).map((m) => score(m.jurorId, m.applicationId));
      const recusals = marks.filter(() => rnd() < 0.3);
      for (const jurorId of jurors) {
        expect(reviewStates(apps, jurorId, scores, recusals).map((s) => s.state)).toEqual(apps.map((a) => reviewStateOf(a, jurorId, scores, recusals)));
      }
    }
  });
});
