/**
 * Keeps the platform's unsent-work badge (the app icon and tray in Electron, the window title
 * in a browser) in step with the sync slice's pending count and the UI's language (the tray's
 * words), and clears it on sign-out.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { Platform } from '../platform';
import { appStore, type AppStore } from '../state/app-store';

/** Shows the count now and on every change of the count or the language; the returned function stops and clears it. */
export function watchUnsentBadge(platform: Pick<Platform, 'status'>, store: AppStore, i18n: I18n): () => void {
  const show = (count: number) => {
    platform.status
      .setUnsentCount(count, i18n.language === 'en' ? 'en' : 'id')
      .catch((error: unknown) => console.warn('Tindak: could not update the unsent badge', error));
  };
  const current = () => store.getState().sync.pendingCount;
  show(current());
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.sync.pendingCount !== previous.sync.pendingCount) show(state.sync.pendingCount);
  });
  const onLanguage = () => show(current());
  i18n.on('languageChanged', onLanguage);
  return () => {
    unsubscribe();
    i18n.off('languageChanged', onLanguage);
    show(0);
  };
}

export function useUnsentBadge(platform: Platform): void {
  const { i18n } = useTranslation();
  useEffect(() => watchUnsentBadge(platform, appStore, i18n), [platform, i18n]);
}
