// Window options as pure functions, so the security flags of every window the app opens are
// unit-tested without Electron. Every webPreferences flag is spelled out even where it matches
// Electron's default: a default that changes in an upgrade must not silently weaken a window.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/** The flags every window shares: no Node, no Electron, nothing experimental or insecure. */
export function hardenedWebPreferences(): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: false,
  };
}

export interface MainWindowInput {
  /** Absolute path of the built preload script (out/preload/index.cjs). */
  readonly preloadPath: string;
  /** False in release builds (a packaged app of the release flavour). */
  readonly isDevToolsAllowed: boolean;
}

export function createMainWindowOptions({
  preloadPath,
  isDevToolsAllowed,
}: MainWindowInput): BrowserWindowConstructorOptions {
  return {
    title: 'Tindak',
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 600,
    // Shown on 'ready-to-show' so officers never see an empty white frame.
    show: false,
    backgroundColor: '#f5f6f8',
    autoHideMenuBar: true,
    webPreferences: { ...hardenedWebPreferences(), preload: preloadPath, devTools: isDevToolsAllowed },
  };
}

/**
 * The invisible window that lays out a document for printToPDF. It shows only HTML that main
 * built from escaped data, so it needs no preload and not even JavaScript.
 */
export function createPrintWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 794,
    height: 1123,
    webPreferences: { ...hardenedWebPreferences(), javascript: false },
  };
}
