// electron-builder afterPack hook: flips Electron's fuses in the packaged binary, before
// electron-builder signs it (fuses change the binary, so they must come first). Release builds
// close every door that lets someone run the app's Electron as something else; the test build,
// which Playwright drives, keeps only the one door Playwright needs: the Node inspector
// (`--inspect`), through which `_electron.launch` evaluates code in the main process.
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/** @type {import('@electron/fuses').FuseV1Config} */
const RELEASE_FUSES = {
  version: FuseVersion.V1,
  // Fails the build if an Electron upgrade adds a fuse this table does not decide.
  strictlyRequireAllFuses: true,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** @type {Record<import('./after-pack.d.mts').BuildFlavour, import('@electron/fuses').FuseV1Config>} */
export const FUSES = {
  release: RELEASE_FUSES,
  // The release's fuses, with only the Node inspector open for Playwright's `_electron.launch`.
  test: { ...RELEASE_FUSES, [FuseV1Options.EnableNodeCliInspectArguments]: true },
};

/**
 * The afterPack hook of one build flavour. A release packaged from a test-flavour main bundle
 * (TINDAK_BUILD_FLAVOUR=test at build time: DevTools on) is refused outright.
 * @param {import('./after-pack.d.mts').BuildFlavour} flavour
 */
export function afterPackFor(flavour) {
  /** @param {import('./after-pack.d.mts').AfterPackContextLike} context */
  return async (context) => {
    if (flavour === 'release' && process.env.TINDAK_BUILD_FLAVOUR === 'test') {
      throw new Error(
        'Refusing to package a release with TINDAK_BUILD_FLAVOUR=test: unset it and rebuild (npm run build) first.',
      );
    }
    await context.packager.addElectronFuses(context, FUSES[flavour]);
  };
}
