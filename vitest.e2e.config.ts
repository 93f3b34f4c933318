// End-to-end tests: real Chromium (and Electron when its runtime is installed) against real
// builds. One file at a time in one forked process: the machine has two cores and each test
// drives a whole browser.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
