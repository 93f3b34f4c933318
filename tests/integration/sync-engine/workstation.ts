/**
 * A workstation for the engine's integration tests: a local store (the real Dexie one, or the
 * in-memory reference: see desk.ts), a signed-in session, the real HTTP client and engine,
 * talking to the real server through its own fault-injecting proxy (so each office can have
 * its own bad link).
 *
 *   const office = await openWorkstation(server, 'fieldA1', { store: 'dexie' });
 *   office.proxy.setFaults({ dropResponses: 1 });
 *   await office.desk.updateReport(reportId, { findings: '…' });
 *   await office.syncUntilClean();
 */
import { randomBytes } from 'node:crypto';
import { uuidv7, type CaseRecord } from '../../../src/shared';
import { PEOPLE, caseIn, type PersonKey } from '../../helpers/org-fixture';
import { TEST_PASSWORD, usernameOf, type TestServer } from '../../helpers/server';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy';
import { z } from 'zod';
import { memoryDesk, openDexieDesk, type StoreKind, type TestDesk } from './desk';
import {
  SyncEngine,
  SyncHttpClient,
  SyncNetworkError,
  createInProcessLockManager,
  createSyncStatusStore,
  manualConnectivity,
  memorySessionSource,
  statusSinkOf,
  type AttachmentPhase,
  type CycleOutcome,
  type SessionSource,
  type SyncEngineSettings,
  type SyncLockManager,
  type SyncStatusStore,
  type RequestTimeouts,
} from '../../../src/renderer/sync';

/** Quick retries and no spontaneous timer cycles: tests decide when to sync. */
export const TEST_ENGINE_SETTINGS: Partial<SyncEngineSettings> = {
  periodicIntervalMs: 3_600_000,
  localWriteDebounceMs: 50,
  backoff: { baseMs: 20, maxMs: 200 },
};

export const TEST_TIMEOUTS: Partial<RequestTimeouts> = { baseMs: 3_000, minBytesPerSecond: 20_000 };

/** The stores to run against: TINDAK_SYNC_STORES=dexie,memory (default both). */
export const STORE_KINDS: StoreKind[] = (process.env.TINDAK_SYNC_STORES ?? 'dexie,memory')
  .split(',')
  .map((kind) => kind.trim())
  .filter((kind): kind is StoreKind => kind === 'dexie' || kind === 'memory');

export interface WorkstationOptions {
  store?: StoreKind;
  settings?: Partial<SyncEngineSettings>;
  timeouts?: Partial<RequestTimeouts>;
  attachments?: (client: SyncHttpClient) => AttachmentPhase;
  /** Start without the engine (e.g. to make offline edits first). */
  startEngine?: boolean;
}

export interface Workstation {
  who: PersonKey;
  userId: string;
  desk: TestDesk;
  session: SessionSource & { ended: number };
  client: SyncHttpClient;
  proxy: TcpProxy;
  status: SyncStatusStore;
  connectivity: ReturnType<typeof manualConnectivity>;
  /** One lock manager per workstation: the in-process fallback, as one machine's windows share it. */
  locks: SyncLockManager;
  engine: SyncEngine;
  /** Stops the current engine (as a closed or crashed window) and starts a new one on the same store. */
  restartEngine(): Promise<SyncEngine>;
  /** Syncs until the outbox is empty and a cycle succeeds (at most `maxCycles`). */
  syncUntilClean(maxCycles?: number): Promise<CycleOutcome>;
  close(): Promise<void>;
}

export async function openWorkstation(
  server: TestServer,
  who: PersonKey,
  options: WorkstationOptions = {},
): Promise<Workstation> {
  const proxy = await startTcpProxy(server.url);
  const deviceId = `ws-${who}-${randomBytes(4).toString('hex')}`;
  const session = memorySessionSource(deviceId);
  const client = new SyncHttpClient({
    baseUrl: proxy.url,
    session,
    timeouts: { ...TEST_TIMEOUTS, ...options.timeouts },
  });
  await settingUp(() => client.login(usernameOf(who), TEST_PASSWORD));
  let desk: TestDesk;
  if ((options.store ?? 'dexie') === 'dexie') {
    const directory = await settingUp(() =>
      client.sendJson('GET', '/sync/directory', undefined, z.unknown()),
    );
    desk = await openDexieDesk(who, deviceId, directory.data);
  } else {
    desk = memoryDesk(who, deviceId);
  }
  const store = desk.sync;
  const status = createSyncStatusStore();
  const connectivity = manualConnectivity(true);
  const locks = createInProcessLockManager();
  const attachments = options.attachments?.(client);

  const newEngine = () =>
    new SyncEngine({
      store,
      transport: client,
      status: statusSinkOf(status),
      locks,
      connectivity,
      channel: null,
      settings: { ...TEST_ENGINE_SETTINGS, ...options.settings },
      ...(attachments ? { attachments } : {}),
    });

  const station: Workstation = {
    who,
    userId: PEOPLE[who].id,
    desk,
    session,
    client,
    proxy,
    status,
    connectivity,
    locks,
    engine: newEngine(),
    async restartEngine() {
      await station.engine.stop();
      station.engine = newEngine();
      await station.engine.start();
      await station.engine.whenIdle();
      return station.engine;
    },
    async syncUntilClean(maxCycles = 20) {
      let last: CycleOutcome = { kind: 'skipped', reason: 'standby' };
      for (let cycle = 0; cycle < maxCycles; cycle += 1) {
        last = await station.engine.syncNow();
        if (last.kind === 'synced' && (await store.summary()).pending === 0) return last;
      }
      throw new Error(`${who}: not clean after ${maxCycles} cycles: ${JSON.stringify(last)}`);
    },
    async close() {
      await station.engine.stop();
      await proxy.close();
      desk.close();
    },
  };
  if (options.startEngine !== false) {
    await station.engine.start();
    await station.engine.whenIdle();
  }
  return station;
}

/**
 * Setup requests, tried twice: a new proxy can get the port of one closed a moment ago, and
 * fetch's pool may still hold a dead keep-alive connection to it (the engine itself retries
 * such failures; setup has no engine yet).
 */
async function settingUp<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (!(error instanceof SyncNetworkError)) throw error;
    return request();
  }
}

/** Counts what the server holds for a device: stored mutation results and audit events. */
export async function serverCounts(
  server: TestServer,
  deviceId: string,
): Promise<{ mutations: number; events: number }> {
  const mutations = await server.db.query<{ n: string }>(
    'select count(*) as n from mutations where device_id = $1',
    [deviceId],
  );
  const events = await server.db.query<{ n: string }>(
    "select count(*) as n from case_events where data->>'deviceId' = $1",
    [deviceId],
  );
  return { mutations: Number(mutations.rows[0]?.n ?? 0), events: Number(events.rows[0]?.n ?? 0) };
}

/** Resolves when `predicate` holds, polling; fails after `timeoutMs`. */
export async function eventually(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Cases of work unit A in `status`, each with its own id and ticket, assigned to fieldA1. */
export function freshCases(
  count: number,
  status: Parameters<typeof caseIn>[0] = 'in_follow_up',
  overrides: Partial<CaseRecord> = {},
): CaseRecord[] {
  return Array.from({ length: count }, () => {
    const id = uuidv7();
    return caseIn(status, { id, ticketId: `SYNC-${id.slice(-12)}`, ...overrides });
  });
}
