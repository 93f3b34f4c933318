/**
 * A small language for local-store tests: a workstation (its own fake IndexedDB), officers
 * signing in on it, and the server's side of a sync simulated by feeding pulled pages and
 * results to the store.
 *
 *   const ws = workstation();
 *   const liaison = await ws.signIn('liaisonA');
 *   await liaison.receive([caseIn('distributed')]);
 *   await performCaseAction(liaison.store, id, 'accept', {});
 */
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import {
  DEFAULT_CONFIG,
  type CaseEvent,
  type CaseRecord,
  type MutationResult,
  type PulledChange,
  type ReportRecord,
} from '../../../../src/shared';
import { databaseNameFor } from '../../../../src/renderer/db/database';
import type { DirectorySnapshot } from '../../../../src/renderer/db/directory';
import type { KdfParams } from '../../../../src/renderer/db/encryption';
import { LocalSyncStore } from '../../../../src/renderer/db/sync-store';
import { openUserStore, type UserStore } from '../../../../src/renderer/db/user-store';
import { PEOPLE, UNITS, type PersonKey } from '../../../helpers/org-fixture';

/** Argon2id at its cheapest: the tests exercise the key flow, not the KDF's cost. */
export const CHEAP_KDF: KdfParams = { algorithm: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 };

export const passwordOf = (who: PersonKey) => `sandi-${who}-2026`;

export function fixtureDirectory(): DirectorySnapshot {
  return {
    config: DEFAULT_CONFIG,
    units: Object.values(UNITS),
    people: Object.entries(PEOPLE).map(([key, p]) => ({ id: p.id, displayName: key, role: p.role, unitId: p.unitId, isActive: p.isActive })),
  };
}

export interface Desk {
  who: PersonKey;
  store: UserStore;
  sync: LocalSyncStore;
  /** Pulled page from "the server": the records as they are there now. */
  receive(records: readonly (CaseRecord | ReportRecord | CaseEvent)[], cursor?: string): ReturnType<LocalSyncStore['applyPulledPage']>;
  /** Results for the whole outbox, as the server would answer them. */
  answer(results: (mutationId: string, seq: number) => Omit<MutationResult, 'mutationId' | 'seq'>): Promise<MutationResult[]>;
}

let cursorCounter = 100;

export function pulled(record: CaseRecord | ReportRecord | CaseEvent): PulledChange {
  if ('ticketId' in record) return { kind: 'case', record };
  if ('authorId' in record) return { kind: 'report', record };
  return { kind: 'event', record };
}

export function workstation() {
  const indexedDB = new IDBFactory();
  const dexieOptions = { indexedDB, IDBKeyRange };
  return {
    indexedDB,
    dexieOptions,
    open(who: PersonKey, password: string = passwordOf(who)) {
      return openUserStore({ userId: PEOPLE[who].id, password, dexieOptions, kdfParams: CHEAP_KDF });
    },
    async signIn(who: PersonKey, options: { withDirectory?: boolean } = {}): Promise<Desk> {
      const store = await this.open(who);
      await store.saveProfile({ id: PEOPLE[who].id, role: PEOPLE[who].role, unitId: PEOPLE[who].unitId });
      if (options.withDirectory !== false) await store.saveDirectorySnapshot({ protocolVersion: 1, ...fixtureDirectory() });
      const sync = new LocalSyncStore(store);
      return {
        who,
        store,
        sync,
        receive: (records, cursor) => {
          cursorCounter += 1;
          return sync.applyPulledPage(records.map(pulled), cursor ?? String(cursorCounter));
        },
        async answer(answerFor) {
          const batch = await sync.nextBatch(500, Number.MAX_SAFE_INTEGER);
          const results = batch.map(({ mutation }) => ({ mutationId: mutation.mutationId, seq: mutation.seq, ...answerFor(mutation.mutationId, mutation.seq) }));
          await sync.acknowledge(results);
          return results;
        },
      };
    },
    /** Every table of the user's database as stored, values included, as one searchable text. */
    async rawText(who: PersonKey): Promise<string> {
      return rawTextOf(indexedDB, databaseNameFor(PEOPLE[who].id));
    },
    async databaseNames(): Promise<string[]> {
      return (await indexedDB.databases()).map((info) => info.name ?? '');
    },
  };
}

export type Workstation = ReturnType<typeof workstation>;

export const applied = (version: number) => ({ status: 'applied' as const, version, conflicts: [], error: null });

function bytesOf(value: unknown): Uint8Array | null {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return null;
}

/**
 * Reads the database without the app's schema or keys and renders every value: strings as
 * they are, byte arrays both as Latin-1 text (so plaintext bytes would show) and as base64.
 */
export async function rawTextOf(indexedDB: IDBFactory, name: string): Promise<string> {
  const db = new Dexie(name, { indexedDB, IDBKeyRange });
  await db.open();
  try {
    const dump: Record<string, unknown[]> = {};
    for (const table of db.tables) dump[table.name] = await table.toArray();
    return JSON.stringify(dump, (_key, value: unknown) => {
      const bytes = bytesOf(value);
      if (!bytes) return value;
      const latin1 = Array.from(bytes, (b) => String.fromCharCode(b)).join('');
      return { latin1, base64: Buffer.from(bytes).toString('base64') };
    });
  } finally {
    db.close();
  }
}

/** The base64 renderings of `text` wherever it sits in a longer byte string (three alignments). */
export function base64Forms(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  return [0, 1, 2].map((shift) => {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const start = shift === 0 ? 0 : 4;
    const end = Math.floor((shift + bytes.length) / 3) * 4;
    return encoded.slice(start, end);
  });
}

/** Opens the user's raw database (no app schema) to inspect or tamper with stored rows. */
export async function withRawDatabase<T>(ws: Workstation, who: PersonKey, use: (db: Dexie) => Promise<T>): Promise<T> {
  const db = new Dexie(databaseNameFor(PEOPLE[who].id), ws.dexieOptions);
  await db.open();
  try {
    return await use(db);
  } finally {
    db.close();
  }
}
