// src/main/index.ts with Electron faked: checks the wiring the pure modules cannot, i.e. that
// startup turns the sandbox on and registers app:// before ready, restricts permissions,
// serves the renderer over app:// with the CSP, registers every IPC channel, opens one
// hardened window without DevTools in a release build, and keeps to a single instance.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/csp';
import { IPC_CHANNELS } from '../../../src/preload/channels';

type Listener = (...args: unknown[]) => void;

const fakes = vi.hoisted(() => {
  function createElectron(options: { userData: string; isPackaged: boolean; hasLock: boolean }) {
    const appListeners = new Map<string, Listener>();
    const order: string[] = [];
    class FakeBrowserWindow {
      static readonly windows: FakeBrowserWindow[] = [];
      static getAllWindows(): FakeBrowserWindow[] {
        return FakeBrowserWindow.windows;
      }
      readonly loadURL = vi.fn((_url: string) => Promise.resolve());
      readonly once = vi.fn();
      readonly on = vi.fn();
      readonly show = vi.fn();
      readonly focus = vi.fn();
      readonly restore = vi.fn();
      readonly isMinimized = vi.fn(() => true);
      constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
        FakeBrowserWindow.windows.push(this);
      }
    }
    return {
      order,
      appListeners,
      app: {
        isPackaged: options.isPackaged,
        getPath: (name: string) => (name === 'userData' ? options.userData : join(options.userData, name)),
        setPath: vi.fn(),
        setAppUserModelId: vi.fn(),
        enableSandbox: vi.fn(() => order.push('enableSandbox')),
        requestSingleInstanceLock: vi.fn(() => options.hasLock),
        whenReady: vi.fn(() => {
          order.push('whenReady');
          return Promise.resolve();
        }),
        on: vi.fn((event: string, listener: Listener) => appListeners.set(event, listener)),
        getVersion: () => '0.1.0',
        setBadgeCount: vi.fn(() => true),
        quit: vi.fn(),
        exit: vi.fn(),
      },
      BrowserWindow: FakeBrowserWindow,
      dialog: { showSaveDialog: vi.fn() },
      ipcMain: { handle: vi.fn() },
      Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn() },
      nativeImage: { createFromPath: vi.fn(() => ({ isEmpty: () => true })) },
      Notification: Object.assign(vi.fn(), { isSupported: () => true }),
      protocol: {
        registerSchemesAsPrivileged: vi.fn(() => order.push('registerSchemesAsPrivileged')),
        handle:
          vi.fn<
            (scheme: string, handler: (request: { url: string; method: string }) => Promise<Response>) => void
          >(),
      },
      safeStorage: {
        isEncryptionAvailable: () => true,
        getSelectedStorageBackend: () => 'basic_text',
        encryptString: vi.fn(),
        decryptString: vi.fn(),
      },
      session: {
        defaultSession: {
          setPermissionRequestHandler: vi.fn<(handler: (...args: unknown[]) => void) => void>(),
          setPermissionCheckHandler: vi.fn<(handler: (...args: unknown[]) => boolean) => void>(),
          setDevicePermissionHandler: vi.fn<(handler: () => boolean) => void>(),
        },
      },
      shell: { openExternal: vi.fn() },
      Tray: vi.fn(),
    };
  }
  return { createElectron, current: undefined as ReturnType<typeof createElectron> | undefined };
});

// The factory runs once; each getter reads the fake of the test now running, so every test
// starts main afresh (vi.resetModules) against its own Electron.
vi.mock('electron', () => {
  const names = [
    'app',
    'BrowserWindow',
    'dialog',
    'ipcMain',
    'Menu',
    'nativeImage',
    'Notification',
    'protocol',
    'safeStorage',
    'session',
    'shell',
    'Tray',
  ] as const;
  return Object.defineProperties(
    {},
    Object.fromEntries(names.map((name) => [name, { enumerable: true, get: () => fakes.current?.[name] }])),
  );
});

const userDataDirs: string[] = [];

async function startMain(options: { isPackaged?: boolean; hasLock?: boolean; settings?: unknown } = {}) {
  const userData = mkdtempSync(join(tmpdir(), 'tindak-main-'));
  userDataDirs.push(userData);
  // Set by Electron in a packaged app: where electron-builder puts extraResources.
  Object.assign(process, { resourcesPath: join(userData, 'resources') });
  if (options.settings) writeFileSync(join(userData, 'settings.json'), JSON.stringify(options.settings));
  const electron = fakes.createElectron({
    userData,
    isPackaged: options.isPackaged ?? true,
    hasLock: options.hasLock ?? true,
  });
  fakes.current = electron;
  vi.resetModules();
  await import('../../../src/main/index');
  return electron;
}

afterEach(() => {
  vi.unstubAllEnvs();
  for (const dir of userDataDirs.splice(0)) {
    // Startup must not have failed quietly: its failure goes to the log file and app.exit(1).
    let log = '';
    try {
      log = readFileSync(join(dir, 'logs', 'tindak.log'), 'utf8');
    } catch {
      // no log yet
    }
    expect(log).not.toMatch(/"level":"error"/);
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('main process startup', () => {
  it('sandboxes every renderer and makes app:// a privileged scheme before the app is ready', async () => {
    const electron = await startMain();
    await vi.waitFor(() => expect(electron.BrowserWindow.windows).toHaveLength(1));
    expect(electron.order.slice(0, 3)).toEqual(['enableSandbox', 'registerSchemesAsPrivileged', 'whenReady']);
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
  });

  it('opens one hardened window on app:// with no DevTools and no menu in a release build', async () => {
    vi.stubEnv('TINDAK_SERVER_URL', 'http://127.0.0.1:9999');
    vi.stubEnv('TINDAK_USER_DATA_DIR', '/tmp/elsewhere');
    const electron = await startMain({ settings: { serverUrl: 'https://tindak.kemensos.go.id/' } });
    expect(electron.app.setPath).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(electron.BrowserWindow.windows).toHaveLength(1));
    const [window] = electron.BrowserWindow.windows;
    expect(window?.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      devTools: false,
    });
    expect(window?.options.webPreferences?.['preload']).toMatch(/[/\\]preload[/\\]index\.cjs$/);
    // The saved setting wins: a release build ignores TINDAK_SERVER_URL from the environment.
    expect(window?.loadURL).toHaveBeenCalledWith(
      'app://tindak/index.html?server=https%3A%2F%2Ftindak.kemensos.go.id%2F',
    );
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
  });

  it('uses npm start’s demo server and allows DevTools outside a packaged build', async () => {
    vi.stubEnv('TINDAK_SERVER_URL', 'http://127.0.0.1:8787');
    vi.stubEnv('TINDAK_USER_DATA_DIR', '/tmp/tindak-e2e-profile');
    const electron = await startMain({ isPackaged: false });
    expect(electron.app.setPath).toHaveBeenCalledWith('userData', '/tmp/tindak-e2e-profile');
    await vi.waitFor(() => expect(electron.BrowserWindow.windows).toHaveLength(1));
    const [window] = electron.BrowserWindow.windows;
    expect(window?.options.webPreferences?.['devTools']).toBe(true);
    expect(window?.loadURL).toHaveBeenCalledWith(
      'app://tindak/index.html?server=http%3A%2F%2F127.0.0.1%3A8787',
    );
  });

  it('serves the renderer over app:// with the CSP, and nothing outside its folder', async () => {
    const electron = await startMain();
    await vi.waitFor(() => expect(electron.protocol.handle).toHaveBeenCalled());
    const [scheme, handler] = electron.protocol.handle.mock.calls[0] ?? [];
    expect(scheme).toBe('app');
    if (!handler) throw new Error('no protocol handler');
    const page = await handler({ url: 'app://tindak/index.html', method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await handler({ url: 'app://tindak/..%2f..%2fpackage.json', method: 'GET' })).status).toBe(404);
  });

  it('restricts permissions and hardens every web contents', async () => {
    const electron = await startMain();
    await vi.waitFor(() => expect(electron.BrowserWindow.windows).toHaveLength(1));
    const [denyHandler] = electron.session.defaultSession.setPermissionRequestHandler.mock.calls[0] ?? [];
    const grant = vi.fn();
    denyHandler?.(null, 'media', grant, { requestingUrl: 'app://tindak/index.html' });
    expect(grant).toHaveBeenCalledWith(false);
    expect(electron.session.defaultSession.setPermissionCheckHandler).toHaveBeenCalled();
    expect(electron.session.defaultSession.setDevicePermissionHandler.mock.calls[0]?.[0]()).toBe(false);

    const setWindowOpenHandler = vi.fn();
    const on = vi.fn();
    electron.appListeners.get('web-contents-created')?.({}, { setWindowOpenHandler, on });
    expect(setWindowOpenHandler).toHaveBeenCalled();
    expect(on.mock.calls.map(([event]) => event)).toEqual([
      'will-navigate',
      'will-redirect',
      'will-attach-webview',
    ]);
  });

  it('registers every IPC channel of the bridge', async () => {
    const electron = await startMain();
    await vi.waitFor(() => expect(electron.BrowserWindow.windows).toHaveLength(1));
    const registered = electron.ipcMain.handle.mock.calls.map(([channel]) => channel as string).sort();
    const expected = Object.values(IPC_CHANNELS)
      .flatMap((feature) => Object.values(feature) as string[])
      .sort();
    expect(registered).toEqual(expected);
  });

  it('keeps to a single instance: a second one quits, the first one comes forward', async () => {
    const second = await startMain({ hasLock: false });
    expect(second.app.quit).toHaveBeenCalled();
    expect(second.app.whenReady).not.toHaveBeenCalled();

    const first = await startMain();
    await vi.waitFor(() => expect(first.BrowserWindow.windows).toHaveLength(1));
    first.appListeners.get('second-instance')?.();
    const [window] = first.BrowserWindow.windows;
    expect(window?.restore).toHaveBeenCalled();
    expect(window?.focus).toHaveBeenCalled();
  });
});
