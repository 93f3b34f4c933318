/**
 * A prepared local change: the record's new (sealed) row and its outbox entry, ready to be
 * committed together. Built outside the transaction by the action builders (case-actions,
 * report-actions), committed inside it by `commitChange`, and reused by conflict resolution
 * and by resending rejected items so every path writes the same way.
 */
import type { CaseRecord, Mutation, ReportRecord } from '../../shared';
import type { CaseRow, ReportRow, TindakDatabase } from './database';
import { appendToOutbox, type MutationDraft } from './outbox';
import type { Expectation } from './write-transaction';

export type PreparedChange =
  | { kind: 'case'; row: CaseRow; isNew: boolean; record: CaseRecord; draft: MutationDraft; expect: Expectation[] }
  | { kind: 'report'; row: ReportRow; isNew: boolean; record: ReportRecord; draft: MutationDraft; expect: Expectation[] };

export type PreparedCaseChange = Extract<PreparedChange, { kind: 'case' }>;
export type PreparedReportChange = Extract<PreparedChange, { kind: 'report' }>;

export interface LocalChange<R> {
  mutation: Mutation;
  record: R;
}

/** Inside the write transaction: the row and its outbox entry. */
export async function commitChange(db: TindakDatabase, change: PreparedChange): Promise<Mutation> {
  if (change.kind === 'case') {
    if (change.isNew) await db.cases.add(change.row);
    else await db.cases.put(change.row);
  } else if (change.isNew) {
    await db.reports.add(change.row);
  } else {
    await db.reports.put(change.row);
  }
  return appendToOutbox(db, change.draft);
}
