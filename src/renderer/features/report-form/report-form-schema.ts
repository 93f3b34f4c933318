/**
 * The handling-report form's values and their schema, built from the shared report schema so
 * the form checks exactly what the store and the server check (messages in Bahasa
 * Indonesia come from the shared schemas). Selects and dates are strings in a form; an empty
 * one means "not filled yet", which a draft allows and submission does not.
 */
import { z } from 'zod';
import {
  BENEFICIARY_STATUSES,
  configKeySchema,
  isoDateSchema,
  missingForSubmission,
  outcomeSchema,
  reportContentSchema,
  visitMethodSchema,
  type ReportContent,
  type ReportContentField,
} from '../../../shared';

const empty = z.literal('');

export const reportFormSchema = z.object({
  visitDate: z.union([empty, isoDateSchema]),
  method: z.union([empty, visitMethodSchema]),
  findings: reportContentSchema.shape.findings,
  actionsTaken: reportContentSchema.shape.actionsTaken,
  outcome: z.union([empty, outcomeSchema]),
  recommendation: reportContentSchema.shape.recommendation,
  checks: z.array(
    z.object({
      program: configKeySchema,
      status: z.union([empty, z.enum(BENEFICIARY_STATUSES, { error: 'Status kepesertaan tidak dikenal.' })]),
      note: z.string().trim().max(500, 'Catatan pemeriksaan terlalu panjang (maks. 500 karakter).'),
    }),
  ),
});

export type ReportFormValues = z.input<typeof reportFormSchema>;

/** The form's values for a report, with one beneficiary-check row per configured programme. */
export function formValuesOf(report: ReportContent, programs: readonly string[]): ReportFormValues {
  return {
    visitDate: report.visitDate ?? '',
    method: report.method ?? '',
    findings: report.findings,
    actionsTaken: report.actionsTaken,
    outcome: report.outcome ?? '',
    recommendation: report.recommendation,
    checks: programs.map((program) => {
      const found = report.beneficiaryChecks.find((c) => c.program === program);
      return { program, status: found?.status ?? '', note: found?.note ?? '' };
    }),
  };
}

/** The report content the form's (valid) values stand for. */
export function reportContentOf(values: z.output<typeof reportFormSchema>): ReportContent {
  return {
    visitDate: values.visitDate === '' ? null : values.visitDate,
    method: values.method === '' ? null : values.method,
    findings: values.findings,
    actionsTaken: values.actionsTaken,
    outcome: values.outcome === '' ? null : values.outcome,
    recommendation: values.recommendation,
    beneficiaryChecks: values.checks.flatMap((check) =>
      check.status === ''
        ? []
        : [{ program: check.program, status: check.status, note: check.note === '' ? null : check.note }],
    ),
  };
}

/** The content fields of a report, as the record holds them. */
export function contentOf(report: ReportContent): ReportContent {
  const { visitDate, method, findings, actionsTaken, outcome, recommendation, beneficiaryChecks } = report;
  return { visitDate, method, findings, actionsTaken, outcome, recommendation, beneficiaryChecks };
}

/**
 * A report's content as the form would save it unchanged (the same normalisation as
 * reportContentOf), so that comparing with it finds only what the officer changed.
 */
export function loadedContent(report: ReportContent, programs: readonly string[]): ReportContent {
  const parsed = reportFormSchema.safeParse(formValuesOf(report, programs));
  return parsed.success ? reportContentOf(parsed.data) : report;
}

/** Fields still empty that submission needs (shared rule), for the form's messages. */
export function missingFields(content: ReportContent): ReportContentField[] {
  return missingForSubmission(content);
}
