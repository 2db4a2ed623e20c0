/**
 * `npx tsx bench/ab.ts --before DIR [--rounds N] [--only REGEX] [--clock wall|cpu] [--instances] [--dtype float32]`: the engine before and after a change, in one process, on the
 * same data, in interleaved rounds — how a refactor proves "no speed loss" and "the same doubles".
 *
 * DIR is a checkout of the earlier commit with `npm run build` done (its dist/ and build/); this checkout must be
 * built too. Each round times, for every case, the earlier engine twice (A₁, A₂) and the current one once (B), in
 * the order A₁ B A₂ (reversed every other round). The A₂/A₁ ratios are the run-to-run spread of the machine; B/A₁
 * and B/A₂ are the change. Every fit's parameters and loss history are compared with Object.is across the two
 * builds first: a difference is reported and fails the run (exit code 1). --dtype float32: every dataset (both builds)
 * stores X as float32 (issue 17; the earlier build must have float32 storage).
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as current from '../dist/index.js';
import { makeClassifierProblem, makeProblem, stableLr, type Problem } from './problem.js';

type Lib = typeof current;

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const beforeDir = arg('--before');
if (!beforeDir) throw new Error('usage: tsx bench/ab.ts --before DIR [--rounds N] [--only REGEX] [--clock wall|cpu] [--instances]');
const rounds = Number(arg('--rounds') ?? 7);
const only = arg('--only') === undefined ? undefined : new RegExp(arg('--only')!);
// --clock cpu: the process's CPU time (user + system) instead of wall time, so that time spent descheduled on a
// shared machine does not count (a busy sibling core still does: memory bandwidth, caches).
const clock = arg('--clock') ?? 'wall';
if (clock !== 'wall' && clock !== 'cpu') throw new Error('--clock must be wall or cpu');
// --instances: also time a second engine of the earlier build (its own memory): the spread between two engines.
const instances = process.argv.includes('--instances');
const dtype = arg('--dtype') ?? 'float64';
if (dtype !== 'float64' && dtype !== 'float32') throw new Error('--dtype must be float64 or float32');
/** The clock in ms. */
const now = clock === 'cpu'
  ? (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; }
  : (): number => performance.now();
const earlier = (await import(pathToFileURL(resolve(beforeDir, 'dist/index.js')).href)) as Lib;

interface Case {
  name: string;
  backend: 'wasm' | 'js';
  simd: boolean;
  problem: Problem;
  options: Record<string, unknown>;
}

const SIZES = [
  { rows: 100, cols: 2, iterations: 1, models: ['linear'] },
  { rows: 1_000, cols: 10, iterations: 200, models: ['linear', 'ridge', 'logistic', 'hinge', 'softmax'] },
  { rows: 10_000, cols: 100, iterations: 10, models: ['linear', 'logistic', 'softmax'] },
  { rows: 100_000, cols: 100, iterations: 3, models: ['linear', 'logistic'] },
  { rows: 1_000_000, cols: 10, iterations: 3, models: ['linear', 'logistic'] },
];

function withoutMomentum(o: Record<string, unknown>): Record<string, unknown> {
  const { momentum: _, ...rest } = o;
  return rest;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const s of SIZES) {
    const linear = makeProblem({ rows: s.rows, cols: s.cols, iterations: s.iterations });
    for (const model of s.models) {
      const problem = model === 'logistic' || model === 'softmax' ? makeClassifierProblem(linear, model) : linear;
      const hinge = model === 'hinge';
      const p: Problem = hinge ? makeClassifierProblem(linear, 'logistic') : problem;
      const lr = model === 'linear' || model === 'ridge' ? stableLr(linear.x, s.rows) : 0.5;
      const base: Record<string, unknown> = {
        model, lr, momentum: 0.9, maxIterations: s.iterations,
        ...(model === 'ridge' ? { alpha: 0.01 } : {}),
        ...(model === 'softmax' ? { classes: problem.classes } : {}),
      };
      const name = `${s.rows}×${s.cols} ${model}`;
      out.push({ name: `${name} sgd`, backend: 'wasm', simd: true, problem: p, options: base });
      if (s.rows === 1_000) {
        out.push({ name: `${name} adam`, backend: 'wasm', simd: true, problem: p, options: { ...withoutMomentum(base), optimizer: 'adam', lr: 0.01 } });
        out.push({ name: `${name} batch 32 shuffled`, backend: 'wasm', simd: true, problem: p,
          options: { ...base, batchSize: 32, shuffle: true, seed: 3, maxIterations: 1_000_000, maxEpochs: 5 } });
        out.push({ name: `${name} sgd scalar`, backend: 'wasm', simd: false, problem: p, options: base });
        out.push({ name: `${name} sgd js`, backend: 'js', simd: false, problem: p, options: base });
      }
      if (s.rows === 100) out.push({ name: `${name} js (per-fit overhead)`, backend: 'js', simd: false, problem: p, options: base });
    }
  }
  return out;
}

interface Prepared {
  fit(): { weights: Float64Array; intercepts: Float64Array; loss: Float64Array };
  dispose(): void;
}

async function prepare(lib: Lib, c: Case): Promise<Prepared> {
  const engine = await lib.createEngine({ backend: c.backend, simd: c.simd });
  const rows = c.problem.rows, cols = c.problem.cols;
  const data = dtype === 'float32'
    ? engine.dataset({ data: c.problem.x, rows, cols }, c.problem.y, { dtype })
    : engine.dataset({ data: c.problem.x, rows, cols }, c.problem.y);
  return {
    fit: () => {
      const f = engine.fit(data, c.options as never);
      return { weights: f.weights, intercepts: f.intercepts, loss: f.loss };
    },
    dispose: () => data.dispose(),
  };
}

function same(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Seconds per fit: repeats until ≥ 25 ms so that timer granularity does not matter. */
function time(p: Prepared): number {
  let reps = 0;
  const t0 = performance.now(), c0 = now();
  do {
    p.fit();
    reps++;
  } while (performance.now() - t0 < 25);
  return (now() - c0) / 1000 / reps;
}

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

let mismatches = 0;
const rowsOut: string[] = [];
let worstSpread = 0;
for (const c of cases()) {
  if (only && !only.test(c.name)) continue;
  const a = await prepare(earlier, c);
  const b = await prepare(current, c);
  // A second engine of the earlier build with its own copy of the data (A′): its memory lands elsewhere, which at
  // the DRAM sizes moves the time by several per cent (cache sets, pages) where re-timing one engine (A₂/A₁) does not.
  const a3 = instances ? await prepare(earlier, c) : null;
  const fa = a.fit(), fb = b.fit();
  const equal = same(fa.weights, fb.weights) && same(fa.intercepts, fb.intercepts) && same(fa.loss, fb.loss);
  if (!equal) mismatches++;
  for (let w = 0; w < 2; w++) { time(a); time(b); if (a3) time(a3); }
  const A1: number[] = [], A2: number[] = [], B: number[] = [], A3: number[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) { A1.push(time(a)); B.push(time(b)); A2.push(time(a)); }
    else { A2.push(time(a)); B.push(time(b)); A1.push(time(a)); }
    if (a3) A3.push(time(a3));
  }
  a.dispose();
  b.dispose();
  a3?.dispose();
  const other = A3.length > 0 ? ` ${median(A3.map((x, i) => x / Math.sqrt(A1[i]! * A2[i]!))).toFixed(3)} |` : '';
  const aa = A1.map((x, i) => A2[i]! / x);
  const ba = B.map((x, i) => x / Math.sqrt(A1[i]! * A2[i]!));
  const spread = Math.max(...aa.map((x) => Math.abs(Math.log(x))));
  worstSpread = Math.max(worstSpread, Math.abs(Math.log(median(aa))));
  const us = (s: number): string => (s * 1e6).toFixed(s < 1e-3 ? 2 : 0);
  rowsOut.push(`| ${c.name} | ${us(median([...A1, ...A2]))} | ${us(median(B))} | ${median(ba).toFixed(3)} ` +
    `(${Math.min(...ba).toFixed(3)}–${Math.max(...ba).toFixed(3)}) | ${median(aa).toFixed(3)} (±${(100 * (Math.exp(spread) - 1)).toFixed(1)} %) |${other} ${equal ? 'yes' : '**NO**'} |`);
  console.error(rowsOut[rowsOut.length - 1]);
}

// The per-step API: `engine.sgd(params, { lr, momentum: 0.9 }).step(grad)` (a small alternating gradient keeps θ
// bounded), samples of ~1 ms (a few thousand steps), rounds A₁ B A₂ as above, more of them (a sample is short and
// the per-step path is sensitive to a busy core); median and min ns per step. Same doubles: θ and the velocity of
// the two builds after the same number of steps.
const STEP_ROUNDS = Math.max(25, 3 * rounds);
const stepRows: string[] = [];
for (const backend of ['wasm', 'js'] as const) {
  for (const d of [10, 1_000]) {
    const name = `step d = ${d} ${backend}`;
    if (only && !only.test(name)) continue;
    const steps = d === 10 ? 8_000 : 400;
    const grads = [new Float64Array(d).fill(1e-3), new Float64Array(d).fill(-1e-3)];
    const make = async (lib: Lib) => {
      const engine = await lib.createEngine({ backend });
      return engine.sgd(new Float64Array(d), { lr: 0.01, momentum: 0.9 });
    };
    const oa = await make(earlier), ob = await make(current);
    const run = (o: typeof oa): number => {
      const t0 = now();
      for (let s = 0; s < steps; s++) o.step(grads[s & 1]!);
      return ((now() - t0) * 1e6) / steps;
    };
    for (let w = 0; w < 5; w++) { run(oa); run(ob); }
    const A1: number[] = [], A2: number[] = [], B: number[] = [];
    for (let r = 0; r < STEP_ROUNDS; r++) {
      if (r % 2 === 0) { A1.push(run(oa)); B.push(run(ob)); A2.push(run(oa)); }
      else { A2.push(run(oa)); B.push(run(ob)); A1.push(run(oa)); }
    }
    // A has run 5 + 2·STEP_ROUNDS samples, B 5 + STEP_ROUNDS: bring B level, then compare.
    for (let s = 0; s < STEP_ROUNDS * steps; s++) ob.step(grads[s & 1]!);
    const equal = oa.stepCount === ob.stepCount && same(oa.params, ob.params) && same(oa.velocity!, ob.velocity!);
    if (!equal) mismatches++;
    oa.dispose();
    ob.dispose();
    const aa = A1.map((x, i) => A2[i]! / x);
    const ba = B.map((x, i) => x / Math.sqrt(A1[i]! * A2[i]!));
    const spread = Math.max(...aa.map((x) => Math.abs(Math.log(x))));
    const ns = (x: number): string => x.toFixed(0);
    stepRows.push(`| ${name} | ${ns(median([...A1, ...A2]))} (${ns(Math.min(...A1, ...A2))}) | ${ns(median(B))} (${ns(Math.min(...B))}) | ` +
      `${median(ba).toFixed(3)} (${Math.min(...ba).toFixed(3)}–${Math.max(...ba).toFixed(3)}) | ${median(aa).toFixed(3)} ` +
      `(±${(100 * (Math.exp(spread) - 1)).toFixed(1)} %) | ${equal ? 'yes' : '**NO**'} |`);
    console.error(stepRows[stepRows.length - 1]);
  }
}

console.log(`before: ${resolve(beforeDir)}; rounds: ${rounds}; clock: ${clock}; ${new Date().toISOString()}`);
console.log('| case | before µs/fit | after µs/fit | after/before median (range) | before/before median (widest round) |' +
  `${instances ? ' before′/before (another engine) |' : ''} same doubles |`);
console.log(`|---|---|---|---|---|${instances ? '---|' : ''}---|`);
for (const r of rowsOut) console.log(r);
if (stepRows.length > 0) {
  console.log(`\nPer-step API (momentum 0.9; ${STEP_ROUNDS} rounds of 8 000 (d = 10) or 400 (d = 1 000) steps):\n`);
  console.log('| case | before ns/step median (min) | after ns/step median (min) | after/before median (range) | before/before median (widest round) | same doubles |');
  console.log('|---|---|---|---|---|---|');
  for (const r of stepRows) console.log(r);
}
console.log(`\nlargest |log| of a before/before median: ${(100 * (Math.exp(worstSpread) - 1)).toFixed(1)} %`);
if (mismatches > 0) {
  console.log(`${mismatches} case(s) gave different doubles`);
  process.exitCode = 1;
}
