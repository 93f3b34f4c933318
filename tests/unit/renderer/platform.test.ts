// The renderer's platform: the Electron bridge when the preload provided a complete one, else
// the browser stand-in, which offers every feature of the same contract with what a page can do.
import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_METHODS, type TindakBridge } from '../../../src/preload/api';
import {
  createBrowserPlatform,
  getPlatform,
  isTindakBridge,
  type PrintableDocument,
} from '../../../src/renderer/platform';
import {
  SETTINGS_STORAGE_KEY,
  type BrowserEnvironment,
} from '../../../src/renderer/platform/browser-platform';
import { readServerUrl } from '../../../src/renderer/platform/server-url';

const answer =
  <T>(value: T) =>
  () =>
    Promise.resolve(value);

const electronBridge: TindakBridge = {
  kind: 'electron',
  app: { getInfo: answer({ version: '0.1.0', platform: 'linux' }) },
  vault: {
    status: answer({ isAvailable: true, backend: 'gnome_libsecret' }),
    put: answer({ ok: true }),
    get: answer({ ok: true, value: null }),
    delete: answer({ ok: true }),
  },
  settings: { get: answer({ serverUrl: null }), set: answer({ serverUrl: null }) },
  files: { saveExport: answer({ outcome: 'cancelled' }) },
  print: { toPdf: answer({ outcome: 'cancelled' }) },
  status: {
    setUnsentCount: answer(undefined),
    notifySyncFinished: answer(undefined),
    notifyOverdue: answer(undefined),
  },
  shell: { openExternal: answer({ opened: true }) },
  log: { write: answer(undefined) },
};

function fakeEnvironment() {
  const stored = new Map<string, string>();
  return {
    stored,
    storage: {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => void stored.set(key, value),
    },
    download: vi.fn<BrowserEnvironment['download']>(),
    print: vi.fn(),
    openWindow: vi.fn(),
    setTitleCount: vi.fn(),
    console: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
  } satisfies BrowserEnvironment & { stored: Map<string, string> };
}

describe('getPlatform', () => {
  it('uses the Electron bridge when the preload provided one', () => {
    expect(getPlatform({ tindak: electronBridge }, { version: '9.9.9' })).toBe(electronBridge);
  });

  it('falls back to the browser platform in a plain browser', async () => {
    const platform = getPlatform({}, { version: '0.1.0' });
    expect(platform.kind).toBe('browser');
    await expect(platform.app.getInfo()).resolves.toEqual({ version: '0.1.0', platform: 'browser' });
  });

  it('refuses a bridge of the wrong shape instead of failing later', () => {
    expect(() => getPlatform({ tindak: { kind: 'electron' } }, { version: '0.1.0' })).toThrow(
      /rebuild the app/,
    );
    // An older preload with only some features is refused too.
    expect(() =>
      getPlatform({ tindak: { kind: 'electron', app: electronBridge.app } }, { version: '0.1.0' }),
    ).toThrow(/rebuild/);
  });

  it('checks every method of every feature', () => {
    expect(isTindakBridge(electronBridge)).toBe(true);
    for (const [feature, methods] of Object.entries(BRIDGE_METHODS)) {
      for (const method of methods) {
        const api = { ...(Reflect.get(electronBridge, feature) as object), [method]: 'not a function' };
        expect(isTindakBridge({ ...electronBridge, [feature]: api }), `${feature}.${method}`).toBe(false);
      }
    }
  });
});

describe('browser platform', () => {
  it('has every feature and method of the bridge', () => {
    const platform = createBrowserPlatform({ version: '0.1.0', environment: fakeEnvironment() });
    expect(isTindakBridge({ ...platform, kind: 'electron' })).toBe(true);
  });

  it('stores no secrets and says why, in the words of the desktop vault', async () => {
    const { vault } = createBrowserPlatform({ version: '0.1.0', environment: fakeEnvironment() });
    await expect(vault.status()).resolves.toMatchObject({ isAvailable: false, code: 'vault_browser' });
    const refused = await vault.put({ kind: 'refreshToken', account: 'a' }, 'secret');
    expect(refused).toMatchObject({
      ok: false,
      code: 'vault_browser',
      message: { id: expect.stringMatching(/tidak disimpan di penyimpanan kunci sistem/) },
    });
    await expect(vault.get({ kind: 'refreshToken', account: 'a' })).resolves.toMatchObject({ ok: false });
    await expect(vault.delete({ kind: 'refreshToken', account: 'a' })).resolves.toEqual({ ok: true });
  });

  it('keeps settings in localStorage, validated by the same schema as main', async () => {
    const environment = fakeEnvironment();
    const { settings } = createBrowserPlatform({ version: '0.1.0', environment });
    await expect(settings.get()).resolves.toEqual({ serverUrl: null });
    await expect(settings.set({ serverUrl: 'https://tindak.kemensos.go.id' })).resolves.toEqual({
      serverUrl: 'https://tindak.kemensos.go.id/',
    });
    await expect(settings.set({ serverUrl: 'http://tindak.kemensos.go.id' })).rejects.toThrow(/https/);
    await expect(settings.get()).resolves.toEqual({ serverUrl: 'https://tindak.kemensos.go.id/' });
    environment.stored.set(SETTINGS_STORAGE_KEY, '{"serverUrl":"http://evil.example/"}');
    await expect(settings.get()).resolves.toEqual({ serverUrl: null });
  });

  it('exports as a download and prints through the browser', async () => {
    const environment = fakeEnvironment();
    const platform = createBrowserPlatform({ version: '0.1.0', environment });
    await expect(
      platform.files.saveExport({ suggestedName: 'kasus', format: 'csv', content: 'a,b' }),
    ).resolves.toEqual({ outcome: 'handedToBrowser' });
    const [fileName, blob] = environment.download.mock.calls[0] ?? [];
    expect(fileName).toBe('kasus.csv');
    expect(await blob?.text()).toBe('a,b');
    expect(blob?.type).toBe('text/csv;charset=utf-8');
    await expect(
      platform.files.saveExport({ suggestedName: '../x', format: 'csv', content: '' }),
    ).rejects.toThrow(/not valid/);

    const document: PrintableDocument = {
      kind: 'caseSummary',
      language: 'id',
      letterhead: { organisation: 'Kemensos', unit: '', address: '' },
      title: 'Ringkasan Kasus',
      reference: 'LAP-1',
      fields: [],
      sections: [],
      printedAt: '25 November 2026',
    };
    await expect(platform.print.toPdf(document)).resolves.toEqual({ outcome: 'handedToBrowser' });
    expect(environment.print).toHaveBeenCalledTimes(1);
    expect(environment.print).toHaveBeenCalledWith(document);
  });

  it('opens https links only, shows the unsent count in the title and logs masked', async () => {
    const environment = fakeEnvironment();
    const platform = createBrowserPlatform({ version: '0.1.0', environment });
    await expect(platform.shell.openExternal('https://www.lapor.go.id/')).resolves.toEqual({ opened: true });
    await expect(platform.shell.openExternal('javascript:alert(1)')).resolves.toMatchObject({
      opened: false,
    });
    expect(environment.openWindow.mock.calls).toEqual([['https://www.lapor.go.id/']]);

    await platform.status.setUnsentCount(3, 'en');
    expect(environment.setTitleCount).toHaveBeenCalledWith(3);

    await platform.log.write({ level: 'warn', message: 'push failed', details: { nik: '3174012345678901' } });
    expect(environment.console.warn).toHaveBeenCalledWith('[tindak] push failed', {
      nik: '3174**********01',
    });
  });
});

describe('readServerUrl', () => {
  it('reads an https address, or http on this machine', () => {
    expect(readServerUrl('?server=http%3A%2F%2F127.0.0.1%3A8787')).toBe('http://127.0.0.1:8787/');
    expect(readServerUrl('?server=https://lapor.example.go.id/api')).toBe('https://lapor.example.go.id/api');
  });

  it('ignores a missing or unusable address', () => {
    expect(readServerUrl('')).toBeNull();
    expect(readServerUrl('?server=')).toBeNull();
    expect(readServerUrl('?server=javascript:alert(1)')).toBeNull();
    expect(readServerUrl('?server=not a url')).toBeNull();
  });

  it('holds ?server= to the same rule as the saved address: no plain http off this machine, no credentials', () => {
    expect(readServerUrl('?server=http://lapor.example.go.id')).toBeNull();
    expect(readServerUrl('?server=http://192.168.1.20:8787')).toBeNull();
    expect(readServerUrl('?server=https://admin:rahasia@lapor.example.go.id')).toBeNull();
    expect(readServerUrl('?server=http://localhost:8787')).toBe('http://localhost:8787/');
  });
});
