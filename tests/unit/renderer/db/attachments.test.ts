/**
 * Attachments on the workstation: sealed at rest in pieces, read back chunk by chunk for the
 * engine's resumable upload, progress kept, and unsent files counted as unsent work.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AttachmentQueue } from '../../../../src/renderer/sync/attachment-uploader';
import { addAttachment, createAttachmentQueue, discardRefusedAttachment, readAttachmentBytes, retryAttachmentUpload } from '../../../../src/renderer/db/attachment-store';
import { ATTACHMENT_PIECE_BYTES } from '../../../../src/renderer/db/database';
import { getCase, listAttachmentsOfCase } from '../../../../src/renderer/db/queries';
import { caseIn } from '../../../helpers/org-fixture';
import { base64Forms, workstation, type Desk } from './local-desk';

const opened: Desk[] = [];
afterEach(() => {
  for (const desk of opened.splice(0)) desk.store.close();
});

const KK_TEXT = 'KARTU KELUARGA No. 3275011203150007 Kepala Keluarga: RATNA KUSUMAWARDANI';

function scannedFile(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 1) bytes[i] = (i * 31 + 7) % 251;
  const text = new TextEncoder().encode(KK_TEXT);
  if (size >= 1000 + text.length) bytes.set(text, 1000);
  return bytes;
}

describe('attachments', () => {
  it('are sealed at rest, file name included, and read back whole and chunk by chunk across pieces', async () => {
    const ws = workstation();
    const field = await ws.signIn('fieldA1');
    opened.push(field);
    const record = caseIn('in_follow_up');
    await field.receive([record]);
    const bytes = scannedFile(ATTACHMENT_PIECE_BYTES * 2 + 1234);
    const meta = await addAttachment(field.store, { caseId: record.id, fileName: 'KK_Ratna_Kusumawardani.jpg', mimeType: 'image/jpeg', bytes });
    expect(meta).toMatchObject({ size: bytes.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), isUploaded: false });

    const raw = await ws.rawText('fieldA1');
    for (const secret of [KK_TEXT, 'Ratna_Kusumawardani', '3275011203150007']) {
      expect(raw).not.toContain(secret);
      for (const form of base64Forms(secret)) expect(raw).not.toContain(form);
    }
    expect(await readAttachmentBytes(field.store, meta.id)).toEqual(bytes);
    expect((await listAttachmentsOfCase(field.store, record.id))[0]).toEqual({ ...meta, uploadFailure: null });

    const queue: AttachmentQueue = createAttachmentQueue(field.store);
    const start = ATTACHMENT_PIECE_BYTES - 100;
    expect(await queue.readChunk(meta.id, start, start + ATTACHMENT_PIECE_BYTES + 200)).toEqual(bytes.slice(start, start + ATTACHMENT_PIECE_BYTES + 200));
    expect(await queue.readChunk(meta.id, bytes.length - 10, bytes.length)).toEqual(bytes.slice(-10));
    await expect(queue.readChunk(meta.id, 0, bytes.length + 1)).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('wait in the upload queue with their progress until uploaded or refused for good', async () => {
    const field = await workstation().signIn('fieldA1');
    opened.push(field);
    const record = caseIn('in_follow_up');
    await field.receive([record]);
    const queue: AttachmentQueue = createAttachmentQueue(field.store);
    const photo = await addAttachment(field.store, { caseId: record.id, fileName: 'rumah.png', mimeType: 'image/png', bytes: scannedFile(5000) });
    const pdf = await addAttachment(field.store, { caseId: record.id, fileName: 'surat.pdf', mimeType: 'application/pdf', bytes: scannedFile(700) });
    expect(await queue.pendingCount()).toBe(2);
    await queue.recordProgress(photo.id, { uploadId: 'up-1', offset: 4096 });
    expect((await queue.listPending())[0]).toEqual({
      meta: { id: photo.id, caseId: record.id, reportId: null, fileName: 'rumah.png', mimeType: 'image/png', size: 5000, sha256: photo.sha256 },
      uploadId: 'up-1',
      offset: 4096,
    });
    await queue.markUploaded(photo.id);
    await queue.markFailed(pdf.id, { code: 'unsupported_type', message: 'Jenis berkas tidak didukung.' });
    expect(await queue.pendingCount()).toBe(0);
    expect(await readAttachmentBytes(field.store, photo.id)).toHaveLength(5000);
    // The refused file is still unsent work: a removal keeps the case and says so.
    expect(await field.sync.applyPulledPage([{ kind: 'removal', entity: 'case', id: record.id }], '70')).toMatchObject({ keptForUnsentWork: 1 });
    // The desk shows the server's reason; sending again puts the file back in the queue.
    expect((await listAttachmentsOfCase(field.store, record.id)).find((a) => a.id === pdf.id)).toMatchObject({
      isUploaded: false,
      uploadFailure: { code: 'unsupported_type', message: 'Jenis berkas tidak didukung.' },
    });
    await retryAttachmentUpload(field.store, pdf.id);
    expect((await queue.listPending()).map((p) => p.meta.id)).toEqual([pdf.id]);
    await expect(retryAttachmentUpload(field.store, photo.id)).rejects.toMatchObject({ code: 'not_found' });
    // Once it is uploaded, nothing holds the case any more: it goes, as the removal said.
    await queue.markUploaded(pdf.id);
    expect(await getCase(field.store, record.id)).toBeUndefined();
    expect(await field.store.db.attachments.count()).toBe(0);
  });

  it('a refused file can be removed from the workstation; a case kept only for it goes with it', async () => {
    const field = await workstation().signIn('fieldA1');
    opened.push(field);
    const record = caseIn('in_follow_up');
    await field.receive([record]);
    const queue = createAttachmentQueue(field.store);
    const refused = await addAttachment(field.store, { caseId: record.id, fileName: 'ktp.png', mimeType: 'image/png', bytes: scannedFile(900) });
    const waiting = await addAttachment(field.store, { caseId: record.id, fileName: 'rumah.png', mimeType: 'image/png', bytes: scannedFile(800) });
    await expect(discardRefusedAttachment(field.store, waiting.id)).rejects.toMatchObject({ code: 'not_found' });
    await queue.markFailed(refused.id, { code: 'not_found', message: 'Kasus tidak ditemukan atau di luar wewenang Anda.' });
    expect(await field.sync.applyPulledPage([{ kind: 'removal', entity: 'case', id: record.id }], '75')).toMatchObject({ keptForUnsentWork: 1 });
    await discardRefusedAttachment(field.store, refused.id);
    expect(await readAttachmentBytes(field.store, refused.id)).toBeNull();
    // The other file still waits: the case stays for it.
    expect(await getCase(field.store, record.id)).toBeDefined();
    await queue.markUploaded(waiting.id);
    expect(await getCase(field.store, record.id)).toBeUndefined();
  });

  it('a pulled metadata row keeps the local bytes and progress', async () => {
    const field = await workstation().signIn('fieldA1');
    opened.push(field);
    const record = caseIn('in_follow_up');
    await field.receive([record]);
    const meta = await addAttachment(field.store, { caseId: record.id, fileName: 'rumah.png', mimeType: 'image/png', bytes: scannedFile(3000) });
    await createAttachmentQueue(field.store).markUploaded(meta.id);
    await field.sync.applyPulledPage([{ kind: 'attachment', record: { ...meta, isUploaded: true } }], '80');
    expect(await readAttachmentBytes(field.store, meta.id)).toHaveLength(3000);
    expect((await listAttachmentsOfCase(field.store, record.id))[0]?.isUploaded).toBe(true);
  });

  it('refuses unknown types, the unit head and the auditor, and cases not on this workstation', async () => {
    const field = await workstation().signIn('fieldA1');
    opened.push(field);
    const record = caseIn('in_follow_up');
    await field.receive([record]);
    await expect(addAttachment(field.store, { caseId: record.id, fileName: 'x.exe', mimeType: 'application/x-msdownload', bytes: scannedFile(10) })).rejects.toMatchObject({ code: 'invalid_body' });
    await expect(addAttachment(field.store, { caseId: caseIn('in_follow_up').id, fileName: 'a.png', mimeType: 'image/png', bytes: scannedFile(10) })).rejects.toMatchObject({ code: 'not_found' });
    const head = await workstation().signIn('headA');
    opened.push(head);
    await head.receive([record]);
    await expect(addAttachment(head.store, { caseId: record.id, fileName: 'a.png', mimeType: 'image/png', bytes: scannedFile(10) })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await field.store.db.attachments.count()).toBe(0);
  });
});
