/**
 * A user action is one local transaction: the record and its outbox entry are written together
 * or not at all, and a step the shared transition table refuses writes nothing.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PEOPLE, UNITS, caseIn, reportIn } from '../../../helpers/org-fixture';
import { mutationSchema, pushRequestSchema, type CaseRecord, type ReportRecord } from '../../../../src/shared';
import { performCaseAction, registerWalkInCase, updateCaseFields } from '../../../../src/renderer/db/case-actions';
import { ActionRefusedError, LocalStoreError } from '../../../../src/renderer/db/errors';
import { getCase, listReportsOfCase } from '../../../../src/renderer/db/queries';
import { createReport, performReportAction, saveDraft } from '../../../../src/renderer/db/report-actions';
import { workstation, type Desk } from './local-desk';

const opened: Desk[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const desk of opened.splice(0)) desk.store.close();
});

async function deskWith(who: Parameters<ReturnType<typeof workstation>['signIn']>[0], records: (CaseRecord | ReportRecord)[] = []) {
  const ws = workstation();
  const desk = await ws.signIn(who);
  opened.push(desk);
  if (records.length > 0) await desk.receive(records);
  return { ws, desk };
}

async function outboxMutations(desk: Desk) {
  return (await desk.sync.nextBatch(100, 1e9)).map((entry) => entry.mutation);
}

const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('an action is one transaction', () => {
  it('writes the record and appends its outbox entry, with the next seq', async () => {
    const record = caseIn('distributed');
    const { desk } = await deskWith('liaisonA', [record]);
    const first = await performCaseAction(desk.store, record.id, 'accept', {});
    const second = await performCaseAction(desk.store, record.id, 'assign', { assigneeIds: [PEOPLE.fieldA1.id] });
    expect(first.record.status).toBe('in_follow_up');
    expect((await getCase(desk.store, record.id))?.record).toMatchObject({ status: 'in_follow_up', assigneeIds: [PEOPLE.fieldA1.id] });
    const mutations = await outboxMutations(desk);
    expect(mutations).toEqual([first.mutation, second.mutation]);
    expect(mutations.map((m) => m.seq)).toEqual([1, 2]);
    expect(mutations[0]).toMatchObject({ entity: 'case', entityId: record.id, op: 'action', action: 'accept', baseVersion: 1, fields: {}, baseValues: {} });
    expect(mutations[1]).toMatchObject({ action: 'assign', payload: { regionalUnitIds: [], assigneeIds: [PEOPLE.fieldA1.id] } });
    // Exactly what the server accepts.
    expect(() => pushRequestSchema.parse({ protocolVersion: 1, deviceId: desk.store.deviceId, mutations })).not.toThrow();
    expect(mutations[0]!.mutationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect((await getCase(desk.store, record.id))?.hasUnsentWork).toBe(true);
  });

  it('a quota error in the middle of an action leaves the record, the outbox and the sequence as they were', async () => {
    const record = caseIn('distributed');
    const { desk } = await deskWith('liaisonA', [record]);
    await performCaseAction(desk.store, record.id, 'accept', {});
    const rowBefore = await desk.store.db.cases.get(record.id);
    const seqBefore = await desk.store.db.meta.get('nextSeq');
    // The case row is written first; the outbox append then fails as a full disk would.
    const put = vi.spyOn(desk.store.db.cases, 'put');
    vi.spyOn(desk.store.db.outbox, 'add').mockImplementation(() => Promise.reject(quotaError()) as never);
    const failure = await performCaseAction(desk.store, record.id, 'assign', { assigneeIds: [PEOPLE.fieldA1.id] }).catch((error: unknown) => error);
    expect(put).toHaveBeenCalled();
    expect(failure).toBeInstanceOf(LocalStoreError);
    expect(failure).toMatchObject({ code: 'storage_full', message: expect.stringContaining('Ruang penyimpanan penuh') });
    vi.restoreAllMocks();
    expect(await desk.store.db.cases.get(record.id)).toEqual(rowBefore);
    expect(await desk.store.db.meta.get('nextSeq')).toEqual(seqBefore);
    expect((await outboxMutations(desk)).map((m) => m.action)).toEqual(['accept']);
    expect((await getCase(desk.store, record.id))?.record.assigneeIds).toEqual([]);
  });

  it('a quota error on the record itself also writes nothing (Dexie\'s wrapped error is recognised)', async () => {
    const { desk } = await deskWith('admin');
    vi.spyOn(desk.store.db.cases, 'add').mockImplementation(() => Promise.reject(Object.assign(new Error('aborted'), { name: 'AbortError', inner: quotaError() })) as never);
    await expect(registerWalkInCase(desk.store, { kind: 'complaint', title: 'Tidak menerima PKH', description: 'Uraian.' })).rejects.toMatchObject({ code: 'storage_full' });
    vi.restoreAllMocks();
    expect(await desk.store.db.cases.count()).toBe(0);
    expect(await desk.store.db.outbox.count()).toBe(0);
  });
});

describe('the shared transition table decides locally', () => {
  it('a refused step throws the shared code and reason and writes nothing', async () => {
    const record = caseIn('received');
    const { ws, desk } = await deskWith('liaisonA', [record]);
    const before = await ws.rawText('liaisonA');
    const refusal = await performCaseAction(desk.store, record.id, 'verify', { topic: 'pkh' }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ActionRefusedError);
    expect(refusal).toMatchObject({ code: 'forbidden', reason: expect.stringContaining('Peran Anda') });
    await expect(performCaseAction(desk.store, record.id, 'accept', {})).rejects.toMatchObject({ code: 'transition_not_allowed' });
    expect(await ws.rawText('liaisonA')).toBe(before);
  });

  it('guards and payload checks refuse too: another unit, a UPT assigning outside itself, a missing reason', async () => {
    const ours = caseIn('in_follow_up');
    const theirs = caseIn('distributed', { unitId: UNITS.workB.id, regionalUnitIds: [UNITS.uptB1.id] });
    const { desk } = await deskWith('liaisonA', [ours, theirs]);
    await expect(performCaseAction(desk.store, theirs.id, 'accept', {})).rejects.toMatchObject({ code: 'forbidden', reason: 'Kasus ini bukan milik unit Anda.' });
    await expect(performCaseAction(desk.store, ours.id, 'assign', { assigneeIds: [PEOPLE.fieldB1.id] })).rejects.toMatchObject({ code: 'guard_failed' });
    await expect(performCaseAction(desk.store, ours.id, 'finish', { note: 'Selesai.', channelReference: 'LAPOR-TL-1' })).rejects.toMatchObject({
      code: 'guard_failed',
      reason: 'Belum ada laporan penanganan yang ditutup pimpinan.',
    });
    expect(await desk.store.db.outbox.count()).toBe(0);
  });

  it('the auditor reads only', async () => {
    const record = caseIn('in_follow_up');
    const { desk } = await deskWith('auditor', [record]);
    await expect(updateCaseFields(desk.store, record.id, { urgency: 'urgent' })).rejects.toMatchObject({ code: 'read_only' });
    await expect(performCaseAction(desk.store, record.id, 'rate', { rating: 5 })).rejects.toMatchObject({ code: 'read_only' });
  });

  it('without the synced directory the step cannot be checked, and says so', async () => {
    const ws = workstation();
    const desk = await ws.signIn('liaisonA', { withDirectory: false });
    opened.push(desk);
    const record = caseIn('distributed');
    await desk.receive([record]);
    await expect(performCaseAction(desk.store, record.id, 'accept', {})).rejects.toMatchObject({ code: 'directory_missing' });
  });
});

describe('field edits', () => {
  it('carry the values the officer saw as base, pending edits included, and remember the server value', async () => {
    const record = caseIn('in_follow_up');
    const { desk } = await deskWith('admin', [record]);
    await updateCaseFields(desk.store, record.id, { title: 'Judul pertama', urgency: 'urgent' });
    await updateCaseFields(desk.store, record.id, { title: 'Judul kedua' });
    expect(await updateCaseFields(desk.store, record.id, { title: 'Judul kedua' })).toBeNull();
    const [first, second] = await outboxMutations(desk);
    expect(first).toMatchObject({ op: 'update', baseVersion: 1, fields: { title: 'Judul pertama', urgency: 'urgent' }, baseValues: { title: record.title, urgency: 'normal' } });
    expect(second).toMatchObject({ fields: { title: 'Judul kedua' }, baseValues: { title: 'Judul pertama' } });
    const local = await getCase(desk.store, record.id);
    expect(local?.record).toMatchObject({ title: 'Judul kedua', urgency: 'urgent', version: 1 });
    expect(local?.serverValues).toEqual({ title: record.title, urgency: 'normal' });
  });

  it('refuse fields nobody edits directly, roles that may not, and invalid values', async () => {
    const record = caseIn('in_follow_up');
    const { desk } = await deskWith('liaisonA', [record]);
    await expect(updateCaseFields(desk.store, record.id, { title: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(updateCaseFields(desk.store, record.id, { status: 'finished' } as never)).rejects.toMatchObject({ code: 'invalid_body' });
    await expect(updateCaseFields(desk.store, record.id, { urgency: 'sangat' } as never)).rejects.toMatchObject({ code: 'invalid_body' });
    expect(await desk.store.db.outbox.count()).toBe(0);
  });
});

describe('walk-in complaints (admin)', () => {
  it('exist locally at once, with a create the server accepts, and flag possible duplicates by NIK', async () => {
    const known = caseIn('in_follow_up');
    const { desk } = await deskWith('admin', [known]);
    const created = await registerWalkInCase(desk.store, {
      kind: 'complaint',
      title: 'PKH tahap 3 belum cair',
      description: 'Datang langsung ke kantor membawa fotokopi KK.',
      reporter: { name: 'Siti Aminah', nik: known.reporter.nik, phone: '0812-3456-7890' },
    });
    expect(created.record).toMatchObject({ status: 'received', channel: 'walk_in', version: 1, reporter: { phone: '+6281234567890' }, possibleDuplicateIds: [known.id] });
    expect(created.record.ticketId).toMatch(/^DL-\d{8}-[A-Z2-9]{6}$/);
    const [create] = await outboxMutations(desk);
    expect(create).toMatchObject({ op: 'create', entity: 'case', entityId: created.record.id, baseVersion: null });
    expect(create!.fields).not.toHaveProperty('status');
    expect(mutationSchema.parse(create).fields).toMatchObject({ title: 'PKH tahap 3 belum cair', reporter: { nik: known.reporter.nik } });
    expect((await getCase(desk.store, created.record.id))?.isOnServer).toBe(false);
  });

  it('link a confidential complaint only to confidential ones, and an anonymous one to none', async () => {
    const open = caseIn('in_follow_up');
    const secret = caseIn('in_follow_up', { isConfidential: true, reporter: { ...open.reporter } });
    const { desk } = await deskWith('admin', [open, secret]);
    const register = (privacy: { isConfidential?: boolean; isAnonymous?: boolean }) =>
      registerWalkInCase(desk.store, {
        kind: 'complaint',
        title: 'PKH tahap 3 belum cair',
        description: 'Datang langsung.',
        reporter: { name: 'Siti Aminah', nik: open.reporter.nik },
        ...privacy,
      });
    expect((await register({})).record.possibleDuplicateIds).toEqual([open.id]);
    expect((await register({ isConfidential: true })).record.possibleDuplicateIds).toEqual([secret.id]);
    expect((await register({ isAnonymous: true })).record.possibleDuplicateIds).toEqual([]);
  });

  it('are refused for other roles and for invalid identity numbers', async () => {
    const liaison = await deskWith('liaisonA');
    await expect(registerWalkInCase(liaison.desk.store, { kind: 'complaint', title: 'T', description: 'D' })).rejects.toMatchObject({ code: 'forbidden' });
    const admin = await deskWith('admin');
    await expect(
      registerWalkInCase(admin.desk.store, { kind: 'complaint', title: 'T', description: 'D', reporter: { nik: '1234' } }),
    ).rejects.toMatchObject({ code: 'invalid_body', reason: expect.stringContaining('NIK') });
    expect(await admin.desk.store.db.cases.count()).toBe(0);
  });
});

describe('handling reports', () => {
  it('a field worker creates, autosaves and submits; each save appends its own update', async () => {
    const record = caseIn('in_follow_up');
    const { desk } = await deskWith('fieldA1', [record]);
    const created = await createReport(desk.store, record.id, { findings: 'Rekening KKS belum aktif.' });
    await saveDraft(desk.store, created.record.id, { actionsTaken: 'Mendampingi ke bank.' });
    await saveDraft(desk.store, created.record.id, { actionsTaken: 'Mendampingi ke bank penyalur.', visitDate: '2026-11-04', method: 'home_visit', outcome: 'resolved' });
    await expect(performReportAction(desk.store, created.record.id, 'approve', {})).rejects.toMatchObject({ code: 'transition_not_allowed' });
    const submitted = await performReportAction(desk.store, created.record.id, 'submit', {});
    expect(submitted.record).toMatchObject({ status: 'submitted', authorId: PEOPLE.fieldA1.id, unitId: UNITS.uptA1.id, submittedAt: expect.any(String) });
    const mutations = await outboxMutations(desk);
    expect(mutations.map((m) => [m.op, m.action])).toEqual([['create', null], ['update', null], ['update', null], ['action', 'submit']]);
    expect(mutations[0]!.fields).toMatchObject({ caseId: record.id, findings: 'Rekening KKS belum aktif.' });
    expect(mutations[2]).toMatchObject({ baseValues: { actionsTaken: 'Mendampingi ke bank.', visitDate: null } });
    expect((await listReportsOfCase(desk.store, record.id))[0]).toMatchObject({ hasUnsentWork: true, record: { status: 'submitted' } });
  });

  it('an edit names as its base the value the officer’s form started from, so a change made meanwhile comes back as a conflict', async () => {
    const record = caseIn('in_follow_up');
    const { desk } = await deskWith('fieldA1', [record]);
    const created = await createReport(desk.store, record.id, { findings: 'Rekening belum aktif.' });
    // The form loaded "Rekening belum aktif."; the record meanwhile holds a correction.
    await saveDraft(desk.store, created.record.id, { findings: 'Rekening KKS belum aktif sejak Agustus.' });
    await saveDraft(desk.store, created.record.id, { findings: 'Rekening belum aktif (revisi).' }, { findings: 'Rekening belum aktif.' });
    const mutations = await outboxMutations(desk);
    expect(mutations[2]).toMatchObject({ fields: { findings: 'Rekening belum aktif (revisi).' }, baseValues: { findings: 'Rekening belum aktif.' } });
    expect(Object.keys(mutations[2]!.fields)).toEqual(['findings']);
  });

  it('an incomplete draft cannot be submitted, and nothing is written', async () => {
    const record = caseIn('in_follow_up');
    const { desk } = await deskWith('fieldA1', [record]);
    const created = await createReport(desk.store, record.id, {});
    await expect(performReportAction(desk.store, created.record.id, 'submit', {})).rejects.toMatchObject({ code: 'guard_failed', reason: expect.stringContaining('Lengkapi') });
    expect(await desk.store.db.outbox.count()).toBe(1);
  });

  it('the liaison officer corrects with a reason, returns, approves; the unit head closes', async () => {
    const record = caseIn('in_follow_up');
    const report = reportIn('submitted', { id: '00000000-0000-4000-8000-000000009101', caseId: record.id });
    const liaison = await deskWith('liaisonA', [record, report]);
    await expect(performReportAction(liaison.desk.store, report.id, 'correct', { field: 'findings', value: 'Lebih tepat.', reason: '' })).rejects.toMatchObject({ code: 'invalid_body' });
    const corrected = await performReportAction(liaison.desk.store, report.id, 'correct', { field: 'findings', value: 'Rekening KKS belum aktif sejak Agustus.', reason: 'Lebih tepat.' });
    expect(corrected.record.corrections).toEqual([
      expect.objectContaining({ field: 'findings', original: report.findings, corrected: 'Rekening KKS belum aktif sejak Agustus.', reason: 'Lebih tepat.', correctedBy: PEOPLE.liaisonA.id }),
    ]);
    const returned = await performReportAction(liaison.desk.store, report.id, 'return', { note: 'Lengkapi foto kunjungan.' });
    expect(returned.record).toMatchObject({ status: 'returned', returnNote: 'Lengkapi foto kunjungan.' });
    await expect(performReportAction(liaison.desk.store, report.id, 'approve', {})).rejects.toMatchObject({ code: 'transition_not_allowed' });

    const approvedReport = reportIn('approved', { id: '00000000-0000-4000-8000-000000009102', caseId: record.id });
    const head = await deskWith('headA', [record, approvedReport]);
    const closed = await performReportAction(head.desk.store, approvedReport.id, 'close', {});
    expect(closed.record).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
  });
});
