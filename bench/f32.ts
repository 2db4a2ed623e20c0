/**
 * `npx tsx bench/f32.ts [--rounds N] [--iterations N] [--backend wasm|js] [--scalar] [--clock wall|cpu] [--sizes 400x100,…]`: float32 storage against f64 storage
 * (issue 17) in one process, on the same data, in interleaved rounds (f64, f32, f64', reversed every other round):
 * full-batch fits of the linear and logistic models at 100 000 × 100 and 1 000 000 × 10, the sizes where a fit reads
 * X from DRAM. Reports the median time per iteration of each, f32/f64 (the change) and f64'/f64 (the A/A spread of
 * the machine). Before timing, checks that the float32 fit gives the doubles of the f64 fit of Math.fround(X)
 * (Object.is on every weight, intercept and objective): a difference fails the run. --sizes: other rows×cols (e.g.
 * 400x100, 4000x10: X within L2, where the pass is compute bound), each with the iterations scaled to read as many
 * elements as 10⁷ elements × --iterations.
 */
import { performance } from 'node:perf_hooks';
import { cpus } from 'node:os';
import { createEngine, type Dataset, type Engine, type FitOptions, type FitResult } from '../src/index.js';
import { mulberry32 } from './problem.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const rounds = Number(arg('--rounds') ?? 7);
const baseIterations = Number(arg('--iterations') ?? 10);
const backend = (arg('--backend') ?? 'wasm') as 'wasm' | 'js';
const simd = !process.argv.includes('--scalar');
// --clock cpu: the process's CPU time (user + system), so that time descheduled on a shared machine does not count.
const clock = arg('--clock') ?? 'wall';
const now = clock === 'cpu'
  ? (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; }
  : (): number => performance.now();

function problem(rows: number, cols: number): { X: Float64Array; Xr: Float64Array; y: Float64Array; labels: Float64Array } {
  const rnd = mulberry32(rows ^ cols);
  const w = Float64Array.from({ length: cols }, () => 2 * rnd() - 1);
  const X = new Float64Array(rows * cols), y = new Float64Array(rows), labels = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let z = 0.5;
    for (let j = 0; j < cols; j++) {
      const v = 2 * rnd() - 1;
      X[i * cols + j] = v;
      z += v * w[j]!;
    }
    y[i] = z + 0.1 * (rnd() - 0.5);
    labels[i] = z > 0.5 ? 1 : 0;
  }
  return { X, Xr: Float64Array.from(X, Math.fround), y, labels };
}

function bits(r: FitResult): number[] {
  return [...r.weights, ...r.intercepts, ...r.loss];
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

const engine: Engine = await createEngine({ backend, simd });
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`# float32 storage vs f64 storage (issue 17)\n`);
console.log(`Machine: ${cpu}, ${cpus().length} cores, Node ${process.version}; engine ${engine}; ${rounds} rounds, ` +
  `${baseIterations} full-batch iterations a fit (per 10⁷ elements of X), median ms (${clock} clock) per iteration; rounds interleaved f64, f32, f64' (reversed every other round).\n`);
console.log('| size | model | f64 ms/it | f32 ms/it | f32/f64 | f64\'/f64 (A/A) | f64 GB/s of X | f32 GB/s of X |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|');

let failed = false;
const sizes: (readonly [number, number])[] = arg('--sizes')
  ? arg('--sizes')!.split(',').map((s) => {
    const [r, c] = s.split('x').map(Number);
    if (!(Number.isInteger(r) && Number.isInteger(c) && r! > 0 && c! > 0)) throw new Error(`--sizes: rows x cols, e.g. 400x100, got ${s}`);
    return [r!, c!] as const;
  })
  : [[100_000, 100], [1_000_000, 10]];
for (const [rows, cols] of sizes) {
  const p = problem(rows, cols);
  const iterations = Math.max(1, Math.round(baseIterations * 1e7 / (rows * cols)));
  for (const model of ['linear', 'logistic'] as const) {
    const yy = model === 'linear' ? p.y : p.labels;
    const m = { data: p.X, rows, cols };
    const d64 = engine.dataset(m, yy);
    const d32 = engine.dataset(m, yy, { dtype: 'float32' });
    const dr = engine.dataset({ data: p.Xr, rows, cols }, yy);
    const o = { model, lr: model === 'linear' ? 0.05 : 0.5, momentum: 0.9, maxIterations: iterations } as FitOptions; // model is a union here
    const a = bits(engine.fit(d32, o)), b = bits(engine.fit(dr, o));
    if (a.length !== b.length || a.some((v, i) => !Object.is(v, b[i]))) {
      console.error(`${rows}×${cols} ${model}: the float32 fit differs from the f64 fit of fround(X)`);
      failed = true;
    }
    dr.dispose();
    const time = (data: Dataset): number => {
      const t0 = now();
      const r = engine.fit(data, o);
      return (now() - t0) / r.iterations; // a fit may stop before maxIterations (tol)
    };
    time(d64); time(d32); // warm-up
    const t64: number[] = [], t32: number[] = [], t64b: number[] = [];
    for (let r = 0; r < rounds; r++) {
      if (r % 2 === 0) { t64.push(time(d64)); t32.push(time(d32)); t64b.push(time(d64)); }
      else { t64b.push(time(d64)); t32.push(time(d32)); t64.push(time(d64)); }
    }
    const m64 = median(t64), m32 = median(t32), m64b = median(t64b);
    const gbs = (bytes: number, ms: number) => (bytes / 1e9 / (ms / 1e3)).toFixed(1);
    console.log(`| ${rows.toLocaleString('en')} × ${cols} | ${model} | ${m64.toPrecision(3)} | ${m32.toPrecision(3)} | ` +
      `${(m32 / m64).toFixed(2)} | ${(m64b / m64).toFixed(2)} | ${gbs(rows * cols * 8, m64)} | ${gbs(rows * cols * 4, m32)} |`);
    d64.dispose();
    d32.dispose();
  }
}
if (failed) process.exit(1);
