/**
 * The reference experiment: 100 points, x ~ U(0, 1), y = 2 + 3x + N(0, 1) from a seeded PRNG; full-batch GD on
 * J = (1/2n)·Σr² with η = 0.1, from θ = 0 with an intercept, β = 0.9 against β = 0. Returns what `npm start`
 * prints: MSE histories, final parameters, the least-squares optimum and iterations to reach it.
 */
import { meanSquaredError } from './metrics.js';
import { leastSquares } from './models/linear.js';
import { checkArgCount, checkKeys, describe } from './options/index.js';
import { createRandom } from './random.js';
import type { Engine, FitCommonOptions, FitResult } from './types.js';

/** Most rows referenceData generates (a loop and two arrays of n). */
const MAX_REFERENCE_ROWS = 2 ** 24;

/**
 * The experiment's data: xᵢ ~ U(0, 1), yᵢ = 2 + 3·xᵢ + εᵢ with εᵢ ~ N(0, 1), from {@link createRandom}(seed).
 * @param seed integer seed; default 42 (the experiment's).
 * @param n number of points, an integer in [1, 2²⁴]; default 100.
 * @throws TypeError when `seed` is not an integer, or for extra arguments; RangeError for n outside [1, 2²⁴].
 */
export function referenceData(seed = 42, n = 100): {
  /** n rows of one feature x. */
  X: number[][];
  /** n targets y. */
  y: Float64Array;
} {
  checkArgCount('referenceData', ['seed', 'n'], arguments);
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_REFERENCE_ROWS) {
    throw new RangeError(`n must be an integer in [1, ${MAX_REFERENCE_ROWS}], got ${describe(n)}`);
  }
  const rng = createRandom(seed);
  const X: number[][] = [];
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = rng.uniform();
    X.push([x]);
    y[i] = 2 + 3 * x + rng.normal();
  }
  return { X, y };
}

/** One run of {@link referenceExperiment}: a fit with one momentum β. */
export interface ExperimentRun {
  /** The momentum β of this run. */
  momentum: number;
  /** The fit of `iterations` updates. */
  fit: FitResult;
  /** MSE = 2·J at θ₀ … θ₉₉ (before each update). */
  mse: Float64Array;
  /** Updates needed for the MSE to come within `relTol` (relative) of the least-squares MSE, or null. */
  iterationsToOptimum: number | null;
}

/** What {@link referenceExperiment} returns and {@link formatExperiment} prints. */
export interface ExperimentResult {
  /** The data's n rows of one feature (see {@link referenceData}). */
  X: number[][];
  /** The data's n targets. */
  y: Float64Array;
  /**
   * The least-squares optimum by the normal equations ({@link leastSquares}) and its MSE = (1/n)·Σ(ŷᵢ − yᵢ)².
   */
  optimum: {
    /** The optimal weight (one feature). */
    weights: Float64Array;
    /** The optimal intercept. */
    intercept: number;
    /** The mean squared error at the optimum. */
    mse: number;
  };
  /** One run per momentum, in the order given. */
  runs: ExperimentRun[];
  /**
   * The same fit with `lr: 'auto', momentum: 'auto', nesterov: true` (η and β from the data's smoothness constant,
   * adaptive restart; see {@link FitCommonOptions.lr}): `momentum` is NaN (the schedule), `fit.auto` says what was
   * chosen.
   */
  auto: ExperimentRun;
  /** The relative tolerance of {@link ExperimentRun.iterationsToOptimum}. */
  relTol: number;
}

/**
 * Runs the reference experiment on `engine`. The optimum comes from the normal equations, not from GD; the
 * iterations-to-optimum count uses a longer run of the same fit (up to `maxIterations`).
 * @param engine the engine to fit with (either backend gives the same numbers).
 * @param options all optional: `seed` (default 42) of {@link referenceData}; `lr` η (default 0.1); `momenta`, the
 *   β of each run (default [0, 0.9]); `iterations`, updates per recorded run (default 100); `relTol`, relative
 *   tolerance on the MSE for the iterations-to-optimum count (default 1e-6); `maxIterations`, the cap of that
 *   longer run (default 100 000).
 * @throws the errors of {@link Engine.fit} for options out of range.
 * @example
 * const r = referenceExperiment(await createEngine());
 * r.runs[1].iterationsToOptimum; // updates that β = 0.9 needs to reach the optimum's MSE within 1e-6
 */
export function referenceExperiment(
  engine: Engine,
  options: { seed?: number; lr?: number; momenta?: number[]; iterations?: number; relTol?: number; maxIterations?: number } = {},
): ExperimentResult {
  checkArgCount('referenceExperiment', ['engine', 'options'], arguments);
  checkKeys(options, ['seed', 'lr', 'momenta', 'iterations', 'relTol', 'maxIterations'], 'referenceExperiment');
  const { seed = 42, lr = 0.1, momenta = [0, 0.9], iterations = 100, relTol = 1e-6, maxIterations = 100_000 } = options;
  const { X, y } = referenceData(seed);
  const ls = leastSquares(X, y);
  const optimum = { ...ls, mse: meanSquaredError(y, X.map(([x]) => ls.intercept + x! * ls.weights[0]!)) };
  const data = engine.dataset(X, y);
  try {
    const runs = momenta.map((momentum) => {
      const fit = engine.fit(data, { lr, momentum, maxIterations: iterations });
      const long = engine.fit(data, { lr, momentum, maxIterations });
      const k = long.loss.findIndex((J) => Math.abs(2 * J - optimum.mse) <= relTol * optimum.mse);
      return { momentum, fit, mse: fit.loss.map((J) => 2 * J), iterationsToOptimum: k < 0 ? null : k };
    });
    const auto = { lr: 'auto', momentum: 'auto', nesterov: true } as const;
    const fit = engine.fit(data, { ...auto, maxIterations: iterations });
    const long = engine.fit(data, { ...auto, maxIterations });
    const k = long.loss.findIndex((J) => Math.abs(2 * J - optimum.mse) <= relTol * optimum.mse);
    const autoRun = { momentum: NaN, fit, mse: fit.loss.map((J) => 2 * J), iterationsToOptimum: k < 0 ? null : k };
    return { X, y, optimum, runs, relTol, auto: autoRun };
  } finally {
    data.dispose();
  }
}

/**
 * The experiment as the text `npm start` prints: the MSE of both runs per iteration, final parameters, the optimum
 * and the iterations to reach it.
 * @param r a result of {@link referenceExperiment} with two runs (β = 0 first).
 * @param backend the backend's name for the title line.
 */
export function formatExperiment(r: ExperimentResult, backend: string): string {
  checkArgCount('formatExperiment', ['r', 'backend'], arguments);
  const [gd, mom] = r.runs as [ExperimentRun, ExperimentRun];
  const f = (v: number, w = 12) => v.toFixed(8).padStart(w);
  const lines: string[] = [];
  lines.push(`Reference experiment (${backend} backend): n = ${r.X.length}, y = 2 + 3x + N(0, 1), η = 0.1, θ₀ = 0`);
  lines.push('');
  lines.push(`${'iter'.padStart(5)}  ${'MSE β = 0'.padStart(12)}  ${`MSE β = ${mom.momentum}`.padStart(12)}`);
  const n = gd.mse.length;
  for (let k = 0; k < n; k++) {
    const it = k + 1;
    if (it <= 10 || it % 10 === 0) lines.push(`${String(it).padStart(5)}  ${f(gd.mse[k]!)}  ${f(mom.mse[k]!)}`);
  }
  lines.push('');
  lines.push(`${''.padEnd(30)}${'intercept b'.padStart(14)}${'slope w'.padStart(14)}${'MSE'.padStart(14)}`);
  const row = (label: string, b: number, w: number, mse: number) =>
    lines.push(`${label.padEnd(30)}${f(b, 14)}${f(w, 14)}${f(mse, 14)}`);
  row(`GD, β = 0 (${n} iter)`, gd.fit.intercept, gd.fit.weights[0]!, gd.fit.mse);
  row(`momentum, β = ${mom.momentum} (${n} iter)`, mom.fit.intercept, mom.fit.weights[0]!, mom.fit.mse);
  row(`lr, momentum 'auto' (${r.auto.fit.iterations} iter)`, r.auto.fit.intercept, r.auto.fit.weights[0]!, r.auto.fit.mse);
  row('least squares (normal eq.)', r.optimum.intercept, r.optimum.weights[0]!, r.optimum.mse);
  lines.push('');
  lines.push(`Iterations to reach the least-squares MSE within ${r.relTol} (relative):`);
  const c = (k: number | null) => (k === null ? 'not reached' : String(k));
  lines.push(`  GD (β = 0):         ${c(gd.iterationsToOptimum)}`);
  lines.push(`  momentum (β = ${mom.momentum}): ${c(mom.iterationsToOptimum)}`);
  if (gd.iterationsToOptimum !== null && mom.iterationsToOptimum !== null) {
    lines.push(`  momentum is ${(gd.iterationsToOptimum / mom.iterationsToOptimum).toFixed(1)}× faster`);
  }
  const a = r.auto.fit.auto;
  lines.push(`  lr, momentum 'auto': ${c(r.auto.iterationsToOptimum)}` + (a
    ? ` (L = ${a.lipschitz.toFixed(4)}, η₀ = 1/L = ${a.lr.toFixed(4)}, β = k/(k + 3), ${a.restarts} restarts, η at the end ${a.finalLr.toFixed(4)})`
    : ''));
  return lines.join('\n');
}
