/**
 * Tells the platform (a native notification in Electron) when cases of the officer's queue
 * pass their deadline while the desk is open: a look at sign-in (which only sets the starting
 * point) and one a minute after, as the queue's deadline badges are refreshed.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { takeCasesBecomingOverdue } from '../db';
import type { DeskSession } from '../features/session/desk-session';
import type { Platform } from '../platform';

export const OVERDUE_LOOK_INTERVAL_MS = 60_000;

export function useOverdueNotice(platform: Platform, session: Pick<DeskSession, 'store'>): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    let isStopped = false;
    const look = async () => {
      const overdue = await takeCasesBecomingOverdue(session.store, new Date());
      if (overdue === null || isStopped) return;
      await platform.status.notifyOverdue({
        language: i18n.language === 'en' ? 'en' : 'id',
        count: overdue.count,
        // Ticket ids are free text from the channels; the notification takes plain ones only.
        firstReference:
          overdue.firstTicketId !== null && /^[^\p{Cc}\p{Cf}]{1,64}$/u.test(overdue.firstTicketId)
            ? overdue.firstTicketId
            : null,
      });
    };
    const lookAndReport = () => {
      look().catch((error: unknown) => console.warn('Tindak: could not check for overdue cases', error));
    };
    lookAndReport();
    const timer = window.setInterval(lookAndReport, OVERDUE_LOOK_INTERVAL_MS);
    return () => {
      isStopped = true;
      window.clearInterval(timer);
    };
  }, [platform, session, i18n]);
}
