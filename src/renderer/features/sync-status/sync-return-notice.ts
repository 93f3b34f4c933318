/**
 * When to tell the officer, outside the window, that their work reached the server: the first
 * successful sync after the desk had been offline, whether the browser said so (no network)
 * or the server could not be reached (a network error or a timeout). A sync while online all
 * along is routine and says nothing (main shows only `wasOffline` events).
 */
import type { CycleOutcome, SyncErrorCode, SyncStatus } from '../../sync';

const UNREACHABLE: ReadonlySet<SyncErrorCode> = new Set<SyncErrorCode>(['network', 'timeout']);

export interface SyncReturn {
  readonly wasOffline: true;
  readonly sentCount: number;
  /** Changes the pull brought (the server's confirmations of the officer's own work included). */
  readonly receivedCount: number;
}

export interface SyncReturnTracker {
  /** Every sync status the desk sees; offline or unreachable marks the desk as having been away. */
  observeStatus(status: Pick<SyncStatus, 'isOnline' | 'error'>): void;
  /** A finished sync cycle; returns what to tell the officer, or null when there is nothing to tell. */
  observeCycle(outcome: CycleOutcome): SyncReturn | null;
}

export function createSyncReturnTracker(): SyncReturnTracker {
  let wasOffline = false;
  return {
    observeStatus(status) {
      if (!status.isOnline || (status.error !== null && UNREACHABLE.has(status.error.code)))
        wasOffline = true;
    },
    observeCycle(outcome) {
      if (outcome.kind === 'skipped') {
        if (outcome.reason === 'offline') wasOffline = true;
        return null;
      }
      if (outcome.kind === 'failed') {
        if (UNREACHABLE.has(outcome.error.code)) wasOffline = true;
        return null;
      }
      if (!wasOffline) return null;
      wasOffline = false;
      return { wasOffline: true, sentCount: outcome.pushed, receivedCount: outcome.pulledChanges };
    },
  };
}
