// Builds the renderer as a plain browser app into dist-web/, served by any static server
// (the Playwright tests, `npm start` without the Electron runtime). Relative base so it works
// from any path.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { rendererDefine, rendererPlugins, rendererRoot } from './scripts/renderer-vite.ts';

export default defineConfig({
  root: rendererRoot,
  base: './',
  define: rendererDefine,
  plugins: rendererPlugins(),
  build: {
    outDir: fileURLToPath(new URL('./dist-web', import.meta.url)),
    emptyOutDir: true,
  },
});
