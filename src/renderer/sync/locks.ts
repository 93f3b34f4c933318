/**
 * Exactly one sync engine per user at a time, across every window of the app. Web Locks do
 * that in browsers and Electron: a lock named `tindak-sync-<userId>` is held for the engine's
 * life and released by the browser when the window closes or crashes, so a second window's
 * engine waits and takes over.
 *
 * Where `navigator.locks` is missing (Node in tests, very old browsers) an in-process fallback
 * gives the same exclusion within one JavaScript realm only. Two windows without Web Locks
 * could then both sync; that costs duplicate requests, not data, because the server applies
 * every mutation id once.
 */

export interface HeldLock {
  release(): void;
}

export interface SyncLockManager {
  /**
   * Waits until the named lock is free and takes it. Rejects with the signal's reason if the
   * signal aborts first (the lock is then never taken).
   */
  acquire(name: string, signal?: AbortSignal): Promise<HeldLock>;
  /** Takes the lock only if it is free right now. */
  tryAcquire(name: string): Promise<HeldLock | null>;
}

export const syncLockName = (userId: string) => `tindak-sync-${userId}`;

interface WebLockManagerLike {
  request(
    name: string,
    options: { signal?: AbortSignal; ifAvailable?: boolean },
    callback: (lock: unknown) => Promise<void>,
  ): Promise<void>;
}

function webLocks(): WebLockManagerLike | null {
  const nav = (globalThis as { navigator?: { locks?: WebLockManagerLike } }).navigator;
  return nav?.locks && typeof nav.locks.request === 'function' ? nav.locks : null;
}

/** Web Locks held until `release()`: the request's callback returns a promise that release settles. */
export function createWebLockManager(locks: WebLockManagerLike): SyncLockManager {
  const hold = (name: string, options: { signal?: AbortSignal; ifAvailable?: boolean }) =>
    new Promise<HeldLock | null>((resolve, reject) => {
      locks
        .request(name, options, (lock) => {
          if (lock === null) {
            resolve(null);
            return Promise.resolve();
          }
          return new Promise<void>((release) => resolve({ release: () => release() }));
        })
        .catch(reject);
    });
  return {
    async acquire(name, signal) {
      const held = await hold(name, signal ? { signal } : {});
      if (!held) throw new Error(`lock ${name} was not granted`);
      return held;
    },
    tryAcquire: (name) => hold(name, { ifAvailable: true }),
  };
}

/** Exclusion within this realm only (see the module header). */
export function createInProcessLockManager(): SyncLockManager {
  const holders = new Map<string, { waiters: Array<() => void> }>();

  const grant = (name: string): HeldLock => {
    let isReleased = false;
    return {
      release() {
        if (isReleased) return;
        isReleased = true;
        const entry = holders.get(name);
        const next = entry?.waiters.shift();
        if (next) next();
        else holders.delete(name);
      },
    };
  };

  return {
    acquire(name, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      const entry = holders.get(name);
      if (!entry) {
        holders.set(name, { waiters: [] });
        return Promise.resolve(grant(name));
      }
      return new Promise<HeldLock>((resolve, reject) => {
        const waiter = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(grant(name));
        };
        const onAbort = () => {
          entry.waiters.splice(entry.waiters.indexOf(waiter), 1);
          reject(signal?.reason as Error);
        };
        entry.waiters.push(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    tryAcquire(name) {
      if (holders.has(name)) return Promise.resolve(null);
      holders.set(name, { waiters: [] });
      return Promise.resolve(grant(name));
    },
  };
}

const sharedFallback = createInProcessLockManager();

/** Web Locks when the platform has them, otherwise the realm-wide in-process fallback. */
export function defaultLockManager(): SyncLockManager {
  const locks = webLocks();
  return locks ? createWebLockManager(locks) : sharedFallback;
}
