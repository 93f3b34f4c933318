import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONFIG,
  addWorkingDays,
  computeDeadlines,
  deadlineState,
  isWorkingInstant,
  localDate,
  workingCalendar,
  workingDaysBetween,
  type TimeZone,
} from '../../../src/shared';

const ZONES: TimeZone[] = ['WIB', 'WITA', 'WIT'];
const HOLIDAYS = DEFAULT_CONFIG.holidays;

const instant = fc.date({ min: new Date('2025-06-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true });
const zone = fc.constantFrom(...ZONES);
const days = fc.integer({ min: 0, max: 40 });

describe('working-day clock (properties)', () => {
  it('a deadline never falls on a weekend or a holiday, in its own zone', () => {
    fc.assert(
      fc.property(instant, zone, days, (start, z, n) => {
        const calendar = workingCalendar(z, HOLIDAYS);
        const deadline = addWorkingDays(start, n, calendar);
        expect(isWorkingInstant(deadline, calendar)).toBe(true);
        const weekday = new Date(`${localDate(deadline, z)}T00:00:00Z`).getUTCDay();
        expect([0, 6]).not.toContain(weekday);
        expect(HOLIDAYS).not.toContain(localDate(deadline, z));
      }),
    );
  });

  it('is the last millisecond of a local day', () => {
    fc.assert(
      fc.property(instant, zone, days, (start, z, n) => {
        const deadline = addWorkingDays(start, n, workingCalendar(z, HOLIDAYS));
        expect(localDate(new Date(deadline.getTime() + 1), z)).not.toBe(localDate(deadline, z));
      }),
    );
  });

  it('adding days is monotonic in the days and in the start', () => {
    fc.assert(
      fc.property(instant, instant, zone, days, days, (a, b, z, m, n) => {
        const calendar = workingCalendar(z, HOLIDAYS);
        const [early, late] = a <= b ? [a, b] : [b, a];
        const [few, many] = m <= n ? [m, n] : [n, m];
        expect(addWorkingDays(early, few, calendar).getTime()).toBeLessThanOrEqual(addWorkingDays(early, many, calendar).getTime());
        expect(addWorkingDays(early, few, calendar).getTime()).toBeLessThanOrEqual(addWorkingDays(late, few, calendar).getTime());
        // From one day up, every extra working day moves the deadline (0 and 1 coincide when
        // the start is not a working day: both are the end of the next working day).
        if (few >= 1 && few < many) {
          expect(addWorkingDays(early, few, calendar).getTime()).toBeLessThan(addWorkingDays(early, many, calendar).getTime());
        }
      }),
    );
  });

  it('counts back: exactly n working days lie between the start and its deadline', () => {
    fc.assert(
      fc.property(instant, zone, fc.integer({ min: 1, max: 40 }), (start, z, n) => {
        const calendar = workingCalendar(z, HOLIDAYS);
        expect(workingDaysBetween(start, addWorkingDays(start, n, calendar), calendar)).toBe(n);
      }),
    );
  });

  it('a deadline is never earlier than its start', () => {
    fc.assert(
      fc.property(instant, zone, days, (start, z, n) => {
        expect(addWorkingDays(start, n, workingCalendar(z, HOLIDAYS)).getTime()).toBeGreaterThan(start.getTime());
      }),
    );
  });
});

describe('working-day clock (examples)', () => {
  const wib = workingCalendar('WIB');
  const wit = workingCalendar('WIT');

  it('Friday 16:00 WIT: 3 working days is Wednesday, end of day in Jayapura', () => {
    // 2026-11-20 is a Friday. 16:00 WIT = 07:00 UTC.
    const received = new Date('2026-11-20T07:00:00Z');
    expect(addWorkingDays(received, 3, wit).toISOString()).toBe('2026-11-25T14:59:59.999Z');
    // The same instant is 14:00 WIB, also Friday: same local date, but the day ends 2 hours later.
    expect(addWorkingDays(received, 3, wib).toISOString()).toBe('2026-11-25T16:59:59.999Z');
  });

  it('near midnight the zone changes the local day and so the deadline', () => {
    // Friday 23:30 WIB is already Saturday 01:30 WIT: in Jayapura the count starts from the weekend.
    const received = new Date('2026-11-20T16:30:00Z');
    expect(localDate(received, 'WIB')).toBe('2026-11-20');
    expect(localDate(received, 'WIT')).toBe('2026-11-21');
    expect(localDate(addWorkingDays(received, 1, wib), 'WIB')).toBe('2026-11-23');
    expect(localDate(addWorkingDays(received, 1, wit), 'WIT')).toBe('2026-11-23');
    expect(localDate(addWorkingDays(received, 0, wib), 'WIB')).toBe('2026-11-20');
    expect(localDate(addWorkingDays(received, 0, wit), 'WIT')).toBe('2026-11-23');
  });

  it('skips configured holidays', () => {
    const withChristmas = workingCalendar('WIB', ['2026-12-24', '2026-12-25']);
    // Wednesday 23 December + 1 working day: Thursday 24 and Friday 25 are holidays, then the weekend.
    const received = new Date('2026-12-23T03:00:00Z');
    expect(localDate(addWorkingDays(received, 1, withChristmas), 'WIB')).toBe('2026-12-28');
  });

  it('refuses negative or fractional days', () => {
    expect(() => addWorkingDays(new Date(), -1, wib)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date(), 1.5, wib)).toThrow(RangeError);
  });
});

describe('deadlines of a case', () => {
  const calendar = workingCalendar('WIB', DEFAULT_CONFIG.holidays);

  it('follow the policy, with shorter days for urgent cases', () => {
    const input = { receivedAt: '2026-11-16T02:00:00Z', distributedAt: '2026-11-17T02:00:00Z', finishedAt: null, topic: 'pkh' };
    const normal = computeDeadlines({ ...input, urgency: 'normal' }, DEFAULT_CONFIG.deadlines, calendar);
    const urgent = computeDeadlines({ ...input, urgency: 'urgent' }, DEFAULT_CONFIG.deadlines, calendar);
    expect(normal.verifyBy).toBe('2026-11-19T16:59:59.999Z');
    expect(normal.followUpBy).toBe('2026-11-24T16:59:59.999Z');
    expect(normal.completeBy).toBe('2026-11-20T16:59:59.999Z');
    expect(normal.autoCloseAt).toBeNull();
    expect(urgent.verifyBy).toBe('2026-11-17T16:59:59.999Z');
    expect(new Date(urgent.followUpBy!).getTime()).toBeLessThan(new Date(normal.followUpBy!).getTime());
  });

  it('per-topic overrides win over the urgency', () => {
    const policy = { ...DEFAULT_CONFIG.deadlines, byTopic: { disaster: { verify: 0 } } };
    const result = computeDeadlines(
      { receivedAt: '2026-11-16T02:00:00Z', distributedAt: null, finishedAt: null, urgency: 'normal', topic: 'disaster' },
      policy,
      calendar,
    );
    expect(result.verifyBy).toBe('2026-11-16T16:59:59.999Z');
  });

  it('states: on track, due soon on the last working day before, overdue after', () => {
    const deadline = new Date('2026-11-25T16:59:59.999Z'); // Wednesday, end of day WIB
    expect(deadlineState(new Date('2026-11-23T03:00:00Z'), deadline, calendar, 1)).toBe('on_track');
    expect(deadlineState(new Date('2026-11-24T03:00:00Z'), deadline, calendar, 1)).toBe('due_soon');
    expect(deadlineState(new Date('2026-11-25T16:00:00Z'), deadline, calendar, 1)).toBe('due_soon');
    expect(deadlineState(new Date('2026-11-25T17:00:00Z'), deadline, calendar, 1)).toBe('overdue');
    // A Monday deadline is due soon from Friday: the weekend does not count.
    const monday = new Date('2026-11-23T16:59:59.999Z');
    expect(deadlineState(new Date('2026-11-20T03:00:00Z'), monday, calendar, 1)).toBe('due_soon');
    expect(deadlineState(new Date('2026-11-19T03:00:00Z'), monday, calendar, 1)).toBe('on_track');
  });
});
