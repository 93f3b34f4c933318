/**
 * The queue filters: those the store answers from its indexes (status, topic, urgency, unit,
 * assignee) become a CaseQueueFilter; channel, kind and deadline state are checked on the
 * plaintext rows it returns (no decryption either way).
 */
import type { CaseQueueFilter, CaseQueueRow, DirectorySnapshot } from '../../db';
import type { QueueFilters } from '../../state/queue-slice';
import type { SignedInOfficer } from '../../state/session-slice';
import { deadlineBadgeOf } from './deadline-badge';

export function storeFilterOf(
  filters: QueueFilters,
  officer: Pick<SignedInOfficer, 'userId' | 'unitId'>,
  limit: number,
): CaseQueueFilter {
  return {
    ...(filters.status ? { statuses: [filters.status] } : {}),
    ...(filters.topic ? { topics: [filters.topic] } : {}),
    ...(filters.urgency ? { urgency: filters.urgency } : {}),
    ...(filters.scope === 'mine' ? { assigneeId: officer.userId } : {}),
    ...(filters.scope === 'my_unit' ? { unitId: officer.unitId } : {}),
    limit,
  };
}

export function matchesRowFilters(
  row: CaseQueueRow,
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

/** Rows read per step while filters the indexes cannot answer (channel, kind, deadline) thin them out. */
const SCAN_PAGE = 2_000;

/**
 * Up to `limit` rows of the queue that also pass `keep`, reading the store's queue order page
 * by page, so a row filter never hides matches that lie beyond the first page.
 */
export async function filteredQueue(
  read: (offset: number, limit: number) => Promise<CaseQueueRow[]>,
  keep: (row: CaseQueueRow) => boolean,
  limit: number,
): Promise<CaseQueueRow[]> {
  const found: CaseQueueRow[] = [];
  for (let offset = 0; found.length < limit; offset += SCAN_PAGE) {
    const page = await read(offset, SCAN_PAGE);
    for (const row of page) if (keep(row)) found.push(row);
    if (page.length < SCAN_PAGE) break;
  }
  return found.slice(0, limit);
}
