import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src/shared';
import { hashPassword } from '../../../src/server/auth/passwords';
import { UNITS } from '../../helpers/org-fixture';
import { TEST_PASSWORD, request, startServer, storesToTest, usernameOf, type TestServer } from '../../helpers/server';

const stores = await storesToTest();

describe.each(stores)('accounts and sessions on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(kind, { settings: { session: { accessTtlMs: 60_000, refreshTtlMs: 3_600_000, refreshGraceMs: 1_500 }, loginAttemptsPerMinute: 3 } });
  });
  afterAll(async () => {
    await server?.close();
  });

  const login = (username: string, password: string, deviceId = 'device-auth-01') =>
    request<{ accessToken: string; refreshToken: string; error?: { code: string } }>(server.url, 'POST', '/auth/login', { username, password, deviceId });

  it('signs in with username and password, and stores tokens only hashed', async () => {
    const result = await login(usernameOf('liaisonA'), TEST_PASSWORD);
    expect(result.status).toBe(200);
    const me = await request<{ role: string }>(server.url, 'GET', '/auth/me', undefined, { authorization: `Bearer ${result.body.accessToken}` });
    expect(me.body.role).toBe('liaison');
    const stored = await server.db.query<{ token_hash: string }>('select token_hash from access_tokens union all select token_hash from refresh_tokens');
    const all = stored.rows.map((r) => r.token_hash);
    expect(all).not.toContain(result.body.accessToken);
    expect(all).not.toContain(result.body.refreshToken);
  });

  it('a wrong password or an unknown user gets the same 401', async () => {
    const wrong = await login(usernameOf('headA'), 'salah-sandi');
    const unknown = await login('tidak.ada', 'salah-sandi');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error?.code).toBe('invalid_credentials');
    expect(unknown.body).toEqual(wrong.body);
  });

  it('an inactive account cannot sign in', async () => {
    expect((await login(usernameOf('retiredFieldA1'), TEST_PASSWORD)).status).toBe(401);
  });

  it('rate-limits repeated failures for a username', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await login(usernameOf('fieldA2'), 'salah')).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    // Even the right password waits out the window.
    expect((await login(usernameOf('fieldA2'), TEST_PASSWORD, 'device-auth-02')).status).toBe(429);
  });

  it('counts guesses sent all at once before checking any of them', async () => {
    const statuses = await Promise.all(Array.from({ length: 12 }, () => login('penebak.serentak', 'salah-sandi').then((r) => r.status)));
    expect(statuses.filter((status) => status === 401)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(9);
  });

  it('a whole office signing in at once from one address is not turned away; failures from it are limited', async () => {
    // A server of its own, so no earlier failure from this address counts. The address limit is
    // ten times the account limit (here 30); 100 officers sign in at once.
    const office = await startServer(kind, { settings: { loginAttemptsPerMinute: 3 } });
    try {
      // The real cost of a password check, so that sign-ins overlap as they do at a real server.
      const hash = await hashPassword(TEST_PASSWORD);
      const names = Array.from({ length: 100 }, (_, i) => `kantor.serentak${i}`);
      for (const name of names) {
        await office.db.query('insert into users (id, username, display_name, role, unit_id, password_hash) values ($1, $2, $3, $4, $5, $6)', [
          uuidv7(), name, name, 'field_worker', UNITS.uptA1.id, hash,
        ]);
      }
      const signIn = (name: string, password: string, deviceId: string) =>
        request(office.url, 'POST', '/auth/login', { username: name, password, deviceId }).then((r) => r.status);
      const statuses = await Promise.all(names.map((name, i) => signIn(name, TEST_PASSWORD, `device-serentak-${i}`)));
      expect(statuses.filter((status) => status !== 200)).toEqual([]);
      // Wrong passwords across many accounts from that address: after 30 failures, it waits.
      const sprayed: number[] = [];
      for (const name of names.slice(0, 40)) sprayed.push(await signIn(name, 'salah-sandi', 'device-serentak-x'));
      expect(sprayed.slice(0, 30).every((status) => status === 401)).toBe(true);
      expect(sprayed.slice(30, 40)).toEqual(Array.from({ length: 10 }, () => 429));
    } finally {
      await office.close();
    }
  });

  it('refresh rotates; the previous token still works within the grace window, then trips revocation', async () => {
    const first = await login(usernameOf('uptA1'), TEST_PASSWORD, 'device-auth-03');
    const refresh = (token: string) => request<{ accessToken: string; refreshToken: string; error?: { code: string } }>(server.url, 'POST', '/auth/refresh', { refreshToken: token, deviceId: 'device-auth-03' });
    const second = await refresh(first.body.refreshToken);
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    // The response of the first refresh was "lost": the client retries with the old token.
    const retry = await refresh(first.body.refreshToken);
    expect(retry.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    const late = await refresh(first.body.refreshToken);
    expect(late.status).toBe(401);
    // Reuse after the grace window revokes the device's sessions, the new ones too.
    expect((await refresh(second.body.refreshToken)).status).toBe(401);
    const me = await request(server.url, 'GET', '/auth/me', undefined, { authorization: `Bearer ${second.body.accessToken}` });
    expect(me.status).toBe(401);
  });

  it('a refresh token is bound to its device', async () => {
    const session = await login(usernameOf('headA'), TEST_PASSWORD, 'device-auth-04');
    const stolen = await request(server.url, 'POST', '/auth/refresh', { refreshToken: session.body.refreshToken, deviceId: 'device-auth-99' });
    expect(stolen.status).toBe(401);
  });

  it('logout revokes the device tokens', async () => {
    const session = await login(usernameOf('admin'), TEST_PASSWORD, 'device-auth-05');
    const auth = { authorization: `Bearer ${session.body.accessToken}` };
    expect((await request(server.url, 'POST', '/auth/logout', undefined, auth)).status).toBe(200);
    expect((await request(server.url, 'GET', '/auth/me', undefined, auth)).status).toBe(401);
    expect((await request(server.url, 'POST', '/auth/refresh', { refreshToken: session.body.refreshToken, deviceId: 'device-auth-05' })).status).toBe(401);
  });

  it('a device registered to one user cannot be claimed by another', async () => {
    await login(usernameOf('liaisonB'), TEST_PASSWORD, 'device-auth-06');
    expect((await login(usernameOf('fieldB1'), TEST_PASSWORD, 'device-auth-06')).status).toBe(409);
  });

  it('health and readiness answer', async () => {
    expect((await request(server.url, 'GET', '/health')).status).toBe(200);
    expect((await request<{ store: string }>(server.url, 'GET', '/ready')).body.store).toBe(kind);
  });
});
