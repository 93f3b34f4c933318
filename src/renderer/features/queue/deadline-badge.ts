/**
 * The deadline badge of a queue row: on track, due soon or overdue, counted in working days
 * in the zone of the case's unit (the central unit's before distribution), with the
 * organisation's holidays, by the shared working-day clock.
 */
import { deadlineState, workingCalendar, type DeadlineState, type TimeZone } from '../../../shared';
import type { DirectorySnapshot } from '../../db';

export function zoneOfUnit(directory: DirectorySnapshot | null, unitId: string | null): TimeZone {
  if (!directory) return 'WIB';
  const unit =
    directory.units.find((u) => u.id === unitId) ?? directory.units.find((u) => u.kind === 'central');
  return unit?.timeZone ?? 'WIB';
}

export function deadlineBadgeOf(
  dueAt: string | null,
  unitId: string | null,
  directory: DirectorySnapshot | null,
  now: Date,
): DeadlineState | null {
  if (dueAt === null || directory === null) return null;
  const calendar = workingCalendar(zoneOfUnit(directory, unitId), directory.config.holidays);
  return deadlineState(now, new Date(dueAt), calendar, directory.config.deadlines.dueSoonWorkingDays);
}
