/**
 * Intake from channel connectors and from export files, against the real server over HTTP,
 * on PGlite and on PostgreSQL: channel keys, idempotent tickets, per-case rejections,
 * possible duplicates, CSV/JSON import, and fuzzed bodies.
 */
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, uuidv7, type CaseEvent, type PulledChange } from '../../../src/shared';
import { createChannelKey, revokeChannelKey } from '../../../src/server/intake/channel-keys';
import { parseCsv } from '../../../src/server/intake/csv';
import { ImportError, importFile } from '../../../src/server/intake/import-file';
import { intakeResponseSchema, type IntakeResponse, type IntakeResult } from '../../../src/server/intake/intake-schema';
import { caseIn } from '../../helpers/org-fixture';
import { request, startServer, storesToTest, type HttpResult, type TestServer } from '../../helpers/server';

const stores = await storesToTest();
const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/intake/${name}`, import.meta.url));

let serial = 100;
/** A reporter no other test uses: a valid NIK and a mobile number, both unique. */
function newReporter() {
  serial += 1;
  const n = String(serial).padStart(4, '0');
  return { name: 'Pelapor Uji', nik: `317401520890${n}`, kk: '3174012001150003', phone: `0812-000-${n}`, address: 'Jl. Uji 1, Jakarta', normalizedPhone: `+62812000${n}` };
}

function incoming(overrides: Record<string, unknown> = {}) {
  const { normalizedPhone: _ignored, ...reporter } = newReporter();
  return {
    channel: 'lapor',
    ticketId: `LAPOR-${uuidv7().slice(-12)}`,
    kind: 'complaint',
    title: 'Bantuan PKH belum cair',
    description: 'Pelapor belum menerima bantuan PKH tahap ketiga.',
    reporter,
    receivedAt: '2026-11-02T09:00:00+07:00',
    ...overrides,
  };
}

const changedCase = (changes: PulledChange[], id: string) =>
  changes.filter((c): c is Extract<PulledChange, { kind: 'case' }> => c.kind === 'case' && c.record.id === id).map((c) => c.record).at(-1);

describe.each(stores)('intake on %s', (kind) => {
  let server: TestServer;
  let laporKey: string;
  const send = (body: unknown, key: string | null = laporKey): Promise<HttpResult<IntakeResponse & { error?: { code: string; message: string } }>> =>
    request(server.url, 'POST', '/intake/cases', body, key === null ? {} : { authorization: `ChannelKey ${key}` });
  const sendCases = async (cases: unknown[], key = laporKey) => {
    const result = await send({ cases }, key);
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    return intakeResponseSchema.parse(result.body).results;
  };
  const counts = async () => {
    const row = (
      await server.db.query<{ cases: number; events: number; seq: number }>(
        'select (select count(*)::int from cases) as cases, (select count(*)::int from case_events) as events, (select last_seq from sync_clock) as seq',
      )
    ).rows[0]!;
    return { cases: Number(row.cases), events: Number(row.events), seq: Number(row.seq) };
  };

  beforeAll(async () => {
    server = await startServer(kind);
    laporKey = (await createChannelKey(server.db, 'lapor', 'Jembatan LAPOR!')).key;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('creates received cases with normalised phone, identity hashes and a trail without personal data', async () => {
    const item = incoming({ topic: 'disaster' });
    const [result] = await sendCases([item]);
    expect(result).toMatchObject({ index: 0, ticketId: item.ticketId, status: 'created', possibleDuplicateIds: [] });
    const caseId = (result as Extract<IntakeResult, { status: 'created' }>).caseId;
    const stored = await server.caseOnServer(caseId);
    expect(stored).toMatchObject({ status: 'received', version: 1, channel: 'lapor', urgency: 'urgent', unitId: null, topic: 'disaster' });
    expect(stored?.reporter.phone).toMatch(/^\+62812000\d{4}$/);
    const row = (await server.db.query<{ nik_hash: string; phone_hash: string }>('select nik_hash, phone_hash from cases where id = $1', [caseId])).rows[0];
    expect(row).toEqual({ nik_hash: server.ctx.hasher.nik(item.reporter.nik), phone_hash: server.ctx.hasher.phone(stored!.reporter.phone) });
    const events = await server.db.query<{ data: CaseEvent }>('select data from case_events where case_id = $1', [caseId]);
    expect(events.rows.map((r) => r.data)).toEqual([expect.objectContaining({ action: 'intake', actorId: null, changes: [] })]);
    const trail = JSON.stringify(events.rows);
    for (const secret of [item.reporter.nik, item.reporter.name, item.reporter.address, '62812000']) expect(trail).not.toContain(secret);
  });

  it('a ticket sent again answers existing and changes nothing', async () => {
    const item = incoming();
    const [first] = await sendCases([item]);
    const before = await counts();
    const again = await sendCases([item, { ...item, title: 'Judul lain dari kanal' }]);
    expect(again).toEqual([
      { index: 0, ticketId: item.ticketId, status: 'existing', caseId: (first as { caseId: string }).caseId },
      { index: 1, ticketId: item.ticketId, status: 'existing', caseId: (first as { caseId: string }).caseId },
    ]);
    expect(await counts()).toEqual(before);
    // Twice in one batch: one case.
    const twin = incoming();
    const pair = await sendCases([twin, twin]);
    expect(pair.map((r) => r.status)).toEqual(['created', 'existing']);
    expect((pair[1] as { caseId: string }).caseId).toBe((pair[0] as { caseId: string }).caseId);
  });

  it('refuses a missing, unknown or revoked channel key', async () => {
    const before = await counts();
    const body = { cases: [incoming()] };
    const refusals = [
      await request<{ error?: { code: string } }>(server.url, 'POST', '/intake/cases', body),
      await request<{ error?: { code: string } }>(server.url, 'POST', '/intake/cases', body, { authorization: 'Bearer sesuatu' }),
      await send(body, 'tindak_ck_tidak-ada'),
    ];
    for (const refused of refusals) {
      expect(refused.status).toBe(401);
      expect(refused.body.error?.code).toBe('unauthenticated');
    }
    const created = await createChannelKey(server.db, 'lapor', 'Kunci lama');
    expect((await send({ cases: [incoming()] }, created.key)).status).toBe(200);
    expect(await revokeChannelKey(server.db, created.id)).toBe(true);
    expect(await revokeChannelKey(server.db, created.id)).toBe(false);
    const revoked = await send(body, created.key);
    expect(revoked.status).toBe(401);
    expect(revoked.body.error?.message).toMatch(/dicabut/);
    expect((await counts()).cases).toBe(before.cases + 1);
  });

  it('rejects cases of another channel, bad NIK or unknown topics one by one; the rest are created', async () => {
    const good = incoming();
    const results = await sendCases([
      incoming({ channel: 'wbs' }),
      good,
      incoming({ reporter: { nik: '3174019999900001' } }),
      incoming({ topic: 'tidak_ada' }),
      incoming({ reporter: { phone: '12345' } }),
      'bukan objek',
      incoming({ receivedAt: 'kemarin' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'created', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
    expect(results[0]).toMatchObject({ error: { code: 'forbidden' } });
    expect(results[1]).toMatchObject({ ticketId: good.ticketId });
    expect(results[2]).toMatchObject({ error: { code: 'invalid_body', message: expect.stringMatching(/^reporter\.nik: .*NIK/) as string } });
    expect(results[3]).toMatchObject({ error: { code: 'invalid_body', message: expect.stringContaining('tidak_ada') as string } });
    expect(results[4]).toMatchObject({ error: { code: 'invalid_body', message: expect.stringContaining('telepon') as string } });
    expect(results[5]).toMatchObject({ ticketId: null, error: { code: 'invalid_body' } });

    const wbsKey = (await createChannelKey(server.db, 'wbs', 'WBS')).key;
    const [wbs] = await sendCases([incoming({ channel: 'wbs' })], wbsKey);
    expect(wbs?.status).toBe('created');
    const unconfigured = (await createChannelKey(server.db, 'kanal_lama', 'Kanal dihapus')).key;
    expect((await send({ cases: [incoming({ channel: 'kanal_lama' })] }, unconfigured)).status).toBe(403);
  });

  it('a case with text the database cannot store is rejected alone; the rest of the batch is created', async () => {
    const good = incoming();
    const broken = incoming({ description: 'Bantuan belum cair TEKS' });
    // A gateway that cut an emoji in half leaves a lone surrogate; JSON.stringify would escape it.
    const body = JSON.stringify({ cases: [broken, good] }).replace('TEKS', '\\ud83d');
    const result = await request<IntakeResponse>(server.url, 'POST', '/intake/cases', body, { authorization: `ChannelKey ${laporKey}`, 'content-type': 'application/json' });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    const results = intakeResponseSchema.parse(result.body).results;
    expect(results.map((r) => r.status)).toEqual(['rejected', 'created']);
    expect(results[0]).toMatchObject({ ticketId: broken.ticketId, error: { code: 'invalid_body' } });
  });

  it('refuses a bad envelope as a whole and writes nothing', async () => {
    const before = await counts();
    expect((await send({ cases: [] })).status).toBe(400);
    expect((await send({ cases: [incoming()], extra: 1 })).status).toBe(400);
    expect((await send('{"cases": [')).body.error?.code).toBe('malformed_json');
    const tooMany = await send({ cases: Array.from({ length: 501 }, () => incoming()) });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error?.code).toBe('batch_too_large');
    expect(await counts()).toEqual(before);
  });

  it('flags possible duplicates on both cases, carried by the pulls of those who see them', async () => {
    const reporter = newReporter();
    const { normalizedPhone, ...sentReporter } = reporter;
    // An older case of the same reporter already with work unit A.
    const [older] = await server.insertCases([
      caseIn('in_follow_up', { id: uuidv7(), ticketId: `LAPOR-${uuidv7().slice(-12)}`, topic: 'pkh', reporter: { ...sentReporter, phone: normalizedPhone } }),
    ]);
    const liaison = await server.login('liaisonA');
    const admin = await server.login('admin');
    await liaison.pullAll();
    await admin.pullAll();

    const sameNik = incoming({ topic: 'pkh', reporter: { nik: reporter.nik } });
    const samePhoneOtherForm = incoming({ reporter: { phone: normalizedPhone.replace('+62', '62') } });
    const otherTopic = incoming({ topic: 'bpnt', reporter: { nik: reporter.nik } });
    const anonymous = incoming({ topic: 'pkh', isAnonymous: true, reporter: { nik: reporter.nik } });
    const noTopicYet = incoming({ reporter: { nik: reporter.nik } });
    const results = await sendCases([sameNik, samePhoneOtherForm, otherTopic, anonymous, noTopicYet]);
    expect(results.map((r) => r.status)).toEqual(['created', 'created', 'created', 'created', 'created']);
    const ids = results.map((r) => (r as { caseId: string }).caseId);
    const linksOf = (i: number) => (results[i] as { possibleDuplicateIds: string[] }).possibleDuplicateIds;
    // Results show each case as stored, with links from later cases of the same batch.
    expect(linksOf(0)).toEqual([older!.id, ids[4]]);
    expect(linksOf(1)).toEqual([older!.id]);
    // Another topic than every earlier case of this reporter: only the topic-less later one links.
    expect(linksOf(2)).toEqual([ids[4]]);
    // Anonymous reports are never linked: the link would name the reporter.
    expect(linksOf(3)).toEqual([]);
    // No topic yet: NIK alone decides, also against cases earlier in the same batch.
    expect(linksOf(4)).toEqual([older!.id, ids[0], ids[2]]);

    const olderNow = await server.caseOnServer(older!.id);
    expect(olderNow).toMatchObject({ version: 2, possibleDuplicateIds: [ids[0], ids[1], ids[4]] });
    expect((await server.caseOnServer(ids[0]!))?.possibleDuplicateIds).toEqual([older!.id, ids[4]]);
    expect((await server.caseOnServer(ids[2]!))?.possibleDuplicateIds).toEqual([ids[4]]);
    expect((await server.caseOnServer(ids[3]!))?.possibleDuplicateIds).toEqual([]);

    const fromLiaison = await liaison.pullAll();
    expect(changedCase(fromLiaison, older!.id)).toMatchObject({ version: 2, possibleDuplicateIds: [ids[0], ids[1], ids[4]] });
    expect(fromLiaison).toContainEqual({ kind: 'event', record: expect.objectContaining({ caseId: older!.id, action: 'possible_duplicate' }) as CaseEvent });
    // New cases are the admin's until distributed: the liaison officer does not get them.
    expect(changedCase(fromLiaison, ids[0]!)).toBeUndefined();
    const fromAdmin = await admin.pullAll();
    expect(changedCase(fromAdmin, older!.id)?.possibleDuplicateIds).toEqual([ids[0], ids[1], ids[4]]);
    expect(changedCase(fromAdmin, ids[0]!)?.possibleDuplicateIds).toEqual([older!.id, ids[4]]);

    // A later ticket of the same reporter on the same topic links to the matching ones; the older case moves on again.
    const [later] = await sendCases([incoming({ topic: 'pkh', reporter: { nik: reporter.nik } })]);
    expect(later).toMatchObject({ possibleDuplicateIds: [older!.id, ids[0], ids[4]] });
    expect((await server.caseOnServer(older!.id))?.version).toBe(3);
  });

  it('links a confidential complaint only to confidential ones: a link to an open case would name its reporter', async () => {
    const reporter = newReporter();
    const { normalizedPhone, ...sentReporter } = reporter;
    const stored = { ...sentReporter, phone: normalizedPhone };
    const [open, secret] = await server.insertCases([
      caseIn('in_follow_up', { id: uuidv7(), ticketId: `LAPOR-${uuidv7().slice(-12)}`, topic: 'pkh', reporter: stored }),
      caseIn('in_follow_up', { id: uuidv7(), ticketId: `LAPOR-${uuidv7().slice(-12)}`, topic: 'pkh', reporter: stored, isConfidential: true }),
    ]);
    const results = await sendCases([
      incoming({ topic: 'pkh', isConfidential: true, reporter: { nik: reporter.nik } }),
      incoming({ topic: 'pkh', reporter: { nik: reporter.nik } }),
    ]);
    const [newSecret, newOpen] = results.map((r) => r as { caseId: string; possibleDuplicateIds: string[] });
    expect(newSecret!.possibleDuplicateIds).toEqual([secret!.id]);
    expect(newOpen!.possibleDuplicateIds).toEqual([open!.id]);
    expect((await server.caseOnServer(open!.id))?.possibleDuplicateIds).toEqual([newOpen!.caseId]);
    expect((await server.caseOnServer(secret!.id))?.possibleDuplicateIds).toEqual([newSecret!.caseId]);
  });

  it('imports a CSV export with quoted commas, quotes and line breaks; importing again changes nothing', async () => {
    const results = await importFile(server.ctx, fixture('lapor-export.csv'), 'lapor');
    expect(results.map((r) => [r.line, r.status])).toEqual([
      [2, 'created'],
      [4, 'created'],
      [5, 'rejected'],
      [6, 'created'],
    ]);
    expect(results[2]).toMatchObject({ ticketId: 'LAPOR-CSV-003', error: { code: 'invalid_body', message: expect.stringContaining('NIK') as string } });
    const first = await server.caseOnServer((results[0] as { caseId: string }).caseId);
    expect(first).toMatchObject({
      description: 'Bantuan tahap 3, 4 belum diterima.\nSudah lapor ke pendamping, belum ada jawaban.',
      reporter: { name: 'Siti Aminah', nik: '3174015208900011', phone: '+6281234567001', address: 'Jl. Salemba Raya 28, Jakarta Pusat' },
      isAnonymous: false,
      topic: 'pkh',
    });
    const second = await server.caseOnServer((results[1] as { caseId: string }).caseId);
    expect(second).toMatchObject({ title: 'Usul jadwal "jemput bola" DTKS', isAnonymous: true, reporter: { name: null, nik: null } });
    const fourth = await server.caseOnServer((results[3] as { caseId: string }).caseId);
    expect(fourth).toMatchObject({ kind: 'information_request', isConfidential: true, reporter: { phone: '+6281234567003' } });

    const before = await counts();
    const again = await importFile(server.ctx, fixture('lapor-export.csv'), 'lapor');
    expect(again.map((r) => r.status)).toEqual(['existing', 'existing', 'rejected', 'existing']);
    expect(await counts()).toEqual(before);
  });

  it('imports a JSON export, filling in the channel', async () => {
    const results = await importFile(server.ctx, fixture('walk-in.json'), 'walk_in');
    expect(results.map((r) => r.status)).toEqual(['created', 'created', 'rejected']);
    const disaster = await server.caseOnServer((results[0] as { caseId: string }).caseId);
    expect(disaster).toMatchObject({ channel: 'walk_in', urgency: 'urgent', reporter: { phone: '+6282198765432' } });
  });

  it('fuzzed bodies never get a 5xx; a refused request writes nothing', async () => {
    const fieldNames = ['channel', 'ticketId', 'kind', 'title', 'description', 'reporter', 'isAnonymous', 'isConfidential', 'receivedAt', 'urgency', 'topic', 'zzz'];
    const plausible = fc.constantFrom('lapor', 'wbs', 'complaint', 'pkh', 'urgent', '2026-11-02T09:00:00+07:00', '3174015208900001', '', ' ', null, true, 0);
    const item = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(fc.constantFrom(...fieldNames), fc.oneof(plausible, fc.jsonValue(), fc.dictionary(fc.constantFrom('name', 'nik', 'kk', 'phone', 'address', 'x'), fc.oneof(plausible, fc.jsonValue()))), { maxKeys: 12 }),
    );
    const body = fc.oneof(
      fc.json(),
      fc.string(),
      fc.constant(''),
      fc.record({ cases: fc.array(item, { maxLength: 4 }) }).map((v) => JSON.stringify(v)),
      fc.record({ cases: fc.jsonValue(), extra: fc.jsonValue() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        const before = await counts();
        const result = await request<{ error?: { code: string; message: string }; results?: IntakeResult[] }>(server.url, 'POST', '/intake/cases', raw, {
          authorization: `ChannelKey ${laporKey}`,
          'content-type': 'application/json',
        });
        const after = await counts();
        expect(result.status, `${raw.slice(0, 200)} → ${JSON.stringify(result.body)}`).toBeLessThan(500);
        if (result.status === 200) {
          const results = intakeResponseSchema.parse(result.body).results;
          expect(after.cases - before.cases).toBe(results.filter((r) => r.status === 'created').length);
        } else {
          expect(result.status).toBeGreaterThanOrEqual(400);
          expect(ERROR_CODES).toContain(result.body.error?.code);
          expect(after).toEqual(before);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('the admin makes and revokes channel keys through the admin API; the auditor only lists them', async () => {
    const admin = await server.login('admin');
    const auditor = await server.login('auditor');
    const liaison = await server.login('liaisonA');
    expect((await liaison.call('GET', '/admin/channel-keys')).status).toBe(403);
    expect((await auditor.call('POST', '/admin/channel-keys', { channel: 'lapor', label: 'Auditor' })).status).toBe(403);
    const unknownChannel = await admin.call<{ error: { code: string } }>('POST', '/admin/channel-keys', { channel: 'tidak-ada', label: 'X' });
    expect(unknownChannel.status).toBe(400);
    expect(unknownChannel.body.error.code).toBe('invalid_body');

    const created = await admin.call<{ id: string; key: string; channel: string }>('POST', '/admin/channel-keys', { channel: 'lapor', label: 'Jembatan kedua' });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^tindak_ck_/);
    const listed = await auditor.call<{ channelKeys: { id: string; label: string; revokedAt: string | null }[] }>('GET', '/admin/channel-keys');
    expect(listed.status).toBe(200);
    expect(listed.body.channelKeys.find((k) => k.id === created.body.id)).toMatchObject({ label: 'Jembatan kedua', revokedAt: null });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);

    expect((await sendCases([incoming()], created.body.key))[0]?.status).toBe('created');
    expect((await admin.call('POST', `/admin/channel-keys/${created.body.id}/revoke`)).status).toBe(200);
    expect((await admin.call('POST', `/admin/channel-keys/${created.body.id}/revoke`)).status).toBe(404);
    expect((await send({ cases: [incoming()] }, created.body.key)).status).toBe(401);
  });
});

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes, CRLF and line breaks, and keeps each record’s line', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","he said ""ya"""\r\n2,"two\r\nlines",\r\n\r\n3,,"last"';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, y', 'he said "ya"'] },
      { line: 3, fields: ['2', 'two\r\nlines', ''] },
      { line: 6, fields: ['3', '', 'last'] },
    ]);
  });

  it('names the line of a broken quote', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3')).toThrow(/Baris 2/);
    expect(() => parseCsv('a,b\n1,x"y')).toThrow(/Baris 2/);
    expect(() => parseCsv('a,b\n1,"x"y')).toThrow(/Baris 2/);
  });

  it('import refuses a header it does not know', async () => {
    const { writeFile, mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'tindak-import-'));
    const path = join(dir, 'salah.csv');
    await writeFile(path, 'ticketId,kind,judul\nA,complaint,x\n');
    const ctx = { org: { config: { channels: [{ key: 'lapor' }] } } } as unknown as Parameters<typeof importFile>[0];
    await expect(importFile(ctx, path, 'lapor')).rejects.toThrow(ImportError);
    await expect(importFile(ctx, path, 'lapor')).rejects.toThrow(/judul/);
  });
});
