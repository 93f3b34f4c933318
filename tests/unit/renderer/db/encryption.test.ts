/**
 * Encryption at rest: what the store writes does not contain the reporter's personal data or
 * the free text in any readable or base64 form; it opens back exactly; a wrong password opens
 * and changes nothing; tampered or moved ciphertext does not open.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type CaseRecord } from '../../../../src/shared';
import { type CaseRow } from '../../../../src/renderer/db/database';
import { LocalStoreError } from '../../../../src/renderer/db/errors';
import { performCaseAction, registerWalkInCase, updateCaseFields } from '../../../../src/renderer/db/case-actions';
import { findCasesByIdentity, getCase, listEventsOfCase } from '../../../../src/renderer/db/queries';
import { caseIn, PEOPLE, UNITS } from '../../../helpers/org-fixture';
import { base64Forms, passwordOf, withRawDatabase, workstation, type Desk } from './local-desk';

const SECRET = {
  nik: '3275014507880003',
  kk: '3275011203150007',
  phone: '+6281398765432',
  name: 'Ratna Kusumawardani',
  address: 'Jl. Cempaka Putih Tengah 17, Jakarta',
  description: 'Ibu Ratna Kusumawardani (NIK 3275014507880003) tidak menerima BPNT sejak Maret.',
};

const SEARCHED = [SECRET.nik, SECRET.kk, SECRET.phone, SECRET.phone.slice(3), SECRET.name, SECRET.address, SECRET.description, 'Kusumawardani'];

function caseWithSecrets(): CaseRecord {
  return caseIn('distributed', {
    reporter: { name: SECRET.name, nik: SECRET.nik, kk: SECRET.kk, phone: SECRET.phone, address: SECRET.address },
    description: SECRET.description,
    resolutionNote: null,
  });
}

const opened: Desk[] = [];
afterEach(() => {
  for (const desk of opened.splice(0)) desk.store.close();
});

describe('encryption at rest', () => {
  it('stores no personal data or free text in readable or base64 form, and opens it back exactly', async () => {
    const ws = workstation();
    const admin = await ws.signIn('admin');
    opened.push(admin);
    // Through every path that writes: a pull, an event, a local edit, a walk-in create.
    const record = caseWithSecrets();
    await admin.receive([
      record,
      { id: '00000000-0000-4000-8000-00000000e001', caseId: record.id, reportId: null, actorId: PEOPLE.admin.id, deviceId: null, action: 'update', at: record.updatedAt, changes: [{ field: 'description', before: 'x', after: SECRET.description }], note: SECRET.name },
    ]);
    await updateCaseFields(admin.store, record.id, { description: `${SECRET.description} Dicek ulang.` });
    const walkIn = await registerWalkInCase(admin.store, {
      kind: 'complaint',
      title: 'Bansos tidak diterima',
      description: SECRET.description,
      reporter: { name: SECRET.name, nik: SECRET.nik, kk: SECRET.kk, phone: '0813-9876-5432', address: SECRET.address },
    });

    const raw = await ws.rawText('admin');
    for (const secret of SEARCHED) {
      expect(raw).not.toContain(secret);
      for (const form of base64Forms(secret)) expect(raw).not.toContain(form);
    }
    // The plaintext that must stay queryable is there.
    expect(raw).toContain(record.ticketId);
    expect(raw).toContain(record.title);

    const back = await getCase(admin.store, record.id);
    expect(back?.record.reporter).toEqual(record.reporter);
    expect(back?.record.description).toBe(`${SECRET.description} Dicek ulang.`);
    expect((await getCase(admin.store, walkIn.record.id))?.record.reporter).toEqual({ ...record.reporter });
    expect((await listEventsOfCase(admin.store, record.id))[0]).toMatchObject({ note: SECRET.name, changes: [{ after: SECRET.description }] });
    const outbox = await admin.sync.nextBatch(10, 1e9);
    expect(outbox.map((e) => e.mutation.fields)).toEqual([
      { description: `${SECRET.description} Dicek ulang.` },
      expect.objectContaining({ reporter: record.reporter, description: SECRET.description }),
    ]);
  });

  it('finds a reporter by NIK or phone through the keyed hash, not by the number', async () => {
    const ws = workstation();
    const admin = await ws.signIn('admin');
    opened.push(admin);
    const record = caseWithSecrets();
    await admin.receive([record, caseIn('received')]);
    expect((await findCasesByIdentity(admin.store, { nik: SECRET.nik })).map((c) => c.id)).toEqual([record.id]);
    expect((await findCasesByIdentity(admin.store, { phone: '0813 9876 5432' })).map((c) => c.id)).toEqual([record.id]);
    expect(await findCasesByIdentity(admin.store, { nik: '3174015208900009' })).toEqual([]);
    const row = await withRawDatabase(ws, 'admin', (db) => db.table<CaseRow, string>('cases').get(record.id));
    expect(row?.nikHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Another user's hash key gives another hash: hashes are not comparable across users.
    const liaison = await ws.signIn('liaisonA');
    opened.push(liaison);
    await liaison.receive([record]);
    const other = await withRawDatabase(ws, 'liaisonA', (db) => db.table<CaseRow, string>('cases').get(record.id));
    expect(other?.nikHash).not.toBe(row?.nikHash);
  });

  it('a wrong password fails with wrong_password and reads or changes nothing', async () => {
    const ws = workstation();
    const liaison = await ws.signIn('liaisonA');
    await liaison.receive([caseWithSecrets()]);
    liaison.store.close();
    const before = await ws.rawText('liaisonA');
    const failure = await ws.open('liaisonA', 'bukan-sandinya').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LocalStoreError);
    expect(failure).toMatchObject({ code: 'wrong_password', message: expect.stringContaining('Kata sandi salah') });
    expect(await ws.rawText('liaisonA')).toBe(before);
    const again = await ws.open('liaisonA');
    expect(await again.db.cases.count()).toBe(1);
    again.close();
  });

  it('changing the password rewraps the keys: the old one stops working, the data stays readable', async () => {
    const ws = workstation();
    const liaison = await ws.signIn('liaisonA');
    const record = caseWithSecrets();
    await liaison.receive([record]);
    await expect(liaison.store.changePasswordWrap('salah', 'baru-2026')).rejects.toMatchObject({ code: 'wrong_password' });
    await liaison.store.changePasswordWrap(passwordOf('liaisonA'), 'sandi-baru-2026');
    liaison.store.close();
    await expect(ws.open('liaisonA')).rejects.toMatchObject({ code: 'wrong_password' });
    const reopened = await ws.open('liaisonA', 'sandi-baru-2026');
    expect((await getCase(reopened, record.id))?.record.reporter.nik).toBe(SECRET.nik);
    reopened.close();
  });

  describe('tampering', () => {
    async function twoCases() {
      const ws = workstation();
      const liaison = await ws.signIn('liaisonA');
      opened.push(liaison);
      const a = caseWithSecrets();
      const b = caseIn('distributed');
      await liaison.receive([a, b]);
      return { ws, liaison, a, b };
    }

    it('a flipped ciphertext byte does not open', async () => {
      const { ws, liaison, a } = await twoCases();
      await withRawDatabase(ws, 'liaisonA', async (db) => {
        const table = db.table<CaseRow, string>('cases');
        const row = (await table.get(a.id))!;
        const ct = new Uint8Array(row.sealed.ct);
        ct[5] = ct[5]! ^ 0x01;
        await table.put({ ...row, sealed: { ...row.sealed, ct } });
      });
      await expect(getCase(liaison.store, a.id)).rejects.toMatchObject({ code: 'decrypt_failed' });
    });

    it('ciphertext moved to another record, or to another version, does not open', async () => {
      const { ws, liaison, a, b } = await twoCases();
      await withRawDatabase(ws, 'liaisonA', async (db) => {
        const table = db.table<CaseRow, string>('cases');
        const rowA = (await table.get(a.id))!;
        const rowB = (await table.get(b.id))!;
        await table.put({ ...rowB, sealed: rowA.sealed });
        await table.put({ ...rowA, sealed: { ...rowA.sealed, v: rowA.sealed.v + 1 } });
      });
      await expect(getCase(liaison.store, b.id)).rejects.toMatchObject({ code: 'decrypt_failed' });
      await expect(getCase(liaison.store, a.id)).rejects.toMatchObject({ code: 'decrypt_failed' });
    });

    it('a fresh IV on every write, even of the same values', async () => {
      const { ws, liaison, b } = await twoCases();
      const first = await withRawDatabase(ws, 'liaisonA', async (db) => (await db.table<CaseRow, string>('cases').get(b.id))!.sealed);
      await performCaseAction(liaison.store, b.id, 'accept', {}, {});
      await liaison.receive([{ ...b, status: 'distributed' }]);
      const second = await withRawDatabase(ws, 'liaisonA', async (db) => (await db.table<CaseRow, string>('cases').get(b.id))!.sealed);
      expect(Buffer.from(second.iv).equals(Buffer.from(first.iv))).toBe(false);
      expect(UNITS.workA.id).toBeTruthy();
    });
  });
});
