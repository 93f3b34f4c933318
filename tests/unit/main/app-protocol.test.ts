// The app:// protocol over a real folder on disk: it serves the built renderer and nothing
// outside it, however the path is spelled.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, resolveAppAssetPath } from '../../../src/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/csp';

let base: string;
let rootDir: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'tindak-protocol-'));
  rootDir = join(base, 'renderer');
  await mkdir(join(rootDir, 'assets'), { recursive: true });
  await writeFile(join(rootDir, 'index.html'), '<!doctype html><title>Tindak</title>');
  await writeFile(join(rootDir, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(join(base, 'secret.txt'), 'outside the app folder');
  await mkdir(join(base, 'renderer-evil'), { recursive: true });
  await writeFile(join(base, 'renderer-evil', 'x.js'), 'sibling folder with a shared prefix');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const handler = () =>
  createAppProtocolHandler({ rootDir, readFile, contentSecurityPolicy: CONTENT_SECURITY_POLICY });
const get = (url: string) => handler()({ url, method: 'GET' });

describe('app:// protocol', () => {
  it('serves index.html for the root and the entry, with the CSP header', async () => {
    for (const url of ['app://tindak/', 'app://tindak/index.html', 'app://tindak/index.html?server=x#/a']) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toContain('<title>Tindak</title>');
    }
  });

  it('serves assets with their content type', async () => {
    const response = await get('app://tindak/assets/index-abc.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for missing files and folders, 405 for writes', async () => {
    expect((await get('app://tindak/missing.js')).status).toBe(404);
    expect((await get('app://tindak/assets')).status).toBe(404);
    expect((await handler()({ url: 'app://tindak/index.html', method: 'POST' })).status).toBe(405);
  });

  it('refuses ../ in every spelling', async () => {
    const attempts = [
      'app://tindak/../secret.txt',
      'app://tindak/assets/../../secret.txt',
      'app://tindak/%2e%2e/secret.txt',
      'app://tindak/%2E%2E/%2E%2E/secret.txt',
      'app://tindak/..%2fsecret.txt',
      'app://tindak/assets/..%2f..%2fsecret.txt',
      'app://tindak/..%5csecret.txt',
      'app://tindak/%252e%252e/secret.txt',
      'app://tindak/..%2f..%2frenderer-evil/x.js',
      'app://tindak/%2fetc%2fpasswd',
      'app://tindak/C:%5cWindows%5cwin.ini',
      'app://tindak/index.html%00.js',
      'app://tindak/%E0%A4%A',
    ];
    for (const url of attempts) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('outside the app folder');
    }
  });

  it('serves only the app host', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('file:///etc/passwd')).status).toBe(404);
  });

  it('never resolves a path outside the app folder (fuzzed paths)', () => {
    const segment = fc.oneof(
      fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        '%2E.',
        '..%2f',
        '%2f',
        '%5c',
        '..%5c..',
        'assets',
        'index.html',
        '%00',
      ),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const path = resolveAppAssetPath(rootDir, `app://tindak/${segments.join('/')}`);
        if (path !== null) expect(path.startsWith(`${rootDir}/`)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});
