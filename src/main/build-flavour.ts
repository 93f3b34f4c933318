// Which kind of build this is. electron.vite.config.ts replaces __TINDAK_BUILD_FLAVOUR__ at build
// time (TINDAK_BUILD_FLAVOUR=test for the build Playwright drives); anything else, including a
// run where nothing replaced it (unit tests), is a release build. Build time, not run time: an
// environment variable on an officer's machine must not switch a release build's DevTools on.
declare const __TINDAK_BUILD_FLAVOUR__: string | undefined;

export type BuildFlavour = 'release' | 'test';

export function currentBuildFlavour(): BuildFlavour {
  return typeof __TINDAK_BUILD_FLAVOUR__ === 'string' && __TINDAK_BUILD_FLAVOUR__ === 'test'
    ? 'test'
    : 'release';
}

/** Release builds are packaged builds of the release flavour: no DevTools, no developer overrides. */
export function isReleaseBuild(isPackaged: boolean, flavour: BuildFlavour): boolean {
  return isPackaged && flavour === 'release';
}
