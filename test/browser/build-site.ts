/**
 * Vitest global setup of the browser suite: builds site/ with Vite once per run, before any test file opens it
 * (test/browser/page.ts serves site/dist).
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export default async function buildSite(): Promise<void> {
  const repo = fileURLToPath(new URL('../..', import.meta.url));
  await build({ configFile: `${repo}site/vite.config.ts`, logLevel: 'warn' });
}
