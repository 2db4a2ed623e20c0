import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The browser suite: builds site/, serves it and drives Chromium (see playground.test.ts). Run by `npm run test:browser`.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
