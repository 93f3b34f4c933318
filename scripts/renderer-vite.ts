// What the Electron renderer build (electron.vite.config.ts) and the plain-browser build
// (vite.web.config.ts) share, so the two shells cannot drift apart: the same root, the same
// plugins, the same compile-time constants.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { PluginOption } from 'vite';

export const rendererRoot = fileURLToPath(new URL('../src/renderer', import.meta.url));

const packageJson: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const appVersion =
  typeof packageJson === 'object' &&
  packageJson !== null &&
  'version' in packageJson &&
  typeof packageJson.version === 'string'
    ? packageJson.version
    : '0.0.0';

/** Compile-time constants the renderer reads; declared for TypeScript in src/renderer/env.d.ts. */
export const rendererDefine = {
  __TINDAK_VERSION__: JSON.stringify(appVersion),
};

export function rendererPlugins(): PluginOption[] {
  return [react()];
}
