/** The local store's public face: features and the sync engine import from here. */
export { deleteUserStore, inspectLockedStore, openUserStore, UserStore, type LockedStoreFacts, type OpenUserStoreOptions, type PersistenceRecord, type PersistenceOutcome } from './user-store';
export { DEFAULT_KDF_PARAMS, type KdfParams } from './encryption';
export { LocalStoreError, ActionRefusedError, type LocalStoreErrorCode } from './errors';
export { databaseNameFor } from './database';
export { directorySnapshotSchema, type DirectorySnapshot } from './directory';
export type { LocalChange } from './local-change';
export {
  performCaseAction,
  registerWalkInCase,
  updateCaseFields,
  type ActionOptions,
  type CaseActionInput,
  type CaseFieldPatch,
  type WalkInCaseInput,
} from './case-actions';
export {
  createReport,
  performReportAction,
  saveDraft,
  type ReportActionInput,
  type ReportContentPatch,
  type ReportReviewAction,
} from './report-actions';
export { listConflicts, resolveConflict, type Conflict, type ConflictChoice } from './conflict-inbox';
export { discardRejected, listRejected, resendRejected, type RejectedFix, type RejectedItem } from './rejected-items';
export {
  casesWithUnsentWork,
  findCasesByIdentity,
  getCase,
  hasUnsentWork,
  listAttachmentsOfCase,
  listEventsOfCase,
  listReportsOfCase,
  queryCaseQueue,
  searchCases,
  type CaseQueueFilter,
  type QueueRowFields,
  type CaseQueueRow,
  type LocalAttachment,
  type LocalCase,
  type LocalReport,
} from './queries';
export { createSyncStore, LocalSyncStore } from './sync-store';
export { addAttachment, checkAttachmentFile, createAttachmentQueue, LocalAttachmentQueue, discardRefusedAttachment, readAttachmentBytes, retryAttachmentUpload, type NewAttachment } from './attachment-store';
export type { OutboxEntry, OutboxSummary, PullApplyResult, PullPageContext, SyncStore } from './store-contract';
export { openSessionText, readSealedSession, saveSealedSession, sealSessionAsText } from './session-vault';
export { ticketIdsOf } from './case-labels';
export { NO_DEADLINE, calendarOfUnit, calendarOfZone, zoneOfUnit } from './case-queue-keys';
export { takeCasesBecomingOverdue, type OverdueSince } from './overdue';
export { unitCaseTimings, type UnitCaseTiming } from './unit-cases';
