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
import { storeFilterOf } from './queue-filter';
import { classifySearch } from './queue-search';

/** Rows read at first and added per scroll step: a screen holds about a dozen. */
export const QUEUE_PAGE = 200;

/** The first `limit` rows under the filters or the search, as the queue lists them. */
export async function readCaseQueue(
  desk: { store: DeskSession['store']; officer: Pick<DeskSession['officer'], 'userId' | 'unitId'> },
  { filters, searchText }: { filters: QueueFilters; searchText: string },
  at: Date,
  limit: number,
): Promise<CaseQueueRow[]> {
  const { store, officer } = desk;
  const query = classifySearch(searchText);
  // One filter for the queue and the search alike: the store checks every part in one pass.
  const filter = storeFilterOf(filters, officer, limit, store.directory, at);
  switch (query.kind) {
    case 'empty':
      return queryCaseQueue(store, filter);
    case 'nik':
      return findCasesByIdentity(store, { nik: query.nik }, filter);
    case 'phone':
      return findCasesByIdentity(store, { phone: query.phone }, filter);
    default:
      return searchCases(store, query.text, limit, filter);
  }
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
