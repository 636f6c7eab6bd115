import type { followUpSv } from './follow-up.sv';
import { enNumber, enOneDecimal } from './numbers';
import { enCount } from './plural';

/** A date and time in Swedish time, in English ("1 April 2027, 08:00"). */
const AT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Stockholm' });

export const followUpEn: typeof followUpSv = {
  defaultQuestions: [
    'How well has the programme helped you test the idea?',
    'How well has the leave of absence worked at the workplace?',
    'How likely is it that the idea will be used in the organisation?',
  ],
  round: { phase1: 'Phase 1', phase2: 'Phase 2', outcome: 'The outcome' },
  card: {
    title: (cohortName) => `Follow-up: ${cohortName}`,
    ended: { phase1: 'Phase 1 has ended.', phase2: 'Phase 2 has ended.', outcome: 'The idea has its outcome.' },
    intro: 'How did it go? Answer each question with a score from 1 (not at all) to 5 (very well).',
    reminder: 'Reminder: we have not had your answer yet. It takes a minute.',
    privacy: 'Your answer is kept without your name and cannot be changed. The report shows only averages, and only once at least three have answered.',
    score: (n) => ['1 – not at all', '2', '3', '4', '5 – very well'][n - 1] ?? String(n),
    choose: 'Choose 1–5',
    comment: 'Comment (optional)',
    commentHint: 'Write no names. Comments are shown without names, and only once at least three have answered.',
    send: 'Send answer',
  },
  thanks: 'Thank you for your answer! It is kept without your name.',
  answered: 'You have already answered this follow-up. An answer cannot be changed.',
  notAsked: 'This follow-up is not for you.',
  invalidScores: 'Choose a score from 1 to 5 for each question.',
  commentTooLong: 'The comment may be at most 500 characters.',
  report: {
    title: 'Follow-up',
    rate: (round, answered, asked) => `${round}: ${enNumber(answered)} of ${enNumber(asked)} have answered`,
    tooFew: 'The result is shown once at least three have answered.',
    question: (n, mean) => `Question ${enNumber(n)}: mean ${enOneDecimal(mean)}`,
    distribution: (counts) => counts.map((c, i) => `${i + 1}: ${enNumber(c)}`).join(' · '),
    comments: (n) => (n === 0 ? 'No comments.' : `${enCount(n, 'comment', 'comments')} without names, in the tab.`),
  },
  schedule: {
    name: { monthly: 'the first working day of every month at 08:00', off: 'off' },
    shown: (cohortName, schedule, next) => `The steering group's report for ${cohortName}: ${schedule}.${next ? ` Next: ${next}.` : ''} Change it with report schedule monthly or report schedule off.`,
    set: (cohortName, schedule, next) => `Done. The steering group's report for ${cohortName}: ${schedule}.${next ? ` Next: ${next}.` : ''}`,
    at: (iso) => `${AT.format(new Date(iso))} (Swedish time)`,
    usage: 'Write report schedule monthly or report schedule off.',
  },
  questions: {
    shown: (cohortName, questions, own) =>
      `The follow-up questions for ${cohortName}${own ? '' : ' (the default questions)'}:\n\n${questions.map((q, i) => `${i + 1}. ${q}`).join('\n\n')}\n\nChange them with follow-up questions and three or four questions separated by |, or follow-up questions default.`,
    set: (cohortName) => `Done. New questions for ${cohortName}. They apply to follow-ups not yet sent.`,
    count: 'Write three or four questions, separated by |.',
    length: 'A question may be at most 200 characters.',
  },
};
