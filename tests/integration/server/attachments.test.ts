/**
 * Resumable attachment uploads and downloads against the real server over HTTP, on PGlite and
 * on PostgreSQL: chunks, a cut mid-chunk, offsets, checksums, content addressing, limits,
 * Range requests, and who may see what.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES, uuidv7, type AttachmentMeta, type CaseEvent, type CaseRecord, type PulledChange } from '../../../src/shared';
import { PEOPLE, UNITS, caseIn } from '../../helpers/org-fixture';
import { startServer, storesToTest, type Session, type TestServer } from '../../helpers/server';

const stores = await storesToTest();

const KIB = 1024;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function freshCase(status: Parameters<typeof caseIn>[0], overrides: Partial<CaseRecord> = {}): CaseRecord {
  const id = uuidv7();
  return caseIn(status, { id, ticketId: `LAPOR-${id.slice(-12)}`, ...overrides });
}

interface Reply {
  status: number;
  headers: Headers;
  bytes: Buffer;
  json: { error?: { code: string; message: string; details?: { offset?: number } } } & Partial<UploadState>;
}

interface UploadState {
  uploadId: string;
  attachmentId: string;
  offset: number;
  size: number;
  complete: boolean;
}

/** Raw HTTP for one signed-in device: the shared helper sends JSON only. */
async function call(session: Session, method: string, path: string, options: { body?: Uint8Array | object; headers?: Record<string, string> } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...session.auth, ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof Uint8Array) {
    headers['content-type'] ??= 'application/octet-stream';
    body = new Uint8Array(options.body);
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`${session.url}${path}`, { method, headers, body });
  const bytes = Buffer.from(await response.arrayBuffer());
  let json: Reply['json'] = {};
  try {
    json = JSON.parse(bytes.toString('utf8')) as Reply['json'];
  } catch {
    // binary content
  }
  return { status: response.status, headers: response.headers, bytes, json };
}

function fileFor(caseId: string, bytes: Buffer, overrides: Partial<AttachmentMeta> = {}) {
  return { id: uuidv7(), caseId, reportId: null, fileName: 'foto rumah, tampak depan.jpg', mimeType: 'image/jpeg', size: bytes.length, sha256: sha256(bytes), ...overrides };
}

const announce = (session: Session, meta: object) => call(session, 'POST', '/attachments/uploads', { body: meta });
const status = (session: Session, uploadId: string) => call(session, 'GET', `/attachments/uploads/${uploadId}`);
const putChunk = (session: Session, uploadId: string, offset: number, bytes: Uint8Array) =>
  call(session, 'PUT', `/attachments/uploads/${uploadId}?offset=${offset}`, { body: bytes });
const download = (session: Session, attachmentId: string, headers: Record<string, string> = {}) =>
  call(session, 'GET', `/attachments/${attachmentId}/content`, { headers });

/** Sends `bytes` from `from` to the end in chunks; returns the offsets sent and the last reply. */
async function sendFrom(session: Session, uploadId: string, bytes: Buffer, from: number, chunk: number) {
  const sent: number[] = [];
  let last: Reply | undefined;
  for (let offset = from; offset < bytes.length; offset += chunk) {
    last = await putChunk(session, uploadId, offset, bytes.subarray(offset, offset + chunk));
    sent.push(offset);
    if (last.status !== 200) throw new Error(`chunk at ${offset}: ${last.status} ${JSON.stringify(last.json)}`);
  }
  return { sent, last: last! };
}

async function uploadWhole(session: Session, meta: ReturnType<typeof fileFor>, bytes: Buffer, chunk = 64 * KIB) {
  const created = await announce(session, meta);
  expect(created.status, JSON.stringify(created.json)).toBeLessThan(300);
  if (created.json.complete) return created.json;
  return (await sendFrom(session, created.json.uploadId!, bytes, created.json.offset!, chunk)).last.json;
}

/** A chunk whose connection dies halfway, as on a dropped mobile link. */
function sendHalfThenCut(session: Session, uploadId: string, offset: number, bytes: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const request = http.request(new URL(`${session.url}/attachments/uploads/${uploadId}?offset=${offset}`), {
      method: 'PUT',
      headers: { ...session.auth, 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) },
    });
    request.on('error', () => resolve());
    request.on('close', () => resolve());
    request.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => request.destroy());
  });
}

const blobCount = async (server: TestServer, sha: string) =>
  Number((await server.db.query<{ n: number }>('select count(*)::int as n from blobs where sha256 = $1', [sha])).rows[0]!.n);

describe.each(stores)('attachments on %s', (kind) => {
  let server: TestServer;
  let caseA: CaseRecord;
  let caseA2: CaseRecord;
  let caseB: CaseRecord;
  beforeAll(async () => {
    server = await startServer(kind);
    [caseA, caseA2, caseB] = await server.insertCases([
      freshCase('in_follow_up'),
      freshCase('in_follow_up'),
      freshCase('in_follow_up', { unitId: UNITS.workB.id, regionalUnitIds: [UNITS.uptB1.id], assigneeIds: [PEOPLE.fieldB1.id] }),
    ]) as [CaseRecord, CaseRecord, CaseRecord];
  });
  afterAll(async () => {
    await server?.close();
  });

  it('uploads in chunks; after a cut mid-chunk it resumes from the offset the server reports', async () => {
    const field = await server.login('fieldA1');
    const chunk = 128 * KIB;
    const bytes = randomBytes(4 * chunk + 1000);
    const meta = fileFor(caseA.id, bytes);
    const created = await announce(field, meta);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ attachmentId: meta.id, offset: 0, size: bytes.length, complete: false });
    const uploadId = created.json.uploadId!;

    await putChunk(field, uploadId, 0, bytes.subarray(0, chunk));
    await putChunk(field, uploadId, chunk, bytes.subarray(chunk, 2 * chunk));
    await sendHalfThenCut(field, uploadId, 2 * chunk, bytes.subarray(2 * chunk, 3 * chunk));

    const asked = await status(field, uploadId);
    expect(asked.json).toMatchObject({ uploadId, offset: 2 * chunk, complete: false });
    const { sent, last } = await sendFrom(field, uploadId, bytes, asked.json.offset!, chunk);
    // Only the chunk that was cut is sent again.
    expect(sent).toEqual([2 * chunk, 3 * chunk, 4 * chunk]);
    expect(last.json).toMatchObject({ offset: bytes.length, complete: true });

    const got = await download(field, meta.id);
    expect(got.status).toBe(200);
    expect(sha256(got.bytes)).toBe(meta.sha256);
    const chunksLeft = await server.db.query('select 1 from upload_chunks where upload_id = $1', [uploadId]);
    expect(chunksLeft.rowCount).toBe(0);
  });

  it('a chunk resent after a lost response is acknowledged once; announcing again returns the same upload', async () => {
    const liaison = await server.login('liaisonA');
    const bytes = randomBytes(100 * KIB);
    const meta = fileFor(caseA.id, bytes, { mimeType: 'application/pdf', fileName: 'surat.pdf' });
    const created = await announce(liaison, meta);
    const uploadId = created.json.uploadId!;
    const first = bytes.subarray(0, 40 * KIB);
    expect((await putChunk(liaison, uploadId, 0, first)).json).toMatchObject({ offset: 40 * KIB });
    expect((await putChunk(liaison, uploadId, 0, first)).json).toMatchObject({ offset: 40 * KIB });
    const again = await announce(liaison, meta);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ uploadId, offset: 40 * KIB, complete: false });
    const changed = await announce(liaison, { ...meta, fileName: 'lain.pdf' });
    expect(changed.status).toBe(409);
    expect(changed.json.error?.code).toBe('duplicate');
    await sendFrom(liaison, uploadId, bytes, 40 * KIB, 40 * KIB);
    const completeAgain = await announce(liaison, meta);
    expect(completeAgain.json).toMatchObject({ uploadId, offset: bytes.length, complete: true });
    // The last chunk resent after completion is still acknowledged.
    expect((await putChunk(liaison, uploadId, 80 * KIB, bytes.subarray(80 * KIB))).json).toMatchObject({ complete: true });
  });

  it('takes a gzip-compressed chunk and stores the bytes it carries', async () => {
    const liaison = await server.login('liaisonA');
    const bytes = Buffer.alloc(40 * KIB, 'laporan kunjungan ');
    const meta = fileFor(caseA.id, bytes, { mimeType: 'application/pdf' });
    const uploadId = (await announce(liaison, meta)).json.uploadId!;
    const sent = await call(liaison, 'PUT', `/attachments/uploads/${uploadId}?offset=0`, {
      body: gzipSync(bytes),
      headers: { 'content-encoding': 'gzip' },
    });
    expect(sent.json).toMatchObject({ offset: bytes.length, complete: true });
    expect((await download(liaison, meta.id)).bytes.equals(bytes)).toBe(true);
  });

  it('a chunk at the wrong offset is refused with the offset to continue from', async () => {
    const liaison = await server.login('liaisonA');
    const bytes = randomBytes(30 * KIB);
    const created = await announce(liaison, fileFor(caseA.id, bytes));
    const uploadId = created.json.uploadId!;
    await putChunk(liaison, uploadId, 0, bytes.subarray(0, 10 * KIB));
    const ahead = await putChunk(liaison, uploadId, 20 * KIB, bytes.subarray(20 * KIB));
    expect(ahead.status).toBe(409);
    expect(ahead.json.error).toMatchObject({ code: 'offset_mismatch', details: { offset: 10 * KIB } });
    expect(ahead.json.error?.message).toMatch(/10240/);
    const behindButDifferent = await putChunk(liaison, uploadId, 0, randomBytes(10 * KIB));
    expect(behindButDifferent.status).toBe(409);
    expect(behindButDifferent.json.error?.details?.offset).toBe(10 * KIB);
    const overlapping = await putChunk(liaison, uploadId, 5 * KIB, bytes.subarray(5 * KIB, 15 * KIB));
    expect(overlapping.status).toBe(409);
    const pastTheEnd = await putChunk(liaison, uploadId, 10 * KIB, randomBytes(25 * KIB));
    expect(pastTheEnd.status).toBe(413);
    expect(pastTheEnd.json.error?.code).toBe('too_large');
    expect((await status(liaison, uploadId)).json.offset).toBe(10 * KIB);
  });

  it('a damaged file fails its checksum, starts again from 0, and then completes', async () => {
    const liaison = await server.login('liaisonA');
    const bytes = randomBytes(50 * KIB);
    const meta = fileFor(caseA.id, bytes);
    const uploadId = (await announce(liaison, meta)).json.uploadId!;
    const damaged = Buffer.from(bytes);
    damaged[30 * KIB] = damaged[30 * KIB]! ^ 0xff;
    await putChunk(liaison, uploadId, 0, damaged.subarray(0, 25 * KIB));
    const last = await putChunk(liaison, uploadId, 25 * KIB, damaged.subarray(25 * KIB));
    expect(last.status).toBe(422);
    expect(last.json.error).toMatchObject({ code: 'checksum_mismatch', details: { offset: 0 } });
    expect((await status(liaison, uploadId)).json).toMatchObject({ offset: 0, complete: false });
    expect(await blobCount(server, sha256(damaged))).toBe(0);
    expect((await server.db.query('select 1 from attachments where id = $1', [meta.id])).rowCount).toBe(0);
    const { last: done } = await sendFrom(liaison, uploadId, bytes, 0, 25 * KIB);
    expect(done.json).toMatchObject({ complete: true });
  });

  it('the same file attached twice is stored once; it completes at once only for someone who can see it', async () => {
    const liaisonA = await server.login('liaisonA');
    const bytes = randomBytes(70 * KIB);
    const first = fileFor(caseA.id, bytes, { mimeType: 'image/png', fileName: 'kk.png' });
    expect(await uploadWhole(liaisonA, first, bytes)).toMatchObject({ complete: true });

    const second = fileFor(caseA2.id, bytes, { mimeType: 'image/png', fileName: 'kk-lagi.png' });
    const instant = await announce(liaisonA, second);
    expect(instant.status).toBe(201);
    expect(instant.json).toMatchObject({ offset: bytes.length, size: bytes.length, complete: true });
    expect(await blobCount(server, first.sha256)).toBe(1);
    expect(sha256((await download(liaisonA, second.id)).bytes)).toBe(first.sha256);

    // Another unit knows the checksum but not the bytes: it must send them, and they are still stored once.
    const liaisonB = await server.login('liaisonB');
    const third = fileFor(caseB.id, bytes, { mimeType: 'image/png' });
    const mustSend = await announce(liaisonB, third);
    expect(mustSend.json).toMatchObject({ offset: 0, complete: false });
    expect((await download(liaisonB, third.id)).status).toBe(404);
    await sendFrom(liaisonB, mustSend.json.uploadId!, bytes, 0, 64 * KIB);
    expect((await download(liaisonB, third.id)).status).toBe(200);
    expect(await blobCount(server, first.sha256)).toBe(1);
  });

  it('refuses oversize files, unsupported types, oversize chunks and malformed announcements', async () => {
    const liaison = await server.login('liaisonA');
    const tooBig = await announce(liaison, { ...fileFor(caseA.id, Buffer.from('x')), size: MAX_ATTACHMENT_BYTES + 1 });
    expect(tooBig.status).toBe(413);
    expect(tooBig.json.error?.code).toBe('too_large');
    const html = await announce(liaison, fileFor(caseA.id, Buffer.from('<html>'), { mimeType: 'text/html' as AttachmentMeta['mimeType'] }));
    expect(html.status).toBe(415);
    expect(html.json.error?.code).toBe('unsupported_type');
    const badSha = await announce(liaison, { ...fileFor(caseA.id, Buffer.from('x')), sha256: 'abc' });
    expect(badSha.status).toBe(400);
    expect(badSha.json.error?.code).toBe('invalid_body');
    const extra = await announce(liaison, { ...fileFor(caseA.id, Buffer.from('x')), createdBy: PEOPLE.admin.id });
    expect(extra.status).toBe(400);

    const bytes = randomBytes(2 * 1024 * KIB);
    const uploadId = (await announce(liaison, fileFor(caseA.id, bytes))).json.uploadId!;
    const hugeChunk = await putChunk(liaison, uploadId, 0, bytes.subarray(0, 1024 * KIB + 1));
    expect(hugeChunk.status).toBe(413);
    const notBytes = await call(liaison, 'PUT', `/attachments/uploads/${uploadId}?offset=0`, { body: { not: 'bytes' } });
    expect(notBytes.status).toBe(400);
    const badOffset = await call(liaison, 'PUT', `/attachments/uploads/${uploadId}?offset=-1`, { body: bytes.subarray(0, 10) });
    expect(badOffset.status).toBe(400);
    expect((await status(liaison, uploadId)).json.offset).toBe(0);
  });

  it('serves byte ranges (206), refuses unsatisfiable ones (416) and never gzips the bytes', async () => {
    const liaison = await server.login('liaisonA');
    const bytes = randomBytes(10 * KIB);
    const meta = fileFor(caseA.id, bytes, { mimeType: 'application/pdf', fileName: 'Berita acara kunjungan.pdf' });
    await uploadWhole(liaison, meta, bytes);

    const whole = await download(liaison, meta.id, { 'accept-encoding': 'gzip' });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-encoding')).toBeNull();
    expect(whole.headers.get('content-type')).toBe('application/pdf');
    expect(whole.headers.get('content-length')).toBe(String(bytes.length));
    expect(whole.headers.get('etag')).toBe(`"${meta.sha256}"`);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-disposition')).toContain("filename*=UTF-8''Berita%20acara%20kunjungan.pdf");
    expect(whole.bytes.equals(bytes)).toBe(true);

    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      ['bytes=1000-', 1000, bytes.length - 1],
      ['bytes=-50', bytes.length - 50, bytes.length - 1],
      ['bytes=10000-999999', 10000, bytes.length - 1],
    ];
    for (const [range, start, end] of cases) {
      const part = await download(liaison, meta.id, { range, 'accept-encoding': 'gzip' });
      expect(part.status, range).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes ${start}-${end}/${bytes.length}`);
      expect(part.headers.get('content-length')).toBe(String(end - start + 1));
      expect(part.bytes.equals(bytes.subarray(start, end + 1))).toBe(true);
    }

    for (const range of [`bytes=${bytes.length}-`, 'bytes=-0']) {
      const unsatisfiable = await download(liaison, meta.id, { range });
      expect(unsatisfiable.status, range).toBe(416);
      expect(unsatisfiable.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
    }
    expect((await download(liaison, meta.id, { range: 'bytes=0-1,5-9' })).status).toBe(200);
    expect((await download(liaison, meta.id, { range: 'bytes=9-2' })).status).toBe(200);
    expect((await download(liaison, meta.id, { range: 'bytes=0-9', 'if-range': '"old"' })).status).toBe(200);
    expect((await download(liaison, meta.id, { 'if-none-match': `"${meta.sha256}"` })).status).toBe(304);
    const head = await call(liaison, 'HEAD', `/attachments/${meta.id}/content`);
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(bytes.length));
    expect(head.bytes.length).toBe(0);
  });

  it('refuses other units, forged case ids, read-only roles and other people’s uploads', async () => {
    const field = await server.login('fieldA1');
    const bytes = randomBytes(5 * KIB);
    const meta = fileFor(caseA.id, bytes);
    const created = await announce(field, meta);
    const uploadId = created.json.uploadId!;

    const liaisonB = await server.login('liaisonB');
    expect((await announce(liaisonB, fileFor(caseA.id, bytes))).status).toBe(404);
    expect((await status(liaisonB, uploadId)).status).toBe(404);
    expect((await putChunk(liaisonB, uploadId, 0, bytes)).status).toBe(404);
    const forged = await announce(field, fileFor(uuidv7(), bytes));
    expect(forged.status).toBe(404);
    expect(forged.json.error?.code).toBe('not_found');
    const forgedReport = await announce(field, fileFor(caseA.id, bytes, { reportId: uuidv7() }));
    expect(forgedReport.status).toBe(404);

    const auditor = await server.login('auditor');
    const readOnly = await announce(auditor, fileFor(caseA.id, bytes));
    expect(readOnly.status).toBe(403);
    expect(readOnly.json.error?.code).toBe('read_only');
    expect((await announce(await server.login('headA'), fileFor(caseA.id, bytes))).json.error?.code).toBe('forbidden');

    // Someone of the same unit still cannot write into another person's upload.
    const liaisonA = await server.login('liaisonA');
    expect((await putChunk(liaisonA, uploadId, 0, bytes)).status).toBe(404);

    await sendFrom(field, uploadId, bytes, 0, 5 * KIB);
    expect((await download(liaisonB, meta.id)).status).toBe(404);
    expect((await download(await server.login('fieldB1'), meta.id)).status).toBe(404);
    // A case's own file is treated as the reporter's document: the auditor, who sees only the
    // reporter's name, does not get it; the liaison officer does.
    expect((await download(auditor, meta.id)).status).toBe(404);
    expect((await download(liaisonA, meta.id)).status).toBe(200);
    expect((await download(field, uuidv7())).status).toBe(404);
  });

  it('the reporter’s documents on a confidential case reach only those who may see the reporter, and whoever added them', async () => {
    const [secret] = (await server.insertCases([freshCase('in_follow_up', { isConfidential: true })])) as [CaseRecord];
    const liaison = await server.login('liaisonA');
    const field = await server.login('fieldA1');
    const auditor = await server.login('auditor');
    for (const session of [liaison, field, auditor]) await session.pullAll();
    const scanBytes = randomBytes(2 * KIB);
    const scan = fileFor(secret.id, scanBytes, { fileName: 'KK Siti Aminah.jpg' });
    await uploadWhole(liaison, scan, scanBytes);
    const photoBytes = randomBytes(2 * KIB);
    const photo = fileFor(secret.id, photoBytes, { fileName: 'rumah.jpg' });
    await uploadWhole(field, photo, photoBytes);
    const attachmentIds = (changes: PulledChange[]) => changes.flatMap((c) => (c.kind === 'attachment' ? [c.record.id] : []));

    expect(attachmentIds(await liaison.pullAll())).toEqual(expect.arrayContaining([scan.id, photo.id]));
    expect(attachmentIds(await field.pullAll())).toEqual([photo.id]);
    expect(attachmentIds(await auditor.pullAll())).toEqual([]);
    expect((await download(field, scan.id)).status).toBe(404);
    expect((await download(auditor, scan.id)).status).toBe(404);
    expect((await download(liaison, scan.id)).status).toBe(200);
    expect((await download(field, photo.id)).status).toBe(200);
    // Knowing the scan's checksum does not hand it over either: the bytes must be sent.
    expect((await announce(field, fileFor(secret.id, scanBytes))).json.complete).toBe(false);
    // The same case, open: field staff see the reporter, and so the document.
    const fresh = await server.login('fieldA1');
    await server.db.query(`update cases set data = jsonb_set(data, '{isConfidential}', 'false') where id = $1`, [secret.id]);
    expect(attachmentIds(await fresh.pullAll())).toEqual(expect.arrayContaining([scan.id, photo.id]));
  });

  it('a draft report’s edits and files reach only its author; once it is submitted, everyone in the case’s scope pulls them', async () => {
    const field = await server.login('fieldA1');
    const liaison = await server.login('liaisonA');
    const auditor = await server.login('auditor');
    for (const session of [field, liaison, auditor]) await session.pullAll();
    const reportId = uuidv7();
    await field.push([
      field.create('report', reportId, { caseId: caseA2.id, visitDate: '2026-11-04', method: 'home_visit', findings: 'Rumah kosong.', actionsTaken: 'Titip pesan.', outcome: 'resolved' }),
    ]);
    const edited = await field.push([field.update(reportId, { findings: 'Pelapor tidak di rumah; tetangga dititipi pesan.' }, { findings: 'Rumah kosong.' }, 1, 'report')]);
    expect(edited.results[0]).toMatchObject({ status: 'applied', version: 2 });
    const bytes = randomBytes(2 * KIB);
    const photo = fileFor(caseA2.id, bytes, { reportId, fileName: 'rumah tampak depan.jpg' });
    await uploadWhole(field, photo, bytes);
    const ofReport = (changes: PulledChange[]) =>
      changes.filter((c) => (c.kind === 'report' ? c.record.id === reportId : (c.kind === 'event' || c.kind === 'attachment') && c.record.reportId === reportId));
    const eventsOf = (changes: PulledChange[]) => ofReport(changes).flatMap((c) => (c.kind === 'event' ? [c.record] : []));

    const own = await field.pullAll();
    expect(eventsOf(own).map((e) => e.action).sort()).toEqual(['attachment_add', 'report_create', 'report_edit']);
    expect(ofReport(own).filter((c) => c.kind === 'attachment')).toHaveLength(1);
    for (const session of [liaison, auditor]) expect(ofReport(await session.pullAll())).toEqual([]);
    expect((await download(liaison, photo.id)).status).toBe(404);
    expect((await download(field, photo.id)).status).toBe(200);
    // Nor through the audit trail, nor by announcing the same bytes (knowing the checksum).
    const trailOf = async (session: Session) =>
      (await session.call<{ events: CaseEvent[] }>('GET', `/audit/cases/${caseA2.id}`)).body.events.filter((e) => e.reportId === reportId);
    const feedOf = async (session: Session) =>
      (await session.call<{ events: CaseEvent[] }>('GET', '/audit/events?after=0&limit=1000')).body.events.filter((e) => e.reportId === reportId);
    expect((await trailOf(field)).map((e) => e.action)).toEqual(['report_create', 'report_edit', 'attachment_add']);
    expect(await trailOf(liaison)).toEqual([]);
    expect(await feedOf(auditor)).toEqual([]);
    const copy = await announce(liaison, fileFor(caseA2.id, bytes));
    expect(copy.status).toBe(201);
    expect(copy.json.complete).toBe(false);

    const submitted = await field.push([field.action(reportId, 'submit', {}, 2, 'report')]);
    expect(submitted.results[0]).toMatchObject({ status: 'applied' });
    for (const session of [liaison, auditor]) {
      const changes = await session.pullAll();
      const events = eventsOf(changes);
      expect(events.map((e) => e.action).sort()).toEqual(['attachment_add', 'report_create', 'report_edit', 'report_submit']);
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
      expect(events.find((e) => e.action === 'report_edit')!.changes).toEqual([
        { field: 'findings', before: 'Rumah kosong.', after: 'Pelapor tidak di rumah; tetangga dititipi pesan.' },
      ]);
      expect(ofReport(changes).filter((c) => c.kind === 'attachment').map((c) => c.record.id)).toEqual([photo.id]);
      expect(ofReport(changes).filter((c) => c.kind === 'report')).toHaveLength(1);
    }
    expect((await download(liaison, photo.id)).status).toBe(200);
    // The trail tells the story in the order it happened, though the draft's entries were renumbered.
    expect((await trailOf(liaison)).map((e) => e.action)).toEqual(['report_create', 'report_edit', 'attachment_add', 'report_submit']);
    expect((await feedOf(auditor)).map((e) => e.action).sort()).toEqual(['attachment_add', 'report_create', 'report_edit', 'report_submit']);
    // Only an entry's place in the sync order may move, and only forward; what it says may not.
    const entry = eventsOf(own)[0]!;
    await expect(server.db.query('update case_events set change_seq = change_seq - 1 where id = $1', [entry.id])).rejects.toThrow(/append-only/);
    await expect(server.db.query(`update case_events set data = jsonb_set(data, '{note}', '"diubah"') where id = $1`, [entry.id])).rejects.toThrow(/append-only/);
    await expect(server.db.query('delete from case_events where id = $1', [entry.id])).rejects.toThrow(/append-only/);
  });

  it('a completed attachment reaches the pull of the uploader’s liaison officer, not other units', async () => {
    const liaisonA = await server.login('liaisonA');
    const liaisonB = await server.login('liaisonB');
    await liaisonA.pullAll();
    await liaisonB.pullAll();
    const field = await server.login('fieldA1');
    const bytes = randomBytes(3 * KIB);
    const meta = fileFor(caseA.id, bytes, { fileName: 'Siti Aminah - KTP.jpg' });
    await uploadWhole(field, meta, bytes);

    const changes = await liaisonA.pullAll();
    expect(changes).toContainEqual({
      kind: 'attachment',
      record: { ...meta, createdBy: PEOPLE.fieldA1.id, createdAt: expect.any(String) as string, isUploaded: true },
    });
    const event = changes
      .flatMap((c) => (c.kind === 'event' ? [c.record] : []))
      .find((e: CaseEvent) => e.action === 'attachment_add' && e.caseId === caseA.id && e.changes.some((change) => JSON.stringify(change.after).includes(meta.id)));
    expect(event).toMatchObject({ actorId: PEOPLE.fieldA1.id, deviceId: field.deviceId });
    // The file name may carry a reporter's name: it stays out of the audit trail.
    expect(JSON.stringify(event)).not.toContain('Siti');

    const other = await liaisonB.pullAll();
    expect(other.filter((c) => c.kind === 'attachment' && c.record.id === meta.id)).toEqual([]);
  });
});
