/**
 * The rows the queue shows, live from Dexie: the store's queue order (urgent first, then the
 * nearest deadline) under the filters, or the search results when the officer searches.
 * Grows `limit` rows at a time as the officer scrolls, so a 100k-case store opens fast.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useShallow } from 'zustand/react/shallow';
import { findCasesByIdentity, queryCaseQueue, searchCases, type CaseQueueRow } from '../../db';
import { useAppStore } from '../../state/app-store';
import type { QueueFilters } from '../../state/queue-slice';
import type { DeskSession } from '../session/desk-session';
import { useDesk } from '../session/desk-context';
import { filteredQueue, matchesRowFilters, storeFilterOf } from './queue-filter';
import { classifySearch } from './queue-search';

/** Rows read at first and added per scroll step: a screen holds about a dozen. */
export const QUEUE_PAGE = 200;

/** The first `limit` rows under the filters or the search, as the queue lists them. */
export async function readCaseQueue(
  desk: Pick<DeskSession, 'store' | 'officer'>,
  { filters, searchText }: { filters: QueueFilters; searchText: string },
  at: Date,
  limit: number,
): Promise<CaseQueueRow[]> {
  const { store, officer } = desk;
  const query = classifySearch(searchText);
  const filter = storeFilterOf(filters, officer, limit);
  if (query.kind === 'empty') {
    const hasRowFilters = filters.channel !== '' || filters.kind !== '' || filters.deadline !== '';
    if (!hasRowFilters) return queryCaseQueue(store, filter);
    return filteredQueue(
      (offset, count) => queryCaseQueue(store, { ...filter, offset, limit: count }),
      (row) => matchesRowFilters(row, filters, store.directory, at),
      limit,
    );
  }
  // Search results obey the same filters as the queue: the store's, then the row filters.
  const found =
    query.kind === 'nik'
      ? await findCasesByIdentity(store, { nik: query.nik }, filter)
      : query.kind === 'phone'
        ? await findCasesByIdentity(store, { phone: query.phone }, filter)
        : await searchCases(store, query.text, limit, filter);
  return found.filter((row) => matchesRowFilters(row, filters, store.directory, at));
}

export function useCaseQueue(limit: number, now: Date): CaseQueueRow[] | undefined {
  const desk = useDesk();
  const { filters, searchText } = useAppStore(
    useShallow((s) => ({ filters: s.filters, searchText: s.searchText })),
  );
  // Deadline states change slowly; recomputing them once a minute is enough.
  const minute = Math.floor(now.getTime() / 60_000);
  return useLiveQuery(
    () => readCaseQueue(desk, { filters, searchText }, new Date(minute * 60_000), limit),
    [desk, filters, searchText, limit, minute],
  );
}
