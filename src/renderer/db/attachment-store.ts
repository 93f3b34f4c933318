/**
 * Attachments on this workstation: a photo or scanned KK added to a case or report is sealed
 * and stored here at once (it may hold personal data), then uploaded by the sync engine after
 * the text, in resumable chunks. This module is the store's side of that upload — the
 * AttachmentQueue the engine's AttachmentUploader (src/renderer/sync) reads from: which files
 * wait, their bytes chunk by chunk, and the progress the server confirmed.
 *
 * Files are sealed in pieces of ATTACHMENT_PIECE_BYTES, each under its own context
 * (`attachment-bytes:<id>:<piece>`), so reading one chunk opens only the pieces it spans and a
 * piece cannot be swapped with another file's or reordered.
 */
import {
  attachmentMetaSchema,
  uuidv7,
  type AttachmentMeta,
  type ErrorCode,
} from '../../shared';
import { ATTACHMENT_PIECE_BYTES, type AttachmentRow } from './database';
import { openBytes, sealBytes, type SealedBox } from './encryption';
import { LocalStoreError, ActionRefusedError, asStoreError } from './errors';
import { openAttachmentRow, sealAttachmentRow } from './record-rows';
import { dropCasesThatLeftScope } from './unsent-work';
import type { UserStore } from './user-store';
import { firstIssue } from './validation-messages';

const PIECES_CONTEXT = 'attachment-bytes';

export interface NewAttachment {
  caseId: string;
  reportId?: string | null;
  fileName: string;
  mimeType: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** What the server is told before the bytes (AttachmentAnnouncement in src/renderer/sync). */
export type AttachmentAnnouncement = Omit<AttachmentMeta, 'createdBy' | 'createdAt' | 'isUploaded'>;

export interface PendingAttachment {
  meta: AttachmentAnnouncement;
  uploadId: string | null;
  offset: number;
}

function hex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function sealPieces(store: UserStore, id: string, bytes: Uint8Array<ArrayBuffer>): Promise<SealedBox[]> {
  const pieces: SealedBox[] = [];
  for (let start = 0, index = 0; start < bytes.length; start += ATTACHMENT_PIECE_BYTES, index += 1) {
    pieces.push(await sealBytes(store.keys.dataKey, PIECES_CONTEXT, id, index, bytes.slice(start, start + ATTACHMENT_PIECE_BYTES)));
  }
  return pieces;
}

/**
 * Adds a file to a case (and optionally one of its reports) on this workstation. Checked like
 * the server checks an announcement (type, size, checksum computed here); sealed before it is
 * written. The engine uploads it after the next text push.
 */
/**
 * Refuses a file the server would refuse (type, size), before anything is written: a form that
 * creates a record and attaches a file checks the file first.
 */
export function checkAttachmentFile(file: Pick<NewAttachment, 'fileName' | 'mimeType' | 'bytes'>): void {
  const shape = attachmentMetaSchema.shape;
  for (const [field, value] of [
    ['fileName', file.fileName],
    ['mimeType', file.mimeType],
    ['size', file.bytes.length],
  ] as const) {
    const parsed = shape[field].safeParse(value);
    if (!parsed.success) throw new ActionRefusedError(field === 'size' ? 'too_large' : 'invalid_body', firstIssue(parsed.error));
  }
}

export async function addAttachment(store: UserStore, file: NewAttachment): Promise<AttachmentMeta> {
  const actor = store.requireActor();
  if (actor.role === 'auditor' || actor.role === 'unit_head') {
    throw new ActionRefusedError(actor.role === 'auditor' ? 'read_only' : 'forbidden', 'Peran Anda tidak dapat menambah lampiran.');
  }
  checkAttachmentFile(file);
  const id = uuidv7();
  const candidate: AttachmentMeta = {
    id,
    caseId: file.caseId,
    reportId: file.reportId ?? null,
    fileName: file.fileName,
    mimeType: file.mimeType as AttachmentMeta['mimeType'],
    size: file.bytes.length,
    sha256: hex(await globalThis.crypto.subtle.digest('SHA-256', file.bytes)),
    createdBy: actor.userId,
    createdAt: new Date().toISOString(),
    isUploaded: false,
  };
  // The file's own fields passed checkAttachmentFile; this checks the rest (ids of the case and report).
  const parsed = attachmentMetaSchema.safeParse(candidate);
  if (!parsed.success) throw new ActionRefusedError('invalid_body', firstIssue(parsed.error));
  const meta = parsed.data;
  const row = await sealAttachmentRow(store.keys, meta, { pieces: await sealPieces(store, id, file.bytes), uploadId: null, uploadOffset: 0, uploadFailure: null });
  const { db } = store;
  try {
    await db.transaction('rw', [db.cases, db.reports, db.attachments], async () => {
      if (!(await db.cases.get(meta.caseId))) throw new LocalStoreError('not_found', 'Kasus tidak ditemukan di perangkat ini.');
      if (meta.reportId !== null && (await db.reports.get(meta.reportId))?.caseId !== meta.caseId) {
        throw new LocalStoreError('not_found', 'Laporan tidak ditemukan pada kasus ini.');
      }
      await db.attachments.add(row);
    });
  } catch (error) {
    throw asStoreError(error);
  }
  return meta;
}

/** The whole file, when its bytes are on this workstation (for viewing offline). */
export async function readAttachmentBytes(store: UserStore, attachmentId: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const row = await store.db.attachments.get(attachmentId);
  if (!row?.pieces) return null;
  return readRange(store, row, 0, row.size);
}

async function readRange(store: UserStore, row: AttachmentRow, start: number, end: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!row.pieces) throw new LocalStoreError('not_found', 'Isi berkas tidak tersimpan di perangkat ini.');
  if (start < 0 || end > row.size || start > end) throw new LocalStoreError('invalid_input', 'Rentang berkas tidak valid.');
  const out = new Uint8Array(end - start);
  const first = Math.floor(start / ATTACHMENT_PIECE_BYTES);
  const last = Math.floor(Math.max(start, end - 1) / ATTACHMENT_PIECE_BYTES);
  for (let index = first; index <= last && end > start; index += 1) {
    const piece = row.pieces[index];
    if (!piece) throw new LocalStoreError('decrypt_failed');
    const bytes = await openBytes(store.keys.dataKey, PIECES_CONTEXT, row.id, piece);
    const pieceStart = index * ATTACHMENT_PIECE_BYTES;
    const from = Math.max(start, pieceStart) - pieceStart;
    const to = Math.min(end, pieceStart + bytes.length) - pieceStart;
    out.set(bytes.subarray(from, to), pieceStart + from - start);
  }
  return out;
}

const isWaiting = (row: AttachmentRow) => row.pieces !== null && !row.isUploaded && row.uploadFailure === null;

/**
 * The store's side of attachment uploads, shaped as the engine's AttachmentQueue
 * (src/renderer/sync/attachment-uploader.ts). Each method is one small transaction.
 */
export class LocalAttachmentQueue {
  constructor(private readonly store: UserStore) {}

  async listPending(): Promise<PendingAttachment[]> {
    const rows = (await this.store.db.attachments.filter(isWaiting).toArray()).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    return Promise.all(
      rows.map(async (row) => {
        const { createdBy: _by, createdAt: _at, isUploaded: _up, ...meta } = await openAttachmentRow(this.store.keys, row);
        return { meta, uploadId: row.uploadId, offset: row.uploadOffset };
      }),
    );
  }

  pendingCount(): Promise<number> {
    return this.store.db.attachments.filter(isWaiting).count();
  }

  async readChunk(attachmentId: string, start: number, end: number): Promise<Uint8Array<ArrayBuffer>> {
    const row = await this.store.db.attachments.get(attachmentId);
    if (!row) throw new LocalStoreError('not_found', 'Lampiran tidak ditemukan di perangkat ini.');
    return readRange(this.store, row, start, end);
  }

  recordProgress(attachmentId: string, progress: { uploadId: string; offset: number }): Promise<void> {
    return this.update(attachmentId, { uploadId: progress.uploadId, uploadOffset: progress.offset });
  }

  /**
   * The bytes stay for offline viewing; the file simply leaves the queue. A case a removal kept
   * only for this file goes now, as the removal said.
   */
  markUploaded(attachmentId: string): Promise<void> {
    return changeAttachment(this.store, attachmentId, { settlesCase: true }, (row) =>
      this.store.db.attachments.put({ ...row, isUploaded: true, uploadFailure: null, uploadOffset: row.size }),
    );
  }

  markFailed(attachmentId: string, error: { code: ErrorCode | string; message: string }): Promise<void> {
    return this.update(attachmentId, { uploadFailure: { code: error.code, message: error.message } });
  }

  private update(attachmentId: string, changes: Partial<AttachmentRow>): Promise<void> {
    return changeAttachment(this.store, attachmentId, {}, (row) => this.store.db.attachments.put({ ...row, ...changes }));
  }
}

/**
 * Puts a file the server refused back in the upload queue (the officer fixed the cause, or the
 * refusal was the case being out of reach for a while); the desk then syncs as after any write.
 */
export function retryAttachmentUpload(store: UserStore, attachmentId: string): Promise<void> {
  return changeAttachment(store, attachmentId, { refusedOnly: true }, (row) => store.db.attachments.put({ ...row, uploadFailure: null }));
}

/**
 * Deletes a file the server refused for good from this workstation (its bytes exist nowhere
 * else: the desk asks first). A case kept by a removal only for this file goes with it.
 */
export function discardRefusedAttachment(store: UserStore, attachmentId: string): Promise<void> {
  return changeAttachment(store, attachmentId, { refusedOnly: true, settlesCase: true }, (row) => store.db.attachments.delete(row.id));
}

/**
 * One transaction over an attachment row: `refusedOnly` requires a file the server refused for
 * good; `settlesCase` also lets a case a removal kept only for this file go (dropCasesThatLeftScope).
 */
async function changeAttachment(
  store: UserStore,
  attachmentId: string,
  options: { refusedOnly?: boolean; settlesCase?: boolean },
  change: (row: AttachmentRow) => Promise<unknown>,
): Promise<void> {
  const { db } = store;
  const tables = options.settlesCase ? [db.attachments, db.cases, db.reports, db.events, db.outbox] : [db.attachments];
  try {
    await db.transaction('rw', tables, async () => {
      const row = await db.attachments.get(attachmentId);
      if (!row) throw new LocalStoreError('not_found', 'Lampiran tidak ditemukan di perangkat ini.');
      if (options.refusedOnly && (!row.pieces || row.isUploaded || row.uploadFailure === null))
        throw new LocalStoreError('not_found', 'Tidak ada berkas yang ditolak server dengan ID ini di perangkat ini.');
      await change(row);
      if (options.settlesCase) await dropCasesThatLeftScope(db, [row.caseId]);
    });
  } catch (error) {
    throw asStoreError(error);
  }
}

export function createAttachmentQueue(store: UserStore): LocalAttachmentQueue {
  return new LocalAttachmentQueue(store);
}
