/**
 * Runs an optimizer (momentum SGD by default) on a 2-D {@link TestFunction} and records the trajectory, for demos
 * and for the playground. The update is the library's per-step optimizer: the given engine's, or the JS backend's
 * (same operation order as the WASM core, so both give the same doubles).
 */
import * as L from './abi/layout.js';
import type { Point, TestFunction } from './functions.js';
import { JsBackend } from './js/engine.js';
import { OPTIMIZER_IDS, checkArgCount, checkKeys, checkOptimizer, describe } from './options/index.js';
import { autoOptions, checkAuto, powerStart, POWER_SAFETY, type AutoRequest } from './options/auto.js';
import { Optimizer } from './optimizer.js';
import type { Engine, FitOptions, OptimizerChoice, OptimizerOptions, OptimizerSettings, SgdOptimizer } from './types.js';

/**
 * Options of {@link minimize}: the per-step optimizer's, typed per optimizer ({@link OptimizerChoice}: `{ optimizer:
 * 'adam', nesterov: true }` is a type error, as it is a RangeError at run time), and the run's own.
 */
export type MinimizeOptions = OptimizerChoice & {
  /**
   * Learning rate η > 0 (finite), or `'auto'` (optimizer 'sgd'). Required. `'auto'`: η₀ = 1/L̂ from the curvature at
   * θ₀ (L̂ = 1.05·‖H·v‖, H = ∇²f(θ₀) by forward differences of ∇f, v by power iteration: at most 20 gradient
   * evaluations, {@link MinimizeAutoReport}), then every step judged as in engine.fit's `lr: 'auto'`: Armijo's test
   * f(θ + Δ) ≤ f(θ) + 10⁻⁴·min(∇f(θ)·Δ, 0) (Armijo 1966; Nocedal & Wright, "Numerical Optimization", §3.1), a
   * failed step undone (η halved when it had no momentum in it, else the velocity restarted), η ← 1/C at each
   * restart (C the largest secant curvature ⟨∇f(θₖ₊₁) − ∇f(θₖ), θₖ₊₁ − θₖ⟩/‖θₖ₊₁ − θₖ‖² since the previous one, older
   * ones × 0.9 per step). So f never rises and the run never diverges on a function bounded below.
   */
  lr: number | 'auto';
  /**
   * When to reset the velocity (SGD with momentum): `'function'` when f rose (f(θₖ₊₁) > f(θₖ)), `'gradient'` when the
   * step went uphill (∇f(θₖ₊₁)·(θₖ₊₁ − θₖ) > 0), O'Donoghue & Candès, "Adaptive restart for accelerated gradient
   * schemes" (2015), or `'none'`. Default `'function'` when momentum is on and lr or momentum is `'auto'`, else
   * `'none'`. `momentum: 'auto'` is β = k/(k + 3) on the k-th step since the start or the last restart (Su, Boyd &
   * Candès 2016; no strong-convexity μ is known for a general f). With any of the three, weightDecay must be 0 (the
   * steps are judged by f) and dampening 0 for momentum 'auto'.
   */
  restart?: 'function' | 'gradient' | 'none';
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
  /**
   * What `lr: 'auto'`, `momentum: 'auto'` and `restart` chose and did; null when none was asked for. With them a
   * rejected step's point is not recorded: θₖ₊₁ = θₖ (the run went back), so every iteration still costs one
   * evaluation of f and ∇f.
   */
  readonly auto: MinimizeAutoReport | null;
}

/** {@link MinimizeResult.auto}: the curvature estimate at θ₀, the settings it gave, and what the run did. */
export interface MinimizeAutoReport {
  /**
   * ‖H·v‖ for the power iteration's last unit vector v, H = ∇²f(θ₀) by forward differences of ∇f (step
   * 2⁻²⁶·max(1, |x₀|, |y₀|)): the largest |eigenvalue| of the Hessian, approached from below; NaN when lr is not
   * 'auto'.
   */
  readonly curvature: number;
  /** Gradient evaluations the estimate made at θ₀ (at most 20; not counted in `iterations`). */
  readonly hessianEvaluations: number;
  /** L̂ = 1.05·curvature; NaN when lr is not 'auto'. */
  readonly lipschitz: number;
  /** η of the first step: 1/L̂ for lr 'auto' (1 when L̂ is 0 or not finite), else the given lr. */
  readonly lr: number;
  /** β used: the number, or 'schedule' (k/(k + 3) since the last restart). */
  readonly momentum: number | 'schedule';
  /** The restart rule that was applied. */
  readonly restart: 'function' | 'gradient' | 'none';
  /** Velocity resets (a rejected momentum step, a restart rule, or a run far below the local curvature). */
  readonly restarts: number;
  /** Halvings of η (a rejected step without momentum in it; lr 'auto' only). */
  readonly backtracks: number;
  /** η at the end (lr 'auto': after backtracking and growth). */
  readonly finalLr: number;
}

const DEFAULTS = { maxIterations: 1000, tol: 1e-8 };
/** Most updates one minimize call makes: it keeps every point (2²² points ≈ 100 MB of trajectory). */
const MAX_MINIMIZE_ITERATIONS = 2 ** 22;
const OPTIMIZER_KEYS = ['optimizer', 'lr', 'momentum', 'dampening', 'nesterov', 'weightDecay', 'betas', 'eps', 'rho', 'lrDecay'] as const;
const KNOWN: readonly string[] = [...OPTIMIZER_KEYS, 'restart', 'maxIterations', 'tol', 'engine'];
/** Most gradient evaluations of the Hessian power iteration at θ₀ (lr 'auto'). */
const HESSIAN_MAX_ITER = 20;

/**
 * Minimises `fn` from `start` with torch.optim.SGD's update, recording every iterate:
 * g ← ∇f(θ) + λ·θ;  v ← g on the first step, then v ← β·v + (1 − τ)·g;  g ← g + β·v (Nesterov) or g ← v;
 * θ ← θ − η·g.  β = 0 is plain gradient descent (no velocity is kept).
 *
 * Each iteration k evaluates f(θₖ) and ∇f(θₖ), stops if either is not finite ('diverged', θₖ dropped) or if
 * ‖∇f(θₖ)‖₂ < tol ('converged'), else applies one update. A run that reaches `maxIterations` updates ends
 * with 'maxIterations'. Stationary points count as converged, saddles included: only the trajectory tells them apart.
 *
 * With `lr: 'auto'`, `momentum: 'auto'` or `restart` (see {@link MinimizeOptions.lr}), the update is still the per-step
 * optimizer's; the run sets its η and β and restarts its velocity between steps (through `state()`/`loadState`, so
 * any engine's optimizer gives the same doubles), and judges each step at the next evaluation as engine.fit does.
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
  const { optimizerOptions: o, maxIterations, tol, engine, auto } = validate(start, options);
  if (auto) return minimizeAuto(fn, start, o, auto, maxIterations, tol, engine);
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
    auto: null,
  };
}

/** ⟨g − h, a − b⟩/‖a − b‖² in 2-D (src/js/fit.ts: secant, the same order), 0 when a = b. */
function secant2(g: readonly number[], h: readonly number[], a: readonly number[], b: readonly number[]): number {
  let num = 0.0, den = 0.0;
  for (let j = 0; j < 2; j++) {
    const dt = a[j]! - b[j]!;
    num += (g[j]! - h[j]!) * dt;
    den += dt * dt;
  }
  return den > 0 ? num / den : 0.0;
}

/** Σⱼ g[j]·(a[j] − b[j]) in 2-D (src/js/fit.ts: slopeAlong, the same order). */
function slope2(g: readonly number[], a: readonly number[], b: readonly number[]): number {
  let s = 0.0;
  for (let j = 0; j < 2; j++) s += g[j]! * (a[j]! - b[j]!);
  return s;
}

/**
 * The largest |eigenvalue| of ∇²f(x, y), approached from below: power iteration on H·v ≈ (∇f(θ + h·v) − ∇f(θ))/h
 * (forward differences, h = 2⁻²⁶·max(1, |x|, |y|) ≈ √ε relative), from the fixed start powerStart(2)/‖·‖, estimate
 * ‖H·v‖ for the current unit v (for an indefinite H, such as a saddle's, the Rayleigh quotient can cancel; the norm
 * cannot), stopping when it changes by ≤ 0.1 % (L.POWER_TOL) or after HESSIAN_MAX_ITER evaluations. 0 when ∇f is
 * locally constant, NaN when an evaluation is not finite.
 */
function hessianNorm(fn: Pick<TestFunction, 'grad'>, x: number, y: number, g: readonly number[]): { value: number; evaluations: number } {
  const h = 2 ** -26 * Math.max(1, Math.abs(x), Math.abs(y));
  const s = powerStart(2);
  const n0 = Math.hypot(s[0]!, s[1]!);
  let v0 = s[0]! / n0, v1 = s[1]! / n0;
  let value = 0, evaluations = 0;
  for (let i = 0; i < HESSIAN_MAX_ITER; i++) {
    const gp = fn.grad(x + h * v0, y + h * v1);
    evaluations++;
    const w0 = (gp[0] - g[0]!) / h, w1 = (gp[1] - g[1]!) / h;
    const norm = Math.hypot(w0, w1);
    if (!Number.isFinite(norm)) return { value: NaN, evaluations };
    if (norm === 0) return { value: 0, evaluations };
    const done = i > 0 && Math.abs(norm - value) <= L.POWER_TOL * norm;
    value = norm;
    if (done) break;
    v0 = w0 / norm;
    v1 = w1 / norm;
  }
  return { value, evaluations };
}

/**
 * minimize with `lr: 'auto'`, `momentum: 'auto'` or `restart`: the fit kernel's judgement of each step
 * (src/js/fit.ts, the C_AUTO branch, with a full batch of one function) on the host, the update the per-step
 * optimizer's. Each evaluation of f and ∇f at a candidate θₖ₊₁ judges the step that made it: not finite or (lr 'auto')
 * failing Armijo's test → back to θₖ (η halved if the step was fresh, else a restart); f rose ('function') or the step
 * went uphill ('gradient') → restart; lr 'auto' with a run of ≥ AUTO_GROW_AFTER steps far below the local curvature
 * (η·C < AUTO_GROW_BELOW) → restart to grow η; at each restart (and every accepted step without momentum) η ← 1/C.
 * Forgetting of C always (a general f's curvature changes along the path, as a classifier's does).
 */
function minimizeAuto(
  fn: Pick<TestFunction, 'f' | 'grad'>, start: Point, o: Required<OptimizerSettings>, r: AutoRequest,
  maxIterations: number, tol: number, engine: MinimizeOptions['engine'],
): MinimizeResult {
  const backtrack = r.lr, schedule = r.momentum;
  const restartF = r.restart === 'function', restartG = r.restart === 'gradient';
  const points: number[] = [];
  const values: number[] = [];
  let cur: number[] = [start[0], start[1]];
  let J = fn.f(cur[0]!, cur[1]!);
  let g: number[] = [...fn.grad(cur[0]!, cur[1]!)];
  // The estimate of L at θ₀ (only when θ₀ and its gradient are finite: otherwise the loop stops at once).
  let curvatureAt0 = NaN, evaluations = 0, lipschitz = NaN;
  let autoLr = o.lr;
  if (backtrack && Number.isFinite(J) && Number.isFinite(g[0]) && Number.isFinite(g[1])) {
    const est = hessianNorm(fn, cur[0]!, cur[1]!, g);
    curvatureAt0 = est.value;
    evaluations = est.evaluations;
    lipschitz = POWER_SAFETY * curvatureAt0;
    autoLr = lipschitz > 0 && Number.isFinite(lipschitz) ? 1 / lipschitz : 1;
  }
  const lr0 = autoLr;
  // The optimizer starts with the first step's settings (β = 1/4 for the schedule's k = 1).
  const beta0 = schedule ? 0.25 : o.momentum;
  const optimizer = makeOptimizer(start, { ...o, lr: autoLr, momentum: beta0 }, engine);
  let prev: number[] = cur, prevGrad: number[] = g, prevJ = J;
  let pending = false, fresh = false, valid = true, first = true;
  let autoK = 0, restarts = 0, backtracks = 0, curvature = 0, growAfter = L.AUTO_GROW_AFTER;
  let beta = beta0, loadedBeta = beta0, loadedLr = autoLr;
  let status: MinimizeStatus = 'maxIterations';
  try {
    for (let k = 0; ; k++) {
      if (k > 0) {
        cur = Array.from(optimizer.params);
        J = fn.f(cur[0]!, cur[1]!);
        g = [...fn.grad(cur[0]!, cur[1]!)];
      }
      let finiteHere = Number.isFinite(J) && Number.isFinite(g[0]) && Number.isFinite(g[1]);
      if (pending) {
        pending = false;
        const finite = valid && finiteHere;
        if (finite) {
          const cv = secant2(g, prevGrad, cur, prev);
          curvature = curvature * L.AUTO_CURVATURE_DECAY;
          if (cv > curvature) curvature = cv;
        }
        let accept = finite;
        if (accept && backtrack) accept = J <= prevJ + L.AUTO_ARMIJO * Math.min(slope2(prevGrad, cur, prev), 0.0);
        let reset = false;
        if (!accept) {
          if (backtrack) {
            cur = prev;
            g = prevGrad;
            J = prevJ;
            finiteHere = true;
            if (fresh) {
              // Never 0 (the optimizer's η must be > 0): at the edge of f64, where f of every step overflows, the
              // run stays at its last point until the budget runs out.
              autoLr = Math.max(autoLr * L.AUTO_SHRINK, Number.MIN_VALUE);
              backtracks += 1;
            } else {
              restarts += 1;
              reset = true;
            }
            autoK = 0;
            first = true;
          }
        } else if ((restartF && J > prevJ) || (restartG && slope2(g, cur, prev) > 0)) {
          autoK = 0;
          first = true;
          restarts += 1;
          reset = true;
        } else if (backtrack && autoK >= growAfter && curvature * autoLr < L.AUTO_GROW_BELOW) {
          growAfter = growAfter * 2;
          autoK = 0;
          first = true;
          restarts += 1;
          reset = true;
        }
        if (backtrack && (reset || (accept && beta === 0))) {
          if (curvature > 0) autoLr = 1.0 / curvature;
          curvature = 0;
        }
      }
      if (!(Number.isFinite(cur[0]) && Number.isFinite(cur[1]) && finiteHere)) {
        status = 'diverged';
        break;
      }
      points.push(cur[0]!, cur[1]!);
      values.push(J);
      if (Math.hypot(g[0]!, g[1]!) < tol) {
        status = 'converged';
        break;
      }
      if (k === maxIterations) break;
      prev = cur;
      prevGrad = g;
      prevJ = J;
      pending = true;
      autoK = autoK + 1;
      if (schedule) beta = autoK / (autoK + 3);
      fresh = first || beta === 0;
      const lr = backtrack ? autoLr : o.lr;
      // The optimizer's θ, velocity, η and β for this step: rewritten only when something changed (back to θₖ after
      // a rejection, a restart, a new η or β); a restarted velocity is null, so the step takes v ← g.
      const back = cur[0] !== optimizer.params[0] || cur[1] !== optimizer.params[1];
      if (back || (first && beta !== 0) || beta !== loadedBeta) {
        const state = optimizer.state();
        optimizer.loadState({
          ...state,
          params: cur,
          velocity: first || beta === 0 ? null : state.velocity,
          options: { ...state.options, lr, momentum: beta } as OptimizerOptions,
        });
        loadedBeta = beta;
        loadedLr = lr;
      } else if (lr !== loadedLr) {
        optimizer.lr = lr;
        loadedLr = lr;
      }
      valid = true;
      try {
        optimizer.step(g);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        valid = false; // the optimizer refused a step that would make θ non-finite (θ kept)
        if (!backtrack) {
          status = 'diverged';
          break;
        }
      }
      first = false;
    }
  } finally {
    optimizer.dispose();
  }
  return {
    points: Float64Array.from(points),
    values: Float64Array.from(values),
    iterations: values.length - 1,
    status,
    auto: {
      curvature: curvatureAt0, hessianEvaluations: evaluations, lipschitz, lr: lr0,
      momentum: schedule ? 'schedule' : o.momentum, restart: r.restart, restarts, backtracks, finalLr: backtrack ? autoLr : o.lr,
    },
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
  auto: AutoRequest | null;
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
  // 'auto' stands for placeholder numbers in the optimizer's checks (src/options/auto.ts), replaced by the run.
  const a = autoOptions(given);
  if (a.request) Object.assign(picked, { lr: a.lr, momentum: a.momentum });
  const optimizerOptions = checkOptimizer(picked);
  let auto: AutoRequest | null = null;
  if (a.request) {
    // engine.fit's rules for the automatic options (optimizer 'sgd', dampening 0 for momentum 'auto', restart needs
    // momentum, restart's default); a full batch of one function, minimised, no schedule.
    auto = checkAuto(a.request, {
      optimizer: optimizerOptions.optimizer, model: 'minimize', lossId: L.LOSS_SQUARED, momentum: optimizerOptions.momentum,
      dampening: optimizerOptions.dampening, maximize: false, batchSize: 1, trainRows: 1, schedule: undefined,
      restartGiven: given.restart !== undefined,
    });
    if (optimizerOptions.weightDecay !== 0) {
      throw new RangeError(
        `weightDecay must be 0 with lr/momentum 'auto' or restart in minimize (each step is judged by f, which the ` +
        `decay λ·θ is not part of), got ${optimizerOptions.weightDecay}; add (λ/2)·‖θ‖² to f instead`,
      );
    }
  }
  const maxIterations = given.maxIterations ?? DEFAULTS.maxIterations;
  const tol = given.tol ?? DEFAULTS.tol;
  if (!(Number.isInteger(maxIterations) && maxIterations > 0 && maxIterations <= MAX_MINIMIZE_ITERATIONS)) {
    throw new RangeError(`maxIterations must be a positive integer ≤ ${MAX_MINIMIZE_ITERATIONS} (the whole trajectory is kept), got ${describe(maxIterations)}`);
  }
  if (!(typeof tol === 'number' && tol >= 0 && tol < Infinity)) {
    throw new RangeError(`tol must be a finite number >= 0, got ${describe(tol)}`);
  }
  return { optimizerOptions, maxIterations, tol, engine: given.engine, auto };
}
