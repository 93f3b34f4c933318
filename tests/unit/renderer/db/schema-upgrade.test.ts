/**
 * Schema versions are append-only, and an upgrade moves data correctly: a database written by
 * version 1 (no queue or search keys on cases) opens under the current code, which derives
 * the keys from the plaintext fields, without the password and without touching sealed data
 * or the outbox (version 2), indexes the derived deadlines (version 3) and drops the indexes
 * nothing queries (version 4).
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { caseIn, PEOPLE } from '../../../helpers/org-fixture';
import { caseQueueKeys } from '../../../../src/renderer/db/case-queue-keys';
import { databaseNameFor, META, SCHEMA_V1, type CaseRow, type OutboxRow } from '../../../../src/renderer/db/database';
import { createUserKeys } from '../../../../src/renderer/db/encryption';
import { draftMutation } from '../../../../src/renderer/db/outbox';
import { getCase, queryCaseQueue, searchCases } from '../../../../src/renderer/db/queries';
import { sealCaseRow } from '../../../../src/renderer/db/record-rows';
import { LocalSyncStore } from '../../../../src/renderer/db/sync-store';
import { CHEAP_KDF, fixtureDirectory, passwordOf, workstation } from './local-desk';

type CaseRowV1 = Omit<CaseRow, 'ticketKey' | 'titleWords' | 'dueAt' | 'queueKey'>;

async function writeVersion1Database(ws: ReturnType<typeof workstation>, options: { withDirectory: boolean }) {
  const { wrapped, keys } = await createUserKeys(passwordOf('liaisonA'), CHEAP_KDF);
  const directory = fixtureDirectory();
  const normal = caseIn('in_follow_up', { ticketId: 'LAPOR-2026-0001', title: 'Bantuan PKH belum cair', distributedAt: '2026-11-03T02:00:00.000Z' });
  const urgent = caseIn('in_follow_up', { ticketId: 'LAPOR-2026-0002', title: 'Korban banjir belum dapat logistik', urgency: 'urgent', distributedAt: '2026-11-05T02:00:00.000Z' });
  const rows: CaseRowV1[] = [];
  for (const record of [normal, urgent]) {
    const { ticketKey: _t, titleWords: _w, dueAt: _d, queueKey: _q, ...v1 } = await sealCaseRow({ keys, directory: null }, record, { serverValues: {}, isOnServer: true, hasRejectedChange: false });
    rows.push(v1);
  }
  const draft = await draftMutation(keys, { entity: 'case', entityId: normal.id, op: 'update', baseVersion: 1, fields: { urgency: 'urgent' }, baseValues: { urgency: 'normal' } }, { caseId: normal.id, touched: ['urgency'] });
  const outboxRow: OutboxRow = { seq: 1, mutationId: draft.mutation.mutationId, entity: 'case', entityId: normal.id, caseId: normal.id, op: 'update', action: null, touched: ['urgency'], bytes: 300, createdAt: Date.now(), attempts: 2, sealed: draft.sealed };

  const v1 = new Dexie(databaseNameFor(PEOPLE.liaisonA.id), ws.dexieOptions);
  v1.version(1).stores(SCHEMA_V1);
  await v1.open();
  await v1.table('cases').bulkAdd(rows);
  await v1.table('outbox').add(outboxRow);
  await v1.table('meta').bulkAdd([
    { key: META.keys, value: wrapped },
    { key: META.deviceId, value: 'ws-liaison-upgrade' },
    { key: META.nextSeq, value: 2 },
    ...(options.withDirectory ? [{ key: META.directory, value: directory }] : []),
  ]);
  v1.close();
  return { normal, urgent, directory, draft };
}

describe('schema upgrade v1 → latest', () => {
  it('derives the queue and search keys for existing cases and keeps sealed data and the outbox', async () => {
    const ws = workstation();
    const { normal, urgent, directory, draft } = await writeVersion1Database(ws, { withDirectory: true });

    const store = await ws.open('liaisonA');
    try {
      expect(store.db.verno).toBe(4);
      const native = store.db.backendDB().transaction('cases').objectStore('cases');
      expect([...native.indexNames].sort()).toEqual(
        ['unitId', 'nikHash', 'phoneHash', 'ticketKey', 'titleWords', 'queueKey', '[status+queueKey]', 'dueAt'].sort(),
      );
      expect(native.index('titleWords').multiEntry).toBe(true);
      // Version 3's dueAt index is built from the upgraded rows.
      expect(await store.db.cases.where('dueAt').above('').count()).toBe(2);
      expect(store.deviceId).toBe('ws-liaison-upgrade');
      const rows = await store.db.cases.toArray();
      for (const record of [normal, urgent]) {
        const row = rows.find((r) => r.id === record.id)!;
        expect(row).toMatchObject(caseQueueKeys(record, directory));
        expect(row.dueAt).toEqual(expect.stringMatching(/^2026-11-\d\dT16:59:59.999Z$/));
      }
      expect((await getCase(store, normal.id))?.record).toEqual(normal);
      expect((await searchCases(store, 'lapor-2026-000')).map((c) => c.id).sort()).toEqual([normal.id, urgent.id].sort());
      expect((await searchCases(store, 'banj')).map((c) => c.id)).toEqual([urgent.id]);
      expect((await queryCaseQueue(store, { statuses: ['in_follow_up'] })).map((c) => c.id)).toEqual([urgent.id, normal.id]);
      const [entry] = await new LocalSyncStore(store).nextBatch(10, 1e9);
      expect(entry).toMatchObject({ attempts: 2, mutation: { ...draft.mutation, seq: 1 } });
    } finally {
      store.close();
    }
  });

  it('without a synced directory the keys still sort (urgent first), and deadlines follow once it arrives', async () => {
    const ws = workstation();
    const { normal, urgent } = await writeVersion1Database(ws, { withDirectory: false });
    const store = await ws.open('liaisonA');
    try {
      expect((await store.db.cases.get(normal.id))?.dueAt).toBeNull();
      expect((await queryCaseQueue(store)).map((c) => c.id)).toEqual([urgent.id, normal.id]);
      await store.saveDirectorySnapshot(fixtureDirectory());
      expect((await store.db.cases.get(normal.id))?.dueAt).toEqual(expect.any(String));
    } finally {
      store.close();
    }
  });
});
