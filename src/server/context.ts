/**
 * What every request handler needs: the store, the organisation (units, people, config) held
 * in memory and reloaded when an admin changes it, the identity hasher and the settings.
 */
import {
  DEFAULT_CONFIG,
  orgConfigSchema,
  unitDirectory,
  type OrgConfig,
  type Person,
  type Role,
  type Unit,
  type WorkflowDirectory,
} from '../shared';
import type { Database } from './db/database';
import type { SessionConfig } from './auth/tokens';
import { DEFAULT_SESSION_CONFIG } from './auth/tokens';
import type { IdentityHasher } from './sync/identity-hash';
import { loadIdentityHasher } from './sync/identity-hash';

export interface ServerSettings {
  session: SessionConfig;
  /** Conflict precedence: a stale edit by a higher rank overrides; a lower or equal rank conflicts. */
  rolePrecedence: Record<Role, number>;
  /** Removal markers older than this are pruned; a cursor from before them must reset. */
  removalHorizonMs: number;
  loginAttemptsPerMinute: number;
  requestsPerMinutePerDevice: number;
  bodyLimitBytes: number;
  /** Origins allowed to call the API from a browser (the browser shell, the app's own origin). */
  allowedOrigins: readonly string[];
  /** How long a pipelined push waits for the batch before it (`after`), then 409 predecessor_missing. */
  predecessorWaitMs: number;
  /**
   * How often a waiting pipelined push looks again when nothing wakes it: a predecessor pushed
   * through this process wakes it at once, one pushed through another process is found this way.
   */
  predecessorPollMs: number;
  /**
   * How stale the in-memory organisation may be: a request finding it last checked longer ago
   * asks the store for its version (one small query) and reloads it when it moved. A change
   * made through another server process or the command line is seen within this time.
   */
  organisationCheckMs: number;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  session: DEFAULT_SESSION_CONFIG,
  rolePrecedence: { admin: 3, liaison: 3, unit_head: 2, upt_staff: 1, field_worker: 1, auditor: 0 },
  removalHorizonMs: 90 * 24 * 3_600_000,
  loginAttemptsPerMinute: 10,
  requestsPerMinutePerDevice: 1_200,
  bodyLimitBytes: 4 * 1024 * 1024,
  allowedOrigins: ['http://127.0.0.1:5173', 'http://localhost:5173', 'app://tindak'],
  predecessorWaitMs: 15_000,
  predecessorPollMs: 100,
  organisationCheckMs: 1_000,
};

export interface PersonRecord extends Person {
  username: string;
  displayName: string;
}

export interface Organisation {
  config: OrgConfig;
  units: Unit[];
  people: Map<string, PersonRecord>;
  directory: WorkflowDirectory;
  /** The unit and every unit below it. */
  subtree(unitId: string): string[];
}

export async function loadOrganisation(db: Database): Promise<Organisation> {
  const configRow = (await db.query<{ config: unknown }>('select config from org_config where id = 1')).rows[0];
  const config = configRow ? orgConfigSchema.parse(configRow.config) : DEFAULT_CONFIG;
  const units = (
    await db.query<{ id: string; code: string; name: string; kind: Unit['kind']; parent_id: string | null; time_zone: Unit['timeZone']; region: string }>(
      'select id, code, name, kind, parent_id, time_zone, region from units',
    )
  ).rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, parentId: r.parent_id, timeZone: r.time_zone, region: r.region }));
  const people = new Map(
    (
      await db.query<{ id: string; username: string; display_name: string; role: Role; unit_id: string; is_active: boolean }>(
        'select id, username, display_name, role, unit_id, is_active from users',
      )
    ).rows.map((r) => [r.id, { id: r.id, username: r.username, displayName: r.display_name, role: r.role, unitId: r.unit_id, isActive: r.is_active }]),
  );
  const unitsById = unitDirectory(units);
  const channels = new Map(config.channels.map((c) => [c.key, c.reportsBack]));
  const topics = new Set(config.topics.map((t) => t.key));
  const children = new Map<string, string[]>();
  for (const unit of units) if (unit.parentId) children.set(unit.parentId, [...(children.get(unit.parentId) ?? []), unit.id]);
  const subtree = (unitId: string): string[] => [unitId, ...(children.get(unitId) ?? []).flatMap(subtree)];
  return {
    config,
    units,
    people,
    subtree,
    directory: {
      units: unitsById,
      person: (id) => people.get(id),
      channelReportsBack: (channel) => channels.get(channel) ?? false,
      topicExists: (topic) => topics.has(topic),
    },
  };
}

export interface ServerContext {
  db: Database;
  settings: ServerSettings;
  hasher: IdentityHasher;
  org: Organisation;
  /** Loads the organisation again now (after this process changed it). */
  reloadOrganisation(): Promise<void>;
  /** Reloads the organisation if it changed in the store since it was loaded; checks at most every `organisationCheckMs`. */
  refreshOrganisation(): Promise<void>;
}

async function orgVersion(db: Database): Promise<number> {
  return Number((await db.query<{ version: number }>('select version from org_version where id = 1')).rows[0]?.version ?? 0);
}

export async function createContext(db: Database, settings: Partial<ServerSettings> = {}): Promise<ServerContext> {
  const merged = { ...DEFAULT_SETTINGS, ...settings };
  // The version is read before the data, so the data is at least that new; a change in
  // between only makes the next check load again.
  let version = await orgVersion(db);
  let checkedAt = Date.now();
  let checking: Promise<void> | null = null;
  // A check and a reload after an admin change may overlap: the copy of the newer version stays.
  const install = (next: number, org: Organisation) => {
    if (next >= version) {
      context.org = org;
      version = next;
    }
    checkedAt = Date.now();
  };
  const context: ServerContext = {
    db,
    settings: merged,
    hasher: await loadIdentityHasher(db),
    org: await loadOrganisation(db),
    async reloadOrganisation() {
      const next = await orgVersion(db);
      install(next, await loadOrganisation(db));
    },
    refreshOrganisation() {
      if (Date.now() - checkedAt < merged.organisationCheckMs) return Promise.resolve();
      checking ??= (async () => {
        try {
          const next = await orgVersion(db);
          if (next > version) install(next, await loadOrganisation(db));
          else checkedAt = Date.now();
        } finally {
          checking = null;
        }
      })();
      return checking;
    },
  };
  return context;
}
