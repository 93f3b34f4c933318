/**
 * What an officer does at a workstation, in the engine's tests, over either local store:
 *
 * - `dexie`: the real one (src/renderer/db: Dexie on fake-indexeddb, encryption at rest, the
 *   shared transition table checked locally), as the app runs it;
 * - `memory`: the small in-memory SyncStore of tests/unit/renderer/sync, the contract's
 *   reference for the engine's unit tests.
 *
 * Both are driven through the same `TestDesk`, and the engine sees only the SyncStore
 * contract, wrapped by `InstrumentedSyncStore` so a test can make the next call of a method
 * fail (a full disk, a crash) and can read every result the store accepted.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type {
  AttachmentMeta,
  CaseRecord,
  ConflictField,
  Entity,
  Mutation,
  MutationResult,
  PulledChange,
  ReportRecord,
} from '../../../src/shared';
import {
  createReport,
  listConflicts,
  listRejected,
  openUserStore,
  performCaseAction,
  performReportAction,
  resolveConflict,
  saveDraft,
  updateCaseFields,
  getCase,
  listReportsOfCase,
  listEventsOfCase,
  listAttachmentsOfCase,
  LocalSyncStore,
  type UserStore,
} from '../../../src/renderer/db';
import type {
  OutboxEntry,
  OutboxSummary,
  PullApplyResult,
  PullPageContext,
  SyncStore,
} from '../../../src/renderer/db/store-contract';
import { PEOPLE, type PersonKey } from '../../helpers/org-fixture';
import { MemorySyncStore } from '../../unit/renderer/sync/memory-sync-store';

export type StoreKind = 'dexie' | 'memory';

export interface DeskConflict {
  id: string;
  kind: 'field' | 'removed_from_scope';
  entity: Entity;
  entityId: string;
  fields: ConflictField[];
}

export interface DeskRejected {
  mutation: Mutation;
  code: string;
  message: string;
}

export interface TestDesk {
  readonly kind: StoreKind;
  readonly deviceId: string;
  /** The store the engine syncs, instrumented. */
  readonly sync: InstrumentedSyncStore;
  getCase(caseId: string): Promise<CaseRecord | undefined>;
  getReport(caseId: string, reportId: string): Promise<ReportRecord | undefined>;
  allCases(): Promise<Map<string, CaseRecord>>;
  allReports(): Promise<Map<string, ReportRecord>>;
  eventsOf(caseId: string): Promise<number>;
  attachmentsOf(caseId: string): Promise<AttachmentMeta[]>;
  updateCase(caseId: string, fields: Partial<CaseRecord>): Promise<Mutation>;
  /** The mutation's `entityId` is the new report's id. */
  createReport(caseId: string, content: Partial<ReportRecord>): Promise<Mutation>;
  updateReport(reportId: string, fields: Partial<ReportRecord>): Promise<Mutation>;
  act(entity: Entity, entityId: string, action: string, payload?: unknown): Promise<Mutation>;
  conflicts(): Promise<DeskConflict[]>;
  resolveConflict(conflict: DeskConflict, choice: 'mine' | 'theirs'): Promise<Mutation | null>;
  rejected(): Promise<DeskRejected[]>;
  pending(): Promise<OutboxEntry[]>;
  close(): void;
}

type SyncMethod =
  | 'nextBatch'
  | 'markAttempted'
  | 'acknowledge'
  | 'getCursor'
  | 'applyPulledPage'
  | 'resetReplica'
  | 'summary'
  | 'setState';

/** The store as the engine sees it, with failures to inject and a log of accepted results. */
export class InstrumentedSyncStore implements SyncStore {
  /** The next call of that method throws this, before reaching the store (so it changes nothing). */
  readonly failNext = new Map<SyncMethod, unknown>();
  /** Every result the store accepted, in order. */
  readonly acknowledged: MutationResult[] = [];

  constructor(private readonly inner: SyncStore) {}

  get userId(): string {
    return this.inner.userId;
  }

  get deviceId(): string {
    return this.inner.deviceId;
  }

  private check(method: SyncMethod): void {
    if (!this.failNext.has(method)) return;
    const error = this.failNext.get(method);
    this.failNext.delete(method);
    throw error;
  }

  async nextBatch(maxCount: number, maxBytes: number, afterSeq?: number): Promise<OutboxEntry[]> {
    this.check('nextBatch');
    return this.inner.nextBatch(maxCount, maxBytes, afterSeq);
  }

  async markAttempted(mutationIds: readonly string[]): Promise<void> {
    this.check('markAttempted');
    return this.inner.markAttempted(mutationIds);
  }

  async acknowledge(results: readonly MutationResult[]): Promise<void> {
    this.check('acknowledge');
    await this.inner.acknowledge(results);
    // The engine hands over results only for entries of the batch it just took from the outbox.
    this.acknowledged.push(...results);
  }

  async getCursor(): Promise<string | null> {
    this.check('getCursor');
    return this.inner.getCursor();
  }

  async applyPulledPage(changes: readonly PulledChange[], cursor: string, context?: PullPageContext): Promise<PullApplyResult> {
    this.check('applyPulledPage');
    return this.inner.applyPulledPage(changes, cursor, context);
  }

  async resetReplica(): Promise<void> {
    this.check('resetReplica');
    return this.inner.resetReplica();
  }

  async summary(): Promise<OutboxSummary> {
    this.check('summary');
    return this.inner.summary();
  }

  getState<T>(key: string): Promise<T | undefined> {
    return this.inner.getState<T>(key);
  }

  async setState(key: string, value: unknown): Promise<void> {
    this.check('setState');
    return this.inner.setState(key, value);
  }
}

/** A DOMException-like quota error, as IndexedDB raises when the disk is full. */
export function quotaExceededError(): Error {
  const error = new Error('The quota has been exceeded.');
  error.name = 'QuotaExceededError';
  return error;
}

/** Cheapest Argon2id: the tests exercise the sync, not the KDF. */
const CHEAP_KDF = { algorithm: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 } as const;

/** The real store on a fresh fake IndexedDB (one per workstation), set up as after sign-in. */
export async function openDexieDesk(who: PersonKey, deviceId: string, directory: unknown): Promise<TestDesk> {
  const store = await openUserStore({
    userId: PEOPLE[who].id,
    password: `sandi-${who}`,
    deviceId,
    dexieOptions: { indexedDB: new IDBFactory(), IDBKeyRange },
    kdfParams: CHEAP_KDF,
  });
  await store.saveProfile({ id: PEOPLE[who].id, role: PEOPLE[who].role, unitId: PEOPLE[who].unitId });
  await store.saveDirectorySnapshot(directory);
  return dexieDesk(store);
}

function required<T>(change: { mutation: T } | null, what: string): T {
  if (!change) throw new Error(`${what}: nothing changed, no mutation`);
  return change.mutation;
}

function dexieDesk(store: UserStore): TestDesk {
  const sync = new InstrumentedSyncStore(new LocalSyncStore(store));
  const caseIds = async () => (await store.db.cases.toCollection().primaryKeys()).map(String);
  return {
    kind: 'dexie',
    deviceId: store.deviceId,
    sync,
    getCase: async (caseId) => (await getCase(store, caseId))?.record,
    async getReport(caseId, reportId) {
      return (await listReportsOfCase(store, caseId)).find((report) => report.record.id === reportId)?.record;
    },
    async allCases() {
      const cases = new Map<string, CaseRecord>();
      for (const id of await caseIds()) {
        const found = await getCase(store, id);
        if (found) cases.set(id, found.record);
      }
      return cases;
    },
    async allReports() {
      const reports = new Map<string, ReportRecord>();
      for (const id of await caseIds())
        for (const report of await listReportsOfCase(store, id)) reports.set(report.record.id, report.record);
      return reports;
    },
    eventsOf: async (caseId) => (await listEventsOfCase(store, caseId)).length,
    attachmentsOf: (caseId) => listAttachmentsOfCase(store, caseId),
    updateCase: async (caseId, fields) =>
      required(await updateCaseFields(store, caseId, fields as never), 'updateCase'),
    createReport: async (caseId, content) => (await createReport(store, caseId, content as never)).mutation,
    updateReport: async (reportId, fields) =>
      required(await saveDraft(store, reportId, fields as never), 'updateReport'),
    async act(entity, entityId, action, payload = {}) {
      if (entity === 'case')
        return (await performCaseAction(store, entityId, action as never, payload as never)).mutation;
      return (await performReportAction(store, entityId, action as never, payload as never)).mutation;
    },
    async conflicts() {
      return (await listConflicts(store)).map((conflict) => ({
        id: conflict.id,
        kind: conflict.kind,
        entity: conflict.entity,
        entityId: conflict.entityId,
        fields: conflict.fields,
      }));
    },
    async resolveConflict(conflict, choice) {
      const choices = Object.fromEntries(conflict.fields.map((field) => [field.field, choice]));
      return (await resolveConflict(store, conflict.id, choices)).mutation;
    },
    async rejected() {
      return (await listRejected(store)).map((item) => ({
        mutation: item.mutation,
        code: item.code,
        message: item.message,
      }));
    },
    pending: () =>
      store.db.outbox.count().then((count) => sync.nextBatch(Math.max(count, 1), Number.MAX_SAFE_INTEGER)),
    close: () => store.close(),
  };
}

/** The in-memory reference store. */
export function memoryDesk(who: PersonKey, deviceId: string): TestDesk {
  const memory = new MemorySyncStore(PEOPLE[who].id, deviceId);
  const sync = new InstrumentedSyncStore(memory);
  const asConflict = (conflict: MemorySyncStore['conflicts'][number], index: number): DeskConflict => ({
    id: String(index),
    kind: conflict.kind === 'fields' ? 'field' : 'removed_from_scope',
    entity: conflict.entity,
    entityId: conflict.entityId,
    fields: conflict.fields,
  });
  return {
    kind: 'memory',
    deviceId,
    sync,
    getCase: async (caseId) => memory.cases.get(caseId),
    getReport: async (_caseId, reportId) => memory.reports.get(reportId),
    allCases: async () => new Map(memory.cases),
    allReports: async () => new Map(memory.reports),
    eventsOf: async (caseId) => [...memory.events.values()].filter((event) => event.caseId === caseId).length,
    attachmentsOf: async (caseId) =>
      [...memory.attachments.values()].filter((attachment) => attachment.caseId === caseId),
    updateCase: async (caseId, fields) => memory.updateCase(caseId, fields),
    createReport: async (caseId, content) => memory.createReport(caseId, content),
    updateReport: async (reportId, fields) => memory.updateReport(reportId, fields),
    act: async (entity, entityId, action, payload = {}) => memory.act(entity, entityId, action, payload),
    conflicts: async () => memory.conflicts.map(asConflict),
    async resolveConflict(conflict, choice) {
      const entry = memory.conflicts[Number(conflict.id)];
      if (!entry) throw new Error('no such conflict');
      return memory.resolveConflict(entry, choice);
    },
    rejected: async () =>
      memory.rejected.map((entry) => ({
        mutation: entry.mutation,
        code: entry.error.code,
        message: entry.error.message,
      })),
    pending: async () => memory.outboxEntries(),
    close: () => undefined,
  };
}
