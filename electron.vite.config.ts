// Builds the three Electron pieces into out/: main (ESM, Node target), preload (CommonJS,
// because Electron runs sandboxed preloads only as CommonJS) and the renderer (the same React
// app that vite.web.config.ts builds for plain browsers). TINDAK_BUILD_FLAVOUR=test builds the
// flavour Playwright drives (src/main/build-flavour.ts); anything else builds a release.
import { defineConfig } from 'electron-vite';
import { rendererDefine, rendererPlugins, rendererRoot } from './scripts/renderer-vite.ts';

export default defineConfig({
  main: {
    define: {
      __TINDAK_BUILD_FLAVOUR__: JSON.stringify(
        process.env['TINDAK_BUILD_FLAVOUR'] === 'test' ? 'test' : 'release',
      ),
    },
    build: {
      lib: { entry: 'src/main/index.ts' },
      // Bundled, zod included, so installers ship out/ without node_modules (the server's
      // dependencies in package.json are not the desktop app's).
      externalizeDeps: false,
    },
  },
  preload: {
    build: {
      lib: { entry: 'src/preload/index.ts' },
      externalizeDeps: false,
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
