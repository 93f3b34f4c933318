/**
 * Fresh, migrated stores for tests, through the same `Database` interface the server uses:
 *
 *   const store = await withPglite();            // in-memory PGlite, always available
 *   const pgStore = await withPostgres();        // a new schema on PostgreSQL, or null
 *   ...
 *   await store.close();                         // closes, and drops the PostgreSQL schema
 *
 * PostgreSQL tests get their own schema (not their own database): creating a schema is cheap,
 * needs no CREATE DATABASE right, and the connection's search_path points every unqualified
 * name, the migrations' included, into it. Set TINDAK_TEST_POSTGRES_URL to use another server.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/server/db/database';
import { migrate } from '../../src/server/db/migrate';

export const TEST_POSTGRES_URL =
  process.env.TINDAK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  db: Database;
  kind: Database['kind'];
  /** The PostgreSQL schema holding this store's tables; null on PGlite. */
  schema: string | null;
  close(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Apply the migrations (default true); false for tests of the migrations themselves. */
  migrated?: boolean;
}

export async function withPglite(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const db = await openDatabase({ dataDir: null });
  if (options.migrated ?? true) await migrate(db);
  return { db, kind: 'pglite', schema: null, close: () => db.close() };
}

let reachable: Promise<boolean> | undefined;

/** Whether PostgreSQL answers at TEST_POSTGRES_URL; says so loudly, once, when it does not. */
export function isPostgresAvailable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch (error) {
      const message = `PostgreSQL is not reachable at ${TEST_POSTGRES_URL} (${(error as Error).message})`;
      // CI must exercise the real database; a laptop without one still runs the PGlite half.
      if (process.env.CI) throw new Error(`${message}: CI must run the PostgreSQL tests.`);
      console.warn(`\n*** ${message}: the PostgreSQL tests are SKIPPED. ***\n`);
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh schema on PostgreSQL, migrated; null (after a loud warning) when PostgreSQL is unreachable. */
export async function withPostgres(options: TestDatabaseOptions = {}): Promise<TestDatabase | null> {
  if (!(await isPostgresAvailable())) return null;
  // Lower-case letters, digits and underscores only: safe to splice into DDL unquoted.
  const schema = `tindak_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`create schema ${schema}`));
  const url = new URL(TEST_POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  let db: Database | null = null;
  const drop = async () => {
    await db?.close();
    await admin((client) => client.query(`drop schema if exists ${schema} cascade`));
  };
  try {
    db = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
    if (options.migrated ?? true) await migrate(db);
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
  return { db, kind: 'postgres', schema, close: drop };
}
