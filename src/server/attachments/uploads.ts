/**
 * Resumable attachment uploads. A workstation on a bad link announces the file (metadata with
 * its size and SHA-256), asks how much the server already holds, and sends the rest in chunks
 * at that offset: a cut costs at most the chunk in flight. The attachments row, which pulls
 * carry, is written only when the bytes are complete and verified.
 *
 * Bytes are content-addressed (table blobs): the same file is stored once. A file already on
 * the server completes at once, but only for someone who could read it anyway (it is attached
 * to a case they can see, or they uploaded it before); otherwise knowing a checksum would be
 * enough to obtain another unit's scanned KK.
 */
import { z } from 'zod';
import {
  ATTACHMENT_MIME_TYPES,
  MAX_ATTACHMENT_BYTES,
  attachmentMetaSchema,
  canSeeAttachment,
  canSeeCase,
  isReadOnlyRole,
  uuidv7,
  type AttachmentMeta,
  type CaseRecord,
  type Role,
} from '../../shared';
import type { AuthenticatedActor } from '../auth/tokens';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { HttpError, badRequest, forbidden, notFound } from '../http/errors';
import { sameValue } from '../sync/merge';
import { insertEvents, loadCases, loadReports, notOthersDraft, takeSeqs, upsertAttachmentMeta } from '../sync/store';

/** Largest chunk one request may carry: small enough to resend cheaply on a bad link. */
export const MAX_CHUNK_BYTES = 1024 * 1024;

/** Who may add attachments, on the cases they can see. The unit head closes reports; the auditor only reads. */
export const ATTACHMENT_WRITER_ROLES: readonly Role[] = ['admin', 'liaison', 'upt_staff', 'field_worker'];

/**
 * What a client announces. Type and size are loosened here and checked after parsing, so an
 * unsupported or oversize file gets its own status and code (415 / 413) instead of a 400.
 */
export const newUploadSchema = attachmentMetaSchema.omit({ createdBy: true, createdAt: true, isUploaded: true }).extend({
  mimeType: z.string({ error: 'Jenis berkas (mimeType) wajib diisi.' }).max(255),
  size: z.number({ error: 'Ukuran berkas harus berupa angka byte.' }).int('Ukuran berkas harus bilangan bulat.').min(1, 'Berkas kosong.'),
});
export type NewUpload = z.infer<typeof newUploadSchema>;

type AnnouncedMeta = Omit<AttachmentMeta, 'createdBy' | 'createdAt' | 'isUploaded'>;

/** What the client needs to continue: `offset` is how many bytes the server holds. */
export interface UploadState {
  uploadId: string;
  attachmentId: string;
  offset: number;
  size: number;
  complete: boolean;
}

interface UploadRow {
  id: string;
  attachment_id: string;
  user_id: string;
  sha256: string;
  size: number;
  received: number;
  completed_at: unknown;
  meta: AnnouncedMeta;
}

const isAllowedMimeType = (value: string): value is AttachmentMeta['mimeType'] => (ATTACHMENT_MIME_TYPES as readonly string[]).includes(value);

const stateOf = (row: UploadRow): UploadState => {
  const complete = row.completed_at !== null;
  return { uploadId: row.id, attachmentId: row.attachment_id, offset: complete ? row.size : row.received, size: row.size, complete };
};

/** node-postgres returns bytea as a Buffer, PGlite as a plain Uint8Array. */
export const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const offsetMismatch = (offset: number, size: number) =>
  new HttpError(409, 'offset_mismatch', `Server sudah menerima ${offset} byte; lanjutkan pengiriman dari byte ke-${offset}.`, { offset, size });

async function visibleCase(ctx: ServerContext, tx: Queryable, actor: AuthenticatedActor, caseId: string): Promise<CaseRecord> {
  const found = (await loadCases(tx, [caseId])).get(caseId);
  // Not found and not visible answer alike: the reply must not tell whether a case exists.
  if (!found || !canSeeCase(actor, found.record, ctx.org.directory.units)) throw notFound('Kasus tidak ditemukan atau di luar wewenang Anda.');
  return found.record;
}

async function checkReport(tx: Queryable, actor: AuthenticatedActor, meta: AnnouncedMeta): Promise<void> {
  if (meta.reportId === null) return;
  const report = (await loadReports(tx, [meta.reportId])).get(meta.reportId)?.record;
  const isOthersDraft = report?.status === 'draft' && report.authorId !== actor.userId;
  if (!report || report.caseId !== meta.caseId || isOthersDraft) throw notFound('Laporan tidak ditemukan pada kasus ini.');
}

async function findUpload(tx: Queryable, column: 'id' | 'attachment_id', value: string, forUpdate = false): Promise<UploadRow | undefined> {
  const result = await tx.query<UploadRow>(
    `select id, attachment_id, user_id, sha256, size, received, completed_at, meta from uploads where ${column} = $1${forUpdate ? ' for update' : ''}`,
    [value],
  );
  return result.rows[0];
}

/** Announcing an attachment again (a lost response, a restarted app) returns its upload. */
function sameAnnouncement(existing: UploadRow, actor: AuthenticatedActor, meta: AnnouncedMeta): UploadState {
  if (existing.user_id !== actor.userId || !sameValue(existing.meta, meta)) {
    throw new HttpError(409, 'duplicate', 'ID lampiran ini sudah dipakai untuk berkas lain.');
  }
  return stateOf(existing);
}

/** Whether `actor` may have the stored bytes of this checksum without sending them. */
async function isFileKnownTo(ctx: ServerContext, tx: Queryable, actor: AuthenticatedActor, meta: AnnouncedMeta): Promise<boolean> {
  const blob = (await tx.query<{ size: number }>('select size from blobs where sha256 = $1', [meta.sha256])).rows[0];
  // A wrong size for a known checksum is left to fail the checksum at the end of a normal upload.
  if (!blob || blob.size !== meta.size) return false;
  const own = await tx.query('select 1 from uploads where user_id = $1 and sha256 = $2 and completed_at is not null limit 1', [actor.userId, meta.sha256]);
  if (own.rowCount > 0) return true;
  // Knowing a checksum must not be a way to a file: only one the caller may already download
  // (its case and the file itself visible to them, not another officer's draft) counts.
  const holders = await tx.query<{ data: CaseRecord; file: AttachmentMeta }>(
    `select c.data, a.data as file from attachments a join cases c on c.id = a.case_id
      where a.sha256 = $1 and ${notOthersDraft('a.report_id', '$2')} limit 200`,
    [meta.sha256, actor.userId],
  );
  return holders.rows.some(
    (row) => canSeeCase(actor, row.data, ctx.org.directory.units) && canSeeAttachment(actor, row.data, row.file),
  );
}

/** The attachment becomes part of the case: its metadata and an audit entry, both carried by pulls. */
async function recordAttachment(tx: Queryable, actor: AuthenticatedActor, meta: AnnouncedMeta): Promise<void> {
  const now = new Date().toISOString();
  const record = attachmentMetaSchema.parse({ ...meta, createdBy: actor.userId, createdAt: now, isUploaded: true });
  const seq = await takeSeqs(tx, 2);
  await upsertAttachmentMeta(tx, [{ meta: record, changeSeq: seq }]);
  await insertEvents(tx, [
    {
      changeSeq: seq + 1,
      event: {
        id: uuidv7(),
        caseId: record.caseId,
        reportId: record.reportId,
        actorId: actor.userId,
        deviceId: actor.deviceId,
        action: 'attachment_add',
        at: now,
        // The file name can carry a reporter's name: the audit trail keeps only what is not personal.
        changes: [{ field: 'attachment', before: null, after: { id: record.id, mimeType: record.mimeType, size: record.size } }],
        note: null,
      },
    },
  ]);
}

export async function createUpload(ctx: ServerContext, actor: AuthenticatedActor, input: NewUpload): Promise<{ state: UploadState; isNew: boolean }> {
  if (isReadOnlyRole(actor.role)) throw new HttpError(403, 'read_only', 'Peran Anda hanya dapat membaca; lampiran tidak dapat ditambahkan.');
  if (!ATTACHMENT_WRITER_ROLES.includes(actor.role)) throw forbidden('Peran Anda tidak dapat menambah lampiran.');
  const mimeType = input.mimeType;
  if (!isAllowedMimeType(mimeType)) {
    throw new HttpError(415, 'unsupported_type', 'Jenis berkas harus JPEG, PNG, WebP atau PDF.', { allowed: ATTACHMENT_MIME_TYPES });
  }
  if (input.size > MAX_ATTACHMENT_BYTES) {
    throw new HttpError(413, 'too_large', `Berkas terlalu besar (maks. ${MAX_ATTACHMENT_BYTES / (1024 * 1024)} MB).`, { maxBytes: MAX_ATTACHMENT_BYTES });
  }
  const meta: AnnouncedMeta = {
    id: input.id,
    caseId: input.caseId,
    reportId: input.reportId,
    fileName: input.fileName,
    mimeType,
    size: input.size,
    sha256: input.sha256,
  };

  return ctx.db.transaction(async (tx) => {
    await visibleCase(ctx, tx, actor, meta.caseId);
    await checkReport(tx, actor, meta);
    const existing = await findUpload(tx, 'attachment_id', meta.id);
    if (existing) return { state: sameAnnouncement(existing, actor, meta), isNew: false };
    const elsewhere = await tx.query('select 1 from attachments where id = $1', [meta.id]);
    if (elsewhere.rowCount > 0) throw new HttpError(409, 'duplicate', 'ID lampiran ini sudah dipakai untuk berkas lain.');

    const isKnown = await isFileKnownTo(ctx, tx, actor, meta);
    const inserted = await tx.query<UploadRow>(
      `insert into uploads (id, attachment_id, user_id, sha256, size, mime_type, received, completed_at, meta)
       values ($1, $2, $3, $4, $5::int, $6, case when $7::boolean then $5::int else 0 end, case when $7::boolean then now() end, $8::jsonb)
       on conflict (attachment_id) do nothing
       returning id, attachment_id, user_id, sha256, size, received, completed_at, meta`,
      [uuidv7(), meta.id, actor.userId, meta.sha256, meta.size, meta.mimeType, isKnown, JSON.stringify(meta)],
    );
    const row = inserted.rows[0];
    if (!row) {
      // Announced by a concurrent request that committed first: answer as for a repeat.
      const raced = await findUpload(tx, 'attachment_id', meta.id);
      if (!raced) throw new Error(`upload of attachment ${meta.id} conflicted but is not visible`);
      return { state: sameAnnouncement(raced, actor, meta), isNew: false };
    }
    if (isKnown) await recordAttachment(tx, actor, meta);
    return { state: stateOf(row), isNew: true };
  });
}

/** Uploads belong to the person who announced them; anyone else is told it does not exist. */
async function ownUpload(ctx: ServerContext, tx: Queryable, actor: AuthenticatedActor, uploadId: string, forUpdate: boolean): Promise<UploadRow> {
  const upload = await findUpload(tx, 'id', uploadId, forUpdate);
  if (!upload || upload.user_id !== actor.userId) throw notFound('Unggahan tidak ditemukan.');
  await visibleCase(ctx, tx, actor, upload.meta.caseId);
  return upload;
}

export async function uploadStatus(ctx: ServerContext, actor: AuthenticatedActor, uploadId: string): Promise<UploadState> {
  return stateOf(await ownUpload(ctx, ctx.db, actor, uploadId, false));
}

/** Whether the bytes at `offset` were already received (a chunk resent after a lost response). */
async function chunksHold(tx: Queryable, uploadId: string, offset: number, bytes: Buffer): Promise<boolean> {
  const rows = (
    await tx.query<{ offset_bytes: number; bytes: Uint8Array }>(
      `select offset_bytes, bytes from upload_chunks
        where upload_id = $1 and offset_bytes < $2::int and offset_bytes + length(bytes) > $3::int order by offset_bytes`,
      [uploadId, offset + bytes.length, offset],
    )
  ).rows;
  const first = rows[0]?.offset_bytes;
  if (first === undefined || first > offset) return false;
  const held = Buffer.concat(rows.map((row) => asBuffer(row.bytes)));
  return held.subarray(offset - first, offset - first + bytes.length).equals(bytes);
}

async function blobHolds(tx: Queryable, sha256: string, offset: number, bytes: Buffer): Promise<boolean> {
  const result = await tx.query<{ same: boolean }>(
    'select substring(bytes from $2::int + 1 for $3::int) = $4::bytea as same from blobs where sha256 = $1',
    [sha256, offset, bytes.length, bytes],
  );
  return result.rows[0]?.same === true;
}

/**
 * Stores one chunk at `offset`, which must be what the server already holds; the last chunk
 * completes the upload. Everything the request writes is one transaction.
 */
export async function receiveChunk(ctx: ServerContext, actor: AuthenticatedActor, uploadId: string, offset: number, bytes: Buffer): Promise<UploadState> {
  if (bytes.length === 0) throw badRequest('Potongan berkas kosong.');
  const outcome = await ctx.db.transaction(async (tx): Promise<UploadState | 'checksum_mismatch'> => {
    // The row lock orders concurrent chunks of one upload (two tabs, a retry racing the original).
    const upload = await ownUpload(ctx, tx, actor, uploadId, true);
    const end = offset + bytes.length;
    if (upload.completed_at !== null) {
      if (end <= upload.size && (await blobHolds(tx, upload.sha256, offset, bytes))) return stateOf(upload);
      throw offsetMismatch(upload.size, upload.size);
    }
    if (offset !== upload.received) {
      if (end <= upload.received && (await chunksHold(tx, upload.id, offset, bytes))) return stateOf(upload);
      throw offsetMismatch(upload.received, upload.size);
    }
    if (end > upload.size) {
      throw new HttpError(413, 'too_large', `Potongan melewati ukuran berkas yang diumumkan (${upload.size} byte).`, { offset: upload.received, size: upload.size });
    }
    await tx.query('insert into upload_chunks (upload_id, offset_bytes, bytes) values ($1, $2, $3)', [upload.id, offset, bytes]);
    if (end < upload.size) {
      await tx.query('update uploads set received = $2 where id = $1', [upload.id, end]);
      return { ...stateOf(upload), offset: end };
    }
    return completeUpload(tx, actor, upload);
  });
  if (outcome === 'checksum_mismatch') {
    throw new HttpError(422, 'checksum_mismatch', 'Berkas rusak saat dikirim (checksum SHA-256 tidak cocok); kirim ulang dari awal.', { offset: 0 });
  }
  return outcome;
}

/** Assembles and verifies inside the database, so up to 20 MB need not travel back to Node. */
async function completeUpload(tx: Queryable, actor: AuthenticatedActor, upload: UploadRow): Promise<UploadState | 'checksum_mismatch'> {
  const assembled = await tx.query<{ sha256: string | null }>(
    `select encode(sha256(string_agg(bytes, ''::bytea order by offset_bytes)), 'hex') as sha256 from upload_chunks where upload_id = $1`,
    [upload.id],
  );
  if (assembled.rows[0]?.sha256 !== upload.sha256) {
    // Which chunk went bad is unknowable: start again, and keep this reset even though the request fails.
    await tx.query('delete from upload_chunks where upload_id = $1', [upload.id]);
    await tx.query('update uploads set received = 0 where id = $1', [upload.id]);
    return 'checksum_mismatch';
  }
  await tx.query(
    `insert into blobs (sha256, size, mime_type, bytes)
     select $2::text, $3::int, $4::text, string_agg(bytes, ''::bytea order by offset_bytes) from upload_chunks
      where upload_id = $1 and not exists (select 1 from blobs where sha256 = $2::text)
     having count(*) > 0
     on conflict (sha256) do nothing`,
    [upload.id, upload.sha256, upload.size, upload.meta.mimeType],
  );
  await tx.query('delete from upload_chunks where upload_id = $1', [upload.id]);
  await tx.query('update uploads set received = size, completed_at = now() where id = $1', [upload.id]);
  await recordAttachment(tx, actor, upload.meta);
  return { ...stateOf(upload), offset: upload.size, complete: true };
}
