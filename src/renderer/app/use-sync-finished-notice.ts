/**
 * Tells the platform (a native notification in Electron) when a sync completes after the desk
 * had been offline. Offline is read from the sync slice (appStore.subscribe, as the unsent
 * badge does); completion and the number sent from the engine's cycle outcome, which is exact
 * where the slice's counters are not (writes made during the cycle move them).
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { createSyncReturnTracker } from '../features/sync-status/sync-return-notice';
import type { DeskSession } from '../features/session/desk-session';
import type { Platform } from '../platform';
import { appStore } from '../state/app-store';

export function useSyncFinishedNotice(platform: Platform, session: Pick<DeskSession, 'engine'>): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    const tracker = createSyncReturnTracker();
    tracker.observeStatus(appStore.getState().sync);
    const unsubscribe = appStore.subscribe((state, previous) => {
      if (state.sync !== previous.sync) tracker.observeStatus(state.sync);
    });
    const stopListening = session.engine.onCycle((outcome) => {
      const notice = tracker.observeCycle(outcome);
      if (notice === null) return;
      platform.status
        .notifySyncFinished({
          language: i18n.language === 'en' ? 'en' : 'id',
          wasOffline: notice.wasOffline,
          sentCount: notice.sentCount,
          receivedCount: notice.receivedCount,
        })
        .catch((error: unknown) => console.warn('Tindak: could not show the sync notification', error));
    });
    return () => {
      unsubscribe();
      stopListening();
    };
  }, [platform, session, i18n]);
}
