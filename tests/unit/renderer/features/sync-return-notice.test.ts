import { describe, expect, it } from 'vitest';
import { createSyncReturnTracker } from '../../../../src/renderer/features/sync-status/sync-return-notice';
import { SyncNetworkError, statusError, type CycleOutcome } from '../../../../src/renderer/sync';

const synced = (pushed: number): CycleOutcome => ({
  kind: 'synced',
  pushed,
  pulledPages: 1,
  pulledChanges: 4,
  uploaded: 0,
  didReset: false,
});

describe('telling the officer their work reached the server', () => {
  it('says nothing about a sync while online all along', () => {
    const tracker = createSyncReturnTracker();
    tracker.observeStatus({ isOnline: true, error: null });
    expect(tracker.observeCycle(synced(3))).toBeNull();
  });

  it('tells once, on the first sync after the browser said offline, with the number sent', () => {
    const tracker = createSyncReturnTracker();
    tracker.observeStatus({ isOnline: false, error: null });
    expect(tracker.observeCycle({ kind: 'skipped', reason: 'offline' })).toBeNull();
    tracker.observeStatus({ isOnline: true, error: null });
    expect(tracker.observeCycle(synced(4))).toEqual({ wasOffline: true, sentCount: 4, receivedCount: 4 });
    expect(tracker.observeCycle(synced(1))).toBeNull();
  });

  it('counts an unreachable server as offline, but not a refusal that needs a person', () => {
    const tracker = createSyncReturnTracker();
    const unreachable = new SyncNetworkError({ cause: new Error('down') });
    expect(tracker.observeCycle({ kind: 'failed', error: unreachable, retryInMs: 1000 })).toBeNull();
    expect(tracker.observeCycle(synced(2))).toEqual({ wasOffline: true, sentCount: 2, receivedCount: 4 });

    tracker.observeStatus({ isOnline: true, error: statusError('timeout', 0) });
    expect(tracker.observeCycle(synced(0))).toEqual({ wasOffline: true, sentCount: 0, receivedCount: 4 });

    tracker.observeStatus({ isOnline: true, error: statusError('storage_full', 0) });
    expect(tracker.observeCycle(synced(5))).toBeNull();
  });

  it('keeps the offline mark through a skipped cycle until a sync succeeds', () => {
    const tracker = createSyncReturnTracker();
    tracker.observeStatus({ isOnline: false, error: null });
    expect(tracker.observeCycle({ kind: 'skipped', reason: 'standby' })).toBeNull();
    expect(tracker.observeCycle(synced(1))).toEqual({ wasOffline: true, sentCount: 1, receivedCount: 4 });
  });
});
