/**
 * Client mistakes get a 4xx with a stable code and change nothing; no body a client can send
 * produces a 5xx.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, PROTOCOL_VERSION, uuidv7 } from '../../../src/shared';
import { PEOPLE, UNITS, caseIn } from '../../helpers/org-fixture';
import { request, startServer, storesToTest, type Session, type TestServer } from '../../helpers/server';

const stores = await storesToTest();

async function writeCounts(server: TestServer) {
  const result = await server.db.query<{ n: number }>(
    `select (select count(*) from cases) + (select count(*) from reports) + (select count(*) from case_events)
          + (select count(*) from mutations) + (select last_seq from sync_clock) as n`,
  );
  return Number(result.rows[0]!.n);
}

const jsonish = fc.oneof(
  fc.json(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string(),
  fc.constant(''),
  fc.constant('{"protocolVersion":1,"deviceId":"x","mutations":[{}]}'),
  fc.record({
    protocolVersion: fc.oneof(fc.constant(PROTOCOL_VERSION), fc.integer()),
    deviceId: fc.string(),
    mutations: fc.array(fc.dictionary(fc.constantFrom('mutationId', 'seq', 'entity', 'entityId', 'op', 'fields', 'baseVersion', 'action', 'payload', 'createdAt', 'zzz'), fc.jsonValue()), { maxLength: 3 }),
    cursor: fc.oneof(fc.constant(null), fc.string(), fc.integer().map(String)),
    limit: fc.oneof(fc.integer(), fc.string()),
  }).map((v) => JSON.stringify(v)),
);

describe.each(stores)('bad input on %s', (kind) => {
  let server: TestServer;
  let liaison: Session;
  beforeAll(async () => {
    server = await startServer(kind);
    await server.insertCases([caseIn('in_follow_up', { id: uuidv7() })]);
    liaison = await server.login('liaisonA', 'device-fuzz-0001');
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each([
    ['/sync/push', 'POST'],
    ['/sync/pull', 'POST'],
    ['/auth/login', 'POST'],
    ['/auth/refresh', 'POST'],
    ['/admin/users', 'POST'],
  ])('fuzzed bodies on %s get only 4xx and write nothing', async (path) => {
    const before = await writeCounts(server);
    await fc.assert(
      fc.asyncProperty(jsonish, async (body) => {
        const result = await request<{ error?: { code: string; message: string } }>(server.url, 'POST', path, body, { ...liaison.auth, 'content-type': 'application/json' });
        expect(result.status, `${path} ${body.slice(0, 200)} → ${JSON.stringify(result.body)}`).toBeGreaterThanOrEqual(400);
        expect(result.status).toBeLessThan(500);
        expect(ERROR_CODES).toContain(result.body.error?.code);
        expect(result.body.error?.message.length).toBeGreaterThan(3);
      }),
      { numRuns: 60 },
    );
    expect(await writeCounts(server)).toBe(before);
  });

  it('malformed JSON, a wrong content type, bad gzip and unknown fields have their own codes', async () => {
    const post = (body: string | object, headers: Record<string, string> = {}, gzip = false) =>
      request<{ error: { code: string } }>(server.url, 'POST', '/sync/pull', body, { ...liaison.auth, ...headers }, { gzip });
    expect((await post('{"cursor":', { 'content-type': 'application/json' })).body.error.code).toBe('malformed_json');
    expect((await post('cursor=1', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await post('not gzip at all', { 'content-type': 'application/json', 'content-encoding': 'gzip' })).body.error.code).toBe('malformed_json');
    const unknown = await post({ protocolVersion: PROTOCOL_VERSION, cursor: null, sneaky: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('invalid_body');
    expect((await post({ protocolVersion: 99, cursor: null })).body.error.code).toBe('protocol_mismatch');
  });

  it('names that only look valid are refused per mutation or per request, never a 5xx', async () => {
    const [record] = await server.insertCases([caseIn('in_follow_up', { id: uuidv7(), ticketId: 'NEAR-1' })]);
    // Rejections are kept in the mutation ledger (a replay gets the same answer); nothing else may change.
    const state = async () =>
      (
        await server.db.query<{ n: string }>(
          `select (select count(*) from cases) + (select count(*) from reports) + (select count(*) from case_events)
                + (select last_seq from sync_clock) as n`,
        )
      ).rows[0]!.n;
    const before = await state();
    // A field name inherited by every object, and ids of the right length that are no UUIDs.
    for (const field of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const mutation = liaison.update(record!.id, {}, {}, 1);
      const raw = JSON.parse(JSON.stringify(mutation)) as { fields: Record<string, unknown> };
      raw.fields = JSON.parse(`{"${field}": 1}`) as Record<string, unknown>;
      const result = await liaison.pushRaw([raw as unknown as typeof mutation]);
      expect(result.status, `${field}: ${JSON.stringify(result.body)}`).toBe(200);
      expect((result.body as { results: { status: string; error: { code: string } | null }[] }).results[0]).toMatchObject({ status: 'rejected', error: { code: 'invalid_body' } });
    }
    for (const caseId of ['0'.repeat(36), '-'.repeat(36), 'abcdefab-cdef-abcd-efab-cdefabcdefab'.replace(/-/g, 'f')]) {
      const result = await liaison.pushRaw([liaison.action(caseId, 'accept', {}, 1)]);
      expect(result.status, `${caseId}: ${JSON.stringify(result.body)}`).toBeLessThan(500);
      if (result.status === 200)
        expect((result.body as { results: { status: string }[] }).results[0]?.status).toBe('rejected');
    }
    for (const cursor of ['9999999999999999999', '9223372036854775807', '9007199254740993']) {
      const result = await request<{ error: { code: string } }>(server.url, 'POST', '/sync/pull', { protocolVersion: PROTOCOL_VERSION, cursor }, liaison.auth);
      expect(result.status, `${cursor}: ${JSON.stringify(result.body)}`).toBe(400);
      expect(result.body.error.code).toBe('invalid_body');
    }
    expect(await state()).toBe(before);
  });

  it('an upper-case spelling of an existing id is refused, and cannot overwrite the record', async () => {
    const [record] = await server.insertCases([caseIn('in_follow_up', { id: uuidv7(), ticketId: 'UPPER-1', unitId: UNITS.workA.id, regionalUnitIds: [UNITS.uptA1.id], assigneeIds: [PEOPLE.fieldA1.id] })]);
    const field = await server.login('fieldA1');
    const reportId = uuidv7();
    const report = { caseId: record!.id, visitDate: '2026-11-04', method: 'home_visit', findings: 'Temuan asli.', actionsTaken: 'Pendampingan.', outcome: 'resolved' };
    expect((await field.push([field.create('report', reportId, report)])).results[0]).toMatchObject({ status: 'applied' });
    const before = await server.db.query<{ data: unknown }>('select data from reports where id = $1', [reportId]);
    const other = await server.login('fieldA1', 'device-upper-0002');
    const overwrite = await other.pushRaw([other.create('report', reportId.toUpperCase(), { ...report, findings: 'Ditimpa.' })]);
    expect(overwrite.status).toBe(400);
    expect((overwrite.body as unknown as { error: { code: string } }).error.code).toBe('invalid_body');
    expect((await server.db.query<{ data: unknown }>('select data from reports where id = $1', [reportId])).rows).toEqual(before.rows);
  });

  it('a case created with a ticket already registered on its channel is refused as a duplicate, not a 500', async () => {
    const [existing] = await server.insertCases([caseIn('received', { id: uuidv7(), ticketId: 'TIKET-DUP-1' })]);
    const admin = await server.login('admin');
    const { id: _id, ...fields } = existing!;
    const again = await admin.pushRaw([admin.create('case', uuidv7(), { ...fields })]);
    expect(again.status).toBe(200);
    expect((again.body as { results: { status: string; error: { code: string } | null }[] }).results[0]).toMatchObject({ status: 'rejected', error: { code: 'duplicate' } });
    // Two creates of one new ticket in one batch: the first is taken, the second refused; the batch goes on.
    const twice = await admin.pushRaw([
      admin.create('case', uuidv7(), { ...fields, ticketId: 'TIKET-DUP-2' }),
      admin.create('case', uuidv7(), { ...fields, ticketId: 'TIKET-DUP-2' }),
      admin.update(existing!.id, { urgency: 'urgent' }, { urgency: existing!.urgency }, 1),
    ]);
    expect(twice.status).toBe(200);
    expect((twice.body as { results: { status: string; error: { code: string } | null }[] }).results.map((r) => r.error?.code ?? r.status)).toEqual(['applied', 'duplicate', 'applied']);
  });

  it('text PostgreSQL cannot store (NUL, a lone surrogate) and deep nesting are a 400 on every route, not a 500', async () => {
    const [record] = await server.insertCases([caseIn('in_follow_up', { id: uuidv7(), ticketId: 'NUL-1' })]);
    const before = await writeCounts(server);
    // A JSON text whose note is `escaped`, written as JSON escapes (what JSON.stringify never emits).
    const edit = (escaped: string) =>
      JSON.stringify({
        protocolVersion: PROTOCOL_VERSION,
        deviceId: liaison.deviceId,
        mutations: [{ ...liaison.update(record!.id, { urgency: 'urgent' }, { urgency: 'normal' }, 1), payload: { note: 'TEKS' } }],
      }).replace('"TEKS"', `"${escaped}"`);
    const bodies = {
      nul: edit('a\\u0000b'),
      surrogate: edit('a\\ud800b'),
      key: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, cursor: null }).replace('"cursor"', '"x\\u0000y":1,"cursor"'),
      deep: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId: liaison.deviceId, mutations: [] }).replace('"mutations":[]', `"mutations":[${'['.repeat(5_000)}${']'.repeat(5_000)}]`),
    };
    for (const [name, body] of Object.entries(bodies)) {
      for (const path of ['/sync/push', '/sync/pull', '/admin/users', '/auth/login']) {
        const result = await request<{ error: { code: string } }>(server.url, 'POST', path, body, { ...liaison.auth, 'content-type': 'application/json' });
        expect(result.status, `${name} on ${path}: ${JSON.stringify(result.body)}`).toBeGreaterThanOrEqual(400);
        expect(result.status, `${name} on ${path}`).toBeLessThan(500);
      }
    }
    const nul = await request<{ error: { code: string } }>(server.url, 'POST', '/sync/push', bodies.nul, { ...liaison.auth, 'content-type': 'application/json' });
    expect(nul).toMatchObject({ status: 400, body: { error: { code: 'invalid_body' } } });
    expect(await writeCounts(server)).toBe(before);
  });

  it('field values a record could not hold are refused per mutation, even when they would only be kept as a conflict', async () => {
    const [record] = await server.insertCases([caseIn('in_follow_up', { id: uuidv7(), ticketId: 'VAL-1' })]);
    const before = await server.db.query<{ n: string }>('select count(*) as n from conflicts');
    const refusedCode = async (fields: Record<string, unknown>, baseValues: Record<string, unknown>, baseVersion = 1) => {
      const result = await liaison.pushRaw([liaison.update(record!.id, fields, baseValues, baseVersion)]);
      expect(result.status).toBe(200);
      return (result.body as { results: { status: string; error: { code: string } | null }[] }).results[0]!.error?.code;
    };
    expect(await refusedCode({ urgency: { sangat: 'x'.repeat(1_000) } }, { urgency: 'normal' }, 0)).toBe('invalid_body');
    expect(await refusedCode({ urgency: 'urgent' }, { urgency: ['bukan', 'nilai'] }, 0)).toBe('invalid_body');
    expect(await refusedCode({ urgency: 'urgent' }, { urgency: 'normal', topic: 'pkh', tidakAda: 1 })).toBe('invalid_body');
    expect(await server.db.query<{ n: string }>('select count(*) as n from conflicts')).toMatchObject({ rows: before.rows });
    expect((await server.caseOnServer(record!.id))?.urgency).toBe(record!.urgency);
  });

  it('one mutation id with two contents in one batch is refused whole; the same mutation twice is one effect', async () => {
    const [record] = await server.insertCases([caseIn('in_follow_up', { id: uuidv7(), ticketId: 'TWICE-1' })]);
    const edit = liaison.update(record!.id, { urgency: 'urgent' }, { urgency: 'normal' }, 1);
    const before = await writeCounts(server);
    const differing = await liaison.pushRaw([edit, { ...edit, seq: edit.seq + 1, fields: { urgency: 'normal' } }]);
    expect(differing.status).toBe(400);
    expect((differing.body as unknown as { error: { code: string } }).error.code).toBe('invalid_body');
    expect(await writeCounts(server)).toBe(before);
    const same = await liaison.pushRaw([edit, edit]);
    expect(same.status).toBe(200);
    expect((same.body as { results: unknown[] }).results).toHaveLength(1);
    expect((await server.caseOnServer(record!.id))?.urgency).toBe('urgent');
  });

  it('a new case starts at step one whatever the client sent, and topics must exist', async () => {
    const admin = await server.login('admin');
    const { id: _id, ...fields } = caseIn('received', { ticketId: 'STEP-1', topic: null });
    const id = uuidv7();
    const created = await admin.pushRaw([
      admin.create('case', id, { ...fields, rating: 5, resolutionNote: 'Selesai.', finishedAt: '2026-11-20T07:00:00.000Z', distributedAt: '2026-11-19T07:00:00.000Z' }),
    ]);
    expect((created.body as { results: { status: string }[] }).results[0]?.status).toBe('applied');
    expect(await server.caseOnServer(id)).toMatchObject({ status: 'received', rating: null, resolutionNote: null, finishedAt: null, distributedAt: null });
    const unknownTopic = await admin.pushRaw([admin.create('case', uuidv7(), { ...fields, ticketId: 'STEP-2', topic: 'tidak_ada' })]);
    expect((unknownTopic.body as { results: { error: { code: string } | null }[] }).results[0]?.error?.code).toBe('invalid_body');
    const retopic = await admin.pushRaw([admin.update(id, { topic: 'tidak_ada' }, { topic: null }, 1)]);
    expect((retopic.body as { results: { error: { code: string } | null }[] }).results[0]?.error?.code).toBe('invalid_body');
    expect((await server.caseOnServer(id))?.topic).toBeNull();
  });

  it('a new case keeps only the duplicate links that exist and that its privacy allows', async () => {
    const admin = await server.login('admin');
    const [open, secret, anonymous] = await server.insertCases([
      caseIn('in_follow_up', { id: uuidv7(), ticketId: 'LINK-OPEN' }),
      caseIn('in_follow_up', { id: uuidv7(), ticketId: 'LINK-SECRET', isConfidential: true }),
      caseIn('in_follow_up', { id: uuidv7(), ticketId: 'LINK-ANON', isAnonymous: true, reporter: { name: null, nik: null, kk: null, phone: null, address: null } }),
    ]);
    const { id: _id, ...fields } = caseIn('received', { topic: null });
    const named = [open!.id, secret!.id, anonymous!.id, uuidv7()];
    const firstId = uuidv7();
    const secondId = uuidv7();
    const thirdId = uuidv7();
    const created = await admin.push([
      admin.create('case', firstId, { ...fields, ticketId: 'LINK-1', isConfidential: true, possibleDuplicateIds: named }),
      // A walk-in registered after another one offline names it: both arrive in one batch.
      admin.create('case', secondId, { ...fields, ticketId: 'LINK-2', possibleDuplicateIds: [...named, firstId] }),
      admin.create('case', thirdId, { ...fields, ticketId: 'LINK-3', isConfidential: true, possibleDuplicateIds: [...named, firstId] }),
    ]);
    expect(created.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect((await server.caseOnServer(firstId))?.possibleDuplicateIds).toEqual([secret!.id]);
    expect((await server.caseOnServer(secondId))?.possibleDuplicateIds).toEqual([open!.id]);
    expect((await server.caseOnServer(thirdId))?.possibleDuplicateIds).toEqual([secret!.id, firstId]);
  });

  it('a gzip-compressed push is accepted', async () => {
    const [record] = await server.insertCases([caseIn('in_follow_up', { id: uuidv7(), ticketId: 'GZ-1' })]);
    const mutation = liaison.update(record!.id, { urgency: 'urgent' }, { urgency: 'normal' }, 1);
    const result = await request<{ results: { status: string }[] }>(server.url, 'POST', '/sync/push', { protocolVersion: PROTOCOL_VERSION, deviceId: liaison.deviceId, mutations: [mutation] }, liaison.auth, { gzip: true });
    expect(result.status).toBe(200);
    expect(result.body.results[0]?.status).toBe('applied');
  });

  it('batches over the limits answer 413 and change nothing', async () => {
    const before = await writeCounts(server);
    const tooMany = Array.from({ length: 501 }, () => liaison.update(uuidv7(), { urgency: 'urgent' }, {}, 1));
    const many = await liaison.pushRaw(tooMany);
    expect(many.status).toBe(413);
    expect(JSON.stringify(many.body)).toContain('500');
    const huge = 'x'.repeat(5 * 1024 * 1024);
    const big = await request<{ error: { code: string } }>(server.url, 'POST', '/sync/push', huge, { ...liaison.auth, 'content-type': 'application/json' });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('batch_too_large');
    const bomb = await request<{ error: { code: string } }>(server.url, 'POST', '/sync/push', JSON.stringify({ pad: huge }), liaison.auth, { gzip: true });
    expect(bomb.status).toBe(413);
    expect(await writeCounts(server)).toBe(before);
  });

  it('answers CORS preflights only for the allowed origins', async () => {
    const allowed = await fetch(`${server.url}/sync/pull`, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'POST' } });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    const foreign = await fetch(`${server.url}/sync/pull`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('responses are gzip-compressed when the client accepts it', async () => {
    const result = await fetch(`${server.url}/sync/directory`, { headers: { ...liaison.auth, 'accept-encoding': 'gzip' } });
    expect(result.headers.get('content-encoding')).toBe('gzip');
    expect((await result.json()) as object).toHaveProperty('units');
  });
});
