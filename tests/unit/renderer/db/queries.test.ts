/** The queue, search and unsent-work marks work on plaintext indexes and read like the desk needs them. */
import { afterEach, describe, expect, it } from 'vitest';
import { caseIn, PEOPLE, UNITS } from '../../../helpers/org-fixture';
import { updateCaseFields } from '../../../../src/renderer/db/case-actions';
import { casesWithUnsentWork, hasUnsentWork, queryCaseQueue, searchCases } from '../../../../src/renderer/db/queries';
import { workstation, type Desk } from './local-desk';

const opened: Desk[] = [];
afterEach(() => {
  for (const desk of opened.splice(0)) desk.store.close();
});

describe('queries', () => {
  it('the queue: urgent first, then the nearest deadline; filters by status, topic, urgency, unit', async () => {
    const admin = await workstation().signIn('admin');
    opened.push(admin);
    const late = caseIn('in_follow_up', { title: 'Distribusi lama', distributedAt: '2026-11-02T02:00:00.000Z' });
    const early = caseIn('in_follow_up', { title: 'Distribusi baru', distributedAt: '2026-11-09T02:00:00.000Z' });
    const urgentTopic = caseIn('in_follow_up', { topic: 'disaster', distributedAt: '2026-11-10T02:00:00.000Z' });
    const urgent = caseIn('distributed', { urgency: 'urgent', distributedAt: '2026-11-10T02:00:00.000Z' });
    const received = caseIn('received', { receivedAt: '2026-11-01T02:00:00.000Z' });
    const otherUnit = caseIn('in_follow_up', { unitId: UNITS.workB.id, regionalUnitIds: [UNITS.uptB1.id], topic: 'bpnt' });
    await admin.receive([late, early, urgentTopic, urgent, received, otherUnit]);

    const queue = await queryCaseQueue(admin.store, { statuses: ['in_follow_up', 'distributed'], unitId: UNITS.workA.id });
    expect(queue.map((c) => c.id)).toEqual([urgent.id, urgentTopic.id, late.id, early.id]);
    expect(queue[0]).toMatchObject({ ticketId: urgent.ticketId, dueAt: expect.any(String), hasUnsentWork: false });
    expect((await queryCaseQueue(admin.store, { topics: ['bpnt'] })).map((c) => c.id)).toEqual([otherUnit.id]);
    expect((await queryCaseQueue(admin.store, { urgency: 'urgent' })).map((c) => c.id)).toEqual([urgent.id]);
    expect((await queryCaseQueue(admin.store, { unitId: UNITS.uptB1.id })).map((c) => c.id)).toEqual([otherUnit.id]);
    expect((await queryCaseQueue(admin.store, { assigneeId: PEOPLE.fieldA1.id, limit: 2 })).length).toBe(2);
    expect((await queryCaseQueue(admin.store, { statuses: ['in_follow_up'], offset: 1, limit: 2 })).length).toBe(2);
    expect((await queryCaseQueue(admin.store)).length).toBe(6);
  });

  it('search by ticket id prefix and by title words, case-insensitively', async () => {
    const admin = await workstation().signIn('admin');
    opened.push(admin);
    const pkh = caseIn('in_follow_up', { ticketId: 'LAPOR-7781', title: 'Bantuan PKH belum cair' });
    const bpnt = caseIn('in_follow_up', { ticketId: 'WBS-0012', title: 'Kartu BPNT tidak aktif' });
    await admin.receive([pkh, bpnt]);
    expect((await searchCases(admin.store, 'lapor-77')).map((c) => c.id)).toEqual([pkh.id]);
    expect((await searchCases(admin.store, 'pkh cair')).map((c) => c.id)).toEqual([pkh.id]);
    expect((await searchCases(admin.store, 'kart')).map((c) => c.id)).toEqual([bpnt.id]);
    expect(await searchCases(admin.store, 'pkh aktif')).toEqual([]);
    expect(await searchCases(admin.store, '  ')).toEqual([]);
  });

  it('search results obey the queue filters: status, topic, urgency, unit (with copies), assignee', async () => {
    const admin = await workstation().signIn('admin');
    opened.push(admin);
    const mine = caseIn('in_follow_up', { ticketId: 'LAPOR-9001', title: 'Bantuan PKH belum cair', regionalUnitIds: [UNITS.uptA2.id], assigneeIds: [PEOPLE.fieldA1.id] });
    const copied = caseIn('distributed', { ticketId: 'LAPOR-9002', title: 'Bantuan PKH ganda', unitId: UNITS.workB.id, regionalUnitIds: [UNITS.uptA1.id], assigneeIds: [], topic: 'bpnt', urgency: 'urgent' });
    await admin.receive([mine, copied]);
    const ids = async (filter: Parameters<typeof searchCases>[3]) => (await searchCases(admin.store, 'bantuan pkh', 50, filter)).map((c) => c.id).sort();
    expect(await ids({})).toEqual([mine.id, copied.id].sort());
    expect(await ids({ statuses: ['distributed'] })).toEqual([copied.id]);
    expect(await ids({ topics: ['bpnt'] })).toEqual([copied.id]);
    expect(await ids({ urgency: 'urgent' })).toEqual([copied.id]);
    // "My unit" includes cases copied to it, as the queue does.
    expect(await ids({ unitId: UNITS.uptA1.id })).toEqual([copied.id]);
    expect(await ids({ assigneeId: PEOPLE.fieldA1.id })).toEqual([mine.id]);
    expect((await searchCases(admin.store, 'lapor-900', 50, { assigneeId: PEOPLE.fieldA1.id })).map((c) => c.id)).toEqual([mine.id]);
  });

  it('marks cases with unsent work', async () => {
    const liaison = await workstation().signIn('liaisonA');
    opened.push(liaison);
    const [a, b] = [caseIn('in_follow_up'), caseIn('in_follow_up')];
    await liaison.receive([a, b]);
    await updateCaseFields(liaison.store, a.id, { urgency: 'urgent' });
    expect(await hasUnsentWork(liaison.store, a.id)).toBe(true);
    expect(await hasUnsentWork(liaison.store, b.id)).toBe(false);
    expect(await casesWithUnsentWork(liaison.store)).toEqual(new Set([a.id]));
    expect((await queryCaseQueue(liaison.store)).find((c) => c.id === a.id)).toMatchObject({ hasUnsentWork: true, urgency: 'urgent' });
  });
});
