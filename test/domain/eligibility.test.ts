import { demoCohort } from '../../src/demo/demo';
import { addDays, addMonths, isIsoDate, swedishDate } from '../../src/domain/dates';
import { eligibilityFailures, employmentFailures, leaveFailures, type EligibilityInput } from '../../src/domain/eligibility';

describe('calendar arithmetic', () => {
  it.each([
    ['2025-03-01', 12, '2026-03-01'],
    ['2025-01-31', 1, '2025-03-01'], // 31 February does not exist: the first of March
    ['2024-02-29', 12, '2025-03-01'], // leap day: a full year has passed on 1 March
    ['2024-02-29', 48, '2028-02-29'],
    ['2026-08-31', 6, '2027-03-01'],
    ['2026-04-01', 6, '2026-10-01'],
    ['2025-12-15', 1, '2026-01-15'],
  ])('%s + %i months = %s', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });

  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-13-01', false],
    ['26-01-01', false],
  ])('isIsoDate(%s) = %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it('counts Swedish days: 23:30 UTC on 31 March is 1 April in Sweden', () => {
    expect(swedishDate(new Date('2026-03-31T23:30:00Z'))).toBe('2026-04-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('employment: permanent, and at least twelve months on the day of submission', () => {
  it.each([
    ['permanent, three years', true, '2023-03-01', '2026-03-01', []],
    ['not permanent', false, '2020-01-01', '2026-03-01', ['permanentEmployment']],
    ['11 months and 30 days', true, '2025-03-02', '2026-03-01', ['employedOneYear']],
    ['exactly 12 months', true, '2025-03-01', '2026-03-01', []],
    ['leap day start, the day before the anniversary', true, '2024-02-29', '2025-02-28', ['employedOneYear']],
    ['leap day start, on 1 March a year later', true, '2024-02-29', '2025-03-01', []],
    ['started on 31 January, submitted 30 January next year', true, '2025-01-31', '2026-01-30', ['employedOneYear']],
    ['not permanent and too new', false, '2026-01-01', '2026-03-01', ['permanentEmployment', 'employedOneYear']],
  ] as const)('%s', (_name, permanentEmployment, employmentStart, submittedOn, expected) => {
    expect(employmentFailures({ permanentEmployment, employmentStart }, submittedOn).map((f) => f.rule)).toEqual(expected);
  });

  it('tells from which day the applicant qualifies', () => {
    expect(employmentFailures({ permanentEmployment: true, employmentStart: '2024-02-29' }, '2025-02-01')).toEqual([
      { rule: 'employedOneYear', facts: { qualifiesOn: '2025-03-01' } },
    ]);
  });
});

describe('leave of absence: 10–100 %, at most six months, starting after submission', () => {
  const submittedOn = '2026-03-01';
  it.each([
    ['six months exactly (1 April to 30 September)', 50, '2026-04-01', '2026-09-30', []],
    ['six months and one day', 50, '2026-04-01', '2026-10-01', ['leaveAtMostSixMonths']],
    ['six months from 31 August ends on the last of February', 100, '2026-08-31', '2027-02-28', []],
    ['one day more from 31 August', 100, '2026-08-31', '2027-03-01', ['leaveAtMostSixMonths']],
    ['extent 0 %', 0, '2026-04-01', '2026-06-30', ['leaveExtent']],
    ['extent 101 %', 101, '2026-04-01', '2026-06-30', ['leaveExtent']],
    ['extent 9 %', 9, '2026-04-01', '2026-06-30', ['leaveExtent']],
    ['extent 10 %', 10, '2026-04-01', '2026-06-30', []],
    ['extent 100 %', 100, '2026-04-01', '2026-06-30', []],
    ['extent 12.5 %', 12.5, '2026-04-01', '2026-06-30', ['leaveExtent']],
    ['ends before it starts', 50, '2026-05-01', '2026-04-30', ['leaveEndsAfterStart']],
    ['one day of leave', 50, '2026-05-01', '2026-05-01', []],
    ['starts on the day of submission', 50, '2026-03-01', '2026-05-01', ['leaveStartsInFuture']],
  ] as const)('%s', (_name, extentPercent, start, end, expected) => {
    expect(leaveFailures({ extentPercent, start, end }, submittedOn).map((f) => f.rule)).toEqual(expected);
  });
});

describe('defect 1: the leave covers the programme: it starts on or after the programme start (docs/decisions/0010)', () => {
  const submittedOn = '2026-03-01';
  it.each([
    // name, programme starts, leave start, leave end, broken rules
    ['starts the day the programme starts', '2027-01-30', '2027-01-30', '2027-06-30', []],
    ['starts after the programme has started', '2027-01-30', '2027-02-15', '2027-08-14', []],
    ['Sara’s leave: 4 January, before the programme starts 30 January', '2027-01-30', '2027-01-04', '2027-06-30', ['leaveStartsWithProgramme']],
    ['one day before the programme starts', '2027-01-30', '2027-01-29', '2027-06-30', ['leaveStartsWithProgramme']],
    ['on the day of submission, the programme later', '2027-01-30', '2026-03-01', '2026-05-01', ['leaveStartsWithProgramme']],
    ['the programme has started already: the day after submission is the limit', '2026-02-01', '2026-03-02', '2026-05-01', []],
    ['the programme has started already, the leave starts today', '2026-02-01', '2026-03-01', '2026-05-01', ['leaveStartsInFuture']],
    ['no programme start known: only the day after submission', undefined, '2026-03-02', '2026-05-01', []],
    ['six months from the programme start', '2027-01-30', '2027-01-30', '2027-07-29', []],
    ['a day longer than six months from the programme start', '2027-01-30', '2027-01-30', '2027-07-30', ['leaveAtMostSixMonths']],
  ] as const)('%s', (_name, programmeStartsOn, start, end, expected) => {
    expect(leaveFailures({ extentPercent: 50, start, end }, submittedOn, programmeStartsOn).map((f) => f.rule)).toEqual(expected);
  });

  it('tells the programme start with the broken rule, and every check of a cohort uses it', () => {
    expect(leaveFailures({ extentPercent: 50, start: '2027-01-04', end: '2027-06-30' }, submittedOn, '2027-01-30')).toEqual([{ rule: 'leaveStartsWithProgramme', facts: { programmeStartsOn: '2027-01-30' } }]);
    const cohort = { ...demoCohort(new Date('2026-03-01T08:00:00Z')), programmeStartsOn: '2027-01-30' };
    const input: EligibilityInput = { employment: { permanentEmployment: true, employmentStart: '2019-05-01' }, leave: { extentPercent: 50, start: '2027-01-04', end: '2027-06-30' }, applicability: 'Alla kommuner.' };
    expect(eligibilityFailures(input, cohort, new Date('2026-03-01T08:00:00Z')).map((f) => f.rule)).toEqual(['leaveStartsWithProgramme']);
  });
});

describe('the whole check', () => {
  const opened = new Date('2026-03-01T08:00:00Z');
  const cohort = demoCohort(opened); // intake from 7 days before to 30 days after
  const good: EligibilityInput = {
    employment: { permanentEmployment: true, employmentStart: '2019-05-01' },
    leave: { extentPercent: 50, start: '2026-05-01', end: '2026-10-31' },
    applicability: 'Alla kommuner har hemtjänst och samma problem med långa restider.',
  };

  it('an eligible application breaks no rule', () => {
    expect(eligibilityFailures(good, cohort, opened)).toEqual([]);
  });

  it('intake closed', () => {
    const afterClose = new Date(Date.parse(cohort.intakeClosesAt) + 1000);
    expect(eligibilityFailures(good, cohort, afterClose).map((f) => f.rule)).toEqual(['intakeOpen']);
    expect(eligibilityFailures(good, cohort, afterClose, false)).toEqual([]); // a resubmission after requested changes
  });

  it('intake not yet open', () => {
    const before = new Date(Date.parse(cohort.intakeOpensAt) - 1000);
    expect(eligibilityFailures(good, cohort, before).map((f) => f.rule)).toEqual(['intakeOpen']);
  });

  it('no statement about the 11 municipalities', () => {
    expect(eligibilityFailures({ ...good, applicability: '   ' }, cohort, opened).map((f) => f.rule)).toEqual(['applicability']);
  });

  it('lists every broken rule at once, in a fixed order', () => {
    const bad: EligibilityInput = {
      employment: { permanentEmployment: false, employmentStart: '2026-01-01' },
      leave: { extentPercent: 0, start: '2026-02-01', end: '2027-01-01' },
      applicability: '',
    };
    expect(eligibilityFailures(bad, cohort, new Date(Date.parse(cohort.intakeClosesAt) + 1)).map((f) => f.rule)).toEqual([
      'permanentEmployment',
      'employedOneYear',
      'leaveExtent',
      // Before both the day after submission and the programme's start: told once, as the later limit.
      'leaveStartsWithProgramme',
      'leaveAtMostSixMonths',
      'applicability',
      'intakeOpen',
    ]);
  });
});
