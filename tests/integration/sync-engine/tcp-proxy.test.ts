/**
 * The fault-injecting proxy itself, against a small HTTP server that counts what reaches it:
 * each fault does what the engine's tests assume it does.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy';

interface Received {
  path: string;
  bytes: number;
  isComplete: boolean;
}

describe('fault-injecting TCP proxy', () => {
  let origin: Server;
  let originUrl: string;
  const received: Received[] = [];

  beforeAll(async () => {
    origin = createServer((request: IncomingMessage, response) => {
      const entry: Received = { path: request.url ?? '', bytes: 0, isComplete: false };
      received.push(entry);
      request.on('data', (chunk: Buffer) => (entry.bytes += chunk.length));
      request.on('end', () => {
        entry.isComplete = true;
        const size = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('size') ?? '2');
        response.writeHead(200, { 'content-type': 'text/plain', 'content-length': size });
        response.end('x'.repeat(size));
      });
    });
    await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
    const address = origin.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    originUrl = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    origin.closeAllConnections();
    await new Promise((resolve) => origin.close(resolve));
  });

  async function withProxy(run: (proxy: TcpProxy) => Promise<void>) {
    const proxy = await startTcpProxy(originUrl);
    try {
      await run(proxy);
    } finally {
      await proxy.close();
    }
  }

  const post = (proxy: TcpProxy, path: string, bytes: number, signal?: AbortSignal) =>
    fetch(`${proxy.url}${path}`, {
      method: 'POST',
      body: new Uint8Array(bytes),
      headers: { 'content-type': 'application/octet-stream' },
      ...(signal ? { signal } : {}),
    });

  it('forwards requests and counts the bytes on the wire each way', async () => {
    await withProxy(async (proxy) => {
      const response = await post(proxy, '/plain?size=5000', 10_000);
      expect(await response.text()).toHaveLength(5000);
      const stats = proxy.stats();
      // Body plus request headers up; body plus response headers down.
      expect(stats.upstreamBytes).toBeGreaterThan(10_000);
      expect(stats.upstreamBytes).toBeLessThan(10_500);
      expect(stats.downstreamBytes).toBeGreaterThan(5_000);
      expect(stats.downstreamBytes).toBeLessThan(5_400);
    });
  });

  it('adds latency each way and caps bandwidth', async () => {
    await withProxy(async (proxy) => {
      proxy.setFaults({ latencyMs: 100 });
      let started = Date.now();
      await (await post(proxy, '/latency', 10)).text();
      // A fresh connection: the request and its answer each take 100 ms at least.
      expect(Date.now() - started).toBeGreaterThanOrEqual(195);

      proxy.setFaults({ bandwidthBytesPerSecond: 100_000 });
      started = Date.now();
      await (await post(proxy, '/bandwidth?size=100000', 50_000)).text();
      // 50 kB up and 100 kB down at 100 kB/s per direction: at least one second.
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    });
  });

  it('resets a connection mid-body after N upstream bytes; the server sees a cut request', async () => {
    await withProxy(async (proxy) => {
      proxy.setFaults({ resetAfterUpstreamBytes: 3_000 });
      await expect(post(proxy, '/cut', 20_000)).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const cut = received.find((entry) => entry.path === '/cut');
      expect(cut?.isComplete).toBe(false);
      expect(cut?.bytes ?? 0).toBeLessThan(3_000);
      expect(proxy.stats()).toMatchObject({ upstreamBytes: 3_000, resets: 1 });
      // The fault fires once: the next request goes through.
      expect((await post(proxy, '/after-cut', 20_000)).status).toBe(200);
    });
  });

  it('stalls everything until the stall is lifted, losing nothing', async () => {
    await withProxy(async (proxy) => {
      proxy.setFaults({ stall: true });
      const answer = post(proxy, '/stalled', 1_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(received.find((entry) => entry.path === '/stalled')).toBeUndefined();
      proxy.setFaults({});
      expect((await answer).status).toBe(200);
      expect(received.find((entry) => entry.path === '/stalled')?.isComplete).toBe(true);
    });
  });

  it('drops a response after the server has handled the request', async () => {
    await withProxy(async (proxy) => {
      proxy.setFaults({ dropResponses: 1, dropResponsesFor: '/drop-me' });
      expect((await post(proxy, '/not-me', 10)).status).toBe(200);
      await expect(post(proxy, '/drop-me', 10)).rejects.toThrow();
      expect(received.find((entry) => entry.path === '/drop-me')?.isComplete).toBe(true);
      expect(proxy.stats().droppedResponses).toBe(1);
      expect((await post(proxy, '/drop-me', 10)).status).toBe(200);
    });
  });

  it('holds responses while the request reaches the server', async () => {
    await withProxy(async (proxy) => {
      proxy.setFaults({ holdResponses: true });
      const controller = new AbortController();
      const answer = post(proxy, '/held', 10, controller.signal);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(received.find((entry) => entry.path === '/held')?.isComplete).toBe(true);
      controller.abort();
      await expect(answer).rejects.toThrow();
    });
  });

  it('refuses connections while offline', async () => {
    await withProxy(async (proxy) => {
      proxy.setFaults({ refuseConnections: true });
      await expect(post(proxy, '/offline', 10)).rejects.toThrow();
      expect(proxy.stats().refusedConnections).toBeGreaterThanOrEqual(1);
      proxy.setFaults({});
      expect((await post(proxy, '/online-again', 10)).status).toBe(200);
    });
  });
});
