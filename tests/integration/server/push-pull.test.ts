/**
 * Push and pull against the real server over HTTP, on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, uuidv7, type CaseRecord, type MutationResult, type PulledChange, type PushResponse } from '../../../src/shared';
import { pruneRemovals } from '../../../src/server/sync/maintenance';
import { PEOPLE, UNITS, caseIn } from '../../helpers/org-fixture';
import { startServer, storesToTest, type TestServer } from '../../helpers/server';

const stores = await storesToTest();

function freshCase(status: Parameters<typeof caseIn>[0], overrides: Partial<CaseRecord> = {}): CaseRecord {
  const id = uuidv7();
  return caseIn(status, { id, ticketId: `LAPOR-${id.slice(-12)}`, ...overrides });
}

const caseIds = (changes: PulledChange[]) => changes.filter((c) => c.kind === 'case').map((c) => (c as { record: CaseRecord }).record.id);

describe.each(stores)('push and pull on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(kind, { settings: { predecessorWaitMs: 1_500 } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('applies a workflow step and records it in the audit trail', async () => {
    const [record] = await server.insertCases([freshCase('distributed')]);
    const liaison = await server.login('liaisonA');
    const response = await liaison.push([liaison.action(record!.id, 'accept', {}, 1)]);
    expect(response.results).toMatchObject([{ status: 'applied', version: 2, error: null }]);
    expect((await server.caseOnServer(record!.id))?.status).toBe('in_follow_up');
    const events = await server.db.query<{ data: { action: string; actorId: string; deviceId: string } }>('select data from case_events where case_id = $1', [record!.id]);
    expect(events.rows.map((r) => r.data)).toEqual([expect.objectContaining({ action: 'accept', actorId: PEOPLE.liaisonA.id, deviceId: liaison.deviceId })]);
  });

  it('a replayed batch, and one sent out of order, take effect exactly once', async () => {
    const [a, b] = await server.insertCases([freshCase('in_follow_up'), freshCase('in_follow_up')]);
    const liaison = await server.login('liaisonA');
    const batch1 = [liaison.update(a!.id, { urgency: 'urgent' }, { urgency: 'normal' }, 1)];
    const batch2 = [liaison.update(b!.id, { urgency: 'urgent' }, { urgency: 'normal' }, 1)];
    const second = await liaison.push(batch2);
    const first = await liaison.push(batch1);
    const replay1 = await liaison.push(batch1);
    const replay2 = await liaison.push(batch2);
    expect(replay1).toMatchObject({ results: first.results });
    expect(replay2).toMatchObject({ results: second.results });
    for (const id of [a!.id, b!.id]) {
      expect((await server.caseOnServer(id))?.version).toBe(2);
      const events = await server.db.query('select 1 from case_events where case_id = $1', [id]);
      expect(events.rowCount).toBe(1);
    }
  });

  it('a pipelined batch waits for the batch before it; one whose predecessor never comes is refused and changes nothing', async () => {
    const [record] = await server.insertCases([freshCase('in_follow_up')]);
    const liaison = await server.login('liaisonA');
    const first = liaison.update(record!.id, { urgency: 'urgent' }, { urgency: 'normal' }, 1);
    // Based on the first batch's result: applied before it, it would be a stale edit.
    const second = liaison.update(record!.id, { urgency: 'normal' }, { urgency: 'urgent' }, 2);
    const body = (mutations: unknown[], after?: number) => ({ protocolVersion: PROTOCOL_VERSION, deviceId: liaison.deviceId, mutations, ...(after === undefined ? {} : { after }) });

    // The second batch overtakes the first on the way: the server holds it until the first committed.
    const secondAnswer = liaison.call<PushResponse>('POST', '/sync/push', body([second], first.seq));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await server.caseOnServer(record!.id))?.version).toBe(1);
    const firstAnswer = await liaison.call<PushResponse>('POST', '/sync/push', body([first]));
    const later = await secondAnswer;
    expect(firstAnswer.body.results).toMatchObject([{ status: 'applied', version: 2 }]);
    expect(later.status).toBe(200);
    expect(later.body.results).toMatchObject([{ status: 'applied', version: 3 }]);
    expect(await server.caseOnServer(record!.id)).toMatchObject({ urgency: 'normal', version: 3 });

    // A batch naming a predecessor that never arrives (lost, refused whole): 409, nothing applied.
    const orphan = liaison.update(record!.id, { urgency: 'urgent' }, { urgency: 'normal' }, 3);
    const refused = await liaison.call<{ error: { code: string } }>('POST', '/sync/push', body([orphan], orphan.seq + 5));
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('predecessor_missing');
    expect((await server.caseOnServer(record!.id))?.version).toBe(3);
    expect((await server.db.query('select 1 from mutations where mutation_id = $1', [orphan.mutationId])).rowCount).toBe(0);

    // A device holds at most two batches waiting; a third is refused at once instead of polling.
    const started = Date.now();
    const waits = [1, 2, 3].map((n) => liaison.call<{ error: { code: string } }>('POST', '/sync/push', body([liaison.update(record!.id, { urgency: 'normal' }, { urgency: 'urgent' }, 3)], orphan.seq + 100 * n)).then((answer) => ({ answer, ms: Date.now() - started })));
    const answered = await Promise.all(waits);
    expect(answered.map((a) => a.answer.status)).toEqual([409, 409, 409]);
    // Two waited out the whole wait (1,500 ms); the third was answered before either of them.
    const byTime = [...answered].sort((a, b) => a.ms - b.ms);
    expect(byTime.slice(1).every((a) => a.ms >= 1_500)).toBe(true);
    expect(byTime[0]!.ms).toBeLessThan(byTime[1]!.ms);
    expect((await server.caseOnServer(record!.id))?.version).toBe(3);
  });

  it('a waiting batch is woken when its predecessor commits in this process, not at its next poll', async () => {
    // Polling alone would look again only after 10 s.
    const slowPoll = await startServer(kind, { settings: { predecessorWaitMs: 20_000, predecessorPollMs: 10_000 } });
    try {
      const [record] = await slowPoll.insertCases([freshCase('in_follow_up')]);
      const liaison = await slowPoll.login('liaisonA');
      const first = liaison.update(record!.id, { urgency: 'urgent' }, { urgency: 'normal' }, 1);
      const second = liaison.update(record!.id, { urgency: 'normal' }, { urgency: 'urgent' }, 2);
      const body = (mutations: unknown[], after?: number) => ({ protocolVersion: PROTOCOL_VERSION, deviceId: liaison.deviceId, mutations, ...(after === undefined ? {} : { after }) });
      const secondAnswer = liaison.call<PushResponse>('POST', '/sync/push', body([second], first.seq)).then((answer) => ({ answer, at: Date.now() }));
      await new Promise((resolve) => setTimeout(resolve, 300));
      await liaison.call<PushResponse>('POST', '/sync/push', body([first]));
      const firstDoneAt = Date.now();
      const { answer, at } = await secondAnswer;
      expect(answer.body.results).toMatchObject([{ status: 'applied', version: 3 }]);
      expect(at - firstDoneAt).toBeLessThan(3_000);
    } finally {
      await slowPoll.close();
    }
  });

  it('a lost response: the server committed, the client retries, one effect', async () => {
    const [record] = await server.insertCases([freshCase('distributed')]);
    const liaison = await server.login('liaisonA');
    const mutation = liaison.action(record!.id, 'accept', {}, 1);
    // The first push commits but its response "never arrives": the client sends it again.
    await liaison.push([mutation]);
    const retry = await liaison.push([mutation]);
    expect(retry.results[0]).toMatchObject({ status: 'applied', version: 2 });
    expect((await server.caseOnServer(record!.id))?.version).toBe(2);
  });

  it('the same mutation id with another payload is refused and changes nothing', async () => {
    const [record] = await server.insertCases([freshCase('in_follow_up')]);
    const liaison = await server.login('liaisonA');
    const mutation = liaison.update(record!.id, { urgency: 'urgent' }, { urgency: 'normal' }, 1);
    await liaison.push([mutation]);
    const forged = await liaison.push([{ ...mutation, fields: { urgency: 'normal' } }]);
    expect(forged.results[0]).toMatchObject({ status: 'rejected', error: { code: 'idempotency_mismatch' } });
    expect((await server.caseOnServer(record!.id))?.urgency).toBe('urgent');
  });

  it('a rejected mutation does not block the ones after it', async () => {
    const [a, b] = await server.insertCases([freshCase('received'), freshCase('distributed')]);
    const liaison = await server.login('liaisonA');
    const response = await liaison.push([
      liaison.action(a!.id, 'verify', { topic: 'pkh' }, 1), // not the liaison's to verify, nor visible
      liaison.action(b!.id, 'accept', {}, 1),
    ]);
    expect(response.results.map((r: MutationResult) => r.status)).toEqual(['rejected', 'applied']);
    expect(response.results[0]!.error?.code).toBe('not_found');
  });

  it('different fields merge; the same field conflicts and keeps the server value', async () => {
    const [record] = await server.insertCases([freshCase('in_follow_up')]);
    const admin = await server.login('admin');
    const liaison = await server.login('liaisonA');
    await admin.push([admin.update(record!.id, { title: 'Judul diperbaiki admin' }, { title: record!.title }, 1)]);
    const merged = await liaison.push([liaison.update(record!.id, { urgency: 'urgent' }, { urgency: 'normal' }, 1)]);
    expect(merged.results[0]).toMatchObject({ status: 'merged', version: 3 });
    const conflict = await admin.push([admin.update(record!.id, { urgency: 'normal', title: 'Judul kedua' }, { urgency: 'normal', title: 'Judul diperbaiki admin' }, 2)]);
    // urgency: the admin's base (normal) no longer matches (urgent); equal rank → conflict.
    expect(conflict.results[0]).toMatchObject({ status: 'conflict' });
    expect(conflict.results[0]!.conflicts).toEqual([
      expect.objectContaining({ field: 'urgency', base: 'normal', mine: 'normal', theirs: 'urgent', changedBy: PEOPLE.liaisonA.id }),
    ]);
    const after = await server.caseOnServer(record!.id);
    expect(after).toMatchObject({ urgency: 'urgent', title: 'Judul kedua' });
    const stored = await server.db.query('select 1 from conflicts where entity_id = $1', [record!.id]);
    expect(stored.rowCount).toBe(1);
  });

  it("a liaison officer's correction is never overwritten by a stale edit from the field", async () => {
    const [record] = await server.insertCases([freshCase('in_follow_up')]);
    const field = await server.login('fieldA1');
    const liaison = await server.login('liaisonA');
    const reportId = uuidv7();
    await field.push([
      field.create('report', reportId, { caseId: record!.id, visitDate: '2026-11-04', method: 'home_visit', findings: 'Rekening belum aktif.', actionsTaken: 'Pendampingan ke bank.', outcome: 'resolved' }),
      field.action(reportId, 'submit', {}, 1, 'report'),
    ]);
    const corrected = await liaison.push([liaison.action(reportId, 'correct', { field: 'findings', value: 'Rekening KKS belum aktif sejak Agustus.', reason: 'Lebih tepat.' }, 2, 'report')]);
    expect(corrected.results[0]).toMatchObject({ status: 'applied', version: 3 });
    // The field worker amends the same field offline, from version 2.
    const stale = await field.push([field.update(reportId, { findings: 'Rekening belum aktif (revisi).' }, { findings: 'Rekening belum aktif.' }, 2, 'report')]);
    expect(stale.results[0]).toMatchObject({ status: 'conflict' });
    expect(stale.results[0]!.conflicts[0]).toMatchObject({ field: 'findings', theirs: 'Rekening KKS belum aktif sejak Agustus.', changedBy: PEOPLE.liaisonA.id });
    const report = await server.db.query<{ data: { findings: string; corrections: unknown[] } }>('select data from reports where id = $1', [reportId]);
    expect(report.rows[0]!.data.findings).toBe('Rekening KKS belum aktif sejak Agustus.');
    expect(report.rows[0]!.data.corrections).toHaveLength(1);
  });

  it('pull pages through everything visible, then the cursor stands still', async () => {
    const records = await server.insertCases(Array.from({ length: 25 }, () => freshCase('in_follow_up')));
    const auditor = await server.login('auditor');
    const seen: string[] = [];
    for (let page = 0; page < 100; page += 1) {
      const response = await auditor.pullPage(7);
      if (!('changes' in response)) throw new Error('reset');
      expect(response.changes.length).toBeLessThanOrEqual(7 * 5);
      seen.push(...caseIds(response.changes));
      if (!response.hasMore) break;
    }
    for (const record of records) expect(seen).toContain(record.id);
    expect(new Set(seen).size).toBe(seen.length);
    const again = await auditor.pullPage(7);
    expect(again).toMatchObject({ changes: [], hasMore: false });
  });

  it('a reassigned case is removed from the old unit and arrives, with its history, at the new one', async () => {
    const [record] = await server.insertCases([freshCase('in_follow_up')]);
    const liaisonA = await server.login('liaisonA');
    const liaisonB = await server.login('liaisonB');
    const field = await server.login('fieldA1');
    await liaisonA.push([liaisonA.update(record!.id, { urgency: 'urgent' }, { urgency: 'normal' }, 1)]);
    expect(caseIds(await liaisonA.pullAll())).toContain(record!.id);
    expect(caseIds(await field.pullAll())).toContain(record!.id);
    await liaisonB.pullAll();
    const admin = await server.login('admin');
    const moved = await admin.push([admin.action(record!.id, 'reassign', { unitId: UNITS.workB.id, regionalUnitIds: [UNITS.uptB1.id], reason: 'Salah unit.' }, 2)]);
    expect(moved.results[0]).toMatchObject({ status: 'applied' });
    for (const session of [liaisonA, field]) {
      const changes = await session.pullAll();
      expect(changes).toContainEqual({ kind: 'removal', entity: 'case', id: record!.id });
      expect(caseIds(changes)).not.toContain(record!.id);
    }
    const arrived = await liaisonB.pullAll();
    expect(caseIds(arrived)).toContain(record!.id);
    const history = arrived.filter((c) => c.kind === 'event' && c.record.caseId === record!.id).map((c) => (c as { record: { action: string } }).record.action);
    expect(history).toEqual(expect.arrayContaining(['update', 'reassign']));
  });

  it('a case that came into scope brings its earlier history even when its row arrives pages later', async () => {
    const [record] = await server.insertCases([freshCase('in_follow_up')]);
    const liaisonA = await server.login('liaisonA');
    const liaisonB = await server.login('liaisonB');
    const eventsOf = (changes: PulledChange[]) =>
      changes.filter((c) => c.kind === 'event' && c.record.caseId === record!.id).map((c) => (c as { record: { id: string; action: string } }).record);
    await liaisonA.push([liaisonA.update(record!.id, { urgency: 'urgent' }, { urgency: 'normal' }, 1)]);
    const before = eventsOf(await liaisonA.pullAll());
    expect(before.map((e) => e.action)).toContain('update');
    // A field worker's draft on the case stays theirs: its audit entries do not come with the history.
    const field = await server.login('fieldA1');
    const draftId = uuidv7();
    const drafted = await field.push([
      field.create('report', draftId, { caseId: record!.id, visitDate: '2026-11-04', method: 'home_visit', findings: 'Belum bertemu.', actionsTaken: '', outcome: null }),
      field.update(draftId, { findings: 'Belum bertemu pelapor.' }, { findings: 'Belum bertemu.' }, 1, 'report'),
    ]);
    expect(drafted.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    await liaisonB.pullAll();
    const admin = await server.login('admin');
    await admin.pullAll();
    const moved = await admin.push([admin.action(record!.id, 'reassign', { unitId: UNITS.workB.id, regionalUnitIds: [UNITS.uptB1.id], reason: 'Salah unit.' }, 2)]);
    expect(moved.results[0]).toMatchObject({ status: 'applied' });
    // Other cases of unit B change next, then the moved case again: with small pages its row
    // comes pages after the one in which it entered the unit.
    await server.insertCases(Array.from({ length: 3 }, () => freshCase('in_follow_up', { unitId: UNITS.workB.id, regionalUnitIds: [] })));
    const again = await admin.push([admin.update(record!.id, { urgency: 'normal' }, { urgency: 'urgent' }, 3)]);
    expect(again.results[0]).toMatchObject({ status: 'applied' });
    const arrived = await liaisonB.pullAll(2);
    expect(caseIds(arrived)).toContain(record!.id);
    const history = eventsOf(arrived);
    for (const event of before) expect(history.map((e) => e.id)).toContain(event.id);
    expect(history.filter((e) => e.action === 'reassign')).toHaveLength(1);
    expect(JSON.stringify(arrived)).not.toContain(draftId);
    // The admin, who saw the case all along, is not sent its history again.
    const adminSees = eventsOf(await admin.pullAll(2)).map((e) => e.id);
    for (const event of before) expect(adminSees).not.toContain(event.id);
  });

  it('a cursor from before pruned removal markers must reset', async () => {
    const [record] = await server.insertCases([freshCase('in_follow_up')]);
    const field = await server.login('fieldA1');
    await field.pullAll();
    const stale = field.cursor;
    const liaison = await server.login('liaisonA');
    await liaison.push([liaison.action(record!.id, 'unassign', { assigneeIds: [PEOPLE.fieldA1.id], regionalUnitIds: [UNITS.uptA1.id] }, 1)]);
    const { pruned } = await pruneRemovals(server.db, 0, new Date(Date.now() + 1_000));
    expect(pruned).toBeGreaterThan(0);
    field.cursor = stale;
    expect(await field.pullPage()).toMatchObject({ resetRequired: true });
    field.cursor = null;
    expect(await field.pullPage()).toHaveProperty('changes');
  });

  it('hides confidential reporters from field staff in pulls', async () => {
    const [record] = await server.insertCases([freshCase('in_follow_up', { isConfidential: true })]);
    const field = await server.login('fieldA1');
    const liaison = await server.login('liaisonA');
    const fromField = (await field.pullAll()).find((c) => c.kind === 'case' && c.record.id === record!.id) as { record: CaseRecord };
    const fromLiaison = (await liaison.pullAll()).find((c) => c.kind === 'case' && c.record.id === record!.id) as { record: CaseRecord };
    expect(fromField.record.reporter).toEqual({ name: null, nik: null, kk: null, phone: null, address: null });
    expect(fromLiaison.record.reporter.nik).toBe(record!.reporter.nik);
  });
});
