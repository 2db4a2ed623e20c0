// The import rules of the core (issue 13), read from the import lines of the files themselves:
// - assembly/ (the WASM core) imports from src/ only src/abi/ (the shared interface: slot numbers, ids, codes);
// - src/abi/ imports nothing (it is compiled as AssemblyScript and as TypeScript alike);
// - shared src/ code (outside src/js/) imports from src/js/ only the JS backend itself (src/js/engine.ts), to
//   construct it: no shared module depends on one backend's kernels;
// - the model table is data that options read: src/options/ imports src/models/registry.ts, and nothing in
//   src/models/ imports src/options/, not even through other modules (src/check/ holds the checks both use);
// - src/check/ (argument and dataset checks) imports nothing of src/ but src/types.ts;
// - more generally, the rooms of src/ (each folder and each file directly in it) import each other one way: no cycle.
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

/** The import graph of src/: file → the src/ files it imports (type-only imports too). */
function graph(): Map<string, Edge[]> {
  const out = new Map<string, Edge[]>();
  for (const e of edges('src')) {
    if (!out.has(e.from)) out.set(e.from, []);
    if (e.to !== null) out.get(e.from)!.push(e);
  }
  return out;
}

/** Every chain of imports from `start` that reaches a file `bad` accepts, as `a → b → c` (depth first, each file once). */
function pathsTo(g: Map<string, Edge[]>, start: string, bad: (file: string) => boolean): string[] {
  const found: string[] = [], seen = new Set<string>([start]);
  const walk = (file: string, chain: string[]) => {
    for (const e of g.get(file) ?? []) {
      if (bad(e.to!)) found.push([...chain, e.to!].join(' → '));
      else if (!seen.has(e.to!)) {
        seen.add(e.to!);
        walk(e.to!, [...chain, e.to!]);
      }
    }
  };
  walk(start, [start]);
  return found;
}

/** The room of a src/ file: its folder directly under src/ (`src/models/`), or the file itself (`src/engine.ts`). */
function room(file: string): string {
  const parts = file.split('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]}/` : file;
}

/** The cycles of a directed graph (one per back edge of a depth-first search), as `a → b → a`. */
export function cycles(g: Map<string, Set<string>>): string[] {
  const state = new Map<string, 'open' | 'done'>(), out: string[] = [];
  const visit = (u: string, stack: string[]) => {
    state.set(u, 'open');
    stack.push(u);
    for (const v of [...(g.get(u) ?? [])].sort()) {
      if (state.get(v) === 'open') out.push([...stack.slice(stack.indexOf(v)), v].join(' → '));
      else if (!state.has(v)) visit(v, stack);
    }
    stack.pop();
    state.set(u, 'done');
  };
  for (const u of [...g.keys()].sort()) if (!state.has(u)) visit(u, []);
  return out;
}

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

  it('the model table is data that options read: src/models/ never reaches src/options/', () => {
    const g = graph();
    const options = (f: string) => f.startsWith('src/options/');
    // Not vacuous: options do read the table.
    expect([...g.entries()].some(([from, es]) => options(from) && es.some((e) => e.to === 'src/models/registry.ts'))).toBe(true);
    const models = [...g.keys()].filter((f) => f.startsWith('src/models/'));
    expect(models).toContain('src/models/registry.ts');
    // Directly (an import line) or through any chain of imports (the table's metric, LinearModel's input checks).
    expect(models.flatMap((f) => pathsTo(g, f, options))).toEqual([]);
  });

  it('src/check/ imports nothing of src/ but src/types.ts', () => {
    const bad = edges('src/check').filter((e) => e.to !== null && !e.to.startsWith('src/check/') && e.to !== 'src/types.ts');
    expect(edges('src/check').length).toBeGreaterThan(0);
    expect(bad.map(show)).toEqual([]);
  });

  it('the rooms of src/ (folders and top-level files) import each other one way: no cycle', () => {
    const rooms = new Map<string, Set<string>>();
    for (const [from, es] of graph()) {
      for (const e of es) {
        const a = room(from), b = room(e.to!);
        if (a === b) continue;
        if (!rooms.has(a)) rooms.set(a, new Set());
        rooms.get(a)!.add(b);
      }
    }
    expect(rooms.get('src/options/')?.has('src/models/')).toBe(true);
    // The detector itself: a two-room cycle and a three-room one are found, a diamond is not a cycle.
    const toy = (pairs: string[]) => {
      const m = new Map<string, Set<string>>();
      for (const p of pairs) {
        const [a, b] = p.split('>') as [string, string];
        if (!m.has(a)) m.set(a, new Set());
        m.get(a)!.add(b);
      }
      return m;
    };
    expect(cycles(toy(['a>b', 'b>a']))).toEqual(['a → b → a']);
    expect(cycles(toy(['a>b', 'b>c', 'c>a', 'a>d']))).toEqual(['a → b → c → a']);
    expect(cycles(toy(['a>b', 'a>c', 'b>d', 'c>d']))).toEqual([]);
    expect(cycles(rooms)).toEqual([]);
  });

  it('shared src/ code imports from src/js/ only the JS backend, to construct it', () => {
    const shared = edges('src').filter((e) => !e.from.startsWith('src/js/'));
    expect(shared.some((e) => e.to === 'src/js/engine.ts')).toBe(true);
    const bad = shared.filter((e) => e.to?.startsWith('src/js/') && e.to !== 'src/js/engine.ts');
    expect(bad.map(show)).toEqual([]);
  });
});
