/**
 * A fault-injecting TCP proxy between a sync client and the real server, for tests and
 * benchmarks. It forwards bytes without understanding HTTP, except for peeking at request
 * lines so a fault can target one endpoint. It models a bad link:
 *
 * - latency: every piece of data arrives `latencyMs` after it finished crossing the link
 *   (one way; a round trip costs twice that);
 * - bandwidth: each direction is one link shared by every connection, carrying at most
 *   `bandwidthBytesPerSecond` (queued data waits its turn, as on a real modem);
 * - a connection reset after N more bytes upstream (the client sees ECONNRESET mid-body, the
 *   server a request cut short);
 * - a stall: nothing moves in either direction until the stall is lifted;
 * - held responses: requests go through, answers wait (the server committed, the client hangs);
 * - dropped responses: the request reaches the server whole, and when the server starts to
 *   answer (so it has committed) both sockets are destroyed and the answer never arrives;
 * - refused connections (the office is offline).
 *
 *   const proxy = await startTcpProxy(server.url);
 *   proxy.setFaults({ latencyMs: 150, bandwidthBytesPerSecond: 32_000 });
 *   proxy.setFaults({ dropResponses: 1, dropResponsesFor: '/sync/push' });
 *   proxy.stats(); await proxy.close();
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface ProxyFaults {
  /** One-way delay added to every piece of data, in both directions. */
  latencyMs?: number;
  /** Capacity of each direction of the link, shared by all connections; unset = unlimited. */
  bandwidthBytesPerSecond?: number;
  /**
   * Reset the connection that carries the byte after the next N upstream bytes (counted from
   * when this fault is set). The first N bytes are forwarded. Fires once.
   */
  resetAfterUpstreamBytes?: number;
  /** Hold everything in both directions (nothing is lost: it flows when the stall is lifted). */
  stall?: boolean;
  /**
   * Deliver requests but hold every response (the server commits, the client hears nothing
   * until this is lifted or it gives up): a client killed after the server committed.
   */
  holdResponses?: boolean;
  /** Drop this many responses: forward the request, destroy the connection when the answer starts. */
  dropResponses?: number;
  /** Only responses to requests whose path starts with this count for `dropResponses`. */
  dropResponsesFor?: string;
  /** Reset every open connection and every new one (no route to the server). */
  refuseConnections?: boolean;
}

export interface ProxyStats {
  /** Bytes delivered to the server (request bytes on the wire, headers included). */
  upstreamBytes: number;
  /** Bytes delivered to the client. */
  downstreamBytes: number;
  connections: number;
  resets: number;
  droppedResponses: number;
  refusedConnections: number;
}

export interface TcpProxy {
  /** http://127.0.0.1:<port>, to use as the client's server URL. */
  readonly url: string;
  readonly port: number;
  /** Replaces the fault settings (unset fields: no fault). Applies to open connections too. */
  setFaults(faults: ProxyFaults): void;
  /** Merges into the current fault settings. */
  updateFaults(faults: Partial<ProxyFaults>): void;
  faults(): Readonly<ProxyFaults>;
  stats(): ProxyStats;
  resetStats(): void;
  /** Destroys every open connection (a cable pulled), keeping the listener. */
  cutAll(): void;
  close(): Promise<void>;
}

/** Pieces larger than this are split, so a cap or a reset can act in the middle of a body. */
const MAX_PIECE_BYTES = 4 * 1024;

const REQUEST_LINE = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\S+) HTTP\/1\.[01]\r\n/;

type Direction = 'up' | 'down';

interface QueuedPiece {
  bytes: Buffer;
  deliverAt: number;
}

/** One direction of the shared link: when the wire is free again. */
class LinkDirection {
  private freeAt = 0;

  /** When a piece handed over now finishes crossing the link (before latency). */
  transmit(bytes: number, now: number, bandwidth: number | undefined): number {
    const start = Math.max(now, this.freeAt);
    const duration = bandwidth && bandwidth > 0 ? (bytes * 1000) / bandwidth : 0;
    this.freeAt = start + duration;
    return this.freeAt;
  }

  reset(): void {
    this.freeAt = 0;
  }
}

class ProxiedConnection {
  private readonly queues: Record<Direction, QueuedPiece[]> = { up: [], down: [] };
  private readonly timers: Record<Direction, NodeJS.Timeout | null> = { up: null, down: null };
  private readonly ended: Record<Direction, boolean> = { up: false, down: false };
  /** Path of the request most recently seen going up (for targeted dropped responses). */
  private lastRequestPath: string | null = null;
  private isClosed = false;
  /** An armed reset waits in the upstream queue behind the bytes allowed before it. */
  private resetPending = false;

  constructor(
    private readonly proxy: FaultyLink,
    readonly client: Socket,
    readonly upstream: Socket,
  ) {
    client.on('data', (chunk: Buffer) => this.receive('up', chunk));
    upstream.on('data', (chunk: Buffer) => this.receive('down', chunk));
    client.on('end', () => this.receiveEnd('up'));
    upstream.on('end', () => this.receiveEnd('down'));
    const closeBoth = () => this.destroy(false);
    client.on('error', closeBoth);
    upstream.on('error', closeBoth);
    client.on('close', closeBoth);
    upstream.on('close', closeBoth);
  }

  private receive(direction: Direction, chunk: Buffer): void {
    if (this.isClosed) return;
    if (direction === 'up') {
      const line = REQUEST_LINE.exec(chunk.subarray(0, 300).toString('latin1'));
      if (line) this.lastRequestPath = line[2] ?? null;
    } else if (this.proxy.shouldDropResponse(this.lastRequestPath)) {
      // The server has answered, so it has committed: the client must never hear of it.
      this.destroy(true);
      return;
    }
    for (let start = 0; start < chunk.length; start += MAX_PIECE_BYTES) {
      const piece = chunk.subarray(start, Math.min(chunk.length, start + MAX_PIECE_BYTES));
      if (direction === 'up') {
        const allowed = this.proxy.takeUpstreamAllowance(piece.length);
        if (allowed < piece.length) {
          if (allowed > 0) this.enqueue('up', piece.subarray(0, allowed));
          // Let what was allowed reach the server, then cut both sides.
          this.enqueueReset();
          return;
        }
      }
      this.enqueue(direction, piece);
    }
  }

  private enqueue(direction: Direction, bytes: Buffer): void {
    const queue = this.queues[direction];
    const deliverAt = this.proxy.scheduleDelivery(direction, bytes.length);
    const previous = queue[queue.length - 1]?.deliverAt ?? 0;
    queue.push({ bytes, deliverAt: Math.max(deliverAt, previous) });
    this.pump(direction);
  }

  /** A reset travels behind the data already queued upstream. */
  private enqueueReset(): void {
    const queue = this.queues.up;
    const at = Math.max(queue[queue.length - 1]?.deliverAt ?? 0, Date.now());
    queue.push({ bytes: Buffer.alloc(0), deliverAt: at });
    this.resetPending = true;
    this.pump('up');
  }

  private receiveEnd(direction: Direction): void {
    this.ended[direction] = true;
    this.pump(direction);
  }

  /** Delivers what is due, then sleeps until the next piece is. */
  pump(direction: Direction): void {
    if (this.isClosed) return;
    const timer = this.timers[direction];
    if (timer) {
      clearTimeout(timer);
      this.timers[direction] = null;
    }
    if (this.proxy.isStalled() || (direction === 'down' && this.proxy.isHoldingResponses())) return;
    const queue = this.queues[direction];
    const target = direction === 'up' ? this.upstream : this.client;
    const now = Date.now();
    while (queue.length > 0 && queue[0]!.deliverAt <= now) {
      const piece = queue.shift()!;
      if (piece.bytes.length === 0 && direction === 'up' && this.resetPending) {
        this.proxy.countReset();
        this.destroy(true);
        return;
      }
      target.write(piece.bytes);
      this.proxy.countDelivered(direction, piece.bytes.length);
    }
    const next = queue[0];
    if (next) {
      this.timers[direction] = setTimeout(() => this.pump(direction), Math.max(0, next.deliverAt - now));
    } else if (this.ended[direction]) {
      target.end();
    }
  }

  destroy(isAbrupt: boolean): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const direction of ['up', 'down'] as const) {
      const timer = this.timers[direction];
      if (timer) clearTimeout(timer);
      this.queues[direction] = [];
    }
    if (isAbrupt) {
      // An RST rather than a FIN: what a cut link or a crashed middlebox looks like.
      if (!this.client.destroyed) this.client.resetAndDestroy();
      if (!this.upstream.destroyed) this.upstream.resetAndDestroy();
    } else {
      this.client.destroy();
      this.upstream.destroy();
    }
    this.proxy.forget(this);
  }
}

class FaultyLink {
  private current: ProxyFaults = {};
  private upstreamAllowance: number | null = null;
  private readonly links: Record<Direction, LinkDirection> = {
    up: new LinkDirection(),
    down: new LinkDirection(),
  };
  readonly connections = new Set<ProxiedConnection>();
  counters: ProxyStats = FaultyLink.zero();

  static zero(): ProxyStats {
    return {
      upstreamBytes: 0,
      downstreamBytes: 0,
      connections: 0,
      resets: 0,
      droppedResponses: 0,
      refusedConnections: 0,
    };
  }

  setFaults(faults: ProxyFaults): void {
    const wasHolding = this.current.stall === true || this.current.holdResponses === true;
    const wasRefusing = this.current.refuseConnections === true;
    this.current = { ...faults };
    if (faults.refuseConnections && !wasRefusing) {
      for (const connection of [...this.connections]) connection.destroy(true);
    }
    this.upstreamAllowance = faults.resetAfterUpstreamBytes ?? null;
    if (wasHolding && !faults.stall && !faults.holdResponses) {
      for (const connection of this.connections) {
        connection.pump('up');
        connection.pump('down');
      }
    }
    if (!faults.bandwidthBytesPerSecond) {
      this.links.up.reset();
      this.links.down.reset();
    }
  }

  faults(): Readonly<ProxyFaults> {
    return this.current;
  }

  isStalled(): boolean {
    return this.current.stall === true;
  }

  isHoldingResponses(): boolean {
    return this.current.holdResponses === true;
  }

  isRefusing(): boolean {
    return this.current.refuseConnections === true;
  }

  /** How many of `bytes` may go up before the armed reset fires. */
  takeUpstreamAllowance(bytes: number): number {
    if (this.upstreamAllowance === null) return bytes;
    const allowed = Math.min(bytes, this.upstreamAllowance);
    this.upstreamAllowance -= allowed;
    if (allowed < bytes) {
      this.upstreamAllowance = null;
      delete this.current.resetAfterUpstreamBytes;
    }
    return allowed;
  }

  shouldDropResponse(requestPath: string | null): boolean {
    const remaining = this.current.dropResponses ?? 0;
    if (remaining <= 0) return false;
    const prefix = this.current.dropResponsesFor;
    if (prefix !== undefined && (requestPath === null || !requestPath.startsWith(prefix))) return false;
    this.current.dropResponses = remaining - 1;
    this.counters.droppedResponses += 1;
    return true;
  }

  scheduleDelivery(direction: Direction, bytes: number): number {
    const crossed = this.links[direction].transmit(bytes, Date.now(), this.current.bandwidthBytesPerSecond);
    return crossed + (this.current.latencyMs ?? 0);
  }

  countDelivered(direction: Direction, bytes: number): void {
    if (direction === 'up') this.counters.upstreamBytes += bytes;
    else this.counters.downstreamBytes += bytes;
  }

  countReset(): void {
    this.counters.resets += 1;
  }

  forget(connection: ProxiedConnection): void {
    this.connections.delete(connection);
  }
}

export async function startTcpProxy(targetUrl: string, initialFaults: ProxyFaults = {}): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  const targetPort = Number(target.port);
  const targetHost = target.hostname;
  const link = new FaultyLink();
  link.setFaults(initialFaults);

  const server: Server = createServer({ allowHalfOpen: true, noDelay: true }, (client) => {
    if (link.isRefusing()) {
      link.counters.refusedConnections += 1;
      client.resetAndDestroy();
      return;
    }
    link.counters.connections += 1;
    client.pause();
    const upstream = connect({ host: targetHost, port: targetPort, allowHalfOpen: true, noDelay: true });
    const connection = new ProxiedConnection(link, client, upstream);
    link.connections.add(connection);
    upstream.once('connect', () => client.resume());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('The proxy is not listening on a TCP port.');
  const port = address.port;

  const cutAll = () => {
    for (const connection of [...link.connections]) connection.destroy(true);
  };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setFaults: (faults) => link.setFaults(faults),
    updateFaults: (faults) => link.setFaults({ ...link.faults(), ...faults }),
    faults: () => link.faults(),
    stats: () => ({ ...link.counters }),
    resetStats: () => {
      link.counters = FaultyLink.zero();
    },
    cutAll,
    close: () =>
      new Promise<void>((resolve, reject) => {
        cutAll();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
