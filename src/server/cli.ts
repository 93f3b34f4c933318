/**
 * The central server's command line (`npm run server -- <command>`, or `tsx src/server/cli.ts`).
 *
 *   serve [--demo] [--host H] [--port P]   listen; --demo seeds the demo organisation into an
 *                                          empty store first (what `npm start` uses)
 *   migrate                                apply pending migrations and stop
 *   seed-demo [--cases N]                  seed the demo organisation into an empty store
 *   generate --count N [--seed S]          add N synthetic cases to an existing organisation
 *   import --channel C --file F            import a channel's export (CSV or JSON)
 *   unit-add --code C --name N --kind K [--parent CODE] --time-zone TZ --region R
 *   user-add --username U --name N --role R --unit CODE   (password from TINDAK_NEW_PASSWORD)
 *   channel-key-create --channel C --label L
 *   channel-key-revoke --id ID
 *
 * The store: PostgreSQL when DATABASE_URL (or --database-url) is set, otherwise embedded PGlite
 * in TINDAK_DATA_DIR (or --data-dir; default `.data/server`). Exit codes: 0 done, 1 failed,
 * 2 a usage mistake.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { AccountError, createUnit, createUser, newUnitSchema, newUserSchema } from './auth/accounts';
import { createContext } from './context';
import { openDatabase, type Database } from './db/database';
import { migrate } from './db/migrate';
import { createChannelKey, revokeChannelKey } from './intake/channel-keys';
import { importFile } from './intake/import-file';
import { createLogger } from './logger';
import { DEMO_ACCOUNTS, DEMO_CASES, DEMO_PASSWORD, isEmptyStore, seedDemo } from './seed/demo';
import { generateCases } from './seed/generate';
import { serve } from './server';

class UsageError extends Error {}

const USAGE = `Pemakaian / usage: tsx src/server/cli.ts <command> [options]
  serve [--demo] [--host 127.0.0.1] [--port 8787] [--allowed-origin URL ...]
  migrate
  seed-demo [--cases 3000]
  generate --count N [--seed S]
  import --channel CHANNEL --file PATH
  unit-add --code CODE --name NAME --kind central|work_unit|regional [--parent UNIT_CODE] --time-zone WIB|WITA|WIT --region REGION
  user-add --username U --name NAME --role ROLE --unit UNIT_CODE   (password: env TINDAK_NEW_PASSWORD)
  channel-key-create --channel CHANNEL --label LABEL
  channel-key-revoke --id KEY_ID
Common: [--database-url postgres://...] [--data-dir DIR]`;

const OPTIONS = {
  demo: { type: 'boolean' },
  host: { type: 'string' },
  port: { type: 'string' },
  'allowed-origin': { type: 'string', multiple: true },
  'database-url': { type: 'string' },
  'data-dir': { type: 'string' },
  cases: { type: 'string' },
  count: { type: 'string' },
  seed: { type: 'string' },
  channel: { type: 'string' },
  file: { type: 'string' },
  username: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  unit: { type: 'string' },
  label: { type: 'string' },
  code: { type: 'string' },
  kind: { type: 'string' },
  parent: { type: 'string' },
  'time-zone': { type: 'string' },
  region: { type: 'string' },
  id: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function positiveInt(value: string | undefined, name: string, fallback?: number): number {
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`--${name} wajib diisi / is required`);
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} harus bilangan bulat ≥ 0 / must be a whole number ≥ 0 (got "${value}")`);
  return n;
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new UsageError(`--${name} wajib diisi / is required`);
  return value;
}

function storeOptions(flags: Flags): { databaseUrl: string | undefined; dataDir: string } {
  return {
    databaseUrl: flags['database-url'] ?? (process.env.DATABASE_URL || undefined),
    dataDir: resolve(flags['data-dir'] ?? process.env.TINDAK_DATA_DIR ?? '.data/server'),
  };
}

async function withStore<T>(flags: Flags, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(storeOptions(flags));
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

function printDemoAccounts(): void {
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.username.length));
  console.log(`\nAkun demo / demo accounts (kata sandi / password: ${DEMO_PASSWORD}):`);
  for (const account of DEMO_ACCOUNTS) console.log(`  ${account.username.padEnd(width)}  ${account.role}`);
  console.log('');
}

async function commandServe(flags: Flags): Promise<void> {
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'info' });
  const store = storeOptions(flags);
  const origins = flags['allowed-origin'] ?? process.env.TINDAK_ALLOWED_ORIGINS?.split(',').filter(Boolean);
  const running = await serve({
    ...store,
    host: flags.host ?? process.env.HOST ?? '127.0.0.1',
    port: positiveInt(flags.port ?? process.env.PORT, 'port', 8787),
    logger,
    ...(origins ? { settings: { allowedOrigins: origins } } : {}),
    prepare: async (db) => {
      if (!flags.demo || !(await isEmptyStore(db))) return;
      logger.info('empty store: seeding the demo organisation');
      const summary = await seedDemo(db, { cases: positiveInt(flags.cases, 'cases', DEMO_CASES) });
      logger.info({ cases: summary.cases, reports: summary.reports, ms: Math.round(summary.durationMs) }, 'demo seeded');
    },
  });
  if (flags.demo) printDemoAccounts();
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    void running.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function run(command: string | undefined, flags: Flags): Promise<void> {
  switch (command) {
    case 'serve':
      return commandServe(flags);
    case 'migrate':
      return withStore(flags, async (db) => console.log(`Migrasi terpasang / migrations applied on ${db.kind}.`));
    case 'seed-demo':
      return withStore(flags, async (db) => {
        const summary = await seedDemo(db, { cases: positiveInt(flags.cases, 'cases', DEMO_CASES) });
        console.log(`Demo: ${summary.units} unit, ${summary.cases} kasus, ${summary.reports} laporan (${Math.round(summary.durationMs)} ms).`);
        printDemoAccounts();
      });
    case 'generate':
      return withStore(flags, async (db) => {
        const count = positiveInt(flags.count, 'count');
        const summary = await generateCases(db, {
          count,
          ...(flags.seed ? { seed: positiveInt(flags.seed, 'seed') } : {}),
          onProgress: (done, total) => process.stderr.write(`\r${done}/${total}`),
        });
        process.stderr.write('\n');
        console.log(`${summary.cases} kasus, ${summary.reports} laporan, ${summary.events} peristiwa (${Math.round(summary.durationMs)} ms).`);
      });
    case 'import':
      return withStore(flags, async (db) => {
        const ctx = await createContext(db);
        const results = await importFile(ctx, required(flags.file, 'file'), required(flags.channel, 'channel'));
        const counts = new Map<string, number>();
        for (const result of results) counts.set(result.status, (counts.get(result.status) ?? 0) + 1);
        for (const result of results) if (result.status === 'rejected') console.log(`baris/line ${result.line}: ${JSON.stringify(result)}`);
        console.log([...counts].map(([status, n]) => `${status}: ${n}`).join(', ') || 'berkas kosong / empty file');
        if (counts.has('rejected')) process.exitCode = 1;
      });
    case 'unit-add':
      return withStore(flags, async (db) => {
        let parentId: string | null = null;
        if (flags.parent) {
          const parent = (await db.query<{ id: string }>('select id from units where code = $1', [flags.parent])).rows[0];
          if (!parent) throw new UsageError(`Unit induk "${flags.parent}" tidak ada / parent unit does not exist`);
          parentId = parent.id;
        }
        const input = newUnitSchema.safeParse({ code: flags.code, name: flags.name, kind: flags.kind, parentId, timeZone: flags['time-zone'], region: flags.region });
        if (!input.success) throw new UsageError(input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
        const { id } = await createUnit(db, input.data).catch((error: unknown) => {
          if (error instanceof AccountError) throw new UsageError(error.message);
          throw error;
        });
        console.log(`Unit dibuat / unit created: ${id}`);
      });
    case 'user-add':
      return withStore(flags, async (db) => {
        const unitCode = required(flags.unit, 'unit');
        const unit = (await db.query<{ id: string }>('select id from units where code = $1', [unitCode])).rows[0];
        if (!unit) throw new UsageError(`Unit "${unitCode}" tidak ada / does not exist`);
        const input = newUserSchema.safeParse({
          username: flags.username,
          displayName: flags.name,
          role: flags.role,
          unitId: unit.id,
          password: process.env.TINDAK_NEW_PASSWORD,
        });
        if (!input.success) throw new UsageError(input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
        const { id } = await createUser(db, input.data).catch((error: unknown) => {
          if (error instanceof AccountError) throw new UsageError(error.message);
          throw error;
        });
        console.log(`Pengguna dibuat / user created: ${id}`);
      });
    case 'channel-key-create':
      return withStore(flags, async (db) => {
        const key = await createChannelKey(db, required(flags.channel, 'channel'), required(flags.label, 'label'));
        console.log(`id: ${key.id}\nkey: ${key.key}\nSimpan kunci ini sekarang; ia tidak ditampilkan lagi. / Store this key now; it is not shown again.`);
      });
    case 'channel-key-revoke':
      return withStore(flags, async (db) => {
        const revoked = await revokeChannelKey(db, required(flags.id, 'id'));
        console.log(revoked ? 'Kunci dicabut / key revoked.' : 'Kunci tidak ditemukan / no such key.');
        if (!revoked) process.exitCode = 1;
      });
    default:
      throw new UsageError(command ? `Perintah tidak dikenal / unknown command: ${command}` : 'Perintah belum diberikan / no command given');
  }
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return;
  }
  try {
    await run(parsed.positionals[0], parsed.values);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

await main();
