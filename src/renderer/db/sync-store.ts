/**
 * The SyncStore (store-contract.ts) over the user's Dexie store. Every method is one local
 * transaction; crypto happens before it (write-transaction.ts says why).
 *
 * Acknowledging: every entry with a result leaves the outbox. `applied`/`merged` record the
 * server's version on the local record. `rejected` moves the entry, sealed as it was, to the
 * rejected list with the server's code and sentence, and rolls its fields back to the
 * server's values — except fields another unsent (or, in the same batch, accepted) mutation of
 * the record also changes, which that later work depends on; the record is flagged either way.
 * `conflict` makes a conflict-inbox entry (base, mine, theirs per field) and gives the record
 * the server's value for those fields, unless later unsent work changes them too.
 *
 * Pulling: a page is folded in order (a case removed and back in the same page ends as it
 * ends), sealed on the way in, and written with the cursor in one transaction. Records without
 * unsent changes are taken as pulled and nothing is decrypted; for a record with unsent
 * changes, its pending fields keep the local value and the pulled value becomes their
 * server value (rebase). A pulled record older than the local copy (a version already
 * acknowledged) is skipped.
 */
import type { Table } from 'dexie';
import {
  cursorSchema,
  uuidv7,
  type AttachmentMeta,
  type CaseRecord,
  type MutationResult,
  type PulledChange,
  type ReportRecord,
} from '../../shared';
import { sealConflictRow, REMOVED_WITH_UNSENT_WORK_NOTE } from './conflict-inbox';
import type { AttachmentRow, CaseRow, ConflictRow, EventRow, OutboxRow, RejectedRow, ReportRow, TindakDatabase } from './database';
import { LocalStoreError, asStoreError } from './errors';
import { openOutboxMutation, recordKey } from './outbox';
import {
  newRevision,
  openCaseRow,
  openReportRow,
  sealAttachmentRow,
  sealCaseRow,
  sealEventRow,
  sealReportRow,
  type OpenedCase,
  type OpenedReport,
  type ServerValues,
} from './record-rows';
import type { OutboxEntry, OutboxSummary, PullApplyResult, PullPageContext, SyncStore } from './store-contract';
import { casesHoldingUnsentWork, deleteCaseWithChildren, dropCasesThatLeftScope } from './unsent-work';
import type { UserStore } from './user-store';
import { ConcurrentChange, runWrite, type Expectation } from './write-transaction';

/** syncState keys of the store itself; the engine's own keys must not start with `store.`. */
const CURSOR_KEY = 'store.cursor';
/** Cases a replica reset kept for unsent work, until the full pull after it shows which are in scope. */
const RESET_KEPT_KEY = 'store.keptAfterReset';
const RESERVED_PREFIX = 'store.';

type Fields = Record<string, unknown>;

/** The pulled record with the pending fields' local values kept; the pulled values become their base. */
export function rebaseOnPulled<R extends CaseRecord | ReportRecord>(local: R, pulled: R, pendingFields: ReadonlySet<string>): { record: R; serverValues: ServerValues } {
  const record: Fields = { ...pulled };
  const localFields: Fields = local;
  const pulledFields: Fields = pulled;
  const serverValues: ServerValues = {};
  for (const field of pendingFields) {
    if (!(field in localFields)) continue;
    record[field] = localFields[field];
    serverValues[field] = pulledFields[field] ?? null;
  }
  return { record: record as R, serverValues };
}

interface RecordAck {
  row: OutboxRow;
  result: MutationResult;
}

type AckPlan =
  | { sealed: true; table: 'cases'; row: CaseRow }
  | { sealed: true; table: 'reports'; row: ReportRow }
  | { sealed: false; table: 'cases' | 'reports'; id: string; version: number | null; isCreateAcked: boolean };

export class LocalSyncStore implements SyncStore {
  constructor(private readonly store: UserStore) {}

  get userId(): string {
    return this.store.userId;
  }

  get deviceId(): string {
    return this.store.deviceId;
  }

  private get db() {
    return this.store.db;
  }

  async nextBatch(maxCount: number, maxBytes: number, afterSeq?: number): Promise<OutboxEntry[]> {
    if (maxCount < 1) return [];
    const ordered = afterSeq === undefined ? this.db.outbox.orderBy('seq') : this.db.outbox.where('seq').above(afterSeq);
    const rows = await ordered.limit(maxCount).toArray();
    const picked: OutboxRow[] = [];
    let bytes = 0;
    for (const row of rows) {
      // Always at least one entry, however large: an oversized entry must not stall the queue.
      if (picked.length > 0 && bytes + row.bytes > maxBytes) break;
      picked.push(row);
      bytes += row.bytes;
    }
    return Promise.all(
      picked.map(async (row) => ({
        mutation: await openOutboxMutation(this.store.keys, row),
        bytes: row.bytes,
        createdAt: row.createdAt,
        attempts: row.attempts,
      })),
    );
  }

  async markAttempted(mutationIds: readonly string[]): Promise<void> {
    if (mutationIds.length === 0) return;
    try {
      await this.db.transaction('rw', this.db.outbox, async () => {
        await this.db.outbox
          .where('mutationId')
          .anyOf([...mutationIds])
          .modify((row) => {
            row.attempts += 1;
          });
      });
    } catch (error) {
      throw asStoreError(error);
    }
  }

  async acknowledge(results: readonly MutationResult[]): Promise<void> {
    if (results.length === 0) return;
    const { db, store } = this;
    const ids = [...new Set(results.map((r) => r.mutationId))];
    const resultOf = new Map(results.map((r) => [r.mutationId, r]));
    await runWrite(db, [db.outbox, db.cases, db.reports, db.events, db.attachments, db.conflicts, db.rejected], async () => {
      const acked = (await db.outbox.where('mutationId').anyOf(ids).toArray()).sort((a, b) => a.seq - b.seq);
      const ackedSeqs = new Set(acked.map((row) => row.seq));
      const groups = new Map<string, RecordAck[]>();
      for (const row of acked) {
        const key = recordKey(row.entity, row.entityId);
        groups.set(key, [...(groups.get(key) ?? []), { row, result: resultOf.get(row.mutationId)! }]);
      }
      const everyEntry = acked.length === 0 ? [] : await db.outbox.where('[entity+entityId]').anyOf(acked.map((r) => [r.entity, r.entityId])).toArray();
      const now = Date.now();
      const plans: AckPlan[] = [];
      const expect: Expectation[] = [];
      const conflictRows: ConflictRow[] = [];
      const rejectedRows: RejectedRow[] = [];

      for (const items of groups.values()) {
        const { entity, entityId } = items[0]!.row;
        const entries = everyEntry.filter((row) => row.entity === entity && row.entityId === entityId);
        const rejectedSeqs = new Set(items.filter((i) => i.result.status === 'rejected').map((i) => i.row.seq));
        const stillPending = new Set(entries.filter((row) => !ackedSeqs.has(row.seq)).flatMap((row) => row.touched));
        const versions = items.map((i) => i.result.version).filter((v): v is number => v !== null);
        const version = versions.length > 0 ? Math.max(...versions) : null;
        const isCreateAcked = items.some((i) => i.row.op === 'create' && i.result.status !== 'rejected');

        for (const { row, result } of items) {
          if (result.status === 'rejected') {
            rejectedRows.push({
              id: uuidv7(),
              mutationId: row.mutationId,
              seq: row.seq,
              entity: row.entity,
              entityId: row.entityId,
              caseId: row.caseId,
              op: row.op,
              action: row.action,
              code: result.error?.code ?? 'internal',
              message: result.error?.message ?? 'Ditolak server tanpa keterangan.',
              createdAt: now,
              status: 'open',
              resolvedAt: null,
              resentAsMutationId: null,
              sealed: row.sealed,
            });
          } else if (result.status === 'conflict' && result.conflicts.length > 0) {
            conflictRows.push(
              await sealConflictRow(store.keys, {
                kind: 'field',
                mutationId: row.mutationId,
                entity: row.entity,
                entityId: row.entityId,
                caseId: row.caseId,
                createdAt: now,
                fields: result.conflicts,
                note: null,
              }),
            );
          }
        }

        const needsValues = items.some((i) => i.result.status === 'rejected' || (i.result.status === 'conflict' && i.result.conflicts.length > 0));
        if (!needsValues) {
          plans.push({ sealed: false, table: entity === 'case' ? 'cases' : 'reports', id: entityId, version, isCreateAcked });
          continue;
        }
        const opened = await this.openForAck(entity, entityId);
        if (!opened) continue;
        const local = opened.value;
        const values: Fields = { ...local.record };
        const serverValues: ServerValues = { ...local.serverValues };
        const appliedSeqs = new Set(items.filter((i) => i.result.status === 'applied').map((i) => i.row.seq));
        for (const { row, result } of items) {
          // Fields that other work of this record also writes, so the local value is that work's:
          // still unsent, or applied in this batch after this one. A sibling refused or in
          // conflict wrote nothing on the server; counting it would keep a value the server
          // never took (two conflicting edits of one field in one batch). One case is left to
          // the pull: an edit applied before a refused one of the same field leaves the field
          // at the value from before both (serverValues), until the pull in the same cycle
          // brings the applied edit's version.
          const others = new Set(
            entries
              .filter((e) => e.seq !== row.seq && (!ackedSeqs.has(e.seq) || (appliedSeqs.has(e.seq) && e.seq > row.seq)))
              .flatMap((e) => e.touched),
          );
          if (result.status === 'rejected') {
            for (const field of row.touched) {
              if (!others.has(field) && field in serverValues) values[field] = serverValues[field];
            }
          } else if (result.status === 'conflict') {
            for (const conflict of result.conflicts) {
              if (!others.has(conflict.field)) values[conflict.field] = conflict.theirs;
              else if (stillPending.has(conflict.field)) serverValues[conflict.field] = conflict.theirs;
            }
          }
        }
        for (const field of Object.keys(serverValues)) if (!stillPending.has(field)) delete serverValues[field];
        if (version !== null) values.version = Math.max(local.record.version, version);
        const state = {
          serverValues,
          isOnServer: local.isOnServer || isCreateAcked,
          hasRejectedChange: local.hasRejectedChange || rejectedSeqs.size > 0,
        };
        // `values` is the opened record with some of its own fields set back to server values.
        if (opened.kind === 'case') {
          plans.push({ sealed: true, table: 'cases', row: await sealCaseRow(store.sealing(), values as CaseRecord, { ...state, leftScopeAt: opened.value.leftScopeAt }) });
        } else {
          plans.push({ sealed: true, table: 'reports', row: await sealReportRow(store.keys, values as ReportRecord, state) });
        }
        expect.push({ table: opened.kind === 'case' ? 'cases' : 'reports', id: entityId, rev: local.rev });
      }

      return {
        expect,
        commit: async () => {
          if ((await db.outbox.where('mutationId').anyOf(ids).count()) !== acked.length) throw new ConcurrentChange();
          await db.outbox.bulkDelete([...ackedSeqs]);
          for (const plan of plans) {
            if (plan.sealed && plan.table === 'cases') await db.cases.put(plan.row);
            else if (plan.sealed && plan.table === 'reports') await db.reports.put(plan.row);
            else if (!plan.sealed) {
              const acknowledged = (row: CaseRow | ReportRow) => {
                if (plan.version !== null) row.version = Math.max(row.version, plan.version);
                if (plan.isCreateAcked) row.isOnServer = 1;
                row.rev = newRevision();
              };
              if (plan.table === 'cases') await db.cases.where('id').equals(plan.id).modify(acknowledged);
              else await db.reports.where('id').equals(plan.id).modify(acknowledged);
            }
          }
          await db.conflicts.bulkAdd(conflictRows);
          await db.rejected.bulkAdd(rejectedRows);
          await dropCasesThatLeftScope(db, [...new Set(acked.map((row) => row.caseId))]);
        },
      };
    });
  }

  private async openForAck(entity: 'case' | 'report', id: string): Promise<{ kind: 'case'; value: OpenedCase } | { kind: 'report'; value: OpenedReport } | null> {
    if (entity === 'case') {
      const stored = await this.db.cases.get(id);
      return stored ? { kind: 'case', value: await openCaseRow(this.store.keys, stored) } : null;
    }
    const stored = await this.db.reports.get(id);
    return stored ? { kind: 'report', value: await openReportRow(this.store.keys, stored) } : null;
  }

  async getCursor(): Promise<string | null> {
    const value = (await this.db.syncState.get(CURSOR_KEY))?.value;
    return typeof value === 'string' ? value : null;
  }

  async applyPulledPage(changes: readonly PulledChange[], cursor: string, context: PullPageContext = {}): Promise<PullApplyResult> {
    if (!cursorSchema.safeParse(cursor).success) throw new LocalStoreError('invalid_input', 'Kursor tidak valid.');
    const { db, store } = this;

    // Fold the page in order: the last word on each record wins.
    const cases = new Map<string, CaseRecord | 'removed'>();
    const reports = new Map<string, ReportRecord>();
    const events = new Map<string, PulledChange & { kind: 'event' }>();
    const attachments = new Map<string, AttachmentMeta>();
    for (const change of changes) {
      switch (change.kind) {
        case 'case':
          cases.set(change.record.id, change.record);
          break;
        case 'removal':
          cases.set(change.id, 'removed');
          break;
        case 'report':
          reports.set(change.record.id, change.record);
          break;
        case 'event':
          events.set(change.record.id, change);
          break;
        case 'attachment':
          attachments.set(change.record.id, change.record);
          break;
      }
    }
    const pulledCases = [...cases.values()].filter((value): value is CaseRecord => value !== 'removed');
    const removedIds = [...cases.entries()].filter(([, value]) => value === 'removed').map(([id]) => id);
    const refs = [
      ...pulledCases.map((record) => [record.id, 'case'] as const),
      ...[...reports.keys()].map((id) => [id, 'report'] as const),
    ];

    /** Outbox entries that decide how this page applies; compared again at commit. */
    const readPendingState = async () => {
      const entries = refs.length === 0 ? [] : await db.outbox.where('[entity+entityId]').anyOf(refs.map(([id, entity]) => [entity, id])).toArray();
      const holding = await casesHoldingUnsentWork(db, removedIds);
      const fingerprint = `${entries.map((row) => row.seq).sort((a, b) => a - b).join(',')}|${[...holding].sort().join(',')}`;
      const pending = new Map<string, Set<string>>();
      for (const row of entries) {
        const key = recordKey(row.entity, row.entityId);
        pending.set(key, new Set([...(pending.get(key) ?? []), ...row.touched]));
      }
      return { pending, holding, fingerprint };
    };

    return runWrite(db, [db.cases, db.reports, db.events, db.attachments, db.outbox, db.conflicts, db.syncState], async () => {
      const before = await readPendingState();
      const expect: Expectation[] = [];
      const sealing = store.sealing();
      const noPending = { serverValues: {}, isOnServer: true, hasRejectedChange: false };
      // Read while the rows are sealed (IndexedDB and WebCrypto work in parallel), so that the
      // commit re-reads only rows that exist; see withoutStale.
      const storedRead = Promise.all([storedIds(db.cases, pulledCases.map((record) => record.id)), storedIds(db.reports, [...reports.keys()])]);
      // Awaited below; if sealing throws first, this keeps its failure from going unhandled.
      storedRead.catch(() => undefined);

      const caseRows = await inSlices(
        pulledCases,
        async (record): Promise<{ row: CaseRow; isRebased: boolean } | null> => {
          const pendingFields = before.pending.get(recordKey('case', record.id));
          if (!pendingFields) return { row: await sealCaseRow(sealing, record, noPending), isRebased: false };
          const stored = await db.cases.get(record.id);
          if (!stored) return { row: await sealCaseRow(sealing, record, noPending), isRebased: false };
          expect.push({ table: 'cases', id: record.id, rev: stored.rev });
          const local = await openCaseRow(store.keys, stored);
          if (record.version < local.record.version) return null;
          const rebased = rebaseOnPulled(local.record, record, pendingFields);
          const state = { serverValues: rebased.serverValues, isOnServer: true, hasRejectedChange: local.hasRejectedChange };
          return { row: await sealCaseRow(sealing, rebased.record, state), isRebased: true };
        },
      );
      const reportRows = await inSlices(
        [...reports.values()],
        async (record): Promise<{ row: ReportRow; isRebased: boolean } | null> => {
          const pendingFields = before.pending.get(recordKey('report', record.id));
          if (!pendingFields) return { row: await sealReportRow(store.keys, record, noPending), isRebased: false };
          const stored = await db.reports.get(record.id);
          if (!stored) return { row: await sealReportRow(store.keys, record, noPending), isRebased: false };
          expect.push({ table: 'reports', id: record.id, rev: stored.rev });
          const local = await openReportRow(store.keys, stored);
          if (record.version < local.record.version) return null;
          const rebased = rebaseOnPulled(local.record, record, pendingFields);
          const state = { serverValues: rebased.serverValues, isOnServer: true, hasRejectedChange: local.hasRejectedChange };
          return { row: await sealReportRow(store.keys, rebased.record, state), isRebased: true };
        },
      );
      const eventRows: EventRow[] = await inSlices([...events.values()], (change) => sealEventRow(store.keys, change.record));
      const attachmentRows: AttachmentRow[] = await Promise.all([...attachments.values()].map((meta) => sealAttachmentRow(store.keys, meta)));
      const keptIds = removedIds.filter((id) => before.holding.has(id));
      const removalNotices = await Promise.all(
        keptIds.map((caseId) =>
          sealConflictRow(store.keys, {
            kind: 'removed_from_scope',
            mutationId: null,
            entity: 'case',
            entityId: caseId,
            caseId,
            createdAt: Date.now(),
            fields: [],
            note: REMOVED_WITH_UNSENT_WORK_NOTE,
          }),
        ),
      );

      const [storedCaseIds, storedReportIds] = await storedRead;

      return {
        expect,
        commit: async (): Promise<PullApplyResult> => {
          if (context.from !== undefined && ((await db.syncState.get(CURSOR_KEY))?.value ?? null) !== context.from)
            return { applied: 0, removed: 0, keptForUnsentWork: 0, isStale: true };
          if ((await readPendingState()).fingerprint !== before.fingerprint) throw new ConcurrentChange();
          const newCases = await this.withoutStale(db.cases, caseRows, storedCaseIds);
          const newReports = await this.withoutStale(db.reports, reportRows, storedReportIds);
          await putInSlices(db.cases, newCases);
          await putInSlices(db.reports, newReports);
          await putInSlices(db.events, eventRows);
          const localBytes = await db.attachments.bulkGet(attachmentRows.map((row) => row.id));
          await db.attachments.bulkPut(
            attachmentRows.map((row, i) => {
              const local = localBytes[i];
              // Local bytes stay for offline viewing; the upload progress stays for resuming.
              return local
                ? { ...row, pieces: local.pieces, uploadId: local.uploadId, uploadOffset: local.uploadOffset, uploadFailure: local.uploadFailure }
                : row;
            }),
          );
          const leftScopeAt = new Date().toISOString();
          for (const id of keptIds) await db.cases.update(id, { leftScopeAt, rev: newRevision() });
          await db.conflicts.bulkAdd(removalNotices);
          const deleted = removedIds.filter((id) => !before.holding.has(id));
          const existing = (await db.cases.bulkGet(deleted)).filter((row) => row !== undefined).length;
          await deleteCaseWithChildren(db, deleted);
          await settleKeptAfterReset(db, pulledCases.map((record) => record.id), context.isLast === true);
          await db.syncState.put({ key: CURSOR_KEY, value: cursor });
          return {
            applied: newCases.length + newReports.length + eventRows.length + attachmentRows.length,
            removed: existing,
            keptForUnsentWork: keptIds.length,
          };
        },
      };
    });
  }

  /**
   * Inside the pull transaction: drops rows older than the local copy, and carries over local
   * flags (a rejected change stays flagged until the officer deals with it). Only the rows that
   * were stored when the page was prepared are read again: reading a missing key costs about as
   * much as writing it, and on a first sync nearly every pulled record is new. A row with a
   * pulled id cannot appear meanwhile without an outbox entry for it (a local create, a resent
   * or resolved change), which changes the pending-state fingerprint and prepares the page again;
   * pulls and acknowledgements run one at a time in the engine.
   */
  private async withoutStale<Row extends CaseRow | ReportRow>(
    table: Table<Row, string>,
    prepared: readonly ({ row: Row; isRebased: boolean } | null)[],
    storedWhenPrepared: ReadonlySet<string>,
  ): Promise<Row[]> {
    const candidates = prepared.filter((p): p is { row: Row; isRebased: boolean } => p !== null);
    const toRead = candidates.filter((p) => !p.isRebased && storedWhenPrepared.has(p.row.id)).map((p) => p.row.id);
    const locals = new Map<string, Row>();
    if (toRead.length > 0) for (const local of await table.bulkGet(toRead)) if (local) locals.set(local.id, local);
    const rows: Row[] = [];
    for (const { row, isRebased } of candidates) {
      const local = locals.get(row.id);
      if (isRebased || !local) rows.push(row);
      else if (local.version <= row.version) rows.push({ ...row, hasRejectedChange: local.hasRejectedChange });
    }
    return rows;
  }

  async resetReplica(): Promise<void> {
    const { db } = this;
    try {
      await db.transaction('rw', [db.cases, db.reports, db.events, db.attachments, db.outbox, db.syncState], async () => {
        const keep = new Set((await db.outbox.orderBy('caseId').uniqueKeys()).map(String));
        await db.attachments.each((row) => {
          if (row.pieces !== null && !row.isUploaded) keep.add(row.caseId);
        });
        // Cases created here and not yet on the server exist nowhere else.
        await db.cases
          .filter((row) => row.isOnServer === 0)
          .each((row) => {
            keep.add(row.id);
          });
        const gone = (await db.cases.toCollection().primaryKeys()).filter((id) => !keep.has(id));
        await deleteCaseWithChildren(db, gone);
        // Children of cases that are not here at all (history pulled before its case).
        await db.reports.filter((row) => !keep.has(row.caseId)).delete();
        await db.events.filter((row) => !keep.has(row.caseId)).delete();
        await db.attachments.filter((row) => !keep.has(row.caseId)).delete();
        // Cases from the server kept only for their unsent work: the full pull that follows
        // brings back the ones still in scope; those it does not bring are then treated as
        // removed (they go once their work is answered). See settleKeptAfterReset.
        const onServer = (await db.cases.bulkGet([...keep])).filter((row) => row?.isOnServer === 1).map((row) => row!.id);
        const earlier = (await db.syncState.get(RESET_KEPT_KEY))?.value;
        await db.syncState.put({ key: RESET_KEPT_KEY, value: [...new Set([...(Array.isArray(earlier) ? earlier : []), ...onServer])] });
        await db.syncState.delete(CURSOR_KEY);
      });
    } catch (error) {
      throw asStoreError(error);
    }
  }

  async summary(): Promise<OutboxSummary> {
    const { db } = this;
    return db.transaction('r', [db.outbox, db.rejected, db.conflicts], async () => {
      let pendingBytes = 0;
      let pending = 0;
      await db.outbox.each((row) => {
        pending += 1;
        pendingBytes += row.bytes;
      });
      const oldest = await db.outbox.orderBy('seq').first();
      return {
        pending,
        oldestCreatedAt: oldest?.createdAt ?? null,
        pendingBytes,
        rejected: await db.rejected.where('status').equals('open').count(),
        conflicts: await db.conflicts.where('status').equals('open').count(),
      };
    });
  }

  async getState<T>(key: string): Promise<T | undefined> {
    // The engine's own bookkeeping: it wrote the value, so it knows its type.
    return (await this.db.syncState.get(key))?.value as T | undefined;
  }

  async setState(key: string, value: unknown): Promise<void> {
    if (key.startsWith(RESERVED_PREFIX)) throw new LocalStoreError('invalid_input', `Kunci "${key}" dipakai oleh penyimpanan lokal.`);
    try {
      await this.db.syncState.put({ key, value });
    } catch (error) {
      throw asStoreError(error);
    }
  }
}

/**
 * A pulled page is sealed and written a slice at a time: the synchronous share of sealing a
 * row (queue keys, deadline, encoding) and of `put` (structured clone, index keys) runs on the
 * desk's main thread, and 500 rows at once made tasks of 60–230 ms that froze the queue while
 * the pull ran (issue 5: no task over 50 ms). Each slice ends with an await on WebCrypto or on
 * IndexedDB, where the browser runs input and rendering. Within a slice the crypto still runs
 * in parallel. With the store on disk (npm run bench:desk, 2026-11-26) slices of 50 left 1–2
 * tasks of 52–56 ms during a background pull of 10,000, slices of 100 left 3–7 of 67–75 ms.
 */
export const PULL_SLICE = 50;

async function inSlices<T, R>(items: readonly T[], map: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += PULL_SLICE) out.push(...(await Promise.all(items.slice(i, i + PULL_SLICE).map(map))));
  return out;
}

/**
 * Inside the pull transaction: each bulkPut awaits only IndexedDB, so the transaction stays
 * open. Two slices are in flight: the page thread serializes one while IndexedDB writes the
 * other (about a tenth faster than one at a time), and no task holds more than one
 * slice. The rows of a page have distinct keys (folded), so their order does not matter.
 */
async function putInSlices<Row>(table: Table<Row, string>, rows: readonly Row[]): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < rows.length) {
      const start = next;
      next += PULL_SLICE;
      await table.bulkPut(rows.slice(start, start + PULL_SLICE));
    }
  };
  await Promise.all([lane(), lane()]);
}

/**
 * Which of `ids` have a row in `table` (outside any transaction, while a page is prepared).
 * A slice at a time: Dexie issues one request per key and takes the answers in one callback,
 * which for a whole page held the desk's main thread for tens of milliseconds.
 */
async function storedIds<Row extends { id: string }>(table: Table<Row, string>, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += PULL_SLICE) {
    for (const row of await table.bulkGet(ids.slice(i, i + PULL_SLICE))) if (row) found.add(row.id);
  }
  return found;
}

export function createSyncStore(store: UserStore): SyncStore {
  return new LocalSyncStore(store);
}

/**
 * After a replica reset, inside a pulled page's transaction: cases the page brought are in
 * scope after all; once the full pull is complete, the kept cases it never brought are marked
 * as having left scope, as a removal would have, and those no longer holding unsent work go.
 */
async function settleKeptAfterReset(db: TindakDatabase, pulledCaseIds: readonly string[], isLast: boolean): Promise<void> {
  const stored = (await db.syncState.get(RESET_KEPT_KEY))?.value;
  if (!Array.isArray(stored)) return;
  const pulled = new Set(pulledCaseIds);
  const waiting = (stored as string[]).filter((id) => !pulled.has(id));
  if (!isLast) {
    await db.syncState.put({ key: RESET_KEPT_KEY, value: waiting });
    return;
  }
  await db.syncState.delete(RESET_KEPT_KEY);
  const leftScopeAt = new Date().toISOString();
  const left = (await db.cases.bulkGet(waiting)).filter((row) => row !== undefined && row.leftScopeAt === null).map((row) => row!.id);
  for (const id of left) await db.cases.update(id, { leftScopeAt, rev: newRevision() });
  await dropCasesThatLeftScope(db, left);
}
