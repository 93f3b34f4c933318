import { z } from 'zod';

/** Ids are UUIDs (v7 for anything the app creates, so they sort by creation time). */
// Lower case only: ids are compared as text (maps, the outbox, IndexedDB keys) as well as by
// PostgreSQL, which would take an upper-case spelling for the same uuid.
export const idSchema = z.uuid({ error: 'ID harus berupa UUID.' }).regex(/^[^A-Z]*$/, 'ID harus berupa UUID dengan huruf kecil.');
export const isoDateTimeSchema = z.iso.datetime({ offset: true, error: 'Waktu harus dalam format ISO 8601.' });
export const isoDateSchema = z.iso.date({ error: 'Tanggal harus dalam format YYYY-MM-DD.' });

/** A configuration key (channel, topic, programme): lower-case, digits, underscores. */
export const configKeySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'Kode harus huruf kecil, angka atau garis bawah (maks. 40).');

export function boundedText(max: number, label: string) {
  return z
    .string()
    .trim()
    .max(max, `${label} terlalu panjang (maks. ${max} karakter).`);
}

export function requiredText(max: number, label: string) {
  return boundedText(max, label).min(1, `${label} wajib diisi.`);
}
