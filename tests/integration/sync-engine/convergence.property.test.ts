/**
 * Convergence (property, fast-check): three offices (the admin, the liaison officer of work
 * unit A and a field worker under it) edit the same cases and reports offline in a random
 * order, each behind its own bad link with random faults (lost answers, resets mid-body,
 * stalls, held answers, refused connections, latency) and going offline and online, while
 * their engines sync and retry in the background. Then the network heals and everyone syncs. Afterwards:
 *
 * - every outbox is empty, and every mutation a workstation made was acknowledged;
 * - every workstation equals the server, as a fresh pull by the same user sees it;
 * - every acknowledged mutation took effect exactly once: the server stores one result per
 *   mutation id, equal to the one the workstation got; each edit writes a value no other edit
 *   writes, and exactly one audit event carries it when the result says it was taken
 *   (applied or merged), none when it says conflict.
 *
 * TINDAK_PROPERTY_RUNS sets the number of runs per store (default 20).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord, Mutation, MutationResult, PulledChange, ReportRecord } from '../../../src/shared';
import { startServer, type TestServer } from '../../helpers/server';
import type { ProxyFaults } from '../../helpers/tcp-proxy';
import { ActionRefusedError } from '../../../src/renderer/db';
import { STORE_KINDS, freshCases, openWorkstation, type Workstation } from './workstation';

const RUNS = Number(process.env.TINDAK_PROPERTY_RUNS ?? 20);
const OFFICES = ['admin', 'liaisonA', 'fieldA1'] as const;

type Step =
  | { kind: 'edit'; office: number; target: number; variant: number }
  | { kind: 'faults'; office: number; faults: ProxyFaults }
  | { kind: 'sync'; office: number }
  | { kind: 'link'; office: number; isOnline: boolean }
  | { kind: 'pause'; ms: number };

const faultArb: fc.Arbitrary<ProxyFaults> = fc.oneof(
  fc.record({
    dropResponses: fc.integer({ min: 1, max: 2 }),
    dropResponsesFor: fc.constantFrom('/sync/push', '/sync/pull'),
  }),
  fc.record({ resetAfterUpstreamBytes: fc.integer({ min: 100, max: 4_000 }) }),
  fc.record({ latencyMs: fc.integer({ min: 1, max: 40 }) }),
  fc.constant({ stall: true }),
  fc.constant({ holdResponses: true }),
  fc.constant({ refuseConnections: true }),
);
const faultsArb: fc.Arbitrary<ProxyFaults> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({}) },
  { weight: 4, arbitrary: faultArb },
);

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      office: fc.integer({ min: 0, max: 2 }),
      target: fc.nat({ max: 2 }),
      variant: fc.nat({ max: 1 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('faults' as const),
      office: fc.integer({ min: 0, max: 2 }),
      faults: faultsArb,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('sync' as const), office: fc.integer({ min: 0, max: 2 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('link' as const),
      office: fc.integer({ min: 0, max: 2 }),
      isOnline: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('pause' as const), ms: fc.integer({ min: 5, max: 120 }) }),
  },
);

const REPORT_CONTENT = {
  visitDate: '2026-11-04',
  method: 'home_visit',
  findings: 'Temuan awal.',
  actionsTaken: 'Kunjungan rumah.',
  outcome: 'resolved',
  recommendation: 'Pantau.',
} as const;

/** An edit that writes `value` into `field` and nothing else writes (for exactly-once). */
interface TracedEdit {
  mutation: Mutation;
  field: string;
  value: string | null;
}

describe.each(STORE_KINDS)(
  'sync engine on the %s store: three offices, random faults, then the network heals',
  (storeKind) => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startServer('pglite');
    });
    afterAll(async () => {
      await server?.close();
    });

    it('all workstations equal the server and every acknowledged mutation took effect exactly once', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.tuple(faultArb, faultArb, faultArb),
          fc.array(stepArb, { minLength: 8, maxLength: 40 }),
          async (initialFaults, steps) => {
            run += 1;
            const records = await server.insertCases(freshCases(3));
            const offices: Workstation[] = [];
            try {
              for (const who of OFFICES) {
                offices.push(
                  await openWorkstation(server, who, {
                    store: storeKind,
                    timeouts: { baseMs: 800 },
                    // Batches of at most 3, so most cycles send several, pipelined (two in flight).
                    settings: { localWriteDebounceMs: 20, backoff: { baseMs: 10, maxMs: 100 }, batch: { initialCount: 2, maxCount: 3 } },
                  }),
                );
              }
              const [admin, liaison, field] = offices as [Workstation, Workstation, Workstation];
              // The field worker reports on each case and submits; everyone sees the reports.
              const reportIds: string[] = [];
              for (const record of records) {
                const created = await field.desk.createReport(record.id, REPORT_CONTENT);
                await field.desk.act('report', created.entityId, 'submit');
                reportIds.push(created.entityId);
              }
              await field.syncUntilClean();
              for (const office of [admin, liaison]) await office.syncUntilClean();

              // Every office starts the random phase on a bad link.
              offices.forEach((office, i) => office.proxy.setFaults(initialFaults[i]!));
              const traced: TracedEdit[] = [];
              const made = new Map<Workstation, Mutation[]>(offices.map((office) => [office, []]));
              let counter = 0;
              const unique = (label: string) => `${label} r${run}-${(counter += 1)}`;

              /** The office's kind of edit, writing a value no other edit writes where the field allows. */
              const editAt = async (
                office: Workstation,
                variant: number,
                caseId: string,
                reportId: string,
              ): Promise<TracedEdit> => {
                if (office === admin) {
                  const field = variant === 0 ? 'title' : 'description';
                  const value = unique(field === 'title' ? 'Judul' : 'Uraian');
                  return { mutation: await admin.desk.updateCase(caseId, { [field]: value }), field, value };
                }
                if (office === liaison) {
                  const report = await liaison.desk.getReport(caseId, reportId);
                  if (variant === 0 && report?.status === 'submitted') {
                    const value = unique('Koreksi');
                    return {
                      mutation: await liaison.desk.act('report', reportId, 'correct', {
                        field: 'findings',
                        value,
                        reason: 'Lebih tepat.',
                      }),
                      field: 'findings',
                      value,
                    };
                  }
                  // Urgency has two values: it cannot carry a unique mark, so only its stored result is checked.
                  const current = (await liaison.desk.getCase(caseId))?.urgency ?? 'normal';
                  return {
                    mutation: await liaison.desk.updateCase(caseId, {
                      urgency: current === 'normal' ? 'urgent' : 'normal',
                    }),
                    field: 'urgency',
                    value: null,
                  };
                }
                const field = variant === 0 ? 'findings' : 'recommendation';
                const value = unique(field === 'findings' ? 'Temuan' : 'Rekomendasi');
                return {
                  mutation: await office.desk.updateReport(reportId, { [field]: value }),
                  field,
                  value,
                };
              };

              for (const step of steps) {
                if (step.kind === 'pause') {
                  await new Promise((resolve) => setTimeout(resolve, step.ms));
                  continue;
                }
                const office = offices[step.office]!;
                if (step.kind === 'faults') {
                  office.proxy.setFaults(step.faults);
                } else if (step.kind === 'link') {
                  // Offline: the browser says so and nothing gets through; online: the faults set last apply again.
                  office.connectivity.set(step.isOnline);
                  office.proxy.updateFaults({ refuseConnections: !step.isOnline });
                } else if (step.kind === 'sync') {
                  await office.engine.syncNow();
                } else {
                  const caseId = records[step.target]!.id;
                  const reportId = reportIds[step.target]!;
                  const edit = await editAt(office, step.variant, caseId, reportId).catch(
                    (error: unknown) => {
                      // The local check of the shared rules may refuse (e.g. a report no longer submitted): nothing was written.
                      if (error instanceof ActionRefusedError) return null;
                      throw error;
                    },
                  );
                  if (!edit) continue;
                  traced.push(edit);
                  made.get(office)!.push(edit.mutation);
                  office.engine.notifyLocalWrite();
                }
              }

              if (process.env.TINDAK_PROPERTY_DEBUG) {
                const statuses = offices.flatMap((office) =>
                  office.desk.sync.acknowledged.map((result) => result.status),
                );
                console.log(
                  JSON.stringify({
                    run,
                    steps: steps.length,
                    edits: traced.length,
                    proxies: offices.map((office) => office.proxy.stats()),
                    statusesBeforeHeal: statuses.length,
                  }),
                );
              }
              // The network heals; everyone syncs until clean, then once more to hear the others.
              for (const office of offices) {
                office.proxy.setFaults({});
                office.connectivity.set(true);
              }
              for (const office of offices) await office.syncUntilClean(60);
              for (const office of offices) await office.syncUntilClean(60);

              const acknowledged = new Map<string, MutationResult>();
              for (const office of offices) {
                expect((await office.desk.sync.summary()).pending).toBe(0);
                for (const result of office.desk.sync.acknowledged) {
                  expect(acknowledged.has(result.mutationId)).toBe(false);
                  acknowledged.set(result.mutationId, result);
                }
                const ownIds = made.get(office)!.map((mutation) => mutation.mutationId);
                for (const id of ownIds)
                  expect(acknowledged.has(id), `${office.who}: ${id} acknowledged`).toBe(true);
                await expectEqualToServer(server, office);
              }

              if (process.env.TINDAK_PROPERTY_DEBUG) {
                const statuses: Record<string, number> = {};
                for (const result of acknowledged.values())
                  statuses[result.status] = (statuses[result.status] ?? 0) + 1;
                console.log(
                  JSON.stringify({
                    run,
                    statuses,
                    conflicts: await Promise.all(
                      offices.map(async (office) => (await office.desk.conflicts()).length),
                    ),
                    cycles: offices.map((office) => office.engine.cycles),
                  }),
                );
              }
              // One stored result per mutation id, the same one the workstation was given.
              const stored = await server.db.query<{ mutation_id: string; result: MutationResult }>(
                'select mutation_id, result from mutations where device_id = any($1::text[])',
                [offices.map((office) => office.session.deviceId)],
              );
              const storedById = new Map<string, MutationResult>();
              for (const row of stored.rows) {
                expect(storedById.has(row.mutation_id)).toBe(false);
                storedById.set(row.mutation_id, row.result);
              }
              expect(storedById.size).toBe(acknowledged.size);
              for (const [id, result] of acknowledged) {
                expect(storedById.get(id), id).toMatchObject({
                  status: result.status,
                  version: result.version,
                });
              }

              // Each marked value: written by one event exactly when the result says it was taken.
              const events = await server.db.query<{
                data: {
                  action: string;
                  deviceId: string | null;
                  changes: Array<{ field: string; after: unknown }>;
                };
              }>('select data from case_events where case_id = any($1::uuid[])', [
                records.map((record) => record.id),
              ]);
              for (const edit of traced) {
                if (edit.value === null) continue;
                const result = acknowledged.get(edit.mutation.mutationId)!;
                const writers = events.rows.filter(
                  (row) =>
                    row.data.action !== 'conflict' &&
                    row.data.changes.some(
                      (change) => change.field === edit.field && change.after === edit.value,
                    ),
                );
                const isTaken = result.status === 'applied' || result.status === 'merged';
                expect(writers.length, `${edit.field}=${edit.value} (${result.status})`).toBe(
                  isTaken ? 1 : 0,
                );
              }
            } finally {
              for (const office of offices) await office.close();
            }
          },
        ),
        { numRuns: RUNS, endOnFailure: true },
      );
    }, 600_000);
  },
);

/** The workstation's cases and reports equal what a fresh pull by the same user returns. */
async function expectEqualToServer(server: TestServer, office: Workstation): Promise<void> {
  const fresh = await server.login(office.who);
  const changes: PulledChange[] = await fresh.pullAll();
  const cases = new Map<string, CaseRecord>();
  const reports = new Map<string, ReportRecord>();
  for (const change of changes) {
    if (change.kind === 'case') cases.set(change.record.id, change.record);
    else if (change.kind === 'report') reports.set(change.record.id, change.record);
    else if (change.kind === 'removal') cases.delete(change.id);
  }
  expect(await office.desk.allCases(), `${office.who}: cases`).toEqual(cases);
  expect(await office.desk.allReports(), `${office.who}: reports`).toEqual(reports);
}
