/**
 * Indonesian identity numbers and phone numbers. NIK and KK are 16 digits whose parts carry
 * meaning (region, date, serial); checking the parts catches most typing slips without
 * claiming a number is real. Messages are in Bahasa Indonesia: they reach officers' forms.
 */
import { z } from 'zod';

/** Province codes of Kemendagri (the first two digits of NIK/KK), including Papua's new provinces. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', '16', '17', '18', '19', '21',
  '31', '32', '33', '34', '35', '36',
  '51', '52', '53',
  '61', '62', '63', '64', '65',
  '71', '72', '73', '74', '75', '76',
  '81', '82',
  '91', '92', '93', '94', '95', '96',
]);

export type IdentityProblem =
  | 'empty'
  | 'not_digits'
  | 'wrong_length'
  | 'bad_province'
  | 'bad_date'
  | 'bad_serial';

const PROBLEM_MESSAGES: Record<'nik' | 'kk', Record<IdentityProblem, string>> = {
  nik: {
    empty: 'NIK wajib diisi.',
    not_digits: 'NIK hanya boleh berisi angka.',
    wrong_length: 'NIK harus 16 digit.',
    bad_province: 'Kode provinsi pada NIK (2 digit pertama) tidak dikenal.',
    bad_date: 'Tanggal lahir pada NIK (digit 7–12) tidak mungkin.',
    bad_serial: 'Nomor urut pada NIK (4 digit terakhir) tidak boleh 0000.',
  },
  kk: {
    empty: 'Nomor KK wajib diisi.',
    not_digits: 'Nomor KK hanya boleh berisi angka.',
    wrong_length: 'Nomor KK harus 16 digit.',
    bad_province: 'Kode provinsi pada nomor KK (2 digit pertama) tidak dikenal.',
    bad_date: 'Tanggal terbit pada nomor KK (digit 7–12) tidak mungkin.',
    bad_serial: 'Nomor urut pada nomor KK (4 digit terakhir) tidak boleh 0000.',
  },
};

function isPlausibleDayMonth(day: number, month: number): boolean {
  const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const max = daysInMonth[month - 1];
  return max !== undefined && day >= 1 && day <= max;
}

function checkIdentity(value: string, kind: 'nik' | 'kk'): IdentityProblem | null {
  if (value.length === 0) return 'empty';
  if (!/^\d+$/.test(value)) return 'not_digits';
  if (value.length !== 16) return 'wrong_length';
  if (!PROVINCE_CODES.has(value.slice(0, 2))) return 'bad_province';
  let day = Number(value.slice(6, 8));
  const month = Number(value.slice(8, 10));
  // Women's NIK add 40 to the day of birth.
  if (kind === 'nik' && day > 40) day -= 40;
  if (!isPlausibleDayMonth(day, month)) return 'bad_date';
  if (value.slice(12) === '0000') return 'bad_serial';
  return null;
}

export function nikProblem(value: string): IdentityProblem | null {
  return checkIdentity(value, 'nik');
}

export function kkProblem(value: string): IdentityProblem | null {
  return checkIdentity(value, 'kk');
}

export function identityMessage(kind: 'nik' | 'kk', problem: IdentityProblem): string {
  return PROBLEM_MESSAGES[kind][problem];
}

function identitySchema(kind: 'nik' | 'kk') {
  return z.string().superRefine((value, ctx) => {
    const problem = checkIdentity(value, kind);
    if (problem) ctx.addIssue({ code: 'custom', message: PROBLEM_MESSAGES[kind][problem] });
  });
}

export const nikSchema = identitySchema('nik');
export const kkSchema = identitySchema('kk');

/**
 * Normalises Indonesian phone numbers written as 08…, 62…, +62… (with spaces, dots, dashes or
 * brackets) to +62 followed by the national number. Returns null when it cannot be a number.
 */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s.\-()]/g, '');
  let national: string;
  if (/^\+62\d+$/.test(compact)) national = compact.slice(3);
  else if (/^62\d+$/.test(compact)) national = compact.slice(2);
  else if (/^0\d+$/.test(compact)) national = compact.slice(1);
  else return null;
  if (national.startsWith('0')) return null;
  // Mobile numbers are 8xx with 9–12 digits; landlines are area code + number, 8–11 digits.
  if (national.length < 8 || national.length > 12) return null;
  return `+62${national}`;
}

export const phoneSchema = z
  .string()
  .transform((value, ctx) => {
    const normalized = normalizePhone(value);
    if (normalized === null) {
      ctx.addIssue({
        code: 'custom',
        message: 'Nomor telepon tidak valid; tulis seperti 0812xxxxxxx atau +62812xxxxxxx.',
      });
      return z.NEVER;
    }
    return normalized;
  });

/** A phone already in the stored, normalised form (+62…). */
export const normalizedPhoneSchema = z
  .string()
  .regex(/^\+62[1-9]\d{7,11}$/, 'Nomor telepon harus dalam bentuk +62…');
