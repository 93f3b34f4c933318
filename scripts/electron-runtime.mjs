// Finds the Electron runtime binary without loading it. The npm package can be installed with
// no binary (ELECTRON_SKIP_BINARY_DOWNLOAD), in which case `require('electron')` throws; npm
// start and the Electron tests use this to fall back or skip with a clear explanation instead.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export const ELECTRON_INSTALL_HINT =
  'Install the runtime with `unset ELECTRON_SKIP_BINARY_DOWNLOAD && npm rebuild electron` ' +
  '(or remove node_modules/electron and run `npm install` without ELECTRON_SKIP_BINARY_DOWNLOAD).';

/** @returns {import('./electron-runtime.d.mts').ElectronRuntime} */
export function findElectronRuntime() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { isInstalled: false, reason: 'the electron npm package is not installed.' };
  }
  // Mirrors node_modules/electron/index.js, which holds the binary's location in path.txt.
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      isInstalled: false,
      reason: `${pathFile} is missing: the Electron binary was never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD was set at install time).`,
    };
  }
  const relativeBinary = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const executablePath = join(distDir, relativeBinary);
  if (!existsSync(executablePath)) {
    return { isInstalled: false, reason: `the Electron binary ${executablePath} does not exist.` };
  }
  return { isInstalled: true, executablePath };
}
