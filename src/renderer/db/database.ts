/**
 * The local database of one signed-in user: `tindak-user-<userId>`. Officers sharing a
 * workstation each have their own database, keys and outbox, so opening one never clears or
 * exposes another's data or unsent work.
 *
 * Every schema version stays declared below, in order; a change appends a version (with an
 * upgrade function when data must move) and a test (tests/unit/renderer/db/schema-upgrade).
 *
 * Rows keep the fields the queue filters and sorts on in plaintext (ticket id, title, status,
 * kind, topic, channel, urgency, unit and assignee ids, dates): an index cannot be built over
 * ciphertext, and these fields are not personal data. The reporter's identity and every
 * free-text field that may repeat it live in `sealed` (see encryption.ts and record-rows.ts).
 */
import Dexie, { type DexieOptions, type Table } from 'dexie';
import type { AttachmentMeta, CaseKind, CaseStatus, Entity, ReportRecord, ReportStatus } from '../../shared';
import { caseQueueKeys } from './case-queue-keys';
import { directorySnapshotSchema, type DirectorySnapshot } from './directory';
import type { SealedBox } from './encryption';

/** 1 and 0 rather than booleans: IndexedDB cannot index booleans. */
export type Flag = 0 | 1;

export interface CaseRow {
  id: string;
  channel: string;
  ticketId: string;
  kind: CaseKind;
  topic: string | null;
  urgency: 'normal' | 'urgent';
  title: string;
  isAnonymous: boolean;
  isConfidential: boolean;
  receivedAt: string;
  unitId: string | null;
  regionalUnitIds: string[];
  assigneeIds: string[];
  status: CaseStatus;
  channelReference: string | null;
  rating: number | null;
  distributedAt: string | null;
  finishedAt: string | null;
  possibleDuplicateIds: string[];
  /** The server version this copy is based on (what `baseVersion` carries); 1 for a local create. */
  version: number;
  createdAt: string;
  updatedAt: string;
  /** CaseSecret: description, resolutionNote, reporter, serverValues. */
  sealed: SealedBox;
  nikHash: string | null;
  phoneHash: string | null;
  /** 0 while a locally created case has not been acknowledged by the server. */
  isOnServer: Flag;
  hasRejectedChange: Flag;
  /** Set when a removal marker arrived while unsent work held the case here. */
  leftScopeAt: string | null;
  /** Changes on every write: writers check it to detect a concurrent change (see write-transaction.ts). */
  rev: string;
  // Since schema version 2:
  ticketKey: string;
  titleWords: string[];
  dueAt: string | null;
  queueKey: string;
}

export interface ReportRow {
  id: string;
  caseId: string;
  authorId: string;
  unitId: string;
  status: ReportStatus;
  visitDate: string | null;
  method: ReportRecord['method'];
  outcome: ReportRecord['outcome'];
  attachmentIds: string[];
  submittedAt: string | null;
  approvedAt: string | null;
  closedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** ReportSecret: findings, actionsTaken, recommendation, beneficiaryChecks, corrections, returnNote, serverValues. */
  sealed: SealedBox;
  isOnServer: Flag;
  hasRejectedChange: Flag;
  rev: string;
}

export interface EventRow {
  id: string;
  caseId: string;
  reportId: string | null;
  actorId: string | null;
  deviceId: string | null;
  action: string;
  at: string;
  /** EventSecret: changes, note. */
  sealed: SealedBox;
}

export interface AttachmentRow {
  id: string;
  caseId: string;
  reportId: string | null;
  mimeType: AttachmentMeta['mimeType'];
  size: number;
  sha256: string;
  createdBy: string;
  createdAt: string;
  /** The server has every byte. */
  isUploaded: boolean;
  /** AttachmentSecret: fileName. */
  sealed: SealedBox;
  /**
   * The file's bytes when they exist on this workstation, sealed like any personal field in
   * pieces of ATTACHMENT_PIECE_BYTES, so reading one upload chunk opens only its pieces.
   */
  pieces: SealedBox[] | null;
  /** The server's upload id, once the file was announced. */
  uploadId: string | null;
  /** Bytes the server has confirmed so far (resumable upload). */
  uploadOffset: number;
  /** The server refused the file for good: kept, out of the upload queue, with its reason. */
  uploadFailure: { code: string; message: string } | null;
}

/** Size of one sealed piece of a stored file. */
export const ATTACHMENT_PIECE_BYTES = 256 * 1024;

export interface OutboxRow {
  /** The device's mutation sequence: the outbox order and the mutation's `seq`. */
  seq: number;
  mutationId: string;
  entity: Entity;
  entityId: string;
  /** The case the mutation concerns (the report's case for report mutations). */
  caseId: string;
  op: 'create' | 'update' | 'action';
  action: string | null;
  /** Names of the record fields the mutation changes locally (the rebase keeps these). */
  touched: string[];
  bytes: number;
  /** ms since epoch. */
  createdAt: number;
  attempts: number;
  /** The mutation without `seq` (the sequence is only known inside the writing transaction). */
  sealed: SealedBox;
}

export type ConflictKind = 'field' | 'removed_from_scope';

export interface ConflictRow {
  id: string;
  kind: ConflictKind;
  /** The mutation the server answered with `conflict`; null for a removal. */
  mutationId: string | null;
  entity: Entity;
  entityId: string;
  caseId: string;
  fieldNames: string[];
  createdAt: number;
  status: 'open' | 'resolved';
  resolvedAt: number | null;
  /** The new mutation the resolution produced, if one was needed. */
  resolutionMutationId: string | null;
  /** ConflictSecret: fields (base, mine, theirs, changedBy, changedAt), note. */
  sealed: SealedBox;
}

export interface RejectedRow {
  id: string;
  mutationId: string;
  seq: number;
  entity: Entity;
  entityId: string;
  caseId: string;
  op: 'create' | 'update' | 'action';
  action: string | null;
  /** The server's stable code and sentence. */
  code: string;
  message: string;
  createdAt: number;
  status: 'open' | 'resent' | 'discarded';
  resolvedAt: number | null;
  resentAsMutationId: string | null;
  /** The outbox entry's sealed mutation, moved as is (opened with the outbox context). */
  sealed: SealedBox;
}

export interface KeyValueRow {
  key: string;
  value: unknown;
}

/** Keys of the `meta` table. */
export const META = {
  keys: 'keys',
  deviceId: 'deviceId',
  /** The next mutation `seq` of this device; incremented in the transaction that uses it. */
  nextSeq: 'nextSeq',
  directory: 'directory',
  profile: 'profile',
  persistence: 'persistence',
  /** Until when the desk has told the officer about cases becoming overdue (overdue.ts). */
  overdueNoticedUntil: 'overdueNoticedUntil',
} as const;

export const DATABASE_PREFIX = 'tindak-user-';

export function databaseNameFor(userId: string): string {
  return `${DATABASE_PREFIX}${userId}`;
}

/** Version 1: the tables. Never edit; append a version instead. */
export const SCHEMA_V1 = {
  cases: 'id, status, unitId, topic, urgency, updatedAt, nikHash, phoneHash, *regionalUnitIds, *assigneeIds',
  reports: 'id, caseId, status',
  events: 'id, caseId',
  attachments: 'id, caseId, reportId',
  outbox: 'seq, &mutationId, caseId, [entity+entityId]',
  conflicts: 'id, caseId, status, mutationId',
  rejected: 'id, caseId, status, mutationId',
  syncState: 'key',
  meta: 'key',
} as const;

/** Version 2: queue and search keys on cases (ticket id and title word prefix, deadline order). */
export const SCHEMA_V2 = {
  cases: `${SCHEMA_V1.cases}, ticketKey, *titleWords, queueKey, [status+queueKey]`,
} as const;

/** Version 3: cases by deadline, to find the ones that just became overdue (overdue.ts). */
export const SCHEMA_V3 = {
  cases: `${SCHEMA_V2.cases}, dueAt`,
} as const;

/**
 * Version 4: the cases indexes nothing queries are dropped (status, topic, urgency, updatedAt,
 * regional units, assignees). Every put wrote entries for them: about a sixth of a pulled
 * page's IndexedDB time (docs/benchmarks.md). The queue filters by status through
 * `[status+queueKey]`; the filters on the other fields run on the rows the queue reads.
 */
export const SCHEMA_V4 = {
  cases: 'id, unitId, nikHash, phoneHash, ticketKey, *titleWords, queueKey, [status+queueKey], dueAt',
} as const;

/** The latest declaration of every table's indexes. */
export const SCHEMA_LATEST_CASES = SCHEMA_V4.cases;

export class TindakDatabase extends Dexie {
  cases!: Table<CaseRow, string>;
  reports!: Table<ReportRow, string>;
  events!: Table<EventRow, string>;
  attachments!: Table<AttachmentRow, string>;
  outbox!: Table<OutboxRow, number>;
  conflicts!: Table<ConflictRow, string>;
  rejected!: Table<RejectedRow, string>;
  syncState!: Table<KeyValueRow, string>;
  meta!: Table<KeyValueRow, string>;

  constructor(
    readonly userId: string,
    options: DexieOptions = {},
  ) {
    // Strict durability: an acknowledged local save must survive a power cut (issue 4).
    super(databaseNameFor(userId), { chromeTransactionDurability: 'strict', ...options });
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade(async (tx) => {
        // The keys come from plaintext fields only, so the upgrade needs no password. It uses
        // today's derivation; the directory (for deadlines) may not be synced yet, in which
        // case the keys are refreshed when it is (saveDirectorySnapshot).
        const stored = (await tx.table<KeyValueRow, string>('meta').get('directory'))?.value;
        const parsed = directorySnapshotSchema.safeParse(stored);
        const directory: DirectorySnapshot | null = parsed.success ? parsed.data : null;
        await tx
          .table<CaseRow, string>('cases')
          .toCollection()
          .modify((row) => {
            Object.assign(row, caseQueueKeys(row, directory));
          });
      });
    // An added index only: IndexedDB builds it from the rows, nothing to move.
    this.version(3).stores(SCHEMA_V3);
    // Dropped indexes only: IndexedDB deletes them, the rows stay as they are.
    this.version(4).stores(SCHEMA_V4);
  }
}
