import { describe, expect, it } from 'vitest';
import { ageOf, formatBytes, formatDateTime, formatTime } from '../../../../src/renderer/features/format';

describe('dates, ages and sizes for officers', () => {
  it('writes times in Indonesian format, in the unit’s own zone', () => {
    const at = '2026-11-24T02:30:00.000Z';
    expect(formatDateTime(at, 'WIB', 'id')).toBe('24 Nov 2026, 09.30 WIB');
    expect(formatDateTime(at, 'WITA', 'id')).toBe('24 Nov 2026, 10.30 WITA');
    expect(formatDateTime(at, 'WIT', 'id')).toBe('24 Nov 2026, 11.30 WIT');
    expect(formatDateTime(at, 'WIB', 'en')).toBe('24 Nov 2026, 09:30 WIB');
    expect(formatTime(new Date(at), 'WITA', 'id')).toBe('10.30.00 WITA');
  });

  it('says how long ago in the largest whole unit', () => {
    expect(ageOf(30_000)).toEqual({ unit: 'justNow', count: 0 });
    expect(ageOf(5 * 60_000)).toEqual({ unit: 'minutes', count: 5 });
    expect(ageOf(3 * 3_600_000 + 59 * 60_000)).toEqual({ unit: 'hours', count: 3 });
    expect(ageOf(49 * 3_600_000)).toEqual({ unit: 'days', count: 2 });
  });

  it('sizes bytes for the next-push preview', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1_536)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
