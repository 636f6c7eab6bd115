import { SCORE_MAX, SCORE_MIN, FOLLOW_UP_LIMITS, type FollowUpRound, type FollowUpSummary } from '../../domain/follow-up';
import type { Messages } from '../../i18n';
import { card, choiceInput, executeAction, field, heading, plain, text, textInput, title, type AdaptiveCard, type CardElement } from './card-kit';
import { VERBS } from './verbs';

/** The questions of a round in the reader's language: the cohort's own as they were written, else the default ones. */
export const questionsIn = (questions: readonly string[] | null, m: Messages): readonly string[] => questions ?? m.followUp.defaultQuestions;

/**
 * The follow-up's questions to one person: a score 1–5 per question and an optional comment. The card carries only
 * which cohort and round it is about; who answers is the verified caller (the handler never reads a person from it).
 */
export function followUpCard(data: { cohortId: string; cohortName: string; round: FollowUpRound; questions: readonly string[]; reminder: boolean }, m: Messages): AdaptiveCard {
  const f = m.followUp;
  const scores = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => [String(i + SCORE_MIN), f.card.score(i + SCORE_MIN)] as const);
  return card(
    [
      title(f.card.title(plain(data.cohortName))),
      ...(data.reminder ? [text(f.card.reminder, { weight: 'Bolder' })] : []),
      text(`${f.card.ended[data.round]} ${f.card.intro}`),
      ...data.questions.map((q, i) => ({ ...choiceInput(`q${i + 1}`, plain(q), '', scores), placeholder: f.card.choose, isRequired: true, errorMessage: f.invalidScores })),
      ...field(textInput('comment', f.card.comment, '', { maxLength: FOLLOW_UP_LIMITS.comment.max, multiline: true }), [], f.card.commentHint),
      text(f.card.privacy, { isSubtle: true, size: 'Small' }),
    ],
    [executeAction(f.card.send, VERBS.followUpAnswer, { cohortId: data.cohortId, round: data.round }, 'positive')],
  );
}

/**
 * The follow-up as the report shows it: per round, how many answered of how many were asked; from three answers the
 * mean and the spread of each question, and how many left a comment. Never one person's answer.
 */
export function followUpSection(rounds: readonly FollowUpSummary[], m: Messages): CardElement[] {
  if (rounds.length === 0) return [];
  const r = m.followUp.report;
  return [
    heading(r.title),
    ...rounds.flatMap((s) => {
      const questions = questionsIn(s.questions, m);
      const head = text(r.rate(m.followUp.round[s.round], s.answered, s.asked), { weight: 'Bolder' });
      if (!s.figures) return [head, text(r.tooFew, { isSubtle: true, spacing: 'None' })];
      return [
        head,
        ...s.figures.flatMap((q, i) => [
          text(`${r.question(i + 1, q.mean)}: ${plain(questions[i] ?? '')}`, { spacing: 'Small' }),
          text(r.distribution(q.distribution), { isSubtle: true, size: 'Small', spacing: 'None' }),
        ]),
        text(r.comments(s.comments?.length ?? 0), { isSubtle: true, size: 'Small' }),
      ];
    }),
  ];
}
