import { APPLICATION_STATES, type ApplicationState } from '../../src/domain/application.state-machine';
import { funnelOf, sumCounts, FUNNEL_STAGES } from '../../src/domain/funnel';

describe('the funnel per municipality (statistik)', () => {
  it.each<[string, Partial<Record<ApplicationState, number>>, number[], number, number]>([
    ['nothing yet', {}, [0, 0, 0, 0, 0, 0, 0], 0, 0],
    ['drafts and withdrawn stand beside the funnel', { draft: 3, withdrawn: 2 }, [0, 0, 0, 0, 0, 0, 0], 3, 2],
    ['waiting for the manager: submitted only', { awaitingManager: 2, changesRequested: 1, declined: 1 }, [4, 0, 0, 0, 0, 0, 0], 0, 0],
    ['in review and not selected reached the manager\'s approval', { inReview: 5, notSelected: 2, waitlisted: 1 }, [8, 8, 0, 0, 0, 0, 0], 0, 0],
    ['a whole cohort', { awaitingManager: 1, approved: 2, selected: 1, phase1: 2, returnedToJob: 1, continuing: 1, phase2: 1, phase3: 1, handedToLine: 1, ended: 1 }, [12, 11, 9, 8, 4, 3, 2], 0, 0],
  ])('%s', (_name, counts, stages, drafts, withdrawn) => {
    const f = funnelOf(counts);
    expect(FUNNEL_STAGES.map((s) => f.stages[s])).toEqual(stages);
    expect([f.drafts, f.withdrawn]).toEqual([drafts, withdrawn]);
  });

  it('never widens, whatever the counts', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const counts = Object.fromEntries(APPLICATION_STATES.map((s, i) => [s, (seed * (i + 7)) % 5]));
      const stages = FUNNEL_STAGES.map((s) => funnelOf(counts).stages[s]);
      for (let i = 1; i < stages.length; i++) expect(stages[i]).toBeLessThanOrEqual(stages[i - 1]!);
    }
  });

  it('adds municipalities up', () => {
    expect(sumCounts([{ draft: 1, phase1: 2 }, { phase1: 3 }])).toEqual({ draft: 1, phase1: 5 });
  });
});
