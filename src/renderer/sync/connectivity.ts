/**
 * Whether the workstation believes it is online, and a signal when that changes. The browser's
 * `navigator.onLine` is reliable only when it says offline (no network interface); "online"
 * means "worth trying", so the engine still treats failures as the real answer.
 */
export interface ConnectivitySource {
  isOnline(): boolean;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (isOnline: boolean) => void): () => void;
}

interface EventTargetLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** The window's `online`/`offline` events; without a window (Node), always online. */
export function browserConnectivity(): ConnectivitySource {
  const target = (globalThis as { window?: EventTargetLike }).window;
  const nav = (globalThis as { navigator?: { onLine?: boolean } }).navigator;
  return {
    isOnline: () => nav?.onLine ?? true,
    subscribe(listener) {
      if (!target) return () => undefined;
      const online = () => listener(true);
      const offline = () => listener(false);
      target.addEventListener('online', online);
      target.addEventListener('offline', offline);
      return () => {
        target.removeEventListener('online', online);
        target.removeEventListener('offline', offline);
      };
    },
  };
}

/** A switch for tests: `set(false)` is pulling the cable, `set(true)` plugging it back. */
export function manualConnectivity(initial = true): ConnectivitySource & { set(isOnline: boolean): void } {
  let isOnline = initial;
  const listeners = new Set<(isOnline: boolean) => void>();
  return {
    isOnline: () => isOnline,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      if (next === isOnline) return;
      isOnline = next;
      for (const listener of listeners) listener(next);
    },
  };
}
