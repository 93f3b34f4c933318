/**
 * A full disk while syncing: the store refuses a write with QuotaExceededError. The outbox
 * stays intact, the officer sees a sentence they can act on (storage_full, Bahasa Indonesia
 * first), and once space is back the engine carries on without losing or doubling anything.
 * (A quota error during the officer's own write is the store's to test: tests/unit/renderer/db.)
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { quotaExceededError } from './desk';
import {
  STORE_KINDS,
  eventually,
  freshCases,
  openWorkstation,
  serverCounts,
  type Workstation,
} from './workstation';

describe.each(STORE_KINDS)('sync engine on the %s store: storage full', (storeKind) => {
  let server: TestServer;
  const open: Workstation[] = [];

  beforeAll(async () => {
    server = await startServer('pglite');
  });
  afterEach(async () => {
    for (const station of open.splice(0)) await station.close();
  });
  afterAll(async () => {
    await server?.close();
  });

  async function liaisonWithEdits(count: number) {
    const records = await server.insertCases(freshCases(count));
    const office = await openWorkstation(server, 'liaisonA', { store: storeKind });
    open.push(office);
    for (const record of records) await office.desk.updateCase(record.id, { urgency: 'urgent' });
    return { office, records };
  }

  it('quota exceeded while recording the server’s results: outbox intact, error shown, then sent once', async () => {
    const { office } = await liaisonWithEdits(12);
    const before = (await office.desk.pending()).map((entry) => entry.mutation);
    office.desk.sync.failNext.set('acknowledge', quotaExceededError());
    const failed = await office.engine.syncNow();
    expect(failed).toMatchObject({ kind: 'failed', error: { code: 'storage_full' } });
    expect((await office.desk.pending()).map((entry) => entry.mutation)).toEqual(before);
    const status = office.status.getState().sync;
    expect(status.error).toMatchObject({ code: 'storage_full' });
    expect(status.error?.message).toMatch(/Penyimpanan perangkat penuh/);
    expect(status.error?.messageEn).toMatch(/storage is full/);
    expect(status.pendingCount).toBe(12);

    await eventually(
      async () => (await office.desk.sync.summary()).pending === 0,
      5_000,
      'drained after the retry',
    );
    await office.engine.whenIdle();
    expect(office.status.getState().sync.error).toBeNull();
    expect(await serverCounts(server, office.session.deviceId)).toEqual({ mutations: 12, events: 12 });
  });

  it('quota exceeded while writing a pulled page: the cursor stays, the page comes again', async () => {
    const { office } = await liaisonWithEdits(0);
    const more = await server.insertCases(freshCases(5));
    const cursorBefore = await office.desk.sync.getCursor();
    office.desk.sync.failNext.set('applyPulledPage', quotaExceededError());
    expect(await office.engine.syncNow()).toMatchObject({ kind: 'failed', error: { code: 'storage_full' } });
    expect(await office.desk.sync.getCursor()).toBe(cursorBefore);
    await eventually(
      async () => (await Promise.all(more.map((record) => office.desk.getCase(record.id)))).every(Boolean),
      5_000,
      'page applied after the retry',
    );
  });
});
