/**
 * An in-memory AttachmentQueue (src/renderer/sync/attachment-uploader.ts) for the uploader's
 * tests, until the Dexie store implements it: files as byte arrays, upload state per file.
 */
import { createHash } from 'node:crypto';
import type {
  AttachmentAnnouncement,
  AttachmentQueue,
  PendingAttachment,
} from '../../../../src/renderer/sync/attachment-uploader';
import type { SyncErrorCode } from '../../../../src/renderer/sync/sync-errors';

interface StoredAttachment {
  meta: AttachmentAnnouncement;
  bytes: Uint8Array;
  uploadId: string | null;
  offset: number;
  isUploaded: boolean;
  failure: { code: SyncErrorCode; message: string } | null;
}

export class MemoryAttachmentQueue implements AttachmentQueue {
  readonly files = new Map<string, StoredAttachment>();
  /** Every chunk read, as [attachmentId, start, end] (what the uploader asked for). */
  readonly reads: Array<[string, number, number]> = [];

  add(meta: Omit<AttachmentAnnouncement, 'size' | 'sha256'>, bytes: Uint8Array): AttachmentAnnouncement {
    const full: AttachmentAnnouncement = {
      ...meta,
      size: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
    this.files.set(meta.id, {
      meta: full,
      bytes,
      uploadId: null,
      offset: 0,
      isUploaded: false,
      failure: null,
    });
    return full;
  }

  async listPending(): Promise<PendingAttachment[]> {
    return [...this.files.values()]
      .filter((file) => !file.isUploaded && !file.failure)
      .map((file) => ({ meta: { ...file.meta }, uploadId: file.uploadId, offset: file.offset }));
  }

  async pendingCount(): Promise<number> {
    return (await this.listPending()).length;
  }

  async readChunk(attachmentId: string, start: number, end: number): Promise<Uint8Array> {
    const file = this.files.get(attachmentId);
    if (!file) throw new Error(`no attachment ${attachmentId}`);
    this.reads.push([attachmentId, start, end]);
    return file.bytes.slice(start, end);
  }

  async recordProgress(attachmentId: string, progress: { uploadId: string; offset: number }): Promise<void> {
    const file = this.files.get(attachmentId);
    if (file) Object.assign(file, progress);
  }

  async markUploaded(attachmentId: string): Promise<void> {
    const file = this.files.get(attachmentId);
    if (file) file.isUploaded = true;
  }

  async markFailed(attachmentId: string, error: { code: SyncErrorCode; message: string }): Promise<void> {
    const file = this.files.get(attachmentId);
    if (file) file.failure = error;
  }
}
