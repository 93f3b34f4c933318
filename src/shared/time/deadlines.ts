/**
 * Deadlines of a case from the organisation's policy, and their state (on track, due soon,
 * overdue) as the badge in the queue shows it.
 */
import type { DeadlineDays, DeadlinePolicy } from '../domain/config';
import { addWorkingDays, localDayOf, isWorkingDay, type WorkingCalendar } from './working-days';

export type Urgency = 'normal' | 'urgent';

export function deadlineDaysFor(policy: DeadlinePolicy, urgency: Urgency, topic: string | null): DeadlineDays {
  const base = policy[urgency];
  const override = topic ? policy.byTopic[topic] : undefined;
  return { ...base, ...override };
}

export interface CaseDeadlines {
  verifyBy: string | null;
  followUpBy: string | null;
  completeBy: string | null;
  autoCloseAt: string | null;
}

export interface DeadlineInputs {
  receivedAt: string;
  distributedAt: string | null;
  finishedAt: string | null;
  urgency: Urgency;
  topic: string | null;
}

export function computeDeadlines(
  input: DeadlineInputs,
  policy: DeadlinePolicy,
  calendar: WorkingCalendar,
): CaseDeadlines {
  const days = deadlineDaysFor(policy, input.urgency, input.topic);
  const at = (start: string | null, n: number) =>
    start === null ? null : addWorkingDays(new Date(start), n, calendar).toISOString();
  return {
    verifyBy: at(input.receivedAt, days.verify),
    followUpBy: at(input.distributedAt, days.followUp),
    completeBy: at(input.distributedAt, days.complete),
    autoCloseAt: at(input.finishedAt, days.autoClose),
  };
}

export type DeadlineState = 'on_track' | 'due_soon' | 'overdue';

/**
 * Overdue once the deadline has passed; due soon from the start of the working day that lies
 * `dueSoonWorkingDays` working days before the deadline's day.
 */
export function deadlineState(
  now: Date,
  deadline: Date,
  calendar: WorkingCalendar,
  dueSoonWorkingDays: number,
): DeadlineState {
  if (now.getTime() > deadline.getTime()) return 'overdue';
  const today = localDayOf(now, calendar.zone);
  let day = localDayOf(deadline, calendar.zone);
  for (let remaining = dueSoonWorkingDays; remaining > 0; ) {
    day -= 1;
    if (isWorkingDay(day, calendar)) remaining -= 1;
  }
  return today >= day ? 'due_soon' : 'on_track';
}
