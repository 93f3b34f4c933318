/**
 * How every write of user work runs: prepare, then commit in one transaction.
 *
 * WebCrypto promises are not IndexedDB requests, so awaiting one inside a Dexie transaction
 * lets IndexedDB auto-commit half of it (PrematureCommitError after the first writes are
 * already durable). Hence all decryption, checks and sealing happen first, outside any
 * transaction; the commit then re-reads the revision of every row the preparation read, and
 * only writes when none changed meanwhile (another window, the sync engine). Otherwise it
 * prepares again. The commit itself awaits nothing but Dexie, so it is atomic: a failure
 * anywhere (quota, a bug) rolls back the record and its outbox entry together.
 */
import type { Table } from 'dexie';
import type { TindakDatabase } from './database';
import { LocalStoreError, asStoreError } from './errors';

/** A row the preparation read, and the revision it saw (null: the row must not exist). */
export interface Expectation {
  table: 'cases' | 'reports';
  id: string;
  rev: string | null;
}

export interface WritePlan<T> {
  expect: readonly Expectation[];
  /** Runs inside the transaction: Dexie calls only, nothing else awaited. */
  commit(): Promise<T>;
}

/** Thrown by a commit that finds the store changed since its preparation: prepare again. */
export class ConcurrentChange extends Error {}

const MAX_ATTEMPTS = 5;

export async function runWrite<T>(
  db: TindakDatabase,
  tables: readonly Table[],
  prepare: () => Promise<WritePlan<T>>,
): Promise<T> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const plan = await prepare();
    try {
      return await db.transaction('rw', [...tables], async () => {
        for (const expected of plan.expect) {
          const row = await db[expected.table].get(expected.id);
          if ((row?.rev ?? null) !== expected.rev) throw new ConcurrentChange();
        }
        return plan.commit();
      });
    } catch (error) {
      if (error instanceof ConcurrentChange) continue;
      throw asStoreError(error);
    }
  }
  throw new LocalStoreError('busy');
}
