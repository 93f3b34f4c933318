/** Ticket ids of cases by id (plaintext index, nothing decrypted), for lists that name cases. */
import type { UserStore } from './user-store';

export async function ticketIdsOf(
  store: UserStore,
  caseIds: readonly string[],
): Promise<Map<string, string>> {
  const rows = await store.db.cases.bulkGet([...new Set(caseIds)]);
  return new Map(rows.flatMap((row) => (row ? [[row.id, row.ticketId] as const] : [])));
}
