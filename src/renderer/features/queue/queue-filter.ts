/**
 * The queue filters as one CaseQueueFilter: status through the store's `[status+queueKey]`
 * index, the rest (topic, urgency, unit, assignee, and the desk's channel, kind and deadline
 * state as `keep`) checked on the plaintext rows in the same pass. No decryption either way.
 */
import { TIME_ZONES, addWorkingDays, type DeadlineState, type TimeZone } from '../../../shared';
import { NO_DEADLINE, calendarOfZone, type CaseQueueFilter, type DirectorySnapshot, type QueueRowFields } from '../../db';
import type { QueueFilters } from '../../state/queue-slice';
import type { SignedInOfficer } from '../../state/session-slice';
import { deadlineBadgeOf } from './deadline-badge';

export function storeFilterOf(
  filters: QueueFilters,
  officer: Pick<SignedInOfficer, 'userId' | 'unitId'>,
  limit: number,
  directory: DirectorySnapshot | null,
  now: Date,
): CaseQueueFilter {
  const hasRowFilters = filters.channel !== '' || filters.kind !== '' || filters.deadline !== '';
  return {
    ...(filters.status ? { statuses: [filters.status] } : {}),
    ...(filters.topic ? { topics: [filters.topic] } : {}),
    ...(filters.urgency ? { urgency: filters.urgency } : {}),
    ...(filters.scope === 'mine' ? { assigneeId: officer.userId } : {}),
    ...(filters.scope === 'my_unit' ? { unitId: officer.unitId } : {}),
    ...(filters.deadline && directory ? { dueBetween: dueRangeOf(filters.deadline, directory, now) } : {}),
    ...(hasRowFilters ? { keep: (row: QueueRowFields) => matchesRowFilters(row, filters, directory, now) } : {}),
    limit,
  };
}

export function matchesRowFilters(
  row: Pick<QueueRowFields, 'channel' | 'kind' | 'dueAt' | 'unitId'>,
  filters: QueueFilters,
  directory: DirectorySnapshot | null,
  now: Date,
): boolean {
  if (filters.channel && row.channel !== filters.channel) return false;
  if (filters.kind && row.kind !== filters.kind) return false;
  if (filters.deadline && deadlineBadgeOf(row.dueAt, row.unitId, directory, now) !== filters.deadline)
    return false;
  return true;
}

const DAY_MS = 86_400_000;
/** Slack around the due-soon limit: zones, and holidays changed since a deadline was computed. */
const LIMIT_SLACK_MS = 3 * DAY_MS;

/**
 * The deadlines (`dueAt`) a case in this deadline state can have now, in any zone, as a range
 * the store reads through its index; the exact state is then checked on each row
 * (matchesRowFilters). Overdue: before now. Due soon: from now to the end of the
 * `dueSoonWorkingDays`-th working day ahead. On track: after that; cases without a deadline
 * have no state.
 */
export function dueRangeOf(state: DeadlineState, directory: DirectorySnapshot, now: Date): { from: string; to: string } {
  if (state === 'overdue') return { from: '', to: new Date(now.getTime() + 1).toISOString() };
  const limits = (Object.keys(TIME_ZONES) as TimeZone[]).map((zone) =>
    addWorkingDays(now, directory.config.deadlines.dueSoonWorkingDays, calendarOfZone(directory, zone)).getTime(),
  );
  if (state === 'due_soon') return { from: now.toISOString(), to: new Date(Math.max(...limits) + LIMIT_SLACK_MS).toISOString() };
  return { from: new Date(Math.min(...limits) - LIMIT_SLACK_MS).toISOString(), to: NO_DEADLINE };
}
