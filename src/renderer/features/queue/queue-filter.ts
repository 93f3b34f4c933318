/**
 * The queue filters as one CaseQueueFilter: status through the store's `[status+queueKey]`
 * index, the rest (topic, urgency, unit, assignee, and the desk's channel, kind and deadline
 * state as `keep`) checked on the plaintext rows in the same pass. No decryption either way.
 */
import type { CaseQueueFilter, DirectorySnapshot, QueueRowFields } from '../../db';
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
