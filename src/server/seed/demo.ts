/**
 * The demo: an empty store becomes Kemensos' complaint desk with a few thousand cases in
 * every state, so the app can be tried without any setup. The server seeds it on the first
 * start of an empty embedded store (`isEmptyStore`), and refuses to seed a store that already
 * holds an organisation rather than mixing the demo into it.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_CONFIG, type CaseStatus } from '../../shared';
import { hashPassword, type Argon2Params } from '../auth/passwords';
import type { Database, Queryable } from '../db/database';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_UNITS, type DemoAccount } from './demo-org';
import { DEFAULT_SEED, generateCases } from './generate';
import { createRandom, deriveSeed } from './random';

export { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_UNITS } from './demo-org';

/** The demo's case count when none is given. */
export const DEMO_CASES = 3000;

/** Organisation ids are made for this instant, so a seed gives the same unit and user ids on every machine. */
const ORG_CREATED_MS = Date.UTC(2026, 0, 5, 1, 0, 0);
const HOUR_MS = 3_600_000;

/** Argon2 parameters for tests: the flow is exercised, not the hash's cost. */
const FAST_HASHING: Partial<Argon2Params> = { memorySize: 256, iterations: 1 };

export interface SeedDemoOptions {
  /** How many synthetic cases (default 3000). */
  cases?: number;
  seed?: number;
  /** `fixed`: every account uses DEMO_PASSWORD (the README lists them); `random`: one each, returned. */
  passwords?: 'fixed' | 'random';
  /** Cheap argon2 parameters; for tests only. */
  fastHashing?: boolean;
  /** Where the synthetic history ends (default: now). */
  now?: Date;
}

export interface SeededAccount extends DemoAccount {
  id: string;
  password: string;
}

export interface DemoSummary {
  units: number;
  accounts: SeededAccount[];
  cases: number;
  reports: number;
  events: number;
  byStatus: Record<CaseStatus, number>;
  durationMs: number;
}

export class SeedError extends Error {
  readonly code = 'store_not_empty';
  constructor(unitCount: number) {
    super(
      `Refusing to seed the demo: the store already holds an organisation (${unitCount} unit(s)). ` +
        'The demo is seeded only into an empty store; use generateCases to add synthetic cases to an existing one.',
    );
    this.name = 'SeedError';
  }
}

/** True when the store has no organisation yet: the moment to offer (or seed) the demo. */
export async function isEmptyStore(db: Queryable): Promise<boolean> {
  return (await countUnits(db)) === 0;
}

async function countUnits(db: Queryable): Promise<number> {
  const result = await db.query<{ count: number }>('select count(*)::int as count from units');
  return Number(result.rows[0]?.count ?? 0);
}

export async function seedDemo(db: Database, options: SeedDemoOptions = {}): Promise<DemoSummary> {
  const started = performance.now();
  const units = await countUnits(db);
  // Checked first so a refused seed costs no password hashing; checked again under a lock below.
  if (units > 0) throw new SeedError(units);

  const seed = options.seed ?? DEFAULT_SEED;
  const rng = createRandom(deriveSeed(seed, 0x0a6));
  const unitIds = new Map(
    DEMO_UNITS.map((unit, index) => [unit.code, rng.uuidv7(ORG_CREATED_MS + index * 60_000)]),
  );
  const idOf = (code: string): string => {
    const id = unitIds.get(code);
    if (!id) throw new Error(`unknown demo unit ${code}`);
    return id;
  };

  const params = options.fastHashing ? FAST_HASHING : {};
  const accounts: (SeededAccount & { hash: string })[] = [];
  for (const [index, account] of DEMO_ACCOUNTS.entries()) {
    const password = options.passwords === 'random' ? randomBytes(12).toString('base64url') : DEMO_PASSWORD;
    accounts.push({
      ...account,
      id: rng.uuidv7(ORG_CREATED_MS + HOUR_MS + index * 60_000),
      password,
      hash: await hashPassword(password, params),
    });
  }

  await db.transaction(async (tx) => {
    // Two servers starting on one empty PostgreSQL database: the second waits here, then refuses.
    await tx.query('lock table units in exclusive mode');
    const again = await countUnits(tx);
    if (again > 0) throw new SeedError(again);
    await tx.query('insert into org_config (id, config) values (1, $1) on conflict (id) do nothing', [
      JSON.stringify(DEFAULT_CONFIG),
    ]);
    for (const unit of DEMO_UNITS) {
      await tx.query(
        'insert into units (id, code, name, kind, parent_id, time_zone, region) values ($1, $2, $3, $4, $5, $6, $7)',
        [
          idOf(unit.code),
          unit.code,
          unit.name,
          unit.kind,
          unit.parentCode ? idOf(unit.parentCode) : null,
          unit.timeZone,
          unit.region,
        ],
      );
    }
    for (const account of accounts) {
      await tx.query(
        'insert into users (id, username, display_name, role, unit_id, password_hash) values ($1, $2, $3, $4, $5, $6)',
        [
          account.id,
          account.username,
          account.displayName,
          account.role,
          idOf(account.unitCode),
          account.hash,
        ],
      );
    }
  });

  const generated = await generateCases(db, {
    count: options.cases ?? DEMO_CASES,
    seed,
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    units: DEMO_UNITS.length,
    accounts: accounts.map(({ hash: _hash, ...account }) => account),
    cases: generated.cases,
    reports: generated.reports,
    events: generated.events,
    byStatus: generated.byStatus,
    durationMs: Math.round(performance.now() - started),
  };
}
