import { teamOf, type Application } from './application';
import { domainError, type DomainError } from './errors';
import { err, ok, type Result } from './result';

/**
 * The follow-up of the pilot (uppföljning, issue 17): when a phase ends (the next one starts) and at the outcome, the
 * participants, their managers and the team's mentor score three or four questions 1–5, with an optional comment.
 *
 * Privacy by construction: a round keeps who was asked and who has answered, and the answers themselves WITHOUT who
 * gave them (each inserted at a random place, so the order tells nothing). An answer is final: nobody, the person
 * included, can read one back. The report shows a round only as aggregates (mean, distribution, count), and only from
 * MIN_ANSWERS_SHOWN answers on; how many answered of how many asked is shown at any count (it is no one's answer).
 */
export const FOLLOW_UP_ROUNDS = ['phase1', 'phase2', 'outcome'] as const;
export type FollowUpRound = (typeof FOLLOW_UP_ROUNDS)[number];

/** The round that ends when phase `next` starts (phase 2 ends phase 1, phase 3 ends phase 2). */
export const roundEndedBy = (next: 1 | 2 | 3): FollowUpRound | undefined => (next === 2 ? 'phase1' : next === 3 ? 'phase2' : undefined);

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;
/** Below this many answers a round shows no figures (so that nobody's answer can be singled out). */
export const MIN_ANSWERS_SHOWN = 3;
export const FOLLOW_UP_LIMITS = { questions: { min: 3, max: 4 }, question: { max: 200 }, comment: { max: 500 } } as const;
/** Working days after the question that the one reminder goes to those who have not answered. */
export const REMINDER_WORKING_DAYS = 3;

export interface FollowUpAnswer {
  readonly scores: readonly number[];
  readonly comment?: string;
}

/** One follow-up round of a cohort. `questions` null: the default questions (in each reader's language). */
export interface FollowUpRecord {
  readonly cohortId: string;
  readonly round: FollowUpRound;
  readonly questions: readonly string[] | null;
  readonly askedIds: readonly string[];
  readonly answeredIds: readonly string[];
  /** Without who gave them, in no meaningful order. */
  readonly answers: readonly FollowUpAnswer[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Who answers for a team: its members, their managers on record, and its mentor. */
export function askedFor(application: Application): string[] {
  const managers = application.approvals.map((a) => a.managerId);
  return [...new Set([...teamOf(application), ...managers, ...(application.mentorId ? [application.mentorId] : [])])];
}

/** The round with more people asked (once each); a new round when there was none. */
export function withAsked(current: FollowUpRecord | null, cohortId: string, round: FollowUpRound, questions: readonly string[] | null, people: readonly string[], now: Date): FollowUpRecord {
  const at = now.toISOString();
  const base: FollowUpRecord = current ?? { cohortId, round, questions, askedIds: [], answeredIds: [], answers: [], createdAt: at, updatedAt: at };
  const askedIds = [...new Set([...base.askedIds, ...people])];
  return askedIds.length === base.askedIds.length ? base : { ...base, askedIds, updatedAt: at };
}

/** Why an answer is refused: not asked in this round, answered already, or scores that do not fit the questions. */
export type AnswerRefusal = DomainError;

/**
 * The round with one more answer. `position` in [0, 1) places it among the others (the caller draws it at random), so
 * the stored order does not follow the order of `answeredIds`.
 */
export function withAnswer(record: FollowUpRecord, personId: string, answer: FollowUpAnswer, questionCount: number, position: number, now: Date): Result<FollowUpRecord, AnswerRefusal> {
  if (!record.askedIds.includes(personId)) return err(domainError('NOT_ALLOWED', 'not asked in this follow-up round'));
  if (record.answeredIds.includes(personId)) return err(domainError('ILLEGAL_TRANSITION', 'answered already', { reason: 'answered' }));
  if (answer.scores.length !== questionCount || answer.scores.some((s) => !Number.isInteger(s) || s < SCORE_MIN || s > SCORE_MAX)) return err(domainError('INVALID_INPUT', 'scores 1–5, one per question'));
  const comment = answer.comment?.trim() ?? '';
  if (comment.length > FOLLOW_UP_LIMITS.comment.max) return err(domainError('INVALID_INPUT', 'comment too long', { field: 'comment' }));
  const at = Math.min(record.answers.length, Math.max(0, Math.floor(position * (record.answers.length + 1))));
  const stored: FollowUpAnswer = { scores: [...answer.scores], ...(comment ? { comment } : {}) };
  return ok({ ...record, answeredIds: [...record.answeredIds, personId], answers: [...record.answers.slice(0, at), stored, ...record.answers.slice(at)], updatedAt: now.toISOString() });
}

/** One question's figures: the mean to one decimal and how many gave each score (index 0 = score 1). */
export interface QuestionFigures {
  readonly mean: number;
  readonly distribution: readonly number[];
}

/** What the report shows of a round: always the response rate; the figures and comments only from MIN_ANSWERS_SHOWN answers. */
export interface FollowUpSummary {
  readonly round: FollowUpRound;
  readonly questions: readonly string[] | null;
  readonly asked: number;
  readonly answered: number;
  /** Absent below MIN_ANSWERS_SHOWN answers. */
  readonly figures?: readonly QuestionFigures[];
  /** The comments, without names, sorted alphabetically (no order that follows who answered when); absent below MIN_ANSWERS_SHOWN. */
  readonly comments?: readonly string[];
}

export function summaryOf(record: FollowUpRecord): FollowUpSummary {
  const head = { round: record.round, questions: record.questions, asked: record.askedIds.length, answered: record.answeredIds.length };
  if (record.answers.length < MIN_ANSWERS_SHOWN || record.answeredIds.length < MIN_ANSWERS_SHOWN) return head;
  const count = Math.max(...record.answers.map((a) => a.scores.length));
  const figures = Array.from({ length: count }, (_, q) => {
    const given = record.answers.flatMap((a) => (a.scores[q] === undefined ? [] : [a.scores[q]]));
    const distribution = Array.from({ length: SCORE_MAX }, (_, i) => given.filter((s) => s === i + 1).length);
    const mean = given.length === 0 ? 0 : Math.round((given.reduce((x, y) => x + y, 0) / given.length) * 10) / 10;
    return { mean, distribution };
  });
  const comments = record.answers.flatMap((a) => (a.comment ? [a.comment] : [])).sort((x, y) => x.localeCompare(y, 'sv'));
  return { ...head, figures, comments };
}

/** The cohort's own questions (3–4 lines, each at most 200 characters), or why not. */
export function parseQuestions(lines: readonly string[]): Result<string[], 'count' | 'length'> {
  const questions = lines.map((l) => l.trim()).filter((l) => l.length > 0);
  if (questions.length < FOLLOW_UP_LIMITS.questions.min || questions.length > FOLLOW_UP_LIMITS.questions.max) return err('count');
  if (questions.some((q) => q.length > FOLLOW_UP_LIMITS.question.max)) return err('length');
  return ok(questions);
}
