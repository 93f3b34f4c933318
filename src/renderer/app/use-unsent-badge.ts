/**
 * Keeps the platform's unsent-work badge (the app icon and tray in Electron, the window title
 * in a browser) in step with the sync slice's pending count, and clears it on sign-out.
 */
import { useEffect } from 'react';
import type { Platform } from '../platform';
import { appStore } from '../state/app-store';

export function useUnsentBadge(platform: Platform): void {
  useEffect(() => {
    const show = (count: number) => {
      platform.status
        .setUnsentCount(count)
        .catch((error: unknown) => console.warn('Tindak: could not update the unsent badge', error));
    };
    show(appStore.getState().sync.pendingCount);
    const unsubscribe = appStore.subscribe((state, previous) => {
      if (state.sync.pendingCount !== previous.sync.pendingCount) show(state.sync.pendingCount);
    });
    return () => {
      unsubscribe();
      show(0);
    };
  }, [platform]);
}
