/**
 * The central server as a separate process, for tests that kill it: `serve` with the
 * org-fixture organisation seeded into an empty store. Prints "LISTENING <url>" when ready.
 */
import { serve } from '../../src/server/server';
import { createLogger } from '../../src/server/logger';
import { uuidv7 } from '../../src/shared';
import { takeSeqs, upsertCases } from '../../src/server/sync/store';
import { UNITS, caseIn } from './org-fixture';
import { seedFixtureOrganisation } from './server';

/** Benchmarks ask for N synthetic in-follow-up cases of work unit A in a fresh store. */
const benchCases = Number(process.env.TINDAK_BENCH_CASES ?? 0);
/**
 * And N offices: field workers `office0`…, each assigned its own 10 of those cases (and no UPT
 * copy), so each office's pull carries its own scope as in the field.
 */
const benchOffices = Number(process.env.TINDAK_BENCH_OFFICES ?? 0);
export const CASES_PER_OFFICE = 10;

const running = await serve({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.TINDAK_DATA_DIR ?? null,
  port: 0,
  logger: createLogger({ level: 'silent' }),
  prepare: async (db) => {
    const units = await db.query('select 1 from units limit 1');
    if (units.rowCount > 0) return;
    await seedFixtureOrganisation(db);
    const officeIds = Array.from({ length: benchOffices }, () => uuidv7());
    if (officeIds.length > 0) {
      const hash = (await db.query<{ password_hash: string }>("select password_hash from users where username = 'liaisona'")).rows[0]!.password_hash;
      await db.query(
        `insert into users (id, username, display_name, role, unit_id, password_hash)
         select id, 'office' || (n - 1), 'Kantor ' || (n - 1), 'field_worker', $2, $3 from unnest($1::uuid[]) with ordinality as t(id, n)`,
        [officeIds, UNITS.uptA2.id, hash],
      );
    }
    for (let done = 0; done < benchCases; done += 1_000) {
      const records = Array.from({ length: Math.min(1_000, benchCases - done) }, (_, k) => {
        const id = uuidv7();
        const office = officeIds[Math.floor((done + k) / CASES_PER_OFFICE)];
        return caseIn('in_follow_up', { id, ticketId: `B-${id.slice(-12)}`, ...(office ? { regionalUnitIds: [], assigneeIds: [office] } : {}) });
      });
      await db.transaction(async (tx) => {
        const first = await takeSeqs(tx, records.length);
        await upsertCases(tx, records.map((record, i) => ({ record, changeSeq: first + i, scopeSeq: first + i, fieldMeta: {}, nikHash: null, phoneHash: null })));
      });
    }
  },
});
process.stdout.write(`LISTENING ${running.url}\n`);
// A polite stop (SIGTERM) exits normally, so profilers and coverage can write their output.
process.on('SIGTERM', () => {
  void running.close().finally(() => process.exit(0));
});
