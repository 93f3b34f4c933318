import { describe, expect, it } from 'vitest';
import { printableDocumentSchema } from '../../../../src/preload/schemas';
import {
  caseSummaryDocument,
  clip,
  handlingReportDocument,
  printReference,
  type CaseSummaryFacts,
  type PrintFrame,
} from '../../../../src/renderer/features/case/printable-documents';
import { createI18n } from '../../../../src/renderer/i18n';
import type { CaseRecord, Role } from '../../../../src/shared';
import { PEOPLE, caseIn, reportIn } from '../../../helpers/org-fixture';

const t = createI18n('id').getFixedT('id');

const frame: PrintFrame = {
  language: 'id',
  letterhead: {
    organisation: 'Kementerian Sosial Republik Indonesia',
    unit: 'Direktorat A',
    address: 'Jakarta',
  },
  printedAt: '25 Nov 2026 10.00 WIB',
};

const facts: CaseSummaryFacts = {
  channel: 'SP4N-LAPOR!',
  topic: 'PKH (Program Keluarga Harapan)',
  unit: 'Direktorat A',
  regionalUnits: 'UPT A1',
  assignees: 'Petugas A1',
  receivedAt: '2 Nov 2026 09.00 WIB',
  deadline: 'Sesuai jadwal, 27 Nov 2026 17.00 WIB',
};

const summary = (record: CaseRecord, role: Role) => caseSummaryDocument(t, frame, { record, role, facts });
const valueOf = (document: ReturnType<typeof summary>, label: string) =>
  document.fields.find((f) => f.label === label)?.value;

describe('the printed case summary', () => {
  it('is a valid printable document with the case facts', () => {
    const document = summary(caseIn('in_follow_up', { ticketId: 'LAPOR-77' }), 'liaison');
    expect(printableDocumentSchema.parse(document)).toEqual(document);
    expect(document.kind).toBe('caseSummary');
    expect(document.reference).toBe('LAPOR-77');
    expect(document.title).toBe('Ringkasan kasus: Bantuan PKH belum cair');
    expect(valueOf(document, 'Status')).toBe('Ditindaklanjuti');
    expect(valueOf(document, 'Tenggat')).toBe(facts.deadline);
    expect(document.sections[0]).toEqual({
      heading: 'Uraian',
      body: 'Pelapor belum menerima bantuan PKH tahap ketiga.',
    });
  });

  it('shows the reporter as the screen does: name in full, numbers masked even for the liaison', () => {
    const document = summary(caseIn('in_follow_up'), 'liaison');
    expect(valueOf(document, 'Pelapor: Nama')).toBe('Siti Aminah');
    expect(valueOf(document, 'Pelapor: NIK')).toBe('3174**********01');
    expect(valueOf(document, 'Pelapor: Nomor KK')).toBe('3174**********03');
    expect(JSON.stringify(document)).not.toContain('3174015208900001');
    expect(JSON.stringify(document)).not.toContain('+6281234567890');
  });

  it('prints no identity of a confidential reporter for a field worker, and says why', () => {
    const document = summary(caseIn('in_follow_up', { isConfidential: true }), 'field_worker');
    for (const label of ['Nama', 'NIK', 'Nomor KK', 'Telepon', 'Alamat'])
      expect(valueOf(document, `Pelapor: ${label}`)).toBe('Disembunyikan');
    expect(valueOf(document, 'Pelapor')).toMatch(/^Pelapor rahasia/);
    expect(JSON.stringify(document)).not.toContain('Siti Aminah');
    expect(JSON.stringify(document)).not.toContain('Salemba');
  });

  it('gives a unit head only the name of an open reporter', () => {
    const document = summary(caseIn('in_follow_up'), 'unit_head');
    expect(valueOf(document, 'Pelapor: Nama')).toBe('Siti Aminah');
    expect(valueOf(document, 'Pelapor: Alamat')).toBe('Disembunyikan');
  });

  it('cuts texts longer than the print limits with a visible mark instead of failing', () => {
    const document = summary(caseIn('in_follow_up', { description: 'a'.repeat(20_000) }), 'admin');
    expect(printableDocumentSchema.safeParse(document).success).toBe(true);
    expect(document.sections[0]!.body).toHaveLength(10_000);
    expect(document.sections[0]!.body.endsWith(' […]')).toBe(true);
    expect(clip('  pendek  ', 10)).toBe('pendek');
  });

  it('makes any ticket a reference the print schema accepts', () => {
    expect(printReference('LAPOR-123')).toBe('LAPOR-123');
    expect(printReference('CC 171#9')).toBe('CC-171-9');
    expect(printReference('   ')).toBe('kasus');
  });
});

describe('the printed handling report', () => {
  it('carries the content, the author and the liaison officer’s corrections', () => {
    const report = reportIn('submitted', {
      corrections: [
        {
          field: 'findings',
          original: 'Rekening belum aktif.',
          corrected: 'Rekening KKS belum aktif.',
          reason: 'Jenis rekening',
          correctedBy: PEOPLE.liaisonA.id,
          correctedAt: '2026-11-05T02:00:00.000Z',
        },
      ],
    });
    const document = handlingReportDocument(t, frame, {
      caseRecord: caseIn('in_follow_up', { ticketId: 'LAPOR-9' }),
      report,
      index: 0,
      author: 'Petugas A1',
    });
    expect(printableDocumentSchema.parse(document)).toEqual(document);
    expect(document.kind).toBe('handlingReport');
    expect(document.title).toBe('Laporan 1: Bantuan PKH belum cair');
    expect(document.reference).toBe('LAPOR-9');
    expect(document.fields).toContainEqual({ label: 'Status laporan', value: 'Dikirim' });
    expect(document.fields).toContainEqual({ label: 'Penulis', value: 'Petugas A1' });
    expect(document.fields).toContainEqual({ label: 'Pemeriksaan kepesertaan', value: 'PKH: Aktif' });
    expect(document.sections.map((s) => s.heading)).toEqual([
      'Temuan',
      'Tindakan yang dilakukan',
      'Rekomendasi',
      'Koreksi (perubahan terlacak)',
    ]);
    expect(document.sections[3]!.body).toContain('Asli: Rekening belum aktif.');
    expect(document.sections[3]!.body).toContain('Koreksi: Rekening KKS belum aktif.');
  });
});
