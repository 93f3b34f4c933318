import { z } from 'zod';
import { deviceIdSchema, usernameSchema } from '../../shared';
import type { FastifyInstance } from 'fastify';
import { verifyPassword } from '../auth/passwords';
import { RateLimiter } from '../auth/rate-limit';
import { claimDevice, issueTokens, refreshSession, revokeDeviceTokens } from '../auth/tokens';
import type { ServerContext } from '../context';
import { HttpError, unauthenticated } from './errors';
import { parseBody } from './validation';

export const loginRequestSchema = z.strictObject({
  username: usernameSchema,
  password: z.string().min(1, 'Kata sandi wajib diisi.').max(200),
  deviceId: deviceIdSchema,
});

export const refreshRequestSchema = z.strictObject({
  refreshToken: z.string().min(20).max(200),
  deviceId: deviceIdSchema,
});

// A fixed hash to verify against when the user does not exist, so timing does not tell.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$5o0kFqN5g2rXx4m4v8w1c0m9Y3f3p6aQm2E0nA7q3yU';

export function registerAuthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  // Per username, against guessing one account's password; per address a higher limit on
  // failures, against trying many accounts, since a whole office may sit behind one NAT address.
  const userLimiter = new RateLimiter(ctx.settings.loginAttemptsPerMinute, 60_000);
  const addressLimiter = new RateLimiter(ctx.settings.loginAttemptsPerMinute * 10, 60_000);

  app.post('/auth/login', async (request) => {
    const body = parseBody(loginRequestSchema, request.body);
    // An account's attempts are counted before the password is checked, so that guesses sent
    // at once cannot all pass a check made before any of them failed; a success resets them.
    // An address counts only its failures: an office whose officers all sign in at eight
    // o'clock, behind one address, is never turned away for signing in successfully.
    const withinUser = userLimiter.hit(body.username);
    if (!withinUser || addressLimiter.isBlocked(request.ip)) {
      // A refused attempt is not an attempt: it must not push the account further.
      userLimiter.release(body.username);
      throw new HttpError(429, 'rate_limited', 'Terlalu banyak percobaan masuk; tunggu satu menit.');
    }
    const user = (
      await ctx.db.query<{ id: string; password_hash: string; is_active: boolean; display_name: string; role: string; unit_id: string }>(
        'select id, password_hash, is_active, display_name, role, unit_id from users where username = $1',
        [body.username],
      )
    ).rows[0];
    const isValid = await verifyPassword(body.password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !isValid || !user.is_active) {
      addressLimiter.hit(request.ip);
      throw new HttpError(401, 'invalid_credentials');
    }
    userLimiter.reset(body.username);
    return ctx.db.transaction(async (tx) => {
      const claim = await claimDevice(tx, body.deviceId, user.id);
      if (claim === 'other_user') throw new HttpError(409, 'forbidden', 'ID perangkat ini terdaftar untuk pengguna lain.');
      if (claim === 'revoked') throw new HttpError(403, 'forbidden', 'Perangkat ini telah dicabut aksesnya oleh admin.');
      const { refreshHash: _hash, ...tokens } = await issueTokens(tx, user.id, body.deviceId, ctx.settings.session);
      return {
        ...tokens,
        user: { id: user.id, username: body.username, displayName: user.display_name, role: user.role, unitId: user.unit_id },
      };
    });
  });

  app.post('/auth/refresh', async (request) => {
    const body = parseBody(refreshRequestSchema, request.body);
    const outcome = await refreshSession(ctx.db, body.refreshToken, body.deviceId, ctx.settings.session);
    if (!outcome.ok) {
      const messages = {
        unknown: 'Sesi tidak dikenal; silakan masuk lagi.',
        expired: 'Sesi sudah kedaluwarsa; silakan masuk lagi.',
        reused: 'Token lama dipakai ulang; demi keamanan semua sesi perangkat ini dicabut.',
        revoked: 'Sesi telah dicabut; silakan masuk lagi.',
        device_mismatch: 'Token ini milik perangkat lain.',
      } as const;
      throw unauthenticated(messages[outcome.reason]);
    }
    return outcome.tokens;
  });

  app.post('/auth/logout', { preHandler: app.requireAuth }, async (request) => {
    await ctx.db.transaction((tx) => revokeDeviceTokens(tx, request.actor.deviceId));
    return { ok: true };
  });

  app.get('/auth/me', { preHandler: app.requireAuth }, async (request) => {
    const { userId, username, displayName, role, unitId, deviceId } = request.actor;
    return { id: userId, username, displayName, role, unitId, deviceId };
  });
}
