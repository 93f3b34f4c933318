/**
 * A small static file server for the browser tests: serves a built directory (dist-web) on
 * 127.0.0.1 with an ephemeral port, correct MIME types, and the single-page-app fallback (a
 * path that is not a file and has no extension gets index.html). `mountPath` serves the app
 * below a sub-path, which proves the build's relative base works from anywhere.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export interface StaticServer {
  /** Base URL of the app, ending in '/', e.g. http://127.0.0.1:43567/ or …/tindak/. */
  readonly url: string;
  close(): Promise<void>;
}

export interface StaticServerOptions {
  /** Sub-path the app is served under, e.g. '/tindak/'. Default '/'. */
  readonly mountPath?: string;
}

export async function serveStatic(
  rootDir: string,
  { mountPath = '/' }: StaticServerOptions = {},
): Promise<StaticServer> {
  const root = resolve(rootDir);
  const mount = mountPath.endsWith('/') ? mountPath : `${mountPath}/`;

  const server = createServer((request, response) => {
    handle(root, mount, request, response).catch((error: unknown) => {
      response.statusCode = 500;
      response.end(`Static server error: ${String(error)}`);
    });
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('Static server is not listening on a TCP port.');
  const { port } = address;

  return {
    url: `http://127.0.0.1:${port}${mount}`,
    close: () =>
      new Promise<void>((resolveClose, rejectClose) => {
        // Browsers keep connections alive; without this close() would wait for them to time out.
        server.closeAllConnections();
        server.close((error) => (error ? rejectClose(error) : resolveClose()));
      }),
  };
}

async function handle(
  root: string,
  mount: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  } catch {
    response.writeHead(400).end();
    return;
  }
  if (!pathname.startsWith(mount)) {
    response.writeHead(404).end();
    return;
  }
  const filePath = resolveInside(root, pathname.slice(mount.length));
  if (filePath === null) {
    response.writeHead(403).end();
    return;
  }

  let target = (await isFile(filePath)) ? filePath : null;
  if (target === null && (await isFile(join(filePath, 'index.html')))) target = join(filePath, 'index.html');
  if (target === null && extname(filePath) === '') target = join(root, 'index.html');
  if (target === null || !(await isFile(target))) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`Not found: ${pathname}`);
    return;
  }

  response.writeHead(200, {
    'Content-Type': MIME_TYPES[extname(target).toLowerCase()] ?? 'application/octet-stream',
    // Tests rebuild between runs; never let a cached bundle hide a change.
    'Cache-Control': 'no-store',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(target).pipe(response);
}

/** The file for a URL path, or null when the path would escape the served directory. */
function resolveInside(root: string, relativePath: string): string | null {
  const candidate = resolve(root, normalize(`.${sep}${relativePath}`));
  return candidate === root || candidate.startsWith(root + sep) ? candidate : null;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
