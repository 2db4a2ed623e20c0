/**
 * `npx tsx bench/elementary.ts [--before DIR] [--after DIR] [--rounds N]`: throughput of the elementary functions (ns per value)
 * in each implementation — WASM scalar build, the SIMD build's scalar functions, its f64x2 forms (expV, logV,
 * log1pV: two values per call), and the JS mirror (src/elementary.ts) — on the inputs the classifier kernels feed
 * them: exp on [−30, 0] (softmax's zₖ − max) and on [−700, 700], log on [1, 10] (softmax's log Σ), log1p on (0, 1]
 * (logistic's log1p(e^−|z|)). With `--before DIR` (a directory holding build/momentum*.wasm and src/elementary.ts
 * of an earlier version), the earlier version is timed in the same rounds, interleaved, and its results are
 * compared bit for bit with the current ones (they may differ after a deliberate numerical change; the count of
 * differing values is printed). `--after DIR` times another directory instead of this checkout. Each cell is the median / the minimum of the rounds in ns per value: on a shared machine
 * the minimum is the steadier estimate of the cost itself.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import * as currentJs from '../src/elementary.js';
import { mulberry32 } from './problem.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const beforeDir = arg('--before');
const rounds = Number(arg('--rounds') ?? 15);
/** Values per call: 4 096 doubles in and out (64 KiB), in L1/L2, so the functions and not memory are timed. */
const N = 4096;

type Fn = 'exp' | 'log' | 'log1p' | 'expm1' | 'tanh';
const IDS: Record<Fn, number> = { exp: 0, expm1: 1, log: 2, log1p: 3, tanh: 4 };
type JsMath = Record<Fn, (x: number) => number>;

interface Exports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  mathMap(fn: number, xPtr: number, outPtr: number, n: number, vectors: number): void;
}

interface Impl {
  name: string;
  /** Runs f over xs (N values) into out (N values). */
  run(fn: Fn, xs: Float64Array, out: Float64Array): void;
}

function wasmImpl(name: string, file: string, vectors: boolean): Impl {
  const ex = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(file)), {}).exports as unknown as Exports;
  const base = (ex.heapBase() + 15) & ~15;
  const need = base + N * 16;
  if (need > ex.memory.buffer.byteLength) ex.memory.grow(Math.ceil((need - ex.memory.buffer.byteLength) / 65536));
  const xIn = new Float64Array(ex.memory.buffer, base, N);
  const yOut = new Float64Array(ex.memory.buffer, base + N * 8, N);
  let loaded: Float64Array | null = null;
  return {
    name,
    run(fn, xs, out) {
      if (loaded !== xs) { xIn.set(xs); loaded = xs; }
      ex.mathMap(IDS[fn], base, base + N * 8, N, vectors ? 1 : 0);
      out.set(yOut);
    },
  };
}

/**
 * One loop per function and implementation, each compiled from its own source (new Function), so that every call
 * site sees one callee and V8 can inline it, as in the kernels (closures of one literal would share feedback).
 */
function jsImpl(name: string, m: JsMath): Impl {
  const loop = (f: (x: number) => number) =>
    new Function('f', 'return (xs, out) => { for (let i = 0; i < xs.length; i++) out[i] = f(xs[i]); };')(f) as
      (xs: Float64Array, out: Float64Array) => void;
  const loops = { exp: loop(m.exp), log: loop(m.log), log1p: loop(m.log1p), expm1: loop(m.expm1), tanh: loop(m.tanh) };
  return { name, run: (fn, xs, out) => loops[fn](xs, out) };
}

function impls(dir: string, tag: string, js: JsMath): Impl[] {
  return [
    wasmImpl(`${tag}wasm scalar`, resolve(dir, 'build/momentum.wasm'), false),
    wasmImpl(`${tag}wasm simd, scalar fn`, resolve(dir, 'build/momentum-simd.wasm'), false),
    wasmImpl(`${tag}wasm simd, f64x2`, resolve(dir, 'build/momentum-simd.wasm'), true),
    jsImpl(`${tag}js`, js),
  ];
}

const afterDir = arg('--after');
const here = resolve(import.meta.dirname, '..');
const all: Impl[][] = [afterDir
  ? impls(afterDir, '', (await import(pathToFileURL(resolve(afterDir, 'src/elementary.ts')).href)) as JsMath)
  : impls(here, '', currentJs)];
if (beforeDir) {
  const js = (await import(pathToFileURL(resolve(beforeDir, 'src/elementary.ts')).href)) as JsMath;
  all.unshift(impls(beforeDir, 'before: ', js));
}

function points(lo: number, hi: number, seed: number): Float64Array {
  const r = mulberry32(seed);
  const xs = new Float64Array(N);
  for (let i = 0; i < N; i++) xs[i] = lo + (hi - lo) * r();
  return xs;
}

const CASES: { fn: Fn; label: string; xs: Float64Array }[] = [
  { fn: 'exp', label: 'exp on [−30, 0]', xs: points(-30, 0, 1) },
  { fn: 'exp', label: 'exp on [−700, 700]', xs: points(-700, 700, 2) },
  { fn: 'log', label: 'log on [1, 10]', xs: points(1, 10, 3) },
  { fn: 'log1p', label: 'log1p on (0, 1]', xs: points(1e-12, 1, 4) },
  { fn: 'expm1', label: 'expm1 on [−2, 2]', xs: points(-2, 2, 5) },
  { fn: 'tanh', label: 'tanh on [−3, 3]', xs: points(-3, 3, 6) },
];

/** Seconds per value: calls repeated until ≥ 10 ms. */
function time(impl: Impl, fn: Fn, xs: Float64Array, out: Float64Array): number {
  let reps = 0;
  const t0 = performance.now();
  let t = t0;
  do {
    impl.run(fn, xs, out);
    reps++;
    t = performance.now();
  } while (t - t0 < 10);
  return (t - t0) / 1000 / reps / N;
}

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const flat = all.flat();
console.log(`rounds: ${rounds}; ${N} values per call; ${new Date().toISOString()}`);
console.log(`| case | ${flat.map((i) => i.name).join(' | ')} |`);
console.log(`|---|${flat.map(() => '---:').join('|')}|`);
for (const c of CASES) {
  const out = new Float64Array(N);
  const results = flat.map((impl) => {
    const o = new Float64Array(N);
    impl.run(c.fn, c.xs, o);
    return o;
  });
  // Every implementation of one version must agree bit for bit; across versions, count the values that changed.
  const per = all[0]!.length;
  for (let v = 0; v < all.length; v++) {
    for (let i = 1; i < per; i++) {
      const a = results[v * per]!, b = results[v * per + i]!;
      for (let k = 0; k < N; k++) {
        if (!Object.is(a[k], b[k])) throw new Error(`${flat[v * per + i]!.name} ≠ ${flat[v * per]!.name} at ${c.fn}(${c.xs[k]})`);
      }
    }
  }
  let changed = 0;
  if (all.length > 1) for (let k = 0; k < N; k++) if (!Object.is(results[0]![k], results[per]![k])) changed++;
  for (let w = 0; w < 3; w++) for (const impl of flat) time(impl, c.fn, c.xs, out);
  const t: number[][] = flat.map(() => []);
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? flat.map((_, i) => i) : flat.map((_, i) => flat.length - 1 - i);
    for (const i of order) t[i]!.push(time(flat[i]!, c.fn, c.xs, out));
  }
  const cells = t.map((v) => `${(median(v) * 1e9).toFixed(2)} / ${(Math.min(...v) * 1e9).toFixed(2)}`);
  console.log(`| ${c.label}${all.length > 1 ? ` (${changed} of ${N} changed)` : ''} | ${cells.join(' | ')} |`);
}
