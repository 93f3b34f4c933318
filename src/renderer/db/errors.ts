/**
 * Errors of the local store, for people: every one carries a stable code the UI can branch on
 * and a sentence in Bahasa Indonesia an officer can act on (STYLE.md, habit 10).
 */
import type { ErrorCode } from '../../shared';

export type LocalStoreErrorCode =
  /** The password does not unwrap this user's keys; nothing was read or changed. */
  | 'wrong_password'
  /** The disk or the browser's quota is full; the action's transaction rolled back whole. */
  | 'storage_full'
  /** A stored value failed authentication: tampered, moved to another record, or damaged. */
  | 'decrypt_failed'
  | 'not_found'
  | 'invalid_input'
  /** The organisation directory (units, people, config) has not been synced yet. */
  | 'directory_missing'
  /** The signed-in person's role and unit are not known on this workstation yet. */
  | 'profile_missing'
  /** Other writes kept changing the same record; the action was not saved. */
  | 'busy';

export const LOCAL_STORE_MESSAGES: Record<LocalStoreErrorCode, string> = {
  wrong_password: 'Kata sandi salah. Data di perangkat ini tidak dibuka dan tidak diubah.',
  storage_full:
    'Ruang penyimpanan penuh. Perubahan terakhir tidak tersimpan, tetapi data yang belum terkirim tetap aman. ' +
    'Kosongkan ruang disk, lalu coba lagi.',
  decrypt_failed: 'Data tersimpan rusak atau telah diubah di luar aplikasi, sehingga tidak dapat dibuka.',
  not_found: 'Data tidak ditemukan di perangkat ini.',
  invalid_input: 'Data yang diisi tidak valid.',
  directory_missing: 'Data organisasi belum tersedia di perangkat ini; sinkronkan dulu saat tersambung.',
  profile_missing: 'Profil pengguna belum tersedia di perangkat ini; masuk sekali saat tersambung.',
  busy: 'Data sedang diperbarui oleh proses lain; coba lagi sebentar lagi.',
};

export class LocalStoreError extends Error {
  override readonly name: string = 'LocalStoreError';
  constructor(
    readonly code: LocalStoreErrorCode,
    message: string = LOCAL_STORE_MESSAGES[code],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The shared workflow table (or the field-edit rules) refused the action locally. Carries the
 * same code and reason the server would answer with; nothing was written.
 */
export class ActionRefusedError extends Error {
  override readonly name: string = 'ActionRefusedError';
  constructor(
    readonly code: ErrorCode,
    readonly reason: string,
  ) {
    super(reason);
  }
}

function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string'
    ? error.name
    : undefined;
}

/**
 * Quota failures surface in several shapes: a DOMException named QuotaExceededError, Dexie's
 * QuotaExceededError, an AbortError whose `inner` (Dexie) or `cause` holds one, or a Dexie
 * BulkError (a bulkPut whose single writes failed) with one among its `failures`.
 */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (!error || depth > 4) return false;
  if (errorName(error) === 'QuotaExceededError') return true;
  if (typeof error !== 'object') return false;
  if ('failures' in error && Array.isArray(error.failures) && error.failures.some((failure: unknown) => isQuotaError(failure, depth + 1))) return true;
  const inner: unknown = 'inner' in error ? error.inner : undefined;
  return isQuotaError(inner ?? ('cause' in error ? error.cause : undefined), depth + 1);
}

/** Rethrows a quota failure as the typed `storage_full` error; anything else unchanged. */
export function asStoreError(error: unknown): unknown {
  if (error instanceof LocalStoreError || error instanceof ActionRefusedError) return error;
  return isQuotaError(error) ? new LocalStoreError('storage_full', undefined, { cause: error }) : error;
}
