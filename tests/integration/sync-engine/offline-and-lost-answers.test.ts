/**
 * The engine against the real server (PGlite) through a bad link: work done offline waits and
 * goes out once on reconnection; lost answers, cut requests and stalls cost retries, never a
 * lost or doubled change. "Once" is checked on the server: one stored result and one audit
 * event per mutation of the device.
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

describe.each(STORE_KINDS)('sync engine on the %s store: offline work and lost answers', (storeKind) => {
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

  async function liaisonWithCases(count: number, options: Parameters<typeof openWorkstation>[2] = {}) {
    const records = await server.insertCases(freshCases(count));
    const office = await openWorkstation(server, 'liaisonA', { store: storeKind, ...options });
    open.push(office);
    for (const record of records) expect(await office.desk.getCase(record.id)).toBeDefined();
    return { office, records };
  }

  it('edits made offline wait in the outbox, then go out once when the network returns', async () => {
    const { office, records } = await liaisonWithCases(30);
    office.connectivity.set(false);
    office.proxy.setFaults({ refuseConnections: true });
    for (const record of records) {
      await office.desk.updateCase(record.id, { urgency: 'urgent' });
      office.engine.notifyLocalWrite();
    }
    await eventually(() => office.status.getState().sync.pendingCount === 30, 5_000, 'pending count');
    // The debounced trigger fired, found the workstation offline, and sent nothing.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const offline = office.status.getState().sync;
    expect(offline).toMatchObject({ isOnline: false, pendingCount: 30, phase: 'idle' });
    expect(offline.oldestPendingAt).not.toBeNull();
    expect(offline.nextPush.count).toBe(30);
    expect(offline.nextPush.estimatedBytes).toBeGreaterThan(0);
    expect(office.proxy.stats().refusedConnections).toBe(0);
    expect((await server.caseOnServer(records[0]!.id))?.urgency).toBe('normal');

    office.proxy.setFaults({});
    office.connectivity.set(true);
    await eventually(
      () =>
        office.status.getState().sync.pendingCount === 0 && office.status.getState().sync.phase === 'idle',
      10_000,
      'outbox drained',
    );
    for (const record of records)
      expect(await server.caseOnServer(record.id)).toMatchObject({ urgency: 'urgent', version: 2 });
    expect(await serverCounts(server, office.session.deviceId)).toEqual({ mutations: 30, events: 30 });
    const after = office.status.getState().sync;
    expect(after).toMatchObject({ isOnline: true, error: null, oldestPendingAt: null });
    expect(after.lastPushAt).not.toBeNull();
    expect(after.lastPullAt).not.toBeNull();
    // The pull after the push brought the server's versions back.
    for (const record of records)
      expect(await office.desk.getCase(record.id)).toMatchObject({ urgency: 'urgent', version: 2 });
  });

  it('a local write is sent shortly after, without anyone pressing "Sync now"', async () => {
    const { office, records } = await liaisonWithCases(1);
    const cyclesBefore = office.engine.cycles;
    await office.desk.updateCase(records[0]!.id, { urgency: 'urgent' });
    office.engine.notifyLocalWrite();
    await eventually(
      async () => (await server.caseOnServer(records[0]!.id))?.urgency === 'urgent',
      5_000,
      'the write on the server',
    );
    expect(office.engine.cycles).toBe(cyclesBefore + 1);
  });

  it('while the server is unreachable, retries back off and the error is shown in plain words', async () => {
    const { office, records } = await liaisonWithCases(3);
    office.proxy.setFaults({ refuseConnections: true });
    for (const record of records) await office.desk.updateCase(record.id, { urgency: 'urgent' });
    const failed = await office.engine.syncNow();
    expect(failed).toMatchObject({ kind: 'failed' });
    const status = office.status.getState().sync;
    expect(status.phase).toBe('waiting_to_retry');
    expect(status.error).toMatchObject({ code: 'network' });
    expect(status.error?.message).toMatch(/Tidak dapat menghubungi server/);
    expect(status.nextRetryAt).not.toBeNull();
    // Retries keep coming (backoff capped at 200 ms in tests) until the link heals.
    await eventually(() => office.proxy.stats().refusedConnections >= 3, 5_000, 'retries');
    office.proxy.setFaults({});
    await eventually(
      async () => (await office.desk.sync.summary()).pending === 0,
      5_000,
      'drained after healing',
    );
    await office.engine.whenIdle();
    expect(office.status.getState().sync.error).toBeNull();
    expect(await serverCounts(server, office.session.deviceId)).toEqual({ mutations: 3, events: 3 });
  });

  it('a push whose answer is lost is sent again as it was; the server applies it once', async () => {
    const { office, records } = await liaisonWithCases(40);
    for (const record of records) await office.desk.updateCase(record.id, { urgency: 'urgent' });
    const sentIds = (await office.desk.pending()).map((entry) => entry.mutation.mutationId);
    office.proxy.setFaults({ dropResponses: 2, dropResponsesFor: '/sync/push' });
    const first = await office.engine.syncNow();
    expect(first).toMatchObject({ kind: 'failed', error: { code: 'network' } });
    // Nothing left the outbox without an answer; the attempt was counted.
    const waiting = await office.desk.pending();
    expect(waiting.map((entry) => entry.mutation.mutationId)).toEqual(sentIds);
    expect(waiting.every((entry) => entry.attempts >= 1)).toBe(true);
    await eventually(async () => (await office.desk.sync.summary()).pending === 0, 10_000, 'drained');
    await office.engine.whenIdle();
    expect(office.proxy.stats().droppedResponses).toBe(2);
    expect(await serverCounts(server, office.session.deviceId)).toEqual({ mutations: 40, events: 40 });
    // The replays got the stored results: one result per mutation, every one applied.
    const statuses = new Map(
      office.desk.sync.acknowledged.map((result) => [result.mutationId, result.status]),
    );
    expect([...statuses.keys()].sort()).toEqual([...sentIds].sort());
    expect([...statuses.values()].every((status) => status === 'applied')).toBe(true);
    for (const record of records)
      expect(await server.caseOnServer(record.id)).toMatchObject({ urgency: 'urgent', version: 2 });
  });

  it('a connection reset mid-body applies nothing; the batch is sent again and applied once', async () => {
    const { office, records } = await liaisonWithCases(60);
    for (const record of records) await office.desk.updateCase(record.id, { urgency: 'urgent' });
    // The gzipped batch is a few kB: cut it well inside the body.
    office.proxy.setFaults({ resetAfterUpstreamBytes: 1_200 });
    const first = await office.engine.syncNow();
    expect(first).toMatchObject({ kind: 'failed', error: { code: 'network' } });
    expect(office.proxy.stats().resets).toBe(1);
    expect(await serverCounts(server, office.session.deviceId)).toEqual({ mutations: 0, events: 0 });
    await eventually(async () => (await office.desk.sync.summary()).pending === 0, 10_000, 'drained');
    await office.engine.whenIdle();
    expect(await serverCounts(server, office.session.deviceId)).toEqual({ mutations: 60, events: 60 });
  });

  it('a stalled link times out, the next batches are halved, and everything arrives once', async () => {
    const { office, records } = await liaisonWithCases(40, {
      timeouts: { baseMs: 400 },
      settings: { batch: { initialCount: 16 } },
    });
    for (const record of records) await office.desk.updateCase(record.id, { urgency: 'urgent' });
    office.proxy.setFaults({ stall: true });
    const stalled = await office.engine.syncNow();
    expect(stalled).toMatchObject({ kind: 'failed', error: { code: 'timeout' } });
    expect(office.status.getState().sync.error?.message).toMatch(/tidak menjawab tepat waktu/);
    expect(office.engine.batchBounds().count).toBe(8);
    office.proxy.setFaults({});
    await eventually(async () => (await office.desk.sync.summary()).pending === 0, 10_000, 'drained');
    await office.engine.whenIdle();
    expect(await serverCounts(server, office.session.deviceId)).toEqual({ mutations: 40, events: 40 });
  });
});
