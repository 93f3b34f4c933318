/**
 * Keyed hashes of NIK and phone numbers, so possible duplicates can be found with an index
 * lookup without the lookup itself handling personal data. The key lives in server_settings,
 * created once per installation.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../db/database';

export interface IdentityHasher {
  nik(value: string | null): string | null;
  phone(value: string | null): string | null;
}

export function identityHasher(key: string): IdentityHasher {
  const hash = (kind: string, value: string | null) =>
    value === null ? null : createHmac('sha256', key).update(`${kind}:${value}`).digest('base64url');
  return { nik: (v) => hash('nik', v), phone: (v) => hash('phone', v) };
}

export async function loadOrCreateSetting(db: Database | Queryable, key: string, make: () => string): Promise<string> {
  await db.query('insert into server_settings (key, value) values ($1, $2) on conflict (key) do nothing', [key, make()]);
  const result = await db.query<{ value: string }>('select value from server_settings where key = $1', [key]);
  const value = result.rows[0]?.value;
  if (!value) throw new Error(`server setting ${key} missing`);
  return value;
}

export async function loadIdentityHasher(db: Database): Promise<IdentityHasher> {
  return identityHasher(await loadOrCreateSetting(db, 'identity_hash_key', () => randomBytes(32).toString('base64url')));
}
