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
import { SCHEMA_LATEST_CASES, SCHEMA_V3, databaseNameFor } from '../../../src/renderer/db/database';
import { identityHashes, sealCaseRow } from '../../../src/renderer/db/record-rows';
import { caseQueueKeys } from '../../../src/renderer/db/case-queue-keys';
import { SyncEngine, SyncHttpClient, memorySessionSource } from '../../../src/renderer/sync';

/** Argon2id at its cheapest: sign-in is not what is measured. */
const CHEAP_KDF = { algorithm: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 } as const;
const PASSWORD = 'tolok-ukur-2026';

type Row = Record<string, unknown>;


/** The stored rows as written, or without one kind of key (what that key costs the put). */
const SEALED_VARIANTS = {
  stored: (row: Row) => row,
  noTitleWords: (row: Row) => ({ ...row, titleWords: [] }),
  noSealed: (row: Row) => ({ ...row, sealed: null }),
  noHashes: (row: Row) => ({ ...row, nikHash: null, phoneHash: null }),
  noQueueKeys: (row: Row) => ({ ...row, queueKey: undefined, ticketKey: undefined, dueAt: undefined }),
  /** As written, into a table with version 3's indexes (before the unused ones were dropped). */
  storedUnderV3: (row: Row) => row,
  /** Experiments (BENCH_VARIANTS): the case id as a 16-byte binary key outside the row. */
  binaryKey: (row: Row) => row,
  /** Title words out of the rows, one posting row per word and page instead (ids joined). */
  postings: (row: Row) => row,
  binaryPostings: (row: Row) => row,
} as const;

const EXPERIMENTS: Partial<Record<SealedVariant, { binaryKey: boolean; postings: boolean }>> = {
  binaryKey: { binaryKey: true, postings: false },
  postings: { binaryKey: false, postings: true },
  binaryPostings: { binaryKey: true, postings: true },
};

function uuidBytes(id: string): Uint8Array {
  const hex = id.replace(/-/g, '');
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i += 1) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/**
 * What two alternative layouts of the cases table would save on the put (tried 2026-11-26, not
 * adopted): the id as a binary out-of-line key, so index entries no longer repeat 72 bytes of
 * UTF-16; and title words as posting rows per page and word instead of a multi-entry index.
 */
async function putExperiment(pages: readonly Row[][], layout: { binaryKey: boolean; postings: boolean }): Promise<number> {
  const name = `raw-${uuidv7()}`;
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' });
  let indexes = layout.postings ? SCHEMA_LATEST_CASES.replace(', *titleWords', '') : SCHEMA_LATEST_CASES;
  if (layout.binaryKey) indexes = indexes.replace(/^id/, '');
  db.version(1).stores({ cases: indexes, words: '[word+page]' });
  await db.open();
  const cases = db.table<Row>('cases');
  const words = db.table('words');
  const started = performance.now();
  for (const [page, rows] of pages.entries()) {
    await db.transaction('rw', cases, words, async () => {
      const put: Row[] = layout.postings ? rows.map((row) => ({ ...row, titleWords: [] })) : [...rows];
      if (layout.binaryKey) await cases.bulkPut(put, put.map((row) => uuidBytes(row.id as string)));
      else await cases.bulkPut(put);
      if (!layout.postings) return;
      const byWord = new Map<string, string[]>();
      for (const row of rows)
        for (const word of row.titleWords as string[]) {
          const ids = byWord.get(word);
          if (ids) ids.push(row.id as string);
          else byWord.set(word, [row.id as string]);
        }
      await words.bulkPut([...byWord].map(([word, ids]) => ({ word, page, ids: ids.join(',') })));
    });
  }
  const ms = performance.now() - started;
  db.close();
  await Dexie.delete(name);
  return ms;
}

export type SealedVariant = keyof typeof SEALED_VARIANTS;

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

function firstCases(count: number): CaseRecord[] {
  if (cases.length < count) throw new Error(`only ${cases.length} cases loaded`);
  return cases.slice(0, count);
}
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
async function rawBulkPut<Row>(pages: readonly Row[][], indexes: string = SCHEMA_LATEST_CASES): Promise<number> {
  const name = `raw-${uuidv7()}`;
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' });
  db.version(1).stores({ cases: indexes });
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

  /** Raw Dexie: the pulled records as they came, page by page, into a fresh table with the cases indexes. */
  async applyRaw(count: number, pageSize: number): Promise<number> {
    return rawBulkPut(pagesOf(firstCases(count), pageSize));
  },

  /** The local store: LocalSyncStore.applyPulledPage page by page, as the engine calls it. */
  async applyTindak(count: number, pageSize: number, adminUnitId: string): Promise<{ ms: number; storedRows: number }> {
    const pages = pagesOf(firstCases(count), pageSize);
    const store = await openFreshStore(uuidv7(), adminUnitId);
    const sync = new LocalSyncStore(store);
    const changes: PulledChange[][] = pages.map((page) => page.map((record) => ({ kind: 'case', record })));
    const started = performance.now();
    for (const [i, page] of changes.entries()) await sync.applyPulledPage(page, String(i + 1));
    const ms = performance.now() - started;
    lastApplyStore = store;
    return { ms, storedRows: await store.db.cases.count() };
  },

  /**
   * The rows the local store writes (sealed, hashed, queue keys; sealed before the clock
   * starts), or the same rows without one kind of key, put page by page into a fresh table
   * with the cases indexes: the IndexedDB share of the apply, and what each kind of key costs.
   */
  async putSealedRows(count: number, pageSize: number, adminUnitId: string, variant: SealedVariant): Promise<number> {
    const store = await openFreshStore(uuidv7(), adminUnitId);
    const sealing = store.sealing();
    const noPending = { serverValues: {}, isOnServer: true, hasRejectedChange: false };
    const change = SEALED_VARIANTS[variant];
    const sealedPages: Record<string, unknown>[][] = [];
    for (const page of pagesOf(firstCases(count), pageSize)) {
      const rows = await Promise.all(page.map((record) => sealCaseRow(sealing, record, noPending)));
      sealedPages.push(rows.map((row) => change(row as unknown as Record<string, unknown>)));
    }
    const experiment = EXPERIMENTS[variant];
    if (experiment) return putExperiment(sealedPages, experiment);
    return rawBulkPut(sealedPages, variant === 'storedUnderV3' ? SCHEMA_V3.cases : SCHEMA_LATEST_CASES);
  },

  /** Edits on the store the last `applyTindak` filled: one urgency change per case, each one transaction with its outbox entry. */
  async edit(count: number): Promise<EditResult> {
    const store = lastApplyStore;
    if (!store) throw new Error('applyTindak() first');
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
