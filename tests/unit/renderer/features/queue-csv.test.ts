import { describe, expect, it } from 'vitest';
import { csvCell, queueCsv, queueCsvFileName } from '../../../../src/renderer/features/queue/queue-csv';
import { createI18n } from '../../../../src/renderer/i18n';
import { UNITS } from '../../../helpers/org-fixture';
import { queueDirectory, queueRow } from './queue-rows';

const directory = queueDirectory;
const row = queueRow;

// Monday 2 November 2026, 10:00 WIB: well before the deadline.
const now = new Date('2026-11-02T03:00:00.000Z');

describe('the queue CSV export', () => {
  it('has a header in the UI language, one line per case, CRLF line ends and a UTF-8 BOM', () => {
    const rows = [row(), row({ ticketId: 'LAPOR-2', topic: null, dueAt: null })];
    const csv = queueCsv(createI18n('id').getFixedT('id'), rows, directory, now);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Tiket,Judul,Status,Topik,Status tenggat',
      'LAPOR-1,Bantuan PKH belum cair,Ditindaklanjuti,PKH (Program Keluarga Harapan),Sesuai jadwal',
      'LAPOR-2,Bantuan PKH belum cair,Ditindaklanjuti,,Tanpa tenggat',
      '',
    ]);
  });

  it('speaks English when the desk does, and marks an overdue case', () => {
    const later = new Date('2026-12-01T03:00:00.000Z');
    const csv = queueCsv(createI18n('en').getFixedT('en'), [row()], directory, later);
    expect(csv.slice(1).split('\r\n')[0]).toBe('Ticket,Title,Status,Topic,Deadline state');
    expect(csv).toContain(',Overdue');
  });

  it('carries no personal data: only the queue index columns', () => {
    const csv = queueCsv(createI18n('id').getFixedT('id'), [row()], directory, now);
    expect(csv.slice(1).split('\r\n')[1]!.split(',')).toHaveLength(5);
    expect(csv).not.toContain(UNITS.workA.id);
  });

  it('quotes commas, quotes and line breaks, and defuses cells that would start a formula', () => {
    expect(csvCell('Bantuan, PKH')).toBe('"Bantuan, PKH"');
    expect(csvCell('Kata "cair"')).toBe('"Kata ""cair"""');
    expect(csvCell('baris\nkedua')).toBe('"baris\nkedua"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+62 812')).toBe("'+62 812");
    expect(csvCell('-')).toBe("'-");
    expect(csvCell('biasa')).toBe('biasa');
  });

  it('names the file after the day in the officer’s zone', () => {
    // 15:30 UTC is 22:30 in Jakarta (WIB) but already 00:30 the next day in Jayapura (WIT).
    const at = new Date('2026-11-25T15:30:00.000Z');
    expect(queueCsvFileName(at, directory, UNITS.workA.id)).toBe('tindak-daftar-kasus-2026-11-25.csv');
    expect(queueCsvFileName(at, directory, UNITS.uptA2.id)).toBe('tindak-daftar-kasus-2026-11-26.csv');
  });
});
