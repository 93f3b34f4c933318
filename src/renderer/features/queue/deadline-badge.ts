/**
 * The deadline badge of a queue row: on track, due soon or overdue, counted in working days
 * in the zone of the case's unit (the central unit's before distribution), with the
 * organisation's holidays, by the shared working-day clock.
 */
import { deadlineState, workingCalendar, type DeadlineState, type TimeZone, type WorkingCalendar } from '../../../shared';
import { zoneOfUnit, type DirectorySnapshot } from '../../db';

export { zoneOfUnit };

/** One calendar per directory and zone: a filtered queue asks for every row's badge. */
const calendars = new WeakMap<DirectorySnapshot, Map<TimeZone, WorkingCalendar>>();

function calendarOf(directory: DirectorySnapshot, zone: TimeZone): WorkingCalendar {
  let byZone = calendars.get(directory);
  if (!byZone) calendars.set(directory, (byZone = new Map()));
  let calendar = byZone.get(zone);
  if (!calendar) byZone.set(zone, (calendar = workingCalendar(zone, directory.config.holidays)));
  return calendar;
}

export function deadlineBadgeOf(
  dueAt: string | null,
  unitId: string | null,
  directory: DirectorySnapshot | null,
  now: Date,
): DeadlineState | null {
  if (dueAt === null || directory === null) return null;
  const calendar = calendarOf(directory, zoneOfUnit(directory, unitId));
  return deadlineState(now, new Date(dueAt), calendar, directory.config.deadlines.dueSoonWorkingDays);
}
