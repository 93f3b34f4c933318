// The renderer's only way to the platform. In Electron the preload has put the bridge on
// `window.tindak`; in a plain browser (Playwright, `npm start` without the Electron runtime)
// there is none and a browser implementation of the same interface stands in
// (./browser-platform.ts).
import { BRIDGE_METHODS, type AppInfo, type TindakBridge } from '../../preload/api';
import { createBrowserPlatform, type BrowserPlatform, type BrowserPlatformOptions } from './browser-platform';

declare global {
  interface Window {
    /** Set by the preload in Electron; unknown until checked, since anything could sit there. */
    readonly tindak?: unknown;
  }
}

export type { AppInfo, BrowserPlatform, BrowserPlatformOptions };
// The bridge's data types the desk's features use.
export type { PrintableDocument, SaveResult, SecretRef, VaultStatus } from '../../preload/schemas';
export { createBrowserPlatform };

export type Platform = TindakBridge | BrowserPlatform;

export interface PlatformHost {
  readonly tindak?: unknown;
}

/** Whether `value` has every feature and method of the bridge contract (BRIDGE_METHODS). */
export function isTindakBridge(value: unknown): value is TindakBridge {
  if (typeof value !== 'object' || value === null) return false;
  if (Reflect.get(value, 'kind') !== 'electron') return false;
  return Object.entries(BRIDGE_METHODS).every(([feature, methods]) => {
    const api: unknown = Reflect.get(value, feature);
    if (typeof api !== 'object' || api === null) return false;
    return methods.every((method) => typeof Reflect.get(api, method) === 'function');
  });
}

/** Picks the Electron bridge when the preload provided one, otherwise the browser platform. */
export function getPlatform(host: PlatformHost, browserOptions: BrowserPlatformOptions): Platform {
  if (host.tindak === undefined) return createBrowserPlatform(browserOptions);
  if (isTindakBridge(host.tindak)) return host.tindak;
  // A bridge of the wrong shape means the preload and renderer were built from different
  // sources; running on would fail later and more obscurely.
  throw new Error(
    'window.tindak does not match the bridge this renderer expects; rebuild the app (npm run build).',
  );
}
