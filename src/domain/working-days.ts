/**
 * Swedish working days: the clock the programme's reminders and escalations run on ("no decision after a
 * configurable number of working days: a reminder; after more: an escalation").
 *
 * A working day is Monday to Friday, not a public holiday, and not one of the three eves that Swedish
 * municipalities treat as days off. Dates are ISO strings (YYYY-MM-DD) in Swedish time, as in ./dates.
 */
import { addDays, isIsoDate, swedishDate, swedishInstant } from './dates';


function ymd(date: string): [number, number, number] {
  if (!isIsoDate(date)) throw new Error(`not an ISO date: ${date}`);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

const isoOf = (year: number, month: number, day: number): string => new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);

/** 0 = Sunday … 6 = Saturday. */
function weekday(date: string): number {
  const [y, m, d] = ymd(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The first date on or after `from` that falls on `day` (0 = Sunday … 6 = Saturday). */
function onOrAfter(from: string, day: number): string {
  return addDays(from, (day - weekday(from) + 7) % 7);
}

/** Easter Sunday in the Gregorian calendar (the anonymous computus of Meeus/Jones/Butcher). */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoOf(year, month, day);
}

const holidayCache = new Map<number, ReadonlyMap<string, string>>();

/**
 * The Swedish non-working holidays of a year: ISO date → Swedish name, in calendar order.
 *
 * Midsommarafton, julafton and nyårsafton are not public holidays by law (lagen (1989:253) om allmänna helgdagar),
 * but in practice they are days off in Swedish municipalities, so they are counted here as non-working days.
 * Annandag pingst has not been a holiday since 2005 and is not included. When two holidays fall on the same
 * date (Kristi himmelsfärdsdag on första maj, as in 2008), the names are joined with " och ".
 */
export function swedishPublicHolidays(year: number): ReadonlyMap<string, string> {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) throw new Error(`not a supported year: ${year}`);
  const cached = holidayCache.get(year);
  if (cached) return cached;

  const easter = easterSunday(year);
  const entries: [string, string][] = [
    [isoOf(year, 1, 1), 'nyårsdagen'],
    [isoOf(year, 1, 6), 'trettondedag jul'],
    [addDays(easter, -2), 'långfredagen'],
    [easter, 'påskdagen'],
    [addDays(easter, 1), 'annandag påsk'],
    [isoOf(year, 5, 1), 'första maj'],
    [addDays(easter, 39), 'Kristi himmelsfärdsdag'],
    [addDays(easter, 49), 'pingstdagen'],
    [isoOf(year, 6, 6), 'Sveriges nationaldag'],
    [onOrAfter(isoOf(year, 6, 19), 5), 'midsommarafton'], // the Friday between 19 and 25 June
    [onOrAfter(isoOf(year, 6, 20), 6), 'midsommardagen'], // the Saturday between 20 and 26 June
    [onOrAfter(isoOf(year, 10, 31), 6), 'alla helgons dag'], // the Saturday between 31 October and 6 November
    [isoOf(year, 12, 24), 'julafton'],
    [isoOf(year, 12, 25), 'juldagen'],
    [isoOf(year, 12, 26), 'annandag jul'],
    [isoOf(year, 12, 31), 'nyårsafton'],
  ];
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  const holidays = new Map<string, string>();
  for (const [date, name] of entries) {
    const existing = holidays.get(date);
    holidays.set(date, existing ? `${existing} och ${name}` : name);
  }
  holidayCache.set(year, holidays);
  return holidays;
}

/** Monday to Friday, and not a Swedish holiday (see swedishPublicHolidays). */
export function isWorkingDay(date: string): boolean {
  const day = weekday(date);
  if (day === 0 || day === 6) return false;
  return !swedishPublicHolidays(Number(date.slice(0, 4))).has(date);
}

/**
 * The date `n` working days after `date`. The count starts the day after `date`, so from a Saturday, one
 * working day later is (usually) the Monday. With n = 0: `date` itself if it is a working day, otherwise the
 * next working day.
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new Error(`not a non-negative whole number of working days: ${n}`);
  ymd(date);
  let current = date;
  for (let counted = 0; counted < n; ) {
    current = addDays(current, 1);
    if (isWorkingDay(current)) counted += 1;
  }
  while (!isWorkingDay(current)) current = addDays(current, 1);
  return current;
}

/**
 * The instant at Swedish time `at.hour:at.minute` (default 08:00 Europe/Stockholm, CET or CEST as it falls)
 * on the date `n` working days after the Swedish date of `instant`. For the scheduler: "remind 3 working
 * days after submission, at 08:00 Swedish time".
 */
export function workingDaysAfter(instant: Date, n: number, at: { hour: number; minute?: number } = { hour: 8 }): Date {
  if (Number.isNaN(instant.getTime())) throw new Error('not a valid instant');
  const minute = at.minute ?? 0;
  if (!Number.isInteger(at.hour) || at.hour < 0 || at.hour > 23) throw new Error(`not an hour of the day: ${at.hour}`);
  if (!Number.isInteger(minute) || minute < 0 || minute > 59) throw new Error(`not a minute of the hour: ${minute}`);
  return swedishInstant(addWorkingDays(swedishDate(instant), n), at.hour, minute);
}
