/**
 * What channel connectors (LAPOR!, WBS, Jaga Bansos, call centre, SMS, walk-in desks) send to
 * POST /intake/cases, field by field:
 *
 *   { cases: IncomingCase[] }            1–500 per request
 *   IncomingCase
 *     channel          the channel's key; must be the channel of the key used
 *     ticketId         the channel's ticket number; a ticket already received is not created again
 *     kind             complaint | aspiration | information_request
 *     title, description
 *     reporter         optional or null; name, nik, kk, phone, address, each optional (blank = none).
 *                      NIK and KK: 16 digits, spaces/dots/dashes ignored, parts checked;
 *                      phone: any local form (0812…, 62812…, +62 812-…) stored as +62…
 *     isAnonymous, isConfidential   default false
 *     receivedAt       ISO 8601 with offset
 *     urgency          optional; normal | urgent (default: urgent when the topic is urgent)
 *     topic            optional topic key, if the channel already categorised the case
 *
 * The response has one result per case, in order: `created` (with caseId and any
 * possibleDuplicateIds), `existing` (caseId of the case made from that ticket before) or
 * `rejected` (error code and a sentence for the connector's operator). One bad case never
 * blocks the others.
 */
import { z } from 'zod';
import {
  boundedText,
  caseKindSchema,
  configKeySchema,
  errorCodeSchema,
  idSchema,
  isoDateTimeSchema,
  kkSchema,
  nikSchema,
  phoneSchema,
  requiredText,
  urgencySchema,
} from '../../shared';

export const MAX_INTAKE_CASES = 500;

const blankToNull = (value: unknown) => (value === undefined || (typeof value === 'string' && value.trim() === '') ? null : value);
/** Call-centre operators type NIK and KK in groups ("3174 0152 …"): the separators carry nothing. */
const compactDigits = (value: unknown) => (typeof value === 'string' ? value.replace(/[\s.-]/g, '') : value);

export const incomingReporterSchema = z.strictObject({
  name: z.preprocess(blankToNull, boundedText(120, 'Nama pelapor').nullable()),
  nik: z.preprocess((value) => blankToNull(compactDigits(value)), nikSchema.nullable()),
  kk: z.preprocess((value) => blankToNull(compactDigits(value)), kkSchema.nullable()),
  phone: z.preprocess(blankToNull, phoneSchema.nullable()),
  address: z.preprocess(blankToNull, boundedText(500, 'Alamat').nullable()),
});

export const incomingCaseSchema = z.strictObject({
  channel: configKeySchema,
  ticketId: requiredText(64, 'Nomor tiket'),
  kind: caseKindSchema,
  title: requiredText(200, 'Judul'),
  description: requiredText(20_000, 'Uraian'),
  reporter: incomingReporterSchema.nullable().optional(),
  isAnonymous: z.boolean({ error: 'isAnonymous harus true atau false.' }).default(false),
  isConfidential: z.boolean({ error: 'isConfidential harus true atau false.' }).default(false),
  receivedAt: isoDateTimeSchema,
  urgency: z.preprocess(blankToNull, urgencySchema.nullable()).optional(),
  topic: z.preprocess(blankToNull, configKeySchema.nullable()).optional(),
});
export type IncomingCase = z.infer<typeof incomingCaseSchema>;

/** Items are checked one by one (intakeCases), so the envelope takes them as they come. */
export const intakeRequestSchema = z.strictObject({
  cases: z
    .array(z.unknown())
    .min(1, 'Kirim minimal satu kasus.')
    .max(MAX_INTAKE_CASES, `Maksimal ${MAX_INTAKE_CASES} kasus per kiriman.`),
});

export const intakeResultSchema = z.discriminatedUnion('status', [
  z.strictObject({ index: z.number().int(), ticketId: z.string(), status: z.literal('created'), caseId: idSchema, possibleDuplicateIds: z.array(idSchema) }),
  z.strictObject({ index: z.number().int(), ticketId: z.string(), status: z.literal('existing'), caseId: idSchema }),
  z.strictObject({
    index: z.number().int(),
    ticketId: z.string().nullable(),
    status: z.literal('rejected'),
    error: z.strictObject({ code: errorCodeSchema, message: z.string(), details: z.unknown().optional() }),
  }),
]);
export type IntakeResult = z.infer<typeof intakeResultSchema>;

export const intakeResponseSchema = z.strictObject({ results: z.array(intakeResultSchema) });
export type IntakeResponse = z.infer<typeof intakeResponseSchema>;
