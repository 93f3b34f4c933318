/**
 * Importing a channel's export file (CLI): CSV with a header row, or a JSON array of cases in
 * the shape POST /intake/cases takes (`channel` may be left out). Every case goes through
 * intakeCases, in batches, so a file can be imported again safely: tickets already received
 * come back as `existing`.
 *
 * CSV columns (header names, any order; only the first five are required):
 *   ticketId, kind, title, description, receivedAt, name, nik, kk, phone, address,
 *   isAnonymous, isConfidential, topic, urgency
 * Booleans: true/false, ya/tidak, yes/no, 1/0; empty is false. Empty cells are "none".
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { ServerContext } from '../context';
import { CsvError, parseCsv } from './csv';
import { intakeCases } from './intake';
import { MAX_INTAKE_CASES, type IntakeResult } from './intake-schema';

export const CSV_COLUMNS = [
  'ticketId',
  'kind',
  'title',
  'description',
  'name',
  'nik',
  'kk',
  'phone',
  'address',
  'isAnonymous',
  'isConfidential',
  'receivedAt',
  'topic',
  'urgency',
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

const REQUIRED_COLUMNS: readonly CsvColumn[] = ['ticketId', 'kind', 'title', 'description', 'receivedAt'];
const MAX_FILE_BYTES = 50 * 1024 * 1024;

const BOOLEAN_WORDS: Record<string, boolean> = { true: true, ya: true, yes: true, '1': true, false: false, tidak: false, no: false, '0': false };

/** A result with the file line it came from (CSV: where the record starts; JSON: none, 0). */
export type ImportResult = IntakeResult & { line: number };

export class ImportError extends Error {
  readonly code = 'invalid_body';
}

type Row = { line: number; item: unknown } | { line: number; problem: string };

function toBoolean(value: string): boolean | string {
  const word = value.trim().toLowerCase();
  if (word === '') return false;
  // An unknown word stays a string, so the case is rejected with the schema's own message.
  return BOOLEAN_WORDS[word] ?? value;
}

function rowsFromCsv(text: string, channel: string): Row[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) throw new ImportError(`Berkas CSV tidak dapat dibaca. ${error.message}`);
    throw error;
  }
  const [header, ...data] = records;
  if (!header) throw new ImportError('Berkas CSV kosong.');
  const names = header.fields.map((name) => name.trim());
  const unknown = names.filter((name) => !(CSV_COLUMNS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new ImportError(`Kolom tidak dikenal: ${unknown.join(', ')}. Kolom yang dikenal: ${CSV_COLUMNS.join(', ')}.`);
  const missing = REQUIRED_COLUMNS.filter((name) => !names.includes(name));
  if (missing.length > 0) throw new ImportError(`Kolom wajib tidak ada: ${missing.join(', ')}.`);
  if (new Set(names).size !== names.length) throw new ImportError('Ada nama kolom yang muncul dua kali.');
  const columns = names as CsvColumn[];

  return data.map((record): Row => {
    if (record.fields.length !== columns.length) {
      return { line: record.line, problem: `Baris ${record.line} berisi ${record.fields.length} kolom, seharusnya ${columns.length}.` };
    }
    const cell = new Map(columns.map((name, i) => [name, record.fields[i] ?? '']));
    const text = (name: CsvColumn) => cell.get(name) ?? '';
    return {
      line: record.line,
      item: {
        channel,
        ticketId: text('ticketId'),
        kind: text('kind').trim(),
        title: text('title'),
        description: text('description'),
        reporter: { name: text('name'), nik: text('nik'), kk: text('kk'), phone: text('phone'), address: text('address') },
        isAnonymous: toBoolean(text('isAnonymous')),
        isConfidential: toBoolean(text('isConfidential')),
        receivedAt: text('receivedAt').trim(),
        topic: text('topic').trim(),
        urgency: text('urgency').trim(),
      },
    };
  });
}

function rowsFromJson(text: string, channel: string): Row[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ImportError(`Berkas JSON tidak valid: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new ImportError('Berkas JSON harus berisi satu larik (array) kasus.');
  return parsed.map((item: unknown): Row => ({
    line: 0,
    item: item !== null && typeof item === 'object' && !Array.isArray(item) && !('channel' in item) ? { channel, ...item } : item,
  }));
}

export async function importFile(ctx: ServerContext, path: string, channel: string): Promise<ImportResult[]> {
  if ((await stat(path)).size > MAX_FILE_BYTES) throw new ImportError(`Berkas lebih dari ${MAX_FILE_BYTES / (1024 * 1024)} MB; pecah menjadi beberapa berkas.`);
  const text = await readFile(path, 'utf8');
  const isJson = extname(path).toLowerCase() === '.json' || text.trimStart().startsWith('[');
  const rows = isJson ? rowsFromJson(text, channel) : rowsFromCsv(text, channel);
  const label = `impor berkas ${basename(path)}`;

  const results: ImportResult[] = [];
  const pending: { index: number; line: number; item: unknown }[] = [];
  rows.forEach((row, index) => {
    if ('problem' in row) {
      results[index] = { index, line: row.line, ticketId: null, status: 'rejected', error: { code: 'invalid_body', message: row.problem } };
    } else {
      pending.push({ index, line: row.line, item: row.item });
    }
  });
  for (let start = 0; start < pending.length; start += MAX_INTAKE_CASES) {
    const batch = pending.slice(start, start + MAX_INTAKE_CASES);
    const outcomes = await intakeCases(ctx, channel, batch.map((p) => p.item), label);
    outcomes.forEach((outcome, i) => {
      const source = batch[i];
      if (source) results[source.index] = { ...outcome, index: source.index, line: source.line };
    });
  }
  return results;
}
