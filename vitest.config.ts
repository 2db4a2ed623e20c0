import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (file: string) => fileURLToPath(new URL(`./src/${file}`, import.meta.url));

export default defineConfig({
  resolve: {
    // README examples import the package by name.
    alias: [
      { find: /^momentum-gd$/, replacement: src('index.ts') },
      { find: /^momentum-gd\/datasets$/, replacement: src('datasets.ts') },
      { find: /^momentum-gd\/math$/, replacement: src('math.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    testTimeout: 60_000,
    // Type-level tests (expectTypeOf, @ts-expect-error), compiled by tsc: the option unions of src/types.ts.
    typecheck: { enabled: true, include: ['test/types/**/*.test-d.ts'], tsconfig: './test/types/tsconfig.json' },
  },
});
