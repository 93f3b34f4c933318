/**
 * Attachments over HTTP (docs: the resumable upload, step by step):
 *
 *   POST /attachments/uploads            announce: attachment metadata without createdBy,
 *                                        createdAt, isUploaded → 201 (new) or 200 (again)
 *                                        { uploadId, attachmentId, offset, size, complete }
 *   GET  /attachments/uploads/:id        the same state: ask the offset after a cut
 *   PUT  /attachments/uploads/:id?offset=N
 *                                        one chunk (Content-Type: application/octet-stream,
 *                                        at most 1 MiB) starting at byte N, which must be the
 *                                        offset the server holds (else 409 offset_mismatch with
 *                                        details.offset); the last chunk completes the upload
 *                                        (422 checksum_mismatch resets it to offset 0)
 *   GET  /attachments/:id/content        the bytes; single Range requests answer 206 or 416
 *
 * PUT with the offset in the query was chosen over PATCH with an Upload-Offset header: every
 * proxy and HTTP client passes a query string through untouched.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { appError, idSchema } from '../../shared';
import { parseByteRange, type ByteRange } from '../attachments/byte-range';
import { findVisibleAttachment, readBlob } from '../attachments/content';
import { MAX_CHUNK_BYTES, createUpload, newUploadSchema, receiveChunk, uploadStatus } from '../attachments/uploads';
import type { ServerContext } from '../context';
import { badRequest } from './errors';
import { parseBody } from './validation';

const idParams = z.strictObject({ id: idSchema });
const chunkQuery = z.strictObject({
  offset: z.string().regex(/^\d{1,10}$/, 'offset harus bilangan bulat ≥ 0.').transform(Number),
});

/** RFC 5987 encoding, so file names with spaces or non-ASCII letters survive the header. */
const encodeFileName = (name: string) => encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed === etag || trimmed === `W/${etag}`;
  });
}

/**
 * Sends the bytes as a stream on purpose: body.ts gzips string and Buffer payloads, which
 * would break Content-Length and Content-Range here, and images and PDFs do not compress.
 */
function sendBytes(reply: FastifyReply, bytes: Buffer) {
  return reply.header('content-length', bytes.length).send(Readable.from([bytes]));
}

export function registerAttachmentRoutes(app: FastifyInstance, ctx: ServerContext): void {
  // A child context, so only these routes accept application/octet-stream, with a chunk-sized
  // limit; Fastify loads it with the rest of the app on ready/listen, hence no await here.
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: MAX_CHUNK_BYTES }, (_request, body, done) => {
      done(null, body);
    });

    scope.post('/attachments/uploads', { preHandler: scope.requireAuth }, async (request, reply) => {
      const { state, isNew } = await createUpload(ctx, request.actor, parseBody(newUploadSchema, request.body));
      return reply.status(isNew ? 201 : 200).send(state);
    });

    scope.get('/attachments/uploads/:id', { preHandler: scope.requireAuth }, async (request) => {
      const { id } = parseBody(idParams, request.params);
      return uploadStatus(ctx, request.actor, id);
    });

    scope.put('/attachments/uploads/:id', { preHandler: scope.requireAuth }, async (request) => {
      const { id } = parseBody(idParams, request.params);
      const { offset } = parseBody(chunkQuery, request.query);
      if (!Buffer.isBuffer(request.body)) throw badRequest('Kirim potongan berkas sebagai application/octet-stream.');
      return receiveChunk(ctx, request.actor, id, offset, request.body);
    });

    scope.get('/attachments/:id/content', { preHandler: scope.requireAuth }, async (request, reply) => {
      const { id } = parseBody(idParams, request.params);
      const meta = await findVisibleAttachment(ctx, request.actor, id);
      const etag = `"${meta.sha256}"`;
      // Scanned KK and ID cards must not stay in an HTTP cache on a shared office computer:
      // the desk keeps its own copy and revalidates with the ETag.
      reply
        .header('etag', etag)
        .header('accept-ranges', 'bytes')
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `inline; filename*=UTF-8''${encodeFileName(meta.fileName)}`);
      if (matchesEtag(request.headers['if-none-match'], etag)) return reply.status(304).send();

      // If-Range with another version: the client's partial copy is stale, send it all.
      const ifRange = request.headers['if-range'];
      const range: ByteRange = ifRange !== undefined && ifRange !== etag ? { kind: 'whole' } : parseByteRange(request.headers.range, meta.size);
      if (range.kind === 'unsatisfiable') {
        return reply
          .status(416)
          .header('content-range', `bytes */${meta.size}`)
          .send({ error: appError('invalid_body', `Rentang byte di luar ukuran berkas (${meta.size} byte).`) });
      }
      reply.header('content-type', meta.mimeType);
      if (range.kind === 'whole') return sendBytes(reply, await readBlob(ctx.db, meta.sha256, 0, meta.size));
      const bytes = await readBlob(ctx.db, meta.sha256, range.start, range.end - range.start + 1);
      return sendBytes(reply.status(206).header('content-range', `bytes ${range.start}-${range.end}/${meta.size}`), bytes);
    });
  });
}
