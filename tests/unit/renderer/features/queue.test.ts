import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../../src/shared';
import type { CaseQueueRow, DirectorySnapshot } from '../../../../src/renderer/db';
import { deadlineBadgeOf, zoneOfUnit } from '../../../../src/renderer/features/queue/deadline-badge';
import {
  filteredQueue,
  matchesRowFilters,
  storeFilterOf,
} from '../../../../src/renderer/features/queue/queue-filter';
import { classifySearch } from '../../../../src/renderer/features/queue/queue-search';

import { EMPTY_FILTERS } from '../../../../src/renderer/state/queue-slice';
import { PEOPLE, UNITS } from '../../../helpers/org-fixture';

const directory: DirectorySnapshot = {
  config: DEFAULT_CONFIG,
  units: Object.values(UNITS),
  people: [],
};

const row = (overrides: Partial<CaseQueueRow> = {}): CaseQueueRow => ({
  id: '00000000-0000-4000-8000-000000000999',
  ticketId: 'LAPOR-1',
  title: 'Bantuan PKH belum cair',
  channel: 'lapor',
  kind: 'complaint',
  topic: 'pkh',
  urgency: 'normal',
  status: 'in_follow_up',
  unitId: UNITS.workA.id,
  receivedAt: '2026-11-02T02:00:00.000Z',
  // Friday 27 November 2026, 17:00 WIB.
  dueAt: '2026-11-27T10:00:00.000Z',
  hasUnsentWork: false,
  hasRejectedChange: false,
  isOnServer: true,
  ...overrides,
});

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

  it('sends what the indexes answer to the store and keeps the rest for the rows', () => {
    expect(storeFilterOf(EMPTY_FILTERS, officer, 500)).toEqual({ limit: 500 });
    expect(
      storeFilterOf(
        { ...EMPTY_FILTERS, status: 'distributed', topic: 'pkh', urgency: 'urgent', scope: 'mine' },
        officer,
        100,
      ),
    ).toEqual({
      statuses: ['distributed'],
      topics: ['pkh'],
      urgency: 'urgent',
      assigneeId: officer.userId,
      limit: 100,
    });
    expect(storeFilterOf({ ...EMPTY_FILTERS, scope: 'my_unit' }, officer, 100)).toEqual({
      unitId: UNITS.workA.id,
      limit: 100,
    });
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
  it('reads page after page until enough rows pass, so matches beyond the first page are found', async () => {
    const all = Array.from({ length: 5_000 }, (_, i) =>
      row({ id: `case-${i}`, channel: i % 1_000 === 999 ? 'wbs' : 'lapor' }),
    );
    const reads: number[] = [];
    const read = (offset: number, limit: number) => {
      reads.push(offset);
      return Promise.resolve(all.slice(offset, offset + limit));
    };
    const found = await filteredQueue(read, (r) => r.channel === 'wbs', 500);
    expect(found.map((r) => r.id)).toEqual(['case-999', 'case-1999', 'case-2999', 'case-3999', 'case-4999']);
    expect(reads).toEqual([0, 2_000, 4_000]);
    // Enough matches early: no more reading than needed.
    reads.length = 0;
    expect(await filteredQueue(read, () => true, 10)).toHaveLength(10);
    expect(reads).toEqual([0]);
  });
});
