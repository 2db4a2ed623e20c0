/**
 * Vite config of the playground (root: site/). `base: './'` makes the build work from any static server or
 * sub-folder. The library is imported from ../src as TypeScript; its WASM files are found by
 * `new URL('../../build/*.wasm', import.meta.url)` in src/wasm/load.ts, which Vite copies into dist/assets at build
 * time and serves from the repository at dev time (hence server.fs.allow on the repository root).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repo = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  assetsInclude: ['**/*.wasm'],
  server: { fs: { allow: [repo] } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // keep the .wasm files as separate assets (never inlined as base64)
    assetsInlineLimit: 0,
  },
  worker: { format: 'es' },
});
