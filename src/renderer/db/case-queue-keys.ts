/**
 * Plaintext keys derived from a case's non-personal fields, stored on the row so the queue and
 * the search run on indexes without decrypting anything: the ticket id and title words for
 * prefix search, the current deadline, and one sort key (urgent first, then the nearest
 * deadline, then the oldest receipt).
 */
import {
  TERMINAL_CASE_STATUSES,
  computeDeadlines,
  workingCalendar,
  type CaseRecord,
  type TimeZone,
  type WorkingCalendar,
} from '../../shared';
import type { DirectorySnapshot } from './directory';

export type QueueInputs = Pick<
  CaseRecord,
  'id' | 'ticketId' | 'title' | 'status' | 'urgency' | 'topic' | 'unitId' | 'receivedAt' | 'distributedAt' | 'finishedAt'
>;

export interface CaseQueueKeys {
  ticketKey: string;
  titleWords: string[];
  /** The deadline of the case's current stage (ISO, UTC), or null when none applies or is known. */
  dueAt: string | null;
  /** `rank|dueAt|receivedAt|id`: sorts urgent first, then by deadline, then by receipt. */
  queueKey: string;
}

/** The deadline part of the queue key of a case without one: after every real deadline. */
export const NO_DEADLINE = '9999-12-31T23:59:59.999Z';

export function searchKeyOf(text: string): string {
  return text.normalize('NFKC').toLowerCase().trim();
}

export function titleWordsOf(title: string): string[] {
  return [...new Set(searchKeyOf(title).split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0))];
}

/** The time zone deadlines of a case count in: its unit's, the central unit's before distribution. */
export function zoneOfUnit(directory: DirectorySnapshot | null, unitId: string | null): TimeZone {
  if (!directory) return 'WIB';
  const unit = directory.units.find((u) => u.id === unitId) ?? directory.units.find((u) => u.kind === 'central');
  return unit?.timeZone ?? 'WIB';
}

/** One working calendar per directory and zone: pulls and the queue ask for one per row. */
const calendars = new WeakMap<DirectorySnapshot, Map<TimeZone, WorkingCalendar>>();

/** The calendar deadlines count in for a zone: its offset, the organisation's holidays. */
export function calendarOfZone(directory: DirectorySnapshot, zone: TimeZone): WorkingCalendar {
  let byZone = calendars.get(directory);
  if (!byZone) calendars.set(directory, (byZone = new Map()));
  let calendar = byZone.get(zone);
  if (!calendar) byZone.set(zone, (calendar = workingCalendar(zone, directory.config.holidays)));
  return calendar;
}

/** The calendar deadlines of a case of this unit count in. */
export function calendarOfUnit(directory: DirectorySnapshot, unitId: string | null): WorkingCalendar {
  return calendarOfZone(directory, zoneOfUnit(directory, unitId));
}

function isUrgent(record: QueueInputs, directory: DirectorySnapshot | null): boolean {
  if (record.urgency === 'urgent') return true;
  return directory?.config.topics.some((t) => t.key === record.topic && t.isUrgent) ?? false;
}

function currentDeadline(record: QueueInputs, directory: DirectorySnapshot | null): string | null {
  if (!directory || TERMINAL_CASE_STATUSES.has(record.status)) return null;
  const deadlines = computeDeadlines(
    {
      receivedAt: record.receivedAt,
      distributedAt: record.distributedAt,
      finishedAt: record.finishedAt,
      urgency: record.urgency,
      topic: record.topic,
    },
    directory.config.deadlines,
    calendarOfUnit(directory, record.unitId),
  );
  switch (record.status) {
    case 'received':
    case 'verified':
      return deadlines.verifyBy;
    case 'distributed':
      return deadlines.followUpBy;
    case 'in_follow_up':
      return deadlines.completeBy;
    case 'finished':
      return deadlines.autoCloseAt;
    default:
      return null;
  }
}

export function caseQueueKeys(record: QueueInputs, directory: DirectorySnapshot | null): CaseQueueKeys {
  const dueAt = currentDeadline(record, directory);
  const receivedAt = new Date(record.receivedAt).toISOString();
  return {
    ticketKey: searchKeyOf(record.ticketId),
    titleWords: titleWordsOf(record.title),
    dueAt,
    queueKey: `${isUrgent(record, directory) ? 0 : 1}|${dueAt ?? NO_DEADLINE}|${receivedAt}|${record.id}`,
  };
}
