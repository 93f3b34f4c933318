// electron-builder configuration of the release installers: Windows (NSIS) and Linux (AppImage,
// deb). Build with `npm run build && npx electron-builder --win --linux`. The packaged app is
// out/ (main and preload bundle their dependencies, see electron.vite.config.ts), so no
// node_modules ship: the server's dependencies in package.json are not the desktop app's.
// Fuses are flipped by scripts/after-pack.mjs; electron-builder.test.js is the test flavour.
import { afterPackFor } from './scripts/after-pack.mjs';

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'id.go.lapor.tindak',
  productName: 'Tindak',
  copyright: 'Tindak contributors',
  directories: { output: 'dist', buildResources: 'resources' },
  files: ['out/**/*', 'package.json', '!**/*.map', '!node_modules/**/*'],
  extraResources: [{ from: 'resources/icon.png', to: 'icon.png' }],
  asar: true,
  npmRebuild: false,
  afterPack: afterPackFor('release'),
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'resources/icon.png',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    // The officers' unsent work lives in userData: uninstalling must never delete it.
    deleteAppDataOnUninstall: false,
    artifactName: 'Tindak-Setup-${version}.${ext}',
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    icon: 'resources/icon.png',
    synopsis: 'Tindak lanjut pengaduan SP4N-LAPOR!',
    description: 'Offline-first case desk for SP4N-LAPOR! complaint follow-up.',
    maintainer: 'Tindak contributors <tindak@example.invalid>',
    artifactName: 'Tindak-${version}-${arch}.${ext}',
  },
};

export default config;
