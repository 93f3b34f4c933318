/**
 * The engine stopped at the worst moments (a window closed or crashed mid-push) and a new one
 * started on the same database: nothing is lost and nothing reaches the server twice,
 * counted on the server (stored mutation results and audit events of the device).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import {
  STORE_KINDS,
  eventually,
  freshCases,
  openWorkstation,
  serverCounts,
  type Workstation,
} from './workstation';

describe.each(STORE_KINDS)(
  'sync engine on the %s store: killed mid-push, restarted on the same database',
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

    async function adminWithEdits(count: number, descriptionLength = 40) {
      const records = await server.insertCases(freshCases(count));
      const office = await openWorkstation(server, 'admin', { store: storeKind });
      open.push(office);
      for (const [i, record] of records.entries()) {
        await office.desk.updateCase(record.id, {
          description: `Uraian diperbarui ${i}: ${'keluhan bansos belum cair '.repeat(descriptionLength / 20)}`,
        });
      }
      return { office, records };
    }

    it('killed after the server committed, before the answer came: the new engine resends and the server answers from its records', async () => {
      const { office, records } = await adminWithEdits(25);
      office.proxy.setFaults({ holdResponses: true });
      const cycle = office.engine.syncNow();
      await eventually(
        async () => (await serverCounts(server, office.session.deviceId)).mutations === 25,
        5_000,
        'server commit',
      );
      await office.engine.stop();
      expect(await cycle).toEqual({ kind: 'skipped', reason: 'stopped' });
      expect(office.status.getState().sync.phase).toBe('stopped');
      expect((await office.desk.sync.summary()).pending).toBe(25);

      office.proxy.setFaults({});
      await office.restartEngine();
      expect((await office.desk.sync.summary()).pending).toBe(0);
      expect(await serverCounts(server, office.session.deviceId)).toEqual({ mutations: 25, events: 25 });
      expect(
        office.desk.sync.acknowledged.every((result) => result.status === 'applied' && result.version === 2),
      ).toBe(true);
      for (const record of records) expect((await server.caseOnServer(record.id))?.version).toBe(2);
    });

    it('killed while the body was still on the wire: the server saw nothing, the new engine sends it once', async () => {
      const { office } = await adminWithEdits(120, 400);
      // About 10 kB/s: the compressed batch takes a good second to cross.
      office.proxy.setFaults({ bandwidthBytesPerSecond: 10_000 });
      office.proxy.resetStats();
      const cycle = office.engine.syncNow();
      await eventually(() => office.proxy.stats().upstreamBytes > 2_000, 5_000, 'body on the wire');
      await office.engine.stop();
      expect(await cycle).toEqual({ kind: 'skipped', reason: 'stopped' });
      expect(await serverCounts(server, office.session.deviceId)).toEqual({ mutations: 0, events: 0 });
      expect((await office.desk.sync.summary()).pending).toBe(120);

      office.proxy.setFaults({});
      await office.restartEngine();
      await office.syncUntilClean();
      expect(await serverCounts(server, office.session.deviceId)).toEqual({ mutations: 120, events: 120 });
    });

    it('crashed between the answer and the local acknowledgement: the replay returns the stored results', async () => {
      const { office } = await adminWithEdits(10);
      office.desk.sync.failNext.set('acknowledge', new Error('renderer crashed'));
      const crashed = await office.engine.syncNow();
      expect(crashed).toMatchObject({ kind: 'failed', error: { code: 'storage_failed' } });
      expect(await serverCounts(server, office.session.deviceId)).toEqual({ mutations: 10, events: 10 });
      expect((await office.desk.sync.summary()).pending).toBe(10);

      await office.restartEngine();
      expect((await office.desk.sync.summary()).pending).toBe(0);
      expect(await serverCounts(server, office.session.deviceId)).toEqual({ mutations: 10, events: 10 });
      expect(office.desk.sync.acknowledged).toHaveLength(10);
    });

    it('a second engine for the same user waits for the lock and takes over when the first stops', async () => {
      const { office } = await adminWithEdits(5);
      const first = office.engine;
      const { SyncEngine } = await import('../../../src/renderer/sync');
      const second = new SyncEngine({
        store: office.desk.sync,
        transport: office.client,
        locks: office.locks,
        connectivity: office.connectivity,
        channel: null,
      });
      const secondStarted = second.start();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(second.isRunning).toBe(false);
      expect(await second.syncNow()).toEqual({ kind: 'skipped', reason: 'standby' });
      expect((await office.desk.sync.summary()).pending).toBe(5);
      await first.stop();
      expect(await secondStarted).toBe(true);
      await second.whenIdle();
      expect((await office.desk.sync.summary()).pending).toBe(0);
      await second.stop();
      expect(await serverCounts(server, office.session.deviceId)).toEqual({ mutations: 5, events: 5 });
    });
  },
);
