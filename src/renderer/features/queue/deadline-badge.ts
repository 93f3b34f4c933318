/**
 * The deadline badge of a queue row: on track, due soon or overdue, counted in working days
 * in the zone of the case's unit (the central unit's before distribution), with the
 * organisation's holidays, by the shared working-day clock.
 */
import { deadlineState, type DeadlineState } from '../../../shared';
import { calendarOfUnit, zoneOfUnit, type DirectorySnapshot } from '../../db';

export { zoneOfUnit };

export function deadlineBadgeOf(
  dueAt: string | null,
  unitId: string | null,
  directory: DirectorySnapshot | null,
  now: Date,
): DeadlineState | null {
  if (dueAt === null || directory === null) return null;
  const calendar = calendarOfUnit(directory, unitId);
  return deadlineState(now, new Date(dueAt), calendar, directory.config.deadlines.dueSoonWorkingDays);
}
