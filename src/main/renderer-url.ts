// Where the window loads the renderer from: the electron-vite dev server while developing,
// the app:// protocol (src/main/app-protocol.ts) otherwise. The central server's address, when
// there is one, travels as `?server=` so the renderer reads it the same way in Electron and in
// a plain browser.
import { APP_ENTRY_URL } from './app-protocol';

export interface RendererUrlInput {
  /** ELECTRON_RENDERER_URL, set by `electron-vite dev`; ignored in a packaged app. */
  readonly devServerUrl: string | undefined;
  /** Base URL of the central server: TINDAK_SERVER_URL (npm start's demo) or the saved setting. */
  readonly serverUrl: string | null | undefined;
}

export function resolveRendererUrl({ devServerUrl, serverUrl }: RendererUrlInput): string {
  const url = new URL(devServerUrl || APP_ENTRY_URL);
  if (serverUrl) url.searchParams.set('server', serverUrl);
  return url.href;
}
