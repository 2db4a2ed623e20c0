/**
 * `npm run bench:ablation`: where the time of the fused pass goes. Compiles bench/ablation/assembly/kernels.ts
 * (the engine's own dot, axpy4 and linear kernel, SIMD build) and times, on the same X:
 *   read      every element summed, nothing else (the probe, over X itself)
 *   dot half  each row's residual, Σ r² (reads X once, 2 flops an element)
 *   axpy half each row summed in sequence, then g += rᵢ·xᵢ four rows at a time from L1, rᵢ given (2 flops)
 *   full      the engine's kernel (both halves in one pass, 4 flops an element)
 * at sizes that stay in L2 and sizes far beyond L3. Writes bench/ABLATION.md. It answers "memory or compute":
 * if the full pass were memory-bound its DRAM rate would be close to `read`'s; if compute-bound, close to
 * its own in-cache rate. Then the full pass from DRAM with only the addresses of W and of the gradient changed
 * (PLACEMENTS): the fit's workspace layout (src/wasm/engine.ts, THETA_TO_GRAD) rests on this table.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';
import { markdownTable, textTable } from './format.js';
import { sampleSeconds, sink, summarize, warmUp } from './measure.js';
import { groupDigits, mulberry32 } from './problem.js';
import { machineLine } from './report.js';

const here = path.dirname(fileURLToPath(import.meta.url));

interface Kernels {
  memory: WebAssembly.Memory;
  full(x: number, y: number, n: number, d: number, w: number, b: number, g: number): number;
  dotHalf(x: number, y: number, n: number, d: number, w: number, b: number): number;
  axpyHalf(x: number, y: number, n: number, d: number, g: number): number;
  readOnly(x: number, n: number, d: number): number;
}

async function compile(): Promise<Kernels> {
  let wasm: Uint8Array | null = null;
  const { error, stderr } = await asc.main(
    [path.join(here, 'ablation/assembly/kernels.ts'), '-O3', '--runtime', 'stub', '--noAssert', '--enable', 'simd',
      '--outFile', 'kernels.wasm'],
    { writeFile: (name, contents) => { if (name.endsWith('.wasm')) wasm = contents as Uint8Array; } },
  );
  if (error || wasm === null) throw new Error(`ablation kernels did not compile: ${error?.message}\n${stderr.toString()}`);
  const unused = (): never => { throw new Error('host import called by an ablation kernel'); };
  const { instance } = await WebAssembly.instantiate(wasm, {
    env: { abort: unused, exp: Math.exp, log: Math.log, log1p: Math.log1p },
  });
  return instance.exports as unknown as Kernels;
}

const SIZES: [number, number][] = [[1000, 10], [1000, 100], [1_000_000, 10], [100_000, 100]];
const PARTS = ['read', 'dot half', 'axpy half', 'full'] as const;
const ROUNDS = 4;

/** Where the gradient starts relative to W (bytes), for the placement table: the fit's layout and others. */
const PLACEMENTS: [string, (d: number) => number][] = [
  ['g ≥ 1 KiB after W (the fit\'s layout)', (d) => Math.max(16 * Math.ceil((8 * (d + 1)) / 16), 1024)],
  ['g 2 KiB after W', () => 2048],
  ['g 4 KiB after W', () => 4096],
  ['g 3 rows of W after W (the old layout, one θ buffer)', (d) => 3 * 16 * Math.ceil((8 * (d + 1)) / 16)],
  ['g just before W (the old layout, the other θ buffer)', (d) => -16 * Math.ceil((8 * (d + 1)) / 16)],
];
const PLACEMENT_SIZES: [number, number][] = [[100_000, 100], [50_000, 200]];

/**
 * Seconds per call of each fn: warmed up, then sampled in ROUNDS interleaved, rotated rounds with the samples pooled,
 * so all see the same memory system (DRAM bandwidth on a shared VM moves by ±10 % over seconds).
 */
function interleaved(fns: (() => void)[]): number[][] {
  for (const fn of fns) warmUp(fn, 0.2, 3);
  const samples: number[][] = fns.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < fns.length; k++) {
      const q = (k + round) % fns.length;
      samples[q]!.push(...sampleSeconds(fns[q]!, { maxTime: 0.3, minSamples: 5 }));
    }
  }
  return samples;
}

async function main(): Promise<void> {
  const k = await compile();
  const maxBytes = Math.max(...SIZES.map(([n, d]) => 8 * n * d + 8 * n)) + 8 * 1024 + 65536;
  k.memory.grow(Math.ceil((maxBytes - k.memory.buffer.byteLength) / 65536) + 4); // + the placement region
  const base = 65536; // X at a page boundary, then y, w, g
  const rows: string[][] = [];
  const rates = new Map<string, number>();
  for (const [n, d] of SIZES) {
    const f64 = new Float64Array(k.memory.buffer);
    const rand = mulberry32(n * 31 + d);
    const xo = base / 8, yo = xo + n * d, wo = yo + n + (n & 1), go = wo + d + (d & 1);
    for (let i = 0; i < n * d; i++) f64[xo + i] = 2 * rand() - 1;
    for (let i = 0; i < n; i++) f64[yo + i] = 2 * rand() - 1;
    for (let j = 0; j < d; j++) f64[wo + j] = 0.1 * (2 * rand() - 1);
    const x = xo * 8, y = yo * 8, w = wo * 8, g = go * 8;
    const calls: Record<(typeof PARTS)[number], () => number> = {
      read: () => k.readOnly(x, n, d),
      'dot half': () => k.dotHalf(x, y, n, d, w, 0.5),
      'axpy half': () => k.axpyHalf(x, y, n, d, g),
      full: () => k.full(x, y, n, d, w, 0.5, g),
    };
    const reps = Math.max(1, Math.round(2e6 / (n * d)));
    const cells: string[] = [`${groupDigits(n)}×${groupDigits(d)}`, `${((8 * n * d) / 2 ** 20).toFixed(2)} MiB`];
    const fns = PARTS.map((part) => (): void => { for (let r = 0; r < reps; r++) sink.value += calls[part](); });
    const samples = interleaved(fns);
    PARTS.forEach((part, q) => {
      const stats = summarize(samples[q]!);
      const bytesPerSecond = (8 * n * d * reps) / stats.median;
      rates.set(`${n}x${d}:${part}`, bytesPerSecond);
      const nsPerRow = (stats.median / reps / n) * 1e9;
      cells.push(`${(bytesPerSecond / 1e9).toFixed(1)} GB/s · ${nsPerRow.toFixed(2)} ns/row`);
    });
    rows.push(cells);
    process.stdout.write(`${cells.join('  ')}\n`);
  }
  const header = ['X', 'size', ...PARTS];
  // The full pass from DRAM against the bounds the parts set: its in-cache rate (compute) and read (memory).
  const bounds: string[][] = [];
  for (const [[n, d], [nc, dc]] of [[[100_000, 100], [1000, 100]], [[1_000_000, 10], [1000, 10]]] as const) {
    const get = (nn: number, dd: number, part: string): number => rates.get(`${nn}x${dd}:${part}`)!;
    const read = get(n, d, 'read'), full = get(n, d, 'full'), fullCache = get(nc, dc, 'full');
    const dotHalf = get(n, d, 'dot half');
    bounds.push([
      `${groupDigits(n)}×${groupDigits(d)}`,
      `${(read / 1e9).toFixed(1)} GB/s`,
      `${((fullCache / read) * 100).toFixed(0)} %`,
      `${((dotHalf / read) * 100).toFixed(0)} %`,
      `${((full / read) * 100).toFixed(0)} %`,
      `${((full / fullCache) * 100).toFixed(0)} %`,
    ]);
  }
  const boundsHeader = ['from DRAM', 'read (roof)', 'full pass in L2 ÷ read', 'dot half from DRAM ÷ read',
    'full pass from DRAM ÷ read', 'full from DRAM ÷ full in L2'];
  process.stdout.write(`\n${textTable(boundsHeader, bounds)}\n`);
  // The full pass from DRAM with W and g moved about in a 64 KiB region after the data (same X, interleaved).
  const region = 65536 * Math.floor((base + maxBytes) / 65536 + 1);
  const placeRows: string[][] = [];
  for (const [n, d] of PLACEMENT_SIZES) {
    const f64 = new Float64Array(k.memory.buffer);
    const rand = mulberry32(n * 7 + d);
    const x = base, y = base + 8 * n * d;
    for (let i = 0; i < n * d; i++) f64[x / 8 + i] = 2 * rand() - 1;
    for (let i = 0; i < n; i++) f64[y / 8 + i] = 2 * rand() - 1;
    const w = region + 16384;
    for (let j = 0; j < d; j++) f64[w / 8 + j] = 0.1 * (2 * rand() - 1);
    const reps = Math.max(1, Math.round(2e6 / (n * d)));
    const fns = PLACEMENTS.map(([, offset]) => {
      const g = w + offset(d);
      return (): void => { for (let r = 0; r < reps; r++) sink.value += k.full(x, y, n, d, w, 0.5, g); };
    });
    const samples = interleaved(fns);
    const medians = samples.map((sm) => summarize(sm).median / reps);
    PLACEMENTS.forEach(([label, offset], q) => {
      const row = [`${groupDigits(n)}×${groupDigits(d)}`, label, `${offset(d)} B`,
        `${(1 / medians[q]!).toFixed(0)} it/s`, `${((8 * n * d) / medians[q]! / 1e9).toFixed(1)} GB/s`,
        `${((medians[0]! / medians[q]!) * 100).toFixed(0)} %`];
      placeRows.push(row);
      process.stdout.write(`${row.join('  ')}\n`);
    });
  }
  const placeHeader = ['X', 'gradient placement', 'g − W', 'full pass', 'X read', 'vs the fit\'s layout'];
  const md = [
    '# Ablation of the fused pass', '',
    'Generated by `npm run bench:ablation` (bench/ablation.ts); do not edit by hand. The engine\'s own SIMD code ' +
    '(assembly/reduce.ts, assembly/loss/) compiled on its own and timed on the same X (median of ' +
    'benchmark.js samples pooled over four interleaved, rotated rounds; GB/s of X and ns per row). *read*: every element of X summed with four f64x2 ' +
    'accumulators (the bandwidth probe over X itself); *dot half*: each row\'s residual and Σ r², no gradient; ' +
    '*axpy half*: each row summed in sequence (read as the dots read it), then g += rᵢ·xᵢ four rows at a time ' +
    'from L1 with rᵢ given, no dot; *full*: the engine\'s kernel.', '',
    machineLine(), '',
    markdownTable(header, rows), '',
    'The full pass from DRAM against its bounds: compute (the same kernel with X in L2) and memory (read).', '',
    markdownTable(boundsHeader, bounds), '',
    'The full pass from DRAM with only the addresses of W and of the gradient changed (same X, interleaved ' +
    'rounds; medians). A fit keeps θ in two buffers and switches between them every update; each has its own ' +
    'gradient buffer after it (src/wasm/engine.ts, `THETA_TO_GRAD`). The old layout put one gradient buffer ' +
    'three θ sizes after the first θ buffer and just before the second.', '',
    markdownTable(placeHeader, placeRows), '',
  ];
  fs.writeFileSync(path.join(here, 'ABLATION.md'), md.join('\n'));
  process.stdout.write(`wrote bench/ABLATION.md (sink ${sink.value.toExponential(2)})\n`);
}

await main();
