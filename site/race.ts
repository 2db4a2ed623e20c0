/**
 * The race: plain GD, momentum and Nesterov (minimize() on the page's engine), Adam (the engine's per-step
 * optimizer, `engine.optimizer(θ₀, { optimizer: 'adam', lr })`) and 'auto' (minimize's `lr: 'auto', momentum:
 * 'auto'`: η from the curvature, β = k/(k + 3), Armijo backtracking and function restart; no slider moves it) from
 * one start on one function, each a full trajectory computed up front and then revealed iteration by iteration. Trajectories that leave twice the drawing
 * domain are cut there (the saddles are unbounded below and would run off to ±∞).
 */
import type { Point, TestFunction } from '../src/functions.js';
import { iterationsToReach, minimize, type MinimizeResult } from '../src/minimize.js';
import type { Engine, OptimizerName } from '../src/types.js';

/**
 * Per-function defaults: η, β, the iteration budget, and Adam's η. Adam's step is about η whatever the gradient's
 * scale (m̂/√v̂ ≈ ±1), while GD's is η·‖∇f‖, so Adam needs its own η; the η slider scales both by the same factor.
 */
export const PRESETS: Record<string, { lr: number; momentum: number; maxIterations: number; adamLr: number }> = {
  rosenbrock: { lr: 1e-3, momentum: 0.9, maxIterations: 3000, adamLr: 0.1 },
  beale: { lr: 1e-3, momentum: 0.9, maxIterations: 2000, adamLr: 0.1 },
  himmelblau: { lr: 5e-3, momentum: 0.8, maxIterations: 1000, adamLr: 0.03 },
  booth: { lr: 1e-2, momentum: 0.8, maxIterations: 1000, adamLr: 0.1 },
  saddle: { lr: 2e-2, momentum: 0.9, maxIterations: 600, adamLr: 0.02 },
  monkeySaddle: { lr: 1e-2, momentum: 0.9, maxIterations: 600, adamLr: 0.01 },
  rastrigin: { lr: 2e-3, momentum: 0.9, maxIterations: 600, adamLr: 0.01 },
  quadratic: { lr: 2e-2, momentum: 0.9, maxIterations: 1000, adamLr: 0.1 },
  plateau: { lr: 0.3, momentum: 0.9, maxIterations: 1000, adamLr: 0.1 },
};

/** Gradient-norm tolerance of every racer: minimize()'s default. */
const TOL = 1e-8;

/** One optimizer of the race and its trajectory. */
export interface Racer {
  readonly label: string;
  readonly color: string;
  /** Line width in CSS pixels; wider underneath, so that coinciding trajectories show as nested stripes. */
  readonly width: number;
  /** Canvas line dash (empty: solid). */
  readonly dash: readonly number[];
  readonly optimizer: Extract<OptimizerName, 'sgd' | 'adam'>;
  /** lr and momentum 'auto' (η, β and restarts chosen by minimize; `lr` and `momentum` are then NaN). */
  readonly auto: boolean;
  readonly lr: number;
  readonly momentum: number;
  readonly nesterov: boolean;
  /** null when the configuration is invalid (Nesterov needs β > 0). */
  readonly run: MinimizeResult | null;
  /** Points shown: the run cut at the first point outside the enlarged domain. */
  readonly shown: number;
  /** First iteration within `radius` of a minimum, or -1. */
  readonly reached: number;
  /** Iterations spent within `radius` of a saddle point (0 when the function lists none). */
  readonly nearSaddle: number;
}

/** Distance to a minimum (or saddle) that counts as "there", relative to the domain's width. */
export const RADIUS_FRACTION = 2.5e-4;

/**
 * Runs the five racers from `start`: SGD with η = `lr` and β = 0, `momentum`, Nesterov; when the engine has
 * per-step optimizers, Adam with η = `adamLr` and PyTorch's defaults (β₁ = 0.9, β₂ = 0.999, ε = 1e-8); and 'auto'
 * (`minimize(fn, start, { lr: 'auto', momentum: 'auto' })`: each of its iterations costs one evaluation of f and ∇f,
 * as the others' do, plus up to 20 gradient evaluations at the start for the curvature estimate).
 */
export function race(engine: Engine, fn: TestFunction, start: Point, lr: number, momentum: number, maxIterations: number, adamLr: number): Racer[] {
  type Spec = Omit<Racer, 'run' | 'shown' | 'reached' | 'nearSaddle'>;
  const specs: Spec[] = [
    { label: 'plain GD (β = 0)', color: '#e4572e', width: 5, dash: [], optimizer: 'sgd', auto: false, lr, momentum: 0, nesterov: false },
    { label: `momentum (β = ${momentum})`, color: '#2e86de', width: 3.5, dash: [], optimizer: 'sgd', auto: false, lr, momentum, nesterov: false },
    { label: `Nesterov (β = ${momentum})`, color: '#1b9e5a', width: 2, dash: [], optimizer: 'sgd', auto: false, lr, momentum, nesterov: true },
  ];
  if (typeof engine.optimizer === 'function') {
    specs.push({ label: `Adam (η = ${adamLr.toPrecision(2)})`, color: '#8e44ad', width: 2.5, dash: [8, 4], optimizer: 'adam', auto: false, lr: adamLr, momentum: 0, nesterov: false });
  }
  specs.push({ label: 'auto (η, β from f, restart)', color: '#e67e22', width: 2, dash: [2, 3], optimizer: 'sgd', auto: true, lr: NaN, momentum: NaN, nesterov: false });
  const width = fn.domain.x[1] - fn.domain.x[0];
  const radius = RADIUS_FRACTION * width;
  const saddleRadius = 0.05 * width;
  return specs.map((s) => {
    if (s.nesterov && s.momentum === 0) return { ...s, run: null, shown: 0, reached: -1, nearSaddle: 0 };
    const run = s.auto
      ? minimize(fn, start, { lr: 'auto', momentum: 'auto', maxIterations, tol: TOL, engine })
      : s.optimizer === 'adam'
        ? minimize(fn, start, { optimizer: 'adam', lr: s.lr, maxIterations, tol: TOL, engine })
        : minimize(fn, start, { lr, momentum: s.momentum, nesterov: s.nesterov, maxIterations, engine });
    const shown = insideCount(run, fn, 2);
    const reached = iterationsToReach(run, fn.minima, radius);
    let nearSaddle = 0;
    for (let k = 0; k < shown; k++) {
      const x = run.points[2 * k]!;
      const y = run.points[2 * k + 1]!;
      if (fn.saddles.some(([sx, sy]) => Math.hypot(x - sx, y - sy) < saddleRadius)) nearSaddle++;
    }
    return { ...s, run, shown, reached, nearSaddle };
  });
}


/** Number of leading points inside the domain enlarged `factor` times about its centre. */
function insideCount(run: MinimizeResult, fn: TestFunction, factor: number): number {
  const { x, y } = fn.domain;
  const cx = (x[0] + x[1]) / 2;
  const cy = (y[0] + y[1]) / 2;
  const hx = ((x[1] - x[0]) / 2) * factor;
  const hy = ((y[1] - y[0]) / 2) * factor;
  const n = run.points.length / 2;
  for (let k = 0; k < n; k++) {
    if (Math.abs(run.points[2 * k]! - cx) > hx || Math.abs(run.points[2 * k + 1]! - cy) > hy) return k + 1;
  }
  return n;
}
