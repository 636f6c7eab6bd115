/**
 * Calendar dates as ISO strings (YYYY-MM-DD), the way the programme's rules count them: in Swedish time,
 * whole days, months added on the calendar.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function parts(value: string): [number, number, number] {
  const m = ISO_DATE.exec(value);
  if (!m || !isIsoDate(value)) throw new Error(`not an ISO date: ${value}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Adds calendar months. When the day does not exist in the target month (31 January + 1 month, 29 February
 * + 12 months), the date rolls over to the first day of the following month. So "one year after 29 February
 * 2024" is 1 March 2025: a full year has passed on that day, never earlier.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return d <= lastDay ? iso(new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), d))) : iso(new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 1)));
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return iso(new Date(Date.UTC(y, m - 1, d + days)));
}

/** sv-SE formats as YYYY-MM-DD. Built once, like `stockholmClock` below: a formatter costs far more to make than to use. */
const stockholmDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Sweden for an instant (the rules count Swedish calendar days). */
export function swedishDate(instant: Date): string {
  return stockholmDate.format(instant);
}

const stockholmClock = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Stockholm',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** How far Swedish wall-clock time is ahead of UTC at an instant, in milliseconds (1 h in winter, 2 h in summer). */
function stockholmOffsetMs(instant: number): number {
  const field = (parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const clock = stockholmClock.formatToParts(new Date(instant));
  const wall = Date.UTC(field(clock, 'year'), field(clock, 'month') - 1, field(clock, 'day'), field(clock, 'hour') % 24, field(clock, 'minute'), field(clock, 'second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant at which Swedish wall-clock time reads `hour:minute` on `date` (midnight by default). */
export function swedishInstant(date: string, hour = 0, minute = 0): Date {
  const [y, m, d] = parts(date);
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  // First guess with the offset at the wall time read as UTC, then correct it with the offset at the guess;
  // this settles on the right side of a CET/CEST change (which only happens on Sundays, at night).
  const guess = wall - stockholmOffsetMs(wall);
  return new Date(wall - stockholmOffsetMs(guess));
}
