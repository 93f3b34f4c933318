/**
 * How a unit is judged (DOMAIN.md): the average follow-up time, from distribution to the
 * finished declaration, and the share of its cases resolved; plus what is overdue now and the
 * reporters' average rating. Computed from the cases on this workstation.
 */
import type { UnitCaseTiming } from '../../db';

export interface UnitPerformance {
  total: number;
  resolved: number;
  /** 0–100, or null without cases. */
  resolvedPercent: number | null;
  /** Mean days from distribution to finishing, over resolved cases; null when none. */
  averageFollowUpDays: number | null;
  overdueOpen: number;
  averageRating: number | null;
}

const RESOLVED = new Set(['finished', 'rated', 'auto_closed']);
const DAY_MS = 86_400_000;

const mean = (values: readonly number[]) =>
  values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;

export function unitPerformanceOf(cases: readonly UnitCaseTiming[], now: Date): UnitPerformance {
  const resolved = cases.filter((c) => RESOLVED.has(c.status));
  const durations = resolved.flatMap((c) =>
    c.distributedAt && c.finishedAt
      ? [(new Date(c.finishedAt).getTime() - new Date(c.distributedAt).getTime()) / DAY_MS]
      : [],
  );
  const ratings = cases.flatMap((c) => (c.rating === null ? [] : [c.rating]));
  return {
    total: cases.length,
    resolved: resolved.length,
    resolvedPercent: cases.length === 0 ? null : Math.round((resolved.length / cases.length) * 100),
    averageFollowUpDays: mean(durations),
    overdueOpen: cases.filter(
      (c) => !RESOLVED.has(c.status) && c.dueAt !== null && new Date(c.dueAt).getTime() < now.getTime(),
    ).length,
    averageRating: mean(ratings),
  };
}
