import { describe, expect, it } from 'vitest';
import { unitPerformanceOf } from '../../../../src/renderer/features/performance/unit-performance';

describe('unit performance', () => {
  const now = new Date('2026-11-25T00:00:00.000Z');

  it('averages the follow-up time of resolved cases and counts the share resolved', () => {
    const performance = unitPerformanceOf(
      [
        {
          status: 'rated',
          distributedAt: '2026-11-01T00:00:00.000Z',
          finishedAt: '2026-11-03T00:00:00.000Z',
          dueAt: null,
          rating: 5,
        },
        {
          status: 'finished',
          distributedAt: '2026-11-01T00:00:00.000Z',
          finishedAt: '2026-11-04T12:00:00.000Z',
          dueAt: '2026-12-01T00:00:00.000Z',
          rating: null,
        },
        {
          status: 'in_follow_up',
          distributedAt: '2026-11-10T00:00:00.000Z',
          finishedAt: null,
          dueAt: '2026-11-13T00:00:00.000Z',
          rating: null,
        },
        {
          status: 'distributed',
          distributedAt: '2026-11-24T00:00:00.000Z',
          finishedAt: null,
          dueAt: '2026-11-27T00:00:00.000Z',
          rating: null,
        },
      ],
      now,
    );
    expect(performance).toEqual({
      total: 4,
      resolved: 2,
      resolvedPercent: 50,
      averageFollowUpDays: 2.75,
      overdueOpen: 1,
      averageRating: 5,
    });
  });

  it('says nothing rather than zero when there is nothing to measure', () => {
    expect(unitPerformanceOf([], now)).toEqual({
      total: 0,
      resolved: 0,
      resolvedPercent: null,
      averageFollowUpDays: null,
      overdueOpen: 0,
      averageRating: null,
    });
  });
});
