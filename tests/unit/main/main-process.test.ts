// src/main/index.ts with Electron faked: checks the wiring the pure modules cannot, i.e. that
// startup turns the sandbox on, denies permissions, registers IPC and opens one window with
// the tested options, loading the built page.
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const appListeners = new Map<string, (...args: unknown[]) => void>();
  class FakeBrowserWindow {
    static readonly windows: FakeBrowserWindow[] = [];
    static getAllWindows(): FakeBrowserWindow[] {
      return FakeBrowserWindow.windows;
    }
    readonly loadURL = vi.fn((_url: string) => Promise.resolve());
    readonly once = vi.fn();
    readonly show = vi.fn();
    constructor(readonly options: { webPreferences?: { preload?: string; sandbox?: boolean } }) {
      FakeBrowserWindow.windows.push(this);
    }
  }
  type PermissionRequestHandler = (
    contents: unknown,
    permission: string,
    callback: (isGranted: boolean) => void,
  ) => void;
  return {
    appListeners,
    app: {
      isPackaged: true,
      enableSandbox: vi.fn(),
      requestSingleInstanceLock: vi.fn(() => true),
      whenReady: vi.fn(() => Promise.resolve()),
      on: vi.fn((event: string, listener: (...args: unknown[]) => void) => appListeners.set(event, listener)),
      getVersion: () => '0.1.0',
      quit: vi.fn(),
      exit: vi.fn(),
    },
    BrowserWindow: FakeBrowserWindow,
    ipcMain: { handle: vi.fn() },
    session: {
      defaultSession: { setPermissionRequestHandler: vi.fn<(handler: PermissionRequestHandler) => void>() },
    },
  };
});

vi.mock('electron', () => electron);

describe('main process startup', () => {
  it('hardens the app, registers IPC and opens the app page in one sandboxed window', async () => {
    await import('../../../src/main/index');
    await vi.waitFor(() => expect(electron.BrowserWindow.windows).toHaveLength(1));

    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.app.enableSandbox.mock.invocationCallOrder[0]).toBeLessThan(
      electron.app.whenReady.mock.invocationCallOrder[0] ?? 0,
    );
    expect(electron.appListeners.has('web-contents-created')).toBe(true);

    const [denyHandler] = electron.session.defaultSession.setPermissionRequestHandler.mock.calls[0] ?? [];
    const grant = vi.fn();
    denyHandler?.(null, 'media', grant);
    expect(grant).toHaveBeenCalledWith(false);

    expect(electron.ipcMain.handle).toHaveBeenCalledWith('app:getInfo', expect.any(Function));

    const [window] = electron.BrowserWindow.windows;
    expect(window?.options.webPreferences?.sandbox).toBe(true);
    expect(window?.options.webPreferences?.preload).toMatch(/[/\\]preload[/\\]index\.cjs$/);
    expect(window?.loadURL).toHaveBeenCalledWith(
      expect.stringMatching(/^file:\/\/.*\/renderer\/index\.html$/),
    );
  });
});
