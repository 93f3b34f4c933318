/**
 * The sync HTTP client against the real server (PGlite) through the fault-injecting proxy:
 * gzip above 1 KiB, token refresh with rotation (once for many requests, again with the same
 * token after a lost answer), a refused refresh ending the session, typed errors for
 * timeouts, network failures, refusals and another protocol version.
 */
import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, pushResponseSchema, uuidv7, type MutationInput } from '../../../src/shared';
import {
  SyncHttpClient,
  SyncHttpError,
  SyncInvalidResponseError,
  SyncNetworkError,
  SyncProtocolMismatchError,
  SyncSessionEndedError,
  SyncTimeoutError,
  memorySessionSource,
} from '../../../src/renderer/sync';
import { caseIn } from '../../helpers/org-fixture';
import { TEST_PASSWORD, startServer, usernameOf, type TestServer } from '../../helpers/server';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy';

interface SeenRequest {
  method: string;
  url: string;
  contentEncoding: string | undefined;
  authorization: string | undefined;
}

describe('sync HTTP client', () => {
  let server: TestServer;
  let proxy: TcpProxy;
  const seen: SeenRequest[] = [];
  /** A middlebox in front of the server answering pushes with its own HTML error page. */
  let middleboxRefusesPushes = false;

  beforeAll(async () => {
    const recordRequests = (app: FastifyInstance) => {
      app.addHook('onRequest', async (request, reply) => {
        seen.push({
          method: request.method,
          url: request.url,
          contentEncoding: request.headers['content-encoding'],
          authorization: request.headers.authorization,
        });
        if (middleboxRefusesPushes && request.url.startsWith('/sync/push'))
          return reply.code(400).type('text/html').send('<html><body><h1>400 Bad Request</h1></body></html>');
      });
    };
    server = await startServer('pglite', { routes: [recordRequests] });
    proxy = await startTcpProxy(server.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });
  beforeEach(() => {
    seen.length = 0;
    proxy.setFaults({});
  });

  async function signIn(who: 'liaisonA' | 'fieldA1' = 'liaisonA', timeouts = { baseMs: 5_000 }) {
    const session = memorySessionSource(`ws-http-${randomBytes(4).toString('hex')}`);
    const client = new SyncHttpClient({ baseUrl: `${proxy.url}/`, session, timeouts });
    const login = await client.login(usernameOf(who), TEST_PASSWORD);
    return { session, client, login };
  }

  /** What an expired access token looks like to the server, without waiting 15 minutes. */
  const expireAccessTokens = (deviceId: string) =>
    server.db.query(
      "update access_tokens set expires_at = now() - interval '1 second' where device_id = $1",
      [deviceId],
    );

  const requestsTo = (path: string) => seen.filter((request) => request.url.startsWith(path));

  let seq = 0;
  function urgencyEdit(
    caseId: string,
    urgency: 'normal' | 'urgent',
    base: 'normal' | 'urgent',
  ): MutationInput {
    seq += 1;
    return {
      mutationId: uuidv7(),
      seq,
      entity: 'case',
      entityId: caseId,
      op: 'update',
      baseVersion: 1,
      fields: { urgency },
      baseValues: { urgency: base },
      action: null,
      createdAt: new Date().toISOString(),
    };
  }

  it('signs in, pushes and pulls, parsing every answer with the shared schemas', async () => {
    const [record] = await server.insertCases([
      caseIn('in_follow_up', { id: uuidv7(), ticketId: `H-${randomBytes(4).toString('hex')}` }),
    ]);
    const { client, login, session } = await signIn();
    expect(login.user).toMatchObject({ username: 'liaisona', role: 'liaison' });
    expect(await session.getTokens()).toMatchObject({ accessToken: login.accessToken });
    const pushed = await client.push({
      protocolVersion: PROTOCOL_VERSION,
      deviceId: session.deviceId,
      mutations: [withDefaults(urgencyEdit(record!.id, 'urgent', 'normal'))],
    });
    expect(pushed.data.results[0]).toMatchObject({ status: 'applied', version: 2 });
    const pulled = await client.pull({ protocolVersion: PROTOCOL_VERSION, cursor: null, limit: 500 });
    expect(
      'changes' in pulled.data &&
        pulled.data.changes.some((change) => change.kind === 'case' && change.record.id === record!.id),
    ).toBe(true);
  });

  it('gzips request bodies above 1 KiB and sends small ones as they are', async () => {
    const { client, session } = await signIn();
    const records = await server.insertCases(
      Array.from({ length: 20 }, () =>
        caseIn('in_follow_up', { id: uuidv7(), ticketId: `G-${randomBytes(4).toString('hex')}` }),
      ),
    );
    const big = await client.push({
      protocolVersion: PROTOCOL_VERSION,
      deviceId: session.deviceId,
      mutations: records.map((r) => withDefaults(urgencyEdit(r.id, 'urgent', 'normal'))),
    });
    expect(big.sent.jsonBytes).toBeGreaterThan(1024);
    expect(big.sent.wireBytes).toBeLessThan(big.sent.jsonBytes / 2);
    const small = await client.pull({ protocolVersion: PROTOCOL_VERSION, cursor: null, limit: 1 });
    expect(small.sent.wireBytes).toBe(small.sent.jsonBytes);
    expect(requestsTo('/sync/push').map((r) => r.contentEncoding)).toEqual(['gzip']);
    expect(requestsTo('/sync/pull').map((r) => r.contentEncoding)).toEqual([undefined]);
  });

  it('refreshes an expired access token once for many requests, storing the rotated pair', async () => {
    const { client, session, login } = await signIn();
    await expireAccessTokens(session.deviceId);
    const pulls = await Promise.all(
      [1, 2, 3].map(() => client.pull({ protocolVersion: PROTOCOL_VERSION, cursor: null, limit: 1 })),
    );
    expect(pulls).toHaveLength(3);
    expect(requestsTo('/auth/refresh')).toHaveLength(1);
    const tokens = await session.getTokens();
    expect(tokens?.refreshToken).not.toBe(login.refreshToken);
    expect(tokens?.accessToken).not.toBe(login.accessToken);
    // Every repeated request carried the new token.
    const retried = requestsTo('/sync/pull').slice(3);
    expect(retried.map((r) => r.authorization)).toEqual([1, 2, 3].map(() => `Bearer ${tokens?.accessToken}`));
  });

  it('sends the same refresh token again when the answer to the refresh was lost, and stays signed in', async () => {
    const { client, session, login } = await signIn();
    await expireAccessTokens(session.deviceId);
    proxy.setFaults({ dropResponses: 1, dropResponsesFor: '/auth/refresh' });
    const pulled = await client.pull({ protocolVersion: PROTOCOL_VERSION, cursor: null, limit: 1 });
    expect('changes' in pulled.data).toBe(true);
    expect(proxy.stats().droppedResponses).toBeGreaterThanOrEqual(1);
    expect(requestsTo('/auth/refresh')).toHaveLength(2);
    expect(session.ended).toBe(0);
    const rows = await server.db.query<{ n: string }>(
      'select count(*) as n from refresh_tokens where device_id = $1 and revoked_at is null',
      [session.deviceId],
    );
    // The login's token (rotated, in its grace window) and the two issued by the refreshes.
    expect(Number(rows.rows[0]?.n)).toBe(3);
    expect((await session.getTokens())?.refreshToken).not.toBe(login.refreshToken);
  });

  it('ends the session when the server refuses the refresh token', async () => {
    const { client, session } = await signIn();
    await server.db.query('update refresh_tokens set revoked_at = now() where device_id = $1', [
      session.deviceId,
    ]);
    await expireAccessTokens(session.deviceId);
    await expect(
      client.pull({ protocolVersion: PROTOCOL_VERSION, cursor: null, limit: 1 }),
    ).rejects.toBeInstanceOf(SyncSessionEndedError);
    expect(session.ended).toBe(1);
    expect(await session.getTokens()).toBeNull();
  });

  it('times out on a stalled link, and reports a refused connection as a network error', async () => {
    const { client } = await signIn('liaisonA', { baseMs: 400 });
    proxy.setFaults({ stall: true });
    const started = Date.now();
    await expect(
      client.pull({ protocolVersion: PROTOCOL_VERSION, cursor: null, limit: 1 }),
    ).rejects.toBeInstanceOf(SyncTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
    proxy.setFaults({ refuseConnections: true });
    const refused = await client
      .pull({ protocolVersion: PROTOCOL_VERSION, cursor: null, limit: 1 })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SyncNetworkError);
    expect((refused as SyncNetworkError).isRetryable).toBe(true);
  });

  it('turns refusals into typed errors with the server’s code and sentence', async () => {
    const { client } = await signIn();
    const otherDevice = await client
      .push({
        protocolVersion: PROTOCOL_VERSION,
        deviceId: 'ws-somebody-else',
        mutations: [withDefaults(urgencyEdit(uuidv7(), 'urgent', 'normal'))],
      })
      .catch((error: unknown) => error);
    expect(otherDevice).toBeInstanceOf(SyncHttpError);
    expect(otherDevice).toMatchObject({ status: 403, code: 'forbidden', isRetryable: false });
    expect((otherDevice as Error).message).toMatch(/perangkat/);
  });

  it('tells a refusal the server wrote from a middlebox’s error page', async () => {
    const { client, session } = await signIn();
    const push = () =>
      client
        .push({ protocolVersion: PROTOCOL_VERSION, deviceId: session.deviceId, mutations: [{ ...withDefaults(urgencyEdit(uuidv7(), 'urgent', 'normal')), sneaky: true } as never] })
        .catch((error: unknown) => error);
    const fromServer = await push();
    expect(fromServer).toMatchObject({ status: 400, code: 'invalid_body', isServerAnswer: true });
    middleboxRefusesPushes = true;
    try {
      const fromMiddlebox = await push();
      expect(fromMiddlebox).toBeInstanceOf(SyncHttpError);
      expect(fromMiddlebox).toMatchObject({ status: 400, isServerAnswer: false });
    } finally {
      middleboxRefusesPushes = false;
    }
  });

  it('refuses to go on when the server speaks another protocol version', async () => {
    const { client } = await signIn();
    // A request in another version: the real server answers 400 protocol_mismatch.
    const refused = await client
      .sendJson(
        'POST',
        '/sync/pull',
        { protocolVersion: PROTOCOL_VERSION + 1, cursor: null },
        pushResponseSchema,
      )
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SyncProtocolMismatchError);
    // An answer in another version (a newer server cannot run here, so fetch stands in for it).
    const session = memorySessionSource('ws-future-server', {
      accessToken: 'a'.repeat(32),
      refreshToken: 'r'.repeat(32),
      accessExpiresAt: '',
      refreshExpiresAt: '',
    });
    const future = new SyncHttpClient({
      baseUrl: 'http://127.0.0.1:9',
      session,
      fetch: () =>
        Promise.resolve(
          new Response(JSON.stringify({ protocolVersion: 2, cursor: '1', hasMore: false, changes: [] }), {
            status: 200,
          }),
        ),
    });
    await expect(
      future.pull({ protocolVersion: PROTOCOL_VERSION, cursor: null, limit: 1 }),
    ).rejects.toBeInstanceOf(SyncProtocolMismatchError);
    const garbled = new SyncHttpClient({
      baseUrl: 'http://127.0.0.1:9',
      session,
      fetch: () => Promise.resolve(new Response('{"protocolVersion":1}', { status: 200 })),
    });
    await expect(
      garbled.pull({ protocolVersion: PROTOCOL_VERSION, cursor: null, limit: 1 }),
    ).rejects.toBeInstanceOf(SyncInvalidResponseError);
  });
});

/** MutationInput with its defaults filled, as the push request type wants. */
function withDefaults(input: MutationInput) {
  return { fields: {}, baseValues: {}, action: null, ...input };
}
