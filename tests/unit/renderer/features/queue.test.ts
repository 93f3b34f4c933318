import { describe, expect, it } from 'vitest';
import { deadlineBadgeOf, zoneOfUnit } from '../../../../src/renderer/features/queue/deadline-badge';
import { matchesRowFilters, storeFilterOf } from '../../../../src/renderer/features/queue/queue-filter';
import { readCaseQueue } from '../../../../src/renderer/features/queue/use-case-queue';
import { classifySearch } from '../../../../src/renderer/features/queue/queue-search';
import { EMPTY_FILTERS } from '../../../../src/renderer/state/queue-slice';
import { PEOPLE, UNITS, caseIn } from '../../../helpers/org-fixture';
import { workstation } from '../db/local-desk';
import { queueDirectory, queueRow } from './queue-rows';

const directory = queueDirectory;
const row = queueRow;

describe('queue search', () => {
  it('reads a valid NIK and an Indonesian phone number as identity lookups, anything else as text', () => {
    expect(classifySearch('  ')).toEqual({ kind: 'empty' });
    expect(classifySearch('3174 0152 0890 0001')).toEqual({ kind: 'nik', nik: '3174015208900001' });
    expect(classifySearch('0812-3456-7890')).toEqual({ kind: 'phone', phone: '+6281234567890' });
    expect(classifySearch('+62 812 3456 7890')).toEqual({ kind: 'phone', phone: '+6281234567890' });
    // 16 digits that cannot be a NIK (province 00) stay a text search, e.g. a ticket number.
    expect(classifySearch('0000000000000000')).toEqual({ kind: 'text', text: '0000000000000000' });
    expect(classifySearch('LAPOR-1234')).toEqual({ kind: 'text', text: 'LAPOR-1234' });
    expect(classifySearch('bantuan pkh')).toEqual({ kind: 'text', text: 'bantuan pkh' });
  });
});

describe('deadline badges', () => {
  it('counts working days in the unit’s zone: on track, due soon the working day before, overdue after', () => {
    const due = '2026-11-27T10:00:00.000Z';
    expect(deadlineBadgeOf(due, UNITS.workA.id, directory, new Date('2026-11-25T03:00:00.000Z'))).toBe(
      'on_track',
    );
    expect(deadlineBadgeOf(due, UNITS.workA.id, directory, new Date('2026-11-26T03:00:00.000Z'))).toBe(
      'due_soon',
    );
    expect(deadlineBadgeOf(due, UNITS.workA.id, directory, new Date('2026-11-27T11:00:00.000Z'))).toBe(
      'overdue',
    );
  });

  it('skips the weekend when deciding what is due soon', () => {
    // Monday 30 November 2026, 17:00 WIB: on Friday the 27th it is due soon, on Thursday not yet.
    const due = '2026-11-30T10:00:00.000Z';
    expect(deadlineBadgeOf(due, UNITS.workA.id, directory, new Date('2026-11-26T03:00:00.000Z'))).toBe(
      'on_track',
    );
    expect(deadlineBadgeOf(due, UNITS.workA.id, directory, new Date('2026-11-27T03:00:00.000Z'))).toBe(
      'due_soon',
    );
  });

  it('has no badge without a deadline or a directory, and uses the central zone before distribution', () => {
    expect(deadlineBadgeOf(null, UNITS.workA.id, directory, new Date())).toBeNull();
    expect(deadlineBadgeOf('2026-11-27T10:00:00.000Z', UNITS.workA.id, null, new Date())).toBeNull();
    expect(zoneOfUnit(directory, UNITS.uptA2.id)).toBe('WIT');
    expect(zoneOfUnit(directory, null)).toBe('WIB');
  });
});

describe('queue filters', () => {
  const officer = { userId: PEOPLE.liaisonA.id, unitId: UNITS.workA.id };

  it('sends every filter to the store, the row checks as one predicate', () => {
    const now = new Date('2026-11-26T03:00:00.000Z');
    expect(storeFilterOf(EMPTY_FILTERS, officer, 500, directory, now)).toEqual({ limit: 500 });
    expect(
      storeFilterOf(
        { ...EMPTY_FILTERS, status: 'distributed', topic: 'pkh', urgency: 'urgent', scope: 'mine' },
        officer,
        100,
        directory,
        now,
      ),
    ).toEqual({
      statuses: ['distributed'],
      topics: ['pkh'],
      urgency: 'urgent',
      assigneeId: officer.userId,
      limit: 100,
    });
    expect(storeFilterOf({ ...EMPTY_FILTERS, scope: 'my_unit' }, officer, 100, directory, now)).toEqual({
      unitId: UNITS.workA.id,
      limit: 100,
    });
    const withRowChecks = storeFilterOf({ ...EMPTY_FILTERS, channel: 'wbs', deadline: 'due_soon' }, officer, 100, directory, now);
    // The deadline state also narrows the store's read to the deadlines it can have now.
    expect(withRowChecks.dueBetween).toEqual({ from: now.toISOString(), to: expect.any(String) });
    expect(withRowChecks.dueBetween!.to > now.toISOString()).toBe(true);
    expect(withRowChecks.keep?.(row({ channel: 'wbs' }))).toBe(true);
    expect(withRowChecks.keep?.(row({ channel: 'lapor' }))).toBe(false);
    expect(withRowChecks.keep?.(row({ channel: 'wbs', dueAt: null }))).toBe(false);
  });

  it('checks channel, kind and deadline state on the rows', () => {
    const now = new Date('2026-11-26T03:00:00.000Z');
    expect(
      matchesRowFilters(row(), { ...EMPTY_FILTERS, channel: 'lapor', kind: 'complaint' }, directory, now),
    ).toBe(true);
    expect(matchesRowFilters(row(), { ...EMPTY_FILTERS, channel: 'wbs' }, directory, now)).toBe(false);
    expect(matchesRowFilters(row(), { ...EMPTY_FILTERS, kind: 'aspiration' }, directory, now)).toBe(false);
    expect(matchesRowFilters(row(), { ...EMPTY_FILTERS, deadline: 'due_soon' }, directory, now)).toBe(true);
    expect(matchesRowFilters(row(), { ...EMPTY_FILTERS, deadline: 'overdue' }, directory, now)).toBe(false);
  });
});

describe('row filters over a long queue', () => {
  it('finds matches far down the queue, in queue order, in the store and in search', async () => {
    const ws = workstation();
    const desk = await ws.signIn('liaisonA');
    try {
      // 1,500 cases; every 500th came through the whistle-blowing channel.
      const cases = Array.from({ length: 1_500 }, (_, i) =>
        caseIn('in_follow_up', {
          title: i % 500 === 499 ? `Pungutan liar nomor ${i}` : `Jalan rusak nomor ${i}`,
          channel: i % 500 === 499 ? 'wbs' : 'lapor',
          urgency: i % 7 === 0 ? 'urgent' : 'normal',
          receivedAt: new Date(Date.UTC(2026, 9, 1) + i * 60_000).toISOString(),
          // Deadlines spread around "now" (26 November): overdue, due soon and on track.
          distributedAt: new Date(Date.UTC(2026, 9, 20) + (i % 60) * 86_400_000).toISOString(),
        }),
      );
      for (let i = 0; i < cases.length; i += 500) await desk.receive(cases.slice(i, i + 500));
      const at = new Date('2026-11-26T03:00:00.000Z');
      const officerDesk = { store: desk.store, officer: { userId: PEOPLE.liaisonA.id, unitId: PEOPLE.liaisonA.unitId } };
      const read = (filters: typeof EMPTY_FILTERS, searchText = '', limit = 50) =>
        readCaseQueue(officerDesk, { filters, searchText }, at, limit);

      const wbs = cases.filter((c) => c.channel === 'wbs').map((c) => c.id);
      expect((await read({ ...EMPTY_FILTERS, channel: 'wbs' })).map((r) => r.id).sort()).toEqual([...wbs].sort());
      // The same with a status filter (the [status+queueKey] index) and in a title search.
      expect((await read({ ...EMPTY_FILTERS, channel: 'wbs', status: 'in_follow_up' })).map((r) => r.id).sort()).toEqual([...wbs].sort());
      expect((await read({ ...EMPTY_FILTERS, channel: 'wbs' }, 'nomor')).map((r) => r.id).sort()).toEqual([...wbs].sort());
      // The limit counts matching rows only, and the order is the queue's.
      const unfiltered = await read(EMPTY_FILTERS, '', 1_500);
      const firstTwo = unfiltered.filter((r) => r.channel === 'wbs').slice(0, 2).map((r) => r.id);
      expect((await read({ ...EMPTY_FILTERS, channel: 'wbs' }, '', 2)).map((r) => r.id)).toEqual(firstTwo);
      expect(await read({ ...EMPTY_FILTERS, channel: 'sms' })).toEqual([]);

      // Deadline states, read through key ranges of the queue order: exactly the rows whose badge
      // says so, in queue order, alone and with a status filter.
      const directory = desk.store.directory!;
      for (const state of ['overdue', 'due_soon', 'on_track'] as const) {
        const expected = unfiltered.filter((r) => deadlineBadgeOf(r.dueAt, r.unitId, directory, at) === state).map((r) => r.id);
        expect(expected.length).toBeGreaterThan(0);
        expect((await read({ ...EMPTY_FILTERS, deadline: state }, '', 1_500)).map((r) => r.id)).toEqual(expected);
        expect((await read({ ...EMPTY_FILTERS, deadline: state, status: 'in_follow_up' }, '', 1_500)).map((r) => r.id)).toEqual(expected);
        expect((await read({ ...EMPTY_FILTERS, deadline: state }, '', 5)).map((r) => r.id)).toEqual(expected.slice(0, 5));
      }
    } finally {
      desk.store.close();
    }
  });
});
