// The test flavour of the installers: what Playwright's `_electron.launch` can drive. Same app,
// another appId and output folder (it installs beside a release without sharing its data), an
// unpacked Linux folder as the only target, and the fuses of scripts/after-pack.mjs `test`
// (the Node inspector on). Build with:
//   TINDAK_BUILD_FLAVOUR=test npm run build && npx electron-builder --config electron-builder.test.js
import release from './electron-builder.js';
import { afterPackFor } from './scripts/after-pack.mjs';

/** @type {import('electron-builder').Configuration} */
const config = {
  ...release,
  appId: 'id.go.lapor.tindak.test',
  productName: 'Tindak Test',
  directories: { output: 'dist-test', buildResources: 'resources' },
  afterPack: afterPackFor('test'),
  win: { target: [{ target: 'dir', arch: ['x64'] }], icon: 'resources/icon.png' },
  linux: { ...release.linux, target: ['dir'] },
};

export default config;
