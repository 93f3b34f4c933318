/**
 * Uploads attachments (photos, scanned KK, PDFs) after the text has gone, in resumable chunks
 * (src/server/http/attachment-routes.ts):
 *
 *   POST /attachments/uploads              announce (idempotent) → { uploadId, offset, complete }
 *   GET  /attachments/uploads/:id          how many bytes the server holds
 *   PUT  /attachments/uploads/:id?offset=N one chunk at N
 *
 * Every upload starts by asking the server its offset (GET once the upload is known, else the
 * announcement, which answers the same), and every chunk is sent at the offset the server last
 * confirmed. So after a cut only the chunk in flight is sent again. The bytes come from the
 * local store through the small AttachmentQueue interface below, which the store implements.
 */
import { z } from 'zod';
import type { AttachmentMeta, ErrorCode } from '../../shared';
import type { AttachmentPhase, AttachmentPhaseContext, AttachmentPhaseResult } from './engine';
import type { SyncHttpClient } from './http-client';
import { SyncAbortedError, SyncHttpError, SyncTimeoutError, type SyncErrorCode } from './sync-errors';

/** What the server is told about a file before its bytes: the metadata the device knows. */
export type AttachmentAnnouncement = Omit<AttachmentMeta, 'createdBy' | 'createdAt' | 'isUploaded'>;

export interface PendingAttachment {
  meta: AttachmentAnnouncement;
  /** The server's upload id once the attachment was announced; null before. */
  uploadId: string | null;
  /** Bytes the server last confirmed (for progress; the server's answer always decides). */
  offset: number;
}

/**
 * The store's side of attachment uploads (to be implemented in src/renderer/db). Each method
 * is one small transaction; none may call the network.
 */
export interface AttachmentQueue {
  /** Attachments whose bytes are not all on the server yet and that have not failed, oldest first. */
  listPending(): Promise<PendingAttachment[]>;
  pendingCount(): Promise<number>;
  /** Bytes [start, end) of the attachment's file (a Blob slice read into memory). */
  readChunk(attachmentId: string, start: number, end: number): Promise<Uint8Array>;
  /** Remembers the upload id and the offset the server confirmed. */
  recordProgress(attachmentId: string, progress: { uploadId: string; offset: number }): Promise<void>;
  /** The server holds every byte and checked the SHA-256: the attachment is uploaded. */
  markUploaded(attachmentId: string): Promise<void>;
  /**
   * The server refuses this file for good (type, size, case out of scope, id reused): keep it,
   * visible with the reason, out of the queue until the officer acts.
   */
  markFailed(attachmentId: string, error: { code: SyncErrorCode; message: string }): Promise<void>;
}

/** The server's upload state (UploadState in src/server/attachments/uploads.ts). */
export const uploadStateSchema = z.object({
  uploadId: z.string(),
  attachmentId: z.string(),
  offset: z.number().int().min(0),
  size: z.number().int().min(0),
  complete: z.boolean(),
});
export type UploadState = z.infer<typeof uploadStateSchema>;

export interface AttachmentUploaderOptions {
  client: Pick<SyncHttpClient, 'sendJson' | 'sendBytes'>;
  queue: AttachmentQueue;
  /** First chunk size; halved after a timeout, grown back by a quarter after each success. */
  chunkBytes?: number;
  minChunkBytes?: number;
  /** The server takes at most 1 MiB per chunk. */
  maxChunkBytes?: number;
}

/** Refusals no retry can fix: the attachment is parked with the reason. */
const PERMANENT_CODES: ReadonlySet<ErrorCode> = new Set([
  'unsupported_type',
  'too_large',
  'not_found',
  'duplicate',
  'forbidden',
  'read_only',
  'invalid_body',
]);

const offsetDetailsSchema = z.object({ offset: z.number().int().min(0) });

export class AttachmentUploader implements AttachmentPhase {
  private readonly client: AttachmentUploaderOptions['client'];
  private readonly queue: AttachmentQueue;
  private chunkBytes: number;
  private readonly minChunkBytes: number;
  private readonly maxChunkBytes: number;
  /** Chunks sent, whatever happened to them (for tests: how much went twice). */
  chunksSent = 0;
  bytesSent = 0;

  constructor(options: AttachmentUploaderOptions) {
    this.client = options.client;
    this.queue = options.queue;
    this.maxChunkBytes = options.maxChunkBytes ?? 1024 * 1024;
    this.minChunkBytes = options.minChunkBytes ?? 16 * 1024;
    this.chunkBytes = Math.min(this.maxChunkBytes, options.chunkBytes ?? 128 * 1024);
  }

  pendingCount(): Promise<number> {
    return this.queue.pendingCount();
  }

  async uploadPending(context: AttachmentPhaseContext): Promise<AttachmentPhaseResult> {
    const pending = await this.queue.listPending();
    const progress = {
      itemsSent: 0,
      itemsTotal: pending.length,
      bytesSent: 0,
      bytesTotal: pending.reduce((sum, item) => sum + Math.max(0, item.meta.size - item.offset), 0),
    };
    context.onProgress({ ...progress });
    let uploaded = 0;
    let failed = 0;
    for (const item of pending) {
      if (context.signal.aborted) throw new SyncAbortedError();
      if (context.shouldYield()) return { uploaded, failed, isInterrupted: true };
      const outcome = await this.uploadOne(item, context, (bytes) => {
        progress.bytesSent += bytes;
        context.onProgress({ ...progress });
      });
      if (outcome === 'interrupted') return { uploaded, failed, isInterrupted: true };
      if (outcome === 'uploaded') uploaded += 1;
      else failed += 1;
      progress.itemsSent += 1;
      context.onProgress({ ...progress });
    }
    return { uploaded, failed, isInterrupted: false };
  }

  private async uploadOne(
    item: PendingAttachment,
    context: AttachmentPhaseContext,
    onBytes: (bytes: number) => void,
  ): Promise<'uploaded' | 'failed' | 'interrupted'> {
    const id = item.meta.id;
    let state: UploadState;
    try {
      state = await this.askOffset(item, context.signal);
    } catch (error) {
      if (await this.parkIfPermanent(id, error)) return 'failed';
      throw error;
    }
    await this.queue.recordProgress(id, { uploadId: state.uploadId, offset: state.offset });
    let checksumRestarts = 0;
    while (!state.complete) {
      if (context.signal.aborted) throw new SyncAbortedError();
      if (context.shouldYield()) return 'interrupted';
      const start = state.offset;
      const end = Math.min(item.meta.size, start + this.chunkBytes);
      const bytes = await this.queue.readChunk(id, start, end);
      try {
        this.chunksSent += 1;
        this.bytesSent += bytes.byteLength;
        const answer = await this.client.sendBytes(
          'PUT',
          `/attachments/uploads/${encodeURIComponent(state.uploadId)}?offset=${start}`,
          bytes,
          {},
          uploadStateSchema,
          { signal: context.signal },
        );
        state = answer.data;
        this.chunkBytes = Math.min(this.maxChunkBytes, Math.ceil(this.chunkBytes * 1.25));
        onBytes(bytes.byteLength);
      } catch (error) {
        if (error instanceof SyncHttpError && error.code === 'offset_mismatch') {
          // Another window or an earlier lost answer moved the server on: continue from there.
          const details = offsetDetailsSchema.safeParse(error.details);
          if (!details.success) throw error;
          state = { ...state, offset: details.data.offset };
          continue;
        }
        if (error instanceof SyncHttpError && error.code === 'checksum_mismatch' && checksumRestarts === 0) {
          // The server discarded what it had; one fresh attempt from byte 0.
          checksumRestarts += 1;
          state = { ...state, offset: 0 };
          continue;
        }
        if (error instanceof SyncTimeoutError)
          this.chunkBytes = Math.max(this.minChunkBytes, Math.floor(this.chunkBytes / 2));
        if (await this.parkIfPermanent(id, error)) return 'failed';
        throw error;
      }
      await this.queue.recordProgress(id, { uploadId: state.uploadId, offset: state.offset });
    }
    await this.queue.markUploaded(id);
    return 'uploaded';
  }

  /** The server's offset: GET for a known upload, else the (idempotent) announcement. */
  private async askOffset(item: PendingAttachment, signal: AbortSignal): Promise<UploadState> {
    if (item.uploadId) {
      try {
        return (
          await this.client.sendJson(
            'GET',
            `/attachments/uploads/${encodeURIComponent(item.uploadId)}`,
            undefined,
            uploadStateSchema,
            { signal },
          )
        ).data;
      } catch (error) {
        // Unknown upload id (e.g. the server was restored): announce again.
        if (!(error instanceof SyncHttpError && error.status === 404)) throw error;
      }
    }
    return (
      await this.client.sendJson('POST', '/attachments/uploads', item.meta, uploadStateSchema, { signal })
    ).data;
  }

  private async parkIfPermanent(attachmentId: string, error: unknown): Promise<boolean> {
    // Only the server's own refusal parks a file: a proxy's or portal's 404 page says nothing about it.
    const isPermanent =
      error instanceof SyncHttpError &&
      error.isServerAnswer &&
      (PERMANENT_CODES.has(error.code) || error.code === 'checksum_mismatch');
    if (!isPermanent) return false;
    await this.queue.markFailed(attachmentId, { code: error.code, message: error.message });
    return true;
  }
}
