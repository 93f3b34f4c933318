import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  caseRecordSchema,
  kkSchema,
  maskForLog,
  mutationSchema,
  nikSchema,
  normalizePhone,
  phoneSchema,
  pushRequestSchema,
  reportRecordSchema,
  reporterFor,
  uuidv7,
  PROTOCOL_VERSION,
} from '../../../src/shared';
import { caseIn, reportIn } from '../../helpers/org-fixture';

function messageOf(result: { success: boolean; error?: { issues: { message: string }[] } }): string {
  return result.error?.issues.map((i) => i.message).join(' | ') ?? '';
}

describe('NIK and KK', () => {
  it.each([
    ['', 'wajib diisi'],
    ['317401520890001', '16 digit'],
    ['31740152089000012', '16 digit'],
    ['3174O15208900001', 'hanya boleh berisi angka'],
    ['3174 15208900001', 'hanya boleh berisi angka'],
    ['9974015208900001', 'Kode provinsi'],
    ['3174013208900001', 'Tanggal lahir'],
    ['3174011513900001', 'Tanggal lahir'],
    ['3174017208900001', 'Tanggal lahir'],
    ['3174015208900000', 'Nomor urut'],
  ])('NIK %j is refused: %s', (value, message) => {
    const result = nikSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(messageOf(result)).toContain(message);
  });

  it('accepts a plausible NIK, including a woman\'s (day + 40)', () => {
    expect(nikSchema.safeParse('3174011208900001').success).toBe(true);
    expect(nikSchema.safeParse('3174015208900001').success).toBe(true);
  });

  it('KK dates are issuance dates: day + 40 is not allowed', () => {
    expect(kkSchema.safeParse('3174012001150003').success).toBe(true);
    expect(messageOf(kkSchema.safeParse('3174015208900001'))).toContain('Tanggal terbit');
  });

  it('refuses anything that is not 16 digits (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (value) => {
        fc.pre(!/^\d{16}$/.test(value));
        expect(nikSchema.safeParse(value).success).toBe(false);
        expect(kkSchema.safeParse(value).success).toBe(false);
      }),
    );
  });
});

describe('phone numbers', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['+62 812 3456 7890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['(021) 3103591', '+62213103591'],
  ])('%j normalises to %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
    expect(phoneSchema.parse(input)).toBe(expected);
  });

  it.each(['', '12345', '+1 415 555 0100', '00812345678', '08123', '0812345678901234', 'nomor saya 0812'])('%j is refused with a clear message', (input) => {
    const result = phoneSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(messageOf(result)).toContain('Nomor telepon tidak valid');
  });
});

describe('case and report records', () => {
  it('a well-formed case passes', () => {
    expect(caseRecordSchema.safeParse(caseIn('received')).success).toBe(true);
  });

  it('unknown fields are refused', () => {
    const result = caseRecordSchema.safeParse({ ...caseIn('received'), isVip: true });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('isVip');
  });

  it('empty and oversized text are refused with the field named', () => {
    expect(messageOf(caseRecordSchema.safeParse({ ...caseIn('received'), title: '   ' }))).toContain('Judul wajib diisi');
    expect(messageOf(caseRecordSchema.safeParse({ ...caseIn('received'), title: 'x'.repeat(201) }))).toContain('Judul terlalu panjang');
    expect(messageOf(caseRecordSchema.safeParse({ ...caseIn('received'), description: 'x'.repeat(20_001) }))).toContain('Uraian terlalu panjang');
  });

  it('a reporter NIK with letters is refused inside the case', () => {
    const bad = caseIn('received', { reporter: { ...caseIn('received').reporter, nik: '31740152O8900001' } });
    expect(messageOf(caseRecordSchema.safeParse(bad))).toContain('NIK hanya boleh berisi angka');
  });

  it('a stored phone must be normalised', () => {
    const bad = caseIn('received', { reporter: { ...caseIn('received').reporter, phone: '081234567890' } });
    expect(messageOf(caseRecordSchema.safeParse(bad))).toContain('+62');
  });

  it('a report with an unknown outcome is refused in Bahasa Indonesia', () => {
    expect(reportRecordSchema.safeParse(reportIn('submitted')).success).toBe(true);
    const result = reportRecordSchema.safeParse({ ...reportIn('submitted'), outcome: 'fixed' });
    expect(messageOf(result)).toContain('Hasil penanganan tidak dikenal');
  });
});

describe('sync messages', () => {
  const mutation = () => ({
    mutationId: uuidv7(),
    seq: 1,
    entity: 'case',
    entityId: caseIn('received').id,
    op: 'update',
    baseVersion: 1,
    fields: { title: 'Judul baru' },
    baseValues: { title: 'Judul lama' },
    createdAt: new Date().toISOString(),
  });

  it('a mutation needs a UUIDv7 id and a positive sequence', () => {
    expect(mutationSchema.safeParse(mutation()).success).toBe(true);
    expect(mutationSchema.safeParse({ ...mutation(), mutationId: crypto.randomUUID() }).success).toBe(false);
    expect(mutationSchema.safeParse({ ...mutation(), seq: 0 }).success).toBe(false);
    expect(mutationSchema.safeParse({ ...mutation(), extra: 1 }).success).toBe(false);
  });

  it('a push must name the protocol version and hold 1..500 mutations', () => {
    const base = { protocolVersion: PROTOCOL_VERSION, deviceId: 'device-0001', mutations: [mutation()] };
    expect(pushRequestSchema.safeParse(base).success).toBe(true);
    expect(pushRequestSchema.safeParse({ ...base, protocolVersion: 99 }).success).toBe(false);
    expect(pushRequestSchema.safeParse({ ...base, mutations: [] }).success).toBe(false);
    expect(pushRequestSchema.safeParse({ ...base, deviceId: 'x' }).success).toBe(false);
  });

  it('UUIDv7 ids sort by creation', () => {
    const ids = Array.from({ length: 2000 }, () => uuidv7());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('personal data', () => {
  it('confidential reporters are hidden from field staff and shown to the liaison officer', () => {
    const record = caseIn('in_follow_up', { isConfidential: true });
    expect(reporterFor('field_worker', record)).toEqual({ name: null, nik: null, kk: null, phone: null, address: null });
    expect(reporterFor('liaison', record).nik).toBe(record.reporter.nik);
  });

  it('anonymous reporters are hidden from everyone', () => {
    const record = caseIn('in_follow_up', { isAnonymous: true });
    for (const role of ['admin', 'liaison', 'auditor'] as const) expect(reporterFor(role, record).name).toBeNull();
  });

  it('logs never carry a full NIK, KK, phone or name', () => {
    const record = caseIn('received');
    const logged = JSON.stringify(maskForLog({ case: record, note: `NIK ${record.reporter.nik}, telp 081234567890` }));
    for (const secret of [record.reporter.nik!, record.reporter.kk!, record.reporter.phone!, '081234567890', 'Siti Aminah', 'Salemba']) {
      expect(logged).not.toContain(secret);
    }
  });
});
