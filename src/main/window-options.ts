// The main window's options as a pure function, so the security flags are unit-tested
// without Electron. Every webPreferences flag is spelled out even where it matches Electron's
// default: a default that changes in an upgrade must not silently weaken the window.
import type { BrowserWindowConstructorOptions } from 'electron';

export interface MainWindowInput {
  /** Absolute path of the built preload script (out/preload/index.cjs). */
  readonly preloadPath: string;
}

export function createMainWindowOptions({ preloadPath }: MainWindowInput): BrowserWindowConstructorOptions {
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
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}
