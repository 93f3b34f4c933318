/**
 * A handling report (laporan penanganan) written by field staff or a regional unit, checked
 * and possibly corrected by the liaison officer, closed by the unit head.
 */
import { z } from 'zod';
import { boundedText, configKeySchema, idSchema, isoDateSchema, isoDateTimeSchema } from './common';

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'closed'] as const;
export const reportStatusSchema = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof reportStatusSchema>;

export const VISIT_METHODS = ['home_visit', 'phone', 'office_meeting', 'document_check', 'other'] as const;
export const visitMethodSchema = z.enum(VISIT_METHODS, { error: 'Metode penanganan tidak dikenal.' });

export const OUTCOMES = ['resolved', 'partly_resolved', 'not_resolved', 'referred'] as const;
export const outcomeSchema = z.enum(OUTCOMES, { error: 'Hasil penanganan tidak dikenal.' });

export const BENEFICIARY_STATUSES = ['registered', 'not_registered', 'active', 'inactive', 'unknown'] as const;

export const beneficiaryCheckSchema = z.strictObject({
  program: configKeySchema,
  status: z.enum(BENEFICIARY_STATUSES, { error: 'Status kepesertaan tidak dikenal.' }),
  note: boundedText(500, 'Catatan pemeriksaan').nullable(),
});
export type BeneficiaryCheck = z.infer<typeof beneficiaryCheckSchema>;

/** Report fields the author writes and the liaison officer may correct. */
export const REPORT_CONTENT_FIELDS = [
  'visitDate',
  'method',
  'findings',
  'actionsTaken',
  'beneficiaryChecks',
  'outcome',
  'recommendation',
] as const;
export type ReportContentField = (typeof REPORT_CONTENT_FIELDS)[number];

export const reportCorrectionSchema = z.strictObject({
  field: z.enum(REPORT_CONTENT_FIELDS),
  original: z.unknown(),
  corrected: z.unknown(),
  reason: boundedText(1_000, 'Alasan koreksi').min(1, 'Alasan koreksi wajib diisi.'),
  correctedBy: idSchema,
  correctedAt: isoDateTimeSchema,
});
export type ReportCorrection = z.infer<typeof reportCorrectionSchema>;

export const reportContentSchema = z.strictObject({
  visitDate: isoDateSchema.nullable(),
  method: visitMethodSchema.nullable(),
  findings: boundedText(20_000, 'Temuan'),
  actionsTaken: boundedText(20_000, 'Tindakan'),
  beneficiaryChecks: z.array(beneficiaryCheckSchema).max(20),
  outcome: outcomeSchema.nullable(),
  recommendation: boundedText(5_000, 'Rekomendasi'),
});
export type ReportContent = z.infer<typeof reportContentSchema>;

export const reportRecordSchema = z.strictObject({
  id: idSchema,
  caseId: idSchema,
  authorId: idSchema,
  unitId: idSchema,
  status: reportStatusSchema,
  ...reportContentSchema.shape,
  attachmentIds: z.array(idSchema).max(50),
  corrections: z.array(reportCorrectionSchema).max(200),
  returnNote: boundedText(2_000, 'Catatan pengembalian').nullable(),
  submittedAt: isoDateTimeSchema.nullable(),
  approvedAt: isoDateTimeSchema.nullable(),
  closedAt: isoDateTimeSchema.nullable(),
  version: z.number().int().min(1),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type ReportRecord = z.infer<typeof reportRecordSchema>;

/** How a refusal names the fields a submission needs (Bahasa Indonesia, as the report form labels them). */
export const SUBMISSION_FIELD_LABELS: Record<'visitDate' | 'method' | 'findings' | 'actionsTaken' | 'outcome', string> = {
  visitDate: 'tanggal kunjungan',
  method: 'metode',
  findings: 'temuan',
  actionsTaken: 'tindakan yang dilakukan',
  outcome: 'hasil',
};

/** What a report must hold before it can be submitted (drafts may be incomplete). */
export function missingForSubmission(report: ReportContent): (keyof typeof SUBMISSION_FIELD_LABELS)[] {
  const missing: (keyof typeof SUBMISSION_FIELD_LABELS)[] = [];
  if (!report.visitDate) missing.push('visitDate');
  if (!report.method) missing.push('method');
  if (report.findings.trim() === '') missing.push('findings');
  if (report.actionsTaken.trim() === '') missing.push('actionsTaken');
  if (!report.outcome) missing.push('outcome');
  return missing;
}
