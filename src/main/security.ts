// Hardening beyond the window's webPreferences (Electron's security checklist): no new
// windows, no navigation or redirect away from the app's own origin, no <webview>, links to
// the web only through the external-link check, and no permission the app does not use.
// Electron is reached through the narrow interfaces below, which its WebContents and Session
// satisfy, so the handlers are unit-tested with fakes.
import type { ExternalLinkOpener } from './external-links';

/**
 * Whether `candidateUrl` belongs to the app: the same scheme and host (with port) as the page
 * the window loaded, i.e. app://tindak in production or the electron-vite dev server.
 * file: URLs are never the app: their origin is opaque, any local file would match.
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
  if (app.protocol === 'file:' || app.host === '') return false;
  return candidate.protocol === app.protocol && candidate.host === app.host;
}

interface PreventableEvent {
  preventDefault(): void;
}

export interface HardenableContents {
  setWindowOpenHandler(handler: (details: { readonly url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

export function hardenWebContents(
  contents: HardenableContents,
  appUrl: string,
  openExternalLink: ExternalLinkOpener,
): void {
  // A link with target=_blank lands here: it never becomes an Electron window; an https
  // link goes to the system browser after the external-link check.
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalLink(url);
    return { action: 'deny' };
  });
  const stayInApp = (event: PreventableEvent, targetUrl: string): void => {
    if (!isAppUrl(targetUrl, appUrl)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * The only permission the app uses: writing a ticket number to the clipboard. Camera, microphone,
 * location, notifications (main shows native ones), MIDI, HID, serial... are all refused.
 */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (
      contents: unknown,
      permission: string,
      callback: (isGranted: boolean) => void,
      details: { readonly requestingUrl?: string },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (contents: unknown, permission: string, requestingOrigin: string) => boolean,
  ): void;
  /** WebHID, WebUSB, Web Serial: no device is ever handed to a page. */
  setDevicePermissionHandler(handler: () => boolean): void;
}

export function restrictPermissions(session: PermissionSession, appUrl: string): void {
  const isGranted = (permission: string, requestingUrl: string | undefined): boolean =>
    GRANTED_PERMISSIONS.has(permission) && requestingUrl !== undefined && isAppUrl(requestingUrl, appUrl);
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isGranted(permission, details.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isGranted(permission, requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
}
