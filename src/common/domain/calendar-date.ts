/**
 * Calendar dates (no time of day, no zone) as `YYYY-MM-DD` strings. Due dates, start dates and
 * "as of" dates are all calendar dates, compared in UTC.
 */
export type CalendarDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;

/** True for a real date in `YYYY-MM-DD` form (2026-02-30 is not). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/**
 * The dates the service takes from clients (start, due and "as of" dates). Wide enough for any
 * onboarding, narrow enough that a start date plus the longest due offset (3,650 days) stays a
 * plain four-digit year in JavaScript and PostgreSQL alike.
 */
export const EARLIEST_DATE: CalendarDate = '2000-01-01';
export const LATEST_DATE: CalendarDate = '2099-12-31';

/** A real calendar date within EARLIEST_DATE..LATEST_DATE. */
export function isDateInRange(value: unknown): value is CalendarDate {
  return isCalendarDate(value) && value >= EARLIEST_DATE && value <= LATEST_DATE;
}

function toUtcMs(date: CalendarDate): number {
  if (!isCalendarDate(date)) throw new RangeError(`Not a calendar date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return new Date(toUtcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** The UTC calendar date of an instant. */
export function calendarDateOf(instant: Date): CalendarDate {
  return instant.toISOString().slice(0, 10);
}

export function todayUtc(now: Date = new Date()): CalendarDate {
  return calendarDateOf(now);
}

/** A Date at UTC midnight, as Prisma reads and writes `@db.Date` columns. */
export function toDbDate(date: CalendarDate): Date {
  return new Date(toUtcMs(date));
}

/**
 * `2026-11-27` → `27 Nov 2026`, as the web app shows dates: for text people read (a reason
 * written with an event), while the data beside it keeps `YYYY-MM-DD`.
 */
export function formatCalendarDate(date: CalendarDate): string {
  const match = DATE_PATTERN.exec(date);
  if (!match) return date;
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}

/** `1 day`, `50 days`. */
export function formatDays(days: number): string {
  return `${days} ${Math.abs(days) === 1 ? 'day' : 'days'}`;
}
