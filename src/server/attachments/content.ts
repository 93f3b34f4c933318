/** Reading a stored attachment's bytes for someone who may see its case and the file (canSeeAttachment). */
import { canSeeAttachment, canSeeCase, type AttachmentMeta, type CaseRecord } from '../../shared';
import type { AuthenticatedActor } from '../auth/tokens';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { notFound } from '../http/errors';
import { notOthersDraft } from '../sync/store';
import { asBuffer } from './uploads';

export async function findVisibleAttachment(ctx: ServerContext, actor: AuthenticatedActor, attachmentId: string): Promise<AttachmentMeta> {
  // With its case, in one query; another officer's draft's files are left out, as in pulls.
  const row = (
    await ctx.db.query<{ data: AttachmentMeta; owner: CaseRecord }>(
      `select a.data, c.data as owner from attachments a join cases c on c.id = a.case_id
        where a.id = $1 and ${notOthersDraft('a.report_id', '$2')}`,
      [attachmentId, actor.userId],
    )
  ).rows[0];
  // Missing and out of scope answer alike, so ids cannot be probed.
  if (
    !row ||
    !row.data.isUploaded ||
    !canSeeCase(actor, row.owner, ctx.org.directory.units) ||
    !canSeeAttachment(actor, row.owner, row.data)
  ) {
    throw notFound('Lampiran tidak ditemukan atau di luar wewenang Anda.');
  }
  return row.data;
}

/** `length` bytes from `start` (0-based); only the requested part leaves the database. */
export async function readBlob(db: Queryable, sha256: string, start: number, length: number): Promise<Buffer> {
  const row = (
    await db.query<{ bytes: Uint8Array }>('select substring(bytes from $2::int + 1 for $3::int) as bytes from blobs where sha256 = $1', [sha256, start, length])
  ).rows[0];
  if (!row) throw new Error(`blob ${sha256} is referenced by an attachment but missing`);
  return asBuffer(row.bytes);
}
