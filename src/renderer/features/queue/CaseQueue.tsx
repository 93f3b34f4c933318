/**
 * The work queue: a virtualised list (only the rows in view are in the DOM), urgent first,
 * then by deadline; more rows load as the officer scrolls towards the end. Keyboard: j/k
 * anywhere open the next or previous case; in the list the arrow keys move and Enter opens.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseQueueRow } from '../../db';
import { appStore, useAppStore } from '../../state/app-store';
import { isTypingTarget } from '../../ui/keyboard';
import { useDesk } from '../session/desk-context';
import { useNow } from '../session/use-now';
import { DeadlineBadge } from './DeadlineBadge';
import { deadlineBadgeOf, zoneOfUnit } from './deadline-badge';
import { QueueExport } from './QueueExport';
import { QueueFilters } from './QueueFilters';
import { QUEUE_PAGE, useCaseQueue } from './use-case-queue';

const ESTIMATED_ROW_HEIGHT = 72;

export function CaseQueue({ searchRef }: { searchRef: RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const now = useNow();
  const headingId = useId();
  const [limit, setLimit] = useState(QUEUE_PAGE);
  const rows = useCaseQueue(limit, now);
  const openCaseId = useAppStore((s) => s.openCaseId);
  const openCase = useAppStore((s) => s.openCase);
  const [activeIndex, setActiveIndex] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const list = rows ?? [];

  // The app does not use the React Compiler; the virtualiser's unmemoisable API is fine here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: list.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (list.length >= limit && lastIndex >= list.length - 20) setLimit((current) => current + QUEUE_PAGE);
  }, [lastIndex, list.length, limit]);

  // A mark for the benchmark (tests/e2e/case-desk-bench): the first rows are on screen.
  const hasMarkedRef = useRef(false);
  useEffect(() => {
    if (rows === undefined || hasMarkedRef.current) return;
    hasMarkedRef.current = true;
    performance.mark('tindak:queue-first-rows');
  }, [rows]);

  const move = (delta: number) => {
    if (list.length === 0) return;
    // From the row that has focus (read from the DOM, not from state: a second key press can
    // arrive before React has re-rendered after the first).
    const focused = document.activeElement?.closest<HTMLElement>('[data-index]')?.dataset['index'];
    const from = focused === undefined ? activeIndex : Number(focused);
    const next = Math.min(list.length - 1, Math.max(0, from + delta));
    setActiveIndex(next);
    virtualizer.scrollToIndex(next);
    const focusRow = () => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${next}"] button`);
    const row = focusRow();
    if (row) row.focus();
    else requestAnimationFrame(() => focusRow()?.focus());
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      move(event.key === 'ArrowDown' ? 1 : -1);
    }
  };

  // j/k open the next or previous case from anywhere but a text field.
  const rowsRef = useRef(list);
  rowsRef.current = list;
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (
        (event.key !== 'j' && event.key !== 'k') ||
        event.altKey ||
        event.ctrlKey ||
        event.metaKey ||
        isTypingTarget(event.target) ||
        appStore.getState().isLocked
      )
        return;
      const current = rowsRef.current;
      if (current.length === 0) return;
      const openId = appStore.getState().openCaseId;
      const at = current.findIndex((row) => row.id === openId);
      const next =
        at === -1 ? 0 : Math.min(current.length - 1, Math.max(0, at + (event.key === 'j' ? 1 : -1)));
      const row = current[next];
      if (!row) return;
      event.preventDefault();
      setActiveIndex(next);
      virtualizer.scrollToIndex(next);
      appStore.getState().openCase(row.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [virtualizer]);

  return (
    <section className="queue" aria-labelledby={headingId} id="case-queue">
      <h2 id={headingId}>
        {t('queue.title')} <span className="queue__count">
          {/* The queue loads QUEUE_PAGE rows at a time: a full page means there are more. */}
          {t(list.length >= limit ? 'queue.countMore' : 'queue.count', { count: list.length })}
        </span>
      </h2>
      <QueueFilters searchRef={searchRef} />
      <QueueExport />
      <div className="queue__scroll" ref={scrollRef} onKeyDown={onKeyDown}>
        {rows !== undefined && list.length === 0 && <p className="queue__empty">{t('queue.empty')}</p>}
        <ul
          className="queue__list"
          style={{ height: virtualizer.getTotalSize() }}
          aria-label={t('queue.title')}
        >
          {items.map((item) => {
            const row = list[item.index];
            if (!row) return null;
            return (
              <QueueRow
                key={row.id}
                row={row}
                index={item.index}
                top={item.start}
                isOpen={row.id === openCaseId}
                now={now}
                onOpen={() => {
                  setActiveIndex(item.index);
                  openCase(row.id);
                }}
                directory={desk.store.directory}
                measure={virtualizer.measureElement}
              />
            );
          })}
        </ul>
      </div>
    </section>
  );
}

interface QueueRowProps {
  row: CaseQueueRow;
  index: number;
  top: number;
  isOpen: boolean;
  now: Date;
  onOpen(): void;
  directory: ReturnType<typeof useDesk>['store']['directory'];
  /** The virtualiser measures each row as rendered: badges may wrap onto a second line. */
  measure(element: Element | null): void;
}

/** Rows arrive as new objects on every live query run (each pulled page): compare their values. */
function isSameRow(a: QueueRowProps, b: QueueRowProps): boolean {
  if (
    a.index !== b.index ||
    a.top !== b.top ||
    a.isOpen !== b.isOpen ||
    a.now !== b.now ||
    a.directory !== b.directory
  )
    return false;
  return (Object.keys(a.row) as (keyof CaseQueueRow)[]).every((key) => a.row[key] === b.row[key]);
}

const QueueRow = memo(function QueueRow({
  row,
  index,
  top,
  isOpen,
  now,
  onOpen,
  directory,
  measure,
}: QueueRowProps) {
  const { t } = useTranslation();
  const state = deadlineBadgeOf(row.dueAt, row.unitId, directory, now);
  return (
    <li className="queue-row" data-index={index} ref={measure} style={{ transform: `translateY(${top}px)` }}>
      <button
        type="button"
        className={`queue-row__button${isOpen ? ' is-open' : ''}`}
        aria-current={isOpen ? 'true' : undefined}
        onClick={onOpen}
      >
        <span className="queue-row__line">
          <span className="queue-row__ticket">{row.ticketId}</span>
          {row.urgency === 'urgent' && <span className="badge badge--urgent">{t('urgency.urgent')}</span>}
          <span className="queue-row__status">{t(`status.${row.status}`)}</span>
          <DeadlineBadge state={state} dueAt={row.dueAt} zone={zoneOfUnit(directory, row.unitId)} />
          {row.hasUnsentWork && (
            <span className="badge badge--unsent" data-testid="unsent-mark">
              {t('queue.unsent')}
            </span>
          )}
          {row.hasRejectedChange && <span className="badge badge--rejected">{t('queue.rejected')}</span>}
        </span>
        <span className="queue-row__title">{row.title}</span>
      </button>
    </li>
  );
}, isSameRow);
