// Lint doubles as the wall between the processes (STYLE.md): shared/ imports nothing of the
// project and no platform, server/ and renderer/ never import each other, the renderer never
// reaches Node or Electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'https', 'zlib', 'stream', 'url', 'util', 'worker_threads'];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'dist-web/**', 'node_modules/**', '.data/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/shared/**'],
    rules: restrict(
      ['**/main/**', '**/preload/**', '**/renderer/**', '**/server/**', 'electron', 'react', 'dexie', ...nodeBuiltins],
      'src/shared is pure TypeScript used everywhere: it imports no other part of the project and no platform.',
    ),
  },
  {
    files: ['src/server/**'],
    rules: restrict(['**/renderer/**', '**/main/**', '**/preload/**', 'electron', 'react', 'dexie'], 'The server shares only src/shared with the app.'),
  },
  {
    files: ['src/renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(['**/server/**', '**/main/**', 'electron', ...nodeBuiltins], 'The renderer runs in a sandbox and in plain browsers: it reaches the platform only through src/renderer/platform.'),
    },
  },
  {
    files: ['src/main/**'],
    rules: restrict(['**/renderer/**', '**/server/**'], 'The main process does not import the renderer or the server.'),
  },
  {
    files: ['src/preload/**'],
    rules: restrict(['**/renderer/**', '**/server/**', '**/main/**'], 'The preload is a thin bridge; it imports only shared and its own api.'),
  },
);
