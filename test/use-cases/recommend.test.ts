import { startOrResumeApplication } from '../../src/use-cases/intake';
import { declineRecommendation, recommend } from '../../src/use-cases/recommend';
import { InMemoryRecommendationRepository } from '../fakes/in-memory-repositories';
import { aCohort, aSubmitted, emailOf, P, valueOf, world } from '../helpers/use-case-deps';

/** Issue 17, the use cases on in-memory fakes: a cohort whose intake is open at NOW (2026-05-04), unless a test says otherwise. */
const open = aCohort({ intakeOpensAt: '2026-05-01T00:00:00.000Z', intakeClosesAt: '2026-06-01T00:00:00.000Z' });

async function recommending(options: Parameters<typeof world>[0] = { cohorts: [open] }) {
  const w = await world(options);
  const recommendations = new InMemoryRecommendationRepository(w.outbox);
  return { ...w, deps: { ...w.deps, recommendations } };
}

const manager1 = { id: P.manager1, name: 'Namn manager-1' };
const why = 'En idé som alla kommuner behöver.';

describe('recommend (use case)', () => {
  it.each([
    ['a report of the manager', 'applicant-1', 'ok'],
    ['a report of another manager', 'applicant-2', 'notYourReport'],
    ['nobody with that address', 'nobody', 'notYourReport'],
    ['the manager themself', P.manager1, 'self'],
  ])('%s', async (_name, who, expected) => {
    const w = await recommending();
    const r = await recommend(w.deps, manager1, { email: emailOf(who), reason: why });
    expect(r.ok ? 'ok' : r.error.code).toBe(expected);
    expect(w.recipients('recommendation')).toEqual(r.ok ? [who] : []);
  });

  it('with no intake open and none to come, nobody is recommended', async () => {
    const w = await recommending({ cohorts: [aCohort()] });
    expect(await recommend(w.deps, manager1, { email: emailOf('applicant-1'), reason: why })).toEqual({ ok: false, error: { code: 'noCohort' } });
  });

  it('before the intake opens, the recommendation is for the next cohort', async () => {
    const next = aCohort({ id: 'pilot-2', name: 'Pilot 2', intakeOpensAt: '2026-08-01T00:00:00.000Z', intakeClosesAt: '2026-09-01T00:00:00.000Z' });
    const w = await recommending({ cohorts: [aCohort(), next] });
    expect(valueOf(await recommend(w.deps, manager1, { email: emailOf('applicant-1'), reason: why })).cohort.id).toBe('pilot-2');
  });

  it('someone who has applied already is not recommended', async () => {
    const w = await recommending({ cohorts: [open], applications: [aSubmitted(1, 'awaitingManager')] });
    const r = await recommend(w.deps, manager1, { email: emailOf('applicant-1'), reason: why });
    expect(r.ok ? 'ok' : r.error.code).toBe('alreadyApplied');
  });

  it('two at once: one recommendation, one message, the other told it is there already', async () => {
    const w = await recommending();
    const both = await Promise.all([1, 2].map(() => recommend(w.deps, manager1, { email: emailOf('applicant-1'), reason: why })));
    expect(both.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['alreadyRecommended', 'ok']);
    expect(w.recipients('recommendation')).toEqual(['applicant-1']);
  });

  it('declined once, however often; the manager is told once; someone without a recommendation has nothing to decline', async () => {
    const w = await recommending();
    valueOf(await recommend(w.deps, manager1, { email: emailOf('applicant-1'), reason: why }));
    for (let i = 0; i < 2; i++) expect(valueOf(await declineRecommendation(w.deps, 'applicant-1', open.id)).recommendation.status).toBe('declined');
    expect(w.recipients('recommendationDeclined')).toEqual([P.manager1]);
    expect(await declineRecommendation(w.deps, 'applicant-3', open.id)).toEqual({ ok: false, error: 'notFound' });
  });

  it('the application started afterwards keeps who recommended; one without a recommendation has none', async () => {
    const w = await recommending();
    valueOf(await recommend(w.deps, manager1, { email: emailOf('applicant-1'), reason: why }));
    const intake = { ...w.deps, settings: w.settings };
    const recommended = valueOf(await startOrResumeApplication(intake, { id: 'applicant-1', name: 'Namn applicant-1' }));
    expect(recommended.application.value.recommendedBy).toEqual(manager1);
    const other = valueOf(await startOrResumeApplication(intake, { id: 'applicant-3', name: 'Namn applicant-3' }));
    expect(other.application.value).not.toHaveProperty('recommendedBy');
  });
});
