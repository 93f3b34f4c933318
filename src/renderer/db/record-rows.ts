/**
 * Domain records ↔ stored rows. Which fields are sealed is decided here and only here:
 *
 * - case: the reporter (name, NIK, KK, phone, address), `description`, `resolutionNote`;
 * - report: `findings`, `actionsTaken`, `recommendation`, `returnNote`, `beneficiaryChecks`
 *   (their notes) and `corrections` (original, corrected, reason);
 * - event: `changes` (before/after values) and `note`;
 * - attachment: `fileName` (names of scanned KK or ID cards often carry the person's name);
 * - the `serverValues` of pending fields, which may hold any of the above.
 *
 * Everything else stays plaintext for indexes (database.ts says why). NIK and phone are also
 * stored as keyed hashes (`nikHash`, `phoneHash`) for duplicate lookup.
 */
import type {
  AttachmentMeta,
  BeneficiaryCheck,
  CaseEvent,
  CaseRecord,
  FieldChange,
  Reporter,
  ReportCorrection,
  ReportRecord,
} from '../../shared';
import { caseQueueKeys } from './case-queue-keys';
import { keyedHash, openValue, sealValue, type UserKeys } from './encryption';
import type { AttachmentRow, CaseRow, EventRow, Flag, ReportRow } from './database';
import type { DirectorySnapshot } from './directory';

/** Values the server holds for fields that have unsent local changes: field → server value. */
export type ServerValues = Record<string, unknown>;

interface CaseSecret {
  description: string;
  resolutionNote: string | null;
  reporter: Reporter;
  serverValues: ServerValues;
}

interface ReportSecret {
  findings: string;
  actionsTaken: string;
  recommendation: string;
  returnNote: string | null;
  beneficiaryChecks: BeneficiaryCheck[];
  corrections: ReportCorrection[];
  serverValues: ServerValues;
}

interface EventSecret {
  changes: FieldChange[];
  note: string | null;
}

interface AttachmentSecret {
  fileName: string;
}

/** Local bookkeeping that travels with a record but is not part of it. */
export interface ReplicaState {
  serverValues: ServerValues;
  isOnServer: boolean;
  hasRejectedChange: boolean;
}

export interface OpenedCase extends ReplicaState {
  record: CaseRecord;
  leftScopeAt: string | null;
  rev: string;
}

export interface OpenedReport extends ReplicaState {
  record: ReportRecord;
  rev: string;
}

export interface SealingContext {
  keys: UserKeys;
  directory: DirectorySnapshot | null;
}

const flag = (value: boolean): Flag => (value ? 1 : 0);

// A row's revision only has to differ from every earlier one of the same row: a random
// per-process prefix and a counter are cheaper than a UUID per write.
const revisionPrefix = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');
let revisionCounter = 0;
export function newRevision(): string {
  revisionCounter += 1;
  return `${revisionPrefix}-${revisionCounter.toString(36)}`;
}

// The sealed parts are authenticated (AES-GCM): what opens is exactly what this module sealed,
// so the shapes below are known without re-validating them on every read.
const asCaseSecret = (value: unknown) => value as CaseSecret;
const asReportSecret = (value: unknown) => value as ReportSecret;
const asEventSecret = (value: unknown) => value as EventSecret;
const asAttachmentSecret = (value: unknown) => value as AttachmentSecret;

export async function identityHashes(keys: UserKeys, reporter: Reporter): Promise<{ nikHash: string | null; phoneHash: string | null }> {
  const [nikHash, phoneHash] = await Promise.all([
    reporter.nik === null ? null : keyedHash(keys.hashKey, 'nik', reporter.nik),
    reporter.phone === null ? null : keyedHash(keys.hashKey, 'phone', reporter.phone),
  ]);
  return { nikHash, phoneHash };
}

export async function sealCaseRow(
  ctx: SealingContext,
  record: CaseRecord,
  state: ReplicaState & { leftScopeAt?: string | null },
): Promise<CaseRow> {
  const { description, resolutionNote, reporter, ...plain } = record;
  const secret: CaseSecret = { description, resolutionNote, reporter, serverValues: state.serverValues };
  // Encryption and the two keyed hashes are independent: running them together matters on pulls.
  const [sealed, hashes] = await Promise.all([sealValue(ctx.keys.dataKey, 'cases', record.id, record.version, secret), identityHashes(ctx.keys, reporter)]);
  return {
    ...plain,
    sealed,
    ...hashes,
    isOnServer: flag(state.isOnServer),
    hasRejectedChange: flag(state.hasRejectedChange),
    leftScopeAt: state.leftScopeAt ?? null,
    rev: newRevision(),
    ...caseQueueKeys(record, ctx.directory),
  };
}

export async function openCaseRow(keys: UserKeys, row: CaseRow): Promise<OpenedCase> {
  const secret = asCaseSecret(await openValue(keys.dataKey, 'cases', row.id, row.sealed));
  const record: CaseRecord = {
    id: row.id,
    channel: row.channel,
    ticketId: row.ticketId,
    kind: row.kind,
    topic: row.topic,
    urgency: row.urgency,
    title: row.title,
    description: secret.description,
    reporter: secret.reporter,
    isAnonymous: row.isAnonymous,
    isConfidential: row.isConfidential,
    receivedAt: row.receivedAt,
    unitId: row.unitId,
    regionalUnitIds: row.regionalUnitIds,
    assigneeIds: row.assigneeIds,
    status: row.status,
    resolutionNote: secret.resolutionNote,
    channelReference: row.channelReference,
    rating: row.rating,
    distributedAt: row.distributedAt,
    finishedAt: row.finishedAt,
    possibleDuplicateIds: row.possibleDuplicateIds,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
  return {
    record,
    serverValues: secret.serverValues,
    isOnServer: row.isOnServer === 1,
    hasRejectedChange: row.hasRejectedChange === 1,
    leftScopeAt: row.leftScopeAt,
    rev: row.rev,
  };
}

export async function sealReportRow(keys: UserKeys, record: ReportRecord, state: ReplicaState): Promise<ReportRow> {
  const { findings, actionsTaken, recommendation, returnNote, beneficiaryChecks, corrections, ...plain } = record;
  const secret: ReportSecret = {
    findings,
    actionsTaken,
    recommendation,
    returnNote,
    beneficiaryChecks,
    corrections,
    serverValues: state.serverValues,
  };
  return {
    ...plain,
    sealed: await sealValue(keys.dataKey, 'reports', record.id, record.version, secret),
    isOnServer: flag(state.isOnServer),
    hasRejectedChange: flag(state.hasRejectedChange),
    rev: newRevision(),
  };
}

export async function openReportRow(keys: UserKeys, row: ReportRow): Promise<OpenedReport> {
  const secret = asReportSecret(await openValue(keys.dataKey, 'reports', row.id, row.sealed));
  const record: ReportRecord = {
    id: row.id,
    caseId: row.caseId,
    authorId: row.authorId,
    unitId: row.unitId,
    status: row.status,
    visitDate: row.visitDate,
    method: row.method,
    findings: secret.findings,
    actionsTaken: secret.actionsTaken,
    beneficiaryChecks: secret.beneficiaryChecks,
    outcome: row.outcome,
    recommendation: secret.recommendation,
    attachmentIds: row.attachmentIds,
    corrections: secret.corrections,
    returnNote: secret.returnNote,
    submittedAt: row.submittedAt,
    approvedAt: row.approvedAt,
    closedAt: row.closedAt,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
  return {
    record,
    serverValues: secret.serverValues,
    isOnServer: row.isOnServer === 1,
    hasRejectedChange: row.hasRejectedChange === 1,
    rev: row.rev,
  };
}

/** Events never change: their sealing version is always 0. */
export async function sealEventRow(keys: UserKeys, event: CaseEvent): Promise<EventRow> {
  const { changes, note, ...plain } = event;
  const secret: EventSecret = { changes, note };
  return { ...plain, sealed: await sealValue(keys.dataKey, 'events', event.id, 0, secret) };
}

export async function openEventRow(keys: UserKeys, row: EventRow): Promise<CaseEvent> {
  const secret = asEventSecret(await openValue(keys.dataKey, 'events', row.id, row.sealed));
  return {
    id: row.id,
    caseId: row.caseId,
    reportId: row.reportId,
    actorId: row.actorId,
    deviceId: row.deviceId,
    action: row.action,
    at: row.at,
    changes: secret.changes,
    note: secret.note,
  };
}

export type LocalAttachmentState = Pick<AttachmentRow, 'pieces' | 'uploadId' | 'uploadOffset' | 'uploadFailure'>;
export const NO_LOCAL_ATTACHMENT_STATE: LocalAttachmentState = { pieces: null, uploadId: null, uploadOffset: 0, uploadFailure: null };

/** Metadata from the server; a local copy of the bytes and the upload progress are kept. */
export async function sealAttachmentRow(
  keys: UserKeys,
  meta: AttachmentMeta,
  local: LocalAttachmentState = NO_LOCAL_ATTACHMENT_STATE,
): Promise<AttachmentRow> {
  const { fileName, ...plain } = meta;
  const secret: AttachmentSecret = { fileName };
  return { ...plain, sealed: await sealValue(keys.dataKey, 'attachments', meta.id, 0, secret), ...local };
}

export async function openAttachmentRow(keys: UserKeys, row: AttachmentRow): Promise<AttachmentMeta> {
  const secret = asAttachmentSecret(await openValue(keys.dataKey, 'attachments', row.id, row.sealed));
  return {
    id: row.id,
    caseId: row.caseId,
    reportId: row.reportId,
    fileName: secret.fileName,
    mimeType: row.mimeType,
    size: row.size,
    sha256: row.sha256,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    isUploaded: row.isUploaded,
  };
}
