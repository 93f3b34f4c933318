/** Reading a stored attachment's bytes for someone who may see its case and the file (canSeeAttachment). */
import { canSeeAttachment, canSeeCase, type AttachmentMeta } from '../../shared';
import type { AuthenticatedActor } from '../auth/tokens';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { notFound } from '../http/errors';
import { loadCases, loadReports } from '../sync/store';
import { asBuffer } from './uploads';

export async function findVisibleAttachment(ctx: ServerContext, actor: AuthenticatedActor, attachmentId: string): Promise<AttachmentMeta> {
  const row = (await ctx.db.query<{ data: AttachmentMeta }>('select data from attachments where id = $1', [attachmentId])).rows[0];
  const owner = row ? (await loadCases(ctx.db, [row.data.caseId])).get(row.data.caseId) : undefined;
  // Missing and out of scope answer alike, so ids cannot be probed.
  if (
    !row ||
    !row.data.isUploaded ||
    !owner ||
    !canSeeCase(actor, owner.record, ctx.org.directory.units) ||
    !canSeeAttachment(actor, owner.record, row.data) ||
    (await isOthersDraft(ctx.db, actor, row.data.reportId))
  ) {
    throw notFound('Lampiran tidak ditemukan atau di luar wewenang Anda.');
  }
  return row.data;
}

/** A draft report's files are its author's alone until it is submitted, as in pulls. */
async function isOthersDraft(db: Queryable, actor: AuthenticatedActor, reportId: string | null): Promise<boolean> {
  if (reportId === null) return false;
  const report = (await loadReports(db, [reportId])).get(reportId)?.record;
  return report?.status === 'draft' && report.authorId !== actor.userId;
}

/** `length` bytes from `start` (0-based); only the requested part leaves the database. */
export async function readBlob(db: Queryable, sha256: string, start: number, length: number): Promise<Buffer> {
  const row = (
    await db.query<{ bytes: Uint8Array }>('select substring(bytes from $2::int + 1 for $3::int) as bytes from blobs where sha256 = $1', [sha256, start, length])
  ).rows[0];
  if (!row) throw new Error(`blob ${sha256} is referenced by an attachment but missing`);
  return asBuffer(row.bytes);
}
