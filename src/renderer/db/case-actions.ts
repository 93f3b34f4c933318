/**
 * What an officer does to a case, saved locally: each exported action is one transaction that
 * writes the case optimistically and appends its outbox entry; nothing goes to the network.
 * The local check uses the shared transition table (the server repeats it, and decides).
 * The `prepare…` builders are shared with conflict resolution and resending.
 */
import type { z } from 'zod';
import {
  CASE_EDITABLE_FIELDS,
  EMPTY_REPORTER,
  applyCaseAction,
  CASE_FIELD_EDITORS,
  canSeeCase,
  caseRecordSchema,
  checkCaseAction,
  isReadOnlyRole,
  mayLinkAsDuplicates,
  phoneSchema,
  reporterSchema,
  uuidv7,
  type CaseAction,
  type CaseContext,
  type CaseEditableField,
  type CaseKind,
  type CaseRecord,
  type WorkflowDirectory,
  type casePayloads,
} from '../../shared';
import { ActionRefusedError } from './errors';
import { commitChange, type LocalChange, type PreparedCaseChange } from './local-change';
import { draftMutation, pendingFieldsOf, recordKey, serverValuesAfterLocalChange } from './outbox';
import { readCase } from './queries';
import { identityHashes, sealCaseRow, type OpenedCase } from './record-rows';
import type { UserStore } from './user-store';
import { firstIssue } from './validation-messages';
import { runWrite } from './write-transaction';

export interface ActionOptions {
  /** The directory to check against; defaults to the one synced into the store. */
  directory?: WorkflowDirectory;
}

export type CaseFieldPatch = Partial<Pick<CaseRecord, CaseEditableField>>;
export type CaseActionInput<A extends CaseAction> = z.input<(typeof casePayloads)[A]>;

export const writeTables = (store: UserStore) => [store.db.cases, store.db.reports, store.db.outbox, store.db.meta];

async function pendingOf(store: UserStore, entity: 'case' | 'report', id: string): Promise<Set<string>> {
  return (await pendingFieldsOf(store.db, [{ entity, id }])).get(recordKey(entity, id)) ?? new Set();
}

/** The changed case and its outbox entry for an action's effect or a field edit. */
async function prepareCaseChange(
  store: UserStore,
  opened: OpenedCase,
  next: CaseRecord,
  touched: readonly string[],
  spec: Parameters<typeof draftMutation>[1],
  now: Date,
): Promise<PreparedCaseChange> {
  const pending = await pendingOf(store, 'case', opened.record.id);
  const row = await sealCaseRow(store.sealing(), next, {
    ...opened,
    serverValues: serverValuesAfterLocalChange(opened.record, opened.serverValues, pending, touched),
  });
  const draft = await draftMutation(store.keys, spec, { caseId: opened.record.id, touched }, now);
  return { kind: 'case', row, isNew: false, record: next, draft, expect: [{ table: 'cases', id: opened.record.id, rev: opened.rev }] };
}

/**
 * Validates a direct edit and prepares it; null when nothing differs from the current values.
 * `baseValues` are the values the officer saw, pending local edits included: mutations reach
 * the server in order, so an earlier unsent edit is the base of the next one.
 */
export async function prepareCaseFieldUpdate(store: UserStore, opened: OpenedCase, patch: Record<string, unknown>, now: Date): Promise<PreparedCaseChange | null> {
  const actor = store.requireActor();
  const before = opened.record;
  if (isReadOnlyRole(actor.role)) throw new ActionRefusedError('read_only', 'Auditor hanya dapat membaca; tidak ada perubahan yang diizinkan.');
  const fields: Record<string, unknown> = {};
  const baseValues: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(patch)) {
    if (!(CASE_EDITABLE_FIELDS as readonly string[]).includes(field)) {
      throw new ActionRefusedError('invalid_body', `Kolom "${field}" tidak dapat diubah langsung.`);
    }
    const editable = field as CaseEditableField;
    if (!CASE_FIELD_EDITORS[editable].includes(actor.role)) throw new ActionRefusedError('forbidden', `Peran Anda tidak dapat mengubah "${field}".`);
    const parsed = caseRecordSchema.shape[editable].safeParse(value);
    if (!parsed.success) throw new ActionRefusedError('invalid_body', firstIssue(parsed.error));
    if (JSON.stringify(parsed.data) === JSON.stringify(before[editable])) continue;
    fields[field] = parsed.data;
    baseValues[field] = before[editable];
  }
  if (actor.role === 'liaison' && !canSeeCase(actor, before, store.requireWorkflowDirectory().units)) {
    throw new ActionRefusedError('forbidden', 'Kasus ini bukan milik unit Anda.');
  }
  const touched = Object.keys(fields);
  if (touched.length === 0) return null;
  const next: CaseRecord = { ...before, ...(fields as CaseFieldPatch), updatedAt: now.toISOString() };
  return prepareCaseChange(store, opened, next, touched, { entity: 'case', entityId: before.id, op: 'update', baseVersion: before.version, fields, baseValues }, now);
}

/** Checks a workflow step against the shared table and prepares it; refusals throw ActionRefusedError. */
export async function prepareCaseAction(
  store: UserStore,
  opened: OpenedCase,
  action: CaseAction,
  payload: unknown,
  now: Date,
  directory: WorkflowDirectory = store.requireWorkflowDirectory(),
): Promise<PreparedCaseChange> {
  const actor = store.requireActor();
  const before = opened.record;
  const reportStatuses = (await store.db.reports.where('caseId').equals(before.id).toArray()).map((r) => r.status);
  const context: CaseContext = { actor, record: before, directory, reportStatuses };
  const check = checkCaseAction(action, context, payload);
  if (!check.ok) throw new ActionRefusedError(check.code, check.reason);
  const effect = applyCaseAction(context, action, check.payload, now.toISOString());
  const next: CaseRecord = { ...before, ...effect, updatedAt: now.toISOString() };
  return prepareCaseChange(store, opened, next, Object.keys(effect), {
    entity: 'case',
    entityId: before.id,
    op: 'action',
    baseVersion: before.version,
    action,
    payload: check.payload,
  }, now);
}

/**
 * Direct edits of title, description, kind, topic (admin) and urgency (admin, liaison).
 * Returns null when nothing differs from the current values (nothing is written).
 */
export async function updateCaseFields(store: UserStore, caseId: string, patch: CaseFieldPatch): Promise<LocalChange<CaseRecord> | null> {
  return runWrite(store.db, writeTables(store), async () => {
    const change = await prepareCaseFieldUpdate(store, await readCase(store, caseId), patch, new Date());
    if (!change) return { expect: [], commit: () => Promise.resolve(null) };
    return { expect: change.expect, commit: async () => ({ mutation: await commitChange(store.db, change), record: change.record }) };
  });
}

/** A workflow step on a case: verify, archive, distribute, answer, accept, assign, unassign, reassign, finish, rate. */
export async function performCaseAction<A extends CaseAction>(
  store: UserStore,
  caseId: string,
  action: A,
  payload: CaseActionInput<A>,
  options: ActionOptions = {},
): Promise<LocalChange<CaseRecord>> {
  return runWrite(store.db, writeTables(store), async () => {
    const change = await prepareCaseAction(store, await readCase(store, caseId), action, payload, new Date(), options.directory);
    return { expect: change.expect, commit: async () => ({ mutation: await commitChange(store.db, change), record: change.record }) };
  });
}

export interface WalkInCaseInput {
  kind: CaseKind;
  title: string;
  description: string;
  /** Phone may be written as 08…, 62… or +62…; it is stored as +62…. */
  reporter?: { name?: string | null; nik?: string | null; kk?: string | null; phone?: string | null; address?: string | null };
  isAnonymous?: boolean;
  isConfidential?: boolean;
  urgency?: 'normal' | 'urgent';
  /** Defaults to the walk-in channel. */
  channel?: string;
  /** Defaults to a new counter ticket (DL-YYYYMMDD-XXXXXX). */
  ticketId?: string;
  receivedAt?: string;
}

function counterTicketId(now: Date): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const random = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(6)), (b) => alphabet[b % alphabet.length]).join('');
  return `DL-${day}-${random}`;
}

/** Fields of a case `create` mutation: the server sets id, status, version, scope and timestamps itself. */
export function caseCreateFields(record: CaseRecord): Record<string, unknown> {
  const { id: _id, status: _s, version: _v, unitId: _u, regionalUnitIds: _r, assigneeIds: _a, createdAt: _c, updatedAt: _up, ...fields } = record;
  return fields;
}

/** Validates a locally created case and prepares its row and `create` mutation. */
export async function prepareCaseCreate(store: UserStore, candidate: CaseRecord, now: Date, expectRev: string | null = null): Promise<PreparedCaseChange> {
  const parsed = caseRecordSchema.safeParse(candidate);
  if (!parsed.success) throw new ActionRefusedError('invalid_body', firstIssue(parsed.error));
  const record = parsed.data;
  const fields = caseCreateFields(record);
  const row = await sealCaseRow(store.sealing(), record, { serverValues: {}, isOnServer: false, hasRejectedChange: false });
  const draft = await draftMutation(store.keys, { entity: 'case', entityId: record.id, op: 'create', baseVersion: null, fields }, { caseId: record.id, touched: Object.keys(fields) }, now);
  return { kind: 'case', row, isNew: expectRev === null, record, draft, expect: [{ table: 'cases', id: record.id, rev: expectRev }] };
}

/**
 * A complaint registered in person at the counter (admin). The case exists locally at once;
 * the server sets its status and version when the `create` mutation arrives. Possible
 * duplicates (same NIK or phone among the cases on this workstation) are listed on it.
 */
export async function registerWalkInCase(store: UserStore, input: WalkInCaseInput): Promise<LocalChange<CaseRecord>> {
  const id = uuidv7();
  return runWrite(store.db, writeTables(store), async () => {
    const actor = store.requireActor();
    if (actor.role !== 'admin') throw new ActionRefusedError('forbidden', 'Hanya admin yang dapat mendaftarkan pengaduan baru.');
    const channel = input.channel ?? 'walk_in';
    if (store.directory && !store.directory.config.channels.some((c) => c.key === channel)) {
      throw new ActionRefusedError('invalid_body', `Kanal "${channel}" tidak dikenal dalam konfigurasi.`);
    }
    let phone: string | null = null;
    if (input.reporter?.phone) {
      const parsedPhone = phoneSchema.safeParse(input.reporter.phone);
      if (!parsedPhone.success) throw new ActionRefusedError('invalid_body', firstIssue(parsedPhone.error));
      phone = parsedPhone.data;
    }
    const reporter = reporterSchema.safeParse({ ...EMPTY_REPORTER, ...input.reporter, phone });
    if (!reporter.success) throw new ActionRefusedError('invalid_body', firstIssue(reporter.error));
    const now = new Date();
    const { nikHash, phoneHash } = await identityHashes(store.keys, reporter.data);
    const duplicates = new Set<string>();
    const mine = { isAnonymous: input.isAnonymous ?? false, isConfidential: input.isConfidential ?? false };
    const matching = [
      ...(nikHash ? await store.db.cases.where('nikHash').equals(nikHash).toArray() : []),
      ...(phoneHash ? await store.db.cases.where('phoneHash').equals(phoneHash).toArray() : []),
    ];
    for (const row of matching) if (mayLinkAsDuplicates(mine, row)) duplicates.add(row.id);
    const change = await prepareCaseCreate(
      store,
      {
        id,
        channel,
        ticketId: input.ticketId ?? counterTicketId(now),
        kind: input.kind,
        topic: null,
        urgency: input.urgency ?? 'normal',
        title: input.title,
        description: input.description,
        reporter: reporter.data,
        isAnonymous: input.isAnonymous ?? false,
        isConfidential: input.isConfidential ?? false,
        receivedAt: input.receivedAt ?? now.toISOString(),
        unitId: null,
        regionalUnitIds: [],
        assigneeIds: [],
        status: 'received',
        resolutionNote: null,
        channelReference: null,
        rating: null,
        distributedAt: null,
        finishedAt: null,
        possibleDuplicateIds: [...duplicates].slice(0, 50),
        version: 1,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      },
      now,
    );
    return { expect: change.expect, commit: async () => ({ mutation: await commitChange(store.db, change), record: change.record }) };
  });
}
