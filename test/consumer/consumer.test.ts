/**
 * A consumer project, as a user makes one: the packed tarball (pack.ts) unpacked into a fresh folder's
 * node_modules, TypeScript code that uses the public API compiled by `tsc` with skipLibCheck false under three
 * settings (Node: nodenext + lib ES2022 + @types/node; browser: lib DOM, no @types/node; bare: lib ES2022 only),
 * the Node build run, and the tarball linted by publint and @arethetypeswrong/cli.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pack, repo, run } from './pack.js';

let dir: string;
let tarball: string;
const tsc = join(repo, 'node_modules/.bin/tsc');

/** The Node consumer: a fit, the worker engine's types, an AbortSignal from Node, the data sets from the package. */
const NODE_MAIN = `
import { createEngine, type EngineOptions, type WorkerEngineOptions } from 'momentum-gd';
import { loadBreastCancer, parseCsv } from 'momentum-gd/datasets';
import { exp, log1p } from 'momentum-gd/math';

const options: EngineOptions = { backend: 'auto' };
const engine = await createEngine(options);
const data = engine.dataset([[0], [1], [2], [3]], [1, 3, 5, 7]);
const controller = new AbortController();
const fit = engine.fit(data, { lr: 0.1, momentum: 0.9, maxIterations: 500, signal: controller.signal });
const workerOptions: WorkerEngineOptions = { workerUrl: new URL('file:///worker.js'), wasm: { simd: new Uint8Array(0) } };
const cancer = await loadBreastCancer();
console.log(JSON.stringify({
  backend: engine.backend, simd: engine.simd, fallbackReason: engine.fallbackReason ?? null,
  weights: Array.from(fit.weights), intercept: fit.intercept, status: fit.status, iterations: fit.iterations,
  rows: cancer.X.length, cols: cancer.X[0]!.length, csv: parseCsv('a\\n1\\n').rows, worker: Object.keys(workerOptions),
  exp1: exp(1), log1pTiny: log1p(1e-20),
}));
`;

/** The browser consumer: DOM types only; a Worker, an AbortSignal and a WebAssembly.Module from lib.dom. */
const BROWSER_MAIN = `
import { createEngine, createWorkerEngine, type FitResult } from 'momentum-gd';
import { parseCsv } from 'momentum-gd/datasets';

export async function main(module: WebAssembly.Module): Promise<FitResult> {
  const engine = await createEngine({ wasm: { simd: module, scalar: new URL('/wasm/momentum.wasm', location.href) } });
  const worker = await createWorkerEngine({ worker: new Worker('/worker.js', { type: 'module' }), wasm: '/wasm/' });
  const data = await worker.dataset([[0], [1]], [1, 3]);
  const stop = new AbortController();
  const fit = await worker.fit(data, { lr: 0.1, signal: stop.signal }, { signal: stop.signal });
  engine.fit(engine.dataset(parseCsv('x,y\\n0,1\\n').rows, [1]), { lr: 0.1, signal: stop.signal });
  // @ts-expect-error a number is no wasm source
  await createEngine({ wasm: 42 });
  return fit;
}
`;

/** Neither DOM nor Node types: the declarations alone must still compile. */
const BARE_MAIN = `
import { createEngine, type WorkerEngine } from 'momentum-gd';
import { loadDigits } from 'momentum-gd/datasets';
import { tanh } from 'momentum-gd/math';

export async function main(w: WorkerEngine): Promise<number> {
  if (tanh(0) !== 0) throw new Error('tanh');
  const engine = await createEngine({ wasm: { scalar: new Uint8Array(8).buffer } });
  const { X, y } = await loadDigits({ url: 'https://example.org/digits.csv' });
  const fit = engine.fit(engine.dataset(X, y), { lr: 0.1, model: 'softmax' });
  w.terminate();
  return fit.weights.length;
}
`;

const TSCONFIGS: Record<string, object> = {
  node: { module: 'nodenext', moduleResolution: 'nodenext', target: 'ES2022', lib: ['ES2022'], types: ['node'], outDir: 'out' },
  browser: { module: 'esnext', moduleResolution: 'bundler', target: 'ES2022', lib: ['ES2022', 'DOM'], types: [], noEmit: true },
  bare: { module: 'nodenext', moduleResolution: 'nodenext', target: 'ES2022', lib: ['ES2022'], types: [], noEmit: true },
};
const SOURCES: Record<string, string> = { node: NODE_MAIN, browser: BROWSER_MAIN, bare: BARE_MAIN };

beforeAll(async () => {
  ({ dir, tarball } = await pack());
  const pkg = join(dir, 'node_modules/momentum-gd');
  await mkdir(pkg, { recursive: true });
  run('tar', ['-xzf', tarball, '-C', pkg, '--strip-components=1'], dir);
  // The package's one dependency and Node's types, as an install would put them.
  await mkdir(join(dir, 'node_modules/@assemblyscript'), { recursive: true });
  await mkdir(join(dir, 'node_modules/@types'), { recursive: true });
  await symlink(join(repo, 'node_modules/@assemblyscript/loader'), join(dir, 'node_modules/@assemblyscript/loader'), 'dir');
  await symlink(join(repo, 'node_modules/@types/node'), join(dir, 'node_modules/@types/node'), 'dir');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  for (const [name, options] of Object.entries(TSCONFIGS)) {
    await mkdir(join(dir, name));
    await writeFile(join(dir, name, 'main.ts'), SOURCES[name]!);
    const compilerOptions = { ...options, strict: true, skipLibCheck: false, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true };
    await writeFile(join(dir, name, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['main.ts'] }, null, 2));
  }
}, 180_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** tsc's exit and output (file:line: error lines); '' when it compiled cleanly. */
function compile(name: string): string {
  try {
    execFileSync(tsc, ['-p', join(dir, name)], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return '';
  } catch (e) {
    return String((e as { stdout?: string }).stdout) + String((e as { stderr?: string }).stderr);
  }
}

describe('the packed package in a fresh TypeScript project (skipLibCheck: false)', () => {
  it.each(Object.keys(TSCONFIGS))('compiles with the %s settings', (name) => {
    expect(compile(name)).toBe('');
  });

  it('runs the Node build: a WASM fit (w = 2, b = 1) and the bundled data set read from the package', () => {
    const out = JSON.parse(run('node', [join(dir, 'node/out/main.js')], dir)) as Record<string, unknown>;
    expect(out).toMatchObject({ backend: 'wasm', simd: true, fallbackReason: null, status: 'maxIterations', iterations: 500,
      rows: 569, cols: 30, csv: [[1]], worker: ['workerUrl', 'wasm'],
      exp1: Math.E, log1pTiny: 1e-20 }); // exp(1) is e's double (as V8's); log1p(x) = x for tiny x
    // y = 1 + 2x exactly: with β = 0.9 and η = 0.1 the iterates contract to (2, 1) well within 500 steps
    expect(Math.abs((out.weights as number[])[0]! - 2)).toBeLessThan(1e-9);
    expect(Math.abs((out.intercept as number) - 1)).toBeLessThan(1e-9);
  });

  it('publint finds nothing to report (warnings count as errors)', () => {
    const out = run(join(repo, 'node_modules/.bin/publint'), ['run', tarball, '--strict', '--level', 'suggestion'], dir);
    expect(out).not.toMatch(/suggestion|warning|error/i);
  });

  it('@arethetypeswrong/cli: every entry point resolves to its types (ESM-only package)', () => {
    // --profile esm-only: the package has no CommonJS build, so require() (node16-cjs) and node10 resolutions are
    // not checked; the CLI exits non-zero (run throws) on any other problem.
    const attw = join(repo, 'node_modules/.bin/attw');
    run(attw, [tarball, '--profile', 'esm-only'], dir);
    const out = run(attw, [tarball, '--profile', 'esm-only', '--format', 'json'], dir);
    const report = JSON.parse(out) as { analysis: { problems: { resolutionKind: string }[]; entrypoints: Record<string, unknown> } };
    const esm = report.analysis.problems.filter((p) => p.resolutionKind === 'node16-esm' || p.resolutionKind === 'bundler');
    expect(esm).toEqual([]);
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual(['.', './build/*.wasm', './data/*.csv', './datasets', './math', './package.json', './worker']);
  });

  it('the tarball holds the LICENSE, the README, dist/, both WASM builds and the data, and nothing of src/ or test/', () => {
    const files = run('tar', ['-tzf', tarball], dir).trim().split('\n').map((f) => f.replace(/^package\//, ''));
    for (const f of ['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/worker-entry.js',
      'build/momentum.wasm', 'build/momentum-simd.wasm', 'data/breast_cancer.csv', 'data/digits.csv']) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => /^(src|test|assembly|bench|site)\//.test(f))).toEqual([]);
  });
});
