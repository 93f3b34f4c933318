/**
 * Rejected items: mutations the server refused, with its code and sentence. They left the
 * outbox (a refusal never blocks the queue) but are never dropped silently: the officer sees
 * them, and either fixes and resends one — a NEW mutation with a new id, checked locally like
 * any action — or discards it.
 */
import {
  CASE_ACTIONS,
  REPORT_ACTIONS,
  REPORT_CONTENT_FIELDS,
  type CaseAction,
  type CaseRecord,
  type Mutation,
  type ReportRecord,
} from '../../shared';
import { prepareCaseAction, prepareCaseCreate, prepareCaseFieldUpdate, writeTables } from './case-actions';
import type { RejectedRow, TindakDatabase } from './database';
import { LocalStoreError, asStoreError } from './errors';
import { commitChange, type LocalChange, type PreparedChange } from './local-change';
import { openOutboxMutation } from './outbox';
import { readCase, readReport } from './queries';
import { prepareReportAction, prepareReportCreate, prepareReportEdit, type ReportReviewAction } from './report-actions';
import { casesHoldingUnsentWork, deleteCaseWithChildren } from './unsent-work';
import type { UserStore } from './user-store';
import { ConcurrentChange, runWrite } from './write-transaction';

export interface RejectedItem {
  id: string;
  mutation: Mutation;
  caseId: string;
  code: string;
  message: string;
  createdAt: number;
  status: RejectedRow['status'];
  resolvedAt: number | null;
  resentAsMutationId: string | null;
}

export async function listRejected(store: UserStore, status: RejectedRow['status'] = 'open'): Promise<RejectedItem[]> {
  const rows = await store.db.rejected.where('status').equals(status).toArray();
  const items = await Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      mutation: await openOutboxMutation(store.keys, row),
      caseId: row.caseId,
      code: row.code,
      message: row.message,
      createdAt: row.createdAt,
      status: row.status,
      resolvedAt: row.resolvedAt,
      resentAsMutationId: row.resentAsMutationId,
    })),
  );
  return items.sort((a, b) => a.createdAt - b.createdAt);
}

/** What to change before resending: field values (update, create) or the step's input (action). */
export interface RejectedFix {
  fields?: Record<string, unknown>;
  payload?: unknown;
}

async function otherOpenRejections(db: TindakDatabase, row: RejectedRow): Promise<number> {
  return db.rejected
    .where('caseId')
    .equals(row.caseId)
    .filter((other) => other.id !== row.id && other.status === 'open' && other.entityId === row.entityId)
    .count();
}

async function prepareResend(store: UserStore, mutation: Mutation, fix: RejectedFix, now: Date): Promise<PreparedChange | null> {
  const fields = { ...mutation.fields, ...fix.fields };
  const payload = fix.payload ?? mutation.payload;
  if (mutation.entity === 'case') {
    const opened = await readCase(store, mutation.entityId);
    switch (mutation.op) {
      case 'update':
        return prepareCaseFieldUpdate(store, opened, fields, now);
      case 'action':
        if (!(CASE_ACTIONS as readonly (string | null)[]).includes(mutation.action)) break;
        return prepareCaseAction(store, opened, mutation.action as CaseAction, payload, now);
      case 'create':
        return prepareCaseCreate(store, { ...opened.record, ...(fields as Partial<CaseRecord>), id: opened.record.id }, now, opened.rev);
    }
  } else {
    const report = await readReport(store, mutation.entityId);
    const caseOpened = await readCase(store, report.record.caseId);
    switch (mutation.op) {
      case 'update':
        return prepareReportEdit(store, report, caseOpened, fields, now);
      case 'action':
        if (!(REPORT_ACTIONS as readonly (string | null)[]).includes(mutation.action)) break;
        return prepareReportAction(store, report, caseOpened, mutation.action as ReportReviewAction, payload, now);
      case 'create': {
        const content = Object.fromEntries(Object.entries(fields).filter(([key]) => (REPORT_CONTENT_FIELDS as readonly string[]).includes(key)));
        return prepareReportCreate(store, caseOpened, report.record.id, content, now, report);
      }
    }
  }
  throw new LocalStoreError('invalid_input', `Langkah "${mutation.action ?? ''}" tidak dikenal.`);
}

/**
 * Fixes and resends a rejected item as a new mutation, in one transaction with marking the
 * item resent. Null mutation: the fixed values equal the current ones, nothing to send.
 */
export async function resendRejected(
  store: UserStore,
  rejectedId: string,
  fix: RejectedFix = {},
): Promise<LocalChange<CaseRecord | ReportRecord> | { mutation: null; record: null }> {
  return runWrite(store.db, [...writeTables(store), store.db.rejected], async () => {
    const row = await store.db.rejected.get(rejectedId);
    if (!row || row.status !== 'open') throw new LocalStoreError('not_found', 'Item yang ditolak tidak ditemukan atau sudah ditangani.');
    const now = new Date();
    const change = await prepareResend(store, await openOutboxMutation(store.keys, row), fix, now);
    if (change && (await otherOpenRejections(store.db, row)) === 0) change.row.hasRejectedChange = 0;
    return {
      expect: change?.expect ?? [],
      commit: async () => {
        if ((await store.db.rejected.get(rejectedId))?.status !== 'open') throw new ConcurrentChange();
        const mutation = change ? await commitChange(store.db, change) : null;
        await store.db.rejected.update(rejectedId, { status: 'resent', resolvedAt: now.getTime(), resentAsMutationId: mutation?.mutationId ?? null });
        return change && mutation ? { mutation, record: change.record } : { mutation: null, record: null };
      },
    };
  });
}

/**
 * The officer gives up a rejected change. A record that exists only here because its rejected
 * `create` never reached the server is deleted with it, unless other unsent work needs it.
 */
export async function discardRejected(store: UserStore, rejectedId: string): Promise<void> {
  const { db } = store;
  try {
    await db.transaction('rw', [db.rejected, db.cases, db.reports, db.events, db.attachments, db.outbox], async () => {
      const row = await db.rejected.get(rejectedId);
      if (!row || row.status !== 'open') throw new LocalStoreError('not_found', 'Item yang ditolak tidak ditemukan atau sudah ditangani.');
      await db.rejected.update(rejectedId, { status: 'discarded', resolvedAt: Date.now() });
      const isLast = (await otherOpenRejections(db, row)) === 0;
      if (row.entity === 'case') {
        const record = await db.cases.get(row.entityId);
        if (row.op === 'create' && record?.isOnServer === 0 && !(await casesHoldingUnsentWork(db, [row.entityId])).has(row.entityId)) {
          await deleteCaseWithChildren(db, [row.entityId]);
        } else if (record && isLast) {
          await db.cases.update(row.entityId, { hasRejectedChange: 0 });
        }
      } else {
        const record = await db.reports.get(row.entityId);
        const hasPending = (await db.outbox.where('[entity+entityId]').equals(['report', row.entityId]).count()) > 0;
        if (row.op === 'create' && record?.isOnServer === 0 && !hasPending) await db.reports.delete(row.entityId);
        else if (record && isLast) await db.reports.update(row.entityId, { hasRejectedChange: 0 });
      }
    });
  } catch (error) {
    throw asStoreError(error);
  }
}
