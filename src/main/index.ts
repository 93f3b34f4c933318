// Electron main entry: app lifecycle and wiring only. Decisions live in the modules it imports
// (window options, app protocol, CSP, security, vault, settings, IPC...), which are unit-tested
// with Electron faked at their edge; tests/unit/main/main-process.test.ts checks this wiring.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
} from 'electron';
import { isAcceptableServerUrl } from '../preload/schemas';
import { APP_ID } from './app-id';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { currentBuildFlavour, isReleaseBuild } from './build-flavour';
import { CONTENT_SECURITY_POLICY } from './csp';
import { createExternalLinkOpener } from './external-links';
import { createFileSaver } from './files/save-file';
import { registerIpc } from './ipc';
import { createFileLogger } from './logging/log-file';
import { printHtmlToPdf } from './print/print-to-pdf';
import { resolveRendererUrl } from './renderer-url';
import { hardenWebContents, isAppUrl, restrictPermissions } from './security';
import { createSettingsStore } from './settings/settings-store';
import { createDeskStatus, trayMenuLabels, unsentTooltip, type TrayMenuLabels } from './status/desk-status';
import { jsonFile } from './storage/json-file';
import { createSecretVault } from './vault/secret-vault';
import { createMainWindowOptions, createPrintWindowOptions } from './window-options';

const isRelease = isReleaseBuild(app.isPackaged, currentBuildFlavour());
// Tests and demos run in a folder of their own; a release build always uses the officer's.
const userDataOverride = isRelease ? undefined : process.env['TINDAK_USER_DATA_DIR'];
if (userDataOverride) app.setPath('userData', userDataOverride);
const userData = app.getPath('userData');
const logger = createFileLogger({
  filePath: join(userData, 'logs', 'tindak.log'),
  ...(app.isPackaged ? {} : { mirror: (line: string) => console.log(line) }),
});

// Forces the sandbox on every renderer, including any a future feature might create.
app.enableSandbox();
// Windows shows notifications only for an app whose model id matches its installed shortcut.
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
// Must happen before 'ready': app:// becomes a standard, secure origin with fetch support.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
/** The app's own page without query: all that the origin checks need, known before settings load. */
const appPageUrl = resolveRendererUrl({ devServerUrl, serverUrl: null });
const rendererDir = join(import.meta.dirname, '../renderer');
const resourcesDir = (): string =>
  app.isPackaged ? process.resourcesPath : join(import.meta.dirname, '../../resources');

const openExternalLink = createExternalLinkOpener({
  openInBrowser: (url) => shell.openExternal(url),
  onRefused: (url) => logger.log('warn', 'refused to open a link outside the app', { url }),
});

/** The central server: npm start's demo server outside release builds, else the saved setting. */
async function chooseServerUrl(savedServerUrl: string | null): Promise<string | null> {
  const fromEnvironment = isRelease ? undefined : process.env['TINDAK_SERVER_URL'];
  if (fromEnvironment && isAcceptableServerUrl(fromEnvironment)) return fromEnvironment;
  if (fromEnvironment) logger.log('warn', 'TINDAK_SERVER_URL is not an acceptable server address; ignored');
  return savedServerUrl;
}

/** The one app window; print windows come and go beside it. */
let mainWindow: BrowserWindow | null = null;

function bringMainWindowForward(): void {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.show();
  mainWindow?.focus();
}

function createMainWindow(appUrl: string): BrowserWindow {
  const window = new BrowserWindow(
    createMainWindowOptions({
      preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
      isDevToolsAllowed: !isRelease,
    }),
  );
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  mainWindow = window;
  window.loadURL(appUrl).catch((error: unknown) => {
    logger.log('error', `could not load the app page ${appUrl}`, error);
  });
  return window;
}

/** The tray icon carrying the unsent count; the app works on without one (some Linux desktops). */
function createTray(): Tray | null {
  const icon = nativeImage.createFromPath(join(resourcesDir(), 'icon.png'));
  if (icon.isEmpty()) return null;
  const tray = new Tray(icon.resize({ width: 16, height: 16 }));
  tray.setToolTip(unsentTooltip(0));
  tray.on('click', bringMainWindowForward);
  setTrayMenu(tray, trayMenuLabels());
  return tray;
}

function setTrayMenu(tray: Tray, labels: TrayMenuLabels): void {
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: labels.open, click: bringMainWindowForward },
      { label: labels.quit, click: () => app.quit() },
    ]),
  );
}

async function start(): Promise<void> {
  // Under the dev server the page's own meta policy applies; its React Refresh preamble is inline.
  if (!devServerUrl) {
    protocol.handle(
      APP_SCHEME,
      createAppProtocolHandler({
        rootDir: rendererDir,
        readFile,
        contentSecurityPolicy: CONTENT_SECURITY_POLICY,
      }),
    );
  }
  restrictPermissions(session.defaultSession, appPageUrl);
  if (isRelease) Menu.setApplicationMenu(null);

  const settings = createSettingsStore(jsonFile(join(userData, 'settings.json')), (reason) =>
    logger.log('warn', reason),
  );
  const appUrl = resolveRendererUrl({
    devServerUrl,
    serverUrl: await chooseServerUrl((await settings.get()).serverUrl),
  });
  let tray: Tray | null = null;
  try {
    tray = createTray();
  } catch (error) {
    logger.log('warn', 'no tray icon; the unsent count shows as the app badge only', error);
  }

  registerIpc(
    {
      ipc: ipcMain,
      isTrustedSender: (senderUrl) => isAppUrl(senderUrl, appPageUrl),
      onRefused: (refusal) => logger.log('warn', refusal.message),
    },
    {
      getInfo: () => ({ version: app.getVersion(), platform: process.platform }),
      vault: createSecretVault({
        safeStorage,
        platform: process.platform,
        file: jsonFile(join(userData, 'vault.json')),
      }),
      settings,
      saver: createFileSaver({
        showSaveDialog: (options) =>
          mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options),
        writeFile: (path, data) => writeFile(path, data),
        defaultDir: app.getPath('documents'),
      }),
      renderPdf: (html) => printHtmlToPdf(() => new BrowserWindow(createPrintWindowOptions()), html),
      status: createDeskStatus({
        setBadgeCount: (count) => app.setBadgeCount(count),
        setTrayTooltip: (text) => tray?.setToolTip(text),
        setTrayMenu: (labels) => {
          if (tray) setTrayMenu(tray, labels);
        },
        showNotification: ({ title, body }) => {
          if (Notification.isSupported()) new Notification({ title, body }).show();
        },
      }),
      openExternalLink,
      logger,
    },
  );
  createMainWindow(appUrl);
  app.on('activate', () => {
    if (mainWindow === null) createMainWindow(appUrl);
  });
  logger.log('info', `started ${app.getVersion()} (${isRelease ? 'release' : 'development or test'} build)`);
}

// A second instance would fight the first over the same IndexedDB files; focus the first.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', bringMainWindowForward);

  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, appPageUrl, openExternalLink),
  );

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Crashes reach IT through the log; the officer's unsent work is safe in IndexedDB.
  app.on('render-process-gone', (_event, _contents, details) =>
    logger.log('error', 'a renderer process ended', details),
  );
  app.on('child-process-gone', (_event, details) => logger.log('error', 'a helper process ended', details));

  app.on('will-quit', () => {
    void logger.flush();
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logger.log('error', 'failed to start', error);
      void logger.flush().finally(() => app.exit(1));
    });
}
