/**
 * The real central server on loopback, on PGlite (in memory) or on a fresh PostgreSQL
 * database, with the small organisation of org-fixture.ts. Tests talk to it over HTTP:
 *
 *   const server = await startServer('pglite');
 *   const liaison = await server.login('liaisonA');
 *   await liaison.push([liaison.action(caseId, 'accept', {}, 1)]);
 */
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import {
  DEFAULT_CONFIG,
  PROTOCOL_VERSION,
  uuidv7,
  type CaseRecord,
  type MutationInput,
  type PullResponse,
  type PushResponse,
} from '../../src/shared';
import { buildApp, type RouteRegistrar } from '../../src/server/app';
import { hashPassword } from '../../src/server/auth/passwords';
import { createContext, type ServerContext, type ServerSettings } from '../../src/server/context';
import { openDatabase, type Database } from '../../src/server/db/database';
import { migrate } from '../../src/server/db/migrate';
import type { Logger } from '../../src/server/logger';
import { loadCases, takeSeqs, upsertCases } from '../../src/server/sync/store';
import { PEOPLE, UNITS, type PersonKey } from './org-fixture';

export type StoreKind = 'pglite' | 'postgres';

export const POSTGRES_ADMIN_URL = process.env.TINDAK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_PASSWORD = 'rahasia-uji-123';

let postgresReachable: boolean | undefined;

/** Whether PostgreSQL answers; when it does not, say so loudly once. */
export async function isPostgresReachable(): Promise<boolean> {
  if (postgresReachable !== undefined) return postgresReachable;
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    postgresReachable = true;
  } catch (error) {
    postgresReachable = false;
    console.warn(`\n*** PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL} (${(error as Error).message}): the PostgreSQL half of the server tests is SKIPPED. ***\n`);
  } finally {
    await client.end().catch(() => undefined);
  }
  return postgresReachable;
}

/** The stores to run server tests against: PGlite always, PostgreSQL when reachable (always in CI). */
export async function storesToTest(): Promise<StoreKind[]> {
  if (process.env.CI && !(await isPostgresReachable())) throw new Error('CI must run the PostgreSQL half of the server tests, but PostgreSQL is not reachable.');
  return (await isPostgresReachable()) ? ['pglite', 'postgres'] : ['pglite'];
}

/** A fresh, empty PostgreSQL database; `drop` removes it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `tindak_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await again.connect();
      await again.query(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

export async function openTestDatabase(kind: StoreKind): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const db = await openDatabase({ dataDir: null });
    return { db, drop: () => db.close() };
  }
  const created = await createPostgresDatabase();
  const db = await openDatabase({ databaseUrl: created.url, poolSize: 8 });
  return {
    db,
    drop: async () => {
      await db.close();
      await created.drop();
    },
  };
}

export const usernameOf = (key: PersonKey) => key.toLowerCase();

/** The org-fixture organisation in a migrated store. */
export async function seedFixtureOrganisation(db: Database): Promise<void> {
  await db.query('insert into org_config (id, config) values (1, $1)', [JSON.stringify(DEFAULT_CONFIG)]);
  const parentsFirst = Object.values(UNITS).sort((a, b) => Number(a.parentId !== null) - Number(b.parentId !== null));
  for (const unit of parentsFirst) {
    await db.query('insert into units (id, code, name, kind, parent_id, time_zone, region) values ($1, $2, $3, $4, $5, $6, $7)', [
      unit.id, unit.code, unit.name, unit.kind, unit.parentId, unit.timeZone, unit.region,
    ]);
  }
  // Cheap argon2 parameters: the tests exercise the flow, not the hash's cost.
  const hash = await hashPassword(TEST_PASSWORD, { memorySize: 256, iterations: 1 });
  for (const [key, person] of Object.entries(PEOPLE)) {
    await db.query('insert into users (id, username, display_name, role, unit_id, password_hash, is_active) values ($1, $2, $3, $4, $5, $6, $7)', [
      person.id, usernameOf(key as PersonKey), key, person.role, person.unitId, hash, person.isActive,
    ]);
  }
}

export interface TestServer {
  url: string;
  kind: StoreKind;
  db: Database;
  ctx: ServerContext;
  login(who: PersonKey, deviceId?: string): Promise<Session>;
  /** Puts cases straight into the store (as intake would), returning them. */
  insertCases(records: CaseRecord[]): Promise<CaseRecord[]>;
  caseOnServer(id: string): Promise<CaseRecord | undefined>;
  close(): Promise<void>;
}

export async function startServer(kind: StoreKind, options: { settings?: Partial<ServerSettings>; routes?: RouteRegistrar[]; logger?: Logger } = {}): Promise<TestServer> {
  const { db, drop } = await openTestDatabase(kind);
  await migrate(db);
  await seedFixtureOrganisation(db);
  const ctx = await createContext(db, options.settings);
  const app = await buildApp(ctx, { ...(options.routes ? { routes: options.routes } : {}), ...(options.logger ? { logger: options.logger } : {}) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    kind,
    db,
    ctx,
    login: (who, deviceId) => Session.login(url, usernameOf(who), TEST_PASSWORD, deviceId ?? `dev-${who}-${randomBytes(4).toString('hex')}`),
    async insertCases(records) {
      await db.transaction(async (tx) => {
        const first = await takeSeqs(tx, records.length);
        await upsertCases(tx, records.map((record, i) => ({
          record, changeSeq: first + i, scopeSeq: first + i, fieldMeta: {},
          nikHash: ctx.hasher.nik(record.reporter.nik), phoneHash: ctx.hasher.phone(record.reporter.phone),
        })));
      });
      return records;
    },
    async caseOnServer(id) {
      return (await loadCases(db, [id])).get(id)?.record;
    },
    async close() {
      await app.close();
      await drop();
    },
  };
}

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function request<T = unknown>(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, options: { gzip?: boolean } = {}): Promise<HttpResult<T>> {
  let payload: string | Uint8Array | undefined;
  const allHeaders: Record<string, string> = { ...headers };
  if (body !== undefined) {
    payload = typeof body === 'string' ? body : JSON.stringify(body);
    allHeaders['content-type'] ??= 'application/json';
    if (options.gzip) {
      payload = new Uint8Array(gzipSync(payload));
      allHeaders['content-encoding'] = 'gzip';
    }
  }
  const response = await fetch(`${url}${path}`, { method, headers: allHeaders, body: payload as BodyInit | undefined });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

/** One signed-in device: builds mutations with increasing seq and speaks push/pull. */
export class Session {
  private seq = 0;
  cursor: string | null = null;

  private constructor(
    readonly url: string,
    readonly deviceId: string,
    public accessToken: string,
    public refreshToken: string,
    readonly user: { id: string; role: string; unitId: string },
  ) {}

  static async login(url: string, username: string, password: string, deviceId: string): Promise<Session> {
    const result = await request<{ accessToken: string; refreshToken: string; user: { id: string; role: string; unitId: string } }>(url, 'POST', '/auth/login', { username, password, deviceId });
    if (result.status !== 200) throw new Error(`login ${username} failed: ${result.status} ${JSON.stringify(result.body)}`);
    return new Session(url, deviceId, result.body.accessToken, result.body.refreshToken, result.body.user);
  }

  get auth() {
    return { authorization: `Bearer ${this.accessToken}` };
  }

  call<T = unknown>(method: string, path: string, body?: unknown, options: { gzip?: boolean } = {}) {
    return request<T>(this.url, method, path, body, this.auth, options);
  }

  private base(entity: 'case' | 'report', entityId: string) {
    this.seq += 1;
    return { mutationId: uuidv7(), seq: this.seq, entity, entityId, createdAt: new Date().toISOString() };
  }

  action(entityId: string, action: string, payload: unknown, baseVersion: number | null = null, entity: 'case' | 'report' = 'case'): MutationInput {
    return { ...this.base(entity, entityId), op: 'action', action, payload, baseVersion, fields: {}, baseValues: {} };
  }

  update(entityId: string, fields: Record<string, unknown>, baseValues: Record<string, unknown>, baseVersion: number | null, entity: 'case' | 'report' = 'case'): MutationInput {
    return { ...this.base(entity, entityId), op: 'update', fields, baseValues, baseVersion, action: null };
  }

  create(entity: 'case' | 'report', entityId: string, fields: Record<string, unknown>): MutationInput {
    return { ...this.base(entity, entityId), op: 'create', fields, baseValues: {}, baseVersion: null, action: null };
  }

  async pushRaw(mutations: MutationInput[]) {
    return this.call<PushResponse>('POST', '/sync/push', { protocolVersion: PROTOCOL_VERSION, deviceId: this.deviceId, mutations });
  }

  async push(mutations: MutationInput[]): Promise<PushResponse> {
    const result = await this.pushRaw(mutations);
    if (result.status !== 200) throw new Error(`push failed: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  }

  async pullPage(limit = 500): Promise<PullResponse> {
    const result = await this.call<PullResponse>('POST', '/sync/pull', { protocolVersion: PROTOCOL_VERSION, cursor: this.cursor, limit });
    if (result.status !== 200) throw new Error(`pull failed: ${result.status} ${JSON.stringify(result.body)}`);
    if ('cursor' in result.body) this.cursor = result.body.cursor;
    return result.body;
  }

  /** Pulls until nothing more; returns every change in order. */
  async pullAll(limit = 500) {
    const changes = [];
    for (;;) {
      const page = await this.pullPage(limit);
      if (!('changes' in page)) throw new Error('reset required');
      changes.push(...page.changes);
      if (!page.hasMore) return changes;
    }
  }
}
