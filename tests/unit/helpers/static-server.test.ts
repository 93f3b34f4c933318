// The browser tests trust this helper to serve the build like a real static host; check the
// parts they rely on: MIME types, the SPA fallback, the sub-path mount, and no escaping root.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../helpers/static-server';

/** Sends the path as written; fetch() would normalise `..` away before it reached the server. */
function getRaw(
  baseUrl: string,
  rawPath: string,
): Promise<{ status: number; type: string | undefined; body: string }> {
  const { host } = new URL(baseUrl);
  return new Promise((resolveGet, rejectGet) => {
    const req = request(
      { host: host.split(':')[0], port: Number(host.split(':')[1]), path: rawPath },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolveGet({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }),
        );
      },
    );
    req.on('error', rejectGet);
    req.end();
  });
}

describe('static server helper', () => {
  let dir: string;
  let server: StaticServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tindak-static-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>app</title>');
    await writeFile(join(dir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(dir, 'assets', 'app.css'), 'body{}');
    server = await serveStatic(dir, { mountPath: '/tindak/' });
  });

  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves files with their MIME types below the mount path', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/tindak\/$/);
    expect(await getRaw(server.url, '/tindak/')).toMatchObject({
      status: 200,
      type: 'text/html; charset=utf-8',
    });
    expect(await getRaw(server.url, '/tindak/assets/app.js')).toMatchObject({
      status: 200,
      type: 'text/javascript; charset=utf-8',
    });
    expect(await getRaw(server.url, '/tindak/assets/app.css')).toMatchObject({
      status: 200,
      type: 'text/css; charset=utf-8',
    });
  });

  it('falls back to index.html for app routes but not for missing files', async () => {
    expect(await getRaw(server.url, '/tindak/kasus/123')).toMatchObject({
      status: 200,
      body: '<!doctype html><title>app</title>',
    });
    expect((await getRaw(server.url, '/tindak/assets/missing.js')).status).toBe(404);
    expect((await getRaw(server.url, '/elsewhere/')).status).toBe(404);
  });

  it('never serves outside its directory', async () => {
    expect((await getRaw(server.url, '/tindak/../../etc/passwd')).status).toBe(404);
    expect((await getRaw(server.url, '/tindak/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await getRaw(server.url, '/tindak/..%2f..%2f..%2fetc/passwd')).status).toBe(403);
  });

  it('answers a malformed path with 400, not a crash', async () => {
    expect((await getRaw(server.url, '/tindak/%E0%A4%A')).status).toBe(400);
  });
});
