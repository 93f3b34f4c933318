/**
 * The queue as a CSV file for the officer's own reporting: ticket, title, status, topic and
 * deadline state of the filtered cases, in the UI language, with no personal data (the rows
 * come from the queue index, which holds no reporter fields). RFC 4180 quoting, CRLF line
 * ends, a UTF-8 byte-order mark so spreadsheet programs read the accents, and cells that would
 * start a formula prefixed with an apostrophe (a complainant writes the title).
 */
import type { TFunction } from 'i18next';
import type { CaseQueueRow, DirectorySnapshot } from '../../db';
import { deadlineBadgeOf, zoneOfUnit } from './deadline-badge';
import { TIME_ZONES } from '../../../shared';

/** Enough for a unit's whole queue; the store reads it in index order, without decrypting. */
export const EXPORT_LIMIT = 100_000;

const BOM = '\uFEFF';

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvText(rows: readonly (readonly string[])[]): string {
  return BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function queueCsv(
  t: TFunction,
  rows: readonly CaseQueueRow[],
  directory: DirectorySnapshot | null,
  now: Date,
): string {
  const topicName = (key: string | null) =>
    key === null ? '' : (directory?.config.topics.find((topic) => topic.key === key)?.name ?? key);
  const header = [
    t('queue.columns.ticket'),
    t('queue.columns.title'),
    t('queue.columns.status'),
    t('queue.columns.topic'),
    t('queue.columns.deadlineState'),
  ];
  return csvText([
    header,
    ...rows.map((row) => {
      const state = deadlineBadgeOf(row.dueAt, row.unitId, directory, now);
      return [
        row.ticketId,
        row.title,
        t(`status.${row.status}`),
        topicName(row.topic),
        state === null ? t('deadline.none') : t(`deadline.${state}`),
      ];
    }),
  ]);
}

/** `tindak-daftar-kasus-2026-11-25.csv`, dated in the officer's unit zone. */
export function queueCsvFileName(now: Date, directory: DirectorySnapshot | null, unitId: string): string {
  const zone = zoneOfUnit(directory, unitId);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONES[zone].iana }).format(now);
  return `tindak-daftar-kasus-${day}.csv`;
}
