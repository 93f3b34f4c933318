// What the shell shows outside the window: the count of unsent changes (the app badge where
// the desktop supports one, the tray tooltip everywhere) and native notifications when a sync
// finishes after the officer had been offline, or when cases become overdue.
import type { OverdueNotice, SyncFinished, UiLanguage } from '../../preload/schemas';

export interface DeskStatusDeps {
  /** app.setBadgeCount: Linux (Unity launchers) and macOS; false where unsupported. */
  readonly setBadgeCount: (count: number) => boolean;
  /** The tray icon's tooltip; absent when there is no tray. */
  readonly setTrayTooltip?: (text: string) => void;
  /** Rebuilds the tray's menu in the UI's language; absent when there is no tray. */
  readonly setTrayMenu?: (labels: TrayMenuLabels) => void;
  /** new Notification({ title, body }).show(), when Notification.isSupported(). */
  readonly showNotification: (notification: { title: string; body: string }) => void;
}

export interface DeskStatus {
  setUnsentCount(count: number, language: UiLanguage): void;
  notifySyncFinished(event: SyncFinished): void;
  notifyOverdue(notice: OverdueNotice): void;
}

export function unsentTooltip(count: number, language: UiLanguage = 'id'): string {
  if (language === 'en') {
    if (count === 0) return 'Tindak — everything is sent';
    return count === 1 ? 'Tindak — 1 change not sent yet' : `Tindak — ${count} changes not sent yet`;
  }
  return count === 0
    ? 'Tindak — semua perubahan sudah terkirim'
    : `Tindak — ${count} perubahan belum terkirim`;
}

export interface TrayMenuLabels {
  open: string;
  quit: string;
}

/** The tray menu's words; Bahasa Indonesia until the desk says which language it speaks. */
export function trayMenuLabels(language: UiLanguage = 'id'): TrayMenuLabels {
  return language === 'en' ? { open: 'Open Tindak', quit: 'Quit' } : { open: 'Buka Tindak', quit: 'Keluar' };
}

export function syncFinishedNotification({ language, sentCount, receivedCount }: SyncFinished): {
  title: string;
  body: string;
} {
  return language === 'id'
    ? {
        title: 'Tersambung lagi: sinkronisasi selesai',
        body: `${sentCount} perubahan terkirim ke server, ${receivedCount} pembaruan diterima.`,
      }
    : {
        title: 'Back online: sync finished',
        body: `${sentCount} changes sent to the server, ${receivedCount} updates received.`,
      };
}

export function overdueNotification({ language, count, firstReference }: OverdueNotice): {
  title: string;
  body: string;
} {
  const isOne = count === 1 && firstReference !== null;
  if (language === 'id') {
    return {
      title: 'Kasus melewati batas waktu',
      body: isOne
        ? `Kasus ${firstReference} melewati batas waktu tahapnya.`
        : `${count} kasus melewati batas waktu tahapnya.`,
    };
  }
  return {
    title: 'Case overdue',
    body: isOne
      ? `Case ${firstReference} is past the deadline of its current step.`
      : `${count} cases are past the deadline of their current step.`,
  };
}

export function createDeskStatus({
  setBadgeCount,
  setTrayTooltip,
  setTrayMenu,
  showNotification,
}: DeskStatusDeps): DeskStatus {
  let menuLanguage: UiLanguage = 'id';
  return {
    setUnsentCount(count, language) {
      setBadgeCount(count);
      setTrayTooltip?.(unsentTooltip(count, language));
      if (language !== menuLanguage) {
        menuLanguage = language;
        setTrayMenu?.(trayMenuLabels(language));
      }
    },
    notifySyncFinished(event) {
      // A sync while online all along is routine; only the return from offline is news.
      if (event.wasOffline) showNotification(syncFinishedNotification(event));
    },
    notifyOverdue(notice) {
      showNotification(overdueNotification(notice));
    },
  };
}
