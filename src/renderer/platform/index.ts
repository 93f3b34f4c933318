// The renderer's only way to the platform. In Electron the preload has put the bridge on
// `window.tindak`; in a plain browser (Playwright, `npm start` without the Electron runtime)
// there is none and a browser implementation of the same interface stands in.
import type { AppInfo, TindakBridge } from '../../preload/api';

declare global {
  interface Window {
    /** Set by the preload in Electron; unknown until checked, since anything could sit there. */
    readonly tindak?: unknown;
  }
}

export type { AppInfo };

/** The browser stand-in must offer every feature of the bridge; only `kind` differs. */
export type BrowserPlatform = Omit<TindakBridge, 'kind'> & { readonly kind: 'browser' };

export type Platform = TindakBridge | BrowserPlatform;

export interface PlatformHost {
  readonly tindak?: unknown;
}

export interface BrowserPlatformOptions {
  readonly version: string;
}

export function createBrowserPlatform({ version }: BrowserPlatformOptions): BrowserPlatform {
  return {
    kind: 'browser',
    app: {
      getInfo: () => Promise.resolve({ version, platform: 'browser' }),
    },
  };
}

export function isTindakBridge(value: unknown): value is TindakBridge {
  if (typeof value !== 'object' || value === null) return false;
  if (!('kind' in value) || value.kind !== 'electron') return false;
  if (!('app' in value) || typeof value.app !== 'object' || value.app === null) return false;
  return 'getInfo' in value.app && typeof value.app.getInfo === 'function';
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
