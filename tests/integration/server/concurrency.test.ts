/**
 * Two devices at once, a client cut mid-request, and the server killed mid-transaction:
 * every batch takes effect whole or not at all, and merges/conflicts come out as specified.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, uuidv7, type CaseRecord } from '../../../src/shared';
import { openDatabase, type Database } from '../../../src/server/db/database';
import { takeSeqs, upsertCases } from '../../../src/server/sync/store';
import { caseIn } from '../../helpers/org-fixture';
import { Session, TEST_PASSWORD, createPostgresDatabase, startServer, storesToTest, usernameOf, type TestServer } from '../../helpers/server';
import { spawnServer } from '../../helpers/server-process';

const stores = await storesToTest();

const fresh = (n: number) => Array.from({ length: n }, () => {
  const id = uuidv7();
  return caseIn('in_follow_up', { id, ticketId: `C-${id.slice(-12)}` });
});

async function insert(db: Database, records: CaseRecord[]) {
  await db.transaction(async (tx) => {
    const first = await takeSeqs(tx, records.length);
    await upsertCases(tx, records.map((record, i) => ({ record, changeSeq: first + i, scopeSeq: first + i, fieldMeta: {}, nikHash: null, phoneHash: null })));
  });
}

describe.each(stores)('concurrent devices on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(kind);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('two devices at once: different fields merge, the same field conflicts once', async () => {
    const records = await server.insertCases(fresh(40));
    const admin = await server.login('admin');
    const liaison = await server.login('liaisonA');
    const [fromAdmin, fromLiaison] = await Promise.all([
      admin.push(records.map((r) => admin.update(r.id, { title: `${r.title} (admin)`, urgency: 'urgent' }, { title: r.title, urgency: 'normal' }, 1))),
      liaison.push(records.map((r) => liaison.update(r.id, { urgency: 'urgent' }, { urgency: 'normal' }, 1))),
    ]);
    for (const [i, record] of records.entries()) {
      const statuses = [fromAdmin.results[i]!.status, fromLiaison.results[i]!.status];
      // Same new urgency on both sides: no conflict (nothing differs); titles only from admin.
      expect(statuses.every((s) => s === 'applied' || s === 'merged'), statuses.join()).toBe(true);
      const after = await server.caseOnServer(record.id);
      expect(after).toMatchObject({ title: `${record.title} (admin)`, urgency: 'urgent' });
    }
    const [a, b] = await Promise.all([
      admin.push(records.map((r) => admin.update(r.id, { description: 'Versi admin.' }, { description: r.description }, 2))),
      liaison.push(records.map((r) => liaison.update(r.id, { urgency: 'normal' }, { urgency: 'urgent' }, 2))),
    ]);
    expect(a.results.every((r) => r.status === 'applied' || r.status === 'merged')).toBe(true);
    expect(b.results.every((r) => r.status === 'applied' || r.status === 'merged')).toBe(true);
    // The same field, different values, two devices of equal rank from the same base: exactly
    // one wins, the other gets a conflict carrying the winner's value.
    const admin2 = await server.login('admin');
    // The version each record reached depends on which device won the races above (a change
    // equal to the server's value adds no version): both devices start from the current one.
    const versions = await Promise.all(records.map(async (r) => (await server.caseOnServer(r.id))!.version));
    const [c, d] = await Promise.all([
      admin.push(records.map((r, i) => admin.update(r.id, { title: 'Judul perangkat 1' }, { title: `${r.title} (admin)` }, versions[i]!))),
      admin2.push(records.map((r, i) => admin2.update(r.id, { title: 'Judul perangkat 2' }, { title: `${r.title} (admin)` }, versions[i]!))),
    ]);
    for (const [i, record] of records.entries()) {
      const pair = [c.results[i]!, d.results[i]!];
      expect(pair.map((r) => r.status).sort()).toEqual(['applied', 'conflict']);
      const winner = pair[0]!.status === 'applied' ? 'Judul perangkat 1' : 'Judul perangkat 2';
      expect(pair.find((r) => r.status === 'conflict')!.conflicts[0]).toMatchObject({ field: 'title', theirs: winner });
      expect((await server.caseOnServer(record.id))?.title).toBe(winner);
    }
  });

  it('the same new batch sent twice at once (a resend while the first is applied): one effect, both answered alike', async () => {
    const records = await server.insertCases(fresh(30));
    const liaison = await server.login('liaisonA');
    const batch = records.map((r) => liaison.update(r.id, { urgency: 'urgent' }, { urgency: 'normal' }, 1));
    const answers = await Promise.all([liaison.pushRaw(batch), liaison.pushRaw(batch), liaison.pushRaw(batch)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const [first, ...others] = answers.map((a) => (a.body as { results: unknown[] }).results);
    for (const other of others) expect(other).toEqual(first);
    for (const record of records) expect((await server.caseOnServer(record.id))?.version).toBe(2);
    const events = await server.db.query('select 1 from case_events where case_id = any($1::uuid[])', [records.map((r) => r.id)]);
    expect(events.rowCount).toBe(records.length);
  });

  it('a client cut mid-body changes nothing', async () => {
    const [record] = await server.insertCases(fresh(1));
    const liaison = await server.login('liaisonA');
    const body = JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId: liaison.deviceId, mutations: [liaison.update(record!.id, { urgency: 'urgent' }, { urgency: 'normal' }, 1)] });
    const { port } = new URL(server.url);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`POST /sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${liaison.accessToken}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
        socket.write(body.slice(0, Math.floor(body.length / 2)));
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 100);
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await server.caseOnServer(record!.id))?.version).toBe(1);
    expect((await server.db.query('select 1 from mutations where device_id = $1', [liaison.deviceId])).rowCount).toBe(0);
  });
});

describe('the server killed mid-transaction', () => {
  const BATCH = 400;

  interface Harness {
    /** Puts the cases in the store (the server may have to be stopped for that). */
    prepare(records: CaseRecord[]): Promise<void>;
    start(): Promise<{ url: string; kill: () => Promise<void> }>;
    count(sql: string, params: unknown[]): Promise<number>;
    /** Resolves once the push's transaction is open on the server, where that can be seen. */
    openTransaction?(): Promise<boolean>;
  }

  /** For each delay: push a big batch, SIGKILL the server after `delay` ms, check atomicity. */
  let midTransactionKills = 0;
  async function killDuringPush(harness: Harness, delays: number[]): Promise<number[]> {
    const outcomes: number[] = [];
    for (const delay of delays) {
      const records = fresh(BATCH);
      await harness.prepare(records);
      const proc = await harness.start();
      const session = await Session.login(proc.url, usernameOf('liaisonA'), TEST_PASSWORD, `dev-kill-${delay}-${outcomes.length}`);
      const mutations = records.map((r) => session.update(r.id, { urgency: 'urgent' }, { urgency: 'normal' }, 1));
      const pending = session.pushRaw(mutations).catch(() => null);
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (harness.openTransaction) midTransactionKills += Number(await harness.openTransaction());
      await proc.kill();
      await pending;
      const ids = records.map((r) => r.id);
      const applied = await harness.count('select count(*)::int as n from mutations where mutation_id = any($1::uuid[])', [mutations.map((m) => m.mutationId)]);
      const bumped = await harness.count('select count(*)::int as n from cases where id = any($1::uuid[]) and version = 2', [ids]);
      const events = await harness.count('select count(*)::int as n from case_events where case_id = any($1::uuid[])', [ids]);
      expect([0, BATCH]).toContain(applied);
      expect(bumped).toBe(applied);
      expect(events).toBe(applied);
      outcomes.push(applied);
    }
    return outcomes;
  }

  it.runIf(stores.includes('postgres'))('on PostgreSQL: each batch applied whole or not at all', async () => {
    const created = await createPostgresDatabase();
    const db = await openDatabase({ databaseUrl: created.url, poolSize: 2 });
    let running = null as { kill: () => Promise<void> } | null;
    try {
      const first = await spawnServer({ DATABASE_URL: created.url }); // migrates and seeds
      await first.kill();
      const outcomes = await killDuringPush(
        {
          prepare: (records) => insert(db, records),
          start: async () => (running = await spawnServer({ DATABASE_URL: created.url })),
          count: async (sql, params) => Number((await db.query<{ n: number }>(sql, params)).rows[0]!.n),
          // Watch pg_stat_activity for the push's open transaction, then kill inside it.
          openTransaction: async () => {
            for (let i = 0; i < 400; i += 1) {
              const open = await db.query(
                `select 1 from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
                   and xact_start is not null and query ilike '%mutations%'`,
              );
              if (open.rowCount > 0) return true;
              await new Promise((resolve) => setTimeout(resolve, 2));
            }
            return false;
          },
        },
        [0, 0, 0, 0, 0, 0],
      );
      expect(midTransactionKills, 'at least some kills must land inside the open transaction').toBeGreaterThan(0);
      console.info(`kill outcomes on PostgreSQL (mutations applied per batch of ${BATCH}): ${outcomes.join(', ')}; ${midTransactionKills} kills inside an open transaction`);
    } finally {
      await running?.kill();
      await db.close();
      await created.drop();
    }
  }, 240_000);

  it('on embedded PGlite: the store reopens consistent after a kill', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tindak-kill-'));
    const withStore = async <T>(fn: (db: Database) => Promise<T>): Promise<T> => {
      const db = await openDatabase({ dataDir: dir });
      try {
        return await fn(db);
      } finally {
        await db.close();
      }
    };
    let running = null as { kill: () => Promise<void> } | null;
    try {
      const first = await spawnServer({ TINDAK_DATA_DIR: dir });
      await first.kill();
      const outcomes = await killDuringPush(
        {
          // PGlite is a single-process store: the server is down while the test opens it.
          prepare: (records) => withStore((db) => insert(db, records)),
          start: async () => (running = await spawnServer({ TINDAK_DATA_DIR: dir })),
          count: (sql, params) => withStore(async (db) => Number((await db.query<{ n: number }>(sql, params)).rows[0]!.n)),
        },
        [40, 150, 400],
      );
      console.info(`kill outcomes on PGlite (mutations applied per batch of ${BATCH}): ${outcomes.join(', ')}`);
    } finally {
      await running?.kill();
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
