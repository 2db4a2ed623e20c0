/**
 * Runs momentum SGD on a 2-D {@link TestFunction} and records the trajectory, for demos and for the playground.
 * The update is the library's: `engine.sgd` when an engine is given, otherwise a JS stepper in the same operation
 * order as assembly/step.ts (stepMomentum), so both give the same doubles.
 */
import type { Point, TestFunction } from './functions.js';
import { checkOptimizer, describe } from './options.js';
import type { Engine, FitOptions, SgdOptions } from './types.js';

/** Options of {@link minimize}. */
export interface MinimizeOptions {
  /** Learning rate η > 0 (finite). Required. */
  lr: number;
  /** Momentum β ∈ [0, 1). Default 0 (plain gradient descent). */
  momentum?: number;
  /** Dampening τ ∈ [0, 1]. Default 0. */
  dampening?: number;
  /** Nesterov momentum; requires β > 0 and τ = 0. Default false. */
  nesterov?: boolean;
  /** L2 weight decay λ ≥ 0: g ← g + λ·θ. Default 0. */
  weightDecay?: number;
  /** Most updates to apply, a positive integer. Default 1000. */
  maxIterations?: number;
  /**
   * Stop with 'converged' once ‖∇f(θₖ)‖₂ < tol (checked before each update). Default 1e-8; 0 never stops early.
   * A gradient-norm rule, unlike {@link FitOptions.tol}'s objective-improvement rule: a 2-D demo knows ∇f exactly.
   */
  tol?: number;
  /** Take the update from this engine's `sgd` (WASM or JS backend). Default: the built-in JS stepper. */
  engine?: Pick<Engine, 'sgd'>;
}

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
const KNOWN: readonly string[] = ['lr', 'momentum', 'dampening', 'nesterov', 'weightDecay', 'maxIterations', 'tol', 'engine'];

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
  const opts = validate(start, options);
  const sgdOptions: SgdOptions = {
    lr: opts.lr,
    momentum: opts.momentum,
    dampening: opts.dampening,
    nesterov: opts.nesterov,
    weightDecay: opts.weightDecay,
  };
  const optimizer = opts.engine ? opts.engine.sgd(start, sgdOptions) : new JsStepper2(start, sgdOptions);
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
      if (Math.hypot(grad[0], grad[1]) < opts.tol) {
        status = 'converged';
        break;
      }
      if (k === opts.maxIterations) break;
      optimizer.step(grad);
      const next = optimizer.params;
      x = next[0]!;
      y = next[1]!;
    }
  } finally {
    if ('dispose' in optimizer) optimizer.dispose();
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

/**
 * torch.optim.SGD on two parameters, in assembly/step.ts's operation order (stepMomentum): the default when
 * no engine is given, and a check on the engines in test/minimize.test.ts.
 */
class JsStepper2 {
  readonly #theta: Float64Array;
  #velocity: Float64Array | null = null;
  readonly #o: Required<SgdOptions>;

  constructor(params: Point, options: SgdOptions) {
    this.#theta = Float64Array.from(params);
    this.#o = { momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, maximize: false, ...options };
  }

  get params(): Float64Array {
    return this.#theta.slice();
  }

  step(grad: ArrayLike<number>): void {
    const { lr, momentum, dampening, nesterov, weightDecay, maximize } = this.#o;
    const first = this.#velocity === null;
    if (momentum !== 0 && first) this.#velocity = new Float64Array(this.#theta.length);
    const keep = 1.0 - dampening;
    for (let i = 0; i < this.#theta.length; i++) {
      let g = grad[i]!;
      const theta = this.#theta[i]!;
      if (maximize) g = -g;
      if (weightDecay !== 0) g = g + weightDecay * theta;
      if (momentum !== 0) {
        const velocity = this.#velocity!;
        const v = first ? g : momentum * velocity[i]! + keep * g;
        velocity[i] = v;
        g = nesterov ? g + momentum * v : v;
      }
      this.#theta[i] = theta - lr * g;
    }
  }
}

/** Validates before any work; the SGD options go through the same checks (and messages) as engine.sgd. */
function validate(start: Point, given: MinimizeOptions): Required<Omit<MinimizeOptions, 'engine'>> & Pick<MinimizeOptions, 'engine'> {
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new TypeError(`options must be an options object, got ${describe(given)}`);
  }
  for (const key of Object.keys(given)) {
    if (!KNOWN.includes(key)) throw new TypeError(`Unknown minimize option "${key}"; known options: ${KNOWN.join(', ')}`);
  }
  if (!(Array.isArray(start) || ArrayBuffer.isView(start)) || start.length !== 2 || !start.every(Number.isFinite)) {
    const shown = Array.isArray(start) && start.length <= 3 ? `[${start.join(', ')}]` : describe(start);
    throw new TypeError(`start must be [x, y] with finite numbers, got ${shown}`);
  }
  const { lr, momentum, dampening, nesterov, weightDecay } = checkOptimizer({ ...given, maximize: false });
  const maxIterations = given.maxIterations ?? DEFAULTS.maxIterations;
  const tol = given.tol ?? DEFAULTS.tol;
  if (!(Number.isInteger(maxIterations) && maxIterations > 0)) {
    throw new RangeError(`maxIterations must be a positive integer, got ${describe(maxIterations)}`);
  }
  if (!(typeof tol === 'number' && tol >= 0 && tol < Infinity)) {
    throw new RangeError(`tol must be a finite number >= 0, got ${describe(tol)}`);
  }
  return { lr, momentum, dampening, nesterov, weightDecay, maxIterations, tol, engine: given.engine };
}
