/**
 * The queue's UI state: filters, the search text and which case is open. Records stay in
 * Dexie; this only says what the officer asked to see.
 */
import type { StateCreator } from 'zustand';
import type { CaseKind, CaseStatus, DeadlineState } from '../../shared';

export type ScopeFilter = 'all' | 'mine' | 'my_unit';

export interface QueueFilters {
  status: CaseStatus | '';
  topic: string;
  channel: string;
  kind: CaseKind | '';
  urgency: 'normal' | 'urgent' | '';
  deadline: DeadlineState | '';
  scope: ScopeFilter;
}

export const EMPTY_FILTERS: QueueFilters = {
  status: '',
  topic: '',
  channel: '',
  kind: '',
  urgency: '',
  deadline: '',
  scope: 'all',
};

export interface QueueSlice {
  filters: QueueFilters;
  searchText: string;
  openCaseId: string | null;
  setFilter<K extends keyof QueueFilters>(key: K, value: QueueFilters[K]): void;
  clearFilters(): void;
  setSearchText(text: string): void;
  openCase(caseId: string | null): void;
}

export function createQueueSlice<State extends QueueSlice>(): StateCreator<State, [], [], QueueSlice> {
  return (set) => ({
    filters: EMPTY_FILTERS,
    searchText: '',
    openCaseId: null,
    setFilter: (key, value) => set((state) => ({ ...state, filters: { ...state.filters, [key]: value } })),
    clearFilters: () => set((state) => ({ ...state, filters: EMPTY_FILTERS, searchText: '' })),
    setSearchText: (searchText) => set((state) => ({ ...state, searchText })),
    openCase: (openCaseId) => set((state) => ({ ...state, openCaseId })),
  });
}
