/**
 * The networks' section of `npm run bench` (issue 16): milliseconds an epoch of one network, batch 32, SGD with
 * Nesterov momentum 0.9, η = 0.01, relu hidden layer, softmax output, on
 * - digits: the split of examples/digits.ts (1 437 training rows × 64 → 64 → 10), every contender on every row;
 * - MNIST size: a seeded synthetic problem of MNIST's shape (60 000 × 784 in [0, 1), labels the argmax of a random
 *   linear teacher, 10 classes) → 128 → 10. The slow contenders (the JS fallback, TF.js cpu) and WASM scalar are
 *   timed on the first `subsetRows` rows (an epoch over those rows, batch 32) and scaled by 60 000 / subsetRows; WASM
 *   SIMD also runs on that subset in the same rounds, so the scaling can be read against its full-size epoch.
 * Contenders: momentum-gd's WASM SIMD, WASM scalar and JS backends (`engine.fit`, float64, `maxEpochs` epochs, no
 * stopping rule) and TF.js `tf.layers` (dense relu → dense softmax, `tf.train.momentum(0.01, 0.9, true)`,
 * categoricalCrossentropy, `model.fit` with shuffle; float32) on its wasm (1 thread in Node) and cpu backends. One
 * process; the contenders run round by round in a rotated order after an untimed warm-up; each is timed as its own
 * whole call (a fresh fit from its initialisation). ms/epoch is the median over rounds; "× slower" is the median over
 * rounds of (contender ÷ WASM SIMD in the same round). Floors (issue 16): WASM SIMD ≥ 8× TF.js wasm on digits, ≥ 2×
 * at MNIST size, ≥ 4× the JS fallback. scikit-learn's figure (bench/mlp_sklearn.py, run once, another process) is
 * read from bench/mlp-sklearn.json and written beside the table as a reference.
 *   npx tsx bench/mlp.ts [--quick] [--only digits|mnist]    # prints the section (npm run bench:mlp)
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { createEngine } from '../src/index.js';
import type { Engine, MlpFitOptions } from '../src/index.js';
import { prepareDigits } from '../examples/digits.js';
import { activate, initTfjs } from './contenders/tfjs.js';
import { groupDigits, mulberry32 } from './problem.js';
import { machineLine } from './report.js';

const K = 10;
const BATCH = 32;

/** One problem of the section and how it is timed. */
interface MlpProblem {
  key: 'digits' | 'mnist';
  title: string;
  x: Float64Array;
  y: Float64Array;
  rows: number;
  cols: number;
  hidden: number;
  /** Epochs of one timed call. */
  epochs: number;
  rounds: number;
  /** Rows the slow contenders (JS fallback, TF.js cpu) are timed on; = rows when they run on all. */
  subsetRows: number;
  /** Rows the fast contenders are timed on (= rows in the full run; the quick run times the subset for all). */
  fastRows: number;
  /** One untimed call per contender before the rounds (full run at MNIST size: none, the digits' calls warmed every code path; --quick: one, as its 2 rounds' median is the slower). */
  warmUp: boolean;
}

/** A contender on a problem: one call = `epochs` epochs over `rows` rows; returns ms. */
interface Timed {
  name: string;
  rows: number;
  run: () => Promise<Elapsed>;
  dispose: () => void;
}

/** A ✓/✗ line of the floors. */
export interface MlpFloor { label: string; value: string; ok: boolean | null }

/** The section: markdown lines (also printed as they are made), the floors, ms/epoch per problem and contender. */
export interface MlpSection {
  lines: string[];
  floors: MlpFloor[];
  table: { problem: string; contender: string; msPerEpoch: number; slower: number }[];
  seconds: number;
}

/** Milliseconds of one call: wall clock, and this process's CPU time (user + system, all its threads). */
interface Elapsed { wall: number; cpu: number }

/** Starts a clock; the returned function gives the {@link Elapsed} since. */
export function startClock(): () => Elapsed {
  const w0 = performance.now(), c0 = process.cpuUsage();
  return () => {
    const c = process.cpuUsage(c0);
    return { wall: performance.now() - w0, cpu: (c.user + c.system) / 1000 };
  };
}

const median = (a: readonly number[]): number => [...a].sort((p, q) => p - q)[a.length >> 1]!;

/** MNIST's shape (also bench/mlp-profile.ts): n × 784 in [0, 1), labels argmax_k (x − ½)·T_k with T uniform in [−1, 1), seeded. */
export function mnistSized(n: number, d = 784, seed = 20240607): { x: Float64Array; y: Float64Array } {
  const rnd = mulberry32(seed);
  const x = new Float64Array(n * d);
  for (let i = 0; i < x.length; i++) x[i] = rnd();
  const teacher = new Float64Array(d * K);
  for (let i = 0; i < teacher.length; i++) teacher[i] = 2 * rnd() - 1;
  const y = new Float64Array(n);
  const s = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    s.fill(0);
    for (let j = 0; j < d; j++) {
      const v = x[i * d + j]! - 0.5;
      for (let k = 0; k < K; k++) s[k]! += v * teacher[j * K + k]!;
    }
    let best = 0;
    for (let k = 1; k < K; k++) if (s[k]! > s[best]!) best = k;
    y[i] = best;
  }
  return { x, y };
}

async function problems(quick: boolean, only: string | undefined): Promise<MlpProblem[]> {
  const out: MlpProblem[] = [];
  if (only === undefined || only === 'digits') {
    const p = await prepareDigits();
    const n = p.XTrain.length;
    out.push({
      key: 'digits', title: `digits ${groupDigits(n)} × 64 → 64 → 10`, x: Float64Array.from(p.XTrain.flat()),
      y: Float64Array.from(p.yTrain), rows: n, cols: 64, hidden: 64, epochs: quick ? 2 : 5, rounds: quick ? 3 : 5,
      subsetRows: n, fastRows: n, warmUp: true,
    });
  }
  if (only === undefined || only === 'mnist') {
    const n = 60_000, sub = 6_000;
    const { x, y } = mnistSized(n);
    out.push({
      key: 'mnist', title: `MNIST size (synthetic) ${groupDigits(n)} × 784 → 128 → 10`, x, y, rows: n, cols: 784,
      hidden: 128, epochs: 1, rounds: quick ? 2 : 3, subsetRows: sub, fastRows: quick ? sub : n, warmUp: quick,
    });
  }
  return out;
}

function engineTimed(name: string, e: Engine, p: MlpProblem, rows: number): Timed {
  const data = e.dataset({ data: p.x.subarray(0, rows * p.cols), rows, cols: p.cols }, p.y.subarray(0, rows));
  const options: MlpFitOptions = {
    model: 'mlpClassifier', hidden: [p.hidden], activation: 'relu', alpha: 0, lr: 0.01, momentum: 0.9, nesterov: true,
    batchSize: BATCH, maxEpochs: p.epochs, maxIterations: 1e8, seed: 0,
  };
  return {
    name, rows,
    run: () => {
      const stop = startClock();
      const r = e.fit(data, options);
      const ms = stop();
      if (r.epochs !== p.epochs) throw new Error(`${name}: ${r.epochs} epochs (${r.status}), expected ${p.epochs}`);
      return Promise.resolve(ms);
    },
    dispose: () => data.dispose(),
  };
}

function tfjsTimed(backend: 'wasm' | 'cpu', p: MlpProblem, rows: number): Timed {
  activate(backend);
  const xs = tf.tensor2d(Float32Array.from(p.x.subarray(0, rows * p.cols)), [rows, p.cols]);
  const labels = tf.tensor1d(Int32Array.from(p.y.subarray(0, rows)), 'int32');
  const ys = tf.oneHot(labels, K);
  labels.dispose();
  return {
    name: `TF.js tf.layers ${backend}`, rows,
    run: async () => {
      activate(backend);
      const model = tf.sequential({
        layers: [
          tf.layers.dense({ inputShape: [p.cols], units: p.hidden, activation: 'relu' }),
          tf.layers.dense({ units: K, activation: 'softmax' }),
        ],
      });
      model.compile({ optimizer: tf.train.momentum(0.01, 0.9, true), loss: 'categoricalCrossentropy' });
      const stop = startClock();
      const h = await model.fit(xs, ys, { batchSize: BATCH, epochs: p.epochs, shuffle: true, verbose: 0 });
      const ms = stop();
      model.dispose();
      if (h.epoch.length !== p.epochs) throw new Error(`TF.js ${backend}: ${h.epoch.length} epochs`);
      return ms;
    },
    dispose: () => {
      activate(backend);
      tf.dispose([xs, ys]);
    },
  };
}

/** ms/epoch: median, min, max in CPU time; wall: the wall clock's median (absent in files of the first version). */
interface SkFigure { median: number; min: number; max: number; wall?: number; epochs: number; fits: number; rows: number }
interface SkFile {
  date: string; machine: string; sklearn: string; numpy: string; python: string; blas: string[];
  threads1: Record<string, SkFigure>; default: Record<string, SkFigure>;
}

function readSklearn(): SkFile | null {
  const file = fileURLToPath(new URL('./mlp-sklearn.json', import.meta.url));
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SkFile) : null;
}

const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

/** Measures the section; `log` receives every markdown line as it is made. */
export async function mlpBench(quick: boolean, log: (line: string) => void = console.log, only?: string): Promise<MlpSection> {
  const started = performance.now();
  const lines: string[] = [];
  const floors: MlpFloor[] = [];
  const table: MlpSection['table'] = [];
  const emit = (s = ''): void => { log(s); lines.push(s); };
  await initTfjs();
  const engines = {
    simd: await createEngine({ backend: 'wasm', simd: true }),
    scalar: await createEngine({ backend: 'wasm', simd: false }),
    js: await createEngine({ backend: 'js' }),
  };
  emit(`One hidden relu layer, softmax output, batch ${BATCH}, SGD + Nesterov momentum 0.9, η = 0.01, α = 0; ` +
    `ms an epoch (median over rounds; every contender's call is a fresh fit of the stated epochs, timed whole) in ` +
    `this process's CPU time (user + system: on a machine shared with other jobs the wall clock measures the ` +
    `scheduler; every contender here computes on one thread), the wall clock beside it; ` +
    `contenders interleaved round by round in a rotated order after one untimed call each. "× slower" = median over ` +
    `rounds of its time ÷ WASM SIMD's in the same round (per epoch of the full problem); the floors are judged on CPU time. TF.js ${tf.version.tfjs} ` +
    `\`tf.layers\` (dense relu → dense softmax, \`tf.train.momentum(0.01, 0.9, true)\`, categoricalCrossentropy, ` +
    `\`model.fit\` with shuffle, float32; wasm backend 1 thread in Node). momentum-gd: \`engine.fit\`, float64, ` +
    `no stopping rule.${quick ? ' Quick run: fewer epochs and rounds, MNIST size timed on 6 000 rows for every contender.' : ''}`);
  for (const p of await problems(quick, only)) {
    const contenders: Timed[] = [
      engineTimed('momentum-gd WASM SIMD', engines.simd, p, p.fastRows),
      engineTimed('momentum-gd WASM scalar', engines.scalar, p, p.subsetRows),
      engineTimed('momentum-gd JS fallback', engines.js, p, p.subsetRows),
      tfjsTimed('wasm', p, p.fastRows),
      tfjsTimed('cpu', p, p.subsetRows),
    ];
    if (p.subsetRows < p.fastRows) contenders.push(engineTimed('momentum-gd WASM SIMD', engines.simd, p, p.subsetRows));
    const times = contenders.map(() => [] as number[]);
    const walls = contenders.map(() => [] as number[]);
    if (p.warmUp) for (const c of contenders) await c.run(); // V8 tiers, TF.js kernels, WASM memory growth
    for (let r = 0; r < p.rounds; r++) {
      process.stderr.write(`  ${p.key}: round ${r + 1} of ${p.rounds}\n`);
      for (let k = 0; k < contenders.length; k++) {
        const i = (k + r) % contenders.length;
        const c = contenders[i]!;
        const t = await c.run(), scale = (p.rows / c.rows) / p.epochs;
        times[i]!.push(t.cpu * scale);
        walls[i]!.push(t.wall * scale);
      }
    }
    for (const c of contenders) c.dispose();
    const base = times[0]!;
    const slower = (t: number[], b = base): number => median(t.map((v, r) => v / b[r]!));
    emit();
    emit(`### ${p.title}`);
    emit();
    emit(`${p.epochs} epoch${p.epochs > 1 ? 's' : ''} a call, ${p.rounds} rounds${p.warmUp ? '' : ' (no untimed call first: the digits\' calls warmed each code path)'}.` +
      (p.subsetRows < p.rows ? ` Rows timed: ${groupDigits(p.fastRows)} for the rows that say so, ${groupDigits(p.subsetRows)} (the first rows) for the others, whose ms/epoch is scaled ×${p.rows / p.subsetRows} to a ${groupDigits(p.rows)}-row epoch.` : ''));
    emit();
    emit('| contender | rows timed | ms / epoch, CPU time (median) | min–max | × slower than WASM SIMD | wall ms / epoch | × slower, wall |');
    emit('|---|---:|---:|---:|---:|---:|---:|');
    contenders.forEach((c, i) => {
      const t = times[i]!;
      const ms = median(t);
      const label = c.name + (c.rows < p.rows ? `, scaled ×${p.rows / c.rows}` : '');
      table.push({ problem: p.key, contender: label, msPerEpoch: ms, slower: slower(t) });
      emit(`| ${label} | ${groupDigits(c.rows)} | ${fmt(ms)} | ${fmt(Math.min(...t))}–${fmt(Math.max(...t))} | ${slower(t).toFixed(2)} | ` +
        `${fmt(median(walls[i]!))} | ${slower(walls[i]!, walls[0]!).toFixed(2)} |`);
    });
    const sk = readSklearn();
    const skFig = sk?.threads1[p.key], skDef = sk?.default[p.key];
    if (sk && skFig && skDef) {
      const defWall = skDef.wall === undefined ? '' : `; default 2 threads: ${fmt(skDef.wall)} ms wall`;
      emit(`| scikit-learn MLPClassifier (reference: ${sk.date}, another process, 1 thread${defWall}) | ` +
        `${groupDigits(skFig.rows)} | ${fmt(skFig.median)} | ${fmt(skFig.min)}–${fmt(skFig.max)} | ${(skFig.median / median(base)).toFixed(2)} (not same run) | ` +
        `${skFig.wall === undefined ? '—' : fmt(skFig.wall)} | — |`);
    }
    const xTfWasm = slower(times[3]!), xJs = slower(times[2]!);
    const tfFloor = p.key === 'digits' ? 8 : 2;
    const wall = (k: number): string => `${slower(walls[k]!, walls[0]!).toFixed(2)}× by the wall clock`;
    floors.push({ label: `${p.key}: WASM SIMD ≥ ${tfFloor}× TF.js wasm per epoch`, value: `${xTfWasm.toFixed(2)}× in CPU time (${wall(3)})`, ok: xTfWasm >= tfFloor });
    floors.push({ label: `${p.key}: WASM SIMD ≥ 4× the JS fallback per epoch`, value: `${xJs.toFixed(2)}× in CPU time (${wall(2)})`, ok: xJs >= 4 });
  }
  const sk = readSklearn();
  if (sk) {
    emit();
    emit(`scikit-learn: \`bench/mlp_sklearn.py\` (MLPClassifier(hidden_layer_sizes=(h,), activation='relu', solver='sgd', ` +
      `momentum=0.9, nesterovs_momentum=True, batch_size=32, learning_rate_init=0.01, alpha=0), the same shapes; digits ` +
      `from scikit-learn's copy of the data, MNIST size from NumPy's generator), measured once on ${sk.date}, ${sk.machine}; ` +
      `scikit-learn ${sk.sklearn}, NumPy ${sk.numpy}, ${sk.blas.join('; ')}. Its ratio is to this run's WASM SIMD median.`);
  } else {
    emit();
    emit('scikit-learn: bench/mlp-sklearn.json not found (run `python3 bench/mlp_sklearn.py` once).');
  }
  emit();
  emit('Floors (issue 16), same run:');
  emit();
  for (const f of floors) emit(`- ${f.ok === null ? '·' : f.ok ? '✓ pass' : '✗ MISS'} ${f.label}: ${f.value}`);
  if (floors.some((f) => f.ok === false)) {
    emit();
    emit('What limits a missed floor: bench/MLP.md.');
  }
  const seconds = (performance.now() - started) / 1000;
  emit();
  emit(`This section took ${seconds.toFixed(0)} s.`);
  return { lines, floors, table, seconds };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const k = process.argv.indexOf('--only');
  const only = k >= 0 ? process.argv[k + 1] : undefined;
  console.log(machineLine());
  console.log();
  try {
    await mlpBench(process.argv.includes('--quick'), console.log, only);
    process.exit(0);
  } catch (e) {
    // Only the message and stack: the tfjs wasm glue re-throws uncaught errors with its whole source.
    console.error(e instanceof Error ? e.stack : e);
    process.exit(2);
  }
}
