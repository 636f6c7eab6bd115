import { MIN_ANSWERS_SHOWN, parseQuestions, summaryOf, withAnswer, withAsked, type FollowUpRecord } from '../../src/domain/follow-up';
import { isReportRun, nextReportDue } from '../../src/domain/report-schedule';

const NOW = new Date('2027-03-10T10:00:00Z');
const asked = (people: string[]): FollowUpRecord => withAsked(null, 'pilot-1', 'phase1', null, people, NOW);
const answer = (r: FollowUpRecord, who: string, scores: number[], comment?: string, position = 0.5) => {
  const done = withAnswer(r, who, { scores, ...(comment ? { comment } : {}) }, 3, position, NOW);
  if (!done.ok) throw new Error(done.error.detail);
  return done.value;
};

describe('the follow-up of the pilot', () => {
  it('takes one answer per person asked, 1–5 per question, and keeps it without the name', () => {
    const r = asked(['a', 'b', 'c']);
    expect(withAsked(r, 'pilot-1', 'phase1', null, ['a', 'b'], NOW)).toBe(r);
    const one = answer(r, 'a', [5, 4, 3], 'Bra');
    expect(one.answeredIds).toEqual(['a']);
    expect(JSON.stringify(one.answers)).not.toContain('"a"');
    const refused = (who: string, scores: number[]) => {
      const done = withAnswer(one, who, { scores }, 3, 0.5, NOW);
      return done.ok ? 'ok' : done.error.code;
    };
    expect(refused('a', [1, 1, 1])).toBe('ILLEGAL_TRANSITION');
    expect(refused('x', [1, 1, 1])).toBe('NOT_ALLOWED');
    expect(refused('b', [6, 1, 1])).toBe('INVALID_INPUT');
    expect(refused('b', [0, 1, 1])).toBe('INVALID_INPUT');
    expect(refused('b', [1.5, 1, 1])).toBe('INVALID_INPUT');
    expect(refused('b', [1, 1])).toBe('INVALID_INPUT');
    expect(refused('b', [1, 1, 1, 1])).toBe('INVALID_INPUT');
    expect(refused('b', [1, 2, 3])).toBe('ok');
  });

  it('shows the response rate at any count, the figures and comments only from three answers', () => {
    let r = asked(['a', 'b', 'c', 'd']);
    r = answer(r, 'a', [5, 4, 3], 'Zebra');
    r = answer(r, 'b', [3, 4, 1], undefined, 0);
    expect(summaryOf(r)).toEqual({ round: 'phase1', questions: null, asked: 4, answered: 2 });
    expect(MIN_ANSWERS_SHOWN).toBe(3);
    r = answer(r, 'c', [4, 4, 2], 'Apa', 0.99);
    const s = summaryOf(r);
    expect(s.answered).toBe(3);
    expect(s.figures).toEqual([
      { mean: 4, distribution: [0, 0, 1, 1, 1] },
      { mean: 4, distribution: [0, 0, 0, 3, 0] },
      { mean: 2, distribution: [1, 1, 1, 0, 0] },
    ]);
    expect(s.comments).toEqual(['Apa', 'Zebra']);
  });

  it('places each answer where the drawn position says, not in the order people answered', () => {
    let r = asked(['a', 'b', 'c']);
    r = answer(r, 'a', [1, 1, 1], undefined, 0.9);
    r = answer(r, 'b', [2, 2, 2], undefined, 0);
    r = answer(r, 'c', [3, 3, 3], undefined, 0.4);
    expect(r.answers.map((x) => x.scores[0])).toEqual([2, 3, 1]);
  });

  it.each([
    [['En?', 'Två?'], 'count'],
    [['1', '2', '3', '4', '5'], 'count'],
    [['En?', 'Två?', 'x'.repeat(201)], 'length'],
  ] as const)('refuses the questions %j (%s)', (lines, why) => {
    expect(parseQuestions(lines)).toEqual({ ok: false, error: why });
  });
});

describe('the steering group report schedule', () => {
  it.each([
    // 1 April 2027 is a Thursday, a working day: 08:00 Swedish summer time.
    ['2027-03-10T10:00:00Z', '2027-04-01T06:00:00.000Z'],
    // 1 May 2027 is a Saturday and a holiday: Monday 3 May.
    ['2027-04-01T06:00:00Z', '2027-05-03T06:00:00.000Z'],
    ['2027-04-01T05:59:59Z', '2027-04-01T06:00:00.000Z'],
    // New Year's Day and Twelfth Night (Wednesday 6 January 2027) are holidays: Monday 4 January, 08:00 winter time.
    ['2026-12-15T12:00:00Z', '2027-01-04T07:00:00.000Z'],
  ])('after %s the next run is %s', (after, due) => {
    expect(nextReportDue(undefined, new Date(after))?.toISOString()).toBe(due);
    expect(isReportRun('monthly', due)).toBe(true);
    expect(isReportRun('off', due)).toBe(false);
  });

  it('is off when turned off, and a run at another instant is not one of its runs', () => {
    expect(nextReportDue('off', NOW)).toBeNull();
    expect(isReportRun('monthly', '2027-04-02T06:00:00.000Z')).toBe(false);
  });
});
