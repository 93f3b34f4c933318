// Electron main entry: app lifecycle and wiring only. Decisions live in the modules it imports
// (window options, renderer URL, security, IPC), which are unit-tested with Electron faked.
import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { registerAppIpc } from './ipc/app-info';
import { resolveRendererUrl } from './renderer-url';
import { denyPermissionRequests, hardenWebContents, isAppUrl } from './security';
import { createMainWindowOptions } from './window-options';

// Forces the sandbox on every renderer, including any a future feature might create.
app.enableSandbox();

const appUrl = resolveRendererUrl({
  devServerUrl: app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'],
  rendererHtmlPath: join(import.meta.dirname, '../renderer/index.html'),
  serverUrl: process.env['TINDAK_SERVER_URL'],
});

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow(
    createMainWindowOptions({ preloadPath: join(import.meta.dirname, '../preload/index.cjs') }),
  );
  window.once('ready-to-show', () => window.show());
  window.loadURL(appUrl).catch((error: unknown) => {
    console.error(`Tindak: could not load the app page ${appUrl}`, error);
  });
  return window;
}

// A second instance would fight the first over the same IndexedDB files; focus the first.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appUrl));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app
    .whenReady()
    .then(() => {
      denyPermissionRequests(session.defaultSession);
      registerAppIpc(ipcMain, {
        getInfo: () => ({ version: app.getVersion(), platform: process.platform }),
        isTrustedSender: (senderUrl) => isAppUrl(senderUrl, appUrl),
      });
      createMainWindow();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
      });
    })
    .catch((error: unknown) => {
      console.error('Tindak: failed to start', error);
      app.exit(1);
    });
}
