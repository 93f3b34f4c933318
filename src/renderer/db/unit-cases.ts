/** The plaintext timing fields of a unit's cases, for the unit's performance (nothing decrypted). */
import type { CaseStatus } from '../../shared';
import type { UserStore } from './user-store';

export interface UnitCaseTiming {
  status: CaseStatus;
  distributedAt: string | null;
  finishedAt: string | null;
  dueAt: string | null;
  rating: number | null;
}

export async function unitCaseTimings(store: UserStore, unitId: string): Promise<UnitCaseTiming[]> {
  const rows = await store.db.cases.where('unitId').equals(unitId).toArray();
  return rows.map(({ status, distributedAt, finishedAt, dueAt, rating }) => ({
    status,
    distributedAt,
    finishedAt,
    dueAt,
    rating,
  }));
}
