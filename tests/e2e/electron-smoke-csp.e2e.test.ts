// The built Electron renderer, served by the shell's own app:// handler (createAppProtocolHandler
// with its Content-Security-Policy header), in real Chromium, signing in against the real server.
// Electron cannot run here, so a loopback HTTP server stands in for app:// and passes every
// request to the handler (loopback like the central server, so Chromium's local-network rules
// let it connect, as they let app://). It proves the production policy, header and meta together,
// lets the app start and sign in (argon2id needs 'wasm-unsafe-eval') with no violation.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../src/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../src/main/csp';
import { collectPageProblems, launchBrowser } from '../helpers/browser';
import { TEST_PASSWORD, startServer, usernameOf, type TestServer } from '../helpers/server';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const WAIT = { timeout: 30_000 };

describe('the built renderer under the app:// handler and its CSP', () => {
  let buildDir: string;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let standIn: Server;
  let standInOrigin: string;

  beforeAll(async () => {
    buildDir = await mkdtemp(join(tmpdir(), 'tindak-electron-build-'));
    execFileSync('npx', ['--no', 'electron-vite', 'build', '--outDir', buildDir], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
    const handler = createAppProtocolHandler({
      rootDir: join(buildDir, 'renderer'),
      readFile,
      contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    });
    standIn = createServer((request, reply) => {
      void handler({ url: `app://tindak${request.url ?? '/'}`, method: request.method ?? 'GET' }).then(
        async (response) => {
          reply.writeHead(response.status, Object.fromEntries(response.headers));
          reply.end(Buffer.from(await response.arrayBuffer()));
        },
      );
    });
    await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
    standInOrigin = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}`;
    server = await startServer('pglite', { settings: { allowedOrigins: [standInOrigin] } });
    browser = await launchBrowser();
    const context = await browser.newContext();
    page = await context.newPage();
    problems = collectPageProblems(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => standIn?.close(resolve));
    if (buildDir) await rm(buildDir, { recursive: true, force: true });
  });

  it('starts and signs in with no policy violation', async () => {
    await page.goto(`${standInOrigin}/index.html?server=${encodeURIComponent(server.url)}`);
    await page.getByLabel('Nama pengguna').fill(usernameOf('fieldA1'));
    await page.getByLabel('Kata sandi').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    try {
      await page.getByTestId('officer').waitFor(WAIT);
    } catch (error) {
      const said = await page
        .locator('.sign-in__status')
        .textContent()
        .catch(() => null);
      throw new Error(
        `not signed in; the form said: ${said ?? '(nothing)'}; page problems: ${problems.join(' | ')}`,
        {
          cause: error,
        },
      );
    }
    expect(problems.filter((problem) => /Content Security Policy|pageerror/i.test(problem))).toEqual([]);
  });

  it('answers 404 for paths outside the build', async () => {
    const status = await page.evaluate(async () => (await fetch('/..%2f..%2fpackage.json')).status);
    expect(status).toBe(404);
  });
});
