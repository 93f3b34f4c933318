/**
 * Cases that became overdue since the desk last looked: their stored deadline (`dueAt`, the
 * deadline of the step the case is in, from the shared working-day clock in the unit's time
 * zone; null once the case is closed) passed between the last look and now. Read through the
 * `dueAt` index, so a look costs the cases that crossed their deadline, not the whole store.
 * The time of the last look is kept per officer, so signing in again does not repeat a notice.
 */
import { META } from './database';
import { asStoreError } from './errors';
import type { UserStore } from './user-store';

export interface OverdueSince {
  count: number;
  /** The ticket id of the case whose deadline passed first (not personal data). */
  firstTicketId: string | null;
}

/**
 * Counts the cases whose deadline passed in (last look, now] and records now as the last
 * look, in one transaction. The first look on a store only records the time: the queue's
 * badges already show what was overdue before.
 */
export async function takeCasesBecomingOverdue(store: UserStore, now: Date): Promise<OverdueSince | null> {
  const { db } = store;
  const until = now.toISOString();
  try {
    return await db.transaction('rw', [db.cases, db.meta], async () => {
      const stored = (await db.meta.get(META.overdueNoticedUntil))?.value;
      await db.meta.put({ key: META.overdueNoticedUntil, value: until });
      if (typeof stored !== 'string' || stored >= until) return null;
      // A finished case's deadline is its automatic closing: nobody is late when it passes.
      const crossed = (await db.cases.where('dueAt').between(stored, until, false, true).toArray()).filter((row) => row.status !== 'finished');
      if (crossed.length === 0) return null;
      return { count: crossed.length, firstTicketId: crossed[0]?.ticketId ?? null };
    });
  } catch (error) {
    throw asStoreError(error);
  }
}
