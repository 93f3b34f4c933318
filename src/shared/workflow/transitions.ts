/**
 * The workflow as data: one table for the case lifecycle and one for the handling report's,
 * following the nine steps of the Kemensos service standard (DOMAIN.md). The UI shows exactly
 * the actions `availableCaseActions`/`availableReportActions` return; the client checks an
 * action with `checkCaseAction`/`checkReportAction` before saving it locally; the server runs
 * the same check, authoritatively, on every pushed mutation.
 *
 * A row: from, action, to, roles, `guard` (may this actor act on this record at all; no input
 * needed, so the UI can decide which buttons to show) and `payload` (the input's schema), with
 * an optional `check` for input that depends on the organisation (who may be assigned).
 */
import { z } from 'zod';
import type { ErrorCode } from '../errors';
import { isReadOnlyRole } from '../domain/access';
import { caseKindSchema, urgencySchema, type CaseEditableField, type CaseRecord, type CaseStatus } from '../domain/case';
import { boundedText, configKeySchema, idSchema, requiredText } from '../domain/common';
import { isWithinUnit, type Actor, type Role, type UnitDirectory } from '../domain/org';
import {
  REPORT_CONTENT_FIELDS,
  SUBMISSION_FIELD_LABELS,
  missingForSubmission,
  reportContentSchema,
  type ReportRecord,
  type ReportStatus,
} from '../domain/report';

/** `system` acts on timers (auto-close); it is never a person's role. */
export type WorkflowRole = Role | 'system';

export interface WorkflowActor extends Omit<Actor, 'role'> {
  role: WorkflowRole;
}

export interface Person {
  id: string;
  role: Role;
  unitId: string;
  isActive: boolean;
}

export interface WorkflowDirectory {
  units: UnitDirectory;
  person(userId: string): Person | undefined;
  channelReportsBack(channel: string): boolean;
  topicExists(topic: string): boolean;
}

export type GuardResult = { ok: true } | { ok: false; code: ErrorCode; reason: string };

const ok: GuardResult = { ok: true };
const refuse = (reason: string, code: ErrorCode = 'guard_failed'): GuardResult => ({ ok: false, code, reason });

// ---------------------------------------------------------------------------------------------
// Case lifecycle
// ---------------------------------------------------------------------------------------------

export interface CaseContext {
  actor: WorkflowActor;
  record: CaseRecord;
  directory: WorkflowDirectory;
  /** Statuses of the case's reports, for the finishing guard. */
  reportStatuses: readonly ReportStatus[];
}

export const casePayloads = {
  verify: z.strictObject({ topic: configKeySchema, kind: caseKindSchema.optional(), urgency: urgencySchema.optional() }),
  archive: z.strictObject({ reason: requiredText(5_000, 'Alasan pengarsipan') }),
  distribute: z.strictObject({ unitId: idSchema, regionalUnitIds: z.array(idSchema).max(50).default([]) }),
  answer: z.strictObject({ answer: requiredText(5_000, 'Jawaban normatif') }),
  accept: z.strictObject({}),
  assign: z
    .strictObject({
      regionalUnitIds: z.array(idSchema).max(50).default([]),
      assigneeIds: z.array(idSchema).max(50).default([]),
    })
    .refine((p) => p.regionalUnitIds.length + p.assigneeIds.length > 0, 'Pilih minimal satu UPT atau petugas.'),
  unassign: z
    .strictObject({
      regionalUnitIds: z.array(idSchema).max(50).default([]),
      assigneeIds: z.array(idSchema).max(50).default([]),
    })
    .refine((p) => p.regionalUnitIds.length + p.assigneeIds.length > 0, 'Pilih minimal satu UPT atau petugas.'),
  reassign: z.strictObject({
    unitId: idSchema,
    regionalUnitIds: z.array(idSchema).max(50).default([]),
    reason: requiredText(2_000, 'Alasan pengalihan'),
  }),
  finish: z.strictObject({
    note: requiredText(5_000, 'Catatan penyelesaian'),
    channelReference: boundedText(120, 'Referensi kanal').nullable().default(null),
  }),
  rate: z.strictObject({ rating: z.number().int().min(1, 'Nilai 1–5.').max(5, 'Nilai 1–5.') }),
  auto_close: z.strictObject({}),
} as const;

export type CaseAction = keyof typeof casePayloads;
export type CasePayload<A extends CaseAction> = z.output<(typeof casePayloads)[A]>;
export const CASE_ACTIONS = Object.keys(casePayloads) as CaseAction[];

export interface CaseTransition<A extends CaseAction = CaseAction> {
  from: CaseStatus;
  action: A;
  to: CaseStatus;
  roles: readonly WorkflowRole[];
  guard: (ctx: CaseContext) => GuardResult;
  check?: (ctx: CaseContext, payload: CasePayload<A>) => GuardResult;
  /** The fields the action sets, besides `status`. */
  effect: (record: CaseRecord, payload: CasePayload<A>, now: string) => Partial<CaseRecord>;
}

const ownWorkUnit = (ctx: CaseContext): GuardResult =>
  ctx.record.unitId !== null && isWithinUnit(ctx.directory.units, ctx.record.unitId, ctx.actor.unitId)
    ? ok
    : refuse('Kasus ini bukan milik unit Anda.', 'forbidden');

const uptOfCase = (ctx: CaseContext): GuardResult =>
  ctx.record.regionalUnitIds.includes(ctx.actor.unitId) ? ok : refuse('Kasus ini tidak ditugaskan ke UPT Anda.', 'forbidden');

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];
const without = (a: readonly string[], b: readonly string[]) => a.filter((id) => !b.includes(id));

function checkDistribution(ctx: CaseContext, p: { unitId: string; regionalUnitIds: readonly string[] }): GuardResult {
  const unit = ctx.directory.units.get(p.unitId);
  if (!unit || unit.kind !== 'work_unit') return refuse('Tujuan distribusi harus unit kerja penanggung jawab.');
  const stray = p.regionalUnitIds.find((id) => {
    const upt = ctx.directory.units.get(id);
    return !upt || upt.kind !== 'regional' || upt.parentId !== p.unitId;
  });
  return stray ? refuse('Tembusan hanya untuk UPT di bawah unit kerja tujuan.') : ok;
}

function checkUnassignment(ctx: CaseContext, p: CasePayload<'unassign'>): GuardResult {
  if (ctx.actor.role === 'upt_staff' && p.regionalUnitIds.length > 0) {
    return refuse('UPT hanya dapat melepas penugasan SDM Kesos.', 'forbidden');
  }
  if (p.regionalUnitIds.some((id) => !ctx.record.regionalUnitIds.includes(id)) || p.assigneeIds.some((id) => !ctx.record.assigneeIds.includes(id))) {
    return refuse('Yang dilepas tidak sedang ditugaskan pada kasus ini.');
  }
  if (ctx.actor.role === 'upt_staff') {
    const foreign = p.assigneeIds.find((id) => {
      const person = ctx.directory.person(id);
      return !person || !isWithinUnit(ctx.directory.units, person.unitId, ctx.actor.unitId);
    });
    if (foreign) return refuse('UPT hanya dapat melepas petugas di unitnya sendiri.', 'forbidden');
  }
  return ok;
}

function checkAssignment(ctx: CaseContext, payload: CasePayload<'assign'>): GuardResult {
  const { units } = ctx.directory;
  // A liaison officer may assign the UPTs under the work unit and field staff of the work
  // unit or its UPTs; a UPT may assign only its own field staff, and no other UPT.
  const scopeUnit = ctx.actor.unitId;
  if (ctx.actor.role === 'upt_staff' && payload.regionalUnitIds.some((id) => id !== scopeUnit)) {
    return refuse('UPT hanya dapat menugaskan SDM Kesos di unitnya sendiri.', 'forbidden');
  }
  for (const unitId of payload.regionalUnitIds) {
    const unit = units.get(unitId);
    if (!unit || unit.kind !== 'regional' || !isWithinUnit(units, unitId, scopeUnit)) {
      return refuse('UPT yang dipilih tidak berada di bawah unit Anda.');
    }
  }
  for (const userId of payload.assigneeIds) {
    const person = ctx.directory.person(userId);
    if (!person || !person.isActive || person.role !== 'field_worker') {
      return refuse('Petugas yang dipilih bukan SDM Kesos aktif.');
    }
    if (!isWithinUnit(units, person.unitId, scopeUnit)) {
      return refuse('Petugas yang dipilih tidak berada di unit Anda.');
    }
  }
  return ok;
}

export const CASE_TRANSITIONS: readonly CaseTransition[] = [
  {
    from: 'received',
    action: 'verify',
    to: 'verified',
    roles: ['admin'],
    guard: () => ok,
    check: (ctx, p: CasePayload<'verify'>) =>
      ctx.directory.topicExists(p.topic) ? ok : refuse('Topik tidak dikenal dalam konfigurasi.'),
    effect: (record, p: CasePayload<'verify'>) => ({
      topic: p.topic,
      kind: p.kind ?? record.kind,
      urgency: p.urgency ?? record.urgency,
    }),
  } satisfies CaseTransition<'verify'>,
  {
    from: 'received',
    action: 'archive',
    to: 'archived',
    roles: ['admin'],
    guard: () => ok,
    effect: (_r, p: CasePayload<'archive'>) => ({ resolutionNote: p.reason }),
  } satisfies CaseTransition<'archive'>,
  {
    from: 'verified',
    action: 'distribute',
    to: 'distributed',
    roles: ['admin'],
    guard: () => ok,
    check: checkDistribution,
    effect: (_r, p: CasePayload<'distribute'>, now) => ({
      unitId: p.unitId,
      regionalUnitIds: p.regionalUnitIds,
      distributedAt: now,
    }),
  } satisfies CaseTransition<'distribute'>,
  {
    from: 'verified',
    action: 'answer',
    to: 'answered',
    roles: ['admin'],
    guard: () => ok,
    effect: (_r, p: CasePayload<'answer'>) => ({ resolutionNote: p.answer }),
  } satisfies CaseTransition<'answer'>,
  {
    from: 'distributed',
    action: 'accept',
    to: 'in_follow_up',
    roles: ['liaison'],
    guard: ownWorkUnit,
    effect: () => ({}),
  } satisfies CaseTransition<'accept'>,
  {
    from: 'in_follow_up',
    action: 'assign',
    to: 'in_follow_up',
    roles: ['liaison'],
    guard: ownWorkUnit,
    check: checkAssignment,
    effect: (r, p: CasePayload<'assign'>) => ({
      regionalUnitIds: union(r.regionalUnitIds, p.regionalUnitIds),
      assigneeIds: union(r.assigneeIds, p.assigneeIds),
    }),
  } satisfies CaseTransition<'assign'>,
  {
    from: 'in_follow_up',
    action: 'assign',
    to: 'in_follow_up',
    roles: ['upt_staff'],
    guard: uptOfCase,
    check: checkAssignment,
    effect: (r, p: CasePayload<'assign'>) => ({ assigneeIds: union(r.assigneeIds, p.assigneeIds) }),
  } satisfies CaseTransition<'assign'>,
  {
    from: 'in_follow_up',
    action: 'unassign',
    to: 'in_follow_up',
    roles: ['liaison'],
    guard: ownWorkUnit,
    check: checkUnassignment,
    effect: (r, p: CasePayload<'unassign'>) => ({
      regionalUnitIds: without(r.regionalUnitIds, p.regionalUnitIds),
      assigneeIds: without(r.assigneeIds, p.assigneeIds),
    }),
  } satisfies CaseTransition<'unassign'>,
  {
    from: 'in_follow_up',
    action: 'unassign',
    to: 'in_follow_up',
    roles: ['upt_staff'],
    guard: uptOfCase,
    check: checkUnassignment,
    effect: (r, p: CasePayload<'unassign'>) => ({ assigneeIds: without(r.assigneeIds, p.assigneeIds) }),
  } satisfies CaseTransition<'unassign'>,
  ...(['distributed', 'in_follow_up'] as const).map(
    (from) =>
      ({
        from,
        action: 'reassign',
        to: 'distributed',
        roles: ['admin'],
        guard: () => ok,
        check: (ctx, p: CasePayload<'reassign'>) =>
          p.unitId === ctx.record.unitId ? refuse('Unit tujuan sama dengan unit sekarang.') : checkDistribution(ctx, p),
        effect: (_r, p: CasePayload<'reassign'>, now) => ({
          unitId: p.unitId,
          regionalUnitIds: p.regionalUnitIds,
          assigneeIds: [],
          distributedAt: now,
        }),
      }) satisfies CaseTransition<'reassign'>,
  ),
  {
    from: 'in_follow_up',
    action: 'finish',
    to: 'finished',
    roles: ['liaison'],
    guard: (ctx) => {
      const own = ownWorkUnit(ctx);
      if (!own.ok) return own;
      if (!ctx.reportStatuses.includes('closed')) return refuse('Belum ada laporan penanganan yang ditutup pimpinan.');
      if (ctx.reportStatuses.some((s) => s === 'submitted' || s === 'approved')) {
        return refuse('Masih ada laporan yang belum selesai diperiksa atau ditutup.');
      }
      return ok;
    },
    check: (ctx, p: CasePayload<'finish'>) =>
      ctx.directory.channelReportsBack(ctx.record.channel) && !p.channelReference
        ? refuse('Isi referensi laporan status pada kanal sumber (mis. nomor tindak lanjut LAPOR!).')
        : ok,
    effect: (_r, p: CasePayload<'finish'>, now) => ({
      resolutionNote: p.note,
      channelReference: p.channelReference,
      finishedAt: now,
    }),
  } satisfies CaseTransition<'finish'>,
  {
    from: 'finished',
    action: 'rate',
    to: 'rated',
    roles: ['liaison'],
    guard: ownWorkUnit,
    effect: (_r, p: CasePayload<'rate'>) => ({ rating: p.rating }),
  } satisfies CaseTransition<'rate'>,
  {
    from: 'finished',
    action: 'auto_close',
    to: 'auto_closed',
    roles: ['system'],
    guard: () => ok,
    effect: () => ({}),
  } satisfies CaseTransition<'auto_close'>,
] as readonly CaseTransition[];

// ---------------------------------------------------------------------------------------------
// Handling-report lifecycle
// ---------------------------------------------------------------------------------------------

export interface ReportContext {
  actor: WorkflowActor;
  /** null when the report is being created. */
  report: ReportRecord | null;
  caseRecord: CaseRecord;
  directory: WorkflowDirectory;
}

const reportContentPatch = reportContentSchema.partial();

export const reportPayloads = {
  create: reportContentPatch,
  edit: reportContentPatch,
  submit: z.strictObject({}),
  resubmit: z.strictObject({}),
  correct: z.strictObject({
    field: z.enum(REPORT_CONTENT_FIELDS, { error: 'Kolom yang dikoreksi tidak dikenal.' }),
    value: z.unknown(),
    reason: requiredText(1_000, 'Alasan koreksi'),
  }),
  return: z.strictObject({ note: requiredText(2_000, 'Catatan pengembalian') }),
  approve: z.strictObject({}),
  close: z.strictObject({}),
} as const;

export type ReportAction = keyof typeof reportPayloads;
export type ReportPayload<A extends ReportAction> = z.output<(typeof reportPayloads)[A]>;
export const REPORT_ACTIONS = Object.keys(reportPayloads) as ReportAction[];

export interface ReportTransition<A extends ReportAction = ReportAction> {
  /** null: the action creates the report. */
  from: ReportStatus | null;
  action: A;
  to: ReportStatus;
  roles: readonly WorkflowRole[];
  guard: (ctx: ReportContext) => GuardResult;
  check?: (ctx: ReportContext, payload: ReportPayload<A>) => GuardResult;
}

const caseInFollowUp = (ctx: ReportContext): GuardResult =>
  ctx.caseRecord.status === 'in_follow_up' ? ok : refuse('Kasus tidak sedang dalam tindak lanjut.', 'transition_not_allowed');

const mayWriteReport = (ctx: ReportContext): GuardResult => {
  const inFollowUp = caseInFollowUp(ctx);
  if (!inFollowUp.ok) return inFollowUp;
  const { actor, caseRecord } = ctx;
  if (actor.role === 'field_worker' && !caseRecord.assigneeIds.includes(actor.userId)) {
    return refuse('Anda tidak ditugaskan pada kasus ini.', 'forbidden');
  }
  if (actor.role === 'upt_staff' && !caseRecord.regionalUnitIds.includes(actor.unitId)) {
    return refuse('Kasus ini tidak ditugaskan ke UPT Anda.', 'forbidden');
  }
  return ok;
};

const isAuthor = (ctx: ReportContext): GuardResult => {
  const base = mayWriteReport(ctx);
  if (!base.ok) return base;
  return ctx.report?.authorId === ctx.actor.userId ? ok : refuse('Hanya penulis laporan yang dapat mengubahnya.', 'forbidden');
};

const completeForSubmission = (ctx: ReportContext): GuardResult => {
  const base = isAuthor(ctx);
  if (!base.ok || !ctx.report) return base;
  const missing = missingForSubmission(ctx.report);
  return missing.length === 0 ? ok : refuse(`Lengkapi dulu: ${missing.map((field) => SUBMISSION_FIELD_LABELS[field]).join(', ')}.`);
};

const liaisonOfCase = (ctx: ReportContext): GuardResult =>
  ctx.caseRecord.unitId !== null && isWithinUnit(ctx.directory.units, ctx.caseRecord.unitId, ctx.actor.unitId)
    ? ok
    : refuse('Kasus ini bukan milik unit Anda.', 'forbidden');

const WRITERS: readonly WorkflowRole[] = ['field_worker', 'upt_staff'];

export const REPORT_TRANSITIONS: readonly ReportTransition[] = [
  { from: null, action: 'create', to: 'draft', roles: WRITERS, guard: mayWriteReport },
  { from: 'draft', action: 'edit', to: 'draft', roles: WRITERS, guard: isAuthor },
  { from: 'returned', action: 'edit', to: 'returned', roles: WRITERS, guard: isAuthor },
  // The author may still amend a submitted report until it is reviewed; a concurrent
  // correction by the liaison officer then meets the amendment as a conflict, never silently.
  { from: 'submitted', action: 'edit', to: 'submitted', roles: WRITERS, guard: isAuthor },
  { from: 'draft', action: 'submit', to: 'submitted', roles: WRITERS, guard: completeForSubmission },
  { from: 'returned', action: 'resubmit', to: 'submitted', roles: WRITERS, guard: completeForSubmission },
  {
    from: 'submitted',
    action: 'correct',
    to: 'submitted',
    roles: ['liaison'],
    guard: liaisonOfCase,
    check: (ctx, p: ReportPayload<'correct'>) => {
      const parsed = reportContentPatch.safeParse({ [p.field]: p.value });
      if (!parsed.success) return refuse(parsed.error.issues[0]?.message ?? 'Nilai koreksi tidak valid.');
      const before = ctx.report ? ctx.report[p.field] : undefined;
      return JSON.stringify(before) === JSON.stringify(p.value) ? refuse('Nilai koreksi sama dengan aslinya.') : ok;
    },
  } satisfies ReportTransition<'correct'>,
  { from: 'submitted', action: 'return', to: 'returned', roles: ['liaison'], guard: liaisonOfCase },
  { from: 'submitted', action: 'approve', to: 'approved', roles: ['liaison'], guard: liaisonOfCase },
  { from: 'approved', action: 'close', to: 'closed', roles: ['unit_head'], guard: liaisonOfCase },
] as readonly ReportTransition[];

// ---------------------------------------------------------------------------------------------
// Checking
// ---------------------------------------------------------------------------------------------

export type CheckResult<P> = { ok: true; to: string; payload: P } | { ok: false; code: ErrorCode; reason: string };

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Data tidak valid.';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

function runRow<P>(
  rows: readonly { roles: readonly WorkflowRole[] }[],
  actorRole: WorkflowRole,
  label: string,
  evaluate: (row: (typeof rows)[number]) => CheckResult<P>,
): CheckResult<P> {
  if (actorRole !== 'system' && isReadOnlyRole(actorRole)) {
    return { ok: false, code: 'read_only', reason: 'Auditor hanya dapat membaca; tidak ada perubahan yang diizinkan.' };
  }
  if (rows.length === 0) {
    return { ok: false, code: 'transition_not_allowed', reason: `Langkah "${label}" tidak tersedia pada status ini.` };
  }
  const row = rows.find((r) => r.roles.includes(actorRole));
  if (!row) return { ok: false, code: 'forbidden', reason: `Peran Anda tidak dapat melakukan "${label}".` };
  return evaluate(row);
}

export function caseTransitionsFrom(status: CaseStatus, action: CaseAction): readonly CaseTransition[] {
  return CASE_TRANSITIONS.filter((row) => row.from === status && row.action === action);
}

export function checkCaseAction(
  action: CaseAction,
  ctx: CaseContext,
  rawPayload: unknown,
): CheckResult<CasePayload<CaseAction>> {
  const rows = caseTransitionsFrom(ctx.record.status, action);
  return runRow(rows, ctx.actor.role, action, (row) => {
    const transition = row as CaseTransition;
    const guard = transition.guard(ctx);
    if (!guard.ok) return guard;
    const parsed = casePayloads[action].safeParse(rawPayload ?? {});
    if (!parsed.success) return { ok: false, code: 'invalid_body', reason: firstIssue(parsed.error) };
    const checked = transition.check?.(ctx, parsed.data as never) ?? ok;
    if (!checked.ok) return checked;
    return { ok: true, to: transition.to, payload: parsed.data };
  });
}

/** The record after an action that `checkCaseAction` allowed. */
export function applyCaseAction(
  ctx: CaseContext,
  action: CaseAction,
  payload: CasePayload<CaseAction>,
  now: string,
): Partial<CaseRecord> & { status: CaseStatus } {
  const row = caseTransitionsFrom(ctx.record.status, action).find((r) => r.roles.includes(ctx.actor.role));
  if (!row) throw new Error(`applyCaseAction: ${action} is not allowed from ${ctx.record.status}`);
  return { ...row.effect(ctx.record, payload as never, now), status: row.to };
}

/** The case actions the UI offers this actor now (input is asked for afterwards). */
export function availableCaseActions(ctx: CaseContext): CaseAction[] {
  if (ctx.actor.role !== 'system' && isReadOnlyRole(ctx.actor.role)) return [];
  const actions = CASE_TRANSITIONS.filter(
    (row) => row.from === ctx.record.status && row.roles.includes(ctx.actor.role) && row.guard(ctx).ok,
  ).map((row) => row.action);
  return [...new Set(actions)];
}

export function reportTransitionsFrom(status: ReportStatus | null, action: ReportAction): readonly ReportTransition[] {
  return REPORT_TRANSITIONS.filter((row) => row.from === status && row.action === action);
}

export function checkReportAction(
  action: ReportAction,
  ctx: ReportContext,
  rawPayload: unknown,
): CheckResult<ReportPayload<ReportAction>> {
  const rows = reportTransitionsFrom(ctx.report?.status ?? null, action);
  return runRow(rows, ctx.actor.role, action, (row) => {
    const transition = row as ReportTransition;
    const guard = transition.guard(ctx);
    if (!guard.ok) return guard;
    const parsed = reportPayloads[action].safeParse(rawPayload ?? {});
    if (!parsed.success) return { ok: false, code: 'invalid_body', reason: firstIssue(parsed.error) };
    const checked = transition.check?.(ctx, parsed.data as never) ?? ok;
    if (!checked.ok) return checked;
    return { ok: true, to: transition.to, payload: parsed.data };
  });
}

export function availableReportActions(ctx: ReportContext): ReportAction[] {
  if (ctx.actor.role !== 'system' && isReadOnlyRole(ctx.actor.role)) return [];
  const status = ctx.report?.status ?? null;
  const actions = REPORT_TRANSITIONS.filter(
    (row) => row.from === status && row.roles.includes(ctx.actor.role) && row.guard(ctx).ok,
  ).map((row) => row.action);
  return [...new Set(actions)];
}

/**
 * Who may edit which case field directly; everything else moves through actions. The client
 * refuses early with it, the server decides with it.
 */
export const CASE_FIELD_EDITORS: Readonly<Record<CaseEditableField, readonly Role[]>> = {
  title: ['admin'],
  description: ['admin'],
  kind: ['admin'],
  topic: ['admin'],
  urgency: ['admin', 'liaison'],
};

/**
 * What a report step sets besides `status`, for a step `checkReportAction` allowed. The server
 * applies it authoritatively; the client applies the same so its copy looks like the server's
 * until the next pull confirms it. A correction keeps the officer's original beside it.
 */
export function reportActionEffect(
  action: ReportAction,
  payload: ReportPayload<ReportAction>,
  before: ReportRecord,
  actorUserId: string,
  now: string,
): Partial<ReportRecord> {
  switch (action) {
    case 'submit':
    case 'resubmit':
      return { submittedAt: now, returnNote: null };
    case 'return':
      return { returnNote: (payload as ReportPayload<'return'>).note };
    case 'approve':
      return { approvedAt: now };
    case 'close':
      return { closedAt: now };
    case 'correct': {
      const p = payload as ReportPayload<'correct'>;
      return {
        [p.field]: p.value,
        corrections: [...before.corrections, { field: p.field, original: before[p.field], corrected: p.value, reason: p.reason, correctedBy: actorUserId, correctedAt: now }],
      } as Partial<ReportRecord>;
    }
    case 'create':
    case 'edit':
      return {};
  }
}
