/**
 * The local store against the real central server (PGlite) over HTTP, with the sync done by
 * hand: `nextBatch` pushed with fetch to /sync/push and `acknowledge`d, pages from /sync/pull
 * fed to `applyPulledPage`. After each round the officer's store must equal what the server
 * shows that officer (checked against a fresh pull from scratch on another device).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  pullResponseSchema,
  pushResponseSchema,
  uuidv7,
  type AttachmentMeta,
  type CaseEvent,
  type CaseRecord,
  type ReportRecord,
} from '../../../src/shared';
import { performCaseAction, registerWalkInCase, updateCaseFields } from '../../../src/renderer/db/case-actions';
import { listConflicts, resolveConflict } from '../../../src/renderer/db/conflict-inbox';
import { getCase, listEventsOfCase, listReportsOfCase } from '../../../src/renderer/db/queries';
import { listRejected } from '../../../src/renderer/db/rejected-items';
import { createReport, performReportAction, saveDraft } from '../../../src/renderer/db/report-actions';
import { PEOPLE, UNITS, caseIn, type PersonKey } from '../../helpers/org-fixture';
import { startServer, type Session, type TestServer } from '../../helpers/server';
import { workstation, type Desk, type Workstation } from '../../unit/renderer/db/local-desk';

function freshCase(status: Parameters<typeof caseIn>[0], overrides: Partial<CaseRecord> = {}): CaseRecord {
  const id = uuidv7();
  return caseIn(status, { id, ticketId: `LAPOR-${id.slice(-12)}`, ...overrides });
}

interface Officer {
  desk: Desk;
  session: Session;
  push(): Promise<number>;
  pull(limit?: number): Promise<void>;
  sync(): Promise<void>;
}

async function signIn(server: TestServer, ws: Workstation, who: PersonKey): Promise<Officer> {
  const desk = await ws.signIn(who, { withDirectory: false });
  const session = await server.login(who, desk.store.deviceId);
  await desk.store.saveProfile(session.user);
  const directory = await session.call('GET', '/sync/directory');
  expect(directory.status).toBe(200);
  await desk.store.saveDirectorySnapshot(directory.body);
  const officer: Officer = {
    desk,
    session,
    async push() {
      let sent = 0;
      for (;;) {
        const batch = await desk.sync.nextBatch(3, 64 * 1024);
        if (batch.length === 0) return sent;
        const response = await session.call('POST', '/sync/push', { protocolVersion: 1, deviceId: desk.store.deviceId, mutations: batch.map((e) => e.mutation) });
        expect(response.status).toBe(200);
        await desk.sync.acknowledge(pushResponseSchema.parse(response.body).results);
        sent += batch.length;
      }
    },
    async pull(limit = 4) {
      for (;;) {
        const response = await session.call('POST', '/sync/pull', { protocolVersion: 1, cursor: await desk.sync.getCursor(), limit });
        expect(response.status).toBe(200);
        const page = pullResponseSchema.parse(response.body);
        if ('resetRequired' in page) {
          await desk.sync.resetReplica();
          continue;
        }
        await desk.sync.applyPulledPage(page.changes, page.cursor);
        if (!page.hasMore) return;
      }
    },
    async sync() {
      await officer.push();
      await officer.pull();
    },
  };
  return officer;
}

/** What the server shows this officer now: a pull from scratch on another device, folded. */
async function serverView(server: TestServer, who: PersonKey) {
  const fresh = await server.login(who);
  const cases = new Map<string, CaseRecord>();
  const reports = new Map<string, ReportRecord>();
  const events = new Map<string, CaseEvent>();
  const attachments = new Map<string, AttachmentMeta>();
  for (const change of await fresh.pullAll(3)) {
    if (change.kind === 'case') cases.set(change.record.id, change.record);
    else if (change.kind === 'report') reports.set(change.record.id, change.record);
    else if (change.kind === 'event') events.set(change.record.id, change.record);
    else if (change.kind === 'attachment') attachments.set(change.record.id, change.record);
    else cases.delete(change.id);
  }
  const byId = <T extends { id: string }>(list: Iterable<T>) => [...list].sort((a, b) => a.id.localeCompare(b.id));
  return {
    cases: byId(cases.values()),
    reports: byId([...reports.values()].filter((r) => cases.has(r.caseId))),
    events: byId([...events.values()].filter((e) => cases.has(e.caseId))),
  };
}

async function localView(officer: Officer) {
  const { store } = officer.desk;
  const ids = (await store.db.cases.toCollection().primaryKeys()).sort();
  const cases: CaseRecord[] = [];
  const reports: ReportRecord[] = [];
  const events: CaseEvent[] = [];
  for (const id of ids) {
    const local = await getCase(store, id);
    if (!local) continue;
    cases.push(local.record);
    reports.push(...(await listReportsOfCase(store, id)).map((r) => r.record));
    events.push(...(await listEventsOfCase(store, id)));
  }
  const byId = <T extends { id: string }>(list: T[]) => list.sort((a, b) => a.id.localeCompare(b.id));
  return { cases: byId(cases), reports: byId(reports), events: byId(events) };
}

async function expectStoreEqualsServer(server: TestServer, who: PersonKey, officer: Officer, options: { hasEvents?: boolean } = {}) {
  expect(await officer.desk.sync.summary()).toMatchObject({ pending: 0 });
  const local = await localView(officer);
  expect(local.cases.length).toBeGreaterThan(0);
  if (options.hasEvents !== false) expect(local.events.length).toBeGreaterThan(0);
  expect(local).toEqual(await serverView(server, who));
}

describe('the local store against the real server', () => {
  let server: TestServer;
  let ws: Workstation;
  const officers: Officer[] = [];

  beforeAll(async () => {
    server = await startServer('pglite');
    ws = workstation();
  });
  afterAll(async () => {
    for (const officer of officers) officer.desk.store.close();
    await server?.close();
  });

  it('admin: offline edits, a walk-in case and workflow steps reach the server once; the store then equals the server', async () => {
    const [received, inFollowUp] = await server.insertCases([freshCase('received'), freshCase('in_follow_up'), freshCase('distributed')]);
    const admin = await signIn(server, ws, 'admin');
    officers.push(admin);
    await admin.pull(2);
    await expectStoreEqualsServer(server, 'admin', admin, { hasEvents: false });

    await performCaseAction(admin.desk.store, received!.id, 'verify', { topic: 'bpnt', urgency: 'urgent' });
    await performCaseAction(admin.desk.store, received!.id, 'distribute', { unitId: UNITS.workA.id, regionalUnitIds: [UNITS.uptA1.id] });
    await updateCaseFields(admin.desk.store, inFollowUp!.id, { title: 'Bantuan PKH tahap 3 belum cair', description: 'Uraian diperbaiki admin.' });
    const walkIn = await registerWalkInCase(admin.desk.store, {
      kind: 'complaint',
      title: 'BPNT tidak diterima',
      description: 'Datang langsung dengan fotokopi KK.',
      reporter: { name: 'Wayan Sudarma', nik: '5171031204850002', phone: '0813 3700 1234', address: 'Denpasar' },
    });
    expect(await admin.push()).toBe(4);
    expect(await admin.push()).toBe(0);
    expect(await server.caseOnServer(received!.id)).toMatchObject({ status: 'distributed', topic: 'bpnt', urgency: 'urgent', version: 3 });
    expect(await server.caseOnServer(walkIn.record.id)).toMatchObject({ status: 'received', reporter: walkIn.record.reporter, ticketId: walkIn.record.ticketId });
    await admin.pull();
    await expectStoreEqualsServer(server, 'admin', admin);
  });

  it("field worker and liaison officer: a report's life, a conflict resolved with a new mutation, and convergence", async () => {
    const [record] = await server.insertCases([freshCase('in_follow_up')]);
    const field = await signIn(server, ws, 'fieldA1');
    const liaison = await signIn(server, ws, 'liaisonA');
    officers.push(field, liaison);
    await field.pull();
    await liaison.pull();

    const draft = await createReport(field.desk.store, record!.id, { findings: 'Rekening KKS belum aktif.' });
    await saveDraft(field.desk.store, draft.record.id, { visitDate: '2026-11-04', method: 'home_visit', actionsTaken: 'Pendampingan ke bank.', outcome: 'resolved' });
    await performReportAction(field.desk.store, draft.record.id, 'submit', {});
    await field.sync();
    await liaison.pull();
    await performReportAction(liaison.desk.store, draft.record.id, 'correct', { field: 'findings', value: 'Rekening KKS belum aktif sejak Agustus.', reason: 'Lebih tepat.' });
    // Meanwhile, offline, the field worker amends the same field of the submitted report.
    await saveDraft(field.desk.store, draft.record.id, { findings: 'Rekening belum aktif (revisi).' });
    await liaison.sync();
    await field.push();

    const [conflict] = await listConflicts(field.desk.store);
    expect(conflict).toMatchObject({ entity: 'report', entityId: draft.record.id, fields: [expect.objectContaining({ field: 'findings', mine: 'Rekening belum aktif (revisi).', theirs: 'Rekening KKS belum aktif sejak Agustus.', changedBy: PEOPLE.liaisonA.id })] });
    expect((await listReportsOfCase(field.desk.store, record!.id))[0]?.record.findings).toBe('Rekening KKS belum aktif sejak Agustus.');
    await field.pull();
    await expectStoreEqualsServer(server, 'fieldA1', field);

    const { mutation } = await resolveConflict(field.desk.store, conflict!.id, { findings: { value: 'Rekening KKS belum aktif sejak Agustus; sudah diaktifkan 5 Nov.' } });
    expect(mutation?.mutationId).not.toBe(conflict!.mutationId);
    await field.sync();
    await liaison.sync();
    for (const [who, officer] of [['fieldA1', field], ['liaisonA', liaison]] as const) await expectStoreEqualsServer(server, who, officer);
    const onServer = await server.db.query<{ data: ReportRecord }>('select data from reports where id = $1', [draft.record.id]);
    expect(onServer.rows[0]!.data).toMatchObject({ findings: 'Rekening KKS belum aktif sejak Agustus; sudah diaktifkan 5 Nov.', corrections: [expect.objectContaining({ reason: 'Lebih tepat.' })] });
  });

  it('a reassigned case leaves the old unit, but is kept while it holds unsent work, and goes once the work is answered', async () => {
    const [record, untouched] = await server.insertCases([freshCase('in_follow_up'), freshCase('in_follow_up')]);
    const liaison = await signIn(server, ws, 'liaisonB');
    const liaisonA = await signIn(server, ws, 'liaisonA');
    officers.push(liaison, liaisonA);
    await liaisonA.pull();
    await updateCaseFields(liaisonA.desk.store, record!.id, { urgency: 'urgent' });
    const admin = await server.login('admin');
    for (const target of [record!, untouched!]) {
      const moved = await admin.push([admin.action(target.id, 'reassign', { unitId: UNITS.workB.id, regionalUnitIds: [UNITS.uptB1.id], reason: 'Salah unit.' }, 1)]);
      expect(moved.results[0]).toMatchObject({ status: 'applied' });
    }
    await liaisonA.pull();
    expect(await getCase(liaisonA.desk.store, untouched!.id)).toBeUndefined();
    expect(await getCase(liaisonA.desk.store, record!.id)).toMatchObject({ hasUnsentWork: true, leftScopeAt: expect.any(String) });
    expect((await listConflicts(liaisonA.desk.store)).map((c) => [c.kind, c.entityId])).toContainEqual(['removed_from_scope', record!.id]);

    await liaisonA.push();
    expect((await listRejected(liaisonA.desk.store))[0]).toMatchObject({ code: 'not_found', mutation: { entityId: record!.id } });
    expect(await getCase(liaisonA.desk.store, record!.id)).toBeUndefined();
    await expectStoreEqualsServer(server, 'liaisonA', liaisonA);

    await liaison.pull();
    expect((await getCase(liaison.desk.store, record!.id))?.record).toMatchObject({ unitId: UNITS.workB.id, urgency: 'normal' });
    await expectStoreEqualsServer(server, 'liaisonB', liaison);
  });
});
