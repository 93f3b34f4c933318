/**
 * Adds synthetic cases to a store that already holds an organisation (the demo's or any
 * other), for demos and load tests: `generateCases(db, { count: 100_000, seed: 1 })`.
 *
 * Cases are written the way the sync store writes them (store.ts), in transactions of a few
 * hundred cases (about a thousand records with their reports and events), each taking its
 * change sequences from the clock, so clients pull seeded data exactly like pushed data.
 * Ticket numbers continue after the cases already stored; the random stream is derived from
 * the seed and that count, so a second run with the same seed adds different cases.
 */
import {
  CASE_STATUSES,
  DEFAULT_CONFIG,
  orgConfigSchema,
  type CaseStatus,
  type OrgConfig,
} from '../../shared';
import type { Database, Queryable } from '../db/database';
import { loadIdentityHasher, type IdentityHasher } from '../sync/identity-hash';
import {
  insertEvents,
  takeSeqs,
  upsertCases,
  upsertReports,
  type CaseWrite,
  type ReportWrite,
} from '../sync/store';
import { createCaseFactory, loadRoster, type GeneratedCase } from './case-factory';
import { DEMO_COVERAGE, DEMO_TOPIC_ROUTES } from './demo-org';
import { deriveSeed } from './random';

/** The seed used when none is given, so two demo installations hold the same cases. */
export const DEFAULT_SEED = 2026;

/** About a thousand records per transaction: a case averages one report and six events. */
const DEFAULT_CASES_PER_TRANSACTION = 150;

export interface GenerateOptions {
  count: number;
  seed?: number;
  /** The moment the synthetic history ends (default: the current time). */
  now?: Date;
  /**
   * Cases per transaction (default 150, about a thousand records). Duplicates are paired
   * within one transaction's cases, so the same seed reproduces the same cases only with the
   * same value.
   */
  casesPerTransaction?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateSummary {
  cases: number;
  reports: number;
  events: number;
  byStatus: Record<CaseStatus, number>;
  durationMs: number;
}

/** The organisation's configuration, or the default one when none was stored yet. */
export async function loadOrgConfig(db: Queryable): Promise<OrgConfig> {
  const row = (await db.query<{ config: unknown }>('select config from org_config where id = 1')).rows[0];
  return row ? orgConfigSchema.parse(row.config) : DEFAULT_CONFIG;
}

export async function generateCases(db: Database, options: GenerateOptions): Promise<GenerateSummary> {
  const started = performance.now();
  if (!Number.isInteger(options.count) || options.count < 0)
    throw new RangeError(`count must be a whole number ≥ 0, got ${options.count}`);
  const config = await loadOrgConfig(db);
  const roster = await loadRoster(db);
  const hasher = await loadIdentityHasher(db);
  const stored = Number(
    (await db.query<{ count: number }>('select count(*)::int as count from cases')).rows[0]?.count ?? 0,
  );
  const factory = createCaseFactory({
    seed: deriveSeed(options.seed ?? DEFAULT_SEED, stored),
    roster,
    config,
    now: options.now ?? new Date(),
    firstSerial: stored + 1,
    topicRoutes: DEMO_TOPIC_ROUTES,
    coverage: DEMO_COVERAGE,
  });

  const summary: GenerateSummary = {
    cases: 0,
    reports: 0,
    events: 0,
    byStatus: Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>,
    durationMs: 0,
  };
  const perTransaction = Math.max(1, options.casesPerTransaction ?? DEFAULT_CASES_PER_TRANSACTION);
  // While PostgreSQL writes one batch, the next is generated (PGlite runs in this thread, so
  // there it simply alternates). The write is awaited before the next starts: sequences stay in order.
  let writing: Promise<void> | null = null;
  try {
    for (let done = 0; done < options.count;) {
      const batch = factory.batch(Math.min(perTransaction, options.count - done));
      if (writing) await writing;
      writing = writeBatch(db, hasher, batch);
      for (const generated of batch) {
        summary.byStatus[generated.record.status] += 1;
        summary.reports += generated.reports.length;
        summary.events += generated.events.length;
      }
      done += batch.length;
      summary.cases = done;
      options.onProgress?.(done, options.count);
    }
    if (writing) await writing;
  } catch (error) {
    // A failure while generating must not leave the write in flight unobserved.
    await writing?.catch(() => undefined);
    throw error;
  }
  summary.durationMs = Math.round(performance.now() - started);
  return summary;
}

async function writeBatch(
  db: Database,
  hasher: IdentityHasher,
  batch: readonly GeneratedCase[],
): Promise<void> {
  const total = batch.reduce((sum, c) => sum + 1 + c.reports.length + c.events.length, 0);
  await db.transaction(async (tx) => {
    let seq = await takeSeqs(tx, total);
    const cases: CaseWrite[] = [];
    const reports: ReportWrite[] = [];
    const events: { event: GeneratedCase['events'][number]; changeSeq: number }[] = [];
    for (const generated of batch) {
      const changeSeq = seq++;
      cases.push({
        record: generated.record,
        changeSeq,
        scopeSeq: changeSeq,
        fieldMeta: generated.fieldMeta,
        nikHash: hasher.nik(generated.record.reporter.nik),
        phoneHash: hasher.phone(generated.record.reporter.phone),
      });
      for (const report of generated.reports)
        reports.push({ record: report.record, changeSeq: seq++, fieldMeta: report.fieldMeta });
      for (const event of generated.events) events.push({ event, changeSeq: seq++ });
    }
    await upsertCases(tx, cases);
    await upsertReports(tx, reports);
    await insertEvents(tx, events);
  });
}
