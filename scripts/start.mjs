// `npm start`: runs Tindak the best way this machine allows.
//   1. If src/server/cli.ts exists, start the embedded demo server first (see the hook below).
//   2. With the Electron runtime installed: `electron-vite dev` (the desktop app, hot reload).
//   3. Without it: say so loudly, build the browser shell if it is stale, and serve dist-web
//      on http://127.0.0.1:5173 so the app can still be used in a browser.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ELECTRON_INSTALL_HINT, findElectronRuntime } from './electron-runtime.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const WEB_HOST = '127.0.0.1';
const WEB_PORT = 5173;
const DEMO_SERVER_PORT = Number(process.env.TINDAK_DEMO_SERVER_PORT ?? 8787);

const require = createRequire(import.meta.url);

/**
 * The JS file behind a package's command. Tools run as `node <that file>` rather than through
 * npx: npx is one more process that, on SIGTERM, exits without stopping the tool it started.
 */
function toolCommand(packageName) {
  const packageJsonPath = require.resolve(`${packageName}/package.json`);
  const { bin } = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
  const relative = typeof bin === 'string' ? bin : bin[packageName];
  return [process.execPath, join(dirname(packageJsonPath), relative)];
}

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();

/** Starts a long-running child; if it dies, npm start stops with it. */
function startChild([command, ...args], env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!isStopping) {
      console.error(`\n${command} ${args.join(' ')} exited (${signal ?? `code ${code}`}); stopping.`);
      stop(code ?? 1);
    }
  });
  return child;
}

/** Runs a command to completion, rejecting if it fails. */
function run([command, ...args]) {
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.on('error', rejectRun);
    child.on('exit', (code) =>
      code === 0
        ? resolveRun()
        : rejectRun(new Error(`${command} ${args.join(' ')} failed with code ${code}`)),
    );
  });
}

let isStopping = false;
function stop(exitCode) {
  isStopping = true;
  for (const child of children) child.kill('SIGTERM');
  process.exitCode = exitCode;
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(0));

/** Resolves once `url` answers HTTP at all (any status), or rejects after `timeoutMs`. */
async function waitForHttp(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch (error) {
      if (isStopping) throw new Error('stopped while waiting', { cause: error });
      if (Date.now() > deadline)
        throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`, { cause: error });
      await new Promise((resolveWait) => setTimeout(resolveWait, 300));
    }
  }
}

// ---------------------------------------------------------------------------------------
// HOOK: embedded demo server.
// The server issue adds src/server/cli.ts. Until then this does nothing. The contract assumed
// here: `tsx src/server/cli.ts serve --demo --host 127.0.0.1 --port <port>` serves a demo
// organisation over HTTP at http://127.0.0.1:<port> (and allows the browser shell's origin,
// http://127.0.0.1:5173, through CORS). Its URL reaches the renderer as `?server=`: directly
// in the browser shell, through TINDAK_SERVER_URL (read by src/main) in Electron.
// ---------------------------------------------------------------------------------------
async function startDemoServerIfPresent() {
  if (!existsSync(join(root, 'src/server/cli.ts'))) {
    console.log('[tindak] src/server/cli.ts does not exist yet: starting without the demo server.');
    return null;
  }
  const url = `http://127.0.0.1:${DEMO_SERVER_PORT}`;
  console.log(`[tindak] starting the demo server on ${url} ...`);
  startChild([
    ...toolCommand('tsx'),
    'src/server/cli.ts',
    'serve',
    '--demo',
    '--host',
    '127.0.0.1',
    '--port',
    String(DEMO_SERVER_PORT),
  ]);
  await waitForHttp(url, 60_000);
  return url;
}

/** Newest modification time of any file under `path` (a file or a directory). */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestMtime(join(path, name))),
    stats.mtimeMs,
  );
}

function isWebBuildStale() {
  const builtIndex = join(root, 'dist-web/index.html');
  if (!existsSync(builtIndex)) return true;
  const sources = [
    'src/renderer',
    'src/shared',
    'src/preload/api.ts',
    'vite.web.config.ts',
    'scripts/renderer-vite.ts',
    'package.json',
  ];
  return Math.max(...sources.map((source) => newestMtime(join(root, source)))) > statSync(builtIndex).mtimeMs;
}

function warnRuntimeMissing(reason) {
  const line = '!'.repeat(78);
  console.warn(
    [
      '',
      line,
      '!! The Electron runtime is NOT installed, so the desktop app cannot start.',
      `!! Why: ${reason}`,
      `!! ${ELECTRON_INSTALL_HINT}`,
      '!! Falling back to the browser shell (the same app, in your browser).',
      line,
      '',
    ].join('\n'),
  );
}

async function main() {
  const serverUrl = await startDemoServerIfPresent();
  const runtime = findElectronRuntime();

  if (runtime.isInstalled) {
    const env = serverUrl ? { ...process.env, TINDAK_SERVER_URL: serverUrl } : process.env;
    startChild([...toolCommand('electron-vite'), 'dev'], env);
    return;
  }

  warnRuntimeMissing(runtime.reason);
  if (isWebBuildStale()) {
    console.log('[tindak] building the browser shell (as npm run build:web) ...');
    await run([...toolCommand('vite'), 'build', '--config', 'vite.web.config.ts']);
  }
  startChild([
    ...toolCommand('vite'),
    'preview',
    '--config',
    'vite.web.config.ts',
    '--host',
    WEB_HOST,
    '--port',
    String(WEB_PORT),
    '--strictPort',
  ]);
  const appUrl = `http://${WEB_HOST}:${WEB_PORT}/${serverUrl ? `?server=${encodeURIComponent(serverUrl)}` : ''}`;
  await waitForHttp(appUrl, 30_000);
  console.log(`\n  Tindak (browser shell) is running. Open:\n\n      ${appUrl}\n\n  Press Ctrl+C to stop.\n`);
}

main().catch((error) => {
  if (isStopping) return;
  console.error('[tindak] npm start failed:', error instanceof Error ? error.message : error);
  stop(1);
});
