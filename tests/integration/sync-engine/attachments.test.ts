/**
 * Attachments through the engine, against the real server's resumable upload API (PGlite)
 * through the fault-injecting proxy: the text (the report) goes first and the file after; a
 * cut mid-chunk costs at most that chunk; a lost answer to a chunk costs nothing (the offset is
 * asked first); a file the server refuses for good is parked with the reason, not retried.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src/shared';
import { AttachmentUploader } from '../../../src/renderer/sync';
import { startServer, type TestServer } from '../../helpers/server';
import { MemoryAttachmentQueue } from '../../unit/renderer/sync/memory-attachment-queue';
import { STORE_KINDS, eventually, freshCases, openWorkstation, type Workstation } from './workstation';

const KIB = 1024;
const CHUNK = 64 * KIB;

describe.each(STORE_KINDS)('sync engine on the %s store: attachments', (storeKind) => {
  let server: TestServer;
  const open: Workstation[] = [];
  /** A captive portal in front of the server answering uploads with its own 404 page. */
  let portalAnswersUploads = false;

  beforeAll(async () => {
    server = await startServer('pglite', {
      routes: [
        (app) =>
          app.addHook('onRequest', async (request, reply) => {
            if (portalAnswersUploads && request.url.startsWith('/attachments/'))
              return reply.code(404).type('text/html').send('<html><body>Masuk ke Wi-Fi kantor</body></html>');
          }),
      ],
    });
  });
  afterEach(async () => {
    for (const station of open.splice(0)) await station.close();
  });
  afterAll(async () => {
    await server?.close();
  });

  async function fieldWorkerWithFile(
    size: number,
    mimeType: 'image/jpeg' | 'application/zip' = 'image/jpeg',
  ) {
    const [record] = await server.insertCases(freshCases(1));
    const queue = new MemoryAttachmentQueue();
    let uploader: AttachmentUploader | null = null;
    const office = await openWorkstation(server, 'fieldA1', {
      store: storeKind,
      attachments: (client) =>
        (uploader = new AttachmentUploader({
          client,
          queue,
          chunkBytes: CHUNK,
          minChunkBytes: CHUNK,
          maxChunkBytes: CHUNK,
        })),
    });
    open.push(office);
    const report = await office.desk.createReport(record!.id, { findings: 'Rumah penerima manfaat rusak.' });
    const bytes = new Uint8Array(randomBytes(size));
    const meta = queue.add(
      {
        id: uuidv7(),
        caseId: record!.id,
        reportId: report.entityId,
        fileName: 'foto rumah.jpg',
        mimeType: mimeType as 'image/jpeg',
      },
      bytes,
    );
    return { office, queue, uploader: uploader!, bytes, meta, caseId: record!.id, reportId: report.entityId };
  }

  async function storedBytes(sha256: string): Promise<Buffer | null> {
    const row = (
      await server.db.query<{ bytes: Uint8Array }>('select bytes from blobs where sha256 = $1', [sha256])
    ).rows[0];
    return row ? Buffer.from(row.bytes) : null;
  }

  it('sends the report first and the file after, in chunks, then pulls its metadata back', async () => {
    const { office, queue, uploader, bytes, meta, caseId, reportId } = await fieldWorkerWithFile(200 * KIB);
    expect(await office.engine.syncNow()).toMatchObject({ kind: 'synced', pushed: 1, uploaded: 1 });
    expect(queue.files.get(meta.id)).toMatchObject({ isUploaded: true, offset: bytes.length });
    expect(uploader.chunksSent).toBe(4);
    expect(await storedBytes(meta.sha256)).toEqual(Buffer.from(bytes));
    const events = await server.db.query<{ action: string; change_seq: string }>(
      "select data->>'action' as action, change_seq from case_events where data->>'reportId' = $1 order by change_seq",
      [reportId],
    );
    expect(events.rows.map((row) => row.action)).toEqual(['report_create', 'attachment_add']);
    await office.engine.syncNow();
    expect(await office.desk.attachmentsOf(caseId)).toEqual([
      expect.objectContaining({ id: meta.id, isUploaded: true, sha256: meta.sha256, reportId }),
    ]);
    expect(office.status.getState().sync.pendingAttachmentCount).toBe(0);
  });

  it('after a cut mid-chunk, asks the offset and sends at most that chunk again', async () => {
    const { office, queue, uploader, bytes, meta } = await fieldWorkerWithFile(600 * KIB);
    // The report and two and a half chunks get through; the third chunk is cut.
    office.proxy.setFaults({ resetAfterUpstreamBytes: 2 * CHUNK + 40 * KIB });
    expect(await office.engine.syncNow()).toMatchObject({ kind: 'failed', error: { code: 'network' } });
    expect(office.proxy.stats().resets).toBe(1);
    expect(queue.files.get(meta.id)).toMatchObject({ isUploaded: false, offset: 2 * CHUNK });
    await eventually(() => queue.files.get(meta.id)?.isUploaded === true, 10_000, 'upload finished');
    // Everything once, plus the chunk that was cut: no more.
    expect(uploader.bytesSent).toBeGreaterThan(bytes.length);
    expect(uploader.bytesSent).toBeLessThanOrEqual(bytes.length + CHUNK);
    expect(queue.reads.filter(([, start]) => start === 2 * CHUNK)).toHaveLength(2);
    expect(await storedBytes(meta.sha256)).toEqual(Buffer.from(bytes));
  });

  it('after a lost answer to a chunk, asks the offset and sends nothing twice', async () => {
    const { office, queue, uploader, bytes, meta } = await fieldWorkerWithFile(300 * KIB);
    office.proxy.setFaults({ dropResponses: 1, dropResponsesFor: '/attachments/uploads/' });
    expect(await office.engine.syncNow()).toMatchObject({ kind: 'failed', error: { code: 'network' } });
    await eventually(() => queue.files.get(meta.id)?.isUploaded === true, 10_000, 'upload finished');
    expect(office.proxy.stats().droppedResponses).toBe(1);
    expect(uploader.bytesSent).toBe(bytes.length);
    expect(
      createHash('sha256')
        .update((await storedBytes(meta.sha256))!)
        .digest('hex'),
    ).toBe(meta.sha256);
  });

  it('does not park a file on a portal’s 404 page: it waits, and goes once the server answers', async () => {
    // Up before the file exists: the engine's own sync after the local write must meet it too.
    portalAnswersUploads = true;
    try {
      const { office, queue, meta } = await fieldWorkerWithFile(10 * KIB);
      expect(await office.engine.syncNow()).toMatchObject({ kind: 'failed' });
      expect(queue.files.get(meta.id)?.failure ?? null).toBeNull();
      expect(await queue.pendingCount()).toBe(1);
      portalAnswersUploads = false;
      // The engine's own retry may get there first; either way the file goes up, never parked.
      await eventually(async () => (await office.engine.syncNow()).kind === 'synced' && (await queue.pendingCount()) === 0, 10_000, 'the file uploaded');
      expect(queue.files.get(meta.id)?.failure ?? null).toBeNull();
    } finally {
      portalAnswersUploads = false;
    }
  });

  it('parks a file the server refuses for good, with the reason, and carries on', async () => {
    const { office, queue, meta } = await fieldWorkerWithFile(10 * KIB, 'application/zip');
    expect(await office.engine.syncNow()).toMatchObject({ kind: 'synced', uploaded: 0 });
    expect(queue.files.get(meta.id)?.failure).toMatchObject({ code: 'unsupported_type' });
    expect(await queue.pendingCount()).toBe(0);
    expect(office.status.getState().sync).toMatchObject({ error: null, pendingAttachmentCount: 0 });
  });
});
