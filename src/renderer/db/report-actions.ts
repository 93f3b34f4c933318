/**
 * Handling reports, saved locally: create, edit (draft autosave), and the review steps
 * (submit, resubmit, correct with a reason, return, approve, close). One transaction each,
 * checked against the shared report transition table first.
 *
 * Autosave appends a new `update` every time; it never merges into an earlier unsent one. An
 * entry handed to the engine may already be committed on the server with its response lost:
 * changing its fields under the same mutation id would be refused (`idempotency_mismatch`)
 * on the retry, and the store cannot know whether the engine holds it in flight. Each
 * autosave is small and its base is the previous local value, so the chain applies cleanly;
 * the UI debounces autosave (a few seconds, and on leaving a field).
 */
import type { z } from 'zod';
import {
  checkReportAction,
  reportActionEffect,
  reportStatusSchema,
  uuidv7,
  type ReportAction,
  type ReportContent,
  type ReportContext,
  type ReportPayload,
  type ReportRecord,
  type reportPayloads,
} from '../../shared';
import { ActionRefusedError } from './errors';
import { writeTables } from './case-actions';
import { commitChange, type LocalChange, type PreparedReportChange } from './local-change';
import { draftMutation, pendingFieldsOf, recordKey, serverValuesAfterLocalChange } from './outbox';
import { readCase, readReport } from './queries';
import { sealReportRow, type OpenedCase, type OpenedReport } from './record-rows';
import type { UserStore } from './user-store';
import { runWrite } from './write-transaction';

export type ReportContentPatch = Partial<ReportContent>;
export type ReportReviewAction = Exclude<ReportAction, 'create' | 'edit'>;
export type ReportActionInput<A extends ReportReviewAction> = z.input<(typeof reportPayloads)[A]>;

type CheckFailure = { ok: false; code: ActionRefusedError['code']; reason: string };

function refuse(check: CheckFailure): never {
  throw new ActionRefusedError(check.code, check.reason);
}

async function prepareReportChange(
  store: UserStore,
  opened: OpenedReport,
  caseOpened: OpenedCase,
  next: ReportRecord,
  touched: readonly string[],
  spec: Parameters<typeof draftMutation>[1],
  now: Date,
): Promise<PreparedReportChange> {
  const id = opened.record.id;
  const pending = (await pendingFieldsOf(store.db, [{ entity: 'report', id }])).get(recordKey('report', id)) ?? new Set<string>();
  const row = await sealReportRow(store.keys, next, {
    ...opened,
    serverValues: serverValuesAfterLocalChange(opened.record, opened.serverValues, pending, touched),
  });
  const draft = await draftMutation(store.keys, spec, { caseId: next.caseId, touched }, now);
  return {
    kind: 'report',
    row,
    isNew: false,
    record: next,
    draft,
    expect: [
      { table: 'reports', id, rev: opened.rev },
      { table: 'cases', id: caseOpened.record.id, rev: caseOpened.rev },
    ],
  };
}

/** Validates a new draft (or a fixed, resent create) and prepares its row and `create` mutation. */
export async function prepareReportCreate(
  store: UserStore,
  caseOpened: OpenedCase,
  id: string,
  content: ReportContentPatch,
  now: Date,
  existing: OpenedReport | null = null,
): Promise<PreparedReportChange> {
  const actor = store.requireActor();
  const context: ReportContext = { actor, report: null, caseRecord: caseOpened.record, directory: store.requireWorkflowDirectory() };
  const check = checkReportAction('create', context, content);
  if (!check.ok) return refuse(check);
  const payload = check.payload as ReportPayload<'create'>;
  const record: ReportRecord = {
    id,
    caseId: caseOpened.record.id,
    authorId: actor.userId,
    unitId: actor.unitId,
    status: 'draft',
    visitDate: null,
    method: null,
    findings: '',
    actionsTaken: '',
    beneficiaryChecks: [],
    outcome: null,
    recommendation: '',
    ...payload,
    attachmentIds: [],
    corrections: [],
    returnNote: null,
    submittedAt: null,
    approvedAt: null,
    closedAt: null,
    version: 1,
    createdAt: existing?.record.createdAt ?? now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const fields = { caseId: record.caseId, ...payload };
  const row = await sealReportRow(store.keys, record, { serverValues: {}, isOnServer: false, hasRejectedChange: false });
  const draft = await draftMutation(store.keys, { entity: 'report', entityId: id, op: 'create', baseVersion: null, fields }, { caseId: record.caseId, touched: Object.keys(fields) }, now);
  return {
    kind: 'report',
    row,
    isNew: existing === null,
    record,
    draft,
    expect: [
      { table: 'cases', id: caseOpened.record.id, rev: caseOpened.rev },
      { table: 'reports', id, rev: existing?.rev ?? null },
    ],
  };
}

/** Validates the author's edit and prepares it; null when nothing differs from the current values. */
export async function prepareReportEdit(
  store: UserStore,
  opened: OpenedReport,
  caseOpened: OpenedCase,
  patch: Record<string, unknown>,
  now: Date,
  /** The values the officer's edit started from, where they are not the record's current ones. */
  startedFrom: Readonly<Record<string, unknown>> = {},
): Promise<PreparedReportChange | null> {
  const before = opened.record;
  const context: ReportContext = { actor: store.requireActor(), report: before, caseRecord: caseOpened.record, directory: store.requireWorkflowDirectory() };
  const check = checkReportAction('edit', context, patch);
  if (!check.ok) return refuse(check);
  const fields: Record<string, unknown> = {};
  const baseValues: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(check.payload as ReportPayload<'edit'>)) {
    const key = field as keyof ReportContent;
    if (value === undefined || JSON.stringify(value) === JSON.stringify(before[key])) continue;
    fields[field] = value;
    // The server compares the base with what it holds: a value that changed under the form (a
    // correction pulled meanwhile) then comes back as a conflict instead of being overwritten.
    baseValues[field] = Object.hasOwn(startedFrom, field) ? startedFrom[field] : before[key];
  }
  const touched = Object.keys(fields);
  if (touched.length === 0) return null;
  const next: ReportRecord = { ...before, ...(fields as ReportContentPatch), updatedAt: now.toISOString() };
  return prepareReportChange(store, opened, caseOpened, next, touched, { entity: 'report', entityId: before.id, op: 'update', baseVersion: before.version, fields, baseValues }, now);
}

export async function prepareReportAction(
  store: UserStore,
  opened: OpenedReport,
  caseOpened: OpenedCase,
  action: ReportReviewAction,
  payload: unknown,
  now: Date,
): Promise<PreparedReportChange> {
  const actor = store.requireActor();
  const before = opened.record;
  const context: ReportContext = { actor, report: before, caseRecord: caseOpened.record, directory: store.requireWorkflowDirectory() };
  const check = checkReportAction(action, context, payload);
  if (!check.ok) return refuse(check);
  const effect = reportActionEffect(action, check.payload as ReportPayload<ReportReviewAction>, before, actor.userId, now.toISOString());
  const next: ReportRecord = { ...before, ...effect, status: reportStatusSchema.parse(check.to), updatedAt: now.toISOString() };
  return prepareReportChange(store, opened, caseOpened, next, ['status', ...Object.keys(effect)], {
    entity: 'report',
    entityId: before.id,
    op: 'action',
    baseVersion: before.version,
    action,
    payload: check.payload,
  }, now);
}

/** A new draft report on a case the officer (field worker or UPT staff) may report on. */
export async function createReport(store: UserStore, caseId: string, content: ReportContentPatch = {}): Promise<LocalChange<ReportRecord>> {
  const id = uuidv7();
  return runWrite(store.db, writeTables(store), async () => {
    const change = await prepareReportCreate(store, await readCase(store, caseId), id, content, new Date());
    return { expect: change.expect, commit: async () => ({ mutation: await commitChange(store.db, change), record: change.record }) };
  });
}

/**
 * The author's edit of content fields (draft, returned, or submitted but not yet reviewed);
 * also the draft autosave (see the header: it always appends). Null when nothing changed.
 */
export async function saveDraft(
  store: UserStore,
  reportId: string,
  patch: ReportContentPatch,
  /** For each field of `patch`, the value the officer's form loaded (see prepareReportEdit). */
  startedFrom: ReportContentPatch = {},
): Promise<LocalChange<ReportRecord> | null> {
  return runWrite(store.db, writeTables(store), async () => {
    const opened = await readReport(store, reportId);
    const change = await prepareReportEdit(store, opened, await readCase(store, opened.record.caseId), patch, new Date(), startedFrom);
    if (!change) return { expect: [], commit: () => Promise.resolve(null) };
    return { expect: change.expect, commit: async () => ({ mutation: await commitChange(store.db, change), record: change.record }) };
  });
}

/** submit, resubmit, correct (with a reason), return (with a note), approve, close. */
export async function performReportAction<A extends ReportReviewAction>(
  store: UserStore,
  reportId: string,
  action: A,
  payload: ReportActionInput<A>,
): Promise<LocalChange<ReportRecord>> {
  return runWrite(store.db, writeTables(store), async () => {
    const opened = await readReport(store, reportId);
    const change = await prepareReportAction(store, opened, await readCase(store, opened.record.caseId), action, payload, new Date());
    return { expect: change.expect, commit: async () => ({ mutation: await commitChange(store.db, change), record: change.record }) };
  });
}
