/**
 * Request bodies: JSON, optionally gzip-compressed (Content-Encoding: gzip), with the byte
 * limit applied to the decompressed size so a small bomb cannot inflate past it. Responses
 * are gzip-compressed when the client accepts it and they are worth compressing.
 */
import type { FastifyInstance } from 'fastify';
import { Transform } from 'node:stream';
import { createGunzip, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { HttpError } from './errors';

const gzipAsync = promisify(gzip);

class ByteLimit extends Transform {
  private seen = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void) {
    this.seen += chunk.length;
    if (this.seen > this.limit) done(new HttpError(413, 'batch_too_large', `Isi permintaan melebihi ${this.limit} byte setelah didekompresi.`));
    else done(null, chunk);
  }
}

export function registerBodyHandling(app: FastifyInstance, bodyLimit: number): void {
  app.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = request.headers['content-encoding'];
    if (!encoding || encoding === 'identity') return payload;
    if (encoding !== 'gzip') throw new HttpError(415, 'invalid_body', 'Content-Encoding hanya boleh gzip.');
    const gunzip = createGunzip();
    const limited = new ByteLimit(bodyLimit);
    gunzip.on('error', (error) => limited.destroy(new HttpError(400, 'malformed_json', `Isi gzip rusak: ${error.message}`)));
    payload.pipe(gunzip).pipe(limited);
    // Fastify checks Content-Length against the transformed stream: it no longer applies.
    delete request.headers['content-length'];
    return limited;
  });

  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => {
    const text = (body as Buffer).toString('utf8');
    if (text.trim() === '') return done(new HttpError(400, 'malformed_json', 'Isi permintaan kosong.'), undefined);
    try {
      done(null, JSON.parse(text) as unknown);
    } catch (error) {
      done(new HttpError(400, 'malformed_json', `JSON tidak valid: ${(error as Error).message}`), undefined);
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (Buffer.byteLength(payload) < 1024) return payload;
    if (reply.getHeader('content-encoding')) return payload;
    const accepts = request.headers['accept-encoding'] ?? '';
    if (!/\bgzip\b/.test(accepts)) return payload;
    reply.header('content-encoding', 'gzip');
    reply.header('vary', 'accept-encoding');
    reply.removeHeader('content-length');
    return gzipAsync(payload);
  });
}
