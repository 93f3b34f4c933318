/**
 * The SyncStore over Dexie: batches in seq order, acknowledgements sorting results into the
 * outbox, the rejected list and the conflict inbox, pulled pages applied atomically with
 * their cursor and rebased over pending edits, removals that respect unsent work, and
 * resolutions that always make new mutations.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { uuidv7, type CaseEvent } from '../../../../src/shared';
import { performCaseAction, registerWalkInCase, updateCaseFields } from '../../../../src/renderer/db/case-actions';
import { listConflicts, resolveConflict } from '../../../../src/renderer/db/conflict-inbox';
import { getCase, hasUnsentWork, listEventsOfCase, listReportsOfCase } from '../../../../src/renderer/db/queries';
import { discardRejected, listRejected, resendRejected } from '../../../../src/renderer/db/rejected-items';
import { PULL_SLICE } from '../../../../src/renderer/db/sync-store';
import { createReport, saveDraft } from '../../../../src/renderer/db/report-actions';
import { PEOPLE, UNITS, caseIn, reportIn } from '../../../helpers/org-fixture';
import { applied, workstation, type Desk } from './local-desk';

const opened: Desk[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const desk of opened.splice(0)) desk.store.close();
});

async function signIn(who: Parameters<ReturnType<typeof workstation>['signIn']>[0]) {
  const desk = await workstation().signIn(who);
  opened.push(desk);
  return desk;
}

function eventOf(caseId: string, action = 'update'): CaseEvent {
  return { id: uuidv7(), caseId, reportId: null, actorId: PEOPLE.admin.id, deviceId: null, action, at: new Date().toISOString(), changes: [], note: null };
}

describe('nextBatch and markAttempted', () => {
  it('hands out the oldest entries in seq order, bounded by count and bytes, at least one', async () => {
    const admin = await signIn('admin');
    const record = caseIn('in_follow_up');
    await admin.receive([record]);
    for (const title of ['Satu', 'Dua', 'Tiga', 'Empat']) await updateCaseFields(admin.store, record.id, { title });
    const all = await admin.sync.nextBatch(10, 1e9);
    expect(all.map((e) => e.mutation.fields.title)).toEqual(['Satu', 'Dua', 'Tiga', 'Empat']);
    expect(all.map((e) => e.mutation.seq)).toEqual([1, 2, 3, 4]);
    expect((await admin.sync.nextBatch(2, 1e9)).map((e) => e.mutation.seq)).toEqual([1, 2]);
    expect((await admin.sync.nextBatch(10, all[0]!.bytes * 2 + 1)).length).toBe(2);
    expect((await admin.sync.nextBatch(10, 1)).length).toBe(1);
    expect(all[0]!.bytes).toBe(new TextEncoder().encode(JSON.stringify(all[0]!.mutation)).length);

    await admin.sync.markAttempted([all[0]!.mutation.mutationId, all[1]!.mutation.mutationId]);
    await admin.sync.markAttempted([all[0]!.mutation.mutationId]);
    expect((await admin.sync.nextBatch(3, 1e9)).map((e) => e.attempts)).toEqual([2, 1, 0]);
    expect(await admin.sync.summary()).toMatchObject({ pending: 4, oldestCreatedAt: all[0]!.createdAt, pendingBytes: all.reduce((n, e) => n + e.bytes, 0), rejected: 0, conflicts: 0 });
  });
});

describe('acknowledge', () => {
  it('applied: the entry leaves the outbox and the record takes the server version; a create is now on the server', async () => {
    const admin = await signIn('admin');
    const record = caseIn('received');
    await admin.receive([record]);
    await performCaseAction(admin.store, record.id, 'verify', { topic: 'pkh' });
    const walkIn = await registerWalkInCase(admin.store, { kind: 'aspiration', title: 'Usul jam layanan', description: 'Buka Sabtu.' });
    await admin.answer((_id, seq) => applied(seq === 1 ? 2 : 1));
    expect(await admin.sync.summary()).toMatchObject({ pending: 0 });
    expect((await getCase(admin.store, record.id))?.record).toMatchObject({ version: 2, status: 'verified' });
    expect((await getCase(admin.store, walkIn.record.id))).toMatchObject({ isOnServer: true, hasUnsentWork: false });
    // A repeated acknowledgement (a retried push's answer) changes nothing.
    await admin.sync.acknowledge([{ mutationId: walkIn.mutation.mutationId, seq: walkIn.mutation.seq, ...applied(1) }]);
    expect(await admin.store.db.rejected.count()).toBe(0);
  });

  it('rejected: moved to the rejected list with the server reason, rolled back, flagged; the queue goes on', async () => {
    const liaison = await signIn('liaisonA');
    const record = caseIn('distributed');
    const other = caseIn('in_follow_up');
    await liaison.receive([record, other]);
    await performCaseAction(liaison.store, record.id, 'accept', {});
    await updateCaseFields(liaison.store, other.id, { urgency: 'urgent' });
    await liaison.answer((_id, seq) =>
      seq === 1 ? { status: 'rejected', version: null, conflicts: [], error: { code: 'not_found', message: 'Kasus tidak ditemukan atau di luar wewenang Anda.' } } : applied(2),
    );
    const [item] = await listRejected(liaison.store);
    expect(item).toMatchObject({ code: 'not_found', message: 'Kasus tidak ditemukan atau di luar wewenang Anda.', mutation: { action: 'accept', entityId: record.id } });
    expect(await getCase(liaison.store, record.id)).toMatchObject({ hasRejectedChange: true, hasUnsentWork: false, record: { status: 'distributed' } });
    expect((await getCase(liaison.store, other.id))?.record).toMatchObject({ urgency: 'urgent', version: 2 });
    expect(await liaison.sync.summary()).toMatchObject({ pending: 0, rejected: 1 });
  });

  it('rejected with later work depending on it: the optimistic state stays (the later work is answered on its own)', async () => {
    const liaison = await signIn('liaisonA');
    const record = caseIn('distributed');
    await liaison.receive([record]);
    const accept = await performCaseAction(liaison.store, record.id, 'accept', {});
    await performCaseAction(liaison.store, record.id, 'assign', { assigneeIds: [PEOPLE.fieldA1.id] });
    await liaison.sync.acknowledge([{ mutationId: accept.mutation.mutationId, seq: 1, status: 'rejected', version: null, conflicts: [], error: { code: 'guard_failed', message: 'Syarat belum terpenuhi.' } }]);
    expect(await getCase(liaison.store, record.id)).toMatchObject({ hasRejectedChange: true, hasUnsentWork: true, record: { status: 'in_follow_up', assigneeIds: [PEOPLE.fieldA1.id] } });
  });

  it('conflict: an inbox entry with base, mine and theirs; the record takes the server value', async () => {
    const liaison = await signIn('liaisonA');
    const record = caseIn('in_follow_up');
    await liaison.receive([record]);
    const edit = await updateCaseFields(liaison.store, record.id, { urgency: 'urgent' });
    const conflict = { field: 'urgency', base: 'normal', mine: 'urgent', theirs: 'normal', changedBy: PEOPLE.admin.id, changedAt: '2026-11-20T06:58:40.000Z' };
    await liaison.answer(() => ({ status: 'conflict', version: 3, conflicts: [conflict], error: null }));
    const [entry] = await listConflicts(liaison.store);
    expect(entry).toMatchObject({ kind: 'field', mutationId: edit!.mutation.mutationId, entity: 'case', entityId: record.id, caseId: record.id, fields: [conflict], status: 'open' });
    expect(await getCase(liaison.store, record.id)).toMatchObject({ record: { urgency: 'normal', version: 3 }, serverValues: {}, hasUnsentWork: false });
    expect(await liaison.sync.summary()).toMatchObject({ conflicts: 1 });
  });

  it('two edits of one field in one batch, both in conflict: the record takes the server’s value, not the later edit', async () => {
    const admin = await signIn('admin');
    const record = caseIn('in_follow_up');
    await admin.receive([record]);
    await updateCaseFields(admin.store, record.id, { title: 'Judul pertama saya' });
    await updateCaseFields(admin.store, record.id, { title: 'Judul kedua saya' });
    const theirs = 'Judul dari server';
    await admin.answer((_id, seq) => ({
      status: 'conflict',
      version: 3,
      conflicts: [{ field: 'title', base: seq === 1 ? record.title : 'Judul pertama saya', mine: seq === 1 ? 'Judul pertama saya' : 'Judul kedua saya', theirs, changedBy: PEOPLE.admin.id, changedAt: null }],
      error: null,
    }));
    expect(await getCase(admin.store, record.id)).toMatchObject({ record: { title: theirs, version: 3 }, serverValues: {}, hasUnsentWork: false });
    expect(await admin.sync.summary()).toMatchObject({ pending: 0, conflicts: 2 });
  });

  it('an edit in conflict followed in the same batch by an applied edit of the same field keeps the applied value', async () => {
    const admin = await signIn('admin');
    const record = caseIn('in_follow_up');
    await admin.receive([record]);
    await updateCaseFields(admin.store, record.id, { title: 'Judul pertama saya' });
    await updateCaseFields(admin.store, record.id, { title: 'Judul kedua saya' });
    await admin.answer((_id, seq) =>
      seq === 1
        ? { status: 'conflict', version: 3, conflicts: [{ field: 'title', base: record.title, mine: 'Judul pertama saya', theirs: 'Judul dari server', changedBy: PEOPLE.admin.id, changedAt: null }], error: null }
        : applied(4),
    );
    expect(await getCase(admin.store, record.id)).toMatchObject({ record: { title: 'Judul kedua saya', version: 4 }, serverValues: {} });
  });

  it('a conflict whose case has left the desk closes by taking the server’s values; "mine" says why it cannot', async () => {
    const liaison = await signIn('liaisonA');
    const record = caseIn('in_follow_up');
    await liaison.receive([record]);
    await updateCaseFields(liaison.store, record.id, { urgency: 'urgent' });
    await liaison.answer(() => ({
      status: 'conflict',
      version: 3,
      conflicts: [{ field: 'urgency', base: 'normal', mine: 'urgent', theirs: 'normal', changedBy: PEOPLE.admin.id, changedAt: null }],
      error: null,
    }));
    // Reassigned to another unit: nothing unsent holds it, so the removal deletes it.
    await liaison.sync.applyPulledPage([{ kind: 'removal', entity: 'case', id: record.id }], '99');
    expect(await getCase(liaison.store, record.id)).toBeUndefined();
    const [entry] = await listConflicts(liaison.store);
    await expect(resolveConflict(liaison.store, entry!.id, { urgency: 'mine' })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/Pilih nilai dari server/),
    });
    expect(await resolveConflict(liaison.store, entry!.id, { urgency: 'theirs' })).toEqual({ mutation: null });
    expect(await listConflicts(liaison.store)).toEqual([]);
    expect(await liaison.sync.summary()).toMatchObject({ pending: 0, conflicts: 0 });
  });

  it('a conflict on a report approved since closes by taking the server’s values, without an edit the report no longer allows', async () => {
    const field = await signIn('fieldA1');
    const record = caseIn('in_follow_up', { assigneeIds: [PEOPLE.fieldA1.id], regionalUnitIds: [UNITS.uptA1.id] });
    const draft = reportIn('draft', { caseId: record.id });
    await field.receive([record, draft]);
    const theirs = 'Diperbaiki oleh petugas penghubung.';
    expect(await saveDraft(field.store, draft.id, { findings: 'Perubahan saya.' })).not.toBeNull();
    await field.answer(() => ({
      status: 'conflict',
      version: 3,
      conflicts: [{ field: 'findings', base: draft.findings, mine: 'Perubahan saya.', theirs, changedBy: PEOPLE.liaisonA.id, changedAt: null }],
      error: null,
    }));
    await field.receive([{ ...draft, status: 'approved', findings: theirs, version: 4, approvedAt: '2026-11-20T07:00:00.000Z' }]);
    const [entry] = await listConflicts(field.store);
    await expect(resolveConflict(field.store, entry!.id, { findings: 'mine' })).rejects.toMatchObject({ code: 'transition_not_allowed' });
    expect(await resolveConflict(field.store, entry!.id, { findings: 'theirs' })).toEqual({ mutation: null });
    expect(await listConflicts(field.store)).toEqual([]);
  });

  it('resolving a conflict makes a new mutation in the same transaction as marking it resolved', async () => {
    const liaison = await signIn('liaisonA');
    const record = caseIn('in_follow_up');
    await liaison.receive([record]);
    const edit = await updateCaseFields(liaison.store, record.id, { urgency: 'urgent' });
    await liaison.answer(() => ({
      status: 'conflict',
      version: 3,
      conflicts: [{ field: 'urgency', base: 'normal', mine: 'urgent', theirs: 'normal', changedBy: PEOPLE.admin.id, changedAt: null }],
      error: null,
    }));
    const [entry] = await listConflicts(liaison.store);
    await expect(resolveConflict(liaison.store, entry!.id, {})).rejects.toMatchObject({ code: 'invalid_input' });

    vi.spyOn(liaison.store.db.outbox, 'add').mockImplementation(() => Promise.reject(new DOMException('full', 'QuotaExceededError')) as never);
    await expect(resolveConflict(liaison.store, entry!.id, { urgency: 'mine' })).rejects.toMatchObject({ code: 'storage_full' });
    vi.restoreAllMocks();
    expect((await listConflicts(liaison.store)).map((c) => c.id)).toEqual([entry!.id]);

    const { mutation } = await resolveConflict(liaison.store, entry!.id, { urgency: 'mine' });
    expect(mutation).toMatchObject({ op: 'update', baseVersion: 3, fields: { urgency: 'urgent' }, baseValues: { urgency: 'normal' } });
    expect(mutation!.mutationId).not.toBe(edit!.mutation.mutationId);
    expect(await listConflicts(liaison.store)).toEqual([]);
    expect((await listConflicts(liaison.store, 'resolved'))[0]).toMatchObject({ resolutionMutationId: mutation!.mutationId });
    expect((await getCase(liaison.store, record.id))?.record.urgency).toBe('urgent');
  });

  it('taking theirs needs no mutation; a custom value does', async () => {
    const admin = await signIn('admin');
    const record = caseIn('in_follow_up');
    await admin.receive([record]);
    await updateCaseFields(admin.store, record.id, { title: 'Judul saya', urgency: 'urgent' });
    await admin.answer(() => ({
      status: 'conflict',
      version: 4,
      conflicts: [
        { field: 'title', base: record.title, mine: 'Judul saya', theirs: 'Judul mereka', changedBy: PEOPLE.liaisonA.id, changedAt: null },
        { field: 'urgency', base: 'normal', mine: 'urgent', theirs: 'normal', changedBy: PEOPLE.liaisonA.id, changedAt: null },
      ],
      error: null,
    }));
    const [entry] = await listConflicts(admin.store);
    const { mutation } = await resolveConflict(admin.store, entry!.id, { title: { value: 'Judul gabungan' }, urgency: 'theirs' });
    expect(mutation).toMatchObject({ fields: { title: 'Judul gabungan' }, baseValues: { title: 'Judul mereka' } });
    await admin.answer(() => applied(5));
    await updateCaseFields(admin.store, record.id, { urgency: 'urgent' });
    await admin.answer(() => ({ status: 'conflict', version: 6, conflicts: [{ field: 'urgency', base: 'normal', mine: 'urgent', theirs: 'normal', changedBy: null, changedAt: null }], error: null }));
    const [second] = await listConflicts(admin.store);
    expect(await resolveConflict(admin.store, second!.id, { urgency: 'theirs' })).toEqual({ mutation: null });
    expect(await admin.sync.summary()).toMatchObject({ pending: 0, conflicts: 0 });
  });

  it('a rejected item can be fixed and resent as a new mutation, or discarded', async () => {
    const admin = await signIn('admin');
    const walkIn = await registerWalkInCase(admin.store, { kind: 'complaint', title: 'Tiket ganda', description: 'Uraian.', ticketId: 'LAPOR-DUP-1' });
    await admin.answer(() => ({ status: 'rejected', version: null, conflicts: [], error: { code: 'duplicate', message: 'Kasus dengan ID ini sudah ada.' } }));
    const [item] = await listRejected(admin.store);
    const resent = await resendRejected(admin.store, item!.id, { fields: { ticketId: 'LAPOR-DUP-2' } });
    expect(resent.mutation).toMatchObject({ op: 'create', entityId: walkIn.record.id, fields: { ticketId: 'LAPOR-DUP-2' } });
    expect(resent.mutation!.mutationId).not.toBe(walkIn.mutation.mutationId);
    expect(await getCase(admin.store, walkIn.record.id)).toMatchObject({ record: { ticketId: 'LAPOR-DUP-2' }, hasRejectedChange: false, hasUnsentWork: true });
    expect((await listRejected(admin.store, 'resent'))[0]).toMatchObject({ resentAsMutationId: resent.mutation!.mutationId });

    await admin.answer(() => ({ status: 'rejected', version: null, conflicts: [], error: { code: 'duplicate', message: 'Kasus dengan ID ini sudah ada.' } }));
    const [again] = await listRejected(admin.store);
    await discardRejected(admin.store, again!.id);
    // The case never reached the server and nothing else needs it: it goes with the discarded create.
    expect(await getCase(admin.store, walkIn.record.id)).toBeUndefined();
    expect(await admin.sync.summary()).toMatchObject({ pending: 0, rejected: 0 });
  });
});

describe('applyPulledPage', () => {
  it('writes the page and the cursor together, or neither', async () => {
    const field = await signIn('fieldA1');
    const first = caseIn('in_follow_up');
    await field.receive([first], '10');
    const second = caseIn('in_follow_up');
    vi.spyOn(field.store.db.events, 'bulkPut').mockImplementation(() => Promise.reject(new Error('disk I/O error')) as never);
    await expect(field.receive([second, { ...first, title: 'Judul baru', version: 2 }, eventOf(second.id)], '20')).rejects.toThrow('disk I/O error');
    vi.restoreAllMocks();
    expect(await field.sync.getCursor()).toBe('10');
    expect(await getCase(field.store, second.id)).toBeUndefined();
    expect((await getCase(field.store, first.id))?.record.title).toBe(first.title);

    const result = await field.receive([second, { ...first, title: 'Judul baru', version: 2 }, eventOf(second.id)], '20');
    expect(result).toEqual({ applied: 3, removed: 0, keptForUnsentWork: 0 });
    expect(await field.sync.getCursor()).toBe('20');
    expect((await getCase(field.store, first.id))?.record.title).toBe('Judul baru');
    expect(await listEventsOfCase(field.store, second.id)).toHaveLength(1);
  });

  it('a slice that fails while the other is in flight undoes the page; a quota failure inside a bulk write reads as storage full', async () => {
    const field = await signIn('fieldA1');
    const page = Array.from({ length: PULL_SLICE * 3 }, () => caseIn('in_follow_up'));
    const cases = field.store.db.cases;
    const original = cases.bulkPut.bind(cases);
    let calls = 0;
    const puts = vi.spyOn(cases, 'bulkPut').mockImplementation(((rows: Parameters<typeof original>[0]) => {
      calls += 1;
      // The second slice fails the way Dexie reports single writes that failed in a bulkPut.
      if (calls === 2) return Promise.reject(new Dexie.BulkError('bulkPut failed', [new DOMException('full', 'QuotaExceededError')]));
      return original(rows);
    }) as never);
    await expect(field.receive(page, '40')).rejects.toMatchObject({ code: 'storage_full' });
    expect(await cases.count()).toBe(0);
    expect(await field.sync.getCursor()).toBeNull();
    puts.mockRestore();
    expect(await field.receive(page, '40')).toMatchObject({ applied: page.length });
    expect(await field.sync.getCursor()).toBe('40');
  });

  it('a page larger than one slice is written in several bulkPuts of one transaction, all or nothing', async () => {
    const field = await signIn('fieldA1');
    const page = Array.from({ length: PULL_SLICE * 2 + 17 }, () => caseIn('in_follow_up'));
    const puts = vi.spyOn(field.store.db.cases, 'bulkPut');
    const failing = vi.spyOn(field.store.db.events, 'bulkPut').mockImplementation(() => Promise.reject(new Error('disk I/O error')) as never);
    await expect(field.receive([...page, eventOf(page[0]!.id)], '30')).rejects.toThrow('disk I/O error');
    // Three slices were written, then the transaction failed: none of them stayed.
    expect(puts.mock.calls.map(([rows]) => rows.length)).toEqual([PULL_SLICE, PULL_SLICE, 17]);
    expect(await field.store.db.cases.count()).toBe(0);
    expect(await field.sync.getCursor()).toBeNull();
    failing.mockRestore();
    expect(await field.receive(page, '30')).toMatchObject({ applied: page.length });
    expect(await field.store.db.cases.count()).toBe(page.length);
  });

  it('rebases: fields with unsent edits keep the local value, the rest take the pulled one', async () => {
    const liaison = await signIn('liaisonA');
    const record = caseIn('in_follow_up');
    await liaison.receive([record]);
    const edit = await updateCaseFields(liaison.store, record.id, { urgency: 'urgent' });
    await liaison.receive([{ ...record, title: 'Judul dari admin', description: 'Uraian baru.', urgency: 'normal', version: 2 }]);
    expect(await getCase(liaison.store, record.id)).toMatchObject({
      record: { title: 'Judul dari admin', description: 'Uraian baru.', urgency: 'urgent', version: 2 },
      serverValues: { urgency: 'normal' },
      hasUnsentWork: true,
    });
    // The queued mutation is untouched: it is sent as the officer made it.
    expect((await liaison.sync.nextBatch(5, 1e9))[0]!.mutation).toEqual(edit!.mutation);
    // Once answered, the next pull is taken whole.
    await liaison.answer(() => ({ status: 'merged', version: 3, conflicts: [], error: null }));
    await liaison.receive([{ ...record, title: 'Judul dari admin', description: 'Uraian baru.', urgency: 'urgent', version: 3 }]);
    expect(await getCase(liaison.store, record.id)).toMatchObject({ record: { urgency: 'urgent', version: 3 }, serverValues: {}, hasUnsentWork: false });
  });

  it('skips a pulled record older than what was already acknowledged', async () => {
    const liaison = await signIn('liaisonA');
    const record = caseIn('distributed');
    await liaison.receive([record]);
    await performCaseAction(liaison.store, record.id, 'accept', {});
    await liaison.answer(() => applied(2));
    await liaison.receive([{ ...record, version: 1 }]);
    expect((await getCase(liaison.store, record.id))?.record).toMatchObject({ status: 'in_follow_up', version: 2 });
  });

  it('a removal deletes the case and everything under it', async () => {
    const field = await signIn('fieldA1');
    const record = caseIn('in_follow_up');
    const report = reportIn('submitted', { id: uuidv7(), caseId: record.id });
    await field.receive([record, report, eventOf(record.id)]);
    const result = await field.sync.applyPulledPage([{ kind: 'removal', entity: 'case', id: record.id }], '30');
    expect(result).toEqual({ applied: 0, removed: 1, keptForUnsentWork: 0 });
    expect(await getCase(field.store, record.id)).toBeUndefined();
    expect(await listReportsOfCase(field.store, record.id)).toEqual([]);
    expect(await listEventsOfCase(field.store, record.id)).toEqual([]);
  });

  it('a removal of a case with unsent work keeps it and says so in the conflict inbox; it goes once the work is answered', async () => {
    const field = await signIn('fieldA1');
    const record = caseIn('in_follow_up');
    await field.receive([record]);
    const draft = await createReport(field.store, record.id, { findings: 'Catatan kunjungan.' });
    await saveDraft(field.store, draft.record.id, { actionsTaken: 'Pendampingan.' });
    const result = await field.sync.applyPulledPage([{ kind: 'removal', entity: 'case', id: record.id }], '40');
    expect(result).toEqual({ applied: 0, removed: 0, keptForUnsentWork: 1 });
    expect(await getCase(field.store, record.id)).toMatchObject({ hasUnsentWork: true, leftScopeAt: expect.any(String) });
    const [notice] = await listConflicts(field.store);
    expect(notice).toMatchObject({ kind: 'removed_from_scope', entityId: record.id, note: expect.stringContaining('belum terkirim') });
    expect(await field.sync.getCursor()).toBe('40');

    await field.answer(() => ({ status: 'rejected', version: null, conflicts: [], error: { code: 'not_found', message: 'Kasus tidak ditemukan atau di luar wewenang Anda.' } }));
    expect(await getCase(field.store, record.id)).toBeUndefined();
    expect(await listRejected(field.store)).toHaveLength(2);
    expect(await hasUnsentWork(field.store, record.id)).toBe(false);
    await resolveConflict(field.store, notice!.id);
    expect(await field.sync.summary()).toMatchObject({ conflicts: 0, rejected: 2 });
  });

  it('a case removed and back in the same page ends as the page ends', async () => {
    const field = await signIn('fieldA1');
    const record = caseIn('in_follow_up');
    await field.receive([record]);
    await field.sync.applyPulledPage([{ kind: 'removal', entity: 'case', id: record.id }, { kind: 'case', record: { ...record, version: 3 } }], '50');
    expect((await getCase(field.store, record.id))?.record.version).toBe(3);
  });
});

describe('resetReplica, state', () => {
  it('drops the replica and the cursor but keeps the outbox and the records it needs', async () => {
    const admin = await signIn('admin');
    const [kept, dropped] = [caseIn('in_follow_up'), caseIn('in_follow_up')];
    await admin.receive([kept, dropped, eventOf(dropped.id)], '60');
    await updateCaseFields(admin.store, kept.id, { urgency: 'urgent' });
    const walkIn = await registerWalkInCase(admin.store, { kind: 'complaint', title: 'Baru', description: 'Uraian.' });
    await admin.answer((_id, seq) => (seq === 2 ? applied(1) : { status: 'applied', version: 2, conflicts: [], error: null }));
    await updateCaseFields(admin.store, kept.id, { title: 'Masih menunggu' });
    await admin.sync.resetReplica();
    expect(await admin.sync.getCursor()).toBeNull();
    expect(await getCase(admin.store, dropped.id)).toBeUndefined();
    expect(await listEventsOfCase(admin.store, dropped.id)).toEqual([]);
    expect((await getCase(admin.store, kept.id))?.record.title).toBe('Masih menunggu');
    expect(await getCase(admin.store, walkIn.record.id)).toBeUndefined();
    expect(await admin.sync.summary()).toMatchObject({ pending: 1 });
  });

  it('a kept case stays while its work is answered; the full pull after the reset decides which go', async () => {
    const admin = await signIn('admin');
    const [inScope, leftScope] = [caseIn('in_follow_up'), caseIn('in_follow_up')];
    await admin.receive([inScope, leftScope], '60');
    await updateCaseFields(admin.store, inScope.id, { urgency: 'urgent' });
    await updateCaseFields(admin.store, leftScope.id, { urgency: 'urgent' });
    await admin.sync.resetReplica();
    // The push comes before the pull: answered work does not take its case away yet.
    await admin.answer(() => ({ status: 'applied', version: 2, conflicts: [], error: null }));
    expect(await getCase(admin.store, inScope.id)).toBeDefined();
    expect(await getCase(admin.store, leftScope.id)).toBeDefined();
    // The full pull from the start, in two pages; only the first case comes back.
    await admin.sync.applyPulledPage([{ kind: 'case', record: { ...inScope, urgency: 'urgent', version: 2 } }], '70', { from: null, isLast: false });
    expect(await getCase(admin.store, leftScope.id)).toBeDefined();
    await admin.sync.applyPulledPage([], '80', { from: '70', isLast: true });
    expect(await getCase(admin.store, inScope.id)).toMatchObject({ record: { urgency: 'urgent' } });
    expect(await getCase(admin.store, leftScope.id)).toBeUndefined();
  });

  it('a page pulled from a cursor that is no longer the stored one (a reset meanwhile) writes nothing', async () => {
    const admin = await signIn('admin');
    const [first, second] = [caseIn('in_follow_up'), caseIn('in_follow_up')];
    await admin.receive([first], '60');
    await admin.sync.resetReplica();
    expect(await admin.sync.applyPulledPage([{ kind: 'case', record: second }], '90', { from: '60', isLast: true })).toMatchObject({ isStale: true, applied: 0 });
    expect(await admin.sync.getCursor()).toBeNull();
    expect(await getCase(admin.store, second.id)).toBeUndefined();
    expect(await admin.sync.applyPulledPage([{ kind: 'case', record: second }], '90', { from: null, isLast: true })).toMatchObject({ applied: 1 });
    expect(await admin.sync.getCursor()).toBe('90');
  });

  it('keeps the engine bookkeeping, and keeps the store keys to itself', async () => {
    const admin = await signIn('admin');
    await admin.sync.setState('lastPullAt', 1_795_000_000_000);
    expect(await admin.sync.getState<number>('lastPullAt')).toBe(1_795_000_000_000);
    expect(await admin.sync.getState('nothing')).toBeUndefined();
    await expect(admin.sync.setState('store.cursor', '1')).rejects.toMatchObject({ code: 'invalid_input' });
    expect(admin.sync.deviceId).toMatch(/^ws-[A-Za-z0-9_-]{16}$/);
    expect(admin.sync.userId).toBe(PEOPLE.admin.id);
    expect(UNITS.workA.id).toBeTruthy();
  });
});
