// The installer configuration (electron-builder.js, electron-builder.test.js) and its fuses
// (scripts/after-pack.mjs). Installers cannot be built here (no Electron binary, no download),
// so this checks what can be: both configurations pass electron-builder's own schema, target
// NSIS, AppImage and deb, and their afterPack hooks flip exactly the fuses of their flavour.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FUSES } from '../../../scripts/after-pack.mjs';
import { APP_ID } from '../../../src/main/app-id';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

interface BuilderConfig {
  readonly afterPack?: unknown;
  readonly asar?: unknown;
  readonly files?: readonly string[];
  readonly win?: { readonly target?: readonly { readonly target: string }[] };
  readonly nsis?: Record<string, unknown>;
  readonly linux?: { readonly target?: readonly string[] };
  readonly appId?: string;
}

async function loadConfig(file: string): Promise<BuilderConfig> {
  const module: unknown = await import(/* @vite-ignore */ `${repoRoot}${file}`);
  const config: unknown =
    typeof module === 'object' && module !== null ? Reflect.get(module, 'default') : undefined;
  if (typeof config !== 'object' || config === null) throw new Error(`${file} has no default export`);
  return config;
}

/** Runs the config's afterPack hook against a stand-in packager and returns the fuses it set. */
async function fusesFlippedBy(config: BuilderConfig): Promise<FuseV1Config> {
  const addElectronFuses = vi.fn((_context: unknown, _fuses: FuseV1Config) => Promise.resolve(0));
  const context = { packager: { addElectronFuses } };
  if (typeof config.afterPack !== 'function') throw new Error('afterPack is not a function');
  await Reflect.apply(config.afterPack, undefined, [context]);
  expect(addElectronFuses).toHaveBeenCalledTimes(1);
  const [passedContext, fuses] = addElectronFuses.mock.calls[0] ?? [];
  expect(passedContext).toBe(context);
  if (!fuses) throw new Error('no fuses');
  return fuses;
}

/** electron-builder's own validation, resolved the way electron-builder itself resolves it. */
async function validate(config: BuilderConfig): Promise<void> {
  const requireFromBuilder = createRequire(
    createRequire(import.meta.url).resolve('electron-builder/package.json'),
  );
  const { validateConfiguration } = requireFromBuilder('app-builder-lib/out/util/config/config') as {
    validateConfiguration(config: unknown, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = requireFromBuilder('builder-util') as {
    DebugLogger: new (isEnabled: boolean) => unknown;
  };
  await validateConfiguration({ ...config }, new DebugLogger(false));
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('release installers (electron-builder.js)', () => {
  it('is a valid electron-builder configuration', async () => {
    await expect(validate(await loadConfig('electron-builder.js'))).resolves.toBeUndefined();
    await expect(
      validate({ ...(await loadConfig('electron-builder.js')), asar: 'yes please' } as BuilderConfig),
    ).rejects.toThrow(/Invalid configuration/);
  });

  it('builds NSIS for Windows and AppImage plus deb for Linux, from out/ inside an asar', async () => {
    const config = await loadConfig('electron-builder.js');
    expect(config.win?.target?.map((target) => target.target)).toEqual(['nsis']);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['out/**/*', '!node_modules/**/*']));
    expect(config.nsis?.['deleteAppDataOnUninstall']).toBe(false);
  });

  it('uses the app id main gives Windows for notifications', async () => {
    expect((await loadConfig('electron-builder.js')).appId).toBe(APP_ID);
  });

  it('flips the release fuses: no run-as-node, NODE_OPTIONS or inspect; cookie encryption, ASAR integrity, ASAR only', async () => {
    const fuses = await fusesFlippedBy(await loadConfig('electron-builder.js'));
    expect(fuses).toEqual({
      version: FuseVersion.V1,
      strictlyRequireAllFuses: true,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('decides every fuse this Electron knows', () => {
    const fuseIndexes = Object.values(FuseV1Options).filter((value) => typeof value === 'number');
    for (const flavour of ['release', 'test'] as const) {
      expect(
        Object.keys(FUSES[flavour])
          .filter((key) => /^\d+$/.test(key))
          .map(Number)
          .sort(),
      ).toEqual(fuseIndexes.sort());
    }
  });

  it('refuses to package a release from a test-flavour build', async () => {
    vi.stubEnv('TINDAK_BUILD_FLAVOUR', 'test');
    await expect(fusesFlippedBy(await loadConfig('electron-builder.js'))).rejects.toThrow(
      /Refusing to package a release/,
    );
  });
});

describe('test build (electron-builder.test.js)', () => {
  it('is a valid configuration of its own app id, unpacked for Playwright', async () => {
    const config = await loadConfig('electron-builder.test.js');
    await expect(validate(config)).resolves.toBeUndefined();
    expect(config.appId).toBe('id.go.lapor.tindak.test');
    expect(config.linux?.target).toEqual(['dir']);
  });

  it('relaxes exactly one fuse, the Node inspector that _electron.launch needs', async () => {
    const release = await fusesFlippedBy(await loadConfig('electron-builder.js'));
    const test = await fusesFlippedBy(await loadConfig('electron-builder.test.js'));
    expect(test).toEqual({ ...release, [FuseV1Options.EnableNodeCliInspectArguments]: true });
  });
});
