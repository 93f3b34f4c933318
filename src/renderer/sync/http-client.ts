/**
 * The workstation's side of the HTTP API (docs/sync-protocol.md). Every answer is parsed with
 * the shared zod schemas before anyone uses it; a server on another protocol version stops
 * everything (SyncProtocolMismatchError) rather than guess.
 *
 * Sessions: the access token rides in `Authorization: Bearer`. On a 401 the client refreshes
 * once (one refresh at a time, however many requests failed together), stores the rotated pair
 * through the SessionSource *before* using it, and repeats the request. When the refresh's
 * answer is lost on the link, the same refresh token is sent again: the server accepts a rotated
 * token for a grace window (2 minutes) exactly for this. A refused refresh ends the session.
 *
 * Bodies above ~1 KiB are gzip-compressed (CompressionStream). Every request has a timeout
 * that also covers reading the answer; it grows with the body so a slow link is not mistaken
 * for a dead one.
 */
import { z } from 'zod';
import {
  ERROR_MESSAGES,
  PROTOCOL_VERSION,
  errorResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
  roleSchema,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../../shared';
import { linkedAbort } from './linked-abort';
import { sleep, systemClock, type SyncClock } from './clock';
import { COMPRESS_ABOVE_BYTES, gzip } from './gzip';
import {
  SyncAbortedError,
  SyncHttpError,
  type SyncError,
  SyncInvalidResponseError,
  SyncNetworkError,
  SyncProtocolMismatchError,
  SyncSessionEndedError,
  SyncTimeoutError,
} from './sync-errors';

/** The token pair `/auth/login` and `/auth/refresh` answer with. */
export const sessionTokensSchema = z.object({
  accessToken: z.string().min(20),
  refreshToken: z.string().min(20),
  accessExpiresAt: z.string(),
  refreshExpiresAt: z.string(),
});
export type SessionTokens = z.infer<typeof sessionTokensSchema>;

export const signedInUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  unitId: z.string(),
});
export type SignedInUser = z.infer<typeof signedInUserSchema>;

export const loginResponseSchema = sessionTokensSchema.extend({ user: signedInUserSchema });
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/**
 * Where the session's tokens live. The case desk keeps them (features/session/token-keeper.ts:
 * the OS vault in Electron, the officer's store otherwise); the sync layer only reads them and
 * hands back rotated ones.
 */
export interface SessionSource {
  readonly deviceId: string;
  /** The current pair, or null when nobody is signed in on this device. */
  getTokens(): Promise<SessionTokens | null>;
  /** Must persist the new pair before resolving: the old refresh token is rotated out. */
  saveTokens(tokens: SessionTokens): Promise<void>;
  /** The server refused the refresh token (expired, revoked, reused): sign-in is needed. */
  sessionEnded(reason: SyncError | null): void | Promise<void>;
}

/** An in-memory SessionSource (tests, and the desk until it has its own storage). */
export function memorySessionSource(
  deviceId: string,
  initial: SessionTokens | null = null,
): SessionSource & { ended: number } {
  let tokens = initial;
  const source = {
    deviceId,
    ended: 0,
    getTokens: () => Promise.resolve(tokens),
    saveTokens: (next: SessionTokens) => {
      tokens = next;
      return Promise.resolve();
    },
    sessionEnded: () => {
      source.ended += 1;
      tokens = null;
    },
  };
  return source;
}

export interface RequestTimeouts {
  /** Allowed for any request, whatever its size. */
  baseMs: number;
  /** Slowest link still considered alive: each body byte adds 1000 / this ms to the timeout. */
  minBytesPerSecond: number;
}

export const DEFAULT_TIMEOUTS: RequestTimeouts = { baseMs: 30_000, minBytesPerSecond: 2_000 };

export interface SyncHttpClientOptions {
  /** The server's base URL, e.g. https://tindak.kemensos.go.id/ (a trailing slash is fine). */
  baseUrl: string;
  session: SessionSource;
  fetch?: typeof fetch;
  clock?: SyncClock;
  timeouts?: Partial<RequestTimeouts>;
  /** Bodies larger than this are gzip-compressed. */
  compressAboveBytes?: number;
  /** How often a refresh whose answer was lost is sent again at once (same token). */
  refreshRetries?: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Overrides the size-based timeout. */
  timeoutMs?: number;
  /**
   * Bytes other requests may send over the same link while this one runs (pipelined pushes):
   * added to this request's size-based timeout, which otherwise assumes the link to itself.
   */
  sharedWireBytes?: number;
}

/** What a request cost on the wire (body only), for batch sizing and progress. */
export interface SentBody {
  jsonBytes: number;
  wireBytes: number;
}

export interface Answer<T> {
  data: T;
  sent: SentBody;
}

interface PreparedBody {
  bytes: Uint8Array | undefined;
  headers: Record<string, string>;
  sent: SentBody;
}

interface RawAnswer {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

export class SyncHttpClient {
  private readonly baseUrl: string;
  private readonly session: SessionSource;
  private readonly fetchImpl: typeof fetch;
  private readonly clock: SyncClock;
  private readonly timeouts: RequestTimeouts;
  private readonly compressAboveBytes: number;
  private readonly refreshRetries: number;
  private refreshing: Promise<SessionTokens> | null = null;

  constructor(options: SyncHttpClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.session = options.session;
    // Bound, so a platform fetch is not called with the client as `this`.
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.clock = options.clock ?? systemClock;
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.compressAboveBytes = options.compressAboveBytes ?? COMPRESS_ABOVE_BYTES;
    this.refreshRetries = options.refreshRetries ?? 2;
  }

  get deviceId(): string {
    return this.session.deviceId;
  }

  /** Signs in and stores the session's tokens. */
  async login(username: string, password: string, options: RequestOptions = {}): Promise<LoginResponse> {
    const body = await this.prepareJson({ username, password, deviceId: this.session.deviceId });
    const answer = await this.exchange('POST', '/auth/login', body, null, options);
    const data = this.parse(answer, '/auth/login', loginResponseSchema);
    await this.session.saveTokens({
      accessToken: data.accessToken,
      refreshToken: data.refreshToken,
      accessExpiresAt: data.accessExpiresAt,
      refreshExpiresAt: data.refreshExpiresAt,
    });
    return data;
  }

  async push(request: PushRequest, options: RequestOptions = {}): Promise<Answer<PushResponse>> {
    return this.sendJson('POST', '/sync/push', request, pushResponseSchema, options);
  }

  async pull(request: PullRequest, options: RequestOptions = {}): Promise<Answer<PullResponse>> {
    return this.sendJson('POST', '/sync/pull', request, pullResponseSchema, options);
  }

  /** An authenticated JSON request parsed with `schema` (also used by the attachment uploader). */
  async sendJson<S extends z.ZodType>(
    method: string,
    path: string,
    payload: unknown,
    schema: S,
    options: RequestOptions = {},
  ): Promise<Answer<z.output<S>>> {
    const body = payload === undefined ? emptyBody() : await this.prepareJson(payload);
    const answer = await this.authorized(method, path, body, options);
    return { data: this.parse(answer, path, schema), sent: body.sent };
  }

  /** An authenticated request with raw bytes (an attachment chunk); never re-compressed. */
  async sendBytes<S extends z.ZodType>(
    method: string,
    path: string,
    bytes: Uint8Array,
    headers: Record<string, string>,
    schema: S,
    options: RequestOptions = {},
  ): Promise<Answer<z.output<S>>> {
    const body: PreparedBody = {
      bytes,
      headers: { 'content-type': 'application/octet-stream', ...headers },
      sent: { jsonBytes: 0, wireBytes: bytes.byteLength },
    };
    const answer = await this.authorized(method, path, body, options);
    return { data: this.parse(answer, path, schema), sent: body.sent };
  }

  private async prepareJson(payload: unknown): Promise<PreparedBody> {
    const json = textEncoder.encode(JSON.stringify(payload));
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (json.byteLength <= this.compressAboveBytes) {
      return { bytes: json, headers, sent: { jsonBytes: json.byteLength, wireBytes: json.byteLength } };
    }
    const compressed = await gzip(json);
    headers['content-encoding'] = 'gzip';
    return {
      bytes: compressed,
      headers,
      sent: { jsonBytes: json.byteLength, wireBytes: compressed.byteLength },
    };
  }

  /** Sends with the current access token; on 401 refreshes once and sends again. */
  private async authorized(
    method: string,
    path: string,
    body: PreparedBody,
    options: RequestOptions,
  ): Promise<RawAnswer> {
    const tokens = await this.session.getTokens();
    if (!tokens) {
      await this.session.sessionEnded(null);
      throw new SyncSessionEndedError();
    }
    const first = await this.exchange(method, path, body, tokens.accessToken, options);
    if (first.status !== 401) return first;
    const fresh = await this.refreshAfterRejection(tokens.accessToken, options.signal);
    const second = await this.exchange(method, path, body, fresh.accessToken, options);
    if (second.status === 401) {
      // A brand-new token refused: the device or the account was revoked meanwhile.
      const error = this.httpError(second);
      await this.session.sessionEnded(error);
      throw new SyncSessionEndedError({ cause: error });
    }
    return second;
  }

  private async refreshAfterRejection(
    rejectedAccessToken: string,
    signal: AbortSignal | undefined,
  ): Promise<SessionTokens> {
    const current = await this.session.getTokens();
    if (!current) throw new SyncSessionEndedError();
    // Another request refreshed while this one was in flight: just use its result.
    if (current.accessToken !== rejectedAccessToken) return current;
    // One refresh for every request that was refused together. It runs under no request's
    // signal: a request given up (a pipelined batch abandoned) must not cancel it for the others,
    // each of which stops waiting on its own signal instead.
    this.refreshing ??= this.refresh(current, undefined).finally(() => {
      this.refreshing = null;
    });
    return untilAborted(this.refreshing, signal);
  }

  private async refresh(tokens: SessionTokens, signal: AbortSignal | undefined): Promise<SessionTokens> {
    const body = await this.prepareJson({
      refreshToken: tokens.refreshToken,
      deviceId: this.session.deviceId,
    });
    for (let attempt = 0; ; attempt += 1) {
      let answer: RawAnswer;
      try {
        answer = await this.exchange('POST', '/auth/refresh', body, null, signal ? { signal } : {});
      } catch (error) {
        const isLost = error instanceof SyncNetworkError || error instanceof SyncTimeoutError;
        if (!isLost || attempt >= this.refreshRetries) throw error;
        // The answer may have been lost after the server rotated the token; the same token
        // stays valid for the grace window, so asking again is safe.
        await sleep(this.clock, 250 * 2 ** attempt, signal);
        continue;
      }
      if (answer.status === 401) {
        const error = this.httpError(answer);
        await this.session.sessionEnded(error);
        throw new SyncSessionEndedError({ cause: error });
      }
      const fresh = this.parse(answer, '/auth/refresh', sessionTokensSchema);
      await this.session.saveTokens(fresh);
      return fresh;
    }
  }

  /** One request and its whole answer, within the timeout. Throws only transport errors. */
  private async exchange(
    method: string,
    path: string,
    body: PreparedBody,
    accessToken: string | null,
    options: RequestOptions,
  ): Promise<RawAnswer> {
    const timeoutMs = options.timeoutMs ?? this.timeoutFor(body.sent.wireBytes + (options.sharedWireBytes ?? 0));
    const outer = options.signal;
    const { controller, unlink } = linkedAbort(outer);
    let isTimedOut = false;
    const timer = this.clock.setTimeout(() => {
      isTimedOut = true;
      controller.abort();
    }, timeoutMs);
    const headers: Record<string, string> = { accept: 'application/json', ...body.headers };
    if (accessToken) headers.authorization = `Bearer ${accessToken}`;
    try {
      const response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body.bytes as BodyInit | undefined,
        signal: controller.signal,
        cache: 'no-store',
      });
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { status: response.status, headers: response.headers, bytes };
    } catch (error) {
      if (isTimedOut) throw new SyncTimeoutError(timeoutMs);
      if (outer?.aborted) throw new SyncAbortedError();
      throw new SyncNetworkError({ cause: error });
    } finally {
      this.clock.clearTimeout(timer);
      unlink();
    }
  }

  private timeoutFor(bodyBytes: number): number {
    return Math.ceil(this.timeouts.baseMs + (bodyBytes * 1000) / this.timeouts.minBytesPerSecond);
  }

  private parse<S extends z.ZodType>(answer: RawAnswer, path: string, schema: S): z.output<S> {
    if (answer.status < 200 || answer.status >= 300) throw this.httpError(answer);
    let json: unknown;
    try {
      json = JSON.parse(textDecoder.decode(answer.bytes));
    } catch {
      throw new SyncInvalidResponseError(path, 'bukan JSON');
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    if (isOtherProtocol(json)) throw new SyncProtocolMismatchError();
    const issue = parsed.error.issues[0];
    throw new SyncInvalidResponseError(path, issue ? `${issue.path.join('.')}: ${issue.message}` : 'skema');
  }

  private httpError(answer: RawAnswer): SyncHttpError | SyncProtocolMismatchError {
    let json: unknown = null;
    try {
      json = JSON.parse(textDecoder.decode(answer.bytes));
    } catch {
      // A proxy's HTML error page, say: the status alone decides.
    }
    const parsed = errorResponseSchema.safeParse(json);
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      if (code === 'protocol_mismatch') return new SyncProtocolMismatchError(message);
      return new SyncHttpError(answer.status, code, message, details);
    }
    const code =
      answer.status === 401
        ? 'unauthenticated'
        : answer.status === 404
          ? 'not_found'
          : answer.status === 429
            ? 'rate_limited'
            : answer.status >= 500
              ? 'internal'
              : 'invalid_body';
    return new SyncHttpError(answer.status, code, ERROR_MESSAGES[code].id, undefined, false);
  }
}

function emptyBody(): PreparedBody {
  return { bytes: undefined, headers: {}, sent: { jsonBytes: 0, wireBytes: 0 } };
}

function isOtherProtocol(json: unknown): boolean {
  return (
    typeof json === 'object' &&
    json !== null &&
    'protocolVersion' in json &&
    json.protocolVersion !== PROTOCOL_VERSION
  );
}

/** `promise`, or a SyncAbortedError as soon as `signal` aborts (the promise itself runs on). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new SyncAbortedError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new SyncAbortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
