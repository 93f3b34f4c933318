/**
 * Masking of personal data for logs and for screens that show a hint but not the value.
 * Log lines never carry a full NIK, KK number, phone number, name or address.
 */

export function maskDigits(value: string, keepStart = 4, keepEnd = 2): string {
  if (value.length <= keepStart + keepEnd) return '*'.repeat(value.length);
  return value.slice(0, keepStart) + '*'.repeat(value.length - keepStart - keepEnd) + value.slice(-keepEnd);
}

export function maskName(value: string): string {
  return value
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => `${part[0] ?? ''}${'*'.repeat(Math.max(part.length - 1, 0))}`)
    .join(' ');
}

export const PERSONAL_KEYS: ReadonlySet<string> = new Set([
  'name',
  'nik',
  'kk',
  'phone',
  'address',
  'password',
  'refreshToken',
  'accessToken',
  'authorization',
]);

// 16-digit identity numbers and Indonesian phone numbers inside free text.
const NIK_LIKE = /\b\d{16}\b/g;
const PHONE_LIKE = /(?:\+62|\b62|\b0)8\d{7,11}\b/g;

export function maskFreeText(text: string): string {
  return text.replace(NIK_LIKE, (m) => maskDigits(m)).replace(PHONE_LIKE, (m) => maskDigits(m, 4, 2));
}

/** A deep copy of `value` safe to log: personal keys masked, identity numbers in strings masked. */
export function maskForLog(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[deep]';
  if (typeof value === 'string') return maskFreeText(value);
  if (Array.isArray(value)) return value.map((item) => maskForLog(item, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (PERSONAL_KEYS.has(key)) {
        if (inner === null || inner === undefined) out[key] = inner;
        else if (typeof inner === 'string' && (key === 'nik' || key === 'kk' || key === 'phone'))
          out[key] = maskDigits(inner);
        else if (typeof inner === 'string' && key === 'name') out[key] = maskName(inner);
        else out[key] = '[hidden]';
      } else {
        out[key] = maskForLog(inner, depth + 1);
      }
    }
    return out;
  }
  return value;
}
