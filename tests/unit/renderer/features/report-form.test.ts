import { describe, expect, it } from 'vitest';
import type { ReportContent } from '../../../../src/shared';
import { scaledSize } from '../../../../src/renderer/features/report-form/image-downscale';
import {
  formValuesOf,
  missingFields,
  reportContentOf,
  reportFormSchema,
} from '../../../../src/renderer/features/report-form/report-form-schema';

const empty: ReportContent = {
  visitDate: null,
  method: null,
  findings: '',
  actionsTaken: '',
  beneficiaryChecks: [],
  outcome: null,
  recommendation: '',
};

describe('the handling report form', () => {
  it('round-trips a report through the form values, one check row per programme', () => {
    const content: ReportContent = {
      visitDate: '2026-11-24',
      method: 'home_visit',
      findings: 'Rekening KKS belum aktif.',
      actionsTaken: 'Pendampingan aktivasi.',
      beneficiaryChecks: [{ program: 'pkh', status: 'active', note: null }],
      outcome: 'resolved',
      recommendation: '',
    };
    const values = formValuesOf(content, ['dtks', 'pkh', 'bpnt']);
    expect(values.checks).toEqual([
      { program: 'dtks', status: '', note: '' },
      { program: 'pkh', status: 'active', note: '' },
      { program: 'bpnt', status: '', note: '' },
    ]);
    expect(reportContentOf(reportFormSchema.parse(values))).toEqual(content);
  });

  it('lets a draft be empty but names what submission needs', () => {
    const values = formValuesOf(empty, ['pkh']);
    const content = reportContentOf(reportFormSchema.parse(values));
    expect(content).toEqual(empty);
    expect(missingFields(content)).toEqual(['visitDate', 'method', 'findings', 'actionsTaken', 'outcome']);
  });

  it('refuses invalid values with the shared schemas’ Indonesian messages', () => {
    const values = { ...formValuesOf(empty, []), visitDate: '24-11-2026', findings: 'x'.repeat(20_001) };
    const result = reportFormSchema.safeParse(values);
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContain('findings: Temuan terlalu panjang (maks. 20000 karakter).');
    expect(messages?.some((m) => m.startsWith('visitDate:'))).toBe(true);
  });
});

describe('photo downscaling', () => {
  it('keeps small images and fits large ones within 1,600 px on the long side', () => {
    expect(scaledSize(1200, 900)).toEqual({ width: 1200, height: 900 });
    expect(scaledSize(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(scaledSize(3000, 4000)).toEqual({ width: 1200, height: 1600 });
  });
});
