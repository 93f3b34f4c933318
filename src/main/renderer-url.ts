// Where the window loads the renderer from: the electron-vite dev server while developing,
// the built index.html otherwise. The central server's address, when there is one, travels
// as `?server=` so the renderer reads it the same way in Electron and in a plain browser.
import { pathToFileURL } from 'node:url';

export interface RendererUrlInput {
  /** ELECTRON_RENDERER_URL, set by `electron-vite dev`; ignored in a packaged app. */
  readonly devServerUrl: string | undefined;
  /** Absolute path of out/renderer/index.html. */
  readonly rendererHtmlPath: string;
  /** Base URL of the central server, e.g. the embedded demo server started by `npm start`. */
  readonly serverUrl: string | undefined;
}

export function resolveRendererUrl({ devServerUrl, rendererHtmlPath, serverUrl }: RendererUrlInput): string {
  const url = devServerUrl ? new URL(devServerUrl) : pathToFileURL(rendererHtmlPath);
  if (serverUrl) url.searchParams.set('server', serverUrl);
  return url.href;
}
