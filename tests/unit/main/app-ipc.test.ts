import { describe, expect, it } from 'vitest';
import type { InvokeEventLike, IpcHandlerRegistry } from '../../../src/main/ipc/handle';
import { registerAppIpc } from '../../../src/main/ipc/app-info';
import { isAppUrl } from '../../../src/main/security';

/** A stand-in for ipcMain that lets the test invoke handlers as a given page would. */
function fakeIpcMain() {
  const handlers = new Map<string, (event: InvokeEventLike) => unknown>();
  const registry: IpcHandlerRegistry = {
    handle: (channel, listener) => {
      handlers.set(channel, listener);
    },
  };
  const invokeFrom = async (senderUrl: string | null, channel: string): Promise<unknown> => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ senderFrame: senderUrl === null ? null : { url: senderUrl } });
  };
  return { registry, channels: () => [...handlers.keys()], invokeFrom };
}

const appUrl = 'file:///opt/tindak/out/renderer/index.html';

describe('app IPC', () => {
  function setUp() {
    const ipc = fakeIpcMain();
    registerAppIpc(ipc.registry, {
      getInfo: () => ({ version: '0.1.0', platform: 'linux' }),
      isTrustedSender: (senderUrl) => isAppUrl(senderUrl, appUrl),
    });
    return ipc;
  }

  it('registers app:getInfo, the channel the preload invokes', () => {
    expect(setUp().channels()).toEqual(['app:getInfo']);
  });

  it('answers the app page, whatever its query string', async () => {
    const ipc = setUp();
    await expect(
      ipc.invokeFrom(`${appUrl}?server=http%3A%2F%2F127.0.0.1%3A8787`, 'app:getInfo'),
    ).resolves.toEqual({
      version: '0.1.0',
      platform: 'linux',
    });
  });

  it('refuses other pages and vanished frames', async () => {
    const ipc = setUp();
    await expect(ipc.invokeFrom('file:///tmp/evil.html', 'app:getInfo')).rejects.toThrow(
      /did not come from the Tindak window/,
    );
    await expect(ipc.invokeFrom('https://example.org/', 'app:getInfo')).rejects.toThrow(/refused/);
    await expect(ipc.invokeFrom(null, 'app:getInfo')).rejects.toThrow(/refused/);
  });
});
