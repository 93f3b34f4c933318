/**
 * The sync status bar: online or not, what waits to be sent and since when, the last sync,
 * progress while syncing, "Sync now", and the way into rejected items and conflicts. Reads
 * the sync slice the engine writes.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/app-store';
import { ageOf, formatBytes } from '../format';
import { useDesk } from '../session/desk-context';
import { useNow } from '../session/use-now';
import { ConflictInbox } from './ConflictInbox';
import { RejectedList } from './RejectedList';

export function SyncStatusBar() {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const now = useNow(10_000);
  const sync = useAppStore(useShallow((s) => s.sync));
  const [panel, setPanel] = useState<'rejected' | 'conflicts' | null>(null);
  const age = (at: number) => {
    const { unit, count } = ageOf(Math.max(0, now.getTime() - at));
    return t(`time.${unit}`, { count });
  };
  const isBusy = sync.phase === 'pushing' || sync.phase === 'pulling' || sync.phase === 'uploading';
  const lastSync = sync.lastPullAt;
  const message = sync.error ? (i18n.language === 'en' ? sync.error.messageEn : sync.error.message) : '';

  return (
    <section className="sync-bar" aria-label={t('sync.progress')}>
      <div className="sync-bar__row" role="status" aria-live="polite" data-testid="sync-status">
        <span className={`sync-dot ${sync.isOnline ? 'is-online' : 'is-offline'}`} data-testid="connectivity">
          {sync.isOnline ? t('sync.online') : t('sync.offline')}
        </span>
        <span data-testid="pending-count">
          {sync.pendingCount > 0 ? t('sync.pending', { count: sync.pendingCount }) : t('sync.nothingPending')}
          {sync.oldestPendingAt !== null && ` (${t('sync.oldest', { age: age(sync.oldestPendingAt) })})`}
        </span>
        <span>{lastSync !== null ? t('sync.lastSync', { time: age(lastSync) }) : t('sync.neverSynced')}</span>
        <span data-testid="sync-phase" data-phase={sync.phase} data-last-pull={lastSync ?? ''}>
          {t(`sync.phase.${sync.phase}`)}
        </span>
        {sync.nextPush.count > 0 && (
          <span>
            {t('sync.nextPush', {
              count: sync.nextPush.count,
              size: formatBytes(sync.nextPush.estimatedBytes),
            })}
          </span>
        )}
      </div>
      <div className="sync-bar__buttons">
        <button
          type="button"
          className="button-primary button-compact"
          disabled={isBusy}
          onClick={() => void desk.engine.syncNow()}
          aria-keyshortcuts="Alt+S"
        >
          {isBusy ? t('sync.syncing') : t('sync.syncNow')}
        </button>
        <button
          type="button"
          className="button-secondary"
          aria-expanded={panel === 'rejected'}
          onClick={() => setPanel(panel === 'rejected' ? null : 'rejected')}
        >
          {t('sync.rejected', { count: sync.rejectedCount })}
        </button>
        <button
          type="button"
          className="button-secondary"
          aria-expanded={panel === 'conflicts'}
          onClick={() => setPanel(panel === 'conflicts' ? null : 'conflicts')}
        >
          {t('sync.conflicts', { count: sync.conflictCount })}
        </button>
        {/* Progress and errors sit after the buttons, in a row whose height the buttons set:
            nothing jumps under the officer's pointer when a sync starts, ends or fails. */}
        <div className="sync-bar__activity">
          {sync.progress && (
            <>
              <span className="sync-bar__bytes" data-testid="sync-progress">
                {t('sync.progressText', {
                  items: sync.progress.itemsSent,
                  itemsTotal: sync.progress.itemsTotal,
                  bytes: formatBytes(sync.progress.bytesSent),
                  bytesTotal: formatBytes(sync.progress.bytesTotal),
                })}
              </span>
              <progress
                className="sync-bar__progress"
                aria-label={t('sync.progress')}
                max={Math.max(1, sync.progress.itemsTotal)}
                value={sync.progress.itemsSent}
              />
            </>
          )}
          <p className="error sync-bar__error" role="alert" title={message}>
            {message}
          </p>
        </div>
      </div>
      {panel === 'rejected' && <RejectedList onClose={() => setPanel(null)} />}
      {panel === 'conflicts' && <ConflictInbox onClose={() => setPanel(null)} />}
    </section>
  );
}
