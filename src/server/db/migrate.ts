/**
 * Forward-only migrations: numbered .sql files in ./migrations, applied in order at start,
 * each in its own transaction, recorded in schema_migrations. A file is never edited once
 * shipped; a change is a new file.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from './database';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export async function listMigrations(dir = MIGRATIONS_DIR): Promise<{ id: string; sql: string }[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return Promise.all(files.map(async (file) => ({ id: file.replace(/\.sql$/, ''), sql: await readFile(new URL(file, `file://${dir}`), 'utf8') })));
}

export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  await db.exec('create table if not exists schema_migrations (id text primary key, applied_at timestamptz not null default now())');
  const applied = new Set((await db.query<{ id: string }>('select id from schema_migrations')).rows.map((r) => r.id));
  const done: string[] = [];
  for (const migration of await listMigrations(dir)) {
    if (applied.has(migration.id)) continue;
    await db.transaction(async (tx) => {
      // Concurrent starts on PostgreSQL: the second waits here and then finds the row.
      await tx.query('lock table schema_migrations in exclusive mode');
      const again = await tx.query('select 1 from schema_migrations where id = $1', [migration.id]);
      if (again.rowCount > 0) return;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('insert into schema_migrations (id) values ($1)', [migration.id]);
      done.push(migration.id);
    });
  }
  return done;
}

/** Splits on semicolons at line ends, keeping $$-quoted function bodies whole. */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let inDollar = false;
  for (const line of sql.split('\n')) {
    if (line.trim().startsWith('--') && !inDollar) continue;
    const dollars = line.match(/\$\$/g)?.length ?? 0;
    if (dollars % 2 === 1) inDollar = !inDollar;
    current += `${line}\n`;
    if (!inDollar && line.trimEnd().endsWith(';')) {
      if (current.trim() !== ';') statements.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}
