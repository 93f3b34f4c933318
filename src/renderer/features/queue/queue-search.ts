/**
 * What the officer typed in the search box, read as the store can search it: a NIK (16
 * digits) or a phone number goes through the keyed hash (never compared in clear), anything
 * else is a ticket id or title words.
 */
import { nikSchema, normalizePhone } from '../../../shared';

export type SearchQuery =
  | { kind: 'empty' }
  | { kind: 'nik'; nik: string }
  | { kind: 'phone'; phone: string }
  | { kind: 'text'; text: string };

export function classifySearch(input: string): SearchQuery {
  const text = input.trim();
  if (text === '') return { kind: 'empty' };
  const compact = text.replace(/[\s.\-()]/g, '');
  if (/^\d{16}$/.test(compact) && nikSchema.safeParse(compact).success) return { kind: 'nik', nik: compact };
  if (/^\+?\d{9,15}$/.test(compact)) {
    const phone = normalizePhone(compact);
    if (phone !== null) return { kind: 'phone', phone };
  }
  return { kind: 'text', text };
}
