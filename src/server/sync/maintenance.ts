/**
 * Pruning removal markers past the horizon. A cursor from before the pruned markers could
 * miss a removal, so the horizon moves with them and such cursors get "reset required".
 */
import type { Database } from '../db/database';

export async function pruneRemovals(db: Database, horizonMs: number, now = new Date()): Promise<{ pruned: number; horizonSeq: number }> {
  return db.transaction(async (tx) => {
    const cutoff = new Date(now.getTime() - horizonMs);
    const deleted = await tx.query<{ change_seq: number }>('delete from case_removals where created_at < $1 returning change_seq', [cutoff]);
    const highest = deleted.rows.reduce((max, row) => Math.max(max, Number(row.change_seq)), 0);
    if (highest > 0) await tx.query('update sync_clock set horizon_seq = greatest(horizon_seq, $1) where id = 1', [highest]);
    const clock = await tx.query<{ horizon_seq: number }>('select horizon_seq from sync_clock where id = 1');
    return { pruned: deleted.rowCount, horizonSeq: Number(clock.rows[0]?.horizon_seq ?? 0) };
  });
}
