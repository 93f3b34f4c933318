/**
 * Push: one device's batch of mutations, applied in one database transaction.
 *
 * - Idempotent: every mutation's result is stored under its id; a replay returns the stored
 *   result and changes nothing; the same id with a different payload is refused.
 * - Each mutation is checked on its own (access, the shared transition table, the schemas)
 *   and gets one result: applied, merged, conflict or rejected. A refusal never blocks the
 *   mutations after it.
 * - Mutations apply in `seq` order against an in-memory copy of the touched records, so a
 *   later mutation in the batch sees the earlier ones; the writes happen at the end, after
 *   the change sequences are taken (see store.takeSeqs and docs/sync-protocol.md).
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { HttpError } from '../http/errors';
import {
  CASE_ACTIONS,
  idSchema,
  PROTOCOL_VERSION,
  REPORT_ACTIONS,
  REPORT_CONTENT_FIELDS,
  appError,
  applyCaseAction,
  CASE_FIELD_EDITORS,
  canSeeCase,
  caseRecordSchema,
  checkCaseAction,
  checkReportAction,
  isReadOnlyRole,
  mayLinkAsDuplicates,
  reportActionEffect,
  reportRecordSchema,
  uuidv7,
  type CaseAction,
  type CaseContext,
  type CaseEvent,
  type CaseRecord,
  type ConflictField,
  type ErrorCode,
  type FieldChange,
  type Mutation,
  type MutationResult,
  type PushRequest,
  type PushResponse,
  type ReportAction,
  type ReportContext,
  type ReportPayload,
  type ReportRecord,
  type ReportStatus,
} from '../../shared';
import type { AuthenticatedActor } from '../auth/tokens';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { canonical, mergeFields, sameValue } from './merge';
import {
  insertEvents,
  insertRemovals,
  loadCases,
  loadReports,
  reportStatusesOf,
  releaseDraftHistory,
  takeSeqs,
  upsertCases,
  upsertReports,
  type FieldMeta,
  type StoredCase,
  type StoredReport,
} from './store';

interface WorkingCase extends StoredCase {
  isDirty: boolean;
  isNew: boolean;
  prevScope: { unitId: string | null; regionalUnitIds: string[]; assigneeIds: string[] } | null;
}

interface WorkingReport extends StoredReport {
  isDirty: boolean;
}

interface BatchState {
  cases: Map<string, WorkingCase>;
  reports: Map<string, WorkingReport>;
  reportStatuses: Map<string, ReportStatus[]>;
  events: CaseEvent[];
  conflictRows: { mutationId: string; entity: string; entityId: string; fields: ConflictField[]; resolution: string }[];
  /** Channel tickets taken (`ticketKey`): those on the server asked for by this batch's creates, and its own. */
  tickets: Set<string>;
  /** Drafts this batch submitted: their earlier audit entries and files go out to the case's scope (releaseDraftHistory). */
  releasedDrafts: { id: string; caseId: string }[];
  /** Stored cases named as possible duplicates by this batch's creates, with what decides whether they may be linked. */
  linkable: Map<string, Pick<CaseRecord, 'isAnonymous' | 'isConfidential'>>;
  now: string;
}

const ticketKey = (channel: string, ticketId: string) => `${channel}\u0000${ticketId}`;

export function payloadHash(deviceId: string, userId: string, mutation: Mutation): string {
  return createHash('sha256').update(JSON.stringify(canonical({ deviceId, userId, mutation }))).digest('base64url');
}

const rejected = (m: Mutation, code: ErrorCode, message?: string): MutationResult => ({
  mutationId: m.mutationId,
  seq: m.seq,
  status: 'rejected',
  version: null,
  conflicts: [],
  error: appError(code, message),
});

/**
 * Applies the batch. Two requests carrying the same new mutations at once (a resend while the
 * first send is still being applied, e.g. a pipelined batch the client gave up on) both find
 * them unknown; the second to commit hits the `mutations` key and is rolled back whole. It is
 * then a replay: run once more, it answers with the stored results.
 */
export async function push(ctx: ServerContext, actor: AuthenticatedActor, request: PushRequest): Promise<PushResponse> {
  try {
    return await pushOnce(ctx, actor, request);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return pushOnce(ctx, actor, request);
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

async function pushOnce(ctx: ServerContext, actor: AuthenticatedActor, request: PushRequest): Promise<PushResponse> {
  const ordered = [...request.mutations].sort((a, b) => a.seq - b.seq);
  const hashes = new Map<string, string>();
  for (const m of ordered) {
    const hash = payloadHash(request.deviceId, actor.userId, m);
    const earlier = hashes.get(m.mutationId);
    // One id, one content: the same mutation twice is one effect; two contents under one id
    // would leave the ledger holding the hash of the one not applied.
    if (earlier !== undefined && earlier !== hash)
      throw new HttpError(400, 'invalid_body', `Mutasi ${m.mutationId} muncul dua kali dengan isi berbeda.`);
    hashes.set(m.mutationId, hash);
  }

  const results = await ctx.db.transaction(async (tx) => {
    const out = new Map<string, MutationResult>();
    const stored = await tx.query<{ mutation_id: string; payload_hash: string; result: MutationResult }>(
      'select mutation_id, payload_hash, result from mutations where mutation_id = any($1::uuid[])',
      [ordered.map((m) => m.mutationId)],
    );
    const known = new Map(stored.rows.map((row) => [row.mutation_id, row]));
    const fresh: Mutation[] = [];
    const seenInBatch = new Set<string>();
    for (const m of ordered) {
      const previous = known.get(m.mutationId);
      if (previous) {
        out.set(m.mutationId, previous.payload_hash === hashes.get(m.mutationId) ? previous.result : rejected(m, 'idempotency_mismatch'));
      } else if (seenInBatch.has(m.mutationId)) {
        continue; // the same mutation twice in one batch: one effect, one result
      } else {
        seenInBatch.add(m.mutationId);
        fresh.push(m);
      }
    }
    if (fresh.length === 0) return out;

    const state = await loadBatchState(tx, fresh);
    for (const m of fresh) out.set(m.mutationId, applyMutation(ctx, actor, request.deviceId, state, m));
    await writeBatch(ctx, tx, actor, request.deviceId, state, fresh, out, hashes);
    return out;
  });

  return {
    protocolVersion: PROTOCOL_VERSION,
    results: request.mutations
      .map((m) => results.get(m.mutationId))
      .filter((r, index, all): r is MutationResult => r !== undefined && all.indexOf(r) === index),
    serverTime: new Date().toISOString(),
  };
}

async function loadBatchState(tx: Queryable, mutations: readonly Mutation[]): Promise<BatchState> {
  const reportIds = mutations.filter((m) => m.entity === 'report').map((m) => m.entityId);
  const reports = await loadReports(tx, [...new Set(reportIds)], true);
  const caseIds = new Set(mutations.filter((m) => m.entity === 'case').map((m) => m.entityId));
  for (const m of mutations) {
    if (m.entity === 'report' && m.op === 'create' && typeof m.fields.caseId === 'string') caseIds.add(m.fields.caseId);
  }
  for (const report of reports.values()) caseIds.add(report.record.caseId);
  // Only ids the records could hold are looked up (PostgreSQL would refuse others as a uuid);
  // any other is simply not found.
  const validCaseIds = [...caseIds].filter((id) => idSchema.safeParse(id).success);
  const cases = await loadCases(tx, validCaseIds, true);
  const statuses = await reportStatusesOf(tx, validCaseIds);
  const created = mutations
    .filter((m) => m.entity === 'case' && m.op === 'create')
    .map((m) => m.fields)
    .filter((f): f is { channel: string; ticketId: string } => typeof f.channel === 'string' && typeof f.ticketId === 'string');
  // The cases a created case names as its possible duplicates (the desk finds them among the
  // cases it holds): whether each exists, and whether it may be linked (mayLinkAsDuplicates).
  const linkedIds = [
    ...new Set(
      mutations
        .filter((m) => m.entity === 'case' && m.op === 'create' && Array.isArray(m.fields.possibleDuplicateIds))
        .flatMap((m) => m.fields.possibleDuplicateIds as unknown[])
        .filter((id): id is string => idSchema.safeParse(id).success),
    ),
  ];
  const linked =
    linkedIds.length === 0
      ? []
      : (
          await tx.query<{ id: string; is_anonymous: boolean; is_confidential: boolean }>(
            `select id, coalesce((data->>'isAnonymous')::boolean, false) as is_anonymous,
                    coalesce((data->>'isConfidential')::boolean, false) as is_confidential
               from cases where id = any($1::uuid[])`,
            [linkedIds],
          )
        ).rows;
  const taken =
    created.length === 0
      ? []
      : (
          await tx.query<{ channel: string; ticket_id: string }>(
            'select channel, ticket_id from cases where (channel, ticket_id) in (select * from unnest($1::text[], $2::text[]))',
            // As the record schema will hold them (requiredText trims).
            [created.map((f) => f.channel.trim()), created.map((f) => f.ticketId.trim())],
          )
        ).rows;
  return {
    cases: new Map([...cases].map(([id, c]) => [id, { ...c, isDirty: false, isNew: false, prevScope: null }])),
    reports: new Map([...reports].map(([id, r]) => [id, { ...r, isDirty: false }])),
    reportStatuses: new Map([...statuses].map(([id, list]) => [id, list as ReportStatus[]])),
    events: [],
    conflictRows: [],
    releasedDrafts: [],
    linkable: new Map(linked.map((row) => [row.id, { isAnonymous: row.is_anonymous, isConfidential: row.is_confidential }])),
    tickets: new Set(taken.map((row) => ticketKey(row.channel, row.ticket_id))),
    now: new Date().toISOString(),
  };
}

function applyMutation(ctx: ServerContext, actor: AuthenticatedActor, deviceId: string, state: BatchState, m: Mutation): MutationResult {
  if (isReadOnlyRole(actor.role)) return rejected(m, 'read_only');
  try {
    return m.entity === 'case' ? applyCaseMutation(ctx, actor, deviceId, state, m) : applyReportMutation(ctx, actor, deviceId, state, m);
  } catch (error) {
    if (error instanceof MutationRefusal) return rejected(m, error.code, error.message);
    throw error;
  }
}

class MutationRefusal extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
  }
}

const refuse = (code: ErrorCode, message: string): never => {
  throw new MutationRefusal(code, message);
};

function event(state: BatchState, actor: AuthenticatedActor, deviceId: string, caseId: string, reportId: string | null, action: string, changes: FieldChange[], note: string | null = null) {
  state.events.push({ id: uuidv7(), caseId, reportId, actorId: actor.userId, deviceId, action, at: state.now, changes, note });
}

function diff(before: Record<string, unknown>, after: Record<string, unknown>, fields: Iterable<string>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    // Personal data never enters the audit trail's values: only the fact that it changed.
    if (field === 'reporter') {
      if (!sameValue(before[field], after[field])) changes.push({ field, before: '[data pribadi]', after: '[data pribadi]' });
      continue;
    }
    if (!sameValue(before[field], after[field])) changes.push({ field, before: before[field] ?? null, after: after[field] ?? null });
  }
  return changes;
}

function touchMeta(meta: FieldMeta, fields: Iterable<string>, version: number, actor: AuthenticatedActor, at: string): FieldMeta {
  const next = { ...meta };
  for (const field of fields) next[field] = { version, by: actor.userId, role: actor.role, at };
  return next;
}

function visibleCase(ctx: ServerContext, actor: AuthenticatedActor, state: BatchState, caseId: string): WorkingCase {
  const found = state.cases.get(caseId);
  if (!found || !canSeeCase(actor, found.record, ctx.org.directory.units)) {
    return refuse('not_found', 'Kasus tidak ditemukan atau di luar wewenang Anda.');
  }
  return found;
}

function validCase(record: CaseRecord): CaseRecord {
  const parsed = caseRecordSchema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse('invalid_body', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'data tidak valid'}`);
  }
  return parsed.data;
}

function commitCase(working: WorkingCase, next: CaseRecord, changedFields: Iterable<string>, actor: AuthenticatedActor, now: string) {
  if (!working.prevScope && !working.isNew) {
    working.prevScope = {
      unitId: working.record.unitId,
      regionalUnitIds: working.record.regionalUnitIds,
      assigneeIds: working.record.assigneeIds,
    };
  }
  working.fieldMeta = touchMeta(working.fieldMeta, changedFields, next.version, actor, now);
  working.record = next;
  working.isDirty = true;
}

function applyCaseMutation(ctx: ServerContext, actor: AuthenticatedActor, deviceId: string, state: BatchState, m: Mutation): MutationResult {
  if (m.op === 'create') {
    if (actor.role !== 'admin') refuse('forbidden', 'Hanya admin yang dapat mendaftarkan pengaduan baru.');
    if (state.cases.has(m.entityId)) refuse('duplicate', 'Kasus dengan ID ini sudah ada.');
    // A new complaint is at step one: whatever the later steps set comes only through them.
    const record = validCase({
      ...(m.fields as CaseRecord),
      id: m.entityId,
      status: 'received',
      version: 1,
      unitId: null,
      regionalUnitIds: [],
      assigneeIds: [],
      resolutionNote: null,
      channelReference: null,
      rating: null,
      distributedAt: null,
      finishedAt: null,
      createdAt: state.now,
      updatedAt: state.now,
    });
    if (record.topic !== null && !ctx.org.directory.topicExists(record.topic)) refuse('invalid_body', 'Topik tidak dikenal dalam konfigurasi.');
    // Only links to cases that exist (here or earlier in this batch) and may be linked to this one.
    record.possibleDuplicateIds = record.possibleDuplicateIds.filter((id) => {
      const peer = state.cases.get(id)?.record ?? state.linkable.get(id);
      return peer !== undefined && id !== record.id && mayLinkAsDuplicates(record, peer);
    });
    const ticket = ticketKey(record.channel, record.ticketId);
    if (state.tickets.has(ticket)) refuse('duplicate', `Tiket ${record.ticketId} dari kanal ini sudah terdaftar.`);
    state.tickets.add(ticket);
    const working: WorkingCase = { record, changeSeq: 0, scopeSeq: 0, fieldMeta: {}, isDirty: true, isNew: true, prevScope: null };
    working.fieldMeta = touchMeta({}, Object.keys(record), 1, actor, state.now);
    state.cases.set(record.id, working);
    event(state, actor, deviceId, record.id, null, 'create', [], `Pengaduan didaftarkan dari kanal ${record.channel}.`);
    return { mutationId: m.mutationId, seq: m.seq, status: 'applied', version: 1, conflicts: [], error: null };
  }

  const working = visibleCase(ctx, actor, state, m.entityId);
  const before = working.record;

  if (m.op === 'update') {
    const fields = Object.keys(m.fields);
    if (fields.length === 0) refuse('invalid_body', 'Tidak ada kolom yang diubah.');
    for (const field of fields) {
      // Own keys only: a field named "constructor" must not find Object.prototype's.
      const editors = Object.hasOwn(CASE_FIELD_EDITORS, field)
        ? (CASE_FIELD_EDITORS as Record<string, readonly string[] | undefined>)[field]
        : undefined;
      if (!editors) refuse('invalid_body', `Kolom "${field}" tidak dapat diubah langsung.`);
      if (!editors?.includes(actor.role)) refuse('forbidden', `Peran Anda tidak dapat mengubah "${field}".`);
    }
    // Values are checked even when they will not be written (a conflict keeps mine and base in
    // the inbox and the audit trail).
    checkFieldValues(caseRecordSchema.shape, m.fields);
    checkFieldValues(caseRecordSchema.shape, m.baseValues);
    if (typeof m.fields.topic === 'string' && !ctx.org.directory.topicExists(m.fields.topic)) refuse('invalid_body', 'Topik tidak dikenal dalam konfigurasi.');
    if (actor.role === 'liaison' && !canSeeCase(actor, before, ctx.org.directory.units)) refuse('forbidden', 'Kasus ini bukan milik unit Anda.');
    const merge = mergeFields({
      current: before,
      currentVersion: before.version,
      fieldMeta: working.fieldMeta,
      fields: m.fields,
      baseValues: m.baseValues,
      baseVersion: m.baseVersion,
      actorRole: actor.role,
      precedence: ctx.settings.rolePrecedence,
    });
    return finishFieldMerge(state, actor, deviceId, m, merge, Object.keys(merge.apply).length === 0 ? null : () => {
      const next = validCase({ ...before, ...(merge.apply as Partial<CaseRecord>), version: before.version + 1, updatedAt: state.now });
      commitCase(working, next, Object.keys(merge.apply), actor, state.now);
      event(state, actor, deviceId, before.id, null, 'update', diff(before, next, Object.keys(merge.apply)));
      return next.version;
    }, before.version, 'case');
  }

  const action = m.action;
  if (!action || !(CASE_ACTIONS as string[]).includes(action)) return refuse('invalid_body', `Langkah "${action ?? ''}" tidak dikenal.`);
  const context: CaseContext = {
    actor,
    record: before,
    directory: ctx.org.directory,
    reportStatuses: state.reportStatuses.get(before.id) ?? [],
  };
  const check = checkCaseAction(action as CaseAction, context, m.payload);
  if (!check.ok) return refuse(check.code, check.reason);
  const effect = applyCaseAction(context, action as CaseAction, check.payload, state.now);
  const next = validCase({ ...before, ...effect, version: before.version + 1, updatedAt: state.now });
  const changed = Object.keys(effect);
  commitCase(working, next, changed, actor, state.now);
  event(state, actor, deviceId, before.id, null, action, diff(before, next, changed), noteOf(check.payload));
  return { mutationId: m.mutationId, seq: m.seq, status: 'applied', version: next.version, conflicts: [], error: null };
}

/** Each value must be one the record could hold in that field; refuses the mutation otherwise. */
function checkFieldValues(shape: Readonly<Record<string, z.ZodType>>, values: Readonly<Record<string, unknown>>): void {
  for (const [field, value] of Object.entries(values)) {
    const schema = Object.hasOwn(shape, field) ? shape[field] : undefined;
    if (!schema) refuse('invalid_body', `Kolom "${field}" tidak dikenal.`);
    const parsed = schema!.safeParse(value);
    if (!parsed.success) refuse('invalid_body', `Nilai kolom "${field}" tidak valid: ${parsed.error.issues[0]?.message ?? 'skema'}.`);
  }
}

function noteOf(payload: unknown): string | null {
  if (payload && typeof payload === 'object') {
    const p = payload as Record<string, unknown>;
    for (const key of ['reason', 'note', 'answer']) if (typeof p[key] === 'string') return p[key] as string;
  }
  return null;
}

function finishFieldMerge(
  state: BatchState,
  actor: AuthenticatedActor,
  deviceId: string,
  m: Mutation,
  merge: ReturnType<typeof mergeFields>,
  write: (() => number) | null,
  currentVersion: number,
  entity: 'case' | 'report',
): MutationResult {
  const version = write ? write() : currentVersion;
  const caseId = entity === 'case' ? m.entityId : (state.reports.get(m.entityId)?.record.caseId ?? m.entityId);
  if (merge.conflicts.length > 0 || merge.overridden.length > 0) {
    if (merge.conflicts.length > 0) state.conflictRows.push({ mutationId: m.mutationId, entity, entityId: m.entityId, fields: merge.conflicts, resolution: 'server_kept' });
    if (merge.overridden.length > 0) state.conflictRows.push({ mutationId: m.mutationId, entity, entityId: m.entityId, fields: merge.overridden, resolution: 'precedence_device_won' });
    event(state, actor, deviceId, caseId, entity === 'report' ? m.entityId : null, 'conflict', [...merge.conflicts, ...merge.overridden].map((c) => ({ field: c.field, before: c.theirs, after: c.mine })),
      merge.conflicts.length > 0 ? 'Konflik: nilai server dipertahankan.' : 'Konflik diputuskan oleh urutan peran.');
  }
  if (merge.conflicts.length > 0) {
    return { mutationId: m.mutationId, seq: m.seq, status: 'conflict', version, conflicts: merge.conflicts, error: null };
  }
  const isMerged = merge.isRebased || merge.overridden.length > 0;
  return { mutationId: m.mutationId, seq: m.seq, status: isMerged ? 'merged' : 'applied', version, conflicts: merge.overridden, error: null };
}

// ------------------------------------------------------------------------------------------
// Reports
// ------------------------------------------------------------------------------------------

function validReport(record: ReportRecord): ReportRecord {
  const parsed = reportRecordSchema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse('invalid_body', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'data tidak valid'}`);
  }
  return parsed.data;
}

function setReport(state: BatchState, working: WorkingReport, next: ReportRecord, changed: Iterable<string>, actor: AuthenticatedActor) {
  working.fieldMeta = touchMeta(working.fieldMeta, changed, next.version, actor, state.now);
  working.record = next;
  working.isDirty = true;
  const statuses = [...state.reports.values()].filter((r) => r.record.caseId === next.caseId).map((r) => r.record.status);
  state.reportStatuses.set(next.caseId, statuses);
}

function applyReportMutation(ctx: ServerContext, actor: AuthenticatedActor, deviceId: string, state: BatchState, m: Mutation): MutationResult {
  if (m.op === 'create') {
    if (state.reports.has(m.entityId)) refuse('duplicate', 'Laporan dengan ID ini sudah ada.');
    const caseId = typeof m.fields.caseId === 'string' ? m.fields.caseId : refuse('invalid_body', 'caseId wajib diisi.');
    const caseWorking = visibleCase(ctx, actor, state, caseId);
    const { caseId: _caseId, ...content } = m.fields;
    const context: ReportContext = { actor, report: null, caseRecord: caseWorking.record, directory: ctx.org.directory };
    const check = checkReportAction('create', context, content);
    if (!check.ok) return refuse(check.code, check.reason);
    const record = validReport({
      id: m.entityId,
      caseId,
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
      ...(check.payload as ReportPayload<'create'>),
      attachmentIds: [],
      corrections: [],
      returnNote: null,
      submittedAt: null,
      approvedAt: null,
      closedAt: null,
      version: 1,
      createdAt: state.now,
      updatedAt: state.now,
    });
    const working: WorkingReport = { record, changeSeq: 0, fieldMeta: {}, isDirty: true };
    state.reports.set(record.id, working);
    setReport(state, working, record, REPORT_CONTENT_FIELDS, actor);
    event(state, actor, deviceId, caseId, record.id, 'report_create', []);
    return { mutationId: m.mutationId, seq: m.seq, status: 'applied', version: 1, conflicts: [], error: null };
  }

  const working = state.reports.get(m.entityId) ?? refuse('not_found', 'Laporan tidak ditemukan.');
  const caseWorking = visibleCase(ctx, actor, state, working.record.caseId);
  const before = working.record;
  if (before.status === 'draft' && before.authorId !== actor.userId) refuse('not_found', 'Laporan tidak ditemukan.');
  const context: ReportContext = { actor, report: before, caseRecord: caseWorking.record, directory: ctx.org.directory };

  if (m.op === 'update') {
    const check = checkReportAction('edit', context, m.fields);
    if (!check.ok) return refuse(check.code, check.reason);
    checkFieldValues(reportRecordSchema.shape, m.baseValues);
    const merge = mergeFields({
      current: before,
      currentVersion: before.version,
      fieldMeta: working.fieldMeta,
      fields: check.payload as Record<string, unknown>,
      baseValues: m.baseValues,
      baseVersion: m.baseVersion,
      actorRole: actor.role,
      precedence: ctx.settings.rolePrecedence,
    });
    return finishFieldMerge(state, actor, deviceId, m, merge, Object.keys(merge.apply).length === 0 ? null : () => {
      const next = validReport({ ...before, ...(merge.apply as Partial<ReportRecord>), version: before.version + 1, updatedAt: state.now });
      setReport(state, working, next, Object.keys(merge.apply), actor);
      event(state, actor, deviceId, before.caseId, before.id, 'report_edit', diff(before, next, Object.keys(merge.apply)));
      return next.version;
    }, before.version, 'report');
  }

  const action = m.action;
  if (!action || !(REPORT_ACTIONS as string[]).includes(action) || action === 'create' || action === 'edit') {
    return refuse('invalid_body', `Langkah "${action ?? ''}" tidak dikenal untuk laporan.`);
  }
  const check = checkReportAction(action as ReportAction, context, m.payload);
  if (!check.ok) return refuse(check.code, check.reason);
  const effect = reportActionEffect(action as ReportAction, check.payload, before, actor.userId, state.now);
  const next = validReport({ ...before, ...effect, status: check.to as ReportStatus, version: before.version + 1, updatedAt: state.now });
  const changed = ['status', ...Object.keys(effect)];
  setReport(state, working, next, changed, actor);
  // A draft created in this very batch has no earlier entries or files to release.
  if (before.status === 'draft' && next.status !== 'draft' && working.changeSeq !== 0) state.releasedDrafts.push({ id: next.id, caseId: next.caseId });
  event(state, actor, deviceId, before.caseId, before.id, `report_${action}`, diff(before, next, changed), noteOf(check.payload));
  return { mutationId: m.mutationId, seq: m.seq, status: 'applied', version: next.version, conflicts: [], error: null };
}

// ------------------------------------------------------------------------------------------
// Writing
// ------------------------------------------------------------------------------------------

async function writeBatch(
  ctx: ServerContext,
  tx: Queryable,
  actor: AuthenticatedActor,
  deviceId: string,
  state: BatchState,
  fresh: readonly Mutation[],
  results: Map<string, MutationResult>,
  hashes: Map<string, string>,
): Promise<void> {
  const dirtyCases = [...state.cases.values()].filter((c) => c.isDirty);
  const dirtyReports = [...state.reports.values()].filter((r) => r.isDirty);
  const removals = dirtyCases.filter((c) => c.prevScope && lostScope(c.prevScope, c.record));
  const count = dirtyCases.length + dirtyReports.length + state.events.length + removals.length;
  if (count > 0) {
    let seq = await takeSeqs(tx, count);
    const next = () => seq++;
    const removalWrites = removals.map((c) => ({
      changeSeq: next(),
      caseId: c.record.id,
      prevUnitId: c.prevScope!.unitId,
      prevRegionalUnitIds: c.prevScope!.regionalUnitIds,
      prevAssigneeIds: c.prevScope!.assigneeIds,
    }));
    const caseWrites = dirtyCases.map((c) => {
      const changeSeq = next();
      const scopeChanged = c.isNew || (c.prevScope !== null && !sameScope(c.prevScope, c.record));
      return {
        record: c.record,
        changeSeq,
        scopeSeq: scopeChanged ? changeSeq : c.scopeSeq,
        fieldMeta: c.fieldMeta,
        nikHash: ctx.hasher.nik(c.record.reporter.nik),
        phoneHash: ctx.hasher.phone(c.record.reporter.phone),
      };
    });
    await upsertCases(tx, caseWrites);
    await upsertReports(tx, dirtyReports.map((r) => ({ record: r.record, changeSeq: next(), fieldMeta: r.fieldMeta })));
    // Before this batch's own events are written: those get their sequences above.
    await releaseDraftHistory(tx, state.releasedDrafts);
    await insertEvents(tx, state.events.map((e) => ({ event: e, changeSeq: next() })));
    await insertRemovals(tx, removalWrites);
  }
  if (state.conflictRows.length > 0) {
    await tx.query(
      `insert into conflicts (id, mutation_id, entity, entity_id, fields, resolution)
       select (c->>'id')::uuid, (c->>'mutationId')::uuid, c->>'entity', (c->>'entityId')::uuid, c->'fields', c->>'resolution'
         from jsonb_array_elements($1::jsonb) as c`,
      [JSON.stringify(state.conflictRows.map((c) => ({ ...c, id: uuidv7() })))],
    );
  }
  await tx.query(
    `insert into mutations (mutation_id, device_id, user_id, seq, payload_hash, result)
     select (r->>'mutationId')::uuid, $1, $2::uuid, (r->>'seq')::bigint, r->>'hash', r->'result'
       from jsonb_array_elements($3::jsonb) as r`,
    [deviceId, actor.userId, JSON.stringify(fresh.map((m) => ({ mutationId: m.mutationId, seq: m.seq, hash: hashes.get(m.mutationId), result: results.get(m.mutationId) })))],
  );
}

type Scope = { unitId: string | null; regionalUnitIds: readonly string[]; assigneeIds: readonly string[] };

function sameScope(a: Scope, b: Scope): boolean {
  return a.unitId === b.unitId && sameValue([...a.regionalUnitIds].sort(), [...b.regionalUnitIds].sort()) && sameValue([...a.assigneeIds].sort(), [...b.assigneeIds].sort());
}

function lostScope(prev: Scope, next: Scope): boolean {
  return (
    (prev.unitId !== null && prev.unitId !== next.unitId) ||
    prev.regionalUnitIds.some((id) => !next.regionalUnitIds.includes(id)) ||
    prev.assigneeIds.some((id) => !next.assigneeIds.includes(id))
  );
}

export interface PredecessorWait {
  /** How long a batch waits for the one before it; then it is refused with `predecessor_missing`. */
  timeoutMs?: number;
  /** Pause between checks when no wake-up comes (a predecessor committed by another server process). */
  pollMs?: number;
  /** Wakes the wait when a push of this device finishes in this process. */
  signals?: PushSignals;
  /** True once the client has gone (closed the connection): stop waiting. */
  isGone?: () => boolean;
}

/**
 * Per device, the pipelined batches of this process waiting for their predecessor: a push of
 * that device that finishes wakes them to look again at once, rather than at their next poll.
 */
export class PushSignals {
  private readonly waiters = new Map<string, Set<() => void>>();

  /** Resolves at the next push of the device that finishes here, or after `ms`; `cancel` stops waiting. */
  next(deviceId: string, ms: number): { woken: Promise<void>; cancel: () => void } {
    let wake!: () => void;
    const woken = new Promise<void>((resolve) => {
      const timer = setTimeout(() => wake(), ms);
      wake = () => {
        clearTimeout(timer);
        const set = this.waiters.get(deviceId);
        set?.delete(wake);
        if (set?.size === 0) this.waiters.delete(deviceId);
        resolve();
      };
    });
    const set = this.waiters.get(deviceId) ?? new Set();
    set.add(wake);
    this.waiters.set(deviceId, set);
    return { woken, cancel: wake };
  }

  /** A push of this device finished (applied, refused or failed): its waiting batches look again. */
  pushed(deviceId: string): void {
    for (const wake of [...(this.waiters.get(deviceId) ?? [])]) wake();
  }
}

/**
 * Pipelined pushes (`after` in the request): the batch waits until its predecessor committed,
 * i.e. until a mutation of this device with a `seq` of at least `after` is recorded. Batches
 * are only ever applied after the batches sent before them; a batch whose predecessor never
 * comes (refused whole, lost on the link) is not applied at all, and the client sends again
 * from its oldest unacknowledged entry. A predecessor pushed through this process wakes the
 * wait (`signals`); one pushed through another process is found by polling.
 */
export async function waitForPredecessor(db: Queryable, deviceId: string, after: number, options: PredecessorWait = {}): Promise<boolean> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const pollMs = options.pollMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Listening before looking: a push finishing between the two still wakes this wait.
    const wait = options.signals?.next(deviceId, pollMs);
    const found = await db.query('select 1 from mutations where device_id = $1 and seq >= $2 limit 1', [deviceId, after]);
    if (found.rows.length > 0 || Date.now() >= deadline || options.isGone?.() === true) {
      wait?.cancel();
      return found.rows.length > 0;
    }
    await (wait?.woken ?? new Promise((resolve) => setTimeout(resolve, pollMs)));
  }
}
