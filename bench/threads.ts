/**
 * `npx tsx bench/threads.ts [--mib N] [--rounds N] [--write]`: the read-bandwidth probe on 1 and 2 threads (issue
 * 17): how much more two cores of this machine read from memory than one, the ceiling of what threads can give a fit
 * that is bound by reading X. One shared WebAssembly.Memory of N MiB f64 (default 512, far past every cache); the
 * probe (bench/probe-wasm.ts: four f64x2 accumulators) sums all of it on the calling thread (1 thread), or one half
 * there and the other half in a worker at the same time (2 threads: the worker waits on an Atomics counter, the
 * calling thread bumps it, sums its half and spins on the worker's done counter, as a threaded fit's coordinator
 * would). Interleaved rounds (1, 2, 2, 1, …), medians of wall time; the load (uptime) before and after. --write
 * appends the table to bench/RESULTS-threads.md.
 *
 * Then fits on 1 and 2 threads (createEngine({ threads }); the 1-thread engine runs the plain SIMD build, the
 * 2-thread one the threads build), f64 and float32 storage, 100 000 × 100 and 1 000 000 × 10, squared and logistic,
 * full batch momentum: interleaved rounds (1, 2, 2, 1, …), median wall time per iteration, each fit checked to give
 * the same doubles on both. The floor: the 2-thread speed-up ≥ 85 % of the probe's two-thread scaling.
 */
import { Worker } from 'node:worker_threads';
import { appendFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sumProbeBytes } from './probe-wasm.js';
import { makeClassifierProblem, makeProblem } from './problem.js';
import { createEngine } from '../src/index.js';
import { createTfjsContenders } from './contenders/tfjs.js';

export interface ProbeResult {
  mib: number;
  rounds: number;
  /** Median GB/s (10⁹ bytes per second) on one thread and on two. */
  one: number;
  two: number;
  /** two / one. */
  scaling: number;
  loadBefore: number[];
  loadAfter: number[];
}

// A worker: instantiates the probe over the shared memory and, per bump of ctl[0], sums its half and bumps ctl[1].
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const { module, memory, ptr, n } = workerData;
const sum = new WebAssembly.Instance(module, { env: { memory } }).exports.sum;
const ctl = new Int32Array(memory.buffer, 0, 4), out = new Float64Array(memory.buffer, 16, 1);
let gen = 0;
parentPort.postMessage('ready');
for (;;) {
  Atomics.wait(ctl, 0, gen);
  gen = Atomics.load(ctl, 0);
  if (gen < 0) break;
  out[0] = sum(ptr, n);
  Atomics.add(ctl, 1, 1);
  Atomics.notify(ctl, 1);
}
`;

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  return s[s.length >> 1]!;
};

/** The probe on 1 and 2 threads over `mib` MiB, `rounds` interleaved rounds. */
export async function threadsProbe(mib = 512, rounds = 9): Promise<ProbeResult> {
  const loadBefore = loadavg();
  const bytes = mib * (1 << 20), base = 65536, n = bytes / 8;
  const memory = new WebAssembly.Memory({ initial: (base + bytes) / 65536, maximum: 65536, shared: true });
  new Float64Array(memory.buffer, base, n).fill(1);
  const module = new WebAssembly.Module(sumProbeBytes(true));
  const sum = new WebAssembly.Instance(module, { env: { memory } }).exports['sum'] as (ptr: number, n: number) => number;
  const ctl = new Int32Array(memory.buffer, 0, 4), out = new Float64Array(memory.buffer, 16, 1);
  const half = n / 2;
  const worker = new Worker(WORKER, { eval: true, workerData: { module, memory, ptr: base + half * 8, n: half } });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  let done = 0;
  const one = (): number => {
    const t0 = performance.now();
    const s = sum(base, n);
    const t = performance.now() - t0;
    if (s !== n) throw new Error(`probe sum ${s}, expected ${n}`);
    return t;
  };
  const two = (): number => {
    const t0 = performance.now();
    Atomics.add(ctl, 0, 1);
    Atomics.notify(ctl, 0);
    const s = sum(base, half);
    while (Atomics.load(ctl, 1) === done) { /* spin, as the coordinator of a fit (a page's main thread may not wait) */ }
    const t = performance.now() - t0;
    done++;
    if (s + out[0]! !== n) throw new Error(`probe sums ${s} + ${out[0]}, expected ${n}`);
    return t;
  };
  one(); two(); // warm-up
  const t1: number[] = [], t2: number[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) { t1.push(one()); t2.push(two()); } else { t2.push(two()); t1.push(one()); }
  }
  Atomics.store(ctl, 0, -1);
  Atomics.notify(ctl, 0);
  await worker.terminate();
  const gb = (ms: number) => bytes / (ms / 1000) / 1e9;
  const a = gb(median(t1)), b = gb(median(t2));
  return { mib, rounds, one: a, two: b, scaling: b / a, loadBefore, loadAfter: loadavg() };
}

export interface FitScaling {
  size: string; model: string; dtype: string;
  /** Median ms per iteration on 1 and 2 threads. */
  one: number; two: number;
  speedup: number;
}

/** Fits on 1 and 2 threads (see the file's comment); `rounds` interleaved rounds of `iterations` iterations. */
export async function threadsFits(rounds = 5, quick = false): Promise<{ fits: FitScaling[]; tfjs: TfjsLine[]; loadBefore: number[]; loadAfter: number[] }> {
  const loadBefore = loadavg();
  // The peer: TF.js's wasm backend at its fastest (explicit ops, X stored transposed, float32, 1 thread: its
  // threaded build starts its workers from Blob URLs, which Node cannot run), the same K momentum updates.
  const tfWasm = (await createTfjsContenders()).find((c) => c.id === 'tfjs-wasm')!;
  const tfjs: TfjsLine[] = [];
  const e1 = await createEngine({ threads: 1 }), e2 = await createEngine({ threads: 2 });
  if (e2.threads !== 2) throw new Error(`2 threads not available: ${e2.threadsReason}`);
  const fits: FitScaling[] = [];
  const sizes = quick ? [{ rows: 100_000, cols: 10, iterations: 10 }] : [{ rows: 100_000, cols: 100, iterations: 10 }, { rows: 1_000_000, cols: 10, iterations: 5 }];
  for (const spec of sizes) {
    const linear = makeProblem(spec);
    {
      const prepared = tfWasm.prepare(linear);
      prepared.run(); // warm-up
      const t: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const t0 = performance.now();
        prepared.run();
        t.push((performance.now() - t0) / spec.iterations);
      }
      prepared.dispose();
      tfjs.push({ size: linear.name, ms: median(t) });
    }
    for (const model of ['linear', 'logistic'] as const) {
      const p = model === 'linear' ? linear : makeClassifierProblem(linear, 'logistic');
      for (const dtype of ['float64', 'float32'] as const) {
        const X = { data: p.x, rows: p.rows, cols: p.cols };
        const d1 = e1.dataset(X as never, p.y, { dtype }), d2 = e2.dataset(X as never, p.y, { dtype });
        const options = { model, lr: p.lr, momentum: 0.9, maxIterations: spec.iterations };
        const time = (e: typeof e1, d: typeof d1) => {
          const t0 = performance.now();
          const r = e.fit(d, options as never);
          return { ms: (performance.now() - t0) / spec.iterations, w: r.weights };
        };
        const a = time(e1, d1), b = time(e2, d2); // warm-up, and the doubles
        if (!Array.from(a.w).every((v, j) => Object.is(v, b.w[j]))) throw new Error(`${p.name} ${model} ${dtype}: 1 and 2 threads differ`);
        const t1: number[] = [], t2: number[] = [];
        for (let r = 0; r < rounds; r++) {
          if (r % 2 === 0) { t1.push(time(e1, d1).ms); t2.push(time(e2, d2).ms); } else { t2.push(time(e2, d2).ms); t1.push(time(e1, d1).ms); }
        }
        d1.dispose(); d2.dispose();
        const one = median(t1), two = median(t2);
        fits.push({ size: p.name, model, dtype, one, two, speedup: one / two });
      }
    }
  }
  await e2.dispose();
  return { fits, tfjs, loadBefore, loadAfter: loadavg() };
}

/** TF.js wasm's ms per iteration of the linear fit at one size. */
export interface TfjsLine { size: string; ms: number }

/** Where two threads start to pay: small full-batch fits on 1 and 2 threads (see thresholdTable). */
export interface Threshold { rows: number; cols: number; model: string; one: number; two: number; speedup: number }

/**
 * The line below which 'auto' should stay on one thread (issue 17): full-batch momentum fits of n rows × d at n from
 * 8 192 (two shards, the least that threads can split) up, d = 10 and 100, linear and logistic; iterations so that a
 * fit takes ≥ ~20 ms; interleaved rounds, medians of wall µs per iteration, the doubles checked equal.
 */
export async function threadsThreshold(rounds = 7): Promise<{ rows: Threshold[]; loadBefore: number[]; loadAfter: number[] }> {
  const loadBefore = loadavg();
  const e1 = await createEngine({ threads: 1 }), e2 = await createEngine({ threads: 2 });
  if (e2.threads !== 2) throw new Error(`2 threads not available: ${e2.threadsReason}`);
  const out: Threshold[] = [];
  for (const cols of [10, 100]) {
    for (const rows of [8192, 16384, 32768, 65536, 131072]) {
      const iterations = Math.max(5, Math.ceil(2e7 / (rows * cols)));
      const linear = makeProblem({ rows, cols, iterations });
      for (const model of ['linear', 'logistic'] as const) {
        const p = model === 'linear' ? linear : makeClassifierProblem(linear, 'logistic');
        const X = { data: p.x, rows: p.rows, cols: p.cols };
        const d1 = e1.dataset(X as never, p.y), d2 = e2.dataset(X as never, p.y);
        const options = { model, lr: p.lr, momentum: 0.9, maxIterations: iterations };
        const time = (e: typeof e1, d: typeof d1) => {
          const t0 = performance.now();
          const r = e.fit(d, options as never);
          return { us: ((performance.now() - t0) * 1000) / r.iterations, w: r.weights };
        };
        const a = time(e1, d1), b = time(e2, d2);
        if (!Array.from(a.w).every((v, j) => Object.is(v, b.w[j]))) throw new Error(`${rows} × ${cols} ${model}: 1 and 2 threads differ`);
        const t1: number[] = [], t2: number[] = [];
        for (let r = 0; r < rounds; r++) {
          if (r % 2 === 0) { t1.push(time(e1, d1).us); t2.push(time(e2, d2).us); } else { t2.push(time(e2, d2).us); t1.push(time(e1, d1).us); }
        }
        d1.dispose(); d2.dispose();
        const one = median(t1), two = median(t2);
        out.push({ rows, cols, model, one, two, speedup: one / two });
      }
    }
  }
  await e2.dispose();
  return { rows: out, loadBefore, loadAfter: loadavg() };
}

/** The threshold runs as markdown. */
export function thresholdTable(t: Awaited<ReturnType<typeof threadsThreshold>>): string {
  const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(' ');
  return [
    `Small fits (where 2 threads start to pay; full batch, momentum 0.9, wall µs per iteration, medians of interleaved rounds); load before ${load(t.loadBefore)}, after ${load(t.loadAfter)}.`,
    '',
    '| rows × cols | model | 1 thread µs/it | 2 threads µs/it | speed-up |',
    '|---|---|---|---|---|',
    ...t.rows.map((r) => `| ${r.rows} × ${r.cols} | ${r.model} | ${r.one.toFixed(0)} | ${r.two.toFixed(0)} | ${r.speedup.toFixed(2)} |`),
    '',
  ].join('\n');
}

/** The fits' table against the probe's scaling (the floor: speed-up ≥ 0.85 × the probe's). */
export function fitsTable(f: Awaited<ReturnType<typeof threadsFits>>, probe: ProbeResult): string {
  const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(' ');
  const floor = 0.85 * probe.scaling;
  return [
    `Fits (full batch, momentum 0.9, wall ms per iteration, medians of interleaved rounds); load before ${load(f.loadBefore)}, after ${load(f.loadAfter)}. Floor: speed-up ≥ 0.85 × ${probe.scaling.toFixed(2)} = ${floor.toFixed(2)}.`,
    '',
    '| size | model | X | 1 thread ms/it | 2 threads ms/it | speed-up | floor |',
    '|---|---|---|---|---|---|---|',
    ...f.fits.map((r) => `| ${r.size} | ${r.model} | ${r.dtype} | ${r.one.toFixed(2)} | ${r.two.toFixed(2)} | ${r.speedup.toFixed(2)} | ${r.speedup >= floor ? 'ok' : '**missed**'} |`),
    '',
    'Against TF.js (wasm backend, float32, 1 thread, explicit gradient ops, X stored transposed: its fastest layout), the same linear momentum updates, median of separate rounds after the fits above:',
    '',
    '| size | TF.js wasm ms/it | float32 + 2 threads ms/it | × TF.js | float64 + 2 threads × TF.js | float64, 1 thread × TF.js |',
    '|---|---|---|---|---|---|',
    ...f.tfjs.map((t) => {
      const at = (dtype: string) => f.fits.find((r) => r.size === t.size && r.model === 'linear' && r.dtype === dtype);
      const f32 = at('float32'), f64 = at('float64');
      return `| ${t.size} | ${t.ms.toFixed(2)} | ${f32 ? f32.two.toFixed(2) : '—'} | ${f32 ? (t.ms / f32.two).toFixed(2) : '—'} | ${f64 ? (t.ms / f64.two).toFixed(2) : '—'} | ${f64 ? (t.ms / f64.one).toFixed(2) : '—'} |`;
    }),
    '',
    'Floor (issue 17): float32 + 2 threads ≥ 5× TF.js wasm at 100 000 × 100.',
    '',
  ].join('\n');
}

/** The result as markdown: the machine line, the load, the table. */
export function probeTable(r: ProbeResult): string {
  const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(' ');
  return [
    `### Read-bandwidth probe, 1 and 2 threads (${new Date().toISOString().slice(0, 16)} UTC)`,
    '',
    `Machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, Node ${process.version}; load (1/5/15 min) before ${load(r.loadBefore)}, after ${load(r.loadAfter)}.`,
    `${r.mib} MiB of f64 in one shared WebAssembly.Memory, ${r.rounds} interleaved rounds, medians of wall time.`,
    '',
    '| threads | GB/s | × 1 thread |',
    '|---|---|---|',
    `| 1 | ${r.one.toFixed(2)} | 1.00 |`,
    `| 2 | ${r.two.toFixed(2)} | ${r.scaling.toFixed(2)} |`,
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i < 0 ? undefined : process.argv[i + 1];
  };
  const r = await threadsProbe(Number(arg('--mib') ?? 512), Number(arg('--rounds') ?? 9));
  const fits = await threadsFits(Number(arg('--rounds') ?? 5) | 0 || 5, process.argv.includes('--quick'));
  const small = process.argv.includes('--threshold') ? thresholdTable(await threadsThreshold()) : '';
  const table = probeTable(r) + '\n' + fitsTable(fits, r) + (small ? '\n' + small : '');
  console.log(table);
  if (process.argv.includes('--write')) appendFileSync(new URL('./RESULTS-threads.md', import.meta.url), `${table}\n`);
}
