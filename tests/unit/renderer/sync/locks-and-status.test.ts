/**
 * The one-engine-per-user lock (in-process fallback; real Web Locks run in the Chromium
 * test) and the status slice, alone and inside a combined store of feature slices.
 */
import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import {
  createInProcessLockManager,
  createSyncSlice,
  createSyncStatusStore,
  createWebLockManager,
  selectOldestPendingAgeMs,
  statusError,
  syncLockName,
  type HeldLock,
  type SyncSlice,
} from '../../../../src/renderer/sync';
import { linkedAbort } from '../../../../src/renderer/sync/linked-abort';

describe('sync lock, in-process fallback', () => {
  it('grants one holder at a time, in order of asking', async () => {
    const locks = createInProcessLockManager();
    const order: string[] = [];
    const first = await locks.acquire('tindak-sync-u1');
    const inOrder = (name: string) => (held: HeldLock) => {
      order.push(name);
      return held;
    };
    const second = locks.acquire('tindak-sync-u1').then(inOrder('second'));
    const third = locks.acquire('tindak-sync-u1').then(inOrder('third'));
    expect(await locks.tryAcquire('tindak-sync-u1')).toBeNull();
    // Another user's lock is independent.
    const other = await locks.tryAcquire('tindak-sync-u2');
    expect(other).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual([]);
    first.release();
    (await second).release();
    (await third).release();
    expect(order).toEqual(['second', 'third']);
    expect(await locks.tryAcquire('tindak-sync-u1')).not.toBeNull();
  });

  it('gives up waiting when aborted, without taking the lock later', async () => {
    const locks = createInProcessLockManager();
    const held = await locks.acquire('l');
    const controller = new AbortController();
    const waiting = locks.acquire('l', controller.signal);
    controller.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
    held.release();
    expect(await locks.tryAcquire('l')).not.toBeNull();
  });

  it('adapts a Web Locks manager: the lock is held until release, and ifAvailable may refuse', async () => {
    const granted: string[] = [];
    let isHeld = false;
    let isBusy = false;
    const fake = {
      request(
        name: string,
        options: { signal?: AbortSignal; ifAvailable?: boolean },
        callback: (lock: unknown) => Promise<void>,
      ) {
        if (options.ifAvailable && isBusy) return callback(null);
        granted.push(name);
        isHeld = true;
        return callback({ name }).then(() => {
          isHeld = false;
        });
      },
    };
    const locks = createWebLockManager(fake);
    const lock = await locks.acquire(syncLockName('u1'));
    expect(granted).toEqual(['tindak-sync-u1']);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(isHeld).toBe(true);
    lock.release();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(isHeld).toBe(false);
    isBusy = true;
    expect(await locks.tryAcquire(syncLockName('u1'))).toBeNull();
  });
});

describe('sync status slice', () => {
  it('starts idle and takes patches from the engine', () => {
    const store = createSyncStatusStore();
    expect(store.getState().sync).toMatchObject({ phase: 'idle', pendingCount: 0, error: null });
    store.getState().updateSyncStatus({ pendingCount: 4, oldestPendingAt: 1_000, phase: 'pushing' });
    expect(store.getState().sync).toMatchObject({ pendingCount: 4, phase: 'pushing' });
    expect(selectOldestPendingAgeMs(store.getState(), 61_000)).toBe(60_000);
    store.getState().resetSyncStatus();
    expect(selectOldestPendingAgeMs(store.getState(), 61_000)).toBeNull();
  });

  it('fits into the app’s single store of feature slices', () => {
    interface SessionSlice {
      userName: string | null;
      setUserName(name: string): void;
    }
    type AppState = SyncSlice & SessionSlice;
    const useApp = create<AppState>()((...a) => ({
      ...createSyncSlice<AppState>()(...a),
      userName: null,
      setUserName: (name) => a[0]({ userName: name }),
    }));
    useApp.getState().setUserName('liaisona');
    useApp.getState().updateSyncStatus({ conflictCount: 2 });
    expect(useApp.getState()).toMatchObject({ userName: 'liaisona', sync: { conflictCount: 2 } });
  });

  it('carries errors as a code and sentences in Bahasa Indonesia and English', () => {
    expect(statusError('storage_full', 5)).toMatchObject({
      code: 'storage_full',
      at: 5,
      message: expect.stringMatching(/Penyimpanan perangkat penuh/),
      messageEn: expect.stringMatching(/storage is full/),
    });
    expect(statusError('protocol_mismatch', 5)).toMatchObject({
      message: expect.stringMatching(/perbarui aplikasi/),
    });
    expect(statusError('forbidden', 5, 'Perangkat ini telah dicabut.').message).toBe(
      'Perangkat ini telah dicabut.',
    );
  });
});

describe('linkedAbort', () => {
  it('aborts with its parent, at once if the parent already has, and unlinks', () => {
    const parent = new AbortController();
    const first = linkedAbort(parent.signal);
    const second = linkedAbort(parent.signal);
    second.unlink();
    parent.abort(new Error('cycle over'));
    expect(first.controller.signal.aborted).toBe(true);
    expect((first.controller.signal.reason as Error).message).toBe('cycle over');
    expect(second.controller.signal.aborted).toBe(false);
    expect(linkedAbort(parent.signal).controller.signal.aborted).toBe(true);
    expect(linkedAbort(undefined).controller.signal.aborted).toBe(false);
  });
});
