/**
 * Reading the local store for the UI. Queue and search run on plaintext indexes only (no
 * decryption per row); opening one case, its reports and events decrypts them.
 */
import Dexie, { type Collection } from 'dexie';
import {
  nikSchema,
  normalizePhone,
  type AttachmentMeta,
  type CaseEvent,
  type CaseStatus,
} from '../../shared';
import { searchKeyOf, titleWordsOf } from './case-queue-keys';
import { keyedHash } from './encryption';
import type { CaseRow } from './database';
import { LocalStoreError } from './errors';
import {
  openAttachmentRow,
  openCaseRow,
  openEventRow,
  openReportRow,
  type OpenedCase,
  type OpenedReport,
} from './record-rows';
import type { UserStore } from './user-store';

export interface LocalCase extends OpenedCase {
  /** Unsent changes of this case or its reports are waiting in the outbox. */
  hasUnsentWork: boolean;
}

export interface LocalReport extends OpenedReport {
  hasUnsentWork: boolean;
}

/** What a queue or search row shows, without decrypting anything. */
export interface CaseQueueRow {
  id: string;
  ticketId: string;
  title: string;
  channel: string;
  kind: CaseRow['kind'];
  topic: string | null;
  urgency: CaseRow['urgency'];
  status: CaseStatus;
  unitId: string | null;
  receivedAt: string;
  dueAt: string | null;
  hasUnsentWork: boolean;
  hasRejectedChange: boolean;
  isOnServer: boolean;
}

/** The plaintext fields of a queue row, as a row predicate sees them. */
export type QueueRowFields = Omit<CaseQueueRow, 'hasUnsentWork' | 'hasRejectedChange' | 'isOnServer'>;

export interface CaseQueueFilter {
  statuses?: readonly CaseStatus[];
  topics?: readonly string[];
  urgency?: CaseRow['urgency'];
  /** Cases of this unit: responsible unit, or a regional unit with a copy. */
  unitId?: string;
  assigneeId?: string;
  /**
   * Only cases whose current deadline (`dueAt`, ISO) lies in [from, to). Read through key
   * ranges of the queue order (which sorts by deadline within urgency), so a deadline filter
   * does not scan the cases outside it.
   */
  dueBetween?: { from: string; to: string };
  /** Any other check on the plaintext row (the desk's channel, kind and deadline state), in the same pass. */
  keep?: (row: QueueRowFields) => boolean;
  offset?: number;
  limit?: number;
}

/** The case decrypted, or a `not_found` error. For writers: they need the row's revision. */
export async function readCase(store: UserStore, caseId: string): Promise<OpenedCase> {
  const row = await store.db.cases.get(caseId);
  if (!row) throw new LocalStoreError('not_found', 'Kasus tidak ditemukan di perangkat ini.');
  return openCaseRow(store.keys, row);
}

export async function readReport(store: UserStore, reportId: string): Promise<OpenedReport> {
  const row = await store.db.reports.get(reportId);
  if (!row) throw new LocalStoreError('not_found', 'Laporan tidak ditemukan di perangkat ini.');
  return openReportRow(store.keys, row);
}

export async function hasUnsentWork(store: UserStore, caseId: string): Promise<boolean> {
  return (await store.db.outbox.where('caseId').equals(caseId).count()) > 0;
}

/** Ids of cases with unsent work, for marking rows in lists. */
export async function casesWithUnsentWork(store: UserStore): Promise<Set<string>> {
  return new Set((await store.db.outbox.orderBy('caseId').uniqueKeys()).map(String));
}

export async function getCase(store: UserStore, caseId: string): Promise<LocalCase | undefined> {
  const row = await store.db.cases.get(caseId);
  if (!row) return undefined;
  return { ...(await openCaseRow(store.keys, row)), hasUnsentWork: await hasUnsentWork(store, caseId) };
}

export async function listReportsOfCase(store: UserStore, caseId: string): Promise<LocalReport[]> {
  const rows = await store.db.reports.where('caseId').equals(caseId).toArray();
  const pendingReports = new Set(
    (await store.db.outbox.where('caseId').equals(caseId).toArray()).filter((o) => o.entity === 'report').map((o) => o.entityId),
  );
  const reports = await Promise.all(rows.map(async (row) => ({ ...(await openReportRow(store.keys, row)), hasUnsentWork: pendingReports.has(row.id) })));
  return reports.sort((a, b) => a.record.createdAt.localeCompare(b.record.createdAt) || a.record.id.localeCompare(b.record.id));
}

/** The case's audit trail, oldest first. */
export async function listEventsOfCase(store: UserStore, caseId: string): Promise<CaseEvent[]> {
  const rows = await store.db.events.where('caseId').equals(caseId).toArray();
  const events = await Promise.all(rows.map((row) => openEventRow(store.keys, row)));
  return events.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

/** An attachment as the desk shows it: with the server's reason when it refused the upload for good. */
export interface LocalAttachment extends AttachmentMeta {
  uploadFailure: { code: string; message: string } | null;
}

export async function listAttachmentsOfCase(store: UserStore, caseId: string): Promise<LocalAttachment[]> {
  const rows = await store.db.attachments.where('caseId').equals(caseId).toArray();
  return Promise.all(rows.map(async (row) => ({ ...(await openAttachmentRow(store.keys, row)), uploadFailure: row.uploadFailure })));
}

function queueRow(row: CaseRow, pending: ReadonlySet<string>): CaseQueueRow {
  return {
    id: row.id,
    ticketId: row.ticketId,
    title: row.title,
    channel: row.channel,
    kind: row.kind,
    topic: row.topic,
    urgency: row.urgency,
    status: row.status,
    unitId: row.unitId,
    receivedAt: row.receivedAt,
    dueAt: row.dueAt,
    hasUnsentWork: pending.has(row.id),
    hasRejectedChange: row.hasRejectedChange === 1,
    isOnServer: row.isOnServer === 1,
  };
}

/**
 * One predicate for the parts of `filter` a read does not answer with its key range: all of
 * them, or for the queue's ranges (`byRanges`) all but statuses and deadlines. Null when
 * nothing is left to check on the rows.
 */
function rowPredicateOf(filter: CaseQueueFilter, byRanges: boolean): ((row: CaseRow) => boolean) | null {
  const checks: Array<(row: CaseRow) => boolean> = [];
  const { statuses, dueBetween, topics, urgency, unitId, assigneeId, keep } = filter;
  if (!byRanges && statuses && statuses.length > 0) checks.push((row) => statuses.includes(row.status));
  if (!byRanges && dueBetween) checks.push((row) => row.dueAt !== null && row.dueAt >= dueBetween.from && row.dueAt < dueBetween.to);
  if (topics) checks.push((row) => row.topic !== null && topics.includes(row.topic));
  if (urgency) checks.push((row) => row.urgency === urgency);
  if (unitId) checks.push((row) => row.unitId === unitId || row.regionalUnitIds.includes(unitId));
  if (assigneeId) checks.push((row) => row.assigneeIds.includes(assigneeId));
  if (keep) checks.push(keep);
  return checks.length === 0 ? null : (row) => checks.every((check) => check(row));
}

/** Every part of `filter`, for reads that have no queue range (search, identity lookups). */
function matcherOf(filter: CaseQueueFilter): (row: CaseRow) => boolean {
  return rowPredicateOf(filter, false) ?? (() => true);
}

/** The urgency ranks that open every queue key (case-queue-keys.ts: `rank|dueAt|receivedAt|id`). */
const QUEUE_RANKS = ['0', '1'] as const;

/**
 * The work queue: urgent first, then the nearest deadline, then the oldest receipt (the
 * `queueKey` index). A status filter uses the `[status+queueKey]` index; the other filters,
 * `keep` included, are checked on the plaintext rows as they stream by, in one pass.
 */
export async function queryCaseQueue(store: UserStore, filter: CaseQueueFilter = {}): Promise<CaseQueueRow[]> {
  const offset = filter.offset ?? 0;
  const limit = filter.limit ?? 200;
  // Statuses and deadlines are the key ranges'. Without other row checks, Dexie reads a page
  // in one getAll request instead of a cursor step per row.
  const check = rowPredicateOf(filter, true);
  const keep = (collection: Collection<CaseRow, string>) => (check ? collection.filter(check) : collection);
  // Key ranges of the queue order to read: everything, or per urgency rank the deadlines asked for.
  const due = filter.dueBetween;
  const ranges: [string, string][] | null = due ? QUEUE_RANKS.map((rank) => [`${rank}|${due.from}`, `${rank}|${due.to}`]) : null;
  const statuses = filter.statuses && filter.statuses.length > 0 ? [...new Set(filter.statuses)] : null;
  let rows: CaseRow[];
  if (!statuses && !ranges) {
    rows = await keep(store.db.cases.orderBy('queueKey')).offset(offset).limit(limit).toArray();
  } else {
    // Several ranges: the first offset + limit of each, merged in queue order.
    const collections = (statuses ?? [null]).flatMap((status) =>
      (ranges ?? [null]).map((range) => {
        if (status === null) return store.db.cases.where('queueKey').between(range![0], range![1], true, false);
        const [lower, upper] = range ?? [Dexie.minKey, Dexie.maxKey];
        return store.db.cases.where('[status+queueKey]').between([status, lower], [status, upper], true, false);
      }),
    );
    const parts = await Promise.all(collections.map((collection) => keep(collection).limit(offset + limit).toArray()));
    rows = parts.flat().sort((a, b) => (a.queueKey < b.queueKey ? -1 : a.queueKey > b.queueKey ? 1 : 0)).slice(offset, offset + limit);
  }
  const pending = await casesWithUnsentWork(store);
  return rows.map((row) => queueRow(row, pending));
}

/**
 * Ticket id prefix, or title words by prefix (every word typed must start a title word); only
 * cases that pass `filter` (its offset and limit aside), as in the queue.
 */
export async function searchCases(store: UserStore, text: string, limit = 50, filter: CaseQueueFilter = {}): Promise<CaseQueueRow[]> {
  const key = searchKeyOf(text);
  if (key === '') return [];
  const matches = matcherOf(filter);
  const byTicket = await store.db.cases
    .where('ticketKey')
    .startsWith(key)
    .filter(matches)
    .limit(limit)
    .toArray();
  const words = titleWordsOf(text);
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
  const byTitle =
    longest === ''
      ? []
      : await store.db.cases
          .where('titleWords')
          .startsWith(longest)
          .distinct()
          .filter((row) => words.every((word) => row.titleWords.some((titleWord) => titleWord.startsWith(word))) && matches(row))
          .limit(limit)
          .toArray();
  const unique = new Map([...byTicket, ...byTitle].map((row) => [row.id, row]));
  const pending = await casesWithUnsentWork(store);
  return [...unique.values()]
    .sort((a, b) => (a.queueKey < b.queueKey ? -1 : a.queueKey > b.queueKey ? 1 : 0))
    .slice(0, limit)
    .map((row) => queueRow(row, pending));
}

/**
 * Cases whose reporter has this NIK or phone, through the keyed hashes: the lookup never
 * decrypts other cases and the index never holds the number itself.
 */
export async function findCasesByIdentity(store: UserStore, identity: { nik?: string; phone?: string }, filter: CaseQueueFilter = {}): Promise<CaseQueueRow[]> {
  const found = new Map<string, CaseRow>();
  if (identity.nik !== undefined) {
    const nik = identity.nik.replace(/\s+/g, '');
    if (!nikSchema.safeParse(nik).success) throw new LocalStoreError('invalid_input', 'NIK harus 16 digit yang valid.');
    const hash = await keyedHash(store.keys.hashKey, 'nik', nik);
    for (const row of await store.db.cases.where('nikHash').equals(hash).toArray()) found.set(row.id, row);
  }
  if (identity.phone !== undefined) {
    const phone = normalizePhone(identity.phone);
    if (phone === null) throw new LocalStoreError('invalid_input', 'Nomor telepon tidak valid; tulis seperti 0812xxxxxxx.');
    const hash = await keyedHash(store.keys.hashKey, 'phone', phone);
    for (const row of await store.db.cases.where('phoneHash').equals(hash).toArray()) found.set(row.id, row);
  }
  const pending = await casesWithUnsentWork(store);
  return [...found.values()].filter(matcherOf(filter)).map((row) => queueRow(row, pending));
}
