import { describe, expect, it } from 'vitest';
import {
  EMPTY_WALK_IN,
  walkInFormSchema,
  walkInInputOf,
} from '../../../../src/renderer/features/walk-in/walk-in-schema';

const filled = {
  ...EMPTY_WALK_IN,
  title: 'BPNT tidak diterima',
  description: 'Pelapor datang membawa fotokopi KK.',
  name: 'Dewi Lestari',
  nik: '3273015505850007',
  phone: '0813 2222 3333',
};

describe('the walk-in counter form', () => {
  it('passes the identity as typed (the store normalises the phone) and leaves empty fields out', () => {
    expect(walkInInputOf(walkInFormSchema.parse(filled))).toEqual({
      kind: 'complaint',
      urgency: 'normal',
      title: 'BPNT tidak diterima',
      description: 'Pelapor datang membawa fotokopi KK.',
      reporter: {
        name: 'Dewi Lestari',
        nik: '3273015505850007',
        kk: null,
        phone: '0813 2222 3333',
        address: null,
      },
      isAnonymous: false,
      isConfidential: false,
    });
  });

  it('writes down no identity for an anonymous reporter', () => {
    expect(walkInInputOf(walkInFormSchema.parse({ ...filled, isAnonymous: true })).reporter).toEqual({});
  });

  it('refuses a malformed NIK, KK or phone with the shared Indonesian messages', () => {
    const result = walkInFormSchema.safeParse({
      ...filled,
      nik: '3273015505',
      kk: '9973015505850007',
      phone: '12345',
      title: '',
    });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(messages['title']).toBe('Judul wajib diisi.');
    expect(messages['nik']).toBe('NIK harus 16 digit.');
    expect(messages['kk']).toBe('Kode provinsi pada nomor KK (2 digit pertama) tidak dikenal.');
    expect(messages['phone']).toMatch(/^Nomor telepon tidak valid/);
  });
});
