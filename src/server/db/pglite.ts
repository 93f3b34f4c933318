import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Database, QueryResult } from './database';

const parsers = { 20: (value: string) => Number(value) };

export async function openPglite(dataDir: string | null): Promise<Database> {
  // A fresh machine has no data folder yet (`.data/server` by default): make it, parents too.
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = dataDir ? await PGlite.create(dataDir, { parsers }) : await PGlite.create({ parsers });
  const wrap = <T>(result: { rows: unknown[]; affectedRows?: number }): QueryResult<T> => ({
    rows: result.rows as T[],
    rowCount: Math.max(result.affectedRows ?? 0, result.rows.length),
  });
  return {
    kind: 'pglite',
    query: async (sql, params) => wrap(await db.query(sql, params as unknown[] | undefined)),
    // PGlite is one connection: its transaction() holds a mutex, so concurrent requests queue.
    transaction: (fn) =>
      db.transaction((tx) => fn({ query: async (sql, params) => wrap(await tx.query(sql, params as unknown[] | undefined)) })),
    async exec(sql) {
      await db.exec(sql);
    },
    close: () => db.close(),
  };
}
