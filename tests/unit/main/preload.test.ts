// The preload with Electron faked: it must expose exactly one typed object as `tindak`, grouped
// by feature, whose functions invoke fixed channels, and nothing that leads back to ipcRenderer.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_METHODS, type TindakBridge } from '../../../src/preload/api';
import { IPC_CHANNELS } from '../../../src/preload/channels';
import { isTindakBridge } from '../../../src/renderer/platform';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn<(key: string, api: unknown) => void>() },
  ipcRenderer: {
    invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
    on: vi.fn(),
    send: vi.fn(),
  },
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

/** How many arguments each method takes; those taking none are listed, the rest take one. */
const ARGUMENT_COUNTS: Readonly<Record<string, number>> = {
  'app.getInfo': 0,
  'vault.status': 0,
  'settings.get': 0,
  'vault.put': 2,
  'status.setUnsentCount': 2,
};

/** Calls bridge[feature][method](...args) without the compiler knowing which one. */
function call(bridge: TindakBridge, feature: string, method: string, args: unknown[]): unknown {
  const api: unknown = Reflect.get(bridge, feature);
  const fn: unknown = typeof api === 'object' && api !== null ? Reflect.get(api, method) : undefined;
  if (typeof fn !== 'function') throw new Error(`${feature}.${method} is not a function`);
  return Reflect.apply(fn, api, args);
}

describe('preload bridge', () => {
  beforeEach(() => {
    electron.ipcRenderer.invoke.mockReset();
    electron.ipcRenderer.invoke.mockResolvedValue('answer from main');
  });

  it('exposes one object, `tindak`, grouped by feature with exactly the contract methods', async () => {
    const { key, bridge } = await loadPreload();
    expect(key).toBe('tindak');
    expect(bridge.kind).toBe('electron');
    expect(Object.keys(bridge).sort()).toEqual(['kind', ...Object.keys(BRIDGE_METHODS)].sort());
    for (const [feature, methods] of Object.entries(BRIDGE_METHODS)) {
      expect(Object.keys(Reflect.get(bridge, feature) as object).sort(), feature).toEqual(
        [...methods].sort(),
      );
    }
  });

  it('never exposes ipcRenderer or its methods', async () => {
    const { bridge } = await loadPreload();
    const values = reachableValues(bridge);
    for (const forbidden of [
      electron.ipcRenderer,
      electron.ipcRenderer.invoke,
      electron.ipcRenderer.on,
      electron.ipcRenderer.send,
    ]) {
      expect(values).not.toContain(forbidden);
    }
  });

  it.each(
    Object.entries(BRIDGE_METHODS).flatMap(([feature, methods]) =>
      methods.map((method) => [feature, method] as const),
    ),
  )('%s.%s invokes its feature:verb channel with exactly the declared arguments', async (feature, method) => {
    const { bridge } = await loadPreload();
    const channel = Reflect.get(Reflect.get(IPC_CHANNELS, feature) as object, method);
    expect(channel).toBe(`${feature}:${method}`);
    const args = ['first', 'second', 'third'];
    await expect(call(bridge, feature, method, args)).resolves.toBe('answer from main');
    const [[invokedChannel, ...passed] = []] = electron.ipcRenderer.invoke.mock.calls;
    expect(invokedChannel).toBe(channel);
    // The preload forwards what the method declares and nothing more.
    expect(passed).toEqual(args.slice(0, ARGUMENT_COUNTS[`${feature}.${method}`] ?? 1));
  });
});
