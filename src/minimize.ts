/**
 * Runs an optimizer (momentum SGD by default) on a 2-D {@link TestFunction} and records the trajectory, for demos
 * and for the playground. The update is the library's per-step optimizer: the given engine's, or the JS backend's
 * (same operation order as the WASM core, so both give the same doubles).
 */
import type { Point, TestFunction } from './functions.js';
import { JsBackend } from './js/engine.js';
import { OPTIMIZER_IDS, checkArgCount, checkKeys, checkOptimizer, describe } from './options/index.js';
import { Optimizer } from './optimizer.js';
import type { Engine, FitOptions, OptimizerChoice, OptimizerOptions, OptimizerSettings, SgdOptimizer } from './types.js';

/**
 * Options of {@link minimize}: the per-step optimizer's, typed per optimizer ({@link OptimizerChoice}: `{ optimizer:
 * 'adam', nesterov: true }` is a type error, as it is a RangeError at run time), and the run's own.
 */
export type MinimizeOptions = OptimizerChoice & {
  /** Learning rate η > 0 (finite). Required. */
  lr: number;
  /** L2 weight decay λ ≥ 0: g ← g + λ·θ (AdamW: decoupled, θ ← θ·(1 − η·λ), default 0.01). Default 0. */
  weightDecay?: number;
  /** Most updates to apply, a positive integer ≤ 2²² (every point is kept). Default 1000. */
  maxIterations?: number;
  /**
   * Stop with 'converged' once ‖∇f(θₖ)‖₂ < tol (checked before each update). Default 1e-8; 0 never stops early.
   * An absolute rule on the Euclidean norm, unlike {@link FitOptions.tol} (relative to ‖∇J(θ₀)‖∞ by default, or
   * scikit-learn's objective-improvement rule): a 2-D demo knows ∇f exactly.
   */
  tol?: number;
  /**
   * Take the update from this engine (`sgd` for 'sgd', `optimizer` otherwise; WASM or JS backend). Default: the JS
   * backend's per-step optimizer, created synchronously.
   */
  engine?: Partial<Pick<Engine, 'sgd' | 'optimizer'>>;
};

/** How a run of {@link minimize} ended. */
export type MinimizeStatus = 'converged' | 'maxIterations' | 'diverged';

/** The trajectory of {@link minimize}. */
export interface MinimizeResult {
  /** θ₀, θ₁, … interleaved: x₀, y₀, x₁, y₁, …; always `2·(iterations + 1)` long, all finite. */
  readonly points: Float64Array;
  /** f(θₖ) for each recorded point; `iterations + 1` long. */
  readonly values: Float64Array;
  /** Updates applied whose result was recorded. */
  readonly iterations: number;
  /**
   * 'converged': ‖∇f‖ < tol at the last point; 'maxIterations': the budget ran out; 'diverged': the next point,
   * its value or its gradient was not finite, and the run stopped at the last finite point.
   */
  readonly status: MinimizeStatus;
}

const DEFAULTS = { maxIterations: 1000, tol: 1e-8 };
/** Most updates one minimize call makes: it keeps every point (2²² points ≈ 100 MB of trajectory). */
const MAX_MINIMIZE_ITERATIONS = 2 ** 22;
const OPTIMIZER_KEYS = ['optimizer', 'lr', 'momentum', 'dampening', 'nesterov', 'weightDecay', 'betas', 'eps', 'rho', 'lrDecay'] as const;
const KNOWN: readonly string[] = [...OPTIMIZER_KEYS, 'maxIterations', 'tol', 'engine'];

/**
 * Minimises `fn` from `start` with torch.optim.SGD's update, recording every iterate:
 * g ← ∇f(θ) + λ·θ;  v ← g on the first step, then v ← β·v + (1 − τ)·g;  g ← g + β·v (Nesterov) or g ← v;
 * θ ← θ − η·g.  β = 0 is plain gradient descent (no velocity is kept).
 *
 * Each iteration k evaluates f(θₖ) and ∇f(θₖ), stops if either is not finite ('diverged', θₖ dropped) or if
 * ‖∇f(θₖ)‖₂ < tol ('converged'), else applies one update. A run that reaches `maxIterations` updates ends
 * with 'maxIterations'. Stationary points count as converged, saddles included: only the trajectory tells them apart.
 *
 * @param fn the function and its gradient (see src/functions.ts).
 * @param start θ₀ = [x₀, y₀], finite.
 * @param options see {@link MinimizeOptions}.
 * @throws TypeError on an unknown option, a non-number option or a start that is not two finite numbers;
 *   RangeError on an option out of range (the SGD options with the messages of engine.sgd).
 * @example
 * const run = minimize(testFunctions.quadratic, [-2.5, 1.5], { lr: 0.1, momentum: 0.9 });
 * run.status;                  // 'converged'
 * run.points.slice(-2);        // ≈ [0, 0]
 */
export function minimize(fn: Pick<TestFunction, 'f' | 'grad'>, start: Point, options: MinimizeOptions): MinimizeResult {
  checkArgCount('minimize', ['fn', 'start', 'options'], arguments);
  const { optimizerOptions: o, maxIterations, tol, engine } = validate(start, options);
  const optimizer = makeOptimizer(start, o, engine);
  const points: number[] = [];
  const values: number[] = [];
  let [x, y] = start;
  let status: MinimizeStatus = 'maxIterations';
  try {
    for (let k = 0; ; k++) {
      const value = fn.f(x, y);
      if (!(Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(value))) {
        status = 'diverged';
        break;
      }
      points.push(x, y);
      values.push(value);
      const grad = fn.grad(x, y);
      if (!(Number.isFinite(grad[0]) && Number.isFinite(grad[1]))) {
        status = 'diverged';
        break;
      }
      if (Math.hypot(grad[0], grad[1]) < tol) {
        status = 'converged';
        break;
      }
      if (k === maxIterations) break;
      try {
        optimizer.step(grad);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        status = 'diverged'; // the optimizer refuses a step that would make θ non-finite
        break;
      }
      const next = optimizer.params;
      x = next[0]!;
      y = next[1]!;
    }
  } finally {
    optimizer.dispose();
  }
  return {
    points: Float64Array.from(points),
    values: Float64Array.from(values),
    iterations: values.length - 1,
    status,
  };
}

/**
 * The first iteration k at which θₖ lies within Euclidean distance `radius` of one of `targets`, or -1.
 * @param result a trajectory from {@link minimize}.
 * @param targets points to reach (e.g. `fn.minima`).
 * @param radius distance, ≥ 0, in the units of x and y.
 * @example
 * const run = minimize(testFunctions.himmelblau, [0, 0], { lr: 0.01 });
 * iterationsToReach(run, testFunctions.himmelblau.minima, 1e-6); // 51: θ₅₁ is within 1e-6 of (3, 2)
 */
export function iterationsToReach(result: Pick<MinimizeResult, 'points'>, targets: readonly Point[], radius: number): number {
  checkArgCount('iterationsToReach', ['result', 'targets', 'radius'], arguments);
  const { points } = result;
  for (let k = 0; 2 * k < points.length; k++) {
    const x = points[2 * k]!;
    const y = points[2 * k + 1]!;
    for (const [tx, ty] of targets) {
      if (Math.hypot(x - tx, y - ty) <= radius) return k;
    }
  }
  return -1;
}

/** The engine's optimizer for the options, or the JS backend's (synchronous: no engine to create). */
function makeOptimizer(start: Point, o: Required<OptimizerSettings>, engine: MinimizeOptions['engine']): SgdOptimizer {
  const params = Float64Array.from(start);
  if (engine) {
    if (o.optimizer === 'sgd' && engine.sgd) {
      const { lr, momentum, dampening, nesterov, weightDecay } = o;
      return engine.sgd(params, { lr, momentum, dampening, nesterov, weightDecay });
    }
    if (!engine.optimizer) throw new TypeError(`engine must have an optimizer() method for optimizer '${o.optimizer}'`);
    return engine.optimizer(params, relevant(o));
  }
  return new Optimizer(new JsBackend().stepStore(params, o, OPTIMIZER_IDS[o.optimizer]), o);
}

/** The validated options that apply to the chosen optimizer (what engine.optimizer accepts). */
function relevant(o: Required<OptimizerSettings>): OptimizerOptions {
  const base = { optimizer: o.optimizer, lr: o.lr, weightDecay: o.weightDecay };
  if (o.optimizer === 'adam' || o.optimizer === 'adamw') return { ...base, optimizer: o.optimizer, betas: o.betas, eps: o.eps };
  if (o.optimizer === 'rmsprop') return { ...base, optimizer: o.optimizer, rho: o.rho, eps: o.eps, momentum: o.momentum };
  if (o.optimizer === 'adagrad') return { ...base, optimizer: o.optimizer, lrDecay: o.lrDecay, eps: o.eps };
  if (o.optimizer === 'adadelta') return { ...base, optimizer: o.optimizer, rho: o.rho, eps: o.eps };
  return { ...base, optimizer: o.optimizer, momentum: o.momentum, dampening: o.dampening, nesterov: o.nesterov };
}

/** Validates before any work; the optimizer options go through the same checks (and messages) as engine.optimizer. */
function validate(start: Point, given: MinimizeOptions): {
  optimizerOptions: Required<OptimizerSettings>; maxIterations: number; tol: number; engine: MinimizeOptions['engine'];
} {
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new TypeError(`options must be an options object, got ${describe(given)}`);
  }
  checkKeys(given, KNOWN, 'minimize');
  if (!(Array.isArray(start) || ArrayBuffer.isView(start)) || start.length !== 2 || !start.every(Number.isFinite)) {
    const shown = Array.isArray(start) && start.length <= 3 ? `[${start.join(', ')}]` : describe(start);
    throw new TypeError(`start must be [x, y] with finite numbers, got ${shown}`);
  }
  const picked: Partial<OptimizerSettings> = {};
  for (const key of OPTIMIZER_KEYS) if (given[key] !== undefined) (picked as Record<string, unknown>)[key] = given[key];
  const optimizerOptions = checkOptimizer(picked);
  const maxIterations = given.maxIterations ?? DEFAULTS.maxIterations;
  const tol = given.tol ?? DEFAULTS.tol;
  if (!(Number.isInteger(maxIterations) && maxIterations > 0 && maxIterations <= MAX_MINIMIZE_ITERATIONS)) {
    throw new RangeError(`maxIterations must be a positive integer ≤ ${MAX_MINIMIZE_ITERATIONS} (the whole trajectory is kept), got ${describe(maxIterations)}`);
  }
  if (!(typeof tol === 'number' && tol >= 0 && tol < Infinity)) {
    throw new RangeError(`tol must be a finite number >= 0, got ${describe(tol)}`);
  }
  return { optimizerOptions, maxIterations, tol, engine: given.engine };
}
