/**
 * The demo seed and the synthetic case generator, on PGlite and (when reachable) PostgreSQL:
 * every stored record passes the shared schemas, every case's history follows the transition
 * table, personal data stays out of the audit trail, and a seed number reproduces the data.
 *
 * The 100k-case timing runs only on request:
 *   TINDAK_SEED_BENCH=100000 npx vitest run tests/integration/seed.test.ts -t "generates"
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CASE_STATUSES,
  CASE_TRANSITIONS,
  DEFAULT_CONFIG,
  REPORT_TRANSITIONS,
  ROLES,
  TIME_ZONES,
  caseEventSchema,
  caseRecordSchema,
  kkSchema,
  missingForSubmission,
  nikSchema,
  normalizedPhoneSchema,
  reportRecordSchema,
  type CaseEvent,
  type CaseRecord,
  type ReportRecord,
  type ReportStatus,
  type Role,
  type Unit,
  type WorkflowRole,
} from '../../src/shared';
import { verifyPassword } from '../../src/server/auth/passwords';
import { openDatabase, type Database } from '../../src/server/db/database';
import { migrate } from '../../src/server/db/migrate';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  SeedError,
  isEmptyStore,
  seedDemo,
  type DemoSummary,
} from '../../src/server/seed/demo';
import { generateCases } from '../../src/server/seed/generate';
import { isFictitiousIdentity } from '../../src/server/seed/indonesia';
import { isPostgresAvailable, withPglite, withPostgres, type TestDatabase } from '../helpers/databases';

const NOW = new Date('2026-11-20T05:00:00.000Z');
const SEED = 7;
const CASES = 300;
const DAY = 86_400_000;

interface StoredUser {
  id: string;
  username: string;
  role: Role;
  unit_id: string;
  password_hash: string;
  is_active: boolean;
}

interface Snapshot {
  units: Unit[];
  users: StoredUser[];
  cases: CaseRecord[];
  reports: ReportRecord[];
  events: { data: CaseEvent; change_seq: number }[];
}

async function snapshot(db: Database): Promise<Snapshot> {
  const units = (
    await db.query<{
      id: string;
      code: string;
      name: string;
      kind: Unit['kind'];
      parent_id: string | null;
      time_zone: Unit['timeZone'];
      region: string;
    }>('select * from units order by id')
  ).rows.map((r): Unit => ({
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    parentId: r.parent_id,
    timeZone: r.time_zone,
    region: r.region,
  }));
  const users = (
    await db.query<StoredUser>(
      'select id, username, role, unit_id, password_hash, is_active from users order by username',
    )
  ).rows;
  const cases = (
    await db.query<{ data: CaseRecord }>('select data from cases order by ticket_id, channel')
  ).rows.map((r) => r.data);
  const reports = (await db.query<{ data: ReportRecord }>('select data from reports order by id')).rows.map(
    (r) => r.data,
  );
  const events = (
    await db.query<{ data: CaseEvent; change_seq: number }>(
      'select data, change_seq from case_events order by change_seq',
    )
  ).rows;
  return { units, users, cases, reports, events };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

const statusChange = (event: CaseEvent) => event.changes.find((c) => c.field === 'status');

function seedChecks(label: string, open: () => Promise<TestDatabase | null>, skip: boolean): void {
  describe.skipIf(skip)(label, () => {
    let store: TestDatabase;
    let summary: DemoSummary;
    let data: Snapshot;
    let roleOf: Map<string, Role>;
    let unitOfUser: Map<string, string>;

    beforeAll(async () => {
      const opened = await open();
      if (!opened) throw new Error('store unavailable');
      store = opened;
      summary = await seedDemo(store.db, { cases: CASES, seed: SEED, fastHashing: true, now: NOW });
      data = await snapshot(store.db);
      roleOf = new Map(data.users.map((u) => [u.id, u.role]));
      unitOfUser = new Map(data.users.map((u) => [u.id, u.unit_id]));
    });

    afterAll(async () => {
      await store?.close();
    });

    it('stores records that pass the shared schemas', () => {
      expect(data.cases).toHaveLength(CASES);
      expect(summary.cases).toBe(CASES);
      expect(data.reports.length).toBe(summary.reports);
      expect(data.events.length).toBe(summary.events);
      for (const record of data.cases)
        expect(caseRecordSchema.safeParse(record).error?.issues ?? []).toEqual([]);
      for (const record of data.reports)
        expect(reportRecordSchema.safeParse(record).error?.issues ?? []).toEqual([]);
      for (const { data: event } of data.events)
        expect(caseEventSchema.safeParse(event).error?.issues ?? []).toEqual([]);
    });

    it('stores the default configuration, in the store it was given', async () => {
      const row = (await store.db.query<{ config: unknown }>('select config from org_config where id = 1'))
        .rows[0];
      expect(row?.config).toEqual(DEFAULT_CONFIG);
      if (store.schema !== null) {
        const current = (await store.db.query<{ schema: string }>('select current_schema() as schema'))
          .rows[0];
        expect(current?.schema).toBe(store.schema);
      }
    });

    it('builds a unit tree over WIB, WITA and WIT', () => {
      const byId = new Map(data.units.map((u) => [u.id, u]));
      const central = data.units.filter((u) => u.kind === 'central');
      const work = data.units.filter((u) => u.kind === 'work_unit');
      const regional = data.units.filter((u) => u.kind === 'regional');
      expect(central.map((u) => u.name)).toEqual(['Biro Hubungan Masyarakat']);
      expect(work).toHaveLength(3);
      expect(regional).toHaveLength(6);
      for (const upt of regional) expect(byId.get(upt.parentId ?? '')?.kind).toBe('work_unit');
      expect(new Set(data.units.map((u) => u.timeZone))).toEqual(new Set(Object.keys(TIME_ZONES)));
    });

    it('has an account for every role whose password verifies', async () => {
      expect(new Set(data.users.map((u) => u.role))).toEqual(new Set(ROLES));
      expect(data.users.map((u) => u.username).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.username).sort());
      expect(summary.accounts.every((a) => a.password === DEMO_PASSWORD)).toBe(true);
      const regional = data.units.filter((u) => u.kind === 'regional');
      for (const upt of regional) {
        expect(data.users.filter((u) => u.unit_id === upt.id && u.role === 'field_worker')).toHaveLength(2);
        expect(data.users.filter((u) => u.unit_id === upt.id && u.role === 'upt_staff')).toHaveLength(1);
      }
      for (const user of data.users)
        expect(await verifyPassword(DEMO_PASSWORD, user.password_hash)).toBe(true);
      expect(await verifyPassword('salah-sandi-123', data.users[0]?.password_hash ?? '')).toBe(false);
    });

    it('covers every status, each shaped as the workflow leaves it', () => {
      expect(new Set(data.cases.map((c) => c.status))).toEqual(new Set(CASE_STATUSES));
      const units = new Map(data.units.map((u) => [u.id, u]));
      const reportsOf = groupBy(data.reports, (r) => r.caseId);
      const reportsBack = new Map(DEFAULT_CONFIG.channels.map((c) => [c.key, c.reportsBack]));
      const urgentTopics = new Set(DEFAULT_CONFIG.topics.filter((t) => t.isUrgent).map((t) => t.key));
      for (const c of data.cases) {
        const isDistributed = ['distributed', 'in_follow_up', 'finished', 'rated', 'auto_closed'].includes(
          c.status,
        );
        const isFollowedUp = ['in_follow_up', 'finished', 'rated', 'auto_closed'].includes(c.status);
        const isFinished = ['finished', 'rated', 'auto_closed'].includes(c.status);
        expect(c.topic === null, `${c.ticketId} topic`).toBe(
          c.status === 'received' || c.status === 'archived',
        );
        if (c.topic && urgentTopics.has(c.topic)) expect(c.urgency).toBe('urgent');
        expect(c.unitId !== null, `${c.ticketId} unit`).toBe(isDistributed);
        expect(c.distributedAt !== null).toBe(isDistributed);
        if (isDistributed) {
          expect(units.get(c.unitId ?? '')?.kind).toBe('work_unit');
          for (const id of c.regionalUnitIds) expect(units.get(id)?.parentId).toBe(c.unitId);
        } else {
          expect(c.regionalUnitIds).toEqual([]);
        }
        if (isFollowedUp) {
          expect(c.assigneeIds.length, `${c.ticketId} assignees`).toBeGreaterThan(0);
          for (const id of c.assigneeIds) {
            expect(roleOf.get(id)).toBe('field_worker');
            expect(c.regionalUnitIds).toContain(unitOfUser.get(id));
          }
        } else {
          expect(c.assigneeIds).toEqual([]);
        }
        expect(c.resolutionNote !== null, `${c.ticketId} note`).toBe(
          isFinished || c.status === 'archived' || c.status === 'answered',
        );
        expect(c.finishedAt !== null).toBe(isFinished);
        expect(c.rating !== null).toBe(c.status === 'rated');
        if (c.rating !== null) expect(c.rating).toBeGreaterThanOrEqual(1);
        expect(c.channelReference !== null, `${c.ticketId} reference`).toBe(
          isFinished && reportsBack.get(c.channel) === true,
        );
        const statuses = (reportsOf.get(c.id) ?? []).map((r) => r.status);
        if (!isFollowedUp) expect(statuses).toEqual([]);
        if (isFinished) {
          expect(statuses, c.ticketId).toContain('closed');
          expect(statuses.filter((s) => s === 'submitted' || s === 'approved')).toEqual([]);
        }
      }
      const count = (status: ReportStatus) => data.reports.filter((r) => r.status === status).length;
      expect(count('submitted')).toBeGreaterThan(0);
      expect(count('approved')).toBeGreaterThan(0);
      expect(count('closed')).toBeGreaterThan(0);
    });

    it('writes handling reports by the case field staff, complete once submitted', () => {
      const cases = new Map(data.cases.map((c) => [c.id, c]));
      for (const report of data.reports) {
        const c = cases.get(report.caseId);
        expect(c).toBeDefined();
        expect(['field_worker', 'upt_staff']).toContain(roleOf.get(report.authorId));
        expect(report.unitId).toBe(unitOfUser.get(report.authorId));
        expect(c?.regionalUnitIds).toContain(report.unitId);
        if (report.status !== 'draft') {
          expect(missingForSubmission(report)).toEqual([]);
          expect(report.submittedAt).not.toBeNull();
        }
        expect(report.returnNote !== null).toBe(report.status === 'returned');
        expect(report.approvedAt !== null).toBe(report.status === 'approved' || report.status === 'closed');
        expect(report.closedAt !== null).toBe(report.status === 'closed');
        for (const correction of report.corrections)
          expect(roleOf.get(correction.correctedBy)).toBe('liaison');
      }
      expect(data.reports.some((r) => r.corrections.length > 0)).toBe(true);
    });

    it('tells each case through its events, step by step along the transition table', () => {
      const actorRole = (event: CaseEvent): WorkflowRole =>
        event.actorId === null ? 'system' : (roleOf.get(event.actorId) ?? 'system');
      const eventsOf = groupBy(
        data.events.map((e) => e.data),
        (e) => e.caseId,
      );
      const reports = new Map(data.reports.map((r) => [r.id, r]));
      for (const c of data.cases) {
        const events = eventsOf.get(c.id) ?? [];
        const [intake, ...steps] = events;
        expect(intake?.action).toBe('intake');
        expect(intake?.actorId).toBeNull();
        expect(intake?.at).toBe(c.receivedAt);
        expect(events.filter((e) => e.action === 'intake')).toHaveLength(1);
        expect(events.map((e) => e.at)).toEqual(events.map((e) => e.at).sort());
        let status: string = 'received';
        let version = 1;
        const reportStatus = new Map<string, string>();
        for (const event of steps) {
          if (event.reportId === null) {
            const to = (statusChange(event)?.after as string | undefined) ?? status;
            const row = CASE_TRANSITIONS.find(
              (t) =>
                t.from === status &&
                t.action === event.action &&
                t.to === to &&
                t.roles.includes(actorRole(event)),
            );
            expect(
              row,
              `${c.ticketId}: ${status} --${event.action}--> ${to} by ${actorRole(event)}`,
            ).toBeDefined();
            status = to;
            version += 1;
          } else {
            const action = event.action.replace(/^report_/, '');
            const from = reportStatus.get(event.reportId) ?? null;
            const to =
              action === 'create' ? 'draft' : ((statusChange(event)?.after as string | undefined) ?? from);
            const row = REPORT_TRANSITIONS.find(
              (t) =>
                t.from === from && t.action === action && t.to === to && t.roles.includes(actorRole(event)),
            );
            expect(
              row,
              `${c.ticketId}: report ${from} --${action}--> ${to} by ${actorRole(event)}`,
            ).toBeDefined();
            reportStatus.set(event.reportId, to ?? 'draft');
          }
        }
        expect(status).toBe(c.status);
        expect(version).toBe(c.version);
        for (const [id, final] of reportStatus) expect(reports.get(id)?.status).toBe(final);
      }
    });

    it('spreads cases over about sixty days before now', () => {
      const ages = data.cases.map((c) => (NOW.getTime() - Date.parse(c.receivedAt)) / DAY);
      expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...ages)).toBeGreaterThan(40);
      expect(Math.max(...ages)).toBeLessThan(100);
      for (const { data: event } of data.events)
        expect(Date.parse(event.at)).toBeLessThanOrEqual(NOW.getTime());
      expect(new Set(data.cases.map((c) => c.channel))).toEqual(
        new Set(DEFAULT_CONFIG.channels.map((c) => c.key)),
      );
      expect(new Set(data.cases.map((c) => c.kind)).size).toBe(3);
    });

    it('gives valid, fictitious identity numbers and normalised phones; anonymous reporters stay empty', () => {
      let withNik = 0;
      for (const c of data.cases) {
        const { nik, kk, phone } = c.reporter;
        if (nik !== null) {
          withNik += 1;
          expect(nikSchema.safeParse(nik).success, nik).toBe(true);
          expect(isFictitiousIdentity(nik), nik).toBe(true);
        }
        if (kk !== null) {
          expect(kkSchema.safeParse(kk).success, kk).toBe(true);
          expect(isFictitiousIdentity(kk), kk).toBe(true);
        }
        if (phone !== null) expect(normalizedPhoneSchema.safeParse(phone).success, phone).toBe(true);
        if (c.isAnonymous) expect(Object.values(c.reporter).every((v) => v === null)).toBe(true);
        expect(c.isAnonymous && c.isConfidential).toBe(false);
      }
      expect(withNik).toBeGreaterThan(CASES / 2);
      const share = (n: number) => n / CASES;
      expect(share(data.cases.filter((c) => c.isAnonymous).length)).toBeGreaterThan(0.01);
      expect(share(data.cases.filter((c) => c.isAnonymous).length)).toBeLessThan(0.12);
      expect(share(data.cases.filter((c) => c.isConfidential).length)).toBeGreaterThan(0.01);
      expect(share(data.cases.filter((c) => c.isConfidential).length)).toBeLessThan(0.12);
    });

    it('keeps personal data out of the audit trail', () => {
      const cases = new Map(data.cases.map((c) => [c.id, c]));
      for (const { data: event } of data.events) {
        const reporter = cases.get(event.caseId)?.reporter;
        const text = JSON.stringify([event.changes, event.note]);
        for (const value of [reporter?.nik, reporter?.kk, reporter?.phone, reporter?.address]) {
          if (value) expect(text).not.toContain(value);
        }
        // Single given names ("Agus") may occur in ordinary words; full names may not.
        if (reporter?.name?.includes(' ')) expect(text).not.toContain(reporter.name);
      }
    });

    it('flags possible duplicates on both cases, sharing NIK or phone and topic', () => {
      const byId = new Map(data.cases.map((c) => [c.id, c]));
      const flagged = data.cases.filter((c) => c.possibleDuplicateIds.length > 0);
      expect(flagged.length).toBeGreaterThanOrEqual(2);
      expect(flagged.length / CASES).toBeLessThan(0.06);
      for (const c of flagged) {
        for (const otherId of c.possibleDuplicateIds) {
          const other = byId.get(otherId);
          expect(other?.possibleDuplicateIds).toContain(c.id);
          expect(other?.topic).toBe(c.topic);
          const samePerson =
            (c.reporter.nik !== null && c.reporter.nik === other?.reporter.nik) ||
            (c.reporter.phone !== null && c.reporter.phone === other?.reporter.phone);
          expect(samePerson).toBe(true);
        }
      }
    });

    it('stamps every record with its own change sequence, and identity hashes for lookup', async () => {
      const seqs = (
        await store.db.query<{ change_seq: number }>(
          'select change_seq from cases union all select change_seq from reports union all select change_seq from case_events',
        )
      ).rows.map((r) => Number(r.change_seq));
      expect(new Set(seqs).size).toBe(seqs.length);
      const clock = (await store.db.query<{ last_seq: number }>('select last_seq from sync_clock')).rows[0];
      expect(Number(clock?.last_seq)).toBe(Math.max(...seqs));
      const hashes = (
        await store.db.query<{
          nik: string | null;
          nik_hash: string | null;
          phone_hash: string | null;
          phone: string | null;
        }>(
          "select data->'reporter'->>'nik' as nik, nik_hash, data->'reporter'->>'phone' as phone, phone_hash from cases",
        )
      ).rows;
      for (const row of hashes) {
        expect(row.nik_hash !== null).toBe(row.nik !== null);
        expect(row.phone_hash !== null).toBe(row.phone !== null);
      }
    });

    it('refuses to seed a store that already holds an organisation', async () => {
      expect(await isEmptyStore(store.db)).toBe(false);
      await expect(
        seedDemo(store.db, { cases: 10, seed: SEED, fastHashing: true, now: NOW }),
      ).rejects.toThrow(SeedError);
      await expect(seedDemo(store.db, { cases: 10 })).rejects.toThrow(/already holds an organisation/);
      const count = (await store.db.query<{ count: number }>('select count(*)::int as count from cases'))
        .rows[0]?.count;
      expect(count).toBe(CASES);
    });

    it('adds more cases with new tickets through generateCases', async () => {
      const more = await generateCases(store.db, {
        count: 40,
        seed: SEED,
        now: NOW,
        casesPerTransaction: 15,
      });
      expect(more.cases).toBe(40);
      const after = await snapshot(store.db);
      expect(after.cases).toHaveLength(CASES + 40);
      expect(new Set(after.cases.map((c) => c.ticketId)).size).toBe(CASES + 40);
      expect(new Set(after.cases.map((c) => c.id)).size).toBe(CASES + 40);
      for (const record of after.cases) expect(caseRecordSchema.safeParse(record).success).toBe(true);
    });
  });
}

const postgresAvailable = await isPostgresAvailable();

seedChecks('demo seed on PGlite', () => withPglite(), false);
seedChecks('demo seed on PostgreSQL', () => withPostgres(), !postgresAvailable);

describe('seeding', () => {
  it('is reproducible: the same seed gives the same organisation and cases', async () => {
    const stores = [await withPglite(), await withPglite()];
    try {
      const [first, second] = await Promise.all(
        stores.map(async (s) => {
          await seedDemo(s.db, { cases: 60, seed: 42, fastHashing: true, now: NOW });
          return snapshot(s.db);
        }),
      );
      expect(second?.cases.map((c) => c.ticketId)).toEqual(first?.cases.map((c) => c.ticketId));
      expect(second?.cases).toEqual(first?.cases);
      expect(second?.reports).toEqual(first?.reports);
      expect(second?.events.map((e) => e.data)).toEqual(first?.events.map((e) => e.data));
      expect(second?.units).toEqual(first?.units);
      expect(second?.users.map((u) => u.id)).toEqual(first?.users.map((u) => u.id));
    } finally {
      for (const s of stores) await s.close();
    }
  });

  it('gives each account its own password when asked for random ones', async () => {
    const store = await withPglite();
    try {
      expect(await isEmptyStore(store.db)).toBe(true);
      const summary = await seedDemo(store.db, {
        cases: 0,
        passwords: 'random',
        fastHashing: true,
        now: NOW,
      });
      expect(summary.cases).toBe(0);
      expect(new Set(summary.accounts.map((a) => a.password)).size).toBe(summary.accounts.length);
      const hashes = new Map(
        (
          await store.db.query<{ username: string; password_hash: string }>(
            'select username, password_hash from users',
          )
        ).rows.map((r) => [r.username, r.password_hash]),
      );
      for (const account of summary.accounts) {
        expect(account.password.length).toBeGreaterThanOrEqual(10);
        expect(await verifyPassword(account.password, hashes.get(account.username) ?? '')).toBe(true);
        expect(await verifyPassword(DEMO_PASSWORD, hashes.get(account.username) ?? '')).toBe(false);
      }
    } finally {
      await store.close();
    }
  });
});

const benchCount = Number(process.env.TINDAK_SEED_BENCH ?? 0);

describe.runIf(benchCount > 0)('generating at scale', () => {
  it(
    `generates ${benchCount} cases on a file-backed PGlite`,
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'tindak-seed-bench-'));
      const db = await openDatabase({ dataDir: dir });
      try {
        await migrate(db);
        await seedDemo(db, { cases: 0, fastHashing: true });
        const summary = await generateCases(db, {
          count: benchCount,
          seed: 1,
          onProgress: (done, total) => {
            if (done % 10_000 < 150 || done === total) console.log(`  ${done}/${total} cases`);
          },
        });
        console.log(
          `generated ${summary.cases} cases, ${summary.reports} reports, ${summary.events} events in ${(summary.durationMs / 1000).toFixed(1)} s`,
        );
        expect(summary.cases).toBe(benchCount);
      } finally {
        await db.close();
        await rm(dir, { recursive: true, force: true });
      }
    },
    20 * 60_000,
  );
});
