/**
 * The signed-in desk: header, sync status bar, the queue and the open case side by side.
 * Keyboard-first: "/" searches, j/k move in the queue, Enter opens, Escape closes the case,
 * Alt+S syncs. Locks itself after a configurable time without input.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseDetail } from '../features/case/CaseDetail';
import { UnitPerformancePanel } from '../features/performance/UnitPerformancePanel';
import { CaseQueue } from '../features/queue/CaseQueue';
import { PlatformContext } from '../features/platform-context';
import { DeskContext } from '../features/session/desk-context';
import type { DeskSession } from '../features/session/desk-session';
import { UnlockForm } from '../features/session/UnlockForm';
import { SyncStatusBar } from '../features/sync-status/SyncStatusBar';
import { WalkInForm } from '../features/walk-in/WalkInForm';
import { appStore, useAppStore } from '../state/app-store';
import { isTypingTarget } from '../ui/keyboard';
import type { Platform } from '../platform';
import { LanguageSwitch } from './LanguageSwitch';
import { useOverdueNotice } from './use-overdue-notice';
import { useSyncFinishedNotice } from './use-sync-finished-notice';
import { useUnsentBadge } from './use-unsent-badge';

export interface DeskProps {
  session: DeskSession;
  platform: Platform;
  autoLockMs: number;
  onSignOut(): void;
}

export function Desk({ session, platform, autoLockMs, onSignOut }: DeskProps) {
  const { t, i18n } = useTranslation();
  const vaultRefusal = session.tokenKeeper.vaultRefusal;
  const openCaseId = useAppStore((s) => s.openCaseId);
  const openCase = useAppStore((s) => s.openCase);
  const isLocked = useAppStore((s) => s.isLocked);
  const setLocked = useAppStore((s) => s.setLocked);
  const searchRef = useRef<HTMLInputElement>(null);
  const [isWalkInOpen, setIsWalkInOpen] = useState(false);
  const officer = session.officer;
  useUnsentBadge(platform);
  useSyncFinishedNotice(platform, session);
  useOverdueNotice(platform, session);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Locked, the hidden desk takes no shortcut that could change what it holds.
      if (appStore.getState().isLocked) return;
      if (event.altKey && (event.key === 's' || event.key === 'S')) {
        event.preventDefault();
        void session.engine.syncNow();
      } else if (event.key === '/' && !isTypingTarget(event.target)) {
        event.preventDefault();
        searchRef.current?.focus();
      } else if (event.key === 'Escape' && !isTypingTarget(event.target)) {
        openCase(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session, openCase]);

  // Where the officer was when the desk locked: focus goes back there after unlocking.
  const focusBeforeLock = useRef<HTMLElement | null>(null);
  const lock = useCallback(() => {
    if (appStore.getState().isLocked) return;
    focusBeforeLock.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setLocked(true);
  }, [setLocked]);
  const unlock = () => setLocked(false);
  // Once React has committed the unlocked desk (an inert or disabled element cannot take
  // focus). Where that place is gone or cannot take focus, the search field is where to go on.
  const wasLocked = useRef(isLocked);
  useLayoutEffect(() => {
    if (wasLocked.current && !isLocked) {
      const previous = focusBeforeLock.current;
      focusBeforeLock.current = null;
      previous?.focus();
      if (!previous?.isConnected || document.activeElement !== previous) searchRef.current?.focus();
    }
    wasLocked.current = isLocked;
  }, [isLocked]);

  useEffect(() => {
    if (isLocked) return;
    let timer = setTimeout(lock, autoLockMs);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(lock, autoLockMs);
    };
    const events = ['keydown', 'pointerdown', 'wheel'] as const;
    for (const name of events) window.addEventListener(name, restart, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const name of events) window.removeEventListener(name, restart);
    };
  }, [autoLockMs, isLocked, lock]);

  return (
    <DeskContext.Provider value={session}>
      <PlatformContext.Provider value={platform}>
        <div className="desk">
          {!isLocked && (
            <a className="skip-link" href="#case-queue">
              {t('desk.skipToQueue')}
            </a>
          )}
          <header className="desk__bar">
            <h1 className="desk__brand">{t('app.name')}</h1>
            <span className="desk__officer" data-testid="officer">
              {t('desk.signedInAs', { name: officer.displayName, role: t(`roles.${officer.role}`) })}
              {officer.isOfflineSignIn && (
                <span className="badge badge--offline"> {t('desk.offlineSignIn')}</span>
              )}
            </span>
            <span className="desk__hint">{t('desk.shortcutsHint')}</span>
            {officer.role === 'admin' && (
              <button
                type="button"
                className="button-secondary"
                disabled={isLocked}
                onClick={() => {
                  openCase(null);
                  setIsWalkInOpen(true);
                }}
              >
                {t('walkIn.open')}
              </button>
            )}
            <LanguageSwitch />
            <button type="button" className="button-secondary" disabled={isLocked} onClick={lock}>
              {t('desk.lock')}
            </button>
            <button type="button" className="button-secondary" onClick={onSignOut}>
              {t('desk.signOut')}
            </button>
          </header>
          {vaultRefusal !== null && (
            <p className="desk__notice" role="note" data-testid="vault-notice">
              {i18n.language === 'en' ? vaultRefusal.en : vaultRefusal.id}
            </p>
          )}
          {/* Locked, the desk stays mounted and laid out (a half-filled form, the queue's scroll
              position are where the officer left them) but invisible and inert, under the lock
              screen. Its data stays in the page's memory and DOM, as it did in React's state
              before; release builds have no DevTools to look at it (src/main/window-options.ts). */}
          <div className="desk__body">
            {isLocked && (
              <main className="desk__locked">
                <UnlockForm onUnlocked={unlock} />
              </main>
            )}
            <div
              className={`desk__work${isLocked ? ' desk__work--locked' : ''}`}
              inert={isLocked}
              data-testid="desk-work"
            >
              <SyncStatusBar />
              <main className={`desk__main${openCaseId ? ' has-case' : ''}`}>
                <CaseQueue searchRef={searchRef} />
                <div className="desk__case">
                  {isWalkInOpen && openCaseId === null ? (
                    <WalkInForm onClose={() => setIsWalkInOpen(false)} />
                  ) : openCaseId ? (
                    <CaseDetail key={openCaseId} caseId={openCaseId} />
                  ) : (
                    <>
                      {(officer.role === 'unit_head' || officer.role === 'liaison') && (
                        <UnitPerformancePanel />
                      )}
                      <p className="desk__none">{t('case.none')}</p>
                    </>
                  )}
                </div>
              </main>
            </div>
          </div>
        </div>
      </PlatformContext.Provider>
    </DeskContext.Provider>
  );
}
