/**
 * A small RFC 4180 reader for intake exports (spreadsheets saved as CSV by the call centre or
 * a walk-in desk): comma-separated, fields optionally in double quotes, `""` inside quotes is
 * one quote, quoted fields may hold commas and line breaks. CRLF and LF both end a record; a
 * UTF-8 byte-order mark (Excel writes one) is dropped. Each record keeps the line it starts
 * on, so a rejection can point an officer at the right row.
 */

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  constructor(readonly line: number, message: string) {
    super(`Baris ${line}: ${message}`);
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let isQuoted = false;
  /** The current field began with a quote and the closing quote has been seen. */
  let wasQuoted = false;

  const endField = () => {
    fields.push(field);
    field = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    // A blank line (one empty, unquoted field) is not a record.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };

  for (let i = 0; i < input.length; i += 1) {
    const char = input[i];
    if (isQuoted) {
      if (char === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 1;
        } else {
          isQuoted = false;
          wasQuoted = true;
        }
      } else {
        if (char === '\n') line += 1;
        field += char;
      }
      continue;
    }
    if (char === ',') {
      endField();
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else if (char === '"') {
      if (field !== '' || wasQuoted) throw new CsvError(line, 'tanda kutip (") di tengah kolom; apit seluruh kolom dengan kutip.');
      isQuoted = true;
    } else {
      if (wasQuoted) throw new CsvError(line, 'ada teks setelah kutip penutup; apit seluruh kolom dengan kutip.');
      field += char;
    }
  }
  if (isQuoted) throw new CsvError(recordLine, 'kutip pembuka tanpa kutip penutup.');
  if (field !== '' || wasQuoted || fields.length > 0) endRecord();
  return records;
}
