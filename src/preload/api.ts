// The shape of `window.tindak`, the only door from the renderer to the main process.
// Types only, no Electron import: the renderer's tsconfig includes this file so that its
// platform adapter and the preload agree on one contract, checked by the compiler.

export interface AppInfo {
  /** The application version, from package.json. */
  readonly version: string;
  /** Where the app runs: a Node platform name such as 'linux' or 'win32', or 'browser'. */
  readonly platform: string;
}

export interface AppApi {
  getInfo(): Promise<AppInfo>;
}

/** The bridge object the preload exposes; one member per feature. */
export interface TindakBridge {
  readonly kind: 'electron';
  readonly app: AppApi;
}
