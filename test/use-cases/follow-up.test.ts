import { answerFollowUp } from '../../src/use-cases/programme/follow-up';
import { recordOutcome } from '../../src/use-cases/programme/record-outcome';
import { startPhase } from '../../src/use-cases/programme/start-phase';
import type { Application } from '../../src/domain/application';
import { aCoApplicant, anApproval, aSubmitted, COHORT_ID, NOW, P, valueOf, world } from '../helpers/use-case-deps';

/** applicant-1 with applicant-2 confirmed (and applicant-4 who said no), each approved by their own manager. */
const aTeam = (state: Application['state'], overrides: Partial<Application> = {}) =>
  aSubmitted(1, state, { coApplicants: [aCoApplicant('applicant-2'), aCoApplicant('applicant-4', 'declined')], approvals: [anApproval('applicant-1', P.manager1), anApproval('applicant-2', P.manager2)], ...overrides });

/** Issue 17 B at the use cases: when each round is asked, to whom, once; and the one reminder. */
describe('the follow-up rounds', () => {
  it('phase 2 starting asks the phase 1 round of the teams that move on and those back at their job: members, managers on record, mentor; once', async () => {
    const w = await world({ applications: [aTeam('continuing', { mentorId: P.juror1 }), aSubmitted(3, 'continuing'), aSubmitted(5, 'returnedToJob'), aSubmitted(6, 'waitlisted')] });
    valueOf(await startPhase(w.deps, P.coordinator, 2));
    const asked = ['applicant-1', 'applicant-2', 'applicant-3', 'applicant-5', P.juror1, P.manager1, P.manager2].sort();
    expect(w.recipients('followUpAsk')).toEqual(asked);
    expect(w.recipients('followUpReminder')).toEqual(asked);
    // One reminder, three working days later at 08:00 Swedish time (NOW is Monday 4 May 2026: Thursday 7 May).
    expect(new Set(w.messages('followUpReminder').map((m) => m.dueAt))).toEqual(new Set(['2026-05-07T06:00:00.000Z']));
    const record = (await w.deps.followUps.get(COHORT_ID, 'phase1'))!.value;
    expect([...record.askedIds].sort()).toEqual(asked);
    // Phase 1 starting asks nothing (no phase has ended); phase 2 again asks nobody twice.
    const before = w.messages().length;
    valueOf(await startPhase(w.deps, P.coordinator, 2));
    expect(w.messages()).toHaveLength(before);
    expect(await w.deps.followUps.get(COHORT_ID, 'phase2')).toBeNull();
  });

  it('phase 3 asks the phase 2 round; an outcome asks the outcome round of that team only', async () => {
    const w = await world({ applications: [aSubmitted(1, 'phase2'), aSubmitted(3, 'phase2')] });
    valueOf(await startPhase(w.deps, P.coordinator, 3));
    expect((await w.deps.followUps.get(COHORT_ID, 'phase2'))?.value.askedIds).toHaveLength(3);
    valueOf(await recordOutcome(w.deps, P.coordinator, { cohortId: COHORT_ID, applicationId: 'A-1' }, 'keptAsProject', 'municipality'));
    expect([...(await w.deps.followUps.get(COHORT_ID, 'outcome'))!.value.askedIds].sort()).toEqual(['applicant-1', P.manager1]);
    // The same outcome again changes nothing and asks nobody again.
    const before = w.messages().length;
    valueOf(await recordOutcome(w.deps, P.coordinator, { cohortId: COHORT_ID, applicationId: 'A-1' }, 'keptAsProject', 'municipality'));
    expect(w.messages()).toHaveLength(before);
  });

  it('takes an answer only from someone asked, once, and never stores who gave it', async () => {
    const w = await world({ applications: [aSubmitted(1, 'phase2'), aSubmitted(3, 'phase2')] });
    valueOf(await startPhase(w.deps, P.coordinator, 3));
    const answer = (who: string, scores: number[]) => answerFollowUp(w.deps, who, COHORT_ID, 'phase2', { scores, comment: `av ${who}` });
    expect(valueOf(await answer('applicant-1', [5, 5, 5])).cohort.id).toBe(COHORT_ID);
    expect(await answer('applicant-1', [1, 1, 1])).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
    expect(await answer(P.outsider, [1, 1, 1])).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
    expect(await answerFollowUp(w.deps, 'applicant-3', COHORT_ID, 'outcome', { scores: [3, 3, 3] })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
    expect(await answer('applicant-3', [3, 3, 9])).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const stored = (await w.deps.followUps.get(COHORT_ID, 'phase2'))!.value;
    expect(stored.answers).toEqual([{ scores: [5, 5, 5], comment: 'av applicant-1' }]);
    expect(Object.keys(stored.answers[0]!)).toEqual(['scores', 'comment']);
    expect(NOW.toISOString()).toBe('2026-05-04T08:00:00.000Z');
  });
});
