/**
 * The engine's decisions, with a scripted transport and a manual clock (the real server and
 * link are in tests/integration/sync-engine): how it splits a refused batch, when it retries
 * and how long it waits, what blocks it, which triggers start a cycle, that text goes before
 * attachments, that a reset keeps the outbox, and how it stops.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  PROTOCOL_VERSION,
  type MutationResult,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../../../../src/shared';
import {
  SyncEngine,
  SyncHttpError,
  SyncProtocolMismatchError,
  SyncSessionEndedError,
  SyncTimeoutError,
  createInProcessLockManager,
  createSyncStatusStore,
  manualConnectivity,
  statusSinkOf,
  type Answer,
  type AttachmentPhase,
  type RequestOptions,
  type SyncChannel,
  type SyncChannelMessage,
  type SyncClock,
  type SyncEngineOptions,
  type SyncTransport,
} from '../../../../src/renderer/sync';
import { MemorySyncStore } from './memory-sync-store';

/** Timers fire only when the test advances time. */
class ManualClock implements SyncClock {
  private time = 1_000_000;
  private timers: Array<{ at: number; callback: () => void; id: number }> = [];
  private nextId = 1;
  /** Awaited after each timer fires (the engine's whenIdle), so a slow machine cannot race the test. */
  afterFire: () => Promise<void> = () => Promise.resolve();

  now = () => this.time;

  setTimeout = (callback: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, callback, id });
    return id;
  };

  clearTimeout = (handle: unknown) => {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  };

  /** Delays of the timers waiting now, from the current time. */
  pending(): number[] {
    return this.timers.map((timer) => timer.at - this.time).sort((a, b) => a - b);
  }

  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = due.at;
      due.callback();
      await settle();
      await this.afterFire();
    }
    this.time = until;
  }
}

/** Lets pending promise chains and 0-ms yields run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Polls (in real time) until `predicate` holds: for states reached through real awaits. */
async function waitFor(predicate: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i += 1) {
    if (predicate()) return;
    await settle();
  }
  throw new Error(`never: ${what}`);
}

type PushScript = (
  request: PushRequest,
  options: RequestOptions | undefined,
) => Promise<PushResponse> | PushResponse;

/** A server stand-in: applies everything unless scripted otherwise, and records what it got. */
class ScriptedTransport implements SyncTransport {
  readonly pushes: PushRequest[] = [];
  readonly pulls: PullRequest[] = [];
  readonly events: string[] = [];
  pushScripts: PushScript[] = [];
  pullPages: Array<PullResponse | Error> = [];

  async push(request: PushRequest, options?: RequestOptions): Promise<Answer<PushResponse>> {
    this.pushes.push(request);
    this.events.push(`push:${request.mutations.length}`);
    const script = this.pushScripts.shift();
    const data = script ? await script(request, options) : applyAll(request);
    const json = JSON.stringify(request).length;
    return { data, sent: { jsonBytes: json, wireBytes: Math.ceil(json / 4) } };
  }

  async pull(request: PullRequest): Promise<Answer<PullResponse>> {
    this.pulls.push(request);
    this.events.push(`pull:${request.cursor ?? 'null'}`);
    const page = this.pullPages.shift() ?? {
      protocolVersion: PROTOCOL_VERSION,
      changes: [],
      cursor: request.cursor ?? '0',
      hasMore: false,
    };
    if (page instanceof Error) throw page;
    return { data: page, sent: { jsonBytes: 60, wireBytes: 60 } };
  }
}

function applyAll(request: PushRequest): PushResponse {
  return {
    protocolVersion: PROTOCOL_VERSION,
    serverTime: new Date().toISOString(),
    results: request.mutations.map((m): MutationResult => ({
      mutationId: m.mutationId,
      seq: m.seq,
      status: 'applied',
      version: 2,
      conflicts: [],
      error: null,
    })),
  };
}

interface SentBatch {
  seqs: number[];
  after: number | null;
  aborted: () => boolean;
}

/**
 * A transport that records each push as it is sent (its seqs, `after`, whether it was then
 * aborted) and fails it when aborted; `respond` decides the rest (answer with `answer()`,
 * fail with `reject`). Pulls find nothing.
 */
function recordingTransport(
  respond: (push: { request: PushRequest; batch: SentBatch; signal: AbortSignal | undefined; answer: () => void; reject: (error: unknown) => void }) => void,
): { transport: SyncTransport; sent: SentBatch[] } {
  const sent: SentBatch[] = [];
  const transport: SyncTransport = {
    push: (request, options) =>
      new Promise((resolve, reject) => {
        const signal = options?.signal;
        const batch: SentBatch = { seqs: request.mutations.map((m) => m.seq), after: request.after ?? null, aborted: () => signal?.aborted === true };
        sent.push(batch);
        signal?.addEventListener('abort', () => reject(new Error('aborted')));
        respond({ request, batch, signal, answer: () => resolve({ data: applyAll(request), sent: { jsonBytes: 100, wireBytes: 50 } }), reject });
      }),
    pull: async (request) => ({
      data: { protocolVersion: PROTOCOL_VERSION, changes: [], cursor: request.cursor ?? '0', hasMore: false },
      sent: { jsonBytes: 60, wireBytes: 60 },
    }),
  };
  return { transport, sent };
}

const CASE_ID = '00000000-0000-4000-8000-000000000777';

function storeWithCase(): MemorySyncStore {
  const store = new MemorySyncStore('00000000-0000-4000-8000-000000000103', 'ws-unit-test');
  // A case as if pulled earlier, so the desk can edit it.
  store.cases.set(CASE_ID, {
    id: CASE_ID,
    urgency: 'normal',
    title: 'Bansos belum cair',
    version: 1,
  } as never);
  return store;
}

function edits(store: MemorySyncStore, count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => store.updateCase(CASE_ID, { title: `Judul ${i}` }).mutationId,
  );
}

const engines: SyncEngine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
});

function engineWith(
  overrides: Partial<SyncEngineOptions> & { store: MemorySyncStore; transport: SyncTransport },
) {
  const clock = new ManualClock();
  const status = createSyncStatusStore();
  const connectivity = manualConnectivity(true);
  const engine = new SyncEngine({
    status: statusSinkOf(status),
    locks: createInProcessLockManager(),
    connectivity,
    clock,
    random: () => 0.5,
    channel: null,
    ...overrides,
    settings: {
      periodicIntervalMs: 60_000,
      localWriteDebounceMs: 1_000,
      backoff: { baseMs: 1_000, maxMs: 8_000 },
      // These tests script one answer per batch in order; pipelining has its own tests.
      pipelinePushes: false,
      ...overrides.settings,
    },
  });
  engines.push(engine);
  clock.afterFire = () => engine.whenIdle();
  return { engine, clock, status, connectivity };
}

describe('sync engine decisions', () => {
  it('splits a batch the server refuses as a whole until the bad mutation is alone, then parks it as rejected', async () => {
    const store = storeWithCase();
    const ids = edits(store, 8);
    const bad = ids[5]!;
    const transport = new ScriptedTransport();
    transport.pushScripts = Array.from({ length: 20 }, () => (request: PushRequest) => {
      if (request.mutations.some((m) => m.mutationId === bad))
        throw new SyncHttpError(400, 'invalid_body', 'mutations.0.fields: terlalu panjang');
      return applyAll(request);
    });
    const { engine, status } = engineWith({ store, transport, settings: { batch: { initialCount: 8 } } });
    await engine.start();
    await engine.whenIdle();
    // 8 refused → 4 taken (bound grows to 5) → the other 4 refused → 2 refused → [4] taken →
    // [5, 6] refused → [5] alone, refused: parked → [6] → [7]. No backoff: nothing failed.
    expect(transport.pushes.map((p) => p.mutations.length)).toEqual([8, 4, 4, 2, 1, 2, 1, 1, 1]);
    expect(
      transport.pushes.filter((p) => p.mutations.length === 1).map((p) => p.mutations[0]!.mutationId),
    ).toEqual(ids.slice(4));
    expect(store.rejected).toEqual([
      expect.objectContaining({
        mutation: expect.objectContaining({ mutationId: bad }),
        error: { code: 'invalid_body', message: 'mutations.0.fields: terlalu panjang' },
      }),
    ]);
    expect((await store.summary()).pending).toBe(0);
    expect(status.getState().sync).toMatchObject({ rejectedCount: 1, error: null, phase: 'idle' });
  });

  it('a 400 that is not the server’s answer (a proxy’s error page) parks nothing and is retried', async () => {
    const store = storeWithCase();
    edits(store, 4);
    const transport = new ScriptedTransport();
    transport.pushScripts = Array.from({ length: 3 }, () => () => {
      throw new SyncHttpError(400, 'invalid_body', 'Permintaan tidak valid.', undefined, false);
    });
    const { engine, status } = engineWith({ store, transport, settings: { batch: { initialCount: 4 } } });
    await engine.start();
    await engine.whenIdle();
    expect(transport.pushes.map((p) => p.mutations.length)).toEqual([4]);
    expect(store.rejected).toEqual([]);
    expect((await store.summary()).pending).toBe(4);
    expect(status.getState().sync).toMatchObject({ phase: 'waiting_to_retry', error: { code: 'invalid_body' } });
  });

  it('retries after exponentially growing, jittered waits, and resets them after a success', async () => {
    const store = storeWithCase();
    edits(store, 2);
    const transport = new ScriptedTransport();
    transport.pushScripts = [1, 2, 3].map(() => () => {
      throw new SyncTimeoutError(30_000);
    });
    const { engine, clock, status } = engineWith({ store, transport });
    await engine.start();
    await engine.whenIdle();
    // random() = 0.5: half of 1 s, 2 s, 4 s.
    expect(status.getState().sync).toMatchObject({
      phase: 'waiting_to_retry',
      nextRetryAt: clock.now() + 500,
      error: { code: 'timeout' },
    });
    await clock.advance(499);
    expect(transport.pushes).toHaveLength(1);
    await clock.advance(1);
    expect(transport.pushes).toHaveLength(2);
    expect(clock.pending()).toEqual([1_000]);
    await clock.advance(1_000);
    expect(clock.pending()).toEqual([2_000]);
    await clock.advance(2_000);
    // The timeouts halved the batch to one mutation; the success carries on with the other.
    expect(transport.pushes.map((p) => p.mutations.length)).toEqual([2, 1, 1, 1, 1]);
    expect(status.getState().sync).toMatchObject({
      phase: 'idle',
      error: null,
      nextRetryAt: null,
      pendingCount: 0,
    });
    // Back to the periodic timer.
    expect(clock.pending()).toEqual([60_000]);
    // A local write during backoff does not jump the queue; after success it is debounced.
    edits(store, 1);
    engine.notifyLocalWrite();
    expect(clock.pending()).toEqual([1_000, 60_000]);
  });

  it('halves the batch after a timeout and grows it by a quarter after full successes', async () => {
    const store = storeWithCase();
    edits(store, 100);
    const transport = new ScriptedTransport();
    transport.pushScripts = [
      () => {
        throw new SyncTimeoutError(30_000);
      },
    ];
    const { engine, clock } = engineWith({
      store,
      transport,
      settings: { batch: { initialCount: 16, initialCompressedBytes: 1024 * 1024 } },
    });
    await engine.start();
    await engine.whenIdle();
    expect(engine.batchBounds().count).toBe(8);
    await clock.advance(500);
    await engine.whenIdle();
    expect(transport.pushes.map((p) => p.mutations.length)).toEqual([16, 8, 10, 13, 17, 22, 28, 2]);
  });

  it('waits out a 403 that is not the server’s answer (a firewall’s page) instead of stopping for a person', async () => {
    const store = storeWithCase();
    edits(store, 1);
    const transport = new ScriptedTransport();
    transport.pushScripts = [
      () => {
        throw new SyncHttpError(403, 'forbidden', 'Akses ditolak.', undefined, false);
      },
    ];
    const { engine, status } = engineWith({ store, transport });
    await engine.start();
    await engine.whenIdle();
    expect(status.getState().sync).toMatchObject({ phase: 'waiting_to_retry', error: { code: 'forbidden' } });
    expect((await store.summary()).pending).toBe(1);
  });

  it('stops for a person on another protocol version or an ended session, until "Sync now"', async () => {
    const store = storeWithCase();
    edits(store, 1);
    const transport = new ScriptedTransport();
    transport.pushScripts = [
      () => {
        throw new SyncProtocolMismatchError();
      },
      () => {
        throw new SyncSessionEndedError();
      },
    ];
    const { engine, clock, status, connectivity } = engineWith({ store, transport });
    await engine.start();
    await engine.whenIdle();
    expect(status.getState().sync).toMatchObject({
      phase: 'blocked',
      nextRetryAt: null,
      error: { code: 'protocol_mismatch' },
    });
    expect(clock.pending()).toEqual([]);
    // Neither reconnection nor a local write restarts it.
    connectivity.set(false);
    connectivity.set(true);
    engine.notifyLocalWrite();
    await clock.advance(120_000);
    expect(transport.pushes).toHaveLength(1);
    expect(await engine.syncNow()).toMatchObject({ kind: 'failed', retryInMs: null });
    expect(status.getState().sync.error).toMatchObject({
      code: 'session_ended',
      message: expect.stringMatching(/silakan masuk lagi/),
    });
    expect(await engine.syncNow()).toMatchObject({ kind: 'synced', pushed: 1 });
  });

  it('starts cycles on reconnection, on the timer, and once after a burst of local writes', async () => {
    const store = storeWithCase();
    const transport = new ScriptedTransport();
    const { engine, clock, connectivity, status } = engineWith({ store, transport });
    const triggers: string[] = [];
    engine.onCycle((_outcome, trigger) => triggers.push(trigger));
    await engine.start();
    await engine.whenIdle();
    expect(triggers).toEqual(['start']);

    connectivity.set(false);
    expect(status.getState().sync.isOnline).toBe(false);
    edits(store, 3);
    for (let i = 0; i < 3; i += 1) engine.notifyLocalWrite();
    await clock.advance(1_000);
    expect(triggers).toEqual(['start', 'local_write']);
    expect(transport.pushes).toHaveLength(0);

    connectivity.set(true);
    await settle();
    await engine.whenIdle();
    expect(triggers).toEqual(['start', 'local_write', 'online']);
    expect(transport.pushes.map((p) => p.mutations.length)).toEqual([3]);

    await clock.advance(60_000);
    expect(triggers).toEqual(['start', 'local_write', 'online', 'timer']);

    edits(store, 5);
    for (let i = 0; i < 5; i += 1) {
      engine.notifyLocalWrite();
      await clock.advance(300);
    }
    await clock.advance(1_000);
    expect(triggers.filter((t) => t === 'local_write')).toHaveLength(2);
    expect(transport.pushes.map((p) => p.mutations.length)).toEqual([3, 5]);
  });

  it('pipelines pushes: the next batch goes out before the answer to the one before it, naming its last seq', async () => {
    const store = storeWithCase();
    edits(store, 6);
    const answers: Array<() => void> = [];
    const { transport, sent } = recordingTransport(({ answer }) => answers.push(answer));
    const { engine } = engineWith({ store, transport, settings: { pipelinePushes: true, batch: { initialCount: 2 } } });
    const started = engine.start();
    // Two batches in flight before any answer.
    await expect.poll(() => sent.length).toBe(2);
    expect(sent.map((b) => [b.seqs, b.after])).toEqual([[[1, 2], null], [[3, 4], 2]]);
    answers.shift()!();
    // The first answer is taken, and the third batch follows the second.
    await expect.poll(() => sent.length).toBe(3);
    expect(sent[2]).toMatchObject({ seqs: [5, 6], after: 4 });
    expect(store.pendingMutations().map((m) => m.seq)).toEqual([3, 4, 5, 6]);
    answers.shift()!();
    await expect.poll(() => answers.length).toBe(1);
    answers.shift()!();
    await started;
    await engine.whenIdle();
    expect(sent).toHaveLength(3);
    expect((await store.summary()).pending).toBe(0);
    expect(sent.some((b) => b.aborted())).toBe(false);
  });

  it('abandons the batch sent ahead when the one before it fails, and starts again from the oldest entry', async () => {
    const store = storeWithCase();
    edits(store, 4);
    let mode: 'lose_first' | 'predecessor_missing' | 'old_server' = 'lose_first';
    const { transport, sent } = recordingTransport(({ batch, answer, reject }) => {
      if (mode === 'lose_first' && batch.after === null) setTimeout(() => reject(new SyncTimeoutError(30_000)), 5);
      else if (mode === 'predecessor_missing' && batch.after !== null) setTimeout(() => reject(new SyncHttpError(409, 'predecessor_missing', 'belum sampai')), 5);
      // A server from before pipelining: its strict schema refuses the unknown field.
      else if (mode === 'old_server' && batch.after !== null) setTimeout(() => reject(new SyncHttpError(400, 'invalid_body', 'after: Unrecognized key')), 5);
      else if (mode !== 'lose_first') setTimeout(answer, 10);
      // lose_first: the batch sent ahead is never answered; the engine must abort it.
    });
    const { engine, status } = engineWith({ store, transport, settings: { pipelinePushes: true, batch: { initialCount: 2 } } });

    // The first batch's answer is lost: the one sent ahead of it is aborted, nothing is acknowledged.
    await engine.start();
    await engine.whenIdle();
    expect(status.getState().sync.error).toMatchObject({ code: 'timeout' });
    expect(sent.map((b) => [b.seqs, b.after])).toEqual([[[1, 2], null], [[3, 4], 2]]);
    expect(sent[1]!.aborted()).toBe(true);
    expect(store.pendingMutations().map((m) => m.seq)).toEqual([1, 2, 3, 4]);

    // The server did not see the batch before the one sent ahead: the engine goes on one batch
    // at a time, from the oldest entry, and everything arrives once.
    sent.length = 0;
    mode = 'predecessor_missing';
    expect(await engine.syncNow()).toMatchObject({ kind: 'synced', pushed: 4 });
    expect(sent[1]).toMatchObject({ after: sent[0]!.seqs.at(-1) });
    // The batches sent without `after` (the ones the server answered) cover every entry once, in order.
    expect(sent.filter((b) => b.after === null).flatMap((b) => b.seqs)).toEqual([1, 2, 3, 4]);
    expect((await store.summary()).pending).toBe(0);

    // A server from before pipelining refuses `after` as an unknown field: the engine sends
    // again without it, and no mutation is split off or parked as rejected for that.
    const more = edits(store, 4);
    sent.length = 0;
    mode = 'old_server';
    expect(await engine.syncNow()).toMatchObject({ kind: 'synced', pushed: 4 });
    expect(sent.filter((b) => b.after === null).flatMap((b) => b.seqs)).toEqual([5, 6, 7, 8]);
    expect(store.rejected).toEqual([]);
    expect(store.pendingMutations()).toEqual([]);
    expect(more).toHaveLength(4);
  });

  it('a single mutation refused whole is parked as rejected, and the batch sent after it is abandoned at once', async () => {
    const store = storeWithCase();
    const [bad] = edits(store, 3);
    // As the server does: a batch with `after` waits until that seq is committed (here: answered).
    let committedUpTo = 0;
    const { transport, sent } = recordingTransport(({ request, batch, signal, answer, reject }) => {
      const commit = () => {
        if (request.mutations.some((m) => m.mutationId === bad)) {
          reject(new SyncHttpError(400, 'invalid_body', 'mutations.0.fields: terlalu panjang'));
          return;
        }
        committedUpTo = Math.max(committedUpTo, ...batch.seqs);
        answer();
      };
      const waitForPredecessor = (waitedMs: number) => {
        if (signal?.aborted) return;
        if (batch.after === null || committedUpTo >= batch.after) setTimeout(commit, 5);
        else if (waitedMs > 60_000) reject(new SyncHttpError(409, 'predecessor_missing', 'belum sampai'));
        else setTimeout(() => waitForPredecessor(waitedMs + 5), 5);
      };
      waitForPredecessor(0);
    });
    const { engine } = engineWith({ store, transport, settings: { pipelinePushes: true, batch: { initialCount: 1 } } });
    await engine.start();
    await engine.whenIdle();
    // [1] is refused whole; [2], sent ahead of it, is aborted rather than left waiting for a
    // predecessor that never commits; the queue goes on, pipelined again, from [2].
    expect(sent.slice(0, 3).map((b) => [b.seqs, b.after, b.aborted()])).toEqual([
      [[1], null, false],
      [[2], 1, true],
      [[2], null, false],
    ]);
    expect(store.rejected.map((r) => r.mutation.mutationId)).toEqual([bad]);
    expect((await store.summary()).pending).toBe(0);
  });

  it('asks for the next pull page while applying the current one, and drops that page when the apply fails', async () => {
    const store = storeWithCase();
    const transport = new ScriptedTransport();
    const page = (cursor: string, hasMore: boolean): PullResponse => ({
      protocolVersion: PROTOCOL_VERSION,
      changes: [],
      cursor,
      hasMore,
    });
    transport.pullPages = [page('1', true), page('2', true), page('3', false)];
    const apply = store.applyPulledPage.bind(store);
    let failOn: string | null = null;
    store.applyPulledPage = async (changes, cursor) => {
      transport.events.push(`apply:${cursor}`);
      if (cursor === failOn) throw new Error('disk full');
      return apply(changes, cursor);
    };
    const { engine } = engineWith({ store, transport });
    await engine.start();
    await engine.whenIdle();
    // Page 2 is already asked for before page 1 is applied; pages still apply in order.
    expect(transport.events).toEqual(['pull:null', 'pull:1', 'apply:1', 'pull:2', 'apply:2', 'apply:3']);
    expect(await store.getCursor()).toBe('3');

    // Applying page 4 fails: the prefetched page 5 is never applied, the cursor stays at 3,
    // and the next sync asks again from 3.
    transport.events.length = 0;
    transport.pullPages = [page('4', true), page('5', false)];
    failOn = '4';
    expect(await engine.syncNow()).toMatchObject({ kind: 'failed' });
    expect(transport.events).toEqual(['pull:3', 'pull:4', 'apply:4']);
    expect(await store.getCursor()).toBe('3');
    failOn = null;
    transport.pullPages = [page('4', false)];
    expect(await engine.syncNow()).toMatchObject({ kind: 'synced' });
    expect(await store.getCursor()).toBe('4');
  });

  it('drops a page the store calls stale (a reset in another window) and pulls again from the stored cursor', async () => {
    const store = storeWithCase();
    await store.applyPulledPage([], '500');
    const transport = new ScriptedTransport();
    const page = (cursor: string, hasMore: boolean): PullResponse => ({ protocolVersion: PROTOCOL_VERSION, changes: [], cursor, hasMore });
    transport.pullPages = [page('600', false), page('50', false)];
    const apply = store.applyPulledPage.bind(store);
    const contexts: unknown[] = [];
    store.applyPulledPage = async (changes, cursor, context) => {
      contexts.push(context);
      if (contexts.length === 1) {
        // Another window's sign-in reset the replica while page 600 was on its way.
        await store.resetReplica();
        return { applied: 0, removed: 0, keptForUnsentWork: 0, isStale: true };
      }
      return apply(changes, cursor, context);
    };
    const { engine } = engineWith({ store, transport });
    await engine.start();
    await engine.whenIdle();
    expect(transport.pulls.map((p) => p.cursor)).toEqual(['500', null]);
    expect(contexts).toEqual([
      { from: '500', isLast: true },
      { from: null, isLast: true },
    ]);
    expect(await store.getCursor()).toBe('50');
  });

  it('on a reset request drops the replica, keeps the outbox and pulls from the start', async () => {
    const store = storeWithCase();
    await store.applyPulledPage([], '500');
    const ids = edits(store, 2);
    const transport = new ScriptedTransport();
    // The answer covers only the first mutation, so the second is still unsent during the pull.
    transport.pushScripts = [
      (request) => ({ ...applyAll(request), results: applyAll(request).results.slice(0, 1) }),
    ];
    transport.pullPages = [
      { protocolVersion: PROTOCOL_VERSION, resetRequired: true, message: 'Kursor terlalu lama.' },
      { protocolVersion: PROTOCOL_VERSION, changes: [], cursor: '900', hasMore: false },
    ];
    const { engine } = engineWith({ store, transport });
    await engine.start();
    await engine.whenIdle();
    expect(transport.pulls.map((p) => p.cursor)).toEqual(['500', null]);
    expect(await store.getCursor()).toBe('900');
    expect(store.cases.size).toBe(0);
    expect(store.pendingMutations().map((m) => m.mutationId)).toEqual([ids[1]]);
    expect(await engine.syncNow()).toMatchObject({ kind: 'synced', pushed: 1 });
    expect((await store.summary()).pending).toBe(0);
  });

  it('sends text before attachments, and lets new text overtake an upload in progress', async () => {
    const store = storeWithCase();
    edits(store, 2);
    const transport = new ScriptedTransport();
    let uploadsLeft = 3;
    let engineRef: SyncEngine | null = null;
    const attachments: AttachmentPhase = {
      pendingCount: async () => uploadsLeft,
      uploadPending: async (context) => {
        while (uploadsLeft > 0) {
          if (context.shouldYield()) return { uploaded: 0, failed: 0, isInterrupted: true };
          transport.events.push(`upload:${uploadsLeft}`);
          uploadsLeft -= 1;
          if (uploadsLeft === 2) {
            // The officer writes while the first file goes up.
            edits(store, 1);
            engineRef?.notifyLocalWrite();
          }
        }
        return { uploaded: 3, failed: 0, isInterrupted: false };
      },
    };
    const { engine, clock, status } = engineWith({ store, transport, attachments });
    engineRef = engine;
    await engine.start();
    await engine.whenIdle();
    await clock.advance(1_000);
    await engine.whenIdle();
    expect(transport.events).toEqual([
      'push:2',
      'pull:null',
      'upload:3',
      'push:1',
      'pull:0',
      'upload:2',
      'upload:1',
    ]);
    expect(status.getState().sync.pendingAttachmentCount).toBe(0);
  });

  it('stops mid-push: the request is aborted, the outbox kept, the lock released', async () => {
    const store = storeWithCase();
    edits(store, 4);
    const transport = new ScriptedTransport();
    let sawAbort = false;
    transport.pushScripts = [
      (_request, options) =>
        new Promise<PushResponse>((_resolve, reject) => {
          options?.signal?.addEventListener('abort', () => {
            sawAbort = true;
            reject(new Error('aborted'));
          });
        }),
    ];
    const locks = createInProcessLockManager();
    const { engine, status } = engineWith({ store, transport, locks });
    await engine.start();
    await waitFor(() => status.getState().sync.phase === 'pushing', 'pushing');
    await engine.stop();
    expect(sawAbort).toBe(true);
    expect((await store.summary()).pending).toBe(4);
    expect(status.getState().sync.phase).toBe('stopped');
    expect(await locks.tryAcquire('tindak-sync-00000000-0000-4000-8000-000000000103')).not.toBeNull();
  });

  it('a standby window forwards "Sync now" to the window holding the lock', async () => {
    const store = storeWithCase();
    const transport = new ScriptedTransport();
    const listeners = new Set<(message: SyncChannelMessage) => void>();
    const channel = (): SyncChannel => ({
      post: (message) => listeners.forEach((listener) => listener(message)),
      subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
      close: () => undefined,
    });
    const locks = createInProcessLockManager();
    const active = engineWith({ store, transport, locks, channel: channel() });
    const standby = engineWith({ store, transport, locks, channel: channel() });
    await active.engine.start();
    await active.engine.whenIdle();
    void standby.engine.start();
    await settle();
    expect(standby.status.getState().sync.phase).toBe('standby');
    const cyclesBefore = active.engine.cycles;
    expect(await standby.engine.syncNow()).toEqual({ kind: 'skipped', reason: 'standby' });
    await settle();
    await active.engine.whenIdle();
    expect(active.engine.cycles).toBe(cyclesBefore + 1);
    // A write in the standby window is sent by the active one, and the standby window hears of it.
    edits(store, 2);
    standby.engine.notifyLocalWrite();
    await waitFor(() => standby.status.getState().sync.pendingCount === 2, 'standby counts the writes');
    await active.clock.advance(1_000);
    await waitFor(() => standby.status.getState().sync.pendingCount === 0, 'standby hears of the cycle');
    expect(transport.pushes.at(-1)?.mutations).toHaveLength(2);
    expect(standby.status.getState().sync).toMatchObject({
      phase: 'standby',
      pendingCount: 0,
      lastPushAt: active.clock.now(),
    });
  });

  it('keeps what an answer left without a result for the next cycle', async () => {
    const store = storeWithCase();
    const ids = edits(store, 3);
    const transport = new ScriptedTransport();
    transport.pushScripts = [
      (request) => ({ ...applyAll(request), results: applyAll(request).results.slice(0, 1) }),
    ];
    const { engine } = engineWith({ store, transport });
    await engine.start();
    await engine.whenIdle();
    expect(store.pendingMutations().map((m) => m.mutationId)).toEqual(ids.slice(1));
    expect(store.outboxEntries().map((entry) => entry.attempts)).toEqual([1, 1]);
    await engine.syncNow();
    expect(store.acknowledged.map((r) => r.mutationId)).toEqual(ids);
    expect(transport.pushes.map((p) => p.mutations.map((m) => m.mutationId))).toEqual([ids, ids.slice(1)]);
  });

  it('shows the last push and pull from before a restart, and records new ones', async () => {
    const store = storeWithCase();
    await store.setState('engine.lastPushAt', 111);
    await store.setState('engine.lastPullAt', 222);
    const { engine, status, clock } = engineWith({
      store,
      transport: new ScriptedTransport(),
      connectivity: manualConnectivity(false),
    });
    await engine.start();
    await settle();
    expect(status.getState().sync).toMatchObject({ lastPushAt: 111, lastPullAt: 222 });
    edits(store, 1);
    const online = engineWith({ store, transport: new ScriptedTransport(), clock });
    await engine.stop();
    await online.engine.start();
    await online.engine.whenIdle();
    expect(await store.getState('engine.lastPushAt')).toBe(clock.now());
    expect(online.status.getState().sync).toMatchObject({ lastPushAt: clock.now(), lastPullAt: clock.now() });
  });
});
