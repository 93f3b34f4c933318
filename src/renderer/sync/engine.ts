/**
 * The sync engine: moves the outbox to the server and the server's changes into the local
 * store, in batches, exactly once, whatever the link does (docs/sync-protocol.md).
 *
 * A cycle is: push every pending mutation in batches (text first), then pull pages until the
 * server has nothing more, then upload pending attachments in resumable chunks. Every step
 * that changes local data is one store transaction (SyncStore), so stopping the engine at any
 * await loses nothing: an entry leaves the outbox only with the server's result for it, and a
 * batch whose answer never came is sent again as it was (same mutation ids, so the server
 * returns its stored results instead of applying twice).
 *
 * One engine per user at a time (a Web Lock, see locks.ts); an engine waiting for the lock is
 * in standby and forwards "sync now" and local-write notices to the active one over a
 * BroadcastChannel. Triggers: start, reconnection (`online`), a timer, shortly after a local
 * write (debounced) and "Sync now". Failures are retried with exponential backoff and full
 * jitter; failures no retry can fix (session ended, another protocol version) block until a
 * person acts and calls `syncNow()` again.
 *
 * The engine awaits between batches and pages and yields a macrotask there, so the renderer
 * stays responsive while a backlog drains.
 */
import {
  LIMITS,
  PROTOCOL_VERSION,
  type MutationResult,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../../shared';
import type { OutboxEntry, OutboxSummary, SyncStore } from '../db/store-contract';
import { DEFAULT_BACKOFF, fullJitterDelay, type BackoffPolicy } from './backoff';
import { BatchSizer, type BatchSizerOptions } from './batch-sizer';
import { systemClock, type SyncClock, type TimerHandle } from './clock';
import { browserConnectivity, type ConnectivitySource } from './connectivity';
import type { Answer, RequestOptions } from './http-client';
import { linkedAbort } from './linked-abort';
import { defaultLockManager, syncLockName, type HeldLock, type SyncLockManager } from './locks';
import { INITIAL_SYNC_STATUS, statusError, type SyncStatus, type SyncStatusSink } from './status-slice';
import {
  SyncAbortedError,
  SyncError,
  SyncHttpError,
  SyncInvalidResponseError,
  SyncProtocolMismatchError,
  SyncSessionEndedError,
  SyncStorageError,
  SyncTimeoutError,
} from './sync-errors';

/** What the engine needs of the HTTP client (SyncHttpClient fits). */
export interface SyncTransport {
  push(request: PushRequest, options?: RequestOptions): Promise<Answer<PushResponse>>;
  pull(request: PullRequest, options?: RequestOptions): Promise<Answer<PullResponse>>;
}

/** What the engine needs of the attachment uploader (AttachmentUploader fits). */
export interface AttachmentPhase {
  pendingCount(): Promise<number>;
  uploadPending(context: AttachmentPhaseContext): Promise<AttachmentPhaseResult>;
}

export interface AttachmentPhaseContext {
  signal: AbortSignal;
  /** True when text is waiting: stop after the current chunk so it goes first. */
  shouldYield(): boolean;
  onProgress(progress: {
    bytesSent: number;
    bytesTotal: number;
    itemsSent: number;
    itemsTotal: number;
  }): void;
}

export interface AttachmentPhaseResult {
  uploaded: number;
  failed: number;
  /** Stopped early to let text go first (or because the engine is stopping). */
  isInterrupted: boolean;
}

export interface SyncEngineSettings {
  /** A cycle at least this often while the engine runs. */
  periodicIntervalMs: number;
  /** A local write triggers a cycle this long after the last write of a burst. */
  localWriteDebounceMs: number;
  backoff: BackoffPolicy;
  /** Records per kind in one pull page, at most (halved after a pull timeout). */
  pullLimit: number;
  minPullLimit: number;
  batch: Partial<BatchSizerOptions>;
  /**
   * Send the next push batch while the previous one's answer is on its way (with `after`, so
   * the server still applies them in order). Off: one batch at a time.
   */
  pipelinePushes: boolean;
}

export const DEFAULT_ENGINE_SETTINGS: SyncEngineSettings = {
  periodicIntervalMs: 60_000,
  localWriteDebounceMs: 1_500,
  backoff: DEFAULT_BACKOFF,
  pullLimit: LIMITS.defaultPullLimit,
  minPullLimit: 25,
  batch: {},
  pipelinePushes: true,
};

export interface SyncEngineOptions {
  store: SyncStore;
  transport: SyncTransport;
  status?: SyncStatusSink;
  attachments?: AttachmentPhase;
  locks?: SyncLockManager;
  connectivity?: ConnectivitySource;
  clock?: SyncClock;
  /** [0, 1), for backoff jitter. */
  random?: () => number;
  settings?: Partial<SyncEngineSettings>;
  /** Cross-window notices while in standby; null disables (default: BroadcastChannel when present). */
  channel?: SyncChannel | null;
}

export type CycleOutcome =
  | { kind: 'synced'; pushed: number; pulledPages: number; pulledChanges: number; uploaded: number; didReset: boolean }
  | { kind: 'failed'; error: SyncError; retryInMs: number | null }
  | { kind: 'skipped'; reason: 'offline' | 'standby' | 'stopped' };

export type SyncTrigger =
  'start' | 'online' | 'timer' | 'local_write' | 'sync_now' | 'retry' | 'follow_up' | 'other_window';

/** A cross-window notice line, e.g. a BroadcastChannel. */
export interface SyncChannel {
  post(message: SyncChannelMessage): void;
  subscribe(listener: (message: SyncChannelMessage) => void): () => void;
  close(): void;
}

/** Standby windows forward writes and "Sync now"; the active one says when a cycle succeeded. */
export type SyncChannelMessage = { type: 'local_write' } | { type: 'sync_now' } | { type: 'cycle_done' };

export function broadcastSyncChannel(userId: string): SyncChannel | null {
  if (typeof BroadcastChannel !== 'function') return null;
  const channel = new BroadcastChannel(`${syncLockName(userId)}-notices`);
  const listeners = new Set<(message: SyncChannelMessage) => void>();
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const data = event.data;
    if (
      typeof data === 'object' &&
      data !== null &&
      'type' in data &&
      (data.type === 'local_write' || data.type === 'sync_now' || data.type === 'cycle_done')
    ) {
      for (const listener of listeners) listener({ type: data.type });
    }
  };
  return {
    post: (message) => channel.postMessage(message),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => channel.close(),
  };
}

/**
 * sent: answered with results; refused: its one mutation refused whole (parked as rejected);
 * split: refused whole, to be sent again in halves; unpipelined: sent with `after` to a server
 * that refused it for that (predecessor_missing, or a server from before pipelining).
 */
type BatchOutcome = 'sent' | 'refused' | 'split' | 'unpipelined';

/** The engine's keys in the store's sync bookkeeping (SyncStore.getState/setState). */
const LAST_PUSH_KEY = 'engine.lastPushAt';
const LAST_PULL_KEY = 'engine.lastPullAt';

/** Yields to the event loop so input and rendering get a turn between batches. */
const yieldToUi = () => new Promise<void>((resolve) => globalThis.setTimeout(resolve, 0));

/** A push batch whose request is on its way. */
interface SentBatch {
  entries: readonly OutboxEntry[];
  /** The `after` it was sent with (null: not pipelined). */
  after: number | null;
  controller: AbortController;
  answer: Promise<Answer<PushResponse>>;
}

/** Gives up a batch sent ahead: its request is aborted and its outcome ignored. */
function abandon(batch: SentBatch | null): void {
  batch?.controller.abort(new SyncAbortedError());
}

const noStatus: SyncStatusSink = { update: () => undefined, current: () => INITIAL_SYNC_STATUS };

export class SyncEngine {
  private readonly store: SyncStore;
  private readonly transport: SyncTransport;
  private readonly status: SyncStatusSink;
  private readonly attachments: AttachmentPhase | undefined;
  private readonly locks: SyncLockManager;
  private readonly connectivity: ConnectivitySource;
  private readonly clock: SyncClock;
  private readonly random: () => number;
  private readonly settings: SyncEngineSettings;
  private readonly sizer: BatchSizer;
  private readonly channel: SyncChannel | null;
  private pullLimit: number;

  private readonly lifetime = new AbortController();
  private lock: HeldLock | null = null;
  private isActive = false;
  private isStarted = false;
  private isBlocked = false;
  private consecutiveFailures = 0;
  /** A local write arrived since the current cycle started. */
  private hasNewLocalWrites = false;
  private running: Promise<CycleOutcome> | null = null;
  private queued: Promise<CycleOutcome> | null = null;
  private wakeTimer: TimerHandle | null = null;
  private debounceTimer: TimerHandle | null = null;
  private readonly unsubscribers: Array<() => void> = [];
  private readonly cycleListeners = new Set<(outcome: CycleOutcome, trigger: SyncTrigger) => void>();
  private cycleCount = 0;

  constructor(options: SyncEngineOptions) {
    this.store = options.store;
    this.transport = options.transport;
    this.status = options.status ?? noStatus;
    this.attachments = options.attachments;
    this.locks = options.locks ?? defaultLockManager();
    this.connectivity = options.connectivity ?? browserConnectivity();
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.settings = { ...DEFAULT_ENGINE_SETTINGS, ...options.settings };
    this.sizer = new BatchSizer(this.settings.batch);
    this.pullLimit = Math.min(this.settings.pullLimit, LIMITS.maxPullLimit);
    this.channel =
      options.channel === undefined ? broadcastSyncChannel(options.store.userId) : options.channel;
  }

  /** Number of cycles run so far (for tests and diagnostics). */
  get cycles(): number {
    return this.cycleCount;
  }

  /** The batch bounds right now (for the status view and tests). */
  batchBounds() {
    return this.sizer.snapshot();
  }

  get isRunning(): boolean {
    return this.isActive;
  }

  /**
   * Waits for the user's sync lock, then installs the triggers and runs a first cycle.
   * Resolves true once active, false if stopped before the lock came. Safe to call as
   * `void engine.start()`: it never rejects.
   */
  async start(): Promise<boolean> {
    if (this.isStarted) return this.isActive;
    this.isStarted = true;
    this.update({ phase: 'standby', isOnline: this.connectivity.isOnline() });
    const forwardToActive = this.channel?.subscribe((message) => {
      if (!this.isActive) {
        // In standby, the active window's success changes what this window should show.
        if (message.type === 'cycle_done') void this.refreshStandbyStatus().catch(() => undefined);
        return;
      }
      if (message.type === 'cycle_done') return;
      if (message.type === 'sync_now') {
        this.isBlocked = false;
        void this.trigger('other_window');
      } else this.notifyLocalWrite();
    });
    if (forwardToActive) this.unsubscribers.push(forwardToActive);
    void this.refreshSummary().catch(() => undefined);
    void this.restoreLastSyncTimes(false).catch(() => undefined);
    try {
      this.lock = await this.locks.acquire(syncLockName(this.store.userId), this.lifetime.signal);
    } catch {
      return false;
    }
    if (this.lifetime.signal.aborted) {
      this.lock.release();
      this.lock = null;
      return false;
    }
    this.isActive = true;
    this.unsubscribers.push(
      this.connectivity.subscribe((isOnline) => {
        this.update({ isOnline });
        if (isOnline && !this.isBlocked) {
          this.consecutiveFailures = 0;
          void this.trigger('online');
        }
      }),
    );
    this.update({ phase: 'idle' });
    void this.trigger('start');
    return true;
  }

  /** "Sync now": a cycle at once (after the running one), also after a blocking failure. */
  syncNow(): Promise<CycleOutcome> {
    if (!this.isActive) {
      this.channel?.post({ type: 'sync_now' });
      return Promise.resolve({
        kind: 'skipped',
        reason: this.lifetime.signal.aborted ? 'stopped' : 'standby',
      });
    }
    this.isBlocked = false;
    return this.trigger('sync_now');
  }

  /** The desk calls this after every local write: a cycle follows shortly, once the burst ends. */
  notifyLocalWrite(): void {
    if (this.lifetime.signal.aborted) return;
    this.hasNewLocalWrites = true;
    void this.refreshSummary().catch(() => undefined);
    if (!this.isActive) {
      this.channel?.post({ type: 'local_write' });
      return;
    }
    // While backing off after failures, the scheduled retry comes first.
    if (this.isBlocked || this.consecutiveFailures > 0) return;
    if (this.debounceTimer !== null) this.clock.clearTimeout(this.debounceTimer);
    this.debounceTimer = this.clock.setTimeout(() => {
      this.debounceTimer = null;
      void this.trigger('local_write');
    }, this.settings.localWriteDebounceMs);
  }

  /** Calls `listener` after every cycle; returns the unsubscribe function. */
  onCycle(listener: (outcome: CycleOutcome, trigger: SyncTrigger) => void): () => void {
    this.cycleListeners.add(listener);
    return () => this.cycleListeners.delete(listener);
  }

  /** Resolves when no cycle is running or queued. */
  async whenIdle(): Promise<void> {
    while (this.running || this.queued) await (this.queued ?? this.running);
  }

  /**
   * Stops at the next await: the request in flight is aborted (the server may or may not have
   * committed it; the next engine finds out by sending the same batch), timers and listeners
   * are removed, and the lock is released for another window.
   */
  async stop(): Promise<void> {
    if (this.lifetime.signal.aborted) return;
    this.lifetime.abort(new SyncAbortedError());
    this.clearTimers();
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.channel?.close();
    await this.whenIdle();
    this.isActive = false;
    this.lock?.release();
    this.lock = null;
    this.update({ phase: 'stopped', progress: null, nextRetryAt: null });
  }

  private trigger(trigger: SyncTrigger): Promise<CycleOutcome> {
    if (!this.isActive)
      return Promise.resolve({
        kind: 'skipped',
        reason: this.lifetime.signal.aborted ? 'stopped' : 'standby',
      });
    if (!this.running) {
      this.running = this.runCycle(trigger).finally(() => {
        this.running = null;
      });
      return this.running;
    }
    // One cycle at a time; requests during a cycle share one follow-up cycle.
    this.queued ??= this.running.then(() => {
      this.queued = null;
      return this.trigger(trigger);
    });
    return this.queued;
  }

  private async runCycle(trigger: SyncTrigger): Promise<CycleOutcome> {
    const signal = this.lifetime.signal;
    if (signal.aborted) return { kind: 'skipped', reason: 'stopped' };
    this.clearWake();
    if (!this.connectivity.isOnline()) {
      this.update({ isOnline: false, phase: 'idle', progress: null });
      // The `online` event normally wakes us; the timer covers a browser wrong about being offline.
      this.scheduleWake(this.settings.periodicIntervalMs, 'timer');
      return this.finish({ kind: 'skipped', reason: 'offline' }, trigger);
    }
    this.cycleCount += 1;
    this.hasNewLocalWrites = false;
    try {
      const pushed = await this.pushPending(signal);
      const pull = await this.pullAll(signal);
      const uploaded = await this.uploadAttachments(signal);
      this.consecutiveFailures = 0;
      this.update({ phase: 'idle', progress: null, error: null, nextRetryAt: null, isOnline: true });
      await this.refreshSummary();
      this.scheduleWake(this.settings.periodicIntervalMs, 'timer');
      return this.finish(
        { kind: 'synced', pushed, pulledPages: pull.pages, pulledChanges: pull.changes, uploaded, didReset: pull.didReset },
        trigger,
      );
    } catch (error) {
      const outcome = this.fail(error);
      // The counts shown must be true when the caller hears of the failure.
      await this.refreshSummary().catch(() => undefined);
      return this.finish(outcome, trigger);
    }
  }

  private finish(outcome: CycleOutcome, trigger: SyncTrigger): CycleOutcome {
    for (const listener of this.cycleListeners) listener(outcome, trigger);
    if (outcome.kind === 'synced') this.channel?.post({ type: 'cycle_done' });
    // Writes made during the cycle (or a push cut short to let them in) get their own cycle.
    if (outcome.kind === 'synced' && this.hasNewLocalWrites && this.debounceTimer === null)
      this.scheduleWake(0, 'follow_up');
    return outcome;
  }

  private fail(error: unknown): CycleOutcome {
    if (this.lifetime.signal.aborted || error instanceof SyncAbortedError) {
      return { kind: 'skipped', reason: 'stopped' };
    }
    const syncError = error instanceof SyncError ? error : new SyncStorageError(error);
    const now = this.clock.now();
    const needsPerson =
      syncError instanceof SyncSessionEndedError ||
      syncError instanceof SyncProtocolMismatchError ||
      // A firewall's own 403 page is a link problem to wait out, not the server's refusal.
      (syncError instanceof SyncHttpError && syncError.status === 403 && syncError.isServerAnswer);
    if (needsPerson) {
      this.isBlocked = true;
      this.update({
        phase: 'blocked',
        progress: null,
        nextRetryAt: null,
        error: statusError(syncError.code, now, syncError.message),
      });
      return { kind: 'failed', error: syncError, retryInMs: null };
    }
    this.consecutiveFailures += 1;
    const retryInMs = fullJitterDelay(this.consecutiveFailures, this.settings.backoff, this.random);
    this.update({
      phase: 'waiting_to_retry',
      progress: null,
      nextRetryAt: now + retryInMs,
      error: statusError(
        syncError.code,
        now,
        syncError instanceof SyncHttpError ? syncError.message : undefined,
      ),
    });
    this.scheduleWake(retryInMs, 'retry');
    return { kind: 'failed', error: syncError, retryInMs };
  }

  // ---------------------------------------------------------------------------------------
  // Push
  // ---------------------------------------------------------------------------------------

  private async pushPending(signal: AbortSignal): Promise<number> {
    const summary = await this.storeCall(() => this.store.summary());
    const progress = {
      itemsSent: 0,
      itemsTotal: summary.pending,
      bytesSent: 0,
      bytesTotal: this.sizer.estimateCompressed(summary.pendingBytes),
    };
    let pushed = 0;
    /**
     * Pipelining: while a batch's answer is on its way, the next batch is already sent, naming
     * the last `seq` of the one before it (`after`); the server applies it only once that one
     * committed. Answers are still taken one batch at a time, in order. Whenever a batch does
     * not come back fully acknowledged, the batch sent after it is abandoned (its request
     * aborted; if the server applied it anyway, resending it is a replay) and the queue starts
     * again from its oldest entry. A `predecessor_missing` answer turns pipelining off for the
     * rest of the cycle.
     */
    let isPipelined = this.settings.pipelinePushes;
    let ahead: SentBatch | null = null;
    try {
      for (;;) {
        if (signal.aborted) throw new SyncAbortedError();
        let current: SentBatch;
        if (ahead !== null) {
          current = ahead;
          ahead = null;
        } else {
          const limits = this.sizer.limits();
          const entries = await this.storeCall(() => this.store.nextBatch(limits.count, limits.jsonBytes));
          if (entries.length === 0) break;
          current = this.sendBatch(entries, null, signal, isPipelined);
        }
        const { entries } = current;
        // Writes made meanwhile join the total, so progress never runs past 100 %.
        progress.itemsTotal = Math.max(progress.itemsTotal, progress.itemsSent + entries.length);
        this.update({ phase: 'pushing', progress: { ...progress } });
        if (isPipelined) {
          const lastSeq = entries[entries.length - 1]!.mutation.seq;
          const limits = this.sizer.limits();
          const next = await this.storeCall(() => this.store.nextBatch(limits.count, limits.jsonBytes, lastSeq));
          if (next.length > 0) ahead = this.sendBatch(next, lastSeq, signal, true);
        }
        const batchBytes = entries.reduce((sum, entry) => sum + entry.bytes, 0);
        const result = await this.finishBatch(current);
        if (result.outcome !== 'sent' || result.acknowledged < entries.length) {
          // The batch sent ahead must not wait on the server for a predecessor that did not commit whole.
          abandon(ahead);
          ahead = null;
        }
        if (result.outcome === 'unpipelined') {
          // Send again from the oldest entry, one batch at a time, for the rest of this cycle.
          isPipelined = false;
          continue;
        }
        if (result.outcome === 'split') continue;
        pushed += result.acknowledged;
        // An answer without every result (not what the server does): the rest waits for the next cycle.
        const isPartial = result.acknowledged < entries.length;
        progress.itemsSent += result.acknowledged;
        progress.bytesSent += result.wireBytes;
        progress.bytesTotal = Math.max(
          progress.bytesTotal,
          progress.bytesSent + this.sizer.estimateCompressed(Math.max(0, summary.pendingBytes - batchBytes)),
        );
        this.update({ progress: { ...progress }, lastPushAt: this.clock.now() });
        if (isPartial) break;
        await yieldToUi();
      }
    } finally {
      abandon(ahead);
    }
    if (pushed > 0) await this.storeCall(() => this.store.setState(LAST_PUSH_KEY, this.clock.now()));
    return pushed;
  }

  /** Starts the request for a batch; its answer is taken by finishBatch. */
  private sendBatch(
    entries: readonly OutboxEntry[],
    after: number | null,
    signal: AbortSignal,
    isLinkShared: boolean,
  ): SentBatch {
    const { controller, unlink } = linkedAbort(signal);
    const request: PushRequest = {
      protocolVersion: PROTOCOL_VERSION,
      deviceId: this.store.deviceId,
      mutations: entries.map((entry) => entry.mutation),
      ...(after === null ? {} : { after }),
    };
    // Pipelined, another batch of about this size shares the link: allow for its bytes too.
    const sharedWireBytes = isLinkShared
      ? this.sizer.estimateCompressed(entries.reduce((sum, entry) => sum + entry.bytes, 0))
      : 0;
    const answer = this.transport
      .push(request, { signal: controller.signal, sharedWireBytes })
      .finally(unlink);
    // Awaited in finishBatch; this only keeps an abandoned batch from being reported as unhandled.
    answer.catch(() => undefined);
    return { entries, after, controller, answer };
  }

  private async finishBatch(
    batch: SentBatch,
  ): Promise<{ outcome: BatchOutcome; acknowledged: number; wireBytes: number }> {
    const { entries } = batch;
    const ids = entries.map((entry) => entry.mutation.mutationId);
    let answer: Answer<PushResponse>;
    try {
      answer = await batch.answer;
    } catch (error) {
      if (batch.after !== null && error instanceof SyncHttpError && (error.code === 'predecessor_missing' || isWholeBatchRefusal(error))) {
        // Its predecessor did not commit (lost, refused whole), or the server predates `after`
        // and refuses the field: nothing was applied; never split or park mutations for this.
        return { outcome: 'unpipelined', acknowledged: 0, wireBytes: 0 };
      }
      if (isWholeBatchRefusal(error)) {
        if (entries.length > 1) {
          // Halve until the refused mutation is alone; the others go through meanwhile.
          this.sizer.onTimeout(entries.length);
          return { outcome: 'split', acknowledged: 0, wireBytes: 0 };
        }
        // One mutation the server refuses outright: it goes to the rejected list with the
        // server's reason (never dropped, never blocking the queue).
        const only = entries[0]!;
        await this.storeCall(() => this.store.acknowledge([refusedResult(only, error)]));
        return { outcome: 'refused', acknowledged: 1, wireBytes: 0 };
      }
      await this.store.markAttempted(ids).catch(() => undefined);
      if (error instanceof SyncTimeoutError) this.sizer.onTimeout(entries.length);
      throw error;
    }
    this.sizer.observeCompression(answer.sent.jsonBytes, answer.sent.wireBytes);
    const sent = new Set(ids);
    const results = answer.data.results.filter((result) => sent.has(result.mutationId));
    if (results.length === 0) {
      await this.store.markAttempted(ids).catch(() => undefined);
      throw new SyncInvalidResponseError('/sync/push', 'tidak ada hasil untuk kiriman ini');
    }
    await this.storeCall(() => this.store.acknowledge(results));
    if (results.length < entries.length) {
      const answered = new Set(results.map((result) => result.mutationId));
      await this.store.markAttempted(ids.filter((id) => !answered.has(id))).catch(() => undefined);
    }
    this.sizer.onSuccess({ count: entries.length, jsonBytes: answer.sent.jsonBytes });
    return { outcome: 'sent', acknowledged: results.length, wireBytes: answer.sent.wireBytes };
  }

  // ---------------------------------------------------------------------------------------
  // Pull
  // ---------------------------------------------------------------------------------------

  private async pullAll(signal: AbortSignal): Promise<{ pages: number; changes: number; didReset: boolean }> {
    let cursor = await this.storeCall(() => this.store.getCursor());
    let pages = 0;
    let changes = 0;
    let didReset = false;
    let staleRestarts = 0;
    this.update({ phase: 'pulling' });
    /**
     * The next page is requested as soon as the previous one has arrived, so the link and the
     * server work while the store applies a page (a pull is read-only on the server: asking
     * early costs nothing if the page is then not needed). Pages are still applied one after
     * another, each with its own cursor. A prefetch is abandoned (aborted, its outcome ignored)
     * when applying the page before it fails.
     */
    let prefetch: { cursor: string | null; controller: AbortController; answer: Promise<Answer<PullResponse>> } | null = null;
    const request = (from: string | null) => {
      const { controller, unlink } = linkedAbort(signal);
      const answer = this.transport
        .pull({ protocolVersion: PROTOCOL_VERSION, cursor: from, limit: this.pullLimit }, { signal: controller.signal })
        .finally(unlink);
      // Handled where it is awaited; this only keeps an abandoned prefetch from being reported as unhandled.
      answer.catch(() => undefined);
      return { cursor: from, controller, answer };
    };
    try {
      for (;;) {
        if (signal.aborted) throw new SyncAbortedError();
        const next = prefetch !== null && prefetch.cursor === cursor ? prefetch : request(cursor);
        prefetch = null;
        let answer: Answer<PullResponse>;
        try {
          answer = await next.answer;
        } catch (error) {
          if (error instanceof SyncTimeoutError)
            this.pullLimit = Math.max(this.settings.minPullLimit, Math.floor(this.pullLimit / 2));
          throw error;
        }
        const page = answer.data;
        if ('resetRequired' in page) {
          // The server pruned history older than our cursor: start over, keeping the outbox.
          if (didReset) throw new SyncInvalidResponseError('/sync/pull', 'reset diminta lagi setelah reset');
          didReset = true;
          await this.storeCall(() => this.store.resetReplica());
          cursor = null;
          continue;
        }
        if (page.hasMore) prefetch = request(page.cursor);
        const from = cursor;
        const applied = await this.storeCall(() => this.store.applyPulledPage(page.changes, page.cursor, { from, isLast: !page.hasMore }));
        if (applied.isStale) {
          // The replica was reset while this page was on its way (a sign-in in another window):
          // the page is dropped, and the pull starts again from the cursor stored now.
          if (staleRestarts >= 2) throw new SyncInvalidResponseError('/sync/pull', 'kursor lokal terus berubah');
          staleRestarts += 1;
          prefetch?.controller.abort(new SyncAbortedError());
          prefetch = null;
          cursor = await this.storeCall(() => this.store.getCursor());
          continue;
        }
        pages += 1;
        changes += page.changes.length;
        cursor = page.cursor;
        this.pullLimit = Math.min(this.settings.pullLimit, Math.ceil(this.pullLimit * 1.25));
        if (!page.hasMore) break;
        await yieldToUi();
      }
    } finally {
      prefetch?.controller.abort(new SyncAbortedError());
    }
    const now = this.clock.now();
    await this.storeCall(() => this.store.setState(LAST_PULL_KEY, now));
    this.update({ lastPullAt: now });
    return { pages, changes, didReset };
  }

  // ---------------------------------------------------------------------------------------
  // Attachments
  // ---------------------------------------------------------------------------------------

  private async uploadAttachments(signal: AbortSignal): Promise<number> {
    if (!this.attachments) return 0;
    if ((await this.attachments.pendingCount()) === 0) {
      this.update({ pendingAttachmentCount: 0 });
      return 0;
    }
    this.update({ phase: 'uploading' });
    const result = await this.attachments.uploadPending({
      signal,
      shouldYield: () => this.hasNewLocalWrites,
      onProgress: (progress) => this.update({ progress }),
    });
    this.update({ pendingAttachmentCount: await this.attachments.pendingCount() });
    return result.uploaded;
  }

  // ---------------------------------------------------------------------------------------
  // Bookkeeping
  // ---------------------------------------------------------------------------------------

  private async refreshSummary(): Promise<OutboxSummary> {
    const summary = await this.store.summary();
    this.update({
      pendingCount: summary.pending,
      oldestPendingAt: summary.oldestCreatedAt,
      rejectedCount: summary.rejected,
      conflictCount: summary.conflicts,
      nextPush: {
        count: summary.pending,
        estimatedBytes: this.sizer.estimateCompressed(summary.pendingBytes),
      },
    });
    return summary;
  }

  /** The last successful push and pull survive a restart: "terakhir sinkron 3 jam lalu" from the start. */
  private async restoreLastSyncTimes(isStoreNewer: boolean): Promise<void> {
    const [lastPushAt, lastPullAt] = await Promise.all([
      this.store.getState<number>(LAST_PUSH_KEY),
      this.store.getState<number>(LAST_PULL_KEY),
    ]);
    const current = this.status.current();
    const stored = (value: unknown) => (typeof value === 'number' ? value : null);
    this.update({
      lastPushAt: isStoreNewer ? stored(lastPushAt) : (current.lastPushAt ?? stored(lastPushAt)),
      lastPullAt: isStoreNewer ? stored(lastPullAt) : (current.lastPullAt ?? stored(lastPullAt)),
    });
  }

  private async refreshStandbyStatus(): Promise<void> {
    await Promise.all([this.refreshSummary(), this.restoreLastSyncTimes(true)]);
  }

  /** Store failures (a full disk above all) become a typed, retryable error; the outbox is untouched. */
  private async storeCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof SyncError) throw error;
      throw new SyncStorageError(error);
    }
  }

  private update(patch: Partial<SyncStatus>): void {
    this.status.update(patch);
  }

  private scheduleWake(ms: number, trigger: SyncTrigger): void {
    this.clearWake();
    if (this.lifetime.signal.aborted) return;
    this.wakeTimer = this.clock.setTimeout(() => {
      this.wakeTimer = null;
      void this.trigger(trigger);
    }, ms);
  }

  private clearWake(): void {
    if (this.wakeTimer !== null) this.clock.clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
  }

  private clearTimers(): void {
    this.clearWake();
    if (this.debounceTimer !== null) this.clock.clearTimeout(this.debounceTimer);
    this.debounceTimer = null;
  }
}

/**
 * The server refused the batch as a whole (too large, or a mutation it cannot read): split it,
 * and park a mutation refused alone. A 400 counts only when the server itself said it: a
 * middlebox's error page says nothing about the mutations, and parking on it would empty the
 * whole outbox into the rejected list without the server having seen one of them.
 */
function isWholeBatchRefusal(error: unknown): error is SyncHttpError {
  return (
    error instanceof SyncHttpError &&
    (error.status === 413 ||
      (error.status === 400 &&
        error.isServerAnswer &&
        (error.code === 'invalid_body' ||
          error.code === 'malformed_json' ||
          error.code === 'batch_too_large')))
  );
}

function refusedResult(entry: OutboxEntry, error: SyncHttpError): MutationResult {
  return {
    mutationId: entry.mutation.mutationId,
    seq: entry.mutation.seq,
    status: 'rejected',
    version: null,
    conflicts: [],
    error: { code: error.code, message: error.message },
  };
}
