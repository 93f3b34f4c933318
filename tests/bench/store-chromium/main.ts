/**
 * The page of the local-store benchmark (tests/bench/store-chromium.ts drives it through
 * `window.__storeBench`): the real local store on Chromium's IndexedDB and WebCrypto, a raw
 * Dexie table beside it as the floor, and PouchDB (pouchdb-browser, its IndexedDB adapter)
 * for the replication comparison. Every measurement runs on a database of its own, created
 * fresh, so no run warms or fills another's.
 */
import Dexie from 'dexie';
import PouchDB from 'pouchdb-browser';
import { z } from 'zod';
import { uuidv7, type CaseRecord, type PulledChange } from '../../../src/shared';
import {
  LocalSyncStore,
  openUserStore,
  updateCaseFields,
  type DirectorySnapshot,
  type UserStore,
} from '../../../src/renderer/db';
import { SCHEMA_LATEST_CASES, databaseNameFor } from '../../../src/renderer/db/database';
import { identityHashes, sealCaseRow } from '../../../src/renderer/db/record-rows';
import { caseQueueKeys } from '../../../src/renderer/db/case-queue-keys';
import { SyncEngine, SyncHttpClient, memorySessionSource } from '../../../src/renderer/sync';

/** Argon2id at its cheapest: sign-in is not what is measured. */
const CHEAP_KDF = { algorithm: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 } as const;
const PASSWORD = 'tolok-ukur-2026';

export interface ApplyResult {
  count: number;
  pages: number;
  /** Raw Dexie: the pulled records as they came, bulkPut page by page into a table with the cases indexes. */
  rawMs: number;
  /** The local store: LocalSyncStore.applyPulledPage, page by page, as the engine calls it. */
  tindakMs: number;
  /** Raw Dexie again, with the rows the local store wrote (sealed, hashed, queue keys): the IndexedDB share of tindakMs. */
  rawStoredRowsMs: number;
  storedRows: number;
}

export interface EditResult {
  /** Wall time of each updateCaseFields call, in order. */
  samplesMs: number[];
  outboxRows: number;
}

export interface Breakdown {
  sealRowMs: number;
  queueKeysMs: number;
  keyedHashesMs: number;
  bulkGetMissingMs: number;
  sealWhileReadingMs: number;
  bulkGetPresentMs: number;
}

export interface ReplicationResult {
  ms: number;
  docs: number;
}

let cases: CaseRecord[] = [];
let directory: DirectorySnapshot | null = null;
const stores: UserStore[] = [];

async function openFreshStore(userId: string, adminUnitId: string): Promise<UserStore> {
  await Dexie.delete(databaseNameFor(userId));
  const store = await openUserStore({ userId, password: PASSWORD, kdfParams: CHEAP_KDF });
  await store.saveProfile({ id: userId, role: 'admin', unitId: adminUnitId });
  if (directory) await store.saveDirectorySnapshot(directory);
  stores.push(store);
  return store;
}

function pagesOf<Row>(records: readonly Row[], pageSize: number): Row[][] {
  const pages: Row[][] = [];
  for (let i = 0; i < records.length; i += pageSize) pages.push(records.slice(i, i + pageSize));
  return pages;
}

/** The raw floor: the same records, the same page size, a table declared with the same indexes. */
async function rawBulkPut<Row>(pages: readonly Row[][]): Promise<number> {
  const name = `raw-${uuidv7()}`;
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' });
  db.version(1).stores({ cases: SCHEMA_LATEST_CASES });
  await db.open();
  const table = db.table<Row, string>('cases');
  const started = performance.now();
  for (const page of pages) await table.bulkPut(page);
  const ms = performance.now() - started;
  db.close();
  await Dexie.delete(name);
  return ms;
}

let lastApplyStore: UserStore | null = null;

const api = {
  async load(url: string, snapshot: DirectorySnapshot): Promise<number> {
    cases = (await (await fetch(url)).json()) as CaseRecord[];
    directory = snapshot;
    return cases.length;
  },

  async apply(count: number, pageSize: number, adminUnitId: string): Promise<ApplyResult> {
    const records = cases.slice(0, count);
    if (records.length !== count) throw new Error(`only ${records.length} cases loaded`);
    const pages = pagesOf(records, pageSize);
    const rawMs = await rawBulkPut(pages);

    const store = await openFreshStore(uuidv7(), adminUnitId);
    const sync = new LocalSyncStore(store);
    const changes: PulledChange[][] = pages.map((page) => page.map((record) => ({ kind: 'case', record })));
    const started = performance.now();
    for (const [i, page] of changes.entries()) await sync.applyPulledPage(page, String(i + 1));
    const tindakMs = performance.now() - started;
    const stored = await store.db.cases.toArray();
    const rawStoredRowsMs = await rawBulkPut(pagesOf(stored, pageSize));
    lastApplyStore = store;
    return { count, pages: pages.length, rawMs, tindakMs, rawStoredRowsMs, storedRows: stored.length };
  },

  /** Edits on the store the last `apply` filled: one urgency change per case, each one transaction with its outbox entry. */
  async edit(count: number): Promise<EditResult> {
    const store = lastApplyStore;
    if (!store) throw new Error('apply() first');
    const total = await store.db.cases.count();
    const ids = cases.slice(0, total).map((record) => ({ id: record.id, urgency: record.urgency }));
    const samplesMs: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const target = ids[(i * 7919) % ids.length]!;
      const urgency = target.urgency === 'urgent' ? 'normal' : 'urgent';
      target.urgency = urgency;
      const started = performance.now();
      const change = await updateCaseFields(store, target.id, { urgency });
      samplesMs.push(performance.now() - started);
      if (!change) throw new Error(`edit ${i} changed nothing`);
    }
    return { samplesMs, outboxRows: await store.db.outbox.count() };
  },

  /** PouchDB's own replication from express-pouchdb into its IndexedDB adapter, batches as the engine's pages. */
  async pouchReplicate(remoteUrl: string, batchSize: number): Promise<ReplicationResult> {
    const local = new PouchDB(`pouch-${uuidv7()}`);
    const started = performance.now();
    const result = await PouchDB.replicate(remoteUrl, local, { batch_size: batchSize, batches_limit: 10 });
    const ms = performance.now() - started;
    if (!result.ok) throw new Error(`PouchDB replication failed: ${JSON.stringify(result.errors)}`);
    const docs = (await local.info()).doc_count;
    await local.destroy();
    return { ms, docs };
  },

  /** The real engine's first sync from the real server: login and directory first (not timed), then the pull. */
  async tindakSync(
    serverUrl: string,
    username: string,
    userId: string,
    password: string,
    pullLimit: number,
  ): Promise<ReplicationResult> {
    await Dexie.delete(databaseNameFor(userId));
    const store = await openUserStore({ userId, password, kdfParams: CHEAP_KDF });
    stores.push(store);
    const client = new SyncHttpClient({ baseUrl: serverUrl, session: memorySessionSource(store.deviceId) });
    const login = await client.login(username, password);
    await store.saveProfile(login.user);
    await store.saveDirectorySnapshot(
      (await client.sendJson('GET', '/sync/directory', undefined, z.unknown())).data,
    );
    const engine = new SyncEngine({
      store: new LocalSyncStore(store),
      transport: client,
      settings: { pullLimit },
      channel: null,
    });
    const started = performance.now();
    if (!(await engine.start())) throw new Error('engine did not become active');
    await engine.whenIdle();
    const ms = performance.now() - started;
    await engine.stop();
    return { ms, docs: await store.db.cases.count() };
  },

  /**
   * Where the apply's time goes, each part alone over the same pages: sealing a case row
   * (AES-GCM, keyed hashes, queue keys), and of it the queue keys and the hashes; reading the
   * pulled ids (bulkGet) on an empty table, alone and while sealing, and once they are all there.
   */
  async breakdown(count: number, pageSize: number, adminUnitId: string): Promise<Breakdown> {
    const pages = pagesOf(cases.slice(0, count), pageSize);
    const store = await openFreshStore(uuidv7(), adminUnitId);
    const { db } = store;
    const sealing = store.sealing();
    const noPending = { serverValues: {}, isOnServer: true, hasRejectedChange: false };
    const timed = async (run: (page: CaseRecord[]) => Promise<unknown>) => {
      const started = performance.now();
      for (const page of pages) await run(page);
      return performance.now() - started;
    };
    return {
      sealRowMs: await timed((page) =>
        Promise.all(page.map((record) => sealCaseRow(sealing, record, noPending))),
      ),
      queueKeysMs: await timed(async (page) =>
        page.map((record) => caseQueueKeys(record, sealing.directory)),
      ),
      keyedHashesMs: await timed((page) =>
        Promise.all(page.map((record) => identityHashes(sealing.keys, record.reporter))),
      ),
      bulkGetMissingMs: await timed((page) =>
        db.transaction('rw', db.cases, () => db.cases.bulkGet(page.map((r) => r.id))),
      ),
      sealWhileReadingMs: await timed((page) =>
        Promise.all([
          Promise.all(page.map((record) => sealCaseRow(sealing, record, noPending))),
          db.cases.bulkGet(page.map((r) => r.id)),
        ]),
      ),
      ...(await (async () => {
        // The same read once every pulled case is here (a later pull of updates).
        for (const page of pages)
          await db.cases.bulkPut(
            await Promise.all(page.map((record) => sealCaseRow(sealing, record, noPending))),
          );
        return {
          bulkGetPresentMs: await timed((page) =>
            db.transaction('rw', db.cases, () => db.cases.bulkGet(page.map((r) => r.id))),
          ),
        };
      })()),
    };
  },

  /**
   * What the stored rows' extra keys cost IndexedDB: the sealed rows put into a fresh table with
   * the cases indexes, then the same rows without one kind of key at a time, beside the raw records.
   */
  async indexCost(count: number, pageSize: number, adminUnitId: string): Promise<Record<string, number>> {
    const pages = pagesOf(cases.slice(0, count), pageSize);
    const store = await openFreshStore(uuidv7(), adminUnitId);
    const sealing = store.sealing();
    const noPending = { serverValues: {}, isOnServer: true, hasRejectedChange: false };
    const sealedPages: Record<string, unknown>[][] = [];
    for (const page of pages)
      sealedPages.push(
        (await Promise.all(
          page.map((record) => sealCaseRow(sealing, record, noPending)),
        )) as unknown as Record<string, unknown>[],
      );
    const variant = (change: (row: Record<string, unknown>) => Record<string, unknown>) =>
      sealedPages.map((page) => page.map(change));
    const out: Record<string, number> = {};
    out.raw = await rawBulkPut(pagesOf(cases.slice(0, count), pageSize));
    out.stored = await rawBulkPut(sealedPages);
    out.noTitleWords = await rawBulkPut(variant((r) => ({ ...r, titleWords: [] })));
    out.noSealed = await rawBulkPut(variant((r) => ({ ...r, sealed: null })));
    out.noHashes = await rawBulkPut(variant((r) => ({ ...r, nikHash: null, phoneHash: null })));
    out.noQueueKeys = await rawBulkPut(
      variant((r) => ({ ...r, queueKey: undefined, ticketKey: undefined, dueAt: undefined })),
    );
    const words =
      sealedPages.flat().reduce((n, r) => n + (r.titleWords as string[]).length, 0) / (count || 1);
    out.titleWordsPerRow = words;
    out.sealedBytes = (sealedPages[0]![0]!.sealed as { ct: Uint8Array }).ct.byteLength;
    return out;
  },

  async closeAll(): Promise<void> {
    for (const store of stores.splice(0)) {
      const name = store.db.name;
      store.close();
      await Dexie.delete(name);
    }
    lastApplyStore = null;
  },
};

export type StoreBenchApi = typeof api;

declare global {
  interface Window {
    __storeBench?: StoreBenchApi;
  }
}

window.__storeBench = api;
document.getElementById('ready')?.setAttribute('data-ready', 'true');
