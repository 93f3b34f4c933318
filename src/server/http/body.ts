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
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (request, body, done) => {
    const text = (body as Buffer).toString('utf8');
    if (text.trim() === '') return done(new HttpError(400, 'malformed_json', 'Isi permintaan kosong.'), undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text) as unknown;
    } catch (error) {
      return done(new HttpError(400, 'malformed_json', `JSON tidak valid: ${(error as Error).message}`), undefined);
    }
    // Channel intake judges each case on its own (a bad one must not cost the batch): there
    // only the nesting is checked here, the text per case (intake.ts).
    const problem = unstorableJson(parsed, { text: !request.url.startsWith('/intake/') });
    if (problem) return done(new HttpError(400, 'invalid_body', problem), undefined);
    done(null, parsed);
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

/** Deeper than any request of the protocol nests (a push is about six levels). */
export const MAX_JSON_DEPTH = 32;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why a parsed body could not be stored as it is, or null: PostgreSQL refuses NUL and unpaired
 * surrogates in text and jsonb, and deep nesting would exhaust the stack of the recursive work
 * done on payloads (hashing, merging). Checked once here, for every route, so neither ever
 * reaches the database as a 500. Iterative, so it is not itself exhausted.
 */
export function unstorableJson(value: unknown, check: { text?: boolean } = {}): string | null {
  const checksText = check.text ?? true;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (typeof current === 'string') {
      if (checksText && (current.includes('\u0000') || LONE_SURROGATE.test(current)))
        return 'Teks berisi karakter yang tidak dapat disimpan (NUL atau surrogate tunggal).';
    } else if (current !== null && typeof current === 'object') {
      if (depth >= MAX_JSON_DEPTH) return `Isi permintaan bersarang lebih dari ${MAX_JSON_DEPTH} tingkat.`;
      for (const [key, inner] of Object.entries(current)) {
        if (!Array.isArray(current)) stack.push({ value: key, depth });
        stack.push({ value: inner, depth: depth + 1 });
      }
    }
  }
  return null;
}
