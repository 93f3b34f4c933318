/**
 * The sync status the UI shows (Zustand): whether the workstation is online, what waits to be
 * sent and since when, when the last push and pull succeeded, what is moving right now, what
 * went wrong in plain words, and what the next push would carry. The engine writes it; the
 * records themselves stay in Dexie (STYLE.md habit 3).
 *
 * `createSyncSlice` goes into the app's single store of feature slices; `createSyncStatusStore`
 * is the same slice alone, for tests and for a worker.
 */
import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import { syncErrorText, type SyncErrorCode } from './sync-errors';

export type SyncPhase =
  /** Nothing to do, or waiting for the next trigger. */
  | 'idle'
  | 'pushing'
  | 'pulling'
  | 'uploading'
  /** The last attempt failed; the next one is scheduled (see `nextRetryAt`). */
  | 'waiting_to_retry'
  /** Another window of this user holds the sync lock and syncs for both. */
  | 'standby'
  /** Needs a person: sign in again, or update the app. */
  | 'blocked'
  | 'stopped';

export interface SyncProgress {
  itemsSent: number;
  itemsTotal: number;
  /** Compressed bytes on the wire (estimated for what is not sent yet). */
  bytesSent: number;
  bytesTotal: number;
}

export interface SyncStatusError {
  code: SyncErrorCode;
  /** Bahasa Indonesia, for the officer. */
  message: string;
  /** English, the UI's second language. */
  messageEn: string;
  /** ms since epoch. */
  at: number;
}

export interface SyncStatus {
  isOnline: boolean;
  phase: SyncPhase;
  pendingCount: number;
  /** When the oldest unsent change was made (ms since epoch), or null when nothing waits. */
  oldestPendingAt: number | null;
  lastPushAt: number | null;
  lastPullAt: number | null;
  progress: SyncProgress | null;
  error: SyncStatusError | null;
  nextRetryAt: number | null;
  rejectedCount: number;
  conflictCount: number;
  /** What "Sync now" would send: every pending change, and its estimated compressed size. */
  nextPush: { count: number; estimatedBytes: number };
  /** Attachments still waiting for (part of) their bytes to be uploaded. */
  pendingAttachmentCount: number;
}

export const INITIAL_SYNC_STATUS: SyncStatus = {
  isOnline: true,
  phase: 'idle',
  pendingCount: 0,
  oldestPendingAt: null,
  lastPushAt: null,
  lastPullAt: null,
  progress: null,
  error: null,
  nextRetryAt: null,
  rejectedCount: 0,
  conflictCount: 0,
  nextPush: { count: 0, estimatedBytes: 0 },
  pendingAttachmentCount: 0,
};

export interface SyncSlice {
  sync: SyncStatus;
  /** The engine's only way in. */
  updateSyncStatus(patch: Partial<SyncStatus>): void;
  resetSyncStatus(): void;
}

/** For the app's combined store: `create<AppState>()((...a) => ({ ...createSyncSlice<AppState>()(...a), ... }))`. */
export function createSyncSlice<State extends SyncSlice = SyncSlice>(): StateCreator<
  State,
  [],
  [],
  SyncSlice
> {
  return (set) => ({
    sync: INITIAL_SYNC_STATUS,
    updateSyncStatus: (patch) => set((state) => ({ ...state, sync: { ...state.sync, ...patch } })),
    resetSyncStatus: () => set((state) => ({ ...state, sync: INITIAL_SYNC_STATUS })),
  });
}

export type SyncStatusStore = StoreApi<SyncSlice>;

/** The slice alone, in a store of its own. */
export function createSyncStatusStore(): SyncStatusStore {
  return createStore<SyncSlice>()(createSyncSlice<SyncSlice>());
}

/** Builds the status error for `code`, with both languages' sentences. */
export function statusError(code: SyncErrorCode, at: number, message?: string): SyncStatusError {
  const text = syncErrorText(code);
  return { code, message: message ?? text.id, messageEn: text.en, at };
}

/** How long the oldest unsent change has waited, for "tertunda sejak 3 jam". */
export function selectOldestPendingAgeMs(state: SyncSlice, now: number): number | null {
  return state.sync.oldestPendingAt === null ? null : Math.max(0, now - state.sync.oldestPendingAt);
}

/** The part of the status the engine writes to; any store holding the slice fits. */
export interface SyncStatusSink {
  update(patch: Partial<SyncStatus>): void;
  current(): SyncStatus;
}

export function statusSinkOf(store: StoreApi<SyncSlice>): SyncStatusSink {
  return {
    update: (patch) => store.getState().updateSyncStatus(patch),
    current: () => store.getState().sync,
  };
}
