/**
 * The contract between the local store (src/renderer/db) and the sync engine
 * (src/renderer/sync). The engine never touches Dexie tables directly: it asks the store for
 * the next batch, hands it the server's results, and gives it pulled pages to apply. Each of
 * these is one local transaction, so an interruption anywhere loses nothing and applies
 * nothing twice.
 *
 * Failures: a full disk or quota rejects with LocalStoreError code `storage_full` (src/renderer/db/errors.ts)
 * and leaves the store as it was; invalid arguments reject with code `invalid_input`.
 */
import type { Mutation, MutationResult, PulledChange } from '../../shared';

/** An outbox entry: a mutation waiting for the server's acknowledgement. */
export interface OutboxEntry {
  /** The mutation exactly as it will be (re)sent; `mutation.seq` is the outbox order. */
  mutation: Mutation;
  /** Bytes of the mutation as JSON, for batch sizing and the "next push" preview. */
  bytes: number;
  /** When the user acted (ms since epoch). */
  createdAt: number;
  /** How many pushes carried it without a result (lost responses, timeouts). */
  attempts: number;
}

export interface OutboxSummary {
  pending: number;
  /** ms since epoch of the oldest pending entry, or null. */
  oldestCreatedAt: number | null;
  pendingBytes: number;
  rejected: number;
  conflicts: number;
}

export interface PullApplyResult {
  applied: number;
  removed: number;
  /** Removals skipped because the case holds unsent work (surfaced as conflicts). */
  keptForUnsentWork: number;
  /**
   * Nothing was written: the stored cursor is no longer the one this page was pulled from (the
   * replica was reset meanwhile, by a sign-in in another window). Pull again from getCursor().
   */
  isStale?: boolean;
}

export interface PullPageContext {
  /** The cursor this page was pulled from; the page is written only if it is still the stored one. */
  from?: string | null;
  /** The server said there is nothing more (`hasMore: false`): the pull is complete. */
  isLast?: boolean;
}

export interface SyncStore {
  readonly userId: string;
  readonly deviceId: string;
  /**
   * The oldest pending entries in seq order, at most `maxCount` and about `maxBytes`: at least
   * one entry whenever the outbox is not empty (even one larger than `maxBytes`, so it cannot
   * stall the queue); none when `maxCount` < 1. Reading does not mark entries as sent. With
   * `afterSeq`, only entries with a greater `seq` (the batch after one still in flight).
   */
  nextBatch(maxCount: number, maxBytes: number, afterSeq?: number): Promise<OutboxEntry[]>;
  /** Counts one more attempt for these mutations (a push without a usable answer). */
  markAttempted(mutationIds: readonly string[]): Promise<void>;
  /**
   * Applies the server's results in one transaction: every acknowledged entry leaves the
   * outbox; rejected ones go to the rejected list with the server's reason; conflicts go to
   * the conflict inbox; versions from the server are recorded on the local records.
   * Results for mutations no longer in the outbox (a repeated answer) are ignored.
   */
  acknowledge(results: readonly MutationResult[]): Promise<void>;
  /** The pull cursor (null before the first pull). */
  getCursor(): Promise<string | null>;
  /** Writes one pulled page and the new cursor in one transaction (bulkPut), rebasing pending local edits. */
  applyPulledPage(changes: readonly PulledChange[], cursor: string, context?: PullPageContext): Promise<PullApplyResult>;
  /** The server asked for a full resync: drop the replicated records and the cursor, keep the outbox. */
  resetReplica(): Promise<void>;
  summary(): Promise<OutboxSummary>;
  /**
   * Key-value sync bookkeeping (last push/pull times, last error). Keys starting with `store.`
   * belong to the store itself (the cursor lives there): setState refuses them.
   */
  getState<T>(key: string): Promise<T | undefined>;
  setState(key: string, value: unknown): Promise<void>;
}
