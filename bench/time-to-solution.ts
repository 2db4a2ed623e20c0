/**
 * Time to solution (issue 18): wall time until L2-penalised logistic regression (C = 1, i.e. α = 1/(C·n) in this
 * library's scaling of scikit-learn's objective) is within 1e-6 (relative) of its optimal objective J*, on
 * - the bench's synthetic problems (bench/problem.ts: X ~ U(−1, 1), labels drawn from a logistic model),
 *   100 000 × 100 and 1 000 000 × 10 (--quick: 10 000 × 100 and 100 000 × 10);
 * - the two bundled data sets, standardized: the breast-cancer data (569 × 30, malignant or not) and digits as the
 *   test suite's binary problem (test/auto/problems.ts: the first 300 images of 0 and 1, 64 pixels),
 * for these contenders:
 * - `lr: 'auto', momentum: 'auto', nesterov: true` (η and β from the data; the time includes the power iteration),
 * - the best hand-tuned setting of a grid: the issue's 7 × 5 heavy-ball grid (lr × β, test/auto/problems.ts) and
 *   Adam (4 lr), each run stopped by onProgress at the first update that reaches the target,
 * - TF.js's wasm backend with tf.train.momentum(η, β).minimize on the same objective (incl. the L2 term), at the
 *   best heavy-ball setting of the grid (TF.js's MomentumOptimizer is the engine's heavy ball), f32, the objective
 *   checked in f64 after every update of an untimed run; capped at 2·K + 50 updates (K: the engine's count at that
 *   setting) — when it never gets there, the accuracy it reached is written instead,
 * - scikit-learn's LogisticRegression (L-BFGS, C = 1) as a subprocess of the first python3 with scikit-learn
 *   (PATH's, else /usr/bin/python3: Debian's python3-sklearn; else a note), at the loosest `tol` that reaches the target.
 * J*: synthetic problems from scikit-learn at tol 1e-12 (without it, from a long 'auto' run); the bundled ones by
 * Newton's method (test/reference/newton.ts), evaluated here in f64.
 * In-process contenders are timed in interleaved rounds (median of 3; batches of fits of ≥ 50 ms for small problems).
 *   npx tsx bench/time-to-solution.ts            # writes bench/TIME-TO-SOLUTION.md
 *   npx tsx bench/time-to-solution.ts --quick    # smaller synthetic sizes; prints only
 * `npm run bench` runs {@link timeToSolution} and writes the same section into bench/RESULTS.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, type Dataset, type Engine, type FitOptions } from '../src/index.js';
import { loadBreastCancer, loadDigits } from '../src/datasets.js';
import { digitsSubset, GRID_BETAS, GRID_LRS, logisticProblem, standardized } from '../test/auto/problems.js';
import { tfjsLogistic, tfjsLogisticLabel } from './contenders/tfjs-logistic.js';
import { groupDigits, makeClassifierProblem, makeProblem } from './problem.js';
import { machineLine } from './report.js';

const TARGET = 1e-6;
const C = 1;
const GRID_UPDATES = 3000;
const REPEATS = 3;
/** Shortest timed batch: small problems repeat the fit until a batch takes this long (seconds). */
const MIN_BATCH = 0.05;

/** One logistic problem: X row-major n × d, labels 0/1, α = 1/(C·n). */
interface Case {
  name: string;
  rows: number;
  cols: number;
  x: Float64Array;
  y: Float64Array;
  synthetic: boolean;
  /** J* computed independently (Newton), or undefined: from scikit-learn or a long auto run. */
  Jstar?: number;
}

/** A ✓/✗ line of the issue's floors (ok null: not measured). */
export interface TimeFloor { label: string; value: string; ok: boolean | null }

/** The section: markdown lines (also printed), the floors, and how long it took. */
export interface TimeToSolution { lines: string[]; floors: TimeFloor[]; seconds: number }

/** J = (1/n)·Σ[log(1 + e^z) − y·z] + (α/2)·‖w‖², z = x·w + b, in f64 (softplus evaluated stably). */
function objective(p: Case, w: ArrayLike<number>, b: number, alpha: number): number {
  const { rows: n, cols: d, x, y } = p;
  let s = 0;
  for (let i = 0; i < n; i++) {
    let z = b;
    for (let j = 0; j < d; j++) z += x[i * d + j]! * w[j]!;
    s += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[i]! * z;
  }
  let ww = 0;
  for (let j = 0; j < d; j++) ww += w[j]! * w[j]!;
  return s / n + (alpha / 2) * ww;
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** (max − min)/median of repeated timings: the spread of one contender's own runs (its A/A noise). */
function spread(t: number[]): number {
  return (Math.max(...t) - Math.min(...t)) / median(t);
}

/** The first python3 with scikit-learn: the one on PATH, else Debian's (python3-sklearn), or null. */
function findPython(): string | null {
  for (const py of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(py, ['-c', 'import sklearn, numpy'], { stdio: 'ignore' });
      return py;
    } catch {
      // next
    }
  }
  return null;
}

// Fits at each tol; with reps > 1 each is timed reps times (batches of ≥ MIN_BATCH s); prints
// tol, median s, spread, n_iter, intercept, coef.
const PY = `
import sys, time, math, numpy as np
from sklearn.linear_model import LogisticRegression
d = sys.argv[1]; n = int(sys.argv[2]); k = int(sys.argv[3]); C = float(sys.argv[4]); reps = int(sys.argv[6])
X = np.fromfile(d + '/x.f64').reshape(n, k); y = np.fromfile(d + '/y.f64')
for tol in [float(t) for t in sys.argv[5].split(',')]:
    def fit():
        m = LogisticRegression(C=C, tol=tol, max_iter=100000, solver='lbfgs')
        t0 = time.perf_counter(); m.fit(X, y); return time.perf_counter() - t0, m
    first, m = fit()
    ts = [first]
    if reps > 1:
        batch = max(1, math.ceil(${MIN_BATCH} / first))
        ts = [sum(fit()[0] for _ in range(batch)) / batch for _ in range(reps)]
    med = float(np.median(ts))
    print(tol, med, (max(ts) - min(ts)) / med, m.n_iter_[0], repr(float(m.intercept_[0])), *[repr(float(v)) for v in m.coef_[0]], flush=True)
`;

interface SkRun { tol: number; seconds: number; spread: number; iterations: number; w: number[]; b: number }

function sklearnRuns(python: string, dir: string, p: Case, tols: number[], reps: number): SkRun[] {
  const out = execFileSync(python, ['-c', PY, dir, String(p.rows), String(p.cols), String(C), tols.join(','), String(reps)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return out.trim().split('\n').map((line) => {
    const v = line.split(' ').map(Number);
    return { tol: v[0]!, seconds: v[1]!, spread: v[2]!, iterations: v[3]!, b: v[4]!, w: v.slice(5) };
  });
}

/** Updates until J ≤ target (Infinity: not within maxIterations), with the fit stopped there by onProgress. */
function updatesTo(engine: Engine, data: Dataset, options: FitOptions, target: number, maxIterations: number): number {
  let reached = Infinity;
  engine.fit(data, {
    ...options, maxIterations,
    onProgress: ({ epoch, loss }) => {
      if (loss <= target) { reached = epoch - 1; return false; }
      return undefined;
    },
  } as FitOptions);
  return reached;
}

/**
 * Times the contenders in REPEATS interleaved rounds (rotated order) after one untimed call each; a contender whose
 * call is shorter than MIN_BATCH runs in batches of that length. Returns seconds per call (median) and the spread.
 */
function timeInterleaved(fns: (() => void)[]): { seconds: number; spread: number }[] {
  const batch = fns.map((fn) => {
    const t0 = performance.now();
    fn();
    return Math.max(1, Math.ceil(MIN_BATCH / ((performance.now() - t0) / 1000)));
  });
  const times: number[][] = fns.map(() => []);
  for (let r = 0; r < REPEATS; r++) {
    for (let k = 0; k < fns.length; k++) {
      const i = (k + r) % fns.length;
      const t0 = performance.now();
      for (let b = 0; b < batch[i]!; b++) fns[i]!();
      times[i]!.push((performance.now() - t0) / 1000 / batch[i]!);
    }
  }
  return times.map((t) => ({ seconds: median(t), spread: spread(t) }));
}

async function cases(quick: boolean): Promise<Case[]> {
  const out: Case[] = [];
  for (const [n, d] of quick ? [[10_000, 100], [100_000, 10]] : [[100_000, 100], [1_000_000, 10]]) {
    const p = makeClassifierProblem(makeProblem({ rows: n!, cols: d!, iterations: 1 }), 'logistic');
    out.push({ name: `${groupDigits(n!)} × ${d}`, rows: n!, cols: d!, x: p.x, y: p.y, synthetic: true });
  }
  const flat = (X: number[][]) => Float64Array.from(X.flat());
  const bc = await loadBreastCancer();
  const cancer = { X: standardized(bc.X), y: bc.y };
  const dg = await loadDigits();
  const d01 = digitsSubset({ X: dg.X, y: dg.y }, [0, 1]);
  for (const [name, s] of [['cancer, standardized', cancer], ['digits 0/1, standardized', d01]] as const) {
    const n = s.X.length, d = s.X[0]!.length;
    const { Jstar } = logisticProblem(name, s.X, s.y, 1 / (C * n));
    out.push({ name: `${name} (${n} × ${d})`, rows: n, cols: d, x: flat(s.X), y: Float64Array.from(s.y), synthetic: false, Jstar });
  }
  return out;
}

/**
 * Measures the section. `log` receives every markdown line as it is made (the table rows appear as each problem
 * finishes).
 */
export async function timeToSolution(quick: boolean, log: (line: string) => void = console.log): Promise<TimeToSolution> {
  const started = performance.now();
  const engine = await createEngine({ backend: 'wasm', simd: true });
  // 'auto' again on every core (issue 17's threads): the same doubles, so the same count; only its time is new.
  const threaded = await createEngine({ backend: 'wasm', simd: true, threads: 'auto' });
  const T = threaded.threads;
  const python = findPython();
  const tfLabel = await tfjsLogisticLabel();
  const lines: string[] = [];
  const floors: TimeFloor[] = [];
  const why: string[] = [];
  const emit = (s = ''): void => { log(s); lines.push(s); };
  const skVersion = python
    ? execFileSync(python, ['-c', 'import sklearn, numpy; print("scikit-learn", sklearn.__version__, "numpy", numpy.__version__)'], { encoding: 'utf8' }).trim()
    : '';
  emit(`Logistic regression, C = ${C} (α = 1/(C·n), the intercept unpenalised); time until J − J* ≤ ${TARGET}·J*. ` +
    `Engine: WASM SIMD, 1 thread and ${T > 1 ? `${T} threads (same doubles, checked)` : `no threaded run (${threaded.threadsReason ?? 'one core'})`}; the floors and × auto use the faster. J*: synthetic problems ${python ? `scikit-learn's (lbfgs, tol 1e-12; ${skVersion}, ${python})` : 'from a long auto run (no scikit-learn found)'}, ` +
    `bundled data by Newton's method (test/reference). Median of ${REPEATS} interleaved timings; spread = (max − min)/median.`);
  emit();
  emit('| problem | contender | updates | time (s), median | spread | × sklearn | × auto |');
  emit('|---|---|---:|---:|---:|---:|---:|');
  for (const p of await cases(quick)) {
    const alpha = 1 / (C * p.rows);
    const data = engine.dataset({ data: p.x, rows: p.rows, cols: p.cols }, p.y);
    const dataT = T > 1 ? threaded.dataset({ data: p.x, rows: p.rows, cols: p.cols }, p.y) : null;
    const model = { model: 'logistic', alpha } as const;
    // J* and scikit-learn.
    let Jstar = p.Jstar ?? NaN;
    let sk: SkRun | null = null;
    if (python) {
      const dir = mkdtempSync(join(tmpdir(), 'tts-'));
      try {
        writeFileSync(join(dir, 'x.f64'), p.x);
        writeFileSync(join(dir, 'y.f64'), p.y);
        if (p.Jstar === undefined) {
          const [ref] = sklearnRuns(python, dir, p, [1e-12], 1);
          Jstar = objective(p, ref!.w, ref!.b, alpha);
        }
        const runs = sklearnRuns(python, dir, p, [1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8], 1);
        const loosest = runs.find((r) => objective(p, r.w, r.b, alpha) - Jstar <= TARGET * Jstar);
        if (loosest) sk = sklearnRuns(python, dir, p, [loosest.tol], REPEATS)[0]!;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    if (!Number.isFinite(Jstar)) {
      const long = engine.fit(data, { ...model, lr: 'auto', momentum: 'auto', nesterov: true, maxIterations: 20000 });
      Jstar = Math.min(...long.loss);
    }
    const target = Jstar * (1 + TARGET);
    const auto = { ...model, lr: 'auto', momentum: 'auto', nesterov: true } as FitOptions;
    const autoUpdates = updatesTo(engine, data, auto, target, 20000);
    if (dataT) {
      // Threads never move a double (issue 17): the threaded fit's losses are the one-thread fit's, bit for bit.
      const a = engine.fit(data, { ...auto, maxIterations: autoUpdates + 1 }).loss;
      const b = threaded.fit(dataT, { ...auto, maxIterations: autoUpdates + 1 }).loss;
      if (a.length !== b.length || a.some((v, i) => !Object.is(v, b[i]))) throw new Error(`${p.name}: 'auto' on ${T} threads differs from 1 thread`);
    }
    // The grid, largest lr first so that the cap (the best count so far) falls early.
    const grid: [string, FitOptions, boolean][] = [];
    for (const lr of [...GRID_LRS].reverse()) for (const momentum of GRID_BETAS) grid.push([`heavy ball lr ${lr}, β ${momentum}`, { ...model, lr, momentum }, true]);
    for (const lr of [0.3, 0.1, 0.03, 0.01]) grid.push([`Adam lr ${lr}`, { ...model, optimizer: 'adam', lr }, false]);
    let best = { label: 'none within the cap', updates: Infinity, options: grid[0]![1] };
    let ball = { ...best };
    for (const [label, options, heavy] of grid) {
      const u = updatesTo(engine, data, options, target, Math.min(GRID_UPDATES, (heavy ? ball : best).updates));
      if (u < best.updates) best = { label, updates: u, options };
      if (heavy && u < ball.updates) ball = { label, updates: u, options };
    }
    // TF.js at the best heavy-ball setting: the count (untimed run, f64 objective after each update), then timed.
    let tf: { updates: number; reached: boolean; gap: number } | null = null;
    const tfFit = Number.isFinite(ball.updates)
      ? await tfjsLogistic(p.x, p.y, p.rows, p.cols, alpha, ball.options.lr as number, ball.options.momentum as number)
      : null;
    if (tfFit) {
      const cap = 2 * ball.updates + 50;
      let gap = Infinity, k = 0;
      tfFit.reset();
      while (k < cap) {
        tfFit.step();
        k++;
        const { w, b } = tfFit.params();
        gap = Math.min(gap, (objective(p, w, b, alpha) - Jstar) / Jstar);
        if (gap <= TARGET) break;
      }
      tf = { updates: k, reached: gap <= TARGET, gap };
    }
    const fns = [
      () => { engine.fit(data, { ...auto, maxIterations: autoUpdates + 1 }); },
      () => { engine.fit(data, { ...best.options, maxIterations: best.updates + 1 }); },
    ];
    if (tfFit && tf) fns.push(() => { tfFit.reset(); for (let k = 0; k < tf.updates; k++) tfFit.step(); tfFit.params(); });
    if (dataT) fns.push(() => { threaded.fit(dataT, { ...auto, maxIterations: autoUpdates + 1 }); });
    const timed = timeInterleaved(Number.isFinite(best.updates) ? fns : [fns[0]!, ...(dataT ? [fns[fns.length - 1]!] : [])]);
    const tAuto1 = timed[0];
    const tBest = Number.isFinite(best.updates) ? timed[1] : undefined;
    const tTf = Number.isFinite(best.updates) && tfFit && tf ? timed[2] : undefined;
    const tAutoT = dataT ? timed[timed.length - 1] : undefined;
    // The floors take the faster 'auto' (every core when threads run); × auto is against it too.
    const tAuto = tAutoT && tAutoT.seconds < tAuto1!.seconds ? tAutoT : tAuto1;
    tfFit?.dispose();
    data.dispose();
    dataT?.dispose();
    const pct = (v: number) => `${(100 * v).toFixed(0)} %`;
    const x = (s: number, over: number | undefined) => (over === undefined ? '—' : (s / over).toFixed(2));
    const row = (who: string, updates: string, t: { seconds: number; spread: number } | undefined) =>
      emit(`| ${p.name} | ${who} | ${updates} | ${t ? t.seconds.toPrecision(3) : '—'} | ${t ? pct(t.spread) : '—'} | ` +
        `${t ? x(t.seconds, sk?.seconds) : '—'} | ${t ? x(t.seconds, tAuto!.seconds) : '—'} |`);
    row(`lr, momentum 'auto' (Nesterov)`, String(autoUpdates), tAuto1);
    if (tAutoT) row(`lr, momentum 'auto' (Nesterov), ${T} threads`, String(autoUpdates), tAutoT);
    row(`best hand-tuned: ${best.label}`, String(best.updates), tBest);
    if (tf) {
      row(`TF.js tf.train.momentum, ${ball.label.replace('heavy ball ', '')}` +
        (tf.reached ? '' : ` (cap: J − J* = ${tf.gap.toExponential(1)}·J* after ${tf.updates})`), String(tf.updates), tTf);
    } else {
      emit(`| ${p.name} | TF.js: no heavy-ball setting of the grid reached the target | — | — | — | — | — |`);
    }
    if (sk) emit(`| ${p.name} | scikit-learn lbfgs, tol ${sk.tol} | ${sk.iterations} | ${sk.seconds.toPrecision(3)} | ${pct(sk.spread)} | 1 | ${x(sk.seconds, tAuto!.seconds)} |`);
    else emit(`| ${p.name} | scikit-learn: ${python ? 'no tol ≤ 1e-8 reached the target' : 'skipped (no python3 with scikit-learn)'} | — | — | — | — | — |`);
    // The floors: auto ≤ 4× scikit-learn on the synthetic problems; auto ≥ 20× faster than TF.js everywhere.
    if (p.synthetic) {
      const r = sk ? tAuto!.seconds / sk.seconds : NaN;
      floors.push({ label: `'auto' within 4× of scikit-learn's L-BFGS at ${p.name}`, value: sk ? `${r.toFixed(2)}× its time` : 'not measured', ok: sk ? r <= 4 : null });
    }
    if (tf && tTf) {
      const r = tTf.seconds / tAuto!.seconds;
      const to = tf.reached ? 'to 1e-6·J*' : `to the accuracy TF.js reached (${tf.gap.toExponential(1)}·J*; auto's time to 1e-6)`;
      floors.push({ label: `'auto' ≥ 20× faster than TF.js ${to} at ${p.name}`, value: `${r.toFixed(1)}×`, ok: r >= 20 });
      if (r < 20) {
        const perTf = tTf.seconds / tf.updates, perAuto = tAuto!.seconds / (autoUpdates + 1);
        why.push(`${p.name}: TF.js takes ${tf.updates} updates at ${(perTf * 1e3).toPrecision(3)} ms each, 'auto' ` +
          `${autoUpdates + 1} (incl. the power iteration's time) at ${(perAuto * 1e3).toPrecision(3)} ms: ` +
          `${(tf.updates / (autoUpdates + 1)).toFixed(2)}× the updates × ${(perTf / perAuto).toFixed(1)}× the time per update.`);
      }
    } else {
      floors.push({ label: `'auto' ≥ 20× faster than TF.js at ${p.name}`, value: 'not measured', ok: null });
    }
  }
  emit();
  emit(`Grid (the issue's): heavy ball lr ∈ {${GRID_LRS.join(', ')}} × β ∈ {${GRID_BETAS.join(', ')}}, and Adam lr ∈ ` +
    `{0.01, 0.03, 0.1, 0.3}; each run at most ${GRID_UPDATES} updates. 'auto' counts every evaluation of J (a rejected ` +
    `step too); its time includes the power iteration. TF.js: ${tfLabel}, at the best heavy-ball setting of the grid, ` +
    `X as n×d (float32), loss sigmoidCrossEntropy + (α/2)·‖w‖², gradients by autodiff; its count is the first update ` +
    `whose parameters (read back, J in f64) reach the target, capped at 2·K + 50 (K: the engine's count at that setting). ` +
    `scikit-learn: updates = L-BFGS iterations (n_iter_), the loosest tol of 1e-3 … 1e-8 that reaches the target; its ` +
    `time is the fit's alone (X already a NumPy array), as the engine's is (X already stored) and TF.js's (X a tensor).`);
  emit();
  emit('Floors (issue 18):');
  emit();
  for (const f of floors) emit(`- ${f.ok === null ? '·' : f.ok ? '✓' : '✗'} ${f.label}: ${f.value}`);
  if (why.length) {
    emit();
    emit('Where a floor is missed, why:');
    emit();
    for (const w of why) emit(`- ${w}`);
  }
  threaded.dispose();
  const seconds = (performance.now() - started) / 1000;
  emit();
  emit(`This section took ${seconds.toFixed(0)} s.`);
  return { lines, floors, seconds };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const quick = process.argv.includes('--quick');
  const { lines } = await timeToSolution(quick);
  const md = [machineLine(), '', '# Time to solution (issue 18)', '', 'Generated by `npm run bench:time` (bench/time-to-solution.ts); `npm run bench` writes the same section into RESULTS.md.', '', ...lines];
  if (!quick) writeFileSync(new URL('./TIME-TO-SOLUTION.md', import.meta.url), `${md.join('\n')}\n`);
  process.exit(0);
}
