/**
 * Sessions: a short-lived access token and a refresh token bound to one registered device.
 * Only SHA-256 hashes of tokens are stored. Refreshing rotates the refresh token; the previous
 * one is still accepted for a grace window, because on a bad link the response carrying the
 * new token can be lost and the officer must not be logged out for it. A token presented
 * after its grace window is treated as stolen: the device's tokens are revoked.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../shared';
import type { Database, Queryable } from '../db/database';

export interface SessionConfig {
  accessTtlMs: number;
  refreshTtlMs: number;
  refreshGraceMs: number;
}

export const DEFAULT_SESSION_CONFIG: SessionConfig = {
  accessTtlMs: 15 * 60_000,
  refreshTtlMs: 30 * 24 * 3_600_000,
  refreshGraceMs: 2 * 60_000,
};

export interface AuthenticatedActor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  deviceId: string;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: string;
  refreshExpiresAt: string;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
const newToken = () => randomBytes(32).toString('base64url');

export async function issueTokens(tx: Queryable, userId: string, deviceId: string, config: SessionConfig, now = new Date()): Promise<IssuedTokens & { refreshHash: string }> {
  const accessToken = newToken();
  const refreshToken = newToken();
  const accessExpiresAt = new Date(now.getTime() + config.accessTtlMs);
  const refreshExpiresAt = new Date(now.getTime() + config.refreshTtlMs);
  await tx.query('insert into access_tokens (token_hash, user_id, device_id, expires_at) values ($1, $2, $3, $4)', [
    hashToken(accessToken), userId, deviceId, accessExpiresAt,
  ]);
  const refreshHash = hashToken(refreshToken);
  await tx.query('insert into refresh_tokens (token_hash, user_id, device_id, expires_at, created_at) values ($1, $2, $3, $4, $5)', [
    refreshHash, userId, deviceId, refreshExpiresAt, now,
  ]);
  return { accessToken, refreshToken, accessExpiresAt: accessExpiresAt.toISOString(), refreshExpiresAt: refreshExpiresAt.toISOString(), refreshHash };
}

export type DeviceClaim = 'ok' | 'other_user' | 'revoked';

/** Registers the device for the user, or confirms it is theirs and not revoked. */
export async function claimDevice(tx: Queryable, deviceId: string, userId: string): Promise<DeviceClaim> {
  await tx.query('insert into devices (id, user_id) values ($1, $2) on conflict (id) do nothing', [deviceId, userId]);
  const result = await tx.query<{ user_id: string; revoked_at: Date | null }>('select user_id, revoked_at from devices where id = $1', [deviceId]);
  const row = result.rows[0];
  if (!row || row.user_id !== userId) return 'other_user';
  if (row.revoked_at) return 'revoked';
  await tx.query('update devices set last_seen_at = now() where id = $1', [deviceId]);
  return 'ok';
}

export async function authenticateAccessToken(db: Database, token: string): Promise<AuthenticatedActor | null> {
  const result = await db.query<{
    user_id: string; username: string; display_name: string; role: Role; unit_id: string; device_id: string;
  }>(
    `select u.id as user_id, u.username, u.display_name, u.role, u.unit_id, t.device_id
       from access_tokens t
       join users u on u.id = t.user_id
       join devices d on d.id = t.device_id
      where t.token_hash = $1 and t.revoked_at is null and t.expires_at > now()
        and u.is_active and d.revoked_at is null`,
    [hashToken(token)],
  );
  const row = result.rows[0];
  if (!row) return null;
  return { userId: row.user_id, username: row.username, displayName: row.display_name, role: row.role, unitId: row.unit_id, deviceId: row.device_id };
}

export type RefreshOutcome =
  | { ok: true; tokens: IssuedTokens; userId: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'reused' | 'revoked' | 'device_mismatch' };

export async function refreshSession(db: Database, refreshToken: string, deviceId: string, config: SessionConfig, now = new Date()): Promise<RefreshOutcome> {
  return db.transaction(async (tx) => {
    const result = await tx.query<{
      user_id: string; device_id: string; expires_at: Date; rotated_at: Date | null; revoked_at: Date | null; is_active: boolean; device_revoked: Date | null;
    }>(
      `select t.user_id, t.device_id, t.expires_at, t.rotated_at, t.revoked_at, u.is_active, d.revoked_at as device_revoked
         from refresh_tokens t join users u on u.id = t.user_id join devices d on d.id = t.device_id
        where t.token_hash = $1 for update of t`,
      [hashToken(refreshToken)],
    );
    const row = result.rows[0];
    if (!row) return { ok: false, reason: 'unknown' } as const;
    if (row.device_id !== deviceId) return { ok: false, reason: 'device_mismatch' } as const;
    if (row.revoked_at || row.device_revoked || !row.is_active) return { ok: false, reason: 'revoked' } as const;
    if (row.expires_at.getTime() <= now.getTime()) return { ok: false, reason: 'expired' } as const;
    if (row.rotated_at && now.getTime() - row.rotated_at.getTime() > config.refreshGraceMs) {
      await revokeDeviceTokens(tx, deviceId);
      return { ok: false, reason: 'reused' } as const;
    }
    const tokens = await issueTokens(tx, row.user_id, deviceId, config, now);
    if (!row.rotated_at) {
      await tx.query('update refresh_tokens set rotated_at = $2, replaced_by = $3 where token_hash = $1', [hashToken(refreshToken), now, tokens.refreshHash]);
    }
    const { refreshHash: _hash, ...issued } = tokens;
    return { ok: true, tokens: issued, userId: row.user_id } as const;
  });
}

export async function revokeDeviceTokens(tx: Queryable, deviceId: string): Promise<void> {
  await tx.query('update access_tokens set revoked_at = now() where device_id = $1 and revoked_at is null', [deviceId]);
  await tx.query('update refresh_tokens set revoked_at = now() where device_id = $1 and revoked_at is null', [deviceId]);
}

export async function revokeUserTokens(tx: Queryable, userId: string): Promise<void> {
  await tx.query('update access_tokens set revoked_at = now() where user_id = $1 and revoked_at is null', [userId]);
  await tx.query('update refresh_tokens set revoked_at = now() where user_id = $1 and revoked_at is null', [userId]);
}
