/**
 * The working-day clock. Deadlines count working days in the unit's own zone: Saturdays,
 * Sundays and configured holidays do not count, and a deadline is the end (23:59:59.999 local)
 * of its last working day. The day of receipt itself never counts, so a case received at
 * 16:00 on a Friday gets the same deadline as one received on Saturday.
 *
 * Pure arithmetic on UTC milliseconds with fixed zone offsets (Indonesia has no DST), so it
 * gives the same answer in the main process, the renderer and the server whatever their TZ.
 */
import { TIME_ZONES, type TimeZone } from '../domain/org';

const DAY_MS = 86_400_000;

/** A calendar date in a zone, as days since 1970-01-01 (local). */
type LocalDay = number;

export interface WorkingCalendar {
  zone: TimeZone;
  /**
   * Days that are not working days besides weekends, as local days (the configured YYYY-MM-DD
   * dates): counting working days checks every day it steps over.
   */
  holidayDays: ReadonlySet<LocalDay>;
}

export function workingCalendar(zone: TimeZone, holidays: Iterable<string> = []): WorkingCalendar {
  const holidayDays = new Set<LocalDay>();
  for (const date of holidays) {
    const at = Date.parse(`${date}T00:00:00.000Z`);
    if (Number.isFinite(at)) holidayDays.add(Math.floor(at / DAY_MS));
  }
  return { zone, holidayDays };
}

function offsetMs(zone: TimeZone): number {
  return TIME_ZONES[zone].offsetMinutes * 60_000;
}

export function localDayOf(instant: Date, zone: TimeZone): LocalDay {
  return Math.floor((instant.getTime() + offsetMs(zone)) / DAY_MS);
}

export function localDateString(day: LocalDay): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: Date, zone: TimeZone): string {
  return localDateString(localDayOf(instant, zone));
}

export function isWorkingDay(day: LocalDay, calendar: WorkingCalendar): boolean {
  // 1970-01-01 was a Thursday: day 0 → weekday 4 (Sunday = 0).
  const weekday = (((day + 4) % 7) + 7) % 7;
  if (weekday === 0 || weekday === 6) return false;
  return !calendar.holidayDays.has(day);
}

export function isWorkingInstant(instant: Date, calendar: WorkingCalendar): boolean {
  return isWorkingDay(localDayOf(instant, calendar.zone), calendar);
}

/** The local day `count` working days after `day` (count 0: `day` itself if working, else the next). */
function workingDayAfter(day: LocalDay, count: number, calendar: WorkingCalendar): LocalDay {
  let current = day;
  if (count === 0) {
    while (!isWorkingDay(current, calendar)) current += 1;
    return current;
  }
  let remaining = count;
  while (remaining > 0) {
    current += 1;
    if (isWorkingDay(current, calendar)) remaining -= 1;
  }
  return current;
}

function endOfLocalDay(day: LocalDay, zone: TimeZone): Date {
  return new Date((day + 1) * DAY_MS - offsetMs(zone) - 1);
}

/**
 * The deadline `days` working days after `start`: the end of that working day, local time.
 * With 0 days, the end of the first working day on or after the start.
 */
export function addWorkingDays(start: Date, days: number, calendar: WorkingCalendar): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
  const day = workingDayAfter(localDayOf(start, calendar.zone), days, calendar);
  return endOfLocalDay(day, calendar.zone);
}

/**
 * Whole working days from `from` to `to`: the number of working days after the day of `from`
 * up to and including the day of `to` (0 when both fall on the same day). Negative when `to`
 * is earlier. Used for average follow-up time.
 */
export function workingDaysBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  const a = localDayOf(from, calendar.zone);
  const b = localDayOf(to, calendar.zone);
  if (b < a) return -workingDaysBetween(to, from, calendar);
  let count = 0;
  for (let day = a + 1; day <= b; day += 1) if (isWorkingDay(day, calendar)) count += 1;
  return count;
}
