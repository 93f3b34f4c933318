// The server's command line, run as a real process on a fresh embedded store: what `npm start`
// and an operator rely on (serve --demo seeds once, the admin commands change the store, usage
// mistakes exit 2 and change nothing).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/server/db/database';

const CLI = join(import.meta.dirname, '../../../src/server/cli.ts');
const FIXTURE = join(import.meta.dirname, '../../fixtures/intake/lapor-export.csv');

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function count(dir: string, sql: string): Promise<number> {
  let db: Database | undefined;
  try {
    db = await openDatabase({ dataDir: dir });
    const row = (await db.query<{ n: number }>(sql)).rows[0];
    return Number(row?.n ?? 0);
  } finally {
    await db?.close();
  }
}

describe('server command line (PGlite store in a temp folder)', () => {
  let root: string;
  let dir: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'tindak-cli-'));
    dir = root;
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('refuses unknown commands and bad options with exit code 2 and the usage text', async () => {
    const unknown = await cli(['frobnicate', '--data-dir', dir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command: frobnicate');
    expect(unknown.stderr).toContain('Pemakaian / usage');
    const badCount = await cli(['generate', '--count', 'banyak', '--data-dir', dir]);
    expect(badCount.code).toBe(2);
    expect(badCount.stderr).toContain('--count');
  }, 60_000);

  it('seeds the demo into an empty store once, then refuses to mix it into a populated one', async () => {
    // The data folder and its parents do not exist yet, as on a fresh machine.
    dir = join(dir, 'fresh', 'server');
    const seeded = await cli(['seed-demo', '--cases', '40', '--data-dir', dir]);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toContain('admin');
    expect(await count(dir, 'select count(*)::int as n from cases')).toBe(40);

    const again = await cli(['seed-demo', '--cases', '40', '--data-dir', dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Refusing to seed');
    expect(await count(dir, 'select count(*)::int as n from cases')).toBe(40);
  }, 120_000);

  it('generates cases, imports a channel export, adds a unit and a user, and manages channel keys', async () => {
    const generated = await cli(['generate', '--count', '25', '--data-dir', dir]);
    expect(generated.code, generated.stderr).toBe(0);
    expect(await count(dir, 'select count(*)::int as n from cases')).toBe(65);

    const imported = await cli(['import', '--channel', 'lapor', '--file', FIXTURE, '--data-dir', dir]);
    const importedCases = await count(dir, "select count(*)::int as n from cases where ticket_id like 'LAPOR-CSV-%'");
    expect(importedCases).toBeGreaterThan(0);
    expect(imported.stdout).toMatch(/created: \d+/);

    const unit = await cli(['unit-add', '--code', 'upt_kupang', '--name', 'UPT Kupang', '--kind', 'regional', '--parent', 'linjamsos', '--time-zone', 'WITA', '--region', 'Nusa Tenggara Timur', '--data-dir', dir]);
    expect(unit.code, unit.stderr + unit.stdout).toBe(0);
    expect(await count(dir, "select count(*)::int as n from units where code = 'upt_kupang'")).toBe(1);
    const badZone = await cli(['unit-add', '--code', 'upt_x', '--name', 'UPT X', '--kind', 'regional', '--time-zone', 'UTC', '--region', 'X', '--data-dir', dir]);
    expect(badZone.code).toBe(2);
    expect(await count(dir, "select count(*)::int as n from units where code = 'upt_x'")).toBe(0);

    const tooShort = await cli(['user-add', '--username', 'petugas.baru', '--name', 'Petugas Baru', '--role', 'field_worker', '--unit', 'upt_bandung', '--data-dir', dir], {
      TINDAK_NEW_PASSWORD: 'pendek',
    });
    expect(tooShort.code).toBe(2);
    expect(await count(dir, "select count(*)::int as n from users where username = 'petugas.baru'")).toBe(0);

    const added = await cli(['user-add', '--username', 'petugas.baru', '--name', 'Petugas Baru', '--role', 'field_worker', '--unit', 'upt_kupang', '--data-dir', dir], {
      TINDAK_NEW_PASSWORD: 'kata-sandi-panjang-2026',
    });
    expect(added.code, added.stderr + added.stdout).toBe(0);
    expect(await count(dir, "select count(*)::int as n from users where username = 'petugas.baru'")).toBe(1);

    const created = await cli(['channel-key-create', '--channel', 'lapor', '--label', 'uji', '--data-dir', dir]);
    expect(created.code, created.stderr).toBe(0);
    const id = /id: (\S+)/.exec(created.stdout)?.[1];
    expect(id).toBeDefined();
    const revoked = await cli(['channel-key-revoke', '--id', id!, '--data-dir', dir]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('revoked');
  }, 180_000);
});
