/**
 * What can go wrong between the workstation and the server, as typed errors the engine can
 * decide on (retry later, stop and ask for sign-in, stop and ask for an update) and the UI can
 * show: each carries a stable code and a sentence in Bahasa Indonesia (English second).
 *
 * The server's codes come from src/shared/errors.ts; the few failures only a client can see
 * (no network, no answer in time, a full disk) have codes of their own here.
 */
import { ERROR_MESSAGES, type ErrorCode } from '../../shared';

export const CLIENT_SYNC_MESSAGES = {
  network: {
    id: 'Tidak dapat menghubungi server. Data tetap tersimpan di perangkat dan dikirim otomatis saat jaringan pulih.',
    en: 'Cannot reach the server. Your data stays on this device and is sent automatically when the network is back.',
  },
  timeout: {
    id: 'Server tidak menjawab tepat waktu; pengiriman dicoba lagi otomatis.',
    en: 'The server did not answer in time; sending is retried automatically.',
  },
  invalid_response: {
    id: 'Jawaban server tidak dapat dibaca; pengiriman dicoba lagi otomatis.',
    en: 'The server’s answer could not be read; sending is retried automatically.',
  },
  storage_full: {
    id: 'Penyimpanan perangkat penuh. Kosongkan ruang disk; data yang belum terkirim tetap aman.',
    en: 'Device storage is full. Free some disk space; unsent data is safe.',
  },
  storage_failed: {
    id: 'Gagal menulis ke penyimpanan perangkat; sinkronisasi dicoba lagi otomatis.',
    en: 'Writing to device storage failed; sync is retried automatically.',
  },
  session_ended: {
    id: 'Sesi berakhir; silakan masuk lagi. Data yang belum terkirim tetap aman di perangkat.',
    en: 'Your session has ended; please sign in again. Unsent data is safe on this device.',
  },
} as const satisfies Record<string, { id: string; en: string }>;

export type ClientSyncErrorCode = keyof typeof CLIENT_SYNC_MESSAGES;
export type SyncErrorCode = ErrorCode | ClientSyncErrorCode;

export function syncErrorText(code: SyncErrorCode): { id: string; en: string } {
  return code in CLIENT_SYNC_MESSAGES
    ? CLIENT_SYNC_MESSAGES[code as ClientSyncErrorCode]
    : ERROR_MESSAGES[code as ErrorCode];
}

/** Base of every error the sync layer throws on purpose. */
export abstract class SyncError extends Error {
  abstract readonly code: SyncErrorCode;
  /** Whether trying the same thing again later can succeed without anyone doing anything. */
  abstract readonly isRetryable: boolean;
}

/** The request never got an answer: no route, connection refused or reset, DNS, CORS. */
export class SyncNetworkError extends SyncError {
  readonly code = 'network';
  readonly isRetryable = true;
  constructor(options?: { cause?: unknown }) {
    super(CLIENT_SYNC_MESSAGES.network.id, options);
  }
}

/** No complete answer within the time allowed. The server may still have committed. */
export class SyncTimeoutError extends SyncError {
  readonly code = 'timeout';
  readonly isRetryable = true;
  constructor(readonly timeoutMs: number) {
    super(CLIENT_SYNC_MESSAGES.timeout.id);
  }
}

/** The caller (the engine stopping) aborted the request. */
export class SyncAbortedError extends SyncError {
  readonly code = 'network';
  readonly isRetryable = false;
  constructor() {
    super('Sinkronisasi dihentikan.');
  }
}

/** A 2xx answer that does not match the protocol's schema. */
export class SyncInvalidResponseError extends SyncError {
  readonly code = 'invalid_response';
  readonly isRetryable = true;
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`${CLIENT_SYNC_MESSAGES.invalid_response.id} (${path}: ${detail})`);
  }
}

const RETRYABLE_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

/** The server refused, with its stable code and sentence. */
export class SyncHttpError extends SyncError {
  readonly isRetryable: boolean;
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /**
     * False when the body was not the server's error answer (a proxy's or firewall's page): then
     * only the status is known, and nothing about which mutation was wrong.
     */
    readonly isServerAnswer = true,
  ) {
    super(message);
    this.isRetryable = RETRYABLE_STATUSES.has(status);
  }
}

/** Client and server speak different protocol versions: nothing more may be sent until the app is updated. */
export class SyncProtocolMismatchError extends SyncError {
  readonly code = 'protocol_mismatch';
  readonly isRetryable = false;
  constructor(message: string = ERROR_MESSAGES.protocol_mismatch.id) {
    super(message);
  }
}

/** The refresh token was refused (expired, revoked, reused) or nobody is signed in. */
export class SyncSessionEndedError extends SyncError {
  readonly code = 'session_ended';
  readonly isRetryable = false;
  constructor(options?: { cause?: unknown }) {
    super(CLIENT_SYNC_MESSAGES.session_ended.id, options);
  }
}

/** A local storage failure during sync (the store threw); the outbox is intact. */
export class SyncStorageError extends SyncError {
  readonly isRetryable = true;
  readonly code: 'storage_full' | 'storage_failed';
  constructor(cause: unknown) {
    const isFull = isQuotaError(cause);
    super(isFull ? CLIENT_SYNC_MESSAGES.storage_full.id : CLIENT_SYNC_MESSAGES.storage_failed.id, { cause });
    this.code = isFull ? 'storage_full' : 'storage_failed';
  }
}

/**
 * IndexedDB reports a full disk as QuotaExceededError; Dexie wraps it (the name kept in
 * `inner`), and the local store rethrows it as its `storage_full` error (with the cause).
 */
export function isQuotaError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    if (typeof current !== 'object') return false;
    const name = 'name' in current ? current.name : undefined;
    if (name === 'QuotaExceededError' || name === 'QuotaExceeded') return true;
    if ('code' in current && current.code === 'storage_full') return true;
    current =
      'inner' in current && current.inner ? current.inner : 'cause' in current ? current.cause : undefined;
  }
  return false;
}
