/**
 * Channel keys: how a channel connector (the LAPOR! bridge, the call-centre system…) proves
 * which channel it speaks for. Only the SHA-256 of a key is stored, like session tokens; the
 * plaintext is shown once, when the key is made. A revoked key stays in the table for the record.
 */
import { randomBytes } from 'node:crypto';
import { configKeySchema, idSchema, requiredText, uuidv7 } from '../../shared';
import { hashToken } from '../auth/tokens';
import type { Queryable } from '../db/database';

export class ChannelKeyError extends Error {
  constructor(readonly code: 'invalid_body', message: string) {
    super(message);
  }
}

export interface ChannelKey {
  id: string;
  channel: string;
  label: string;
}

const labelSchema = requiredText(120, 'Label kunci');

/** Makes a key for `channel`; the returned `key` is the only time its plaintext exists. */
export async function createChannelKey(db: Queryable, channel: string, label: string): Promise<ChannelKey & { key: string }> {
  const channelKey = configKeySchema.safeParse(channel);
  if (!channelKey.success) throw new ChannelKeyError('invalid_body', `Kode kanal "${channel}" tidak valid.`);
  const cleanLabel = labelSchema.safeParse(label);
  if (!cleanLabel.success) throw new ChannelKeyError('invalid_body', cleanLabel.error.issues[0]?.message ?? 'Label kunci tidak valid.');
  // The prefix lets secret scanners and people recognise a leaked key.
  const key = `tindak_ck_${randomBytes(32).toString('base64url')}`;
  const id = uuidv7();
  await db.query('insert into channel_keys (id, channel, key_hash, label) values ($1, $2, $3, $4)', [id, channelKey.data, hashToken(key), cleanLabel.data]);
  return { id, channel: channelKey.data, label: cleanLabel.data, key };
}

/** True when the key was active and is now revoked. */
export async function revokeChannelKey(db: Queryable, id: string): Promise<boolean> {
  if (!idSchema.safeParse(id).success) return false;
  const result = await db.query('update channel_keys set revoked_at = now() where id = $1 and revoked_at is null', [id]);
  return result.rowCount > 0;
}

export type ChannelKeyCheck = { status: 'ok'; key: ChannelKey } | { status: 'unknown' } | { status: 'revoked' };

export async function checkChannelKey(db: Queryable, key: string): Promise<ChannelKeyCheck> {
  const row = (
    await db.query<{ id: string; channel: string; label: string; revoked_at: unknown }>(
      'select id, channel, label, revoked_at from channel_keys where key_hash = $1',
      [hashToken(key)],
    )
  ).rows[0];
  if (!row) return { status: 'unknown' };
  if (row.revoked_at !== null) return { status: 'revoked' };
  return { status: 'ok', key: { id: row.id, channel: row.channel, label: row.label } };
}
