/**
 * An in-memory SyncStore (src/renderer/db/store-contract.ts) with a small desk on top: the
 * contract's reference for the engine's unit tests, and the second store its integration
 * tests run against besides the real Dexie store. It keeps the promises the engine relies on:
 * each method is all-or-nothing, an entry leaves the outbox only with a result, pulled pages
 * are rebased under pending local edits, a removal spares a case holding unsent work and
 * surfaces it as a conflict, and a reset keeps the outbox.
 *
 *   const desk = new MemorySyncStore(PEOPLE.liaisonA.id, 'ws-liaison-1');
 *   desk.updateCase(caseId, { urgency: 'urgent' });
 */
import {
  uuidv7,
  type AttachmentMeta,
  type CaseEvent,
  type CaseRecord,
  type ConflictField,
  type Entity,
  type Mutation,
  type MutationResult,
  type PulledChange,
  type ReportRecord,
} from '../../../../src/shared';
import type {
  OutboxEntry,
  OutboxSummary,
  PullApplyResult,
  PullPageContext,
  SyncStore,
} from '../../../../src/renderer/db/store-contract';

export interface ConflictEntry {
  mutationId: string | null;
  entity: Entity;
  entityId: string;
  /** `fields`: the server kept its values; `left_scope`: the case left our scope while holding unsent work. */
  kind: 'fields' | 'left_scope';
  fields: ConflictField[];
}

export interface RejectedEntry {
  mutation: Mutation;
  error: { code: string; message: string };
}

const clone = <T>(value: T): T => structuredClone(value);
const byteLength = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).byteLength;

export class MemorySyncStore implements SyncStore {
  private readonly outbox = new Map<string, OutboxEntry>();
  private seq = 0;
  private cursor: string | null = null;
  private readonly state = new Map<string, unknown>();
  /** The local view: the server's copy with pending local edits on top. */
  readonly cases = new Map<string, CaseRecord>();
  readonly reports = new Map<string, ReportRecord>();
  readonly events = new Map<string, CaseEvent>();
  readonly attachments = new Map<string, AttachmentMeta>();
  /** The server's copies as last pulled, to rebase pending edits on. */
  private readonly serverCases = new Map<string, CaseRecord>();
  private readonly serverReports = new Map<string, ReportRecord>();
  readonly rejected: RejectedEntry[] = [];
  readonly conflicts: ConflictEntry[] = [];
  /** Every result the store was handed, in order (for exactly-once checks). */
  readonly acknowledged: MutationResult[] = [];

  constructor(
    readonly userId: string,
    readonly deviceId: string,
    private readonly now: () => number = Date.now,
  ) {}

  // -----------------------------------------------------------------------------------------
  // The desk: local writes, each one record change plus its outbox entry, all or nothing.
  // -----------------------------------------------------------------------------------------

  updateCase(caseId: string, fields: Partial<CaseRecord>): Mutation {
    const current = this.cases.get(caseId);
    if (!current) throw new Error(`no local case ${caseId}`);
    const baseValues = Object.fromEntries(
      Object.keys(fields).map((field) => [field, current[field as keyof CaseRecord]]),
    );
    const mutation = this.append({
      entity: 'case',
      entityId: caseId,
      op: 'update',
      baseVersion: current.version,
      fields,
      baseValues,
      action: null,
    });
    this.cases.set(caseId, { ...current, ...clone(fields) });
    return mutation;
  }

  createReport(caseId: string, content: Partial<ReportRecord>, reportId: string = uuidv7()): Mutation {
    const mutation = this.append({
      entity: 'report',
      entityId: reportId,
      op: 'create',
      baseVersion: null,
      fields: { caseId, ...content },
      baseValues: {},
      action: null,
    });
    const at = new Date(this.now()).toISOString();
    this.reports.set(reportId, {
      id: reportId,
      caseId,
      authorId: this.userId,
      unitId: '00000000-0000-4000-8000-000000000000',
      status: 'draft',
      visitDate: null,
      method: null,
      findings: '',
      actionsTaken: '',
      beneficiaryChecks: [],
      outcome: null,
      recommendation: '',
      attachmentIds: [],
      corrections: [],
      returnNote: null,
      submittedAt: null,
      approvedAt: null,
      closedAt: null,
      version: 1,
      createdAt: at,
      updatedAt: at,
      ...clone(content),
    });
    return mutation;
  }

  updateReport(reportId: string, fields: Partial<ReportRecord>): Mutation {
    const current = this.reports.get(reportId);
    if (!current) throw new Error(`no local report ${reportId}`);
    const baseValues = Object.fromEntries(
      Object.keys(fields).map((field) => [field, current[field as keyof ReportRecord]]),
    );
    const mutation = this.append({
      entity: 'report',
      entityId: reportId,
      op: 'update',
      baseVersion: current.version,
      fields,
      baseValues,
      action: null,
    });
    this.reports.set(reportId, { ...current, ...clone(fields) });
    return mutation;
  }

  /** A workflow step; its effect shows locally once the server's record is pulled. */
  act(entity: Entity, entityId: string, action: string, payload: unknown = {}): Mutation {
    const version =
      entity === 'case' ? this.cases.get(entityId)?.version : this.reports.get(entityId)?.version;
    return this.append({
      entity,
      entityId,
      op: 'action',
      baseVersion: version ?? null,
      fields: {},
      baseValues: {},
      action,
      payload,
    });
  }

  /** Resolving a conflict is a new mutation: keep mine (send it again on the current base) or take theirs. */
  resolveConflict(conflict: ConflictEntry, choice: 'mine' | 'theirs'): Mutation | null {
    this.conflicts.splice(this.conflicts.indexOf(conflict), 1);
    if (choice === 'theirs' || conflict.kind !== 'fields') return null;
    const fields = Object.fromEntries(conflict.fields.map((field) => [field.field, field.mine]));
    return conflict.entity === 'case'
      ? this.updateCase(conflict.entityId, fields)
      : this.updateReport(conflict.entityId, fields);
  }

  pendingMutations(): Mutation[] {
    return [...this.outbox.values()].map((entry) => clone(entry.mutation));
  }

  outboxEntries(): OutboxEntry[] {
    return [...this.outbox.values()].map(clone);
  }

  private append(input: Omit<Mutation, 'mutationId' | 'seq' | 'createdAt'>): Mutation {
    const at = this.now();
    this.seq += 1;
    const mutation: Mutation = {
      mutationId: uuidv7(at),
      seq: this.seq,
      createdAt: new Date(at).toISOString(),
      ...clone(input),
    };
    this.outbox.set(mutation.mutationId, {
      mutation,
      bytes: byteLength(mutation),
      createdAt: at,
      attempts: 0,
    });
    return mutation;
  }

  // -----------------------------------------------------------------------------------------
  // SyncStore
  // -----------------------------------------------------------------------------------------

  async nextBatch(maxCount: number, maxBytes: number, afterSeq = 0): Promise<OutboxEntry[]> {
    const batch: OutboxEntry[] = [];
    let bytes = 0;
    const entries = [...this.outbox.values()].filter((entry) => entry.mutation.seq > afterSeq);
    for (const entry of entries.sort((a, b) => a.mutation.seq - b.mutation.seq)) {
      if (batch.length >= maxCount) break;
      if (batch.length > 0 && bytes + entry.bytes > maxBytes) break;
      batch.push(clone(entry));
      bytes += entry.bytes;
    }
    return batch;
  }

  async markAttempted(mutationIds: readonly string[]): Promise<void> {
    for (const id of mutationIds) {
      const entry = this.outbox.get(id);
      if (entry) entry.attempts += 1;
    }
  }

  async acknowledge(results: readonly MutationResult[]): Promise<void> {
    for (const result of results) {
      const entry = this.outbox.get(result.mutationId);
      if (!entry) continue;
      this.outbox.delete(result.mutationId);
      this.acknowledged.push(clone(result));
      if (result.status === 'rejected') {
        this.rejected.push({
          mutation: entry.mutation,
          error: result.error ?? { code: 'internal', message: '' },
        });
        this.rebaseEntity(entry.mutation.entity, entry.mutation.entityId);
      } else if (result.status === 'conflict') {
        this.conflicts.push({
          mutationId: result.mutationId,
          entity: entry.mutation.entity,
          entityId: entry.mutation.entityId,
          kind: 'fields',
          fields: clone(result.conflicts),
        });
      }
    }
  }

  async getCursor(): Promise<string | null> {
    return this.cursor;
  }

  async applyPulledPage(changes: readonly PulledChange[], cursor: string, _context?: PullPageContext): Promise<PullApplyResult> {
    const result: PullApplyResult = { applied: 0, removed: 0, keptForUnsentWork: 0 };
    for (const change of changes) {
      switch (change.kind) {
        case 'case':
          this.serverCases.set(change.record.id, clone(change.record));
          this.rebaseEntity('case', change.record.id);
          result.applied += 1;
          break;
        case 'report':
          this.serverReports.set(change.record.id, clone(change.record));
          this.rebaseEntity('report', change.record.id);
          result.applied += 1;
          break;
        case 'event':
          this.events.set(change.record.id, clone(change.record));
          result.applied += 1;
          break;
        case 'attachment':
          this.attachments.set(change.record.id, clone(change.record));
          result.applied += 1;
          break;
        case 'removal':
          if (this.hasUnsentWorkOn(change.id)) {
            result.keptForUnsentWork += 1;
            this.conflicts.push({
              mutationId: null,
              entity: 'case',
              entityId: change.id,
              kind: 'left_scope',
              fields: [],
            });
          } else {
            this.removeCase(change.id);
            result.removed += 1;
          }
          break;
      }
    }
    this.cursor = cursor;
    return result;
  }

  async resetReplica(): Promise<void> {
    for (const map of [
      this.cases,
      this.reports,
      this.events,
      this.attachments,
      this.serverCases,
      this.serverReports,
    ])
      map.clear();
    this.cursor = null;
  }

  async summary(): Promise<OutboxSummary> {
    const entries = [...this.outbox.values()];
    return {
      pending: entries.length,
      oldestCreatedAt: entries.length === 0 ? null : Math.min(...entries.map((entry) => entry.createdAt)),
      pendingBytes: entries.reduce((sum, entry) => sum + entry.bytes, 0),
      rejected: this.rejected.length,
      conflicts: this.conflicts.length,
    };
  }

  async getState<T>(key: string): Promise<T | undefined> {
    return this.state.get(key) as T | undefined;
  }

  async setState(key: string, value: unknown): Promise<void> {
    this.state.set(key, clone(value));
  }

  // -----------------------------------------------------------------------------------------

  /** The local copy = the server's copy with the pending edits' fields on top. */
  private rebaseEntity(entity: Entity, id: string): void {
    const pending = [...this.outbox.values()]
      .map((entry) => entry.mutation)
      .filter(
        (mutation) => mutation.entity === entity && mutation.entityId === id && mutation.op === 'update',
      )
      .sort((a, b) => a.seq - b.seq);
    const overlay = Object.assign({}, ...pending.map((mutation) => clone(mutation.fields))) as Record<
      string,
      unknown
    >;
    if (entity === 'case') {
      const server = this.serverCases.get(id);
      if (server) this.cases.set(id, { ...server, ...overlay } as CaseRecord);
    } else {
      const server = this.serverReports.get(id);
      if (server) this.reports.set(id, { ...server, ...overlay } as ReportRecord);
    }
  }

  /** Entries still in the outbox (a rejected one has left it: it is on the rejected list). */
  private hasUnsentWorkOn(caseId: string): boolean {
    for (const { mutation } of this.outbox.values()) {
      if (mutation.entity === 'case' && mutation.entityId === caseId) return true;
      if (mutation.entity === 'report') {
        const reportCase =
          this.reports.get(mutation.entityId)?.caseId ?? (mutation.fields['caseId'] as string | undefined);
        if (reportCase === caseId) return true;
      }
    }
    return false;
  }

  private removeCase(caseId: string): void {
    this.cases.delete(caseId);
    this.serverCases.delete(caseId);
    for (const [id, report] of this.reports) {
      if (report.caseId === caseId) {
        this.reports.delete(id);
        this.serverReports.delete(id);
      }
    }
    for (const [id, event] of this.events) if (event.caseId === caseId) this.events.delete(id);
    for (const [id, attachment] of this.attachments)
      if (attachment.caseId === caseId) this.attachments.delete(id);
  }
}
