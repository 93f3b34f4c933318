// Every window the app opens (the main window and the invisible print window) carries the
// hardened webPreferences; DevTools only outside release builds.
import { describe, expect, it } from 'vitest';
import { currentBuildFlavour, isReleaseBuild } from '../../../src/main/build-flavour';
import { createMainWindowOptions, createPrintWindowOptions } from '../../../src/main/window-options';

const windows = {
  main: createMainWindowOptions({ preloadPath: '/app/out/preload/index.cjs', isDevToolsAllowed: false }),
  print: createPrintWindowOptions(),
};

describe.each(Object.entries(windows))('the %s window', (_kind, options) => {
  it('isolates the renderer from Node and Electron', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
    });
  });

  it('keeps web security on and nothing experimental or insecure', () => {
    expect(options.webPreferences).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
      navigateOnDragDrop: false,
    });
    expect(options.webPreferences).not.toHaveProperty('disableBlinkFeatures');
    expect(options.webPreferences).not.toHaveProperty('additionalArguments');
  });

  it('has no DevTools in a release build', () => {
    expect(options.webPreferences?.devTools).toBe(false);
  });

  it('stays hidden until it is ready', () => {
    expect(options.show).toBe(false);
  });
});

describe('main window', () => {
  it('loads the given preload script', () => {
    expect(windows.main.webPreferences?.preload).toBe('/app/out/preload/index.cjs');
  });

  it('allows DevTools only when asked (development and test builds)', () => {
    const options = createMainWindowOptions({ preloadPath: '/p.cjs', isDevToolsAllowed: true });
    expect(options.webPreferences?.devTools).toBe(true);
    expect(options.webPreferences?.sandbox).toBe(true);
  });
});

describe('print window', () => {
  it('runs no script and loads no preload', () => {
    expect(windows.print.webPreferences?.javascript).toBe(false);
    expect(windows.print.webPreferences).not.toHaveProperty('preload');
  });
});

describe('build flavour', () => {
  it('is release unless the build replaced the flavour with test', () => {
    expect(currentBuildFlavour()).toBe('release');
  });

  it('counts only packaged release-flavour builds as releases', () => {
    expect(isReleaseBuild(true, 'release')).toBe(true);
    expect(isReleaseBuild(true, 'test')).toBe(false);
    expect(isReleaseBuild(false, 'release')).toBe(false);
  });
});
