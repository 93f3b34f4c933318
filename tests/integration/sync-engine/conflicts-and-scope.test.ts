/**
 * Two officers working offline on the same report, and cases leaving a field worker's scope,
 * end to end through the engine and the real server:
 * - the same field: the liaison officer's correction stands, the field worker's edit lands in
 *   the conflict inbox with base, mine and theirs; resolving it is a new mutation;
 * - different fields: both are kept (merged) and both workstations converge;
 * - a reassigned case disappears from the field worker's workstation, unless it holds unsent
 *   work, which surfaces (rejected with the server's reason, and a conflict) instead.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UNITS } from '../../helpers/org-fixture';
import { startServer, type TestServer } from '../../helpers/server';
import { STORE_KINDS, freshCases, openWorkstation, type Workstation } from './workstation';

const REPORT_CONTENT = {
  visitDate: '2026-11-04',
  method: 'home_visit',
  findings: 'Rekening KKS belum aktif.',
  actionsTaken: 'Pendampingan ke bank penyalur.',
  outcome: 'resolved',
  recommendation: 'Pantau pencairan.',
} as const;

describe.each(STORE_KINDS)(
  'sync engine on the %s store: conflicts, merges and scope changes',
  (storeKind) => {
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

    async function station(who: Parameters<typeof openWorkstation>[1]) {
      const opened = await openWorkstation(server, who, { store: storeKind });
      open.push(opened);
      return opened;
    }

    /** A submitted report by fieldA1 on a fresh case, seen by both workstations; both then go offline. */
    async function submittedReportSeenByBoth() {
      const [record] = await server.insertCases(freshCases(1));
      const field = await station('fieldA1');
      const liaison = await station('liaisonA');
      const caseId = record!.id;
      const creation = await field.desk.createReport(caseId, REPORT_CONTENT);
      const reportId = creation.entityId;
      await field.desk.act('report', reportId, 'submit');
      await field.syncUntilClean();
      await liaison.syncUntilClean();
      expect(await field.desk.getReport(caseId, reportId)).toMatchObject({ status: 'submitted', version: 2 });
      expect(await liaison.desk.getReport(caseId, reportId)).toMatchObject({
        status: 'submitted',
        version: 2,
      });
      for (const office of [field, liaison]) {
        office.connectivity.set(false);
        office.proxy.setFaults({ refuseConnections: true });
      }
      const reconnect = async (office: Workstation) => {
        office.proxy.setFaults({});
        office.connectivity.set(true);
        await office.syncUntilClean();
      };
      return { field, liaison, caseId, reportId, reconnect };
    }

    it('the same field changed offline by both: the correction stands, the edit waits in the conflict inbox', async () => {
      const { field, liaison, caseId, reportId, reconnect } = await submittedReportSeenByBoth();
      await liaison.desk.act('report', reportId, 'correct', {
        field: 'findings',
        value: 'Rekening KKS belum aktif sejak Agustus.',
        reason: 'Lebih tepat.',
      });
      await field.desk.updateReport(reportId, { findings: 'Rekening belum aktif (revisi lapangan).' });

      await reconnect(liaison);
      await reconnect(field);
      expect(field.desk.sync.acknowledged.at(-1)).toMatchObject({ status: 'conflict' });
      const conflicts = await field.desk.conflicts();
      expect(conflicts).toEqual([
        expect.objectContaining({
          entity: 'report',
          entityId: reportId,
          kind: 'field',
          fields: [
            expect.objectContaining({
              field: 'findings',
              base: 'Rekening KKS belum aktif.',
              mine: 'Rekening belum aktif (revisi lapangan).',
              theirs: 'Rekening KKS belum aktif sejak Agustus.',
            }),
          ],
        }),
      ]);
      expect(field.status.getState().sync.conflictCount).toBe(1);
      // The server kept the correction, and the field worker's copy shows it.
      expect((await field.desk.getReport(caseId, reportId))?.findings).toBe(
        'Rekening KKS belum aktif sejak Agustus.',
      );

      // Resolving "keep mine" is a new mutation on the current base; it applies.
      const resolution = await field.desk.resolveConflict(conflicts[0]!, 'mine');
      expect(resolution).not.toBeNull();
      await field.syncUntilClean();
      expect(field.desk.sync.acknowledged.at(-1)).toMatchObject({
        mutationId: resolution!.mutationId,
        status: 'applied',
      });
      await liaison.syncUntilClean();
      expect((await liaison.desk.getReport(caseId, reportId))?.findings).toBe(
        'Rekening belum aktif (revisi lapangan).',
      );
      expect(field.status.getState().sync.conflictCount).toBe(0);
    });

    it('different fields changed offline by both: both kept, and both workstations converge', async () => {
      const { field, liaison, caseId, reportId, reconnect } = await submittedReportSeenByBoth();
      await liaison.desk.act('report', reportId, 'correct', {
        field: 'findings',
        value: 'Rekening KKS belum aktif sejak Agustus.',
        reason: 'Lebih tepat.',
      });
      await field.desk.updateReport(reportId, { recommendation: 'Pantau pencairan tahap berikutnya.' });

      await reconnect(liaison);
      await reconnect(field);
      await liaison.syncUntilClean();
      expect(field.desk.sync.acknowledged.at(-1)).toMatchObject({ status: 'merged', version: 4 });
      expect(await field.desk.conflicts()).toEqual([]);
      const expected = {
        findings: 'Rekening KKS belum aktif sejak Agustus.',
        recommendation: 'Pantau pencairan tahap berikutnya.',
        version: 4,
      };
      const fieldCopy = await field.desk.getReport(caseId, reportId);
      expect(fieldCopy).toMatchObject(expected);
      expect(fieldCopy).toEqual(await liaison.desk.getReport(caseId, reportId));
    });

    it('a case reassigned to another unit disappears from the field worker’s workstation', async () => {
      const [record] = await server.insertCases(freshCases(1));
      const field = await station('fieldA1');
      expect(await field.desk.getCase(record!.id)).toBeDefined();
      const admin = await server.login('admin');
      await admin.push([
        admin.action(
          record!.id,
          'reassign',
          { unitId: UNITS.workB.id, regionalUnitIds: [UNITS.uptB1.id], reason: 'Salah unit.' },
          1,
        ),
      ]);
      await field.syncUntilClean();
      expect(await field.desk.getCase(record!.id)).toBeUndefined();
      expect(await field.desk.eventsOf(record!.id)).toBe(0);
      expect(await field.desk.conflicts()).toEqual([]);
    });

    it('a reassigned case holding unsent work stays, and the work surfaces with the server’s reason', async () => {
      const [record] = await server.insertCases(freshCases(1));
      const field = await station('fieldA1');
      const admin = await server.login('admin');
      await admin.push([
        admin.action(
          record!.id,
          'reassign',
          { unitId: UNITS.workB.id, regionalUnitIds: [UNITS.uptB1.id], reason: 'Salah unit.' },
          1,
        ),
      ]);
      // The page carrying the removal is on its way when the field worker writes a report.
      field.proxy.setFaults({ holdResponses: true });
      const cycle = field.engine.syncNow();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const draft = await field.desk.createReport(record!.id, REPORT_CONTENT);
      field.proxy.setFaults({});
      expect(await cycle).toMatchObject({ kind: 'synced', pushed: 0 });
      expect(await field.desk.getCase(record!.id)).toBeDefined();
      expect(await field.desk.conflicts()).toEqual([
        expect.objectContaining({ entityId: record!.id, kind: 'removed_from_scope' }),
      ]);
      expect(field.status.getState().sync.conflictCount).toBe(1);

      // Sent next: the server refuses a report on a case outside the worker's scope. The
      // refusal is kept, visible, with the reason.
      await field.syncUntilClean();
      expect(await field.desk.rejected()).toEqual([
        expect.objectContaining({
          mutation: expect.objectContaining({ mutationId: draft.mutationId }),
          code: 'not_found',
        }),
      ]);
      expect(field.status.getState().sync.rejectedCount).toBe(1);
    });
  },
);
