/**
 * "Unsent work" on a case: outbox entries for it or its reports, or attachment bytes stored
 * here that the server does not have yet. A case holding unsent work is never deleted by a
 * removal marker or a replica reset; it is kept, and the officer is told.
 */
import type { TindakDatabase } from './database';

/**
 * Inside or outside a transaction over `outbox` and `attachments`. An attachment the server
 * refused for good (`uploadFailure`) still holds its case: its bytes exist only here, and the
 * officer sees the reason on the case and decides.
 */
export async function casesHoldingUnsentWork(db: TindakDatabase, caseIds: readonly string[]): Promise<Set<string>> {
  const holding = new Set<string>();
  if (caseIds.length === 0) return holding;
  await db.outbox.where('caseId').anyOf(caseIds).each((row) => {
    holding.add(row.caseId);
  });
  await db.attachments.where('caseId').anyOf(caseIds).each((row) => {
    if (row.pieces !== null && !row.isUploaded) holding.add(row.caseId);
  });
  return holding;
}

/** Deletes a case and everything replicated under it (reports, events, attachments). */
export async function deleteCaseWithChildren(db: TindakDatabase, caseIds: readonly string[]): Promise<void> {
  if (caseIds.length === 0) return;
  await db.cases.bulkDelete([...caseIds]);
  await db.reports.where('caseId').anyOf(caseIds).delete();
  await db.events.where('caseId').anyOf(caseIds).delete();
  await db.attachments.where('caseId').anyOf(caseIds).delete();
}

/**
 * Cases a removal kept only for their unsent work go, as the removal said, once nothing holds
 * them any more. Inside a transaction over cases, reports, events, attachments and outbox.
 */
export async function dropCasesThatLeftScope(db: TindakDatabase, caseIds: readonly string[]): Promise<void> {
  if (caseIds.length === 0) return;
  const leftScope = (await db.cases.bulkGet([...caseIds])).filter((row) => row !== undefined && row.leftScopeAt !== null).map((row) => row!.id);
  if (leftScope.length === 0) return;
  const holding = await casesHoldingUnsentWork(db, leftScope);
  await deleteCaseWithChildren(db, leftScope.filter((id) => !holding.has(id)));
}
