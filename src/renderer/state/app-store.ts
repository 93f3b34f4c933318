/**
 * The desk's one Zustand store, made of feature slices: session, queue and sync status
 * (src/renderer/sync/status-slice.ts, written by the engine). UI and session state only;
 * records come from Dexie (STYLE.md habit 3). Components select narrowly, with `useShallow`
 * when a selector builds an object.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { createSyncSlice, type SyncSlice } from '../sync/status-slice';
import { EMPTY_FILTERS, createQueueSlice, type QueueSlice } from './queue-slice';
import { createSessionSlice, type SessionSlice } from './session-slice';
import { INITIAL_SYNC_STATUS } from '../sync/status-slice';

export type AppState = SessionSlice & QueueSlice & SyncSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(): AppStore {
  return createStore<AppState>()((...args) => ({
    ...createSessionSlice<AppState>()(...args),
    ...createQueueSlice<AppState>()(...args),
    ...createSyncSlice<AppState>()(...args),
  }));
}

/** Everything back to a fresh desk: used when the officer signs out or another signs in. */
export function resetForSignOut(store: AppStore): void {
  store.setState({
    isLocked: false,
    filters: EMPTY_FILTERS,
    searchText: '',
    openCaseId: null,
    sync: INITIAL_SYNC_STATUS,
  });
}

/** The app's store; a module instance so features need no prop drilling. */
export const appStore: AppStore = createAppStore();

export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
