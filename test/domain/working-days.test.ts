import { addWorkingDays, isWorkingDay, swedishPublicHolidays, workingDaysAfter } from '../../src/domain/working-days';

const dateOf = (year: number, name: string): string | undefined => [...swedishPublicHolidays(year)].find(([, n]) => n === name)?.[0];

describe('swedishPublicHolidays', () => {
  it.each([
    [2008, '2008-03-23'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'], // the latest possible date
    [2285, '2285-03-22'], // the earliest possible date
  ])('Easter Sunday (påskdagen) %i is %s', (year, expected) => {
    expect(dateOf(year, 'påskdagen')).toBe(expected);
  });

  it('lists exactly these holidays for 2026, in calendar order', () => {
    expect([...swedishPublicHolidays(2026)]).toEqual([
      ['2026-01-01', 'nyårsdagen'],
      ['2026-01-06', 'trettondedag jul'],
      ['2026-04-03', 'långfredagen'],
      ['2026-04-05', 'påskdagen'],
      ['2026-04-06', 'annandag påsk'],
      ['2026-05-01', 'första maj'],
      ['2026-05-14', 'Kristi himmelsfärdsdag'],
      ['2026-05-24', 'pingstdagen'],
      ['2026-06-06', 'Sveriges nationaldag'],
      ['2026-06-19', 'midsommarafton'],
      ['2026-06-20', 'midsommardagen'],
      ['2026-10-31', 'alla helgons dag'],
      ['2026-12-24', 'julafton'],
      ['2026-12-25', 'juldagen'],
      ['2026-12-26', 'annandag jul'],
      ['2026-12-31', 'nyårsafton'],
    ]);
  });

  it.each([
    [2026, 'midsommarafton', '2026-06-19'],
    [2026, 'midsommardagen', '2026-06-20'],
    [2027, 'midsommarafton', '2027-06-25'], // the last possible Friday
    [2027, 'midsommardagen', '2027-06-26'],
    [2025, 'midsommarafton', '2025-06-20'],
    [2026, 'alla helgons dag', '2026-10-31'], // the first possible Saturday
    [2025, 'alla helgons dag', '2025-11-01'],
    [2027, 'alla helgons dag', '2027-11-06'], // the last possible Saturday
    [2027, 'långfredagen', '2027-03-26'],
    [2027, 'Kristi himmelsfärdsdag', '2027-05-06'],
    [2027, 'pingstdagen', '2027-05-16'],
  ])('%i: %s is %s', (year, name, expected) => {
    expect(dateOf(year, name)).toBe(expected);
  });

  it('joins the names when two holidays fall on the same date (Kristi himmelsfärdsdag on 1 May 2008)', () => {
    expect(swedishPublicHolidays(2008).get('2008-05-01')).toBe('första maj och Kristi himmelsfärdsdag');
  });

  it('does not count annandag pingst (abolished in 2005)', () => {
    expect(swedishPublicHolidays(2026).has('2026-05-25')).toBe(false);
    expect(isWorkingDay('2026-05-25')).toBe(true);
  });

  it('rejects a year that is not a whole Gregorian year', () => {
    expect(() => swedishPublicHolidays(2026.5)).toThrow();
    expect(() => swedishPublicHolidays(1500)).toThrow();
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2026-03-30', true], // Monday
    ['2026-04-02', true], // skärtorsdagen is a working day
    ['2026-03-27', true], // Friday
    ['2026-03-28', false], // Saturday
    ['2026-03-29', false], // Sunday
    ['2026-01-01', false], // nyårsdagen, Thursday
    ['2026-01-06', false], // trettondedag jul, Tuesday
    ['2026-04-03', false], // långfredagen
    ['2026-04-06', false], // annandag påsk
    ['2026-05-01', false], // första maj, Friday
    ['2026-05-14', false], // Kristi himmelsfärdsdag
    ['2026-05-15', true], // the "klämdag" after it is still a working day
    ['2026-06-19', false], // midsommarafton
    ['2026-12-24', false], // julafton, Thursday
    ['2026-12-25', false], // juldagen, Friday
    ['2026-12-31', false], // nyårsafton, Thursday
    ['2027-01-06', false], // trettondedag jul, Wednesday
    ['2027-06-25', false], // midsommarafton 2027
    ['2026-06-18', true], // the Thursday before midsommarafton
  ])('%s → %s', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it('rejects a string that is not an ISO date', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow();
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2026-03-30', 0, '2026-03-30'], // a working day stays put
    ['2026-03-29', 0, '2026-03-30'], // Sunday → Monday
    ['2026-04-03', 0, '2026-04-07'], // långfredagen → the Tuesday after annandag påsk
    ['2026-03-30', 1, '2026-03-31'],
    ['2026-03-27', 1, '2026-03-30'], // Friday + 1 → Monday
    ['2026-03-28', 1, '2026-03-30'], // Saturday + 1 → Monday
    ['2026-03-30', 4, '2026-04-07'], // 31 Mar, 1 Apr, 2 Apr, (3–6 April: Easter) 7 Apr
    ['2026-03-30', 5, '2026-04-08'],
    ['2026-04-02', 1, '2026-04-07'], // skärtorsdagen + 1, across Easter
    ['2026-04-01', 2, '2026-04-07'],
    ['2026-05-13', 1, '2026-05-15'], // across Kristi himmelsfärdsdag
    ['2026-06-18', 1, '2026-06-22'], // across midsummer
    ['2027-06-24', 1, '2027-06-28'],
    ['2026-12-23', 1, '2026-12-28'], // across Christmas
    ['2026-12-23', 4, '2027-01-04'], // 28, 29, 30, (31 Dec, 1 Jan) 4 Jan
    ['2026-12-23', 6, '2027-01-07'], // … 5 Jan, (6 Jan) 7 Jan
    ['2026-12-30', 1, '2027-01-04'], // across New Year
    ['2026-03-30', 10, '2026-04-15'],
  ])('%s + %i working days = %s', (from, n, expected) => {
    expect(addWorkingDays(from, n)).toBe(expected);
  });

  it.each([[-1], [1.5], [Number.NaN]])('rejects n = %p', (n) => {
    expect(() => addWorkingDays('2026-03-30', n)).toThrow();
  });
});

describe('workingDaysAfter', () => {
  it.each([
    ['winter: 08:00 CET is 07:00 UTC', '2026-01-12T10:00:00Z', 3, undefined, '2026-01-15T07:00:00.000Z'],
    ['summer: 08:00 CEST is 06:00 UTC', '2026-06-08T10:00:00Z', 3, undefined, '2026-06-11T06:00:00.000Z'],
    ['across Easter, into summer time', '2026-04-02T12:00:00Z', 1, undefined, '2026-04-07T06:00:00.000Z'],
    ['Friday before the clocks go forward (29 March 2026)', '2026-03-27T12:00:00Z', 1, undefined, '2026-03-30T06:00:00.000Z'],
    ['Friday before the clocks go back (25 October 2026)', '2026-10-23T12:00:00Z', 1, undefined, '2026-10-26T07:00:00.000Z'],
    // 23:30 UTC on Friday 27 March is 00:30 on Saturday 28 March in Sweden: counting starts from Saturday.
    ['late Friday evening UTC, already Saturday in Sweden', '2026-03-27T23:30:00Z', 1, undefined, '2026-03-30T06:00:00.000Z'],
    // With n = 0 the Swedish date decides alone: Saturday rolls on to Monday, Friday stays Friday.
    ['late Friday evening UTC, already Saturday in Sweden, n = 0', '2026-03-27T23:30:00Z', 0, undefined, '2026-03-30T06:00:00.000Z'],
    ['the same Friday an hour earlier is still Friday in Sweden, n = 0', '2026-03-27T22:30:00Z', 0, undefined, '2026-03-27T07:00:00.000Z'],
    ['22:59 UTC on a Thursday in winter is still Thursday in Sweden', '2026-01-15T22:59:00Z', 1, undefined, '2026-01-16T07:00:00.000Z'],
    ['23:00 UTC on a Thursday in winter is Friday in Sweden', '2026-01-15T23:00:00Z', 1, undefined, '2026-01-19T07:00:00.000Z'],
    ['a custom time of day', '2026-01-12T10:00:00Z', 2, { hour: 13, minute: 30 }, '2026-01-14T12:30:00.000Z'],
    ['a custom time of day in summer', '2026-06-08T10:00:00Z', 0, { hour: 16 }, '2026-06-08T14:00:00.000Z'],
    ['n = 0 on a Sunday: Monday at 08:00', '2026-03-29T10:00:00Z', 0, undefined, '2026-03-30T06:00:00.000Z'],
    ['across Christmas and New Year', '2026-12-23T09:00:00Z', 4, undefined, '2027-01-04T07:00:00.000Z'],
  ])('%s', (_label, submitted, n, at, expected) => {
    expect(workingDaysAfter(new Date(submitted), n, at).toISOString()).toBe(expected);
  });

  it('rejects an invalid instant or time of day', () => {
    expect(() => workingDaysAfter(new Date('nope'), 1)).toThrow();
    expect(() => workingDaysAfter(new Date('2026-01-12T10:00:00Z'), 1, { hour: 24 })).toThrow();
    expect(() => workingDaysAfter(new Date('2026-01-12T10:00:00Z'), 1, { hour: 8, minute: 60 })).toThrow();
  });
});
