/**
 * The case summary and the handling report as the platform prints them (PrintableDocument,
 * src/preload/schemas.ts). Personal data goes through the same role rule as the screen
 * (reporterFor), and identity numbers are always masked: a printout leaves the desk, so it
 * carries no more than the case detail shows before "Tampilkan nomor". Long texts are cut to
 * the schema's limits with a visible mark rather than making the print fail.
 */
import type { TFunction } from 'i18next';
import {
  REPORTER_FIELDS,
  maskDigits,
  privacyOf,
  reporterFor,
  type CaseRecord,
  type OUTCOMES,
  type ReportContentField,
  type ReportRecord,
  type Role,
  type VISIT_METHODS,
} from '../../../shared';
import type { PrintableDocument } from '../../platform';

type Field = PrintableDocument['fields'][number];
type Section = PrintableDocument['sections'][number];

/** What every printout shares: language, letterhead and when it was printed. */
export interface PrintFrame {
  readonly language: PrintableDocument['language'];
  readonly letterhead: PrintableDocument['letterhead'];
  readonly printedAt: string;
}

/** The schema's limits (printableDocumentSchema), so a long text is cut, not refused. */
const LIMIT = { title: 200, label: 100, value: 2_000, heading: 200, body: 10_000 } as const;
const CUT_MARK = ' […]';

export function clip(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - CUT_MARK.length).trimEnd()}${CUT_MARK}`;
}

/** The ticket as a file-name-safe reference (the schema allows letters, digits and . _ / -). */
export function printReference(ticketId: string): string {
  const safe = ticketId.trim().replace(/[^A-Za-z0-9._/-]/g, '-').slice(0, 64);
  return safe === '' ? 'kasus' : safe;
}

const field = (label: string, value: string): Field => ({
  label: clip(label, LIMIT.label),
  value: clip(value, LIMIT.value),
});
const section = (heading: string, body: string): Section => ({
  heading: clip(heading, LIMIT.heading),
  body: clip(body, LIMIT.body),
});

/** The reporter as the screen shows this role, numbers masked; hidden fields say so. */
export function reporterPrintFields(t: TFunction, record: CaseRecord, role: Role): Field[] {
  const visible = reporterFor(role, record);
  const privacy = privacyOf(record);
  const notice =
    privacy === 'anonymous'
      ? [field(t('case.reporter.title'), t('case.reporter.anonymous'))]
      : privacy === 'confidential'
        ? [field(t('case.reporter.title'), t('case.reporter.confidential'))]
        : [];
  return [
    ...notice,
    ...REPORTER_FIELDS.map((name) => {
      const value = visible[name];
      const isNumber = name === 'nik' || name === 'kk' || name === 'phone';
      const shown = value === null ? t('case.reporter.hidden') : isNumber ? maskDigits(value) : value;
      return field(`${t('case.reporter.title')}: ${t(`case.reporter.${name}`)}`, shown);
    }),
  ];
}

/** Names the case detail has already resolved from the directory. */
export interface CaseSummaryFacts {
  readonly channel: string;
  readonly topic: string;
  readonly unit: string;
  readonly regionalUnits: string;
  readonly assignees: string;
  readonly receivedAt: string;
  readonly deadline: string;
}

export function caseSummaryDocument(
  t: TFunction,
  frame: PrintFrame,
  { record, role, facts }: { record: CaseRecord; role: Role; facts: CaseSummaryFacts },
): PrintableDocument {
  const optional = (label: string, value: string | null | undefined): Field[] =>
    value ? [field(label, value)] : [];
  return {
    kind: 'caseSummary',
    ...frame,
    title: clip(`${t('print.caseSummaryTitle')}: ${record.title}`, LIMIT.title),
    reference: printReference(record.ticketId),
    fields: [
      field(t('queue.filter.status'), t(`status.${record.status}`)),
      field(t('case.channel'), facts.channel),
      field(t('case.kind'), t(`kind.${record.kind}`)),
      field(t('case.topic'), facts.topic),
      field(t('case.urgency'), t(`urgency.${record.urgency}`)),
      field(t('case.receivedAt'), facts.receivedAt),
      field(t('queue.columns.deadline'), facts.deadline),
      field(t('case.unit'), facts.unit),
      field(t('case.regionalUnits'), facts.regionalUnits),
      field(t('case.assignees'), facts.assignees),
      ...optional(t('case.channelReference'), record.channelReference),
      ...optional(t('case.rating'), record.rating === null ? null : String(record.rating)),
      ...reporterPrintFields(t, record, role),
    ],
    sections: [
      section(t('case.description'), record.description),
      ...(record.resolutionNote ? [section(t('case.resolutionNote'), record.resolutionNote)] : []),
    ],
  };
}

/** A report field's value as the report card shows it. */
export function reportValueText(t: TFunction, name: ReportContentField, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('case.noneValue');
  if (name === 'method' && typeof value === 'string')
    return t(`report.methods.${value as (typeof VISIT_METHODS)[number]}`);
  if (name === 'outcome' && typeof value === 'string')
    return t(`report.outcomes.${value as (typeof OUTCOMES)[number]}`);
  if (name === 'beneficiaryChecks' && Array.isArray(value)) {
    return value
      .map(
        (c: { program: string; status: string; note: string | null }) =>
          `${c.program.toUpperCase()}: ${t(`report.beneficiary.${c.status as 'unknown'}`)}${c.note ? ` (${c.note})` : ''}`,
      )
      .join('; ');
  }
  return String(value);
}

/** Long free texts print as sections; the rest as fields. */
const REPORT_SECTIONS: readonly ReportContentField[] = ['findings', 'actionsTaken', 'recommendation'];

export function handlingReportDocument(
  t: TFunction,
  frame: PrintFrame,
  {
    caseRecord,
    report,
    index,
    author,
  }: { caseRecord: CaseRecord; report: ReportRecord; index: number; author: string },
): PrintableDocument {
  const value = (name: ReportContentField) => reportValueText(t, name, report[name]);
  const corrections = report.corrections.map(
    (c) =>
      `${t('report.correctionLine', { field: t(`report.fields.${c.field}`), reason: c.reason })}\n` +
      `${t('report.original')}: ${reportValueText(t, c.field, c.original)}\n` +
      `${t('report.corrected')}: ${reportValueText(t, c.field, c.corrected)}`,
  );
  return {
    kind: 'handlingReport',
    ...frame,
    title: clip(`${t('report.title', { n: index + 1 })}: ${caseRecord.title}`, LIMIT.title),
    reference: printReference(caseRecord.ticketId),
    fields: [
      field(t('print.reportStatus'), t(`report.statuses.${report.status}`)),
      field(t('print.reportAuthor'), author || t('case.noneValue')),
      ...(['visitDate', 'method', 'beneficiaryChecks', 'outcome'] as const).map((name) =>
        field(t(`report.fields.${name}`), value(name)),
      ),
    ],
    sections: [
      ...REPORT_SECTIONS.map((name) => section(t(`report.fields.${name}`), value(name))),
      ...(corrections.length > 0 ? [section(t('report.corrections'), corrections.join('\n\n'))] : []),
    ],
  };
}
