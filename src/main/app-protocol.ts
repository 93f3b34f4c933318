// The custom app:// protocol that serves the built renderer in production instead of file://.
// A file: page has an opaque origin and can read any local file it can name; app://tindak is a
// real, secure origin whose requests can reach only the files of out/renderer. Every request
// path is decoded and confined to that folder: `..` segments (plain or percent-encoded),
// backslashes and NUL bytes are refused before the path is joined.
import { extname, join, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'tindak';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Passed to protocol.registerSchemesAsPrivileged before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The absolute file a request for `requestUrl` may read, or null when the URL is not the app's
 * or its path would leave `rootDir`.
 */
export function resolveAppAssetPath(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0') || relative.includes('\\')) return null;
  const segments = relative.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.' || segment.includes(':'))) return null;
  if (segments.length === 0) segments.push('index.html');
  const root = resolve(rootDir);
  const target = resolve(join(root, ...segments));
  // Belt and braces: whatever the checks above missed, the joined path must stay inside root.
  return target.startsWith(root + sep) ? target : null;
}

export interface AppProtocolDeps {
  /** Absolute path of out/renderer. */
  readonly rootDir: string;
  readonly readFile: (path: string) => Promise<Uint8Array>;
  readonly contentSecurityPolicy: string;
}

export interface ProtocolRequestLike {
  readonly url: string;
  readonly method: string;
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

export function createAppProtocolHandler({
  rootDir,
  readFile,
  contentSecurityPolicy,
}: AppProtocolDeps): (request: ProtocolRequestLike) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const path = resolveAppAssetPath(rootDir, request.url);
    if (path === null) return plain(404, 'Not found');
    let body: Uint8Array;
    try {
      body = await readFile(path);
    } catch {
      return plain(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : new Blob([new Uint8Array(body)]), {
      status: 200,
      headers: {
        'content-type': CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
        'content-security-policy': contentSecurityPolicy,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
      },
    });
  };
}
