/**
 * Cases becoming overdue while the desk is open: counted through the dueAt index between the
 * last look and now, each case once, the first look only setting the starting point, and
 * closed cases (no deadline) never.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { takeCasesBecomingOverdue } from '../../../../src/renderer/db/overdue';
import { caseIn } from '../../../helpers/org-fixture';
import { workstation, type Desk } from './local-desk';

const opened: Desk[] = [];
afterEach(() => {
  for (const desk of opened.splice(0)) desk.store.close();
});

describe('cases becoming overdue', () => {
  it('reports the cases whose deadline passed since the last look, once each', async () => {
    const ws = workstation();
    const liaison = await ws.signIn('liaisonA');
    opened.push(liaison);
    const received = '2026-11-02T01:00:00.000Z'; // Monday morning, WIB
    const first = caseIn('distributed', { ticketId: 'LAPOR-DUE-1', receivedAt: received, distributedAt: received });
    const second = caseIn('distributed', { ticketId: 'LAPOR-DUE-2', receivedAt: received, distributedAt: '2026-11-03T01:00:00.000Z' });
    const closed = caseIn('rated', { ticketId: 'LAPOR-DONE', receivedAt: received, distributedAt: received });
    // Finished: its deadline is the automatic closing, which is nobody's lateness.
    const finished = caseIn('finished', { ticketId: 'LAPOR-AUTO', receivedAt: received, distributedAt: received, finishedAt: received });
    await liaison.receive([first, second, closed, finished]);
    expect((await liaison.store.db.cases.get(finished.id))!.dueAt).toEqual(expect.any(String));
    const due = async (id: string) => (await liaison.store.db.cases.get(id))!.dueAt!;
    const [firstDue, secondDue] = [await due(first.id), await due(second.id)];
    expect(firstDue < secondDue).toBe(true);
    expect((await liaison.store.db.cases.get(closed.id))!.dueAt).toBeNull();
    const at = (iso: string, ms: number) => new Date(new Date(iso).getTime() + ms);

    // The first look only sets the starting point, even though nothing is due yet.
    expect(await takeCasesBecomingOverdue(liaison.store, new Date(received))).toBeNull();
    expect(await takeCasesBecomingOverdue(liaison.store, at(firstDue, -1))).toBeNull();
    expect(await takeCasesBecomingOverdue(liaison.store, new Date(firstDue))).toEqual({ count: 1, firstTicketId: 'LAPOR-DUE-1' });
    // Asked again at the same moment, or a minute later: already told.
    expect(await takeCasesBecomingOverdue(liaison.store, new Date(firstDue))).toBeNull();
    expect(await takeCasesBecomingOverdue(liaison.store, at(firstDue, 60_000))).toBeNull();
    expect(await takeCasesBecomingOverdue(liaison.store, at(secondDue, 1))).toEqual({ count: 1, firstTicketId: 'LAPOR-DUE-2' });

    // After signing out and in again the starting point is kept: nothing is repeated, and a
    // long absence reports everything that crossed meanwhile in one notice.
    const later = caseIn('distributed', { ticketId: 'LAPOR-DUE-3', receivedAt: '2026-11-09T01:00:00.000Z', distributedAt: '2026-11-09T01:00:00.000Z' });
    const again = caseIn('distributed', { ticketId: 'LAPOR-DUE-4', receivedAt: '2026-11-09T02:00:00.000Z', distributedAt: '2026-11-09T02:00:00.000Z' });
    await liaison.receive([later, again]);
    liaison.store.close();
    opened.length = 0;
    const back = await ws.signIn('liaisonA');
    opened.push(back);
    expect(await takeCasesBecomingOverdue(back.store, at(secondDue, 2))).toBeNull();
    expect(await takeCasesBecomingOverdue(back.store, new Date('2026-12-01T00:00:00.000Z'))).toEqual({ count: 2, firstTicketId: 'LAPOR-DUE-3' });
    // The finished case's closing time passed long ago, and was never reported.
    expect((await back.store.db.cases.get(finished.id))!.dueAt! < '2026-12-01').toBe(true);
  });
});
