// The import rules of the core (issue 13), read from the import lines of the files themselves:
// - assembly/ (the WASM core) imports from src/ only src/abi/ (the shared interface: slot numbers, ids, codes);
// - src/abi/ imports nothing (it is compiled as AssemblyScript and as TypeScript alike);
// - shared src/ code (outside src/js/) imports from src/js/ only the JS backend itself (src/js/engine.ts), to
//   construct it: no shared module depends on one backend's kernels.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

/**
 * Every module specifier of a file: `import … from '…'` and `export … from '…'` (also `import type`, over several
 * lines), bare `import '…'`, and `import('…')` with a literal. Comments are removed first.
 */
export function specifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\s[^;'"]*?\sfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*(?:\/\*[^*]*\*\/\s*)*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) out.push(m[1]!);
  return out;
}

/** The repository-relative path an import names (`.js` read as the `.ts` source), or null for a package. */
function target(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return relative(ROOT, resolve(dirname(file), spec)).replace(/\.js$/, '.ts').split('\\').join('/');
}

interface Edge { from: string; spec: string; to: string | null }

function edges(dir: string): Edge[] {
  return tsFiles(join(ROOT, dir)).flatMap((file) =>
    specifiers(readFileSync(file, 'utf8')).map((spec) => ({ from: relative(ROOT, file).split('\\').join('/'), spec, to: target(file, spec) })));
}

const show = (e: Edge) => `${e.from} imports '${e.spec}'`;

describe('import rules of the core (issue 13)', () => {
  it('the parser sees the kinds of import line the rules are about', () => {
    const src = [
      "import { a } from './x.js';",
      "import type {\n  B,\n  C,\n} from '../js/y.js';",
      "export { d } from '../src/abi/layout';",
      "import './side.js';",
      "const m = await import(/* webpackIgnore: true */ './lazy.js');",
      "// import { no } from './commented.js';",
      '/* import { no } from "./block.js"; */',
    ].join('\n');
    expect(specifiers(src).sort()).toEqual(['../js/y.js', '../src/abi/layout', './lazy.js', './side.js', './x.js']);
  });

  it('assembly/ imports nothing of src/ but src/abi/', () => {
    const all = edges('assembly');
    // Not vacuous: the core does read the shared interface.
    expect(all.some((e) => e.to?.startsWith('src/abi/'))).toBe(true);
    const bad = all.filter((e) => e.to !== null && !e.to.startsWith('assembly/') && !e.to.startsWith('src/abi/'));
    expect(bad.map(show)).toEqual([]);
  });

  it('src/abi/ imports nothing', () => {
    expect(tsFiles(join(ROOT, 'src/abi')).length).toBeGreaterThan(0);
    expect(edges('src/abi').map(show)).toEqual([]);
  });

  it('shared src/ code imports from src/js/ only the JS backend, to construct it', () => {
    const shared = edges('src').filter((e) => !e.from.startsWith('src/js/'));
    expect(shared.some((e) => e.to === 'src/js/engine.ts')).toBe(true);
    const bad = shared.filter((e) => e.to?.startsWith('src/js/') && e.to !== 'src/js/engine.ts');
    expect(bad.map(show)).toEqual([]);
  });
});
