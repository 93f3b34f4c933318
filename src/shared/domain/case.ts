/**
 * A case: one complaint, aspiration or information request from one channel, as the unit
 * offices follow it up. Channels and topics are configuration keys, not enums.
 */
import { z } from 'zod';
import { boundedText, configKeySchema, idSchema, isoDateTimeSchema, requiredText } from './common';
import { kkSchema, nikSchema, normalizedPhoneSchema } from './identity';

export const CASE_KINDS = ['complaint', 'aspiration', 'information_request'] as const;
export const caseKindSchema = z.enum(CASE_KINDS, { error: 'Jenis laporan tidak dikenal.' });
export type CaseKind = z.infer<typeof caseKindSchema>;

export const urgencySchema = z.enum(['normal', 'urgent'], { error: 'Urgensi harus normal atau urgent.' });

export const CASE_STATUSES = [
  'received',
  'verified',
  'archived',
  'distributed',
  'answered',
  'in_follow_up',
  'finished',
  'rated',
  'auto_closed',
] as const;
export const caseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

/** Statuses after which nothing more happens to a case. */
export const TERMINAL_CASE_STATUSES: ReadonlySet<CaseStatus> = new Set(['archived', 'answered', 'rated', 'auto_closed']);

/** The reporter's personal data. Every field is optional: anonymous reports carry none. */
export const reporterSchema = z.strictObject({
  name: boundedText(120, 'Nama pelapor').nullable(),
  nik: nikSchema.nullable(),
  kk: kkSchema.nullable(),
  phone: normalizedPhoneSchema.nullable(),
  address: boundedText(500, 'Alamat').nullable(),
});
export type Reporter = z.infer<typeof reporterSchema>;

export const REPORTER_FIELDS = ['name', 'nik', 'kk', 'phone', 'address'] as const satisfies readonly (keyof Reporter)[];
export type ReporterField = (typeof REPORTER_FIELDS)[number];

export const EMPTY_REPORTER: Reporter = { name: null, nik: null, kk: null, phone: null, address: null };

export const caseRecordSchema = z.strictObject({
  id: idSchema,
  channel: configKeySchema,
  ticketId: requiredText(64, 'Nomor tiket'),
  kind: caseKindSchema,
  topic: configKeySchema.nullable(),
  urgency: urgencySchema,
  title: requiredText(200, 'Judul'),
  description: requiredText(20_000, 'Uraian'),
  reporter: reporterSchema,
  isAnonymous: z.boolean(),
  isConfidential: z.boolean(),
  receivedAt: isoDateTimeSchema,
  /** The responsible work unit, set on distribution. */
  unitId: idSchema.nullable(),
  /** Regional units (UPT) that received a copy or were assigned. */
  regionalUnitIds: z.array(idSchema).max(50),
  /** Field staff assigned to visit. */
  assigneeIds: z.array(idSchema).max(50),
  status: caseStatusSchema,
  /** Archive reason, normative answer, or finishing note, depending on the status. */
  resolutionNote: boundedText(5_000, 'Catatan').nullable(),
  /** The reference of the status report on the source channel (LAPOR! follow-up id, …). */
  channelReference: boundedText(120, 'Referensi kanal').nullable(),
  rating: z.number().int().min(1).max(5).nullable(),
  distributedAt: isoDateTimeSchema.nullable(),
  finishedAt: isoDateTimeSchema.nullable(),
  possibleDuplicateIds: z.array(idSchema).max(50),
  version: z.number().int().min(1),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type CaseRecord = z.infer<typeof caseRecordSchema>;

/** Fields an update mutation may change directly; everything else moves only through actions. */
export const CASE_EDITABLE_FIELDS = ['title', 'description', 'urgency', 'topic', 'kind'] as const;
export type CaseEditableField = (typeof CASE_EDITABLE_FIELDS)[number];
