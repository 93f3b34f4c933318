// Hardening beyond the window's webPreferences (Electron's security checklist): the app
// never opens new windows, never navigates away from its own page, grants no permission
// prompts, and answers IPC only from its own page.
import type { Session, WebContents } from 'electron';

/**
 * Whether `candidateUrl` is the app's own page. For the dev server that is its origin; for
 * the built app, loaded from file://, it is the one index.html (a file: origin is opaque, so
 * any other local file would otherwise count as "same origin").
 */
export function isAppUrl(candidateUrl: string, appUrl: string): boolean {
  let candidate: URL;
  let app: URL;
  try {
    candidate = new URL(candidateUrl);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (candidate.protocol !== app.protocol) return false;
  if (app.protocol === 'file:') return candidate.pathname === app.pathname;
  return candidate.origin === app.origin;
}

export function hardenWebContents(contents: WebContents, appUrl: string): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, targetUrl) => {
    if (!isAppUrl(targetUrl, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function denyPermissionRequests(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}
