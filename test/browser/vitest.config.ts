import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The browser suite: builds site/ once (build-site.ts), serves it and drives Chromium (page.ts). `npm run test:browser`.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/browser/build-site.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
