// Builds the three Electron pieces into out/: main (ESM, Node target), preload (CommonJS,
// because Electron runs sandboxed preloads only as CommonJS) and the renderer (the same React
// app that vite.web.config.ts builds for plain browsers).
import { defineConfig } from 'electron-vite';
import { rendererDefine, rendererPlugins, rendererRoot } from './scripts/renderer-vite.ts';

export default defineConfig({
  main: {
    build: {
      lib: { entry: 'src/main/index.ts' },
    },
  },
  preload: {
    build: {
      lib: { entry: 'src/preload/index.ts' },
      rolldownOptions: {
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: rendererRoot,
    define: rendererDefine,
    plugins: rendererPlugins(),
    build: {
      rolldownOptions: {
        input: `${rendererRoot}/index.html`,
      },
    },
  },
});
