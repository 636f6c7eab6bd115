import type { Application } from '../../domain/application';
import type { Cohort } from '../../domain/cohort';
import { domainError, type UseCaseResult } from '../../domain/errors';
import { askedFor, REMINDER_WORKING_DAYS, withAnswer, withAsked, type FollowUpAnswer, type FollowUpRecord, type FollowUpRound } from '../../domain/follow-up';
import type { Versioned } from '../../domain/ports';
import { err, ok } from '../../domain/result';
import { workingDaysAfter } from '../../domain/working-days';
import { changeCohort, retryOnConflict } from '../change';
import { cohortNotes, coordinatorsCohort, type ProgrammeDeps } from './deps';

/** How many questions a round has: the cohort's own when it had them at the first ask, else the three default ones. */
export const DEFAULT_QUESTION_COUNT = 3;
export const questionCount = (record: Pick<FollowUpRecord, 'questions'>): number => record.questions?.length ?? DEFAULT_QUESTION_COUNT;

/**
 * Asks the follow-up of `round` (a phase has ended, or an idea has its outcome): every member of the teams, their
 * managers and their mentors are added to the round once, and each gets the questions now and one reminder
 * REMINDER_WORKING_DAYS working days later (a due-time message that is not sent to someone who has answered by then).
 * Asked again (a phase started for more teams, a second outcome), nobody is asked twice.
 */
export async function askFollowUp(deps: ProgrammeDeps, cohort: Cohort, round: FollowUpRound, teams: readonly Application[]): Promise<{ asked: number }> {
  const people = [...new Set(teams.flatMap(askedFor))];
  if (people.length === 0) return { asked: 0 };
  const saved = await retryOnConflict(
    `follow-up ${cohort.id}/${round}`,
    () => deps.followUps.get(cohort.id, round),
    (current) => ok(withAsked(current?.value ?? null, cohort.id, round, cohort.followUpQuestions ?? null, people, deps.clock.now())),
    (record, current) => (current && current.value === record ? Promise.resolve(current) : deps.followUps.save(record, current?.etag)),
  );
  if (!saved.ok) throw new Error(`follow-up ${cohort.id}/${round} could not be saved: ${saved.error.code}`);
  const now = deps.clock.now();
  const key = `${cohort.id}/follow-up/${round}`;
  const reminderAt = workingDaysAfter(now, REMINDER_WORKING_DAYS).toISOString();
  await deps.outbox.enqueue(
    [
      ...cohortNotes(cohort, 'followUpAsk', people, `${key}/ask`, { round }),
      ...cohortNotes(cohort, 'followUpReminder', people, `${key}/reminder`, { round }).map((n) => ({ ...n, dueAt: reminderAt })),
    ],
    now,
  );
  return { asked: people.length };
}

/**
 * One person's answer to a round, from the card: only someone asked in that round, once (an answer is final and kept
 * without the person's name), with one score 1–5 per question. Who answers is the verified caller, never card data.
 */
export async function answerFollowUp(deps: ProgrammeDeps, personId: string, cohortId: string, round: FollowUpRound, answer: FollowUpAnswer): Promise<UseCaseResult<{ cohort: Cohort }>> {
  const cohort = (await deps.cohorts.get(cohortId))?.value;
  if (!cohort) return err(domainError('NOT_FOUND', 'no cohort'));
  const saved = await retryOnConflict(
    `follow-up ${cohortId}/${round}`,
    () => deps.followUps.get(cohortId, round),
    (current) => {
      if (!current) return err(domainError('NOT_ALLOWED', 'no such follow-up round'));
      // The place among the others from a fresh random id: the stored order says nothing about who answered when.
      const position = Number.parseInt(deps.ids.uuid().replace(/-/g, '').slice(-8), 16) / 2 ** 32;
      return withAnswer(current.value, personId, answer, questionCount(current.value), Number.isFinite(position) ? position : 0, deps.clock.now());
    },
    (record, current) => deps.followUps.save(record, (current as Versioned<FollowUpRecord>).etag),
  );
  return saved.ok ? ok({ cohort }) : saved;
}

/** Whether `personId` is asked in the round and has not answered yet (the card is sent, and the reminder, only then). */
export async function awaitsAnswer(deps: Pick<ProgrammeDeps, 'followUps'>, cohortId: string, round: FollowUpRound, personId: string): Promise<FollowUpRecord | null> {
  const record = (await deps.followUps.get(cohortId, round))?.value;
  return record && record.askedIds.includes(personId) && !record.answeredIds.includes(personId) ? record : null;
}

/**
 * `uppföljningsfrågor`: the current cohort's own questions (3–4), or back to the default ones (null). A round keeps the
 * questions it was first asked with, so answers to different questions are never counted together.
 */
export async function setFollowUpQuestions(deps: ProgrammeDeps, coordinatorId: string, questions: readonly string[] | null): Promise<UseCaseResult<Cohort>> {
  const current = await coordinatorsCohort(deps, coordinatorId);
  if (!current.ok) return current;
  const changed = await changeCohort(deps, current.value.id, (c) => {
    const { followUpQuestions: _old, ...rest } = c;
    return ok(questions ? { ...rest, followUpQuestions: [...questions] } : rest);
  });
  return changed.ok ? ok(changed.value.after.value) : changed;
}
