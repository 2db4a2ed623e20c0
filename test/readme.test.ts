// Every ```ts example in the README runs, as written, against the package (aliased to src/ in vitest.config.ts).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
const dir = new URL('./.readme/', import.meta.url);

describe('README examples', () => {
  it('has examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
  });
  it.each(blocks.map((code, i) => [i + 1, code] as const))('example %i runs', async (i, code) => {
    mkdirSync(dir, { recursive: true });
    const file = new URL(`example-${i}.ts`, dir);
    writeFileSync(file, `${code}\nexport {};\n`);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await import(/* @vite-ignore */ `${file.href}?t=${Date.now()}`);
      expect(log).toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });
});
