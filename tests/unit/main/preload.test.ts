// The preload with Electron faked: it must expose exactly one typed object as `tindak`, whose
// functions invoke fixed channels, and nothing that leads back to ipcRenderer.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TindakBridge } from '../../../src/preload/api';
import { isTindakBridge } from '../../../src/renderer/platform';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn<(key: string, api: unknown) => void>() },
  ipcRenderer: { invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>() },
}));

vi.mock('electron', () => electron);

async function loadPreload(): Promise<{ key: string; bridge: TindakBridge }> {
  vi.resetModules();
  electron.contextBridge.exposeInMainWorld.mockClear();
  await import('../../../src/preload/index');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, bridge] = electron.contextBridge.exposeInMainWorld.mock.calls[0] ?? [];
  // The renderer's own check doubles as the assertion that both sides agree on the shape.
  if (!isTindakBridge(bridge)) throw new Error('the preload exposed something the renderer would refuse');
  return { key: key ?? '', bridge };
}

/** Every value reachable from `root`, to prove none of them is ipcRenderer or its methods. */
function reachableValues(root: unknown): unknown[] {
  const seen = new Set<unknown>();
  const visit = (value: unknown): void => {
    if (seen.has(value)) return;
    seen.add(value);
    if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
      for (const key of Reflect.ownKeys(value)) visit(Reflect.get(value, key));
    }
  };
  visit(root);
  return [...seen];
}

describe('preload bridge', () => {
  beforeEach(() => {
    electron.ipcRenderer.invoke.mockReset();
  });

  it('exposes one object, `tindak`, grouped by feature', async () => {
    const { key, bridge } = await loadPreload();
    expect(key).toBe('tindak');
    expect(Object.keys(bridge).sort()).toEqual(['app', 'kind']);
    expect(bridge.kind).toBe('electron');
    expect(Object.keys(bridge.app)).toEqual(['getInfo']);
  });

  it('never exposes ipcRenderer or its methods', async () => {
    const { bridge } = await loadPreload();
    const values = reachableValues(bridge);
    expect(values).not.toContain(electron.ipcRenderer);
    expect(values).not.toContain(electron.ipcRenderer.invoke);
  });

  it('asks main for app info on the fixed channel, passing nothing from the caller', async () => {
    electron.ipcRenderer.invoke.mockResolvedValue({ version: '0.1.0', platform: 'linux' });
    const { bridge } = await loadPreload();

    await expect(bridge.app.getInfo()).resolves.toEqual({ version: '0.1.0', platform: 'linux' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('app:getInfo');
  });
});
