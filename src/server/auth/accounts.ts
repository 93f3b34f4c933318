/**
 * Accounts and units, for the admin API and the CLI. Changing who someone is (role, unit,
 * active) revokes their sessions: their next sign-in gets a fresh scope.
 */
import { z } from 'zod';
import { idSchema, requiredText, roleSchema, timeZoneSchema, unitKindSchema, usernameSchema, uuidv7, configKeySchema } from '../../shared';
import type { Database } from '../db/database';
import { hashPassword } from './passwords';
import { revokeDeviceTokens, revokeUserTokens } from './tokens';

export const passwordSchema = z.string().min(10, 'Kata sandi minimal 10 karakter.').max(200);

export const newUserSchema = z.strictObject({
  username: usernameSchema,
  displayName: requiredText(120, 'Nama'),
  role: roleSchema,
  unitId: idSchema,
  password: passwordSchema,
});

export const userPatchSchema = z
  .strictObject({
    displayName: requiredText(120, 'Nama'),
    role: roleSchema,
    unitId: idSchema,
    isActive: z.boolean(),
    password: passwordSchema,
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'Tidak ada yang diubah.');

export const newUnitSchema = z.strictObject({
  code: configKeySchema,
  name: requiredText(200, 'Nama unit'),
  kind: unitKindSchema,
  parentId: idSchema.nullable(),
  timeZone: timeZoneSchema,
  region: requiredText(120, 'Wilayah'),
});

export class AccountError extends Error {
  constructor(readonly code: 'duplicate' | 'not_found' | 'invalid_body', message: string) {
    super(message);
  }
}

export async function createUser(db: Database, input: z.infer<typeof newUserSchema>): Promise<{ id: string }> {
  const unit = await db.query('select 1 from units where id = $1', [input.unitId]);
  if (unit.rowCount === 0) throw new AccountError('not_found', 'Unit tidak ditemukan.');
  const taken = await db.query('select 1 from users where username = $1', [input.username]);
  if (taken.rowCount > 0) throw new AccountError('duplicate', 'Nama pengguna sudah dipakai.');
  const id = uuidv7();
  await db.query('insert into users (id, username, display_name, role, unit_id, password_hash) values ($1, $2, $3, $4, $5, $6)', [
    id, input.username, input.displayName, input.role, input.unitId, await hashPassword(input.password),
  ]);
  return { id };
}

export async function updateUser(db: Database, userId: string, patch: z.infer<typeof userPatchSchema>): Promise<void> {
  const passwordHash = patch.password ? await hashPassword(patch.password) : null;
  await db.transaction(async (tx) => {
    const current = await tx.query<{ id: string }>('select id from users where id = $1 for update', [userId]);
    if (current.rowCount === 0) throw new AccountError('not_found', 'Pengguna tidak ditemukan.');
    if (patch.unitId) {
      const unit = await tx.query('select 1 from units where id = $1', [patch.unitId]);
      if (unit.rowCount === 0) throw new AccountError('not_found', 'Unit tidak ditemukan.');
    }
    await tx.query(
      `update users set display_name = coalesce($2, display_name), role = coalesce($3, role), unit_id = coalesce($4, unit_id),
              is_active = coalesce($5, is_active), password_hash = coalesce($6, password_hash), updated_at = now()
        where id = $1`,
      [userId, patch.displayName ?? null, patch.role ?? null, patch.unitId ?? null, patch.isActive ?? null, passwordHash],
    );
    if (patch.role !== undefined || patch.unitId !== undefined || patch.isActive === false || patch.password !== undefined) {
      await revokeUserTokens(tx, userId);
    }
  });
}

export async function createUnit(db: Database, input: z.infer<typeof newUnitSchema>): Promise<{ id: string }> {
  if (input.parentId) {
    const parent = await db.query('select 1 from units where id = $1', [input.parentId]);
    if (parent.rowCount === 0) throw new AccountError('not_found', 'Unit induk tidak ditemukan.');
  }
  const taken = await db.query('select 1 from units where code = $1', [input.code]);
  if (taken.rowCount > 0) throw new AccountError('duplicate', 'Kode unit sudah dipakai.');
  const id = uuidv7();
  await db.query('insert into units (id, code, name, kind, parent_id, time_zone, region) values ($1, $2, $3, $4, $5, $6, $7)', [
    id, input.code, input.name, input.kind, input.parentId, input.timeZone, input.region,
  ]);
  return { id };
}

export async function revokeDevice(db: Database, deviceId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const result = await tx.query('update devices set revoked_at = now() where id = $1 and revoked_at is null', [deviceId]);
    await revokeDeviceTokens(tx, deviceId);
    return result.rowCount > 0;
  });
}
