import { describe, expect, it } from 'vitest';
import { createMainWindowOptions } from '../../../src/main/window-options';

describe('main window options', () => {
  const options = createMainWindowOptions({ preloadPath: '/app/out/preload/index.cjs' });

  it('isolates the renderer from Node and Electron', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads the given preload script', () => {
    expect(options.webPreferences?.preload).toBe('/app/out/preload/index.cjs');
  });

  it('stays hidden until the first paint is ready', () => {
    expect(options.show).toBe(false);
  });
});
