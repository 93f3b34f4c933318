/**
 * Stable error codes shared by the server, the sync engine and the UI. A code never changes
 * meaning once shipped; the sentences are for people (Bahasa Indonesia first).
 */
export const ERROR_MESSAGES = {
  invalid_body: { id: 'Data yang dikirim tidak valid.', en: 'The data sent is not valid.' },
  malformed_json: { id: 'Isi permintaan bukan JSON yang valid.', en: 'The request body is not valid JSON.' },
  batch_too_large: {
    id: 'Kiriman terlalu besar; kirim dalam kelompok yang lebih kecil.',
    en: 'The batch is too large; send it in smaller parts.',
  },
  protocol_mismatch: {
    id: 'Versi aplikasi tidak cocok dengan server; perbarui aplikasi.',
    en: 'The app version does not match the server; update the app.',
  },
  unauthenticated: { id: 'Sesi berakhir; silakan masuk lagi.', en: 'Your session has ended; please sign in again.' },
  invalid_credentials: { id: 'Nama pengguna atau kata sandi salah.', en: 'Wrong username or password.' },
  rate_limited: { id: 'Terlalu banyak percobaan; tunggu sebentar.', en: 'Too many attempts; wait a moment.' },
  forbidden: { id: 'Anda tidak berwenang melakukan ini.', en: 'You are not allowed to do this.' },
  not_found: { id: 'Data tidak ditemukan atau di luar wewenang Anda.', en: 'Not found, or outside your access.' },
  transition_not_allowed: {
    id: 'Langkah ini tidak dapat dilakukan pada status sekarang.',
    en: 'This step is not possible in the current status.',
  },
  guard_failed: { id: 'Syarat langkah ini belum terpenuhi.', en: 'The conditions for this step are not met.' },
  idempotency_mismatch: {
    id: 'ID mutasi sudah dipakai untuk isi yang berbeda.',
    en: 'This mutation id was already used with a different payload.',
  },
  stale_version: {
    id: 'Data sudah berubah di server; muat ulang lalu coba lagi.',
    en: 'The record changed on the server; reload and retry.',
  },
  read_only: { id: 'Peran Anda hanya dapat membaca.', en: 'Your role is read-only.' },
  reset_required: {
    id: 'Salinan lokal terlalu lama; perlu sinkron ulang penuh.',
    en: 'The local copy is too old; a full resync is needed.',
  },
  too_large: { id: 'Berkas terlalu besar.', en: 'The file is too large.' },
  unsupported_type: { id: 'Jenis berkas tidak didukung.', en: 'This file type is not supported.' },
  checksum_mismatch: { id: 'Berkas rusak saat dikirim (checksum beda).', en: 'The file was damaged in transit.' },
  offset_mismatch: { id: 'Potongan berkas tidak berurutan.', en: 'The file chunk is out of order.' },
  conflict: { id: 'Bertentangan dengan perubahan lain.', en: 'Conflicts with another change.' },
  predecessor_missing: {
    id: 'Kiriman sebelumnya dari perangkat ini belum sampai; kirim ulang secara berurutan.',
    en: 'The previous batch from this device has not arrived; send again in order.',
  },
  duplicate: { id: 'Data ini sudah ada.', en: 'This record already exists.' },
  internal: { id: 'Terjadi kesalahan di server.', en: 'Something went wrong on the server.' },
} as const satisfies Record<string, { id: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[];

export interface AppError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export function appError(code: ErrorCode, message?: string, details?: unknown): AppError {
  return { code, message: message ?? ERROR_MESSAGES[code].id, ...(details === undefined ? {} : { details }) };
}
